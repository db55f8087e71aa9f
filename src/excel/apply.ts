/// <reference types="office-js" />
/**
 * applyWrites over Office.js in two syncs whatever the number of writes: the first reads every
 * target cell (content, lock, the merged areas and tables that may cover it), its sheet's
 * protection and the calculation mode; the writes are then decided as the core would (skip what
 * changed, never force); the second writes the accepted ones (a Text-formatted cell gets a number
 * format first, a table cell a formula's value), recalculates in manual mode, and reads back what
 * the cells hold: checked against what was meant (a cell holding anything else is reported as not
 * applied, "mismatch"), and kept for an exact revert. A failed write sync costs one more batch:
 * a batch is not a transaction (the API offers no rollback; the commands queued before the failing
 * one may have run, as the emulator's conditions.failSync can be set to, in test/excel-apply.test.ts), so the cells of the batch
 * get their previous content back. The error itself is an OfficeExtension.Error ("Error handling
 * with the application-specific JavaScript APIs",
 * learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
import { cellKey, cellLocation, parseRange } from "../core/address";
import { holdsExpected } from "../core/apply";
import type { CellWrite, SkippedWrite } from "../core";
import { HostError, type ApplyOutcome } from "../host/workbook-host";
import {
  contentOf,
  formulaOf,
  holdsWritten,
  isTextFormat,
  normalizeCell,
  numberFormatOf,
  splitAreas,
  toScalar,
  writeInput,
} from "./convert";
import { toHostError } from "./errors";
import type { ExcelSession } from "./operation";
import { formatWritable, isMissing, SheetRefs, type SheetRef } from "./sheet-refs";

/** One cell as Range.values / formulas / numberFormat hand it back (first element of each grid). */
interface RawCell {
  value: unknown;
  formula: unknown;
  numberFormat: unknown;
  /** Range.valueTypes, where loaded ("Error" for an error value). */
  valueType: unknown;
}

interface Target {
  key: string;
  ref: SheetRef;
  cell: string;
  range: Excel.Range;
  /** Merged areas whose top-left lies in A1:cell: every area that can cover the cell (ExcelApi 1.13). */
  merged?: Excel.RangeAreas;
  /** The tables overlapping the cell (ExcelApi 1.9). */
  tables?: Excel.TableScopedCollection;
  lockLoaded: boolean;
}

/** What to put into one cell: its value or formula, and its number format when given. */
type CellPut = Pick<CellWrite, "value" | "formula" | "numberFormat">;

/** A cell of the write batch with the content it had before: what a failed batch puts back. */
interface RestoreCell {
  sheet: string;
  cell: string;
  previous: CellPut;
  /** The cell's number format before the batch. */
  format: unknown;
}

/** An accepted write: what is put into the cell (a table's formula becomes its value, a Text cell gets a format first). */
interface Accepted {
  write: CellWrite;
  target: Target;
  put: CellPut;
  /** The cell's number format when this write runs (after the batch's earlier writes to it). */
  formatBefore: unknown;
}

interface BatchOutcome {
  applied: CellWrite[];
  skipped: SkippedWrite[];
  revert: CellWrite[];
  /** The write sync's error; `restore` then lists the cells to put back. */
  failure?: unknown;
  restore: RestoreCell[];
}

/** Writes each write whose cell still holds what it expects, in two syncs; see the module comment. */
export function applyWritesToExcel(session: ExcelSession, writes: readonly CellWrite[]): Promise<ApplyOutcome> {
  return session.operation(async (op) => {
    if (writes.length === 0) return { applied: [], skipped: [], revert: [], syncs: 0 };
    const outcome = await op.run((context) => applyBatch(context, session, writes));
    if (outcome.failure !== undefined) {
      let restoreError: unknown;
      try {
        await op.run((context) => restore(context, outcome.restore));
      } catch (error) {
        restoreError = error;
      }
      throw writeFailed(outcome.failure, outcome.restore, restoreError);
    }
    return { applied: outcome.applied, skipped: outcome.skipped, revert: outcome.revert, syncs: op.syncs };
  });
}

async function applyBatch(context: Excel.RequestContext, session: ExcelSession, writes: readonly CellWrite[]): Promise<BatchOutcome> {
  // Sync 1 (reads only): what every target cell holds now, its sheet's protection, the merged
  // areas and tables that may cover it, the calculation mode.
  const refs = new SheetRefs(context, session);
  const targets = new Map<string, Target>();
  const sheetTables = new Map<string, Excel.TableCollection>();
  const plan: { write: CellWrite; target: Target | null }[] = [];
  const application = context.workbook.application;
  application.load("calculationMode"); // ExcelApi 1.1
  for (const write of writes) {
    const cell = normalizeCell(write.cell);
    if (!cell) {
      plan.push({ write, target: null });
      continue;
    }
    const key = cellKey(write.sheet, cell);
    let target = targets.get(key);
    if (!target) {
      const ref = refs.get(write.sheet);
      const range = ref.sheet.getRange(cell);
      range.load("values, formulas, numberFormat");
      if (ref.protection) range.format.protection.load("locked");
      target = { key, ref, cell, range, lockLoaded: ref.protection };
      if (!isMissing(ref)) queueCoverChecks(session, target, sheetTables);
      targets.set(key, target);
    }
    plan.push({ write, target });
  }
  await context.sync();

  // Decide, in order, as if the accepted writes had already happened (a cell written twice
  // is compared the second time with what the first write put there).
  const state = new Map<string, RawCell>();
  const before = new Map<string, RawCell>();
  const skipped: SkippedWrite[] = [];
  const accepted: Accepted[] = [];
  for (const { write, target } of plan) {
    if (!target) {
      skipped.push({ write, reason: "bad-address" });
      continue;
    }
    if (isMissing(target.ref)) {
      skipped.push({ write, reason: "no-sheet" });
      continue;
    }
    if (!before.has(target.key)) {
      const raw = rawOf(target.range);
      before.set(target.key, raw);
      state.set(target.key, raw);
    }
    const now = state.get(target.key)!;
    const actual = contentOf(now.value, now.formula, now.numberFormat);
    if (target.merged && !target.merged.isNullObject && isCovered(target.merged.address, target.cell)) {
      skipped.push({ write, reason: "merged", actual });
      continue;
    }
    const inTable = isInTable(target, sheetTables);
    const { put, textFormat } = putFor(write, now.numberFormat, inTable);
    const locked = isLocked(target);
    if (locked || (put.numberFormat !== undefined && !formatWritable(target.ref))) {
      skipped.push({ write, reason: !locked && textFormat ? "text-format" : "protected", actual });
      continue;
    }
    if (!holdsExpected(actual, write.expected)) {
      skipped.push({ write, reason: "changed", actual });
      continue;
    }
    if (write.formula && !put.formula && (put.value === null || put.value === "")) {
      skipped.push({ write, reason: "table", actual });
      continue;
    }
    accepted.push({ write, target, put, formatBefore: now.numberFormat });
    state.set(target.key, {
      value: put.value === null ? "" : put.value,
      formula: put.formula ?? (put.value === null ? "" : put.value),
      numberFormat: put.numberFormat ?? now.numberFormat,
      valueType: undefined,
    });
  }
  if (accepted.length === 0) return { applied: [], skipped, revert: [], restore: [] };

  // Sync 2: every accepted write in one batch, a recalculation where Excel will not do it by
  // itself, then read back what the cells hold.
  for (const { target, put, formatBefore } of accepted) writeCell(target.range, put, formatBefore);
  // In manual calculation mode ("Calculations only occur when the user or add-in requests them",
  // learn.microsoft.com/javascript/api/excel/excel.calculationmode) the written formulas and the
  // cells depending on the written values (totals the re-validation reads) keep stale values.
  // Application.calculate(Recalculate) (ExcelApi 1.1) "recalculates all cells that Excel has marked
  // as dirty", i.e. the changed cells and their dependents (learn.microsoft.com/javascript/api/excel/excel.calculationtype);
  // Range.calculate() (ExcelApi 1.6) would leave the dependents stale. Only in manual mode: in the
  // automatic modes Excel recalculates by itself, and a data table the user keeps out of
  // automatic recalculation is left alone.
  if (application.calculationMode === "Manual") application.calculate("Recalculate");
  const written: Target[] = [];
  const after = new Map<string, Excel.Range>();
  for (const { target } of accepted) {
    if (after.has(target.key)) continue;
    const range = target.ref.sheet.getRange(target.cell);
    range.load("values, formulas, numberFormat, valueTypes");
    after.set(target.key, range);
    written.push(target);
  }
  const restoreCells: RestoreCell[] = written.map((t) => ({
    sheet: t.ref.name,
    cell: t.cell,
    previous: previousContent(before.get(t.key)!, formatWritable(t.ref)),
    format: before.get(t.key)!.numberFormat,
  }));
  try {
    await context.sync();
  } catch (failure) {
    return { applied: [], skipped, revert: [], failure, restore: restoreCells };
  }

  // What each cell holds now is checked against its last write: a cell holding anything else was
  // not applied (every write to it is reported so), whatever Excel did to it.
  const last = new Map<string, Accepted>();
  for (const a of accepted) last.set(a.target.key, a);
  const mismatched = new Map<string, RawCell>();
  for (const [key, { put }] of last) {
    const now = rawOf(after.get(key)!, true);
    if (!holdsWritten(put, now.value, now.formula, now.valueType)) mismatched.set(key, now);
  }
  const applied: CellWrite[] = [];
  for (const { write, target, put } of accepted) {
    const now = mismatched.get(target.key);
    if (now) skipped.push({ write, reason: "mismatch", actual: contentOf(now.value, now.formula, now.numberFormat) });
    else applied.push(write.formula && !put.formula ? withoutFormula(write) : write);
  }

  // The revert puts back what each cell held before the batch (mismatched cells too), expecting
  // what it holds now.
  const revert: CellWrite[] = written.map((t) => {
    const was = before.get(t.key)!;
    const now = rawOf(after.get(t.key)!);
    const original = contentOf(was.value, was.formula, was.numberFormat);
    const write: CellWrite = {
      sheet: t.ref.name,
      cell: t.cell,
      expected: contentOf(now.value, now.formula, now.numberFormat),
      value: original.value,
    };
    if (original.formula) write.formula = original.formula;
    if (typeof was.numberFormat === "string" && was.numberFormat !== now.numberFormat) write.numberFormat = was.numberFormat;
    return write;
  });
  return { applied, skipped, revert, restore: restoreCells };
}

/**
 * Queues what tells whether a cell is covered by a merged area or lies in a table. Merged areas:
 * getMergedAreasOrNullObject returns only the areas whose top-left cell lies in the queried range
 * (a covered cell asked alone gives none: github.com/OfficeDev/office-js/issues/3611), so the query
 * runs over A1:cell, which holds the top-left of every area that can cover the cell. Tables:
 * Range.getTables (ExcelApi 1.9); on older hosts the sheet's tables are only counted
 * (Worksheet.tables, 1.1), as their ranges would take one more sync.
 */
function queueCoverChecks(session: ExcelSession, target: Target, sheetTables: Map<string, Excel.TableCollection>): void {
  const sheet = target.ref.sheet;
  if (session.supports("1.13")) {
    target.merged = sheet.getRange(`A1:${target.cell}`).getMergedAreasOrNullObject();
    target.merged.load("address");
  }
  if (session.supports("1.9")) {
    target.tables = target.range.getTables(false);
    target.tables.load("items/name");
  } else if (!sheetTables.has(target.ref.name)) {
    const tables = sheet.tables;
    tables.load("items/name");
    sheetTables.set(target.ref.name, tables);
  }
}

/**
 * True when a formula written into the cell could fill a table column: a formula entered into a
 * table column can become a calculated column and fill (or replace) every cell of it
 * ("Use calculated columns in an Excel table", support.microsoft.com/office/873fbac6-7110-4300-8f6f-aafa2ea11ce8;
 * the API does it too while the user's AutoCorrect option is on: github.com/OfficeDev/office-js/issues/2093,
 * /5909). Without Range.getTables any table on the sheet counts.
 */
function isInTable(target: Target, sheetTables: Map<string, Excel.TableCollection>): boolean {
  if (target.tables) return target.tables.items.length > 0;
  const tables = sheetTables.get(target.ref.name);
  return tables !== undefined && tables.items.length > 0;
}

/**
 * What to put into the cell for `write`: in a table, a formula's value instead of the formula
 * (value null: nothing to write; the caller skips it). Into a Text-formatted cell ("@"), where
 * Excel stores a number or formula entered as literal text (learn.microsoft.com/troubleshoot/microsoft-365-apps/excel/long-numbers-incorrectly-in-excel:
 * set the format before you type), a number or formula gets a number format first: the write's
 * own, else General (`textFormat`: only for that reason). A format the cell already has is not set again.
 */
function putFor(write: CellWrite, format: unknown, inTable: boolean): { put: CellPut; textFormat: boolean } {
  const put: CellPut = { value: write.value };
  if (write.formula && !inTable) put.formula = write.formula;
  if (write.numberFormat !== undefined) put.numberFormat = write.numberFormat;
  if (!isTextual(put) && isTextFormat(format)) {
    if (put.numberFormat === undefined) {
      put.numberFormat = "General";
      return { put, textFormat: true };
    }
    return { put, textFormat: false };
  }
  if (put.numberFormat !== undefined && numberFormatOf(put.numberFormat) === numberFormatOf(format)) delete put.numberFormat;
  return { put, textFormat: false };
}

/** True when the content is text (or empty): what a Text-formatted cell keeps as it is. */
function isTextual(content: CellPut): boolean {
  return !content.formula && typeof content.value !== "number" && typeof content.value !== "boolean";
}

function withoutFormula(write: CellWrite): CellWrite {
  const copy: CellWrite = { ...write };
  delete copy.formula;
  return copy;
}

/**
 * Queues one cell's new content, `format` being the cell's number format before it: the number
 * format first (when given), then the formula, or the value as Range.values must receive it to
 * store exactly that value (writeInput). A cell that ends up Text-formatted takes text as it is (no
 * apostrophe: in a Text cell Excel would keep it), and a number or formula put back into one is
 * written under General, the Text format set after it.
 */
function writeCell(range: Excel.Range, content: CellPut, format: unknown): void {
  const textCell = isTextFormat(content.numberFormat ?? format);
  if (textCell && !isTextual(content) && content.numberFormat !== undefined) {
    range.numberFormat = [["General"]];
    writeContent(range, content, false);
    range.numberFormat = [[content.numberFormat]];
    return;
  }
  if (content.numberFormat !== undefined) range.numberFormat = [[content.numberFormat]];
  writeContent(range, content, textCell);
}

function writeContent(range: Excel.Range, content: CellPut, textCell: boolean): void {
  if (content.formula) range.formulas = [[content.formula]];
  else range.values = [[textCell && typeof content.value === "string" ? content.value : writeInput(content.value)]];
}

/** What a cell held before the batch, as put() takes it; its format only where the sheet lets formats change. */
function previousContent(before: RawCell, format: boolean): CellPut {
  const previous: CellPut = { value: toScalar(before.value) };
  const formula = formulaOf(before.formula, before.value);
  if (formula) previous.formula = formula;
  if (format && typeof before.numberFormat === "string") previous.numberFormat = before.numberFormat;
  return previous;
}

/** Puts back what the cells of a failed batch held (value or formula; format where allowed). */
async function restore(context: Excel.RequestContext, cells: readonly RestoreCell[]): Promise<void> {
  if (cells.length === 0) return;
  const worksheets = context.workbook.worksheets;
  const sheets = new Map<string, Excel.Worksheet>();
  for (const cell of cells) {
    let sheet = sheets.get(cell.sheet);
    if (!sheet) {
      sheet = worksheets.getItem(cell.sheet);
      sheets.set(cell.sheet, sheet);
    }
    writeCell(sheet.getRange(cell.cell), cell.previous, cell.format);
  }
  await context.sync();
}

function writeFailed(failure: unknown, cells: readonly RestoreCell[], restoreError: unknown): HostError {
  const base = toHostError(failure);
  const where = cells.map((c) => cellLocation(c.sheet, c.cell)).join(", ");
  if (restoreError === undefined) {
    return new HostError(
      base.code,
      {
        ja: `${base.userMessage.ja}（途中まで書き込んだ内容は取り消し、対象のセルは元の内容に戻しました）`,
        en: `${base.userMessage.en} (What had been written was undone: the cells hold their previous contents again.)`,
      },
      { error: failure, restored: true, cells: where },
    );
  }
  return new HostError(
    base.code,
    {
      ja: `${base.userMessage.ja}（一部のセルを元に戻せなかった可能性があります。次のセルを確認してください: ${where}）`,
      en: `${base.userMessage.en} (Some cells may not have been restored; check: ${where})`,
    },
    { error: failure, restored: false, restoreError, cells: where },
  );
}

/** A locked cell of a protected sheet. */
function isLocked(target: Target): boolean {
  if (!target.ref.protection || !target.ref.sheet.protection.protected) return false;
  const locked = target.lockLoaded ? target.range.format.protection.locked : true;
  return locked !== false;
}

function first(grid: unknown): unknown {
  return Array.isArray(grid) && Array.isArray(grid[0]) ? grid[0][0] : undefined;
}

function rawOf(range: Excel.Range, withTypes = false): RawCell {
  return {
    value: first(range.values),
    formula: first(range.formulas),
    numberFormat: first(range.numberFormat),
    valueType: withTypes ? first(range.valueTypes) : undefined,
  };
}

/** True when one of the merged areas contains the cell and the cell is not its top-left. */
function isCovered(mergedAddress: string, cell: string): boolean {
  const position = parseRange(cell);
  if (!position) return false;
  for (const area of splitAreas(mergedAddress)) {
    const range = parseRange(area);
    if (!range) continue;
    const inside =
      position.start.row >= range.start.row &&
      position.start.row <= range.end.row &&
      position.start.col >= range.start.col &&
      position.start.col <= range.end.col;
    if (inside) return position.start.row !== range.start.row || position.start.col !== range.start.col;
  }
  return false;
}
