/**
 * The demo's .xlsx in and out, over a workbook ExcelJS loaded (the page hands in ExcelJS's browser
 * build, tests Node's): the sheets the page shows and the emulated Excel API serves, and — for the
 * download — the demo's changes written back into the workbook loaded from the same file, so
 * everything the demo did not change (styles, validations, print settings, …) is kept.
 */
import type { Workbook, Worksheet } from "exceljs";
import { parseA1 } from "../core/address";
import type { CellWrite } from "../core/types";
import type { CellContent, Scalar } from "../core/workbook";
import type { SkippedWrite, SkipReason } from "../core/writes";
import { hiddenRowsOf, isDate1904, mergeAddresses, numberFormatOf, readCell } from "../xlsx/read";
import { typeOf, ValueType } from "../xlsx/value-type";
import { arrayFormulaRanges, inside, markForRecalculation, prepareForSave, writeCell, type CellPatch } from "../xlsx/write";
import { fillToHex } from "./colors";
import type { DemoCell, DemoSheet, DemoWorkbook } from "./workbook-model";

/** Excel column width (characters of the default font) -> pixels, as Excel draws it at 100 %. */
export function columnWidthToPixels(width: number): number {
  return Math.max(0, Math.round(width * 7 + 5));
}

/** Every worksheet of the workbook, in tab order, as the demo's sheets. */
export function sheetsFromExcelJS(workbook: Workbook): DemoSheet[] {
  const date1904 = isDate1904(workbook);
  return workbook.worksheets.map((sheet) => sheetFromExcelJS(sheet, date1904));
}

function sheetFromExcelJS(sheet: Worksheet, date1904: boolean): DemoSheet {
  const cells = new Map<string, DemoCell>();
  // Empty cells too: one may carry a fill, a format or an unlock (ExcelJS skips them by default).
  sheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      // A cell inside a merge (not its top-left) reads as empty, yet keeps its own format and fill (as in Excel).
      const content = readCell(cell, date1904);
      const numberFormat = numberFormatOf(cell);
      const fill = fillToHex(cell.fill);
      const hasValue = (content.value !== null && content.value !== "") || !!content.formula;
      // An unlocked cell matters even when empty: on a protected sheet it is where typing is allowed.
      const unlocked = cell.protection?.locked === false;
      if (!hasValue && numberFormat === null && fill === null && !unlocked) return;
      const demo: DemoCell = { value: content.value, formula: content.formula ?? null, numberFormat, fill };
      if (unlocked) demo.locked = false;
      cells.set(cell.address, demo);
    });
  });
  const columnWidths = new Map<number, number>();
  // ExcelJS's column models (sheet.columns: width in characters, hidden), in order from column A.
  (sheet.columns ?? []).forEach((model, index) => {
    if (model.hidden) columnWidths.set(index, 0);
    else if (typeof model.width === "number") columnWidths.set(index, columnWidthToPixels(model.width));
  });
  const protection = (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
  return {
    name: sheet.name,
    cells,
    merges: mergeAddresses(sheet),
    hiddenRows: new Set(hiddenRowsOf(sheet)),
    protected: Boolean(protection?.sheet),
    columnWidths,
  };
}

// ---------------------------------------------------------------------------------------------
// Download

export interface ApplyChangesResult {
  /** Cells written into the workbook ("sheet!A1"). */
  written: string[];
  /** Changes that could not be written; each `write` is the change as a CellWrite (see changeAsWrite). */
  skipped: SkippedWrite[];
}

interface NetChange {
  sheet: string;
  cell: string;
  /** The cell as loaded from the file. */
  original: DemoCell | undefined;
}

/** Equal as Excel shows them: "" and nothing are both an empty cell. */
function sameScalar(a: Scalar | undefined, b: Scalar | undefined): boolean {
  const x = a === undefined || a === "" ? null : a;
  const y = b === undefined || b === "" ? null : b;
  return x === y;
}

function norm(text: string | null | undefined, general = false): string | null {
  if (text === null || text === undefined || text === "") return null;
  if (general && text === "General") return null;
  return text;
}

/** The fields of `after` that differ from `before`, as a write. Empty when nothing changed. */
export function patchBetween(before: DemoCell | undefined, after: DemoCell | undefined): CellPatch {
  const patch: CellPatch = {};
  const formulaBefore = norm(before?.formula);
  const formulaAfter = norm(after?.formula);
  if (formulaBefore !== formulaAfter || !sameScalar(before?.value, after?.value)) {
    patch.value = after?.value ?? null;
    patch.formula = formulaAfter;
  }
  const formatAfter = norm(after?.numberFormat, true);
  if (norm(before?.numberFormat, true) !== formatAfter) patch.numberFormat = formatAfter;
  const fillAfter = norm(after?.fill)?.toUpperCase() ?? null;
  if ((norm(before?.fill)?.toUpperCase() ?? null) !== fillAfter) patch.fill = fillAfter;
  return patch;
}

/**
 * A net change in the core's terms, so a skipped one is reported like any other skipped write:
 * it expects what the file held and writes what the demo's cell holds now (a fill is not part of it).
 */
function changeAsWrite(change: NetChange, now: DemoCell | undefined): CellWrite {
  const { original } = change;
  const expected: CellContent = {
    value: original?.value ?? null,
    formula: norm(original?.formula),
    numberFormat: norm(original?.numberFormat, true),
  };
  const write: CellWrite = { sheet: change.sheet, cell: change.cell, expected, value: now?.value ?? null };
  const formula = norm(now?.formula);
  if (formula) write.formula = formula;
  const numberFormat = norm(now?.numberFormat, true);
  if (numberFormat) write.numberFormat = numberFormat;
  return write;
}

/** The cells the demo changed since the file was loaded, each with what the file held. */
export function netChanges(workbook: DemoWorkbook): NetChange[] {
  const changes = new Map<string, NetChange>();
  for (const change of workbook.history) {
    if (change.source === "load") continue;
    const key = `${change.sheet}\u0000${change.cell}`;
    if (!changes.has(key)) changes.set(key, { sheet: change.sheet, cell: change.cell, original: change.before });
  }
  return [...changes.values()];
}

/**
 * Writes every cell the demo changed (by the add-in, by the user, by recalculation) into `target`,
 * the ExcelJS workbook freshly loaded from the same file: values, formulas with their cached results,
 * number formats and fills. Cells that ended as they began are left alone. Then marks the workbook
 * for recalculation on open and prepares it for saving.
 */
export function applyDemoChanges(target: Workbook, demo: DemoWorkbook): ApplyChangesResult {
  const written: string[] = [];
  const skipped: SkippedWrite[] = [];
  const arrays = new Map<Worksheet, ReturnType<typeof arrayFormulaRanges>>();
  for (const change of netChanges(demo)) {
    const now = demo.cell(change.sheet, change.cell);
    const patch = patchBetween(change.original, now);
    if (Object.keys(patch).length === 0) continue;
    const skip = (reason: SkipReason) => skipped.push({ write: changeAsWrite(change, now), reason });
    const sheet = target.getWorksheet(change.sheet);
    if (!sheet) {
      skip("no-sheet");
      continue;
    }
    const position = parseA1(change.cell);
    if (!position) {
      skip("bad-address");
      continue;
    }
    const row = position.row + 1;
    const col = position.col + 1;
    const existing = sheet.findCell(row, col);
    if (existing && typeOf(existing) === ValueType.Merge) {
      skip("merged");
      continue;
    }
    let ranges = arrays.get(sheet);
    if (!ranges) arrays.set(sheet, (ranges = arrayFormulaRanges(sheet)));
    if (ranges.some((range) => inside(range, row, col))) {
      skip("array-formula");
      continue;
    }
    writeCell(sheet, existing ?? sheet.getCell(row, col), patch);
    written.push(`${change.sheet}!${change.cell}`);
  }
  if (written.length > 0) markForRecalculation(target);
  prepareForSave(target);
  return { written, skipped };
}

/** "報告書.xlsx" -> "報告書_修正済み.xlsx" (the download never takes the original's name). */
export function downloadName(name: string, suffix: string): string {
  const base = name.replace(/\.(xlsx|xlsm)$/i, "");
  return `${base}${suffix}.xlsx`;
}
