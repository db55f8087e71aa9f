import { addDecimal, compareDecimal, decimalToNumber, decimalToString, ZERO } from "../decimal";
import type { CellField, SummaryProject } from "../model";
import type { Rule } from "../rule";
import { shown, ruleDocsUrl } from "../rule";
import { AMOUNT_FORMAT, COST_TEXT, GRANT_TEXT, amountOf, isUnreadableAmount } from "./summary-shared";

export const rule: Rule = {
  meta: {
    id: "total-mismatch",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("total-mismatch") },
    anchor: { ja: "その列の合計セル", en: "the 合計 cell of that column" },
    description: {
      ja: "合計行の事業費・交付金充当額は各事業の合計",
      en: "The 合計 row holds the sum of the project rows",
    },
    messages: {
      mismatch: {
        ja: "合計の{{column}} {{total}} が、各事業の合計 {{sum}} と一致しません",
        en: "The {{column}} total {{total}} is not the sum of the projects, {{sum}}",
      },
      missing: {
        ja: "合計の{{column}}が空欄です（各事業の合計は {{sum}}）",
        en: "The {{column}} total is empty (the projects sum to {{sum}})",
      },
    },
  },
  check(context) {
    const summary = context.analysis.model.summary;
    if (!summary?.total || summary.projects.length === 0) return;
    const columns = [
      { column: COST_TEXT, total: summary.total.cost, cell: (p: SummaryProject) => p.cost },
      { column: GRANT_TEXT, total: summary.total.grant, cell: (p: SummaryProject) => p.grant },
    ];
    for (const { column, total, cell } of columns) {
      if (!total) continue;
      const fields = summary.projects.map(cell).filter((f): f is CellField => !!f);
      if (fields.length === 0 || fields.some(isUnreadableAmount)) continue; // the amounts' own findings come first
      const sum = fields.reduce((acc, f) => addDecimal(acc, amountOf(f) ?? ZERO), ZERO);
      const current = amountOf(total);
      if (current && compareDecimal(current, sum) === 0) continue;
      const first = fields[0].cell.replace(/\d+$/, "") + summary.projects[0].row;
      const last = fields[0].cell.replace(/\d+$/, "") + summary.projects[summary.projects.length - 1].row;
      const empty = total.value === null || total.value === "";
      context.report({
        messageId: empty ? "missing" : "mismatch",
        at: total,
        data: { column, total: current ? decimalToString(current) : shown(total.value), sum: decimalToString(sum) },
        fix: [context.computedWrite(total, `=SUM(${first}:${last})`, decimalToNumber(sum), total.numberFormat ? undefined : AMOUNT_FORMAT)],
      });
    }
  },
};
