/** How cell contents and addresses are shown in the pane (preview rows, skip reports). */
import type { CellContent, Scalar } from "../core";
import type { Strings } from "./i18n";

const MAX_TEXT = 80;

function isEmpty(value: Scalar | undefined): boolean {
  return value === null || value === undefined || value === "";
}

/** Exact-enough decimal text of value × 100 (0.862 -> "86.2"). */
function percentText(value: number): string {
  return String(Number((value * 100).toPrecision(12)));
}

/** A value as the cell would show it, as far as it matters here: amounts grouped with 円, fractions under a percent format. */
function formatValue(value: Scalar | undefined, numberFormat: string | null | undefined, s: Strings): string {
  if (isEmpty(value)) return s.empty;
  if (typeof value === "number") {
    const format = numberFormat ?? "";
    if (/#,##0/.test(format)) {
      const grouped = value.toLocaleString("en-US", { maximumFractionDigits: 10 });
      return /円/.test(format) ? `${grouped}円` : grouped;
    }
    if (/%/.test(format.replace(/"[^"]*"/g, ""))) return `${value}${s.percentShown(`${percentText(value)}%`)}`;
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = String(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A cell's content: its value, or its formula with the value it computes. */
export function formatContent(content: CellContent, s: Strings): string {
  const value = formatValue(content.value, content.numberFormat, s);
  return content.formula ? s.formulaWithValue(content.formula, value) : value;
}
