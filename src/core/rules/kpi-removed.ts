import { kpiLabelText } from "../numbering";
import type { Rule } from "../rule";
import { ruleDocsUrl, shown } from "../rule";
import { comparisonOf } from "./previous-shared";

export const rule: Rule = {
  meta: {
    id: "kpi-removed",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("kpi-removed") },
    anchor: { ja: "その事業のKPI欄の表題セル", en: "the project's section title cell" },
    description: {
      ja: "前年度の報告書にあったKPIが今年度の報告書にない（KPIは毎年同じ。前年度の報告書と比較する場合のみ）",
      en: "A KPI of last year's report is missing now (KPIs stay the same every year; only when compared with last year's report)",
    },
    messages: {
      removed: {
        ja: "前年度の報告書にあった{{kpi}}「{{name}}」が{{project}}にありません（実施計画書を変更していなければ、前年度と同じKPIを報告します）",
        en: 'Last year\'s {{kpi}} "{{name}}" is missing from {{project}} (unless the plan was changed, the KPIs are those of last year)',
      },
    },
  },
  check(context) {
    const comparison = comparisonOf(context.analysis);
    if (!comparison) return;
    for (const project of comparison.projects) {
      const { section } = project;
      // A section pairs by its title's (n) and name: one without a title is never paired.
      const at = section.title ?? { sheet: section.sheet, cell: "A1" };
      for (const kpi of project.removed) {
        context.report({
          messageId: "removed",
          at,
          project: section.number,
          kpi: null,
          data: { kpi: kpiLabelText(section.number, kpi.number), name: shown(kpi.name), project: section.sheet },
        });
      }
    }
  },
};
