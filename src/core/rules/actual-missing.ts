import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";

export const rule: Rule = {
  meta: {
    id: "actual-missing",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("actual-missing") },
    anchor: { ja: "実績値のセル", en: "the 実績値 cell" },
    description: {
      ja: "報告年度までの実績値は必須（計測できない場合は「未計測」）",
      en: "Actuals up to the reporting year are required (未計測 when not measured)",
    },
    messages: {
      empty: {
        ja: "{{kpi}}の{{year}}年度末 実績値が空欄です（数値、または「未計測」を記入）",
        en: "{{kpi}}: the FY{{year}} actual is empty (write a number, or 未計測)",
      },
    },
  },
  check(context) {
    const Y = context.analysis.options.reportingYear;
    for (const facts of context.analysis.blocks) {
      for (const y of facts.years) {
        if (y.entry.year > Y || y.actual.kind !== "empty") continue;
        context.report({
          messageId: "empty",
          at: y.entry.actual,
          ...context.where(facts),
          data: { kpi: kpiLabel(facts), year: y.entry.year },
        });
      }
    }
  },
};
