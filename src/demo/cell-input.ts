/**
 * Typing into a grid cell. What a typed text becomes is the emulated Excel's own rule (enterInput:
 * "=…" a formula, "'…" text, numbers, percentages, dates and booleans read as such, a Text-formatted
 * cell keeps the text), so the grid and the Excel API agree; here is only what the editor starts with.
 */
import { enterInput, normalizeCell } from "./office";
import type { DemoCell } from "./workbook-model";

/** The cell's content after the user typed `text` into it (Excel's rules), as a DemoCell patch. */
export function typedContent(cell: DemoCell | undefined, text: string): Partial<DemoCell> {
  const after = enterInput(normalizeCell(cell), text);
  return { value: after.value, formula: after.formula, numberFormat: after.numberFormat };
}

/** The text an editor starts with for a cell: its formula, else its value as it would be typed. */
export function editText(cell: DemoCell | undefined): string {
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  const value = cell.value;
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (cell.numberFormat && /%/.test(cell.numberFormat)) return `${Number((value * 100).toPrecision(15))}%`;
    return String(value);
  }
  // Text that would be read back as something else keeps Excel's apostrophe.
  const back = typedContent(cell, value);
  return back.formula === null && back.value === value ? value : `'${value}`;
}
