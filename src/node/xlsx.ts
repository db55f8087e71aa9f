/**
 * .xlsx <-> WorkbookData with ExcelJS (Node only).
 *
 * Reading flattens every cell to what Excel shows (rich text -> its text, a formula -> its cached
 * result, a date -> its serial number, an error -> "#N/A", …). Writing applies a fix's cell writes
 * to the workbook ExcelJS loaded, so everything else in the file survives the save.
 *
 * ExcelJS 4.4.0 pitfalls handled here (test/node-xlsx.test.ts exercises each):
 * - merged cells: every cell of a merge answers the master's value; only the top-left is data.
 * - `cell.value.result` drops falsy results (0, "", false); `cell.result` keeps them.
 * - numbers under a date-like number format are turned into JS Dates; we turn them back.
 * - a shared-formula master cannot be overwritten without breaking its clones (the save throws
 *   "Shared Formula master must exist…", or the clones silently follow the new formula).
 * - style objects are shared between cells: setting `cell.numFmt` changes every cell sharing it.
 * - a row without cells (an empty hidden/grouped row) loses hidden/outlineLevel on save.
 * - a multi-cell array formula cannot be partly overwritten.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellContent, Scalar, SheetData, WorkbookData } from "../core/workbook";
import type { CellWrite, Lang } from "../core/types";
import { columnName, parseA1, toA1 } from "../core/address";
import { holdsExpected } from "../core/apply";
import { classifyBytes, describeProblem, findRoundTripLosses, type Bilingual, type FileKindProblem, type RoundTripLoss } from "./inspect";
import { listZipEntries } from "./zip";

export type { Bilingual, RoundTripLoss } from "./inspect";
import { readNotes, restoreNotes } from "./notes";

// ---------------------------------------------------------------------------------------------
// Errors

export type XlsxReadErrorCode =
  "not-found" | "is-directory" | "permission" | "busy" | "io" | FileKindProblem["code"] | "parse-failed" | "too-large";

/** A file that cannot be read as a workbook. `reason` says why, in Japanese and English. */
export class XlsxReadError extends Error {
  override readonly name = "XlsxReadError";
  constructor(
    readonly file: string,
    readonly code: XlsxReadErrorCode,
    readonly reason: Bilingual,
    /** The underlying error's message, when there is one (for --debug style output). */
    readonly detail?: string,
  ) {
    super(`${file}: ${reason.en}`);
  }

  /** "<file>: <reason>" in the given language. */
  describe(lang: Lang): string {
    return `${this.file}: ${this.reason[lang]}`;
  }
}

export function isXlsxReadError(error: unknown): error is XlsxReadError {
  return error instanceof XlsxReadError;
}

function fsError(file: string, error: unknown): XlsxReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new XlsxReadError(file, "not-found", { ja: "ファイルが見つかりません", en: "file not found" }, detail);
    case "EISDIR":
      return new XlsxReadError(file, "is-directory", { ja: "ファイルではなくフォルダです", en: "this is a folder, not a file" }, detail);
    case "EACCES":
    case "EPERM":
      return new XlsxReadError(
        file,
        "permission",
        { ja: "ファイルを読む権限がありません", en: "permission denied: the file cannot be read" },
        detail,
      );
    case "EBUSY":
      return new XlsxReadError(
        file,
        "busy",
        {
          ja: "ファイルが他のアプリで使用中です。Excel で閉じてからやり直してください",
          en: "the file is in use by another program; close it in Excel and try again",
        },
        detail,
      );
    default:
      return new XlsxReadError(
        file,
        "io",
        { ja: `ファイルを読めません（${code ?? detail}）`, en: `the file cannot be read (${code ?? detail})` },
        detail,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Reading cells

/** Above this many cells in a sheet's dense used range, loading stops with a clear error. */
export const MAX_DENSE_CELLS = 5_000_000;

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
 * A cell's content as the core sees it: the value Excel shows and the formula ("=…") if any.
 * A cell covered by a merge (other than its top-left) is empty.
 */
export function readCell(cell: ExcelJS.Cell, date1904 = false): CellContent {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { value: null, formula: null };
    case ExcelJS.ValueType.Formula: {
      const formula = cell.formula;
      return { value: scalarOf(cell.result, date1904), formula: formula ? displayFormula(formula) : null };
    }
    default:
      return { value: scalarOf(cell.value, date1904), formula: null };
  }
}

// Minimal views of ExcelJS internals that the public typings do not cover (ExcelJS is pinned).
interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
interface WorksheetInternals {
  _merges?: Record<string, MergeRange>;
}

function mergesOf(sheet: ExcelJS.Worksheet): MergeRange[] {
  const merges = (sheet as unknown as WorksheetInternals)._merges;
  return merges ? Object.values(merges) : [];
}

interface CollectedCell {
  row: number; // 1-based
  col: number; // 1-based
  content: CellContent;
  numFmt: string | null;
}

/** One worksheet -> SheetData. Linear in the number of stored cells plus the dense used range. */
export function sheetToData(sheet: ExcelJS.Worksheet, date1904 = false, file = sheet.name): SheetData {
  const cells: CollectedCell[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      const content = readCell(cell, date1904);
      const numFmt = typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : null;
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

  const hiddenRows: number[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.findRow(r)?.hidden) hiddenRows.push(r);
  }
  const merges = mergesOf(sheet).map((m) => `${toA1(m.top - 1, m.left - 1)}:${toA1(m.bottom - 1, m.right - 1)}`);

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

function isDate1904(workbook: ExcelJS.Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** Every worksheet of an ExcelJS workbook, in tab order, as WorkbookData. */
export function workbookToData(workbook: ExcelJS.Workbook, file = "workbook"): WorkbookData {
  const date1904 = isDate1904(workbook);
  return { sheets: workbook.worksheets.map((sheet) => sheetToData(sheet, date1904, file)) };
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadedXlsx {
  workbook: ExcelJS.Workbook;
  data: WorkbookData;
  /** Features of the file that a copy saved through ExcelJS would lose (warn before --fix writes). */
  losses: RoundTripLoss[];
}

/**
 * Reads an .xlsx. Anything that is not a readable .xlsx (missing, empty, .xls, password-protected,
 * a renamed CSV, a damaged file, …) throws an XlsxReadError with the reason, never a raw error.
 */
export async function loadXlsx(file: string): Promise<LoadedXlsx> {
  let buffer: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    buffer = await fs.readFile(file);
  } catch (error) {
    throw fsError(file, error);
  }
  const entries = buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b ? listZipEntries(buffer) : null;
  const problem = classifyBytes(buffer, entries);
  if (problem) throw new XlsxReadError(file, problem.code, describeProblem(problem));

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS types its parameter as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new XlsxReadError(
      file,
      "parse-failed",
      {
        ja: `Excel ブックとして読み込めませんでした。ファイルが壊れている可能性があります（${detail}）`,
        en: `the workbook could not be read; the file may be damaged (${detail})`,
      },
      detail,
    );
  }
  if (entries) restoreNotes(workbook, readNotes(buffer, entries));
  const data = workbookToData(workbook, file);
  const losses = entries ? findRoundTripLosses(buffer, entries) : [];
  return { workbook, data, losses };
}

// ---------------------------------------------------------------------------------------------
// Writing

export type SkipCode = "no-sheet" | "bad-address" | "merged" | "array-formula" | "changed";

export interface SkippedWrite {
  write: CellWrite;
  code: SkipCode;
  /** Why, in English (for logs); `reasons` has it per language for users. */
  reason: string;
  reasons: Bilingual;
}

export interface ApplyResult {
  applied: CellWrite[];
  skipped: SkippedWrite[];
}

function normalFormula(formula: string | null | undefined): string | null {
  if (formula === null || formula === undefined || formula === "") return null;
  return formula.startsWith("=") ? formula : "=" + formula;
}

function show(content: CellContent): string {
  const formula = normalFormula(content.formula);
  if (formula) return formula;
  return content.value === null || content.value === "" ? "(空)" : JSON.stringify(content.value);
}

interface SheetIndex {
  /** Address of each multi-cell array formula's ref range. */
  arrays: MergeRange[];
}

function rangeOf(ref: string): MergeRange | null {
  const [a, b] = ref.split(":");
  const start = parseA1(a);
  const end = b ? parseA1(b) : start;
  if (!start || !end) return null;
  return { top: start.row + 1, left: start.col + 1, bottom: end.row + 1, right: end.col + 1 };
}

function indexSheet(sheet: ExcelJS.Worksheet): SheetIndex {
  const arrays: MergeRange[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      const value = cell.value as { shareType?: string; ref?: string };
      if (value.shareType === "array" && value.ref && value.ref.includes(":")) {
        const range = rangeOf(value.ref);
        if (range) arrays.push(range);
      }
    });
  });
  return { arrays };
}

function inside(range: MergeRange, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

/**
 * Before a shared formula's master cell is overwritten, turn each of its clones into an ordinary
 * formula (its own translated text and cached result), so they keep computing what they did.
 */
function detachSharedClones(sheet: ExcelJS.Worksheet, master: ExcelJS.Cell): void {
  const value = master.value as { shareType?: string; ref?: string };
  if (master.type !== ExcelJS.ValueType.Formula || value.shareType !== "shared" || !value.ref) return;
  const range = rangeOf(value.ref);
  if (!range) return;
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    for (let c = range.left; c <= range.right; c++) {
      const clone = row.findCell(c);
      if (!clone || clone === master || clone.type !== ExcelJS.ValueType.Formula) continue;
      const cloneValue = clone.value as { sharedFormula?: string };
      if (cloneValue.sharedFormula !== master.address) continue;
      const formula = clone.formula; // translated from the master's formula
      const result = clone.result;
      clone.value = { formula, result } as ExcelJS.CellFormulaValue;
    }
  }
}

function skip(write: CellWrite, code: SkipCode, reasons: Bilingual): SkippedWrite {
  return { write, code, reason: reasons.en, reasons };
}

/**
 * Applies a fix's cell writes to a loaded workbook. A write is applied only while its cell still
 * holds `write.expected` (value and formula), so nothing typed since the check is overwritten.
 * A formula is written with its cached result (`write.value`), a text value stays text even when
 * it starts with = + - @, and `numberFormat` changes only that cell's format.
 * Also prepares the workbook for saving (see `prepareForSave`).
 */
export function applyWritesToXlsx(workbook: ExcelJS.Workbook, writes: CellWrite[]): ApplyResult {
  const applied: CellWrite[] = [];
  const skipped: SkippedWrite[] = [];
  const date1904 = isDate1904(workbook);
  const indexes = new Map<ExcelJS.Worksheet, SheetIndex>();

  for (const write of writes) {
    const sheet = workbook.getWorksheet(write.sheet);
    if (!sheet) {
      skipped.push(
        skip(write, "no-sheet", {
          ja: `シート「${write.sheet}」がありません`,
          en: `there is no sheet "${write.sheet}"`,
        }),
      );
      continue;
    }
    const position = parseA1(write.cell);
    if (!position) {
      skipped.push(skip(write, "bad-address", { ja: `セル番地「${write.cell}」が不正です`, en: `invalid cell address "${write.cell}"` }));
      continue;
    }
    const row = position.row + 1;
    const col = position.col + 1;
    const existing = sheet.findCell(row, col);
    if (existing && existing.type === ExcelJS.ValueType.Merge) {
      skipped.push(
        skip(write, "merged", {
          ja: `${write.sheet}!${write.cell} は結合セルの左上以外のセルです`,
          en: `${write.sheet}!${write.cell} is inside a merged area, not its top-left cell`,
        }),
      );
      continue;
    }
    let index = indexes.get(sheet);
    if (!index) indexes.set(sheet, (index = indexSheet(sheet)));
    if (index.arrays.some((range) => inside(range, row, col))) {
      skipped.push(
        skip(write, "array-formula", {
          ja: `${write.sheet}!${write.cell} は配列数式の範囲内です`,
          en: `${write.sheet}!${write.cell} is part of an array formula`,
        }),
      );
      continue;
    }
    const current: CellContent = existing ? readCell(existing, date1904) : { value: null, formula: null };
    if (!holdsExpected(current, { ...write.expected, formula: normalFormula(write.expected.formula) })) {
      skipped.push(
        skip(write, "changed", {
          ja: `${write.sheet}!${write.cell} の内容がチェック後に変わっています（想定: ${show(write.expected)}、現在: ${show(current)}）`,
          en: `${write.sheet}!${write.cell} changed after the check (expected ${show(write.expected)}, found ${show(current)})`,
        }),
      );
      continue;
    }

    const cell = existing ?? sheet.getCell(row, col);
    detachSharedClones(sheet, cell);
    const formula = normalFormula(write.formula);
    if (formula) {
      const result = write.value === null ? undefined : write.value;
      cell.value = { formula: formula.slice(1), result } as ExcelJS.CellFormulaValue;
    } else {
      // ExcelJS never parses strings: "=1+1" stays the text "=1+1".
      cell.value = write.value;
    }
    if (write.numberFormat !== undefined && write.numberFormat !== null) {
      // Style objects are shared between cells read from a file: copy before changing.
      cell.style = { ...cell.style, numFmt: write.numberFormat };
    }
    applied.push(write);
  }

  if (applied.length > 0) {
    // Other formulas (totals, N字 counts) may depend on the written cells: recalculate on open.
    workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  }
  prepareForSave(workbook);
  return { applied, skipped };
}

/**
 * Works around what ExcelJS would otherwise lose when saving a workbook it read: a row without
 * cells — Excel writes `<row r="25" hidden="1" outlineLevel="1"/>` for an empty hidden, grouped row
 * — is dropped on save together with its hidden flag, outline level and row style. Such a row gets
 * one empty cell, which makes ExcelJS write the row (the cell itself is not written, or written
 * with the row's/column's style only). Idempotent; `applyWritesToXlsx` and `saveXlsx` call it.
 */
export function prepareForSave(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.findRow(r);
      if (!row || row.cellCount > 0 || row.height) continue;
      const rowStyle = (row as unknown as { style?: object }).style;
      const styled = rowStyle !== undefined && Object.keys(rowStyle).length > 0;
      if (row.hidden || row.outlineLevel || styled) row.getCell(1);
    }
  }
}

/** prepareForSave, then write to a temporary file beside `file` and rename it into place. */
export async function saveXlsx(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  prepareForSave(workbook);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
