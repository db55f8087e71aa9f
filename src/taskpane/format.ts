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

/**
 * What a write changes that the cell would not show, when it keeps the value the cell shows (or
 * holds): a value becoming a formula that computes it, a formula becoming its value, text becoming
 * a number, the number format. Null when the value itself changes (before → after says it all).
 */
export function describeChange(before: CellContent, after: CellContent, s: Strings): string | null {
  const sameShown = formatValue(before.value, before.numberFormat, s) === formatValue(after.value, after.numberFormat, s);
  const sameHeld = before.value === after.value || (isEmpty(before.value) && isEmpty(after.value));
  if (!sameShown && !sameHeld && String(before.value ?? "") !== String(after.value ?? "")) return null;
  const parts: string[] = [];
  const formulaBefore = before.formula || null;
  const formulaAfter = after.formula || null;
  if (!formulaBefore && formulaAfter) parts.push(s.changeToFormula);
  else if (formulaBefore && !formulaAfter) parts.push(s.changeToValue);
  else if (formulaBefore !== formulaAfter) parts.push(s.changeFormula);
  if (typeof before.value === "string" && typeof after.value === "number") parts.push(s.changeToNumber);
  else if (typeof before.value === "number" && typeof after.value === "string") parts.push(s.changeToText);
  if ((before.numberFormat || null) !== (after.numberFormat || null)) parts.push(s.changeFormat(after.numberFormat || null));
  if (parts.length === 0) return null;
  return s.sameValueNote(parts);
}
