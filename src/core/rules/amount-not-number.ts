import { readNumber } from "../numbers";
import { decimalToNumber } from "../decimal";
import { formatAmount } from "../number-text";
import type { Rule } from "../rule";
import { shown, ruleDocsUrl } from "../rule";
import { AMOUNT_FORMAT, amountCells } from "./summary-shared";

export const rule: Rule = {
  meta: {
    id: "amount-not-number",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("amount-not-number") },
    anchor: { ja: "その金額セル", en: "the amount cell" },
    description: {
      ja: "事業費・交付金充当額は数値で入力する（文字列の「2,136,200円」や全角数字は不可）",
      en: '事業費 and 交付金充当額 must be numbers, not text such as "2,136,200円"',
    },
    messages: {
      fixable: {
        ja: "{{column}}「{{value}}」が文字列です。数値として入力してください（{{amount}}。「円」と桁区切りはセルの表示形式で付きます）",
        en: '{{column}} "{{value}}" is text; enter it as a number ({{amount}}; the 円 and the separators come from the cell\'s number format)',
      },
      invalid: {
        ja: "{{column}}「{{value}}」は数値として読めません",
        en: '{{column}} "{{value}}" cannot be read as a number',
      },
    },
  },
  check(context) {
    for (const { project, column, field } of amountCells(context.analysis.model)) {
      if (typeof field.value !== "string" && typeof field.value !== "boolean") continue;
      const reading = readNumber(field, { units: ["円"] });
      if (reading.kind === "empty") continue;
      const where = { at: field, project: project?.number ?? null };
      if (reading.kind === "number") {
        const number = decimalToNumber(reading.value);
        context.report({
          ...where,
          messageId: "fixable",
          data: { column, value: shown(field.value), amount: formatAmount(reading.value) },
          fix: [context.valueWrite(field, number, AMOUNT_FORMAT)],
        });
      } else {
        context.report({ ...where, messageId: "invalid", data: { column, value: shown(field.value) } });
      }
    }
  },
};
