/// <reference types="office-js" />
/**
 * applyWrites over Office.js in two syncs whatever the number of writes: the first reads every
 * target cell (content, lock, merged area) and its sheet's protection, the writes are then decided
 * as the core would (skip what changed, never force), and the second writes the accepted ones and
 * reads back what the cells hold, for an exact revert. A failed write sync costs one more batch:
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
import { contentOf, formulaOf, normalizeCell, splitAreas, toScalar, writeInput } from "./convert";
import { toHostError } from "./errors";
import type { ExcelSession } from "./operation";
import { formatWritable, isMissing, SheetRefs, type SheetRef } from "./sheet-refs";

/** One cell as Range.values / formulas / numberFormat hand it back (first element of each grid). */
interface RawCell {
  value: unknown;
  formula: unknown;
  numberFormat: unknown;
}

interface Target {
  key: string;
  ref: SheetRef;
  cell: string;
  range: Excel.Range;
  merged?: Excel.RangeAreas;
  lockLoaded: boolean;
}

/** What to put into one cell: its value or formula, and its number format when given. */
type CellPut = Pick<CellWrite, "value" | "formula" | "numberFormat">;

/** A cell of the write batch with the content it had before: what a failed batch puts back. */
interface RestoreCell {
  sheet: string;
  cell: string;
  previous: CellPut;
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
  // Sync 1: what every target cell holds now, its sheet's protection, its merged area.
  const refs = new SheetRefs(context, session);
  const targets = new Map<string, Target>();
  const plan: { write: CellWrite; target: Target | null }[] = [];
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
      if (session.supports("1.13")) {
        target.merged = range.getMergedAreasOrNullObject();
        target.merged.load("address");
      }
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
  const accepted: { write: CellWrite; target: Target }[] = [];
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
    if (target.merged && !target.merged.isNullObject && !isTopLeft(target.merged.address, target.cell)) {
      skipped.push({ write, reason: "merged", actual });
      continue;
    }
    if (isProtected(target, write, now)) {
      skipped.push({ write, reason: "protected", actual });
      continue;
    }
    if (!holdsExpected(actual, write.expected)) {
      skipped.push({ write, reason: "changed", actual });
      continue;
    }
    accepted.push({ write, target });
    state.set(target.key, {
      value: writtenValue(write),
      formula: write.formula ?? writtenValue(write),
      numberFormat: write.numberFormat ?? now.numberFormat,
    });
  }
  if (accepted.length === 0) return { applied: [], skipped, revert: [], restore: [] };

  // Sync 2: every accepted write in one batch, then read back what the cells hold.
  for (const { write, target } of accepted) put(target.range, write);
  const written: Target[] = [];
  const after = new Map<string, Excel.Range>();
  for (const { target } of accepted) {
    if (after.has(target.key)) continue;
    const range = target.ref.sheet.getRange(target.cell);
    range.load("values, formulas, numberFormat");
    after.set(target.key, range);
    written.push(target);
  }
  const restoreCells: RestoreCell[] = written.map((t) => ({
    sheet: t.ref.name,
    cell: t.cell,
    previous: previousContent(before.get(t.key)!, formatWritable(t.ref)),
  }));
  try {
    await context.sync();
  } catch (failure) {
    return { applied: [], skipped, revert: [], failure, restore: restoreCells };
  }

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
  return { applied: accepted.map((a) => a.write), skipped, revert, restore: restoreCells };
}

/**
 * Queues one cell's new content: the number format first (when given), then the formula, or the
 * value as Range.values must receive it to store exactly that value (writeInput).
 */
function put(range: Excel.Range, content: CellPut): void {
  if (content.numberFormat !== undefined) range.numberFormat = [[content.numberFormat]];
  if (content.formula) range.formulas = [[content.formula]];
  else range.values = [[writeInput(content.value)]];
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
    put(sheet.getRange(cell.cell), cell.previous);
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

/** Locked cells of a protected sheet, and format changes where the protection forbids them. */
function isProtected(target: Target, write: CellWrite, now: RawCell): boolean {
  if (!target.ref.protection || !target.ref.sheet.protection.protected) return false;
  const locked = target.lockLoaded ? target.range.format.protection.locked : true;
  if (locked !== false) return true;
  const formatChange = write.numberFormat !== undefined && write.numberFormat !== now.numberFormat;
  return formatChange && !formatWritable(target.ref);
}

function first(grid: unknown): unknown {
  return Array.isArray(grid) && Array.isArray(grid[0]) ? grid[0][0] : undefined;
}

function rawOf(range: Excel.Range): RawCell {
  return { value: first(range.values), formula: first(range.formulas), numberFormat: first(range.numberFormat) };
}

function isTopLeft(mergedAddress: string, cell: string): boolean {
  const position = parseRange(cell);
  if (!position) return true;
  for (const area of splitAreas(mergedAddress)) {
    const range = parseRange(area);
    if (!range) continue;
    const inside =
      position.start.row >= range.start.row &&
      position.start.row <= range.end.row &&
      position.start.col >= range.start.col &&
      position.start.col <= range.end.col;
    if (inside) return position.start.row === range.start.row && position.start.col === range.start.col;
  }
  return true;
}

/** The value a write leaves in the cell, as Range.values reads it ("" for empty). */
function writtenValue(write: CellWrite): unknown {
  return write.value === null ? "" : write.value;
}
