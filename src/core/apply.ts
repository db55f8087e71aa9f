import { parseA1, toA1 } from "./address";
import type { CellWrite } from "./types";
import type { CellContent, Scalar, SheetData, WorkbookData } from "./workbook";
import type { SkippedWrite, WriteOutcome } from "./writes";

export interface ApplyResult extends WriteOutcome {
  workbook: WorkbookData;
}

function sameScalar(a: Scalar | undefined, b: Scalar | undefined): boolean {
  const x = a === undefined || a === "" ? null : a;
  const y = b === undefined || b === "" ? null : b;
  return x === y;
}

function sameFormula(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a || null) === (b || null);
}

/** True when the cell still holds what the write expects to replace (value and formula). */
export function holdsExpected(actual: CellContent, expected: CellContent): boolean {
  return sameScalar(actual.value, expected.value) && sameFormula(actual.formula, expected.formula);
}

/**
 * Applies cell writes to workbook data, copy-on-write: the input is not modified. A write whose
 * cell no longer holds its `expected` content is skipped, never forced.
 */
export function applyWrites(workbook: WorkbookData, writes: readonly CellWrite[]): ApplyResult {
  const sheets = workbook.sheets.slice();
  const editable = new Map<string, SheetData>();
  const applied: CellWrite[] = [];
  const skipped: SkippedWrite[] = [];
  for (const write of writes) {
    const index = sheets.findIndex((s) => s.name === write.sheet);
    if (index < 0) {
      skipped.push({ write, reason: "no-sheet" });
      continue;
    }
    const position = parseA1(write.cell);
    if (!position) {
      skipped.push({ write, reason: "bad-address" });
      continue;
    }
    let sheet = editable.get(write.sheet);
    if (!sheet) {
      sheet = cloneSheet(sheets[index]);
      editable.set(write.sheet, sheet);
      sheets[index] = sheet;
    }
    const actual = readCell(sheet, position.row, position.col);
    if (!holdsExpected(actual, write.expected)) {
      skipped.push({ write, reason: "changed", actual });
      continue;
    }
    writeCell(sheet, position.row, position.col, write);
    applied.push(write);
  }
  return { workbook: { ...workbook, sheets }, applied, skipped };
}

function cloneSheet(sheet: SheetData): SheetData {
  return {
    ...sheet,
    values: sheet.values.map((row) => (row ? row.slice() : [])),
    formulas: sheet.formulas?.map((row) => (row ? row.slice() : [])),
    numberFormats: sheet.numberFormats?.map((row) => (row ? row.slice() : [])),
  };
}

function originOf(sheet: SheetData): { row: number; col: number } {
  return (sheet.origin && parseA1(sheet.origin)) || { row: 0, col: 0 };
}

export function readCell(sheet: SheetData, row: number, col: number): CellContent {
  const origin = originOf(sheet);
  const r = row - origin.row;
  const c = col - origin.col;
  if (r < 0 || c < 0) return { value: null, formula: null, numberFormat: null };
  const value = sheet.values[r]?.[c];
  return {
    value: value === undefined || value === "" ? null : value,
    formula: sheet.formulas?.[r]?.[c] || null,
    numberFormat: sheet.numberFormats?.[r]?.[c] || null,
  };
}

function writeCell(sheet: SheetData, row: number, col: number, write: CellWrite): void {
  let origin = originOf(sheet);
  if (row < origin.row || col < origin.col) {
    rebase(sheet, Math.min(row, origin.row), Math.min(col, origin.col));
    origin = originOf(sheet);
  }
  const r = row - origin.row;
  const c = col - origin.col;
  const put = <T>(grid: T[][], value: T) => {
    while (grid.length <= r) grid.push([]);
    grid[r][c] = value;
  };
  put(sheet.values, write.value);
  sheet.formulas ??= [];
  put(sheet.formulas, write.formula ?? null);
  if (write.numberFormat !== undefined) {
    sheet.numberFormats ??= [];
    put(sheet.numberFormats, write.numberFormat);
  }
}

/** Moves the origin up/left so a write above or left of the used range fits. */
function rebase(sheet: SheetData, row: number, col: number): void {
  const origin = originOf(sheet);
  const dr = origin.row - row;
  const dc = origin.col - col;
  const shift = <T>(grid: T[][] | undefined, empty: T): T[][] | undefined =>
    grid && [...Array.from({ length: dr }, () => [] as T[]), ...grid.map((line) => [...Array<T>(dc).fill(empty), ...line])];
  sheet.values = shift(sheet.values, null)!;
  sheet.formulas = shift(sheet.formulas, null);
  sheet.numberFormats = shift(sheet.numberFormats, null);
  sheet.origin = toA1(row, col);
}
