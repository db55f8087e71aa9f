/**
 * ExcelJS's `ValueType` numbers (exceljs 4.4.0, pinned). The modules of src/xlsx import ExcelJS's
 * types only, never its code, so the CLI (Node's ExcelJS) and the browser demo (ExcelJS's browser
 * build) can share them: each hands in workbooks made by its own copy of ExcelJS.
 */
export const ValueType = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

/** A cell's ValueType as a plain number (ExcelJS types it as its own enum). */
export function typeOf(cell: { type: unknown }): number {
  return cell.type as number;
}
