import { decimalToNumber, decimalToString } from "../decimal";
import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { describeValueCell, valueCellsToCheck } from "../rule-helpers";

export const rule: Rule = {
  meta: {
    id: "percent-fraction",
    severity: "warning",
    fixable: true,
    docs: { url: ruleDocsUrl("percent-fraction") },
    anchor: { ja: "そのセル", en: "the cell" },
    description: {
      ja: "単位が % のとき、値は百分率の数値で記入する（0.862 をパーセント表示にしない）",
      en: "Under 単位 %, write the percentage itself (86.2), not a fraction shown as a percent (0.862 as 86.2%)",
    },
    messages: {
      fraction: {
        ja: "{{kpi}}の{{year}}{{role}}は {{value}} を「%」表示しています。単位が % のため {{number}} と記入します",
        en: "{{kpi}}: {{year}}{{role}} stores {{value}} shown as a percent; with unit % write {{number}}",
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      for (const cell of valueCellsToCheck(facts)) {
        const { reading, field } = cell;
        if (reading.kind !== "number" || !reading.issues.includes("percent-fraction")) continue;
        context.report({
          messageId: "fraction",
          at: field,
          ...context.where(facts),
          data: { ...describeValueCell(cell), number: decimalToString(reading.value) },
          fix: [context.valueWrite(field, decimalToNumber(reading.value), "General")],
        });
      }
    }
  },
};
