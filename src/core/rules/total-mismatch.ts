import { addDecimal, compareDecimal, decimalToNumber, ZERO } from "../decimal";
import { formatAmount } from "../number-text";
import type { CellField, SummaryProject } from "../model";
import type { Rule, RuleContext } from "../rule";
import type { CellWrite } from "../types";
import { shown, ruleDocsUrl } from "../rule";
import { AMOUNT_FORMAT, COST_TEXT, GRANT_TEXT, amountOf, isUnreadableAmount } from "./summary-shared";

/**
 * The total's write: the band's SUM with its result. A cell that already holds that SUM keeps it
 * whatever the write mode (its value is recalculated, not replaced by a number).
 */
function bandTotal(context: RuleContext, total: CellField, formula: string, value: number): CellWrite {
  const write = context.computedWrite(total, formula, value, total.numberFormat ? undefined : AMOUNT_FORMAT);
  if (sameFormula(total.formula, formula)) write.formula = formula;
  return write;
}

/** Formulas compared as Excel would: case, spaces and $ do not matter. */
function sameFormula(a: string | null, b: string): boolean {
  const plain = (f: string) => f.replace(/[\s$]/g, "").toUpperCase();
  return a !== null && plain(a) === plain(b);
}

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
    for (const { column: columnText, total, cell } of columns) {
      if (!total) continue;
      const fields = summary.projects.map(cell).filter((f): f is CellField => !!f);
      if (fields.length === 0 || fields.some(isUnreadableAmount)) continue; // the amounts' own findings come first
      const sum = fields.reduce((acc, f) => addDecimal(acc, amountOf(f) ?? ZERO), ZERO);
      const current = amountOf(total);
      if (current && compareDecimal(current, sum) === 0) continue;
      // The whole band of project rows, the form's empty ones included: what is entered there later
      // is summed too (a formula over only today's rows would leave it out).
      const column = fields[0].cell.replace(/\d+$/, "");
      const rows = summary.band ?? { firstRow: summary.projects[0].row, lastRow: summary.projects[summary.projects.length - 1].row };
      const first = column + rows.firstRow;
      const last = column + rows.lastRow;
      const empty = total.value === null || total.value === "";
      context.report({
        messageId: empty ? "missing" : "mismatch",
        at: total,
        data: { column: columnText, total: current ? formatAmount(current) : shown(total.value), sum: formatAmount(sum) },
        fix: [bandTotal(context, total, `=SUM(${first}:${last})`, decimalToNumber(sum))],
      });
    }
  },
};
