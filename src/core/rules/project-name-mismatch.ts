import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { textOf } from "../rule-helpers";
import { withoutNumber } from "./summary-shared";

export const rule: Rule = {
  meta: {
    id: "project-name-mismatch",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("project-name-mismatch") },
    anchor: { ja: "活用状況の事業名セル", en: "the summary's 事業名 cell" },
    description: {
      ja: "活用状況の事業名と、同じ番号の事業のKPI欄の事業名が一致する",
      en: "The summary's project name matches the title of the section with the same (n)",
    },
    messages: {
      mismatch: {
        ja: "事業名が一致しません: 活用状況「{{summaryName}}」／{{sheet}}「{{sectionName}}」",
        en: 'Project names differ: summary "{{summaryName}}" vs {{sheet}} "{{sectionName}}"',
      },
    },
  },
  check(context) {
    const { model, sectionsByNumber } = context.analysis;
    for (const project of model.summary?.projects ?? []) {
      if (project.number === null) continue;
      const section = sectionsByNumber.get(project.number)?.find((s) => s.title);
      if (!section?.title) continue;
      const summaryName = textOf(project.name);
      const sectionName = textOf(section.title);
      if (withoutNumber(summaryName) === withoutNumber(sectionName)) continue;
      context.report({
        messageId: "mismatch",
        at: project.name,
        project: project.number,
        data: { summaryName, sectionName, sheet: section.sheet },
      });
    }
  },
};
