import { decimalToNumber, decimalToString } from "../decimal";
import type { NumberIssue } from "../numbers";
import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { describeValueCell, valueCellsToCheck } from "../rule-helpers";

/** Text that reads as a number but is not written as one; a minus look-alike is minus-sign's finding (its fix covers the rest). */
function hasTextIssue(issues: readonly NumberIssue[]): boolean {
  return !issues.includes("minus") && issues.some((i) => i !== "percent-fraction");
}

/** 「16000」「-5」「82.7」: digits, an optional "-" and decimals, nothing else — a plain number stored as text. */
function isStoredAsText(issues: readonly NumberIssue[]): boolean {
  return issues.length === 1 && issues[0] === "text";
}

export const rule: Rule = {
  meta: {
    id: "number-format",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("number-format") },
    anchor: { ja: "そのセル", en: "the cell" },
    description: {
      ja: "基準値・目標値・実績値は数値のみ（使える語: 基準値の「なし」、実績値の「未計測」、初年度目標値の「未設定」）。文字列として入力された数値（「16000」）は警告",
      en: "Baseline, target and actual values are numbers only (words allowed: なし, 未計測, 未設定 for the first year's target); a plain number stored as text (「16000」) is a warning",
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
      storedAsText: {
        ja: "{{kpi}}の{{year}}{{role}}「{{value}}」は文字列として入力された数値です。数値として入力してください（Excel の合計や比較では無視されます）",
        en: '{{kpi}}: {{year}}{{role}} "{{value}}" is a number stored as text; enter it as a number (Excel\'s sums and comparisons skip it)',
      },
      unsetLater: {
        ja: "{{kpi}}の{{year}}目標値に「未設定」は使えません（「未設定」は初年度の目標値のみ）",
        en: "{{kpi}}: 未設定 is allowed only for the first year's target, not {{year}}",
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      for (const cell of valueCellsToCheck(facts)) {
        const { reading, field } = cell;
        let messageId: "invalid" | "unsetLater" | "fixable" | "storedAsText";
        if (reading.kind === "text") messageId = "invalid";
        else if (reading.kind === "word" && !cell.allowedWords.includes(reading.word)) messageId = "unsetLater";
        else if (reading.kind === "number" && isStoredAsText(reading.issues)) messageId = "storedAsText";
        else if (reading.kind === "number" && hasTextIssue(reading.issues)) messageId = "fixable";
        else continue;
        const data = {
          ...describeValueCell(cell),
          // Not "なし": that is a word itself, and not one this cell allows.
          words: cell.allowedWords.length > 0 ? cell.allowedWords.join("・") : { ja: "数値のみ", en: "none, numbers only" },
        };
        const where = { at: field, ...context.where(facts) };
        if ((messageId === "fixable" || messageId === "storedAsText") && reading.kind === "number") {
          context.report({
            ...where,
            messageId,
            // It reads right, so it is only a warning; but Excel's own sums and comparisons skip it.
            ...(messageId === "storedAsText" ? { severity: "warning" as const } : {}),
            data: { ...data, number: decimalToString(reading.value) },
            fix: [context.valueWrite(field, decimalToNumber(reading.value))],
          });
        } else {
          context.report({ ...where, messageId, data });
        }
      }
    }
  },
};
