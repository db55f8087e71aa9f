import { decimalToNumber, decimalToString } from "../decimal";
import type { Rule } from "../rule";
import { describeValueCell, valueCells } from "../rule-helpers";

export const rule: Rule = {
  meta: {
    id: "number-format",
    severity: "error",
    fixable: true,
    anchor: { ja: "そのセル", en: "the cell" },
    description: {
      ja: "基準値・目標値・実績値は数値のみ（使える語: 基準値の「なし」、実績値の「未計測」、初年度目標値の「未設定」）",
      en: "Baseline, target and actual values are numbers only (words allowed: なし, 未計測, 未設定 for the first year's target)",
    },
    messages: {
      fixable: {
        ja: "{{kpi}}の{{year}}{{role}}「{{value}}」は数値のみで記入します（{{number}}）",
        en: '{{kpi}}: {{year}}{{role}} "{{value}}" must be a plain number ({{number}})',
      },
      invalid: {
        ja: "{{kpi}}の{{year}}{{role}}「{{value}}」は数値ではありません（使える語: {{words}}）",
        en: '{{kpi}}: {{year}}{{role}} "{{value}}" is not a number (words allowed: {{words}})',
      },
      unsetLater: {
        ja: "{{kpi}}の{{year}}目標値に「未設定」は使えません（「未設定」は初年度の目標値のみ）",
        en: "{{kpi}}: 未設定 is allowed only for the first year's target, not {{year}}",
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      for (const cell of valueCells(facts)) {
        const { reading, field } = cell;
        const data = {
          ...describeValueCell(cell),
          // Not "なし": that is a word itself, and not one this cell allows.
          words: cell.allowedWords.length > 0 ? cell.allowedWords.join("・") : { ja: "数値のみ", en: "none, numbers only" },
        };
        const where = { at: field, ...context.where(facts) };
        if (reading.kind === "text") {
          context.report({ ...where, messageId: "invalid", data });
        } else if (reading.kind === "word" && !cell.allowedWords.includes(reading.word)) {
          context.report({ ...where, messageId: "unsetLater", data });
        } else if (reading.kind === "number") {
          const textIssues = reading.issues.filter((i) => i !== "percent-fraction");
          // A minus look-alike is minus-sign's finding; it fixes the whole value.
          if (textIssues.length === 0 || textIssues.includes("minus")) continue;
          const number = decimalToNumber(reading.value);
          context.report({
            ...where,
            messageId: "fixable",
            data: { ...data, number: decimalToString(reading.value) },
            fix: [context.valueWrite(field, number)],
          });
        }
      }
    }
  },
};
