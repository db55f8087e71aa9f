/**
 * ExcelJS workbook -> WorkbookData (what the core reads), shared by the CLI and the browser demo.
 *
 * Reading flattens every cell to what Excel shows (rich text -> its text, a formula -> its cached
 * result, a date -> its serial number, an error -> "#N/A", …). ExcelJS 4.4.0 pitfalls handled here:
 * - merged cells: every cell of a merge answers the master's value; only the top-left is data.
 * - `cell.value.result` drops falsy results (0, "", false); `cell.result` keeps them.
 * - numbers under a date-like number format are turned into JS Dates; we turn them back.
 */
import type { Cell, Workbook, Worksheet } from "exceljs";
import { columnName, toA1 } from "../core/address";
import type { CellContent, Scalar, SheetData, WorkbookData } from "../core/workbook";
import { XlsxReadError } from "./errors";
import { LIMITS } from "./limits";
import { typeOf, ValueType } from "./value-type";

/** Above this many cells in a sheet's dense used range, loading stops with a clear error (docs/security.md). */
const MAX_DENSE_CELLS = LIMITS.usedRangeCells;

type RichTextLike = { richText: { text?: unknown }[] };

function isRichText(value: unknown): value is RichTextLike {
  return typeof value === "object" && value !== null && Array.isArray((value as RichTextLike).richText);
}

function flattenText(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (isRichText(value)) return value.richText.map((run) => (typeof run.text === "string" ? run.text : "")).join("");
  if (value instanceof Date) return String(value);
  return String(value);
}

const MS_PER_DAY = 86_400_000;

/**
 * JS Date (as ExcelJS made it from a serial number) -> the serial number. The sum is done in
 * integer milliseconds and divided once, so a serial with up to 5 decimals comes back exact.
 */
export function dateToSerial(date: Date, date1904 = false): number {
  const epochDays = date1904 ? 25569 - 1462 : 25569;
  return (date.getTime() + epochDays * MS_PER_DAY) / MS_PER_DAY;
}

/** A cached formula result or a plain value, flattened to a Scalar. */
function scalarOf(value: unknown, date1904: boolean): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateToSerial(value, date1904);
  if (typeof value === "object") {
    const v = value as { error?: unknown; text?: unknown; hyperlink?: unknown };
    if (typeof v.error === "string") return v.error;
    if (isRichText(value)) return flattenText(value);
    if ("hyperlink" in v) return flattenText(v.text);
  }
  return String(value);
}

/** Excel stores newer functions as _xlfn.NAME; Excel and Office.js show them without the prefix. */
function displayFormula(formula: string): string {
  return "=" + formula.replace(/_xlfn\.|_xlws\./g, "");
}

/**
 * The error for a cell whose text is longer than Excel allows (LIMITS.textLength): Excel cannot
 * have written it, and the checks would have to carry megabytes of text around. `file` may be
 * filled in by the caller (sheetToData does).
 */
function textTooLong(file: string, sheet: string, address: string, length: number): XlsxReadError {
  const limit = LIMITS.textLength.toLocaleString("en-US");
  const actual = length.toLocaleString("en-US");
  return new XlsxReadError(file, "text-too-long", {
    ja: `シート「${sheet}」のセル ${address} の文字列が長すぎます（${actual} 文字。Excel のセルの上限 ${limit} 文字を超えています）`,
    en: `the text in cell ${address} of sheet "${sheet}" is too long (${actual} characters; Excel's limit for a cell is ${limit})`,
  });
}

/** Throws textTooLong when the content's text is longer than a cell can hold in Excel. */
function checkText(content: CellContent, cell: Cell, file: string): CellContent {
  const value = content.value;
  if (typeof value === "string" && value.length > LIMITS.textLength) {
    throw textTooLong(file, cell.worksheet?.name ?? "", cell.address, value.length);
  }
  return content;
}

/**
 * A cell's content as the core sees it: the value Excel shows and the formula ("=…") if any.
 * A cell covered by a merge (other than its top-left) is empty. A text longer than Excel allows in
 * a cell (32,767 characters) throws an XlsxReadError ("text-too-long") naming the sheet and cell.
 */
export function readCell(cell: Cell, date1904 = false): CellContent {
  return checkText(readCellContent(cell, date1904), cell, "workbook");
}

/** readCell without the length check: for a cell about to be overwritten (write.ts). */
export function readCellContent(cell: Cell, date1904 = false): CellContent {
  switch (typeOf(cell)) {
    case ValueType.Null:
    case ValueType.Merge:
      return { value: null, formula: null };
    case ValueType.Formula: {
      const formula = cell.formula;
      return { value: scalarOf(cell.result, date1904), formula: formula ? displayFormula(formula) : null };
    }
    default:
      return { value: scalarOf(cell.value, date1904), formula: null };
  }
}

/** A merged area (1-based, inclusive), as ExcelJS keeps it. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// A minimal view of ExcelJS internals that the public typings do not cover (ExcelJS is pinned).
interface WorksheetInternals {
  _merges?: Record<string, MergeRange>;
}

function mergesOf(sheet: Worksheet): MergeRange[] {
  const merges = (sheet as unknown as WorksheetInternals)._merges;
  return merges ? Object.values(merges) : [];
}

/** "A1:G1" for each merged area of the sheet. */
export function mergeAddresses(sheet: Worksheet): string[] {
  return mergesOf(sheet).map((m) => `${toA1(m.top - 1, m.left - 1)}:${toA1(m.bottom - 1, m.right - 1)}`);
}

/** 1-based numbers of the sheet's hidden rows. */
export function hiddenRowsOf(sheet: Worksheet): number[] {
  const hiddenRows: number[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.findRow(r)?.hidden) hiddenRows.push(r);
  }
  return hiddenRows;
}

/** The cell's own number format, or null for General. */
export function numberFormatOf(cell: Cell): string | null {
  return typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : null;
}

interface CollectedCell {
  row: number; // 1-based
  col: number; // 1-based
  content: CellContent;
  numFmt: string | null;
}

/** One worksheet -> SheetData. Linear in the number of stored cells plus the dense used range. */
export function sheetToData(sheet: Worksheet, date1904 = false, file = sheet.name): SheetData {
  const cells: CollectedCell[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      const content = checkText(readCellContent(cell, date1904), cell, file);
      const numFmt = numberFormatOf(cell);
      const hasContent = content.value !== null || content.formula !== null;
      if (!hasContent && numFmt === null) return;
      cells.push({ row: rowNumber, col: colNumber, content, numFmt });
      if (!hasContent) return;
      if (rowNumber < top) top = rowNumber;
      if (rowNumber > bottom) bottom = rowNumber;
      if (colNumber < left) left = colNumber;
      if (colNumber > right) right = colNumber;
    });
  });

  const hiddenRows = hiddenRowsOf(sheet);
  const merges = mergeAddresses(sheet);

  if (bottom === 0) {
    return { name: sheet.name, origin: "A1", values: [], formulas: [], numberFormats: [], hiddenRows, merges };
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > MAX_DENSE_CELLS) {
    const range = `${toA1(top - 1, left - 1)}:${toA1(bottom - 1, right - 1)}`;
    throw new XlsxReadError(file, "too-large", {
      ja: `シート「${sheet.name}」の使用範囲 ${range} が大きすぎて読めません（離れたセルに値が残っていないか確認してください）`,
      en: `the used range ${range} of sheet "${sheet.name}" is too large to read (look for a stray value far from the data)`,
    });
  }
  const values: Scalar[][] = new Array(height);
  const formulas: (string | null)[][] = new Array(height);
  const numberFormats: (string | null)[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    values[r] = new Array<Scalar>(width).fill(null);
    formulas[r] = new Array<string | null>(width).fill(null);
    numberFormats[r] = new Array<string | null>(width).fill(null);
  }
  for (const cell of cells) {
    const r = cell.row - top;
    const c = cell.col - left;
    if (r < 0 || r >= height || c < 0 || c >= width) continue; // a formatted empty cell outside the range
    values[r][c] = cell.content.value;
    formulas[r][c] = cell.content.formula ?? null;
    numberFormats[r][c] = cell.numFmt;
  }
  return { name: sheet.name, origin: columnName(left - 1) + String(top), values, formulas, numberFormats, hiddenRows, merges };
}

export function isDate1904(workbook: Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** Every worksheet of an ExcelJS workbook, in tab order, as WorkbookData. */
export function workbookToData(workbook: Workbook, file = "workbook"): WorkbookData {
  const date1904 = isDate1904(workbook);
  return { sheets: workbook.worksheets.map((sheet) => sheetToData(sheet, date1904, file)) };
}
