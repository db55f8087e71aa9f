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
import { toA1 } from "../core/address";
import type { CellContent, Scalar, SheetData, WorkbookData } from "../core/workbook";
import { checkText, layOutSheet, type CollectedCell } from "./sheet-layout";
import { typeOf, ValueType } from "./value-type";

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

/** Throws textTooLong when the content's text is longer than a cell can hold in Excel. */
function checkCellText(content: CellContent, cell: Cell, file: string): CellContent {
  return checkText(content, file, cell.worksheet?.name ?? "", cell.address);
}

/**
 * A cell's content as the core sees it: the value Excel shows and the formula ("=…") if any.
 * A cell covered by a merge (other than its top-left) is empty. A text longer than Excel allows in
 * a cell (32,767 characters) throws an XlsxReadError ("text-too-long") naming the sheet and cell.
 */
export function readCell(cell: Cell, date1904 = false): CellContent {
  return checkCellText(readCellContent(cell, date1904), cell, "workbook");
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

/** One worksheet -> SheetData (sheet-layout.ts). Linear in the number of stored cells plus the dense used range. */
export function sheetToData(sheet: Worksheet, date1904 = false, file = sheet.name): SheetData {
  const cells: CollectedCell[] = [];
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      const content = checkCellText(readCellContent(cell, date1904), cell, file);
      const numFmt = numberFormatOf(cell);
      if (content.value === null && content.formula === null && numFmt === null) return;
      cells.push({ row: rowNumber, col: colNumber, content, numFmt });
    });
  });
  return layOutSheet(sheet.name, cells, hiddenRowsOf(sheet), mergeAddresses(sheet), file);
}

export function isDate1904(workbook: Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** Every worksheet of an ExcelJS workbook, in tab order, as WorkbookData. */
export function workbookToData(workbook: Workbook, file = "workbook"): WorkbookData {
  const date1904 = isDate1904(workbook);
  return { sheets: workbook.worksheets.map((sheet) => sheetToData(sheet, date1904, file)) };
}
