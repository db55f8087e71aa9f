/**
 * Writing into a workbook ExcelJS loaded, shared by the CLI (--fix) and the browser demo (download),
 * so everything the writes do not touch survives the save. ExcelJS 4.4.0 pitfalls handled here:
 * - a shared-formula master cannot be overwritten without breaking its clones (the save throws
 *   "Shared Formula master must exist…", or the clones silently follow the new formula).
 * - style objects are shared between cells: setting `cell.numFmt` changes every cell sharing it.
 * - a row without cells (an empty hidden/grouped row) loses hidden/outlineLevel on save.
 * - a multi-cell array formula cannot be partly overwritten.
 */
import type { Cell, CellFormulaValue, Workbook, Worksheet } from "exceljs";
import { parseA1 } from "../core/address";
import { holdsExpected } from "../core/apply";
import type { CellWrite } from "../core/types";
import type { CellContent, Scalar } from "../core/workbook";
import type { SkippedWrite, WriteOutcome } from "../core/writes";
import { isDate1904, readCellContent as readCell, type MergeRange } from "./read";
import { typeOf, ValueType } from "./value-type";

function normalFormula(formula: string | null | undefined): string | null {
  if (formula === null || formula === undefined || formula === "") return null;
  return formula.startsWith("=") ? formula : "=" + formula;
}

function rangeOf(ref: string): MergeRange | null {
  const [a, b] = ref.split(":");
  const start = parseA1(a);
  const end = b ? parseA1(b) : start;
  if (!start || !end) return null;
  return { top: start.row + 1, left: start.col + 1, bottom: end.row + 1, right: end.col + 1 };
}

/** The ranges of the sheet's multi-cell array formulas. */
export function arrayFormulaRanges(sheet: Worksheet): MergeRange[] {
  const arrays: MergeRange[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (typeOf(cell) !== ValueType.Formula) return;
      const value = cell.value as { shareType?: string; ref?: string };
      if (value.shareType === "array" && value.ref && value.ref.includes(":")) {
        const range = rangeOf(value.ref);
        if (range) arrays.push(range);
      }
    });
  });
  return arrays;
}

export function inside(range: MergeRange, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

/**
 * Before a shared formula's master cell is overwritten, turn each of its clones into an ordinary
 * formula (its own translated text and cached result), so they keep computing what they did.
 */
function detachSharedClones(sheet: Worksheet, master: Cell): void {
  const value = master.value as { shareType?: string; ref?: string };
  if (typeOf(master) !== ValueType.Formula || value.shareType !== "shared" || !value.ref) return;
  const range = rangeOf(value.ref);
  if (!range) return;
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    for (let c = range.left; c <= range.right; c++) {
      const clone = row.findCell(c);
      if (!clone || clone === master || typeOf(clone) !== ValueType.Formula) continue;
      const cloneValue = clone.value as { sharedFormula?: string };
      if (cloneValue.sharedFormula !== master.address) continue;
      const formula = clone.formula; // translated from the master's formula
      const result = clone.result;
      clone.value = { formula, result } as CellFormulaValue;
    }
  }
}

/** What a write puts into one cell. Omitted fields are left as they are. */
export interface CellPatch {
  /** The value, or a formula's cached result. */
  value?: Scalar;
  /** "=…" to write a formula (with `value` as its result); null to write a plain value. */
  formula?: string | null;
  /** A number format; null for General. */
  numberFormat?: string | null;
  /** A solid fill "#RRGGBB"; null for no fill. */
  fill?: string | null;
}

/**
 * Writes into one cell (not inside a merge or an array formula: callers check). A formula is written
 * with its cached result, a text value stays text even when it starts with = + - @, and a format or
 * fill changes only this cell (styles are shared between cells read from a file: they are copied).
 * A new cached result for the formula already there keeps the formula as it is (shared or not).
 */
export function writeCell(sheet: Worksheet, cell: Cell, patch: CellPatch): void {
  if (patch.formula !== undefined || patch.value !== undefined) {
    const formula = patch.formula === undefined ? normalFormula(readCell(cell).formula) : normalFormula(patch.formula);
    const value = patch.value === undefined ? readCell(cell).value : patch.value;
    const result = value === null ? undefined : value;
    const current = normalFormula(readCell(cell).formula);
    if (formula && formula === current && typeOf(cell) === ValueType.Formula) {
      // Only the cached result changes: keep the formula's sharing (master, clone, array) intact.
      cell.value = { ...(cell.value as object), result } as CellFormulaValue;
    } else {
      detachSharedClones(sheet, cell);
      // ExcelJS never parses strings: "=1+1" stays the text "=1+1".
      cell.value = formula ? ({ formula: formula.slice(1), result } as CellFormulaValue) : value;
    }
  }
  if (patch.numberFormat !== undefined) {
    cell.style = { ...cell.style, numFmt: patch.numberFormat ?? "General" };
  }
  if (patch.fill !== undefined) {
    const fill =
      patch.fill === null
        ? ({ type: "pattern", pattern: "none" } as const)
        : ({ type: "pattern", pattern: "solid", fgColor: { argb: "FF" + patch.fill.replace(/^#/, "").toUpperCase() } } as const);
    cell.style = { ...cell.style, fill };
  }
}

/**
 * Applies a fix's cell writes to a loaded workbook. A write is applied only while its cell still
 * holds `write.expected` (value and formula), so nothing typed since the check is overwritten.
 * A formula is written with its cached result (`write.value`), a text value stays text even when
 * it starts with = + - @, and `numberFormat` changes only that cell's format.
 * Also prepares the workbook for saving (see `prepareForSave`).
 */
export function applyWritesToXlsx(workbook: Workbook, writes: CellWrite[]): WriteOutcome {
  const applied: CellWrite[] = [];
  const skipped: SkippedWrite[] = [];
  const date1904 = isDate1904(workbook);
  const arrays = new Map<Worksheet, MergeRange[]>();

  for (const write of writes) {
    const sheet = workbook.getWorksheet(write.sheet);
    if (!sheet) {
      skipped.push({ write, reason: "no-sheet" });
      continue;
    }
    const position = parseA1(write.cell);
    if (!position) {
      skipped.push({ write, reason: "bad-address" });
      continue;
    }
    const row = position.row + 1;
    const col = position.col + 1;
    const existing = sheet.findCell(row, col);
    if (existing && typeOf(existing) === ValueType.Merge) {
      skipped.push({ write, reason: "merged" });
      continue;
    }
    let ranges = arrays.get(sheet);
    if (!ranges) arrays.set(sheet, (ranges = arrayFormulaRanges(sheet)));
    if (ranges.some((range) => inside(range, row, col))) {
      skipped.push({ write, reason: "array-formula" });
      continue;
    }
    const current: CellContent = existing ? readCell(existing, date1904) : { value: null, formula: null };
    if (!holdsExpected(current, { ...write.expected, formula: normalFormula(write.expected.formula) })) {
      skipped.push({ write, reason: "changed", actual: current });
      continue;
    }

    const cell = existing ?? sheet.getCell(row, col);
    detachSharedClones(sheet, cell);
    const formula = normalFormula(write.formula);
    if (formula) {
      const result = write.value === null ? undefined : write.value;
      cell.value = { formula: formula.slice(1), result } as CellFormulaValue;
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

  if (applied.length > 0) markForRecalculation(workbook);
  prepareForSave(workbook);
  return { applied, skipped };
}

/** Other formulas (totals, N字 counts) may depend on written cells: Excel recalculates on open. */
export function markForRecalculation(workbook: Workbook): void {
  workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
}

/**
 * Works around what ExcelJS would otherwise lose when saving a workbook it read: a row without
 * cells — Excel writes `<row r="25" hidden="1" outlineLevel="1"/>` for an empty hidden, grouped row
 * — is dropped on save together with its hidden flag, outline level and row style. Such a row gets
 * one empty cell, which makes ExcelJS write the row (the cell itself is not written, or written
 * with the row's/column's style only). Idempotent; `applyWritesToXlsx` and the savers call it.
 */
export function prepareForSave(workbook: Workbook): void {
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
