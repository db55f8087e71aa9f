import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { textOf } from "../rule-helpers";

export const rule: Rule = {
  meta: {
    id: "section-missing",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("section-missing") },
    anchor: { ja: "活用状況の事業名セル、または事業のKPI欄の表題セル", en: "the summary's 事業名 cell, or the section's title cell" },
    description: {
      ja: "活用状況の事業と事業のKPI欄が、番号 (n) で一対一に対応する",
      en: "Summary rows and KPI sections pair one to one by their (n)",
    },
    messages: {
      noSection: {
        ja: "活用状況の事業「{{name}}」に対応する事業のKPI欄 ({{number}}) が見つかりません",
        en: 'No KPI section ({{number}}) found for the summary\'s project "{{name}}"',
      },
      noSummaryRow: {
        ja: "事業のKPI欄「{{name}}」に対応する活用状況の行 ({{number}}) がありません",
        en: 'The KPI section "{{name}}" has no summary row ({{number}})',
      },
    },
  },
  check(context) {
    const { model, sectionsByNumber, projectsByNumber } = context.analysis;
    const summary = model.summary;
    if (!summary || model.sections.length === 0) return;
    for (const project of summary.projects) {
      if (project.number === null || sectionsByNumber.has(project.number)) continue;
      context.report({
        messageId: "noSection",
        at: project.name,
        project: project.number,
        data: { name: textOf(project.name), number: project.number },
      });
    }
    for (const section of model.sections) {
      if (section.number === null || section.blocks.length === 0) continue; // an unfilled form's section
      if (projectsByNumber.has(section.number)) continue;
      const at = section.title ?? section.blocks[0]?.label;
      if (!at) continue;
      context.report({
        messageId: "noSummaryRow",
        at,
        project: section.number,
        data: { name: textOf(section.title) || section.sheet, number: section.number },
      });
    }
  },
};
