/**
 * A workbook as plain data: what every source (Excel via Office.js, an .xlsx via ExcelJS, a
 * test table) hands the core. Values are laid out densely from `origin`, the top-left cell of
 * the sheet's used range, so Excel's `usedRange.values` maps onto it without copying cell by cell.
 */
export type Scalar = string | number | boolean | null;

export interface SheetData {
  name: string;
  /** A1 address of values[0][0]; "A1" when omitted. */
  origin?: string;
  /** Cell values, row-major. Empty cells are null or "". Error values are their text ("#N/A"). */
  values: Scalar[][];
  /** Formula text ("=SUM(F5:F9)") where a cell holds a formula, else null/undefined. Same shape as values. */
  formulas?: (string | null | undefined)[][];
  /** Number formats ("#,##0\"円\"", "0.0%"), same shape as values. */
  numberFormats?: (string | null | undefined)[][];
  /** 1-based row numbers of hidden rows. */
  hiddenRows?: number[];
  /** Merged areas as A1 ranges ("A1:G1"). */
  merges?: string[];
}

export interface WorkbookData {
  sheets: SheetData[];
}

/** One cell's content as a fix expects to find it, or as a revert restores it. */
export interface CellContent {
  value: Scalar;
  formula?: string | null;
  numberFormat?: string | null;
}
