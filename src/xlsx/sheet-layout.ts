/**
 * The one place where a sheet's cells become SheetData (what the core reads): the dense layout
 * from the used range's top-left, and the two refusals on the way (a text longer than a cell can
 * hold, a used range too large to lay out). Shared by both .xlsx readers: ExcelJS's (read.ts, the
 * CLI and the demo) and the one without ExcelJS (sheet-data.ts, the task pane's previous report),
 * so both give the same data and the same errors for the same file.
 */
import { columnName, toA1 } from "../core/address";
import type { CellContent, Scalar, SheetData } from "../core/workbook";
import { XlsxReadError } from "./errors";
import { LIMITS } from "./limits";

/** Above this many cells in a sheet's dense used range, loading stops with a clear error (docs/security.md). */
const MAX_DENSE_CELLS = LIMITS.usedRangeCells;

/** One stored cell as a reader found it. */
export interface CollectedCell {
  row: number; // 1-based
  col: number; // 1-based
  content: CellContent;
  numFmt: string | null;
}

/**
 * The error for a cell whose text is longer than Excel allows (LIMITS.textLength): Excel cannot
 * have written it, and the checks would have to carry megabytes of text around.
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
export function checkText(content: CellContent, file: string, sheet: string, address: string): CellContent {
  const value = content.value;
  if (typeof value === "string" && value.length > LIMITS.textLength) throw textTooLong(file, sheet, address, value.length);
  return content;
}

/**
 * A sheet's collected cells laid out densely from the top-left of the cells with content (a cell
 * with only a number format extends nothing). Throws an XlsxReadError ("too-large") when that
 * range is larger than LIMITS.usedRangeCells. Linear in the cells plus the dense range.
 */
export function layOutSheet(
  name: string,
  cells: readonly CollectedCell[],
  hiddenRows: number[],
  merges: string[],
  file: string,
): SheetData {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const cell of cells) {
    if (cell.content.value === null && (cell.content.formula ?? null) === null) continue;
    if (cell.row < top) top = cell.row;
    if (cell.row > bottom) bottom = cell.row;
    if (cell.col < left) left = cell.col;
    if (cell.col > right) right = cell.col;
  }
  if (bottom === 0) {
    return { name, origin: "A1", values: [], formulas: [], numberFormats: [], hiddenRows, merges };
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > MAX_DENSE_CELLS) {
    const range = `${toA1(top - 1, left - 1)}:${toA1(bottom - 1, right - 1)}`;
    throw new XlsxReadError(file, "too-large", {
      ja: `シート「${name}」の使用範囲 ${range} が大きすぎて読めません（離れたセルに値が残っていないか確認してください）`,
      en: `the used range ${range} of sheet "${name}" is too large to read (look for a stray value far from the data)`,
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
  return { name, origin: columnName(left - 1) + String(top), values, formulas, numberFormats, hiddenRows, merges };
}
