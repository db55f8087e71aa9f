/// <reference types="office-js" />
/**
 * WorkbookHost over Office.js (Excel.run). Every operation takes a constant number of
 * context.sync() round trips, whatever the size of the workbook or the number of writes:
 *
 * | operation        | ExcelApi 1.5+           | ExcelApi 1.1-1.4 |
 * |------------------|-------------------------|------------------|
 * | readWorkbook     | 1 (2 on the first read past sheetsPerSync) | 2 |
 * | applyWrites      | 2 (+1 only to restore after a failed write) | 2 |
 * | selectCell       | 1                       | 1                |
 * | highlight/clear  | 2                       | 2                |
 *
 * Only ExcelApi 1.1 is required; everything newer is feature-detected (isSetSupported).
 */
import { holdsExpected } from "../core/apply";
import { parseRange } from "../core/address";
import { SEVERITY_RANK } from "../core/severity";
import type { CellWrite, Severity, SheetData, WorkbookData } from "../core";
import { contentOf, emptySheet, formulaOf, hiddenRowsOf, normalizeCell, sheetFromRange, splitAreas, toScalar, writeInput } from "./convert";
import { errorCodeOf, toHostError } from "./errors";
import {
  HostError,
  type ApplyOutcome,
  type HighlightCell,
  type ReadOutcome,
  type SettingsStore,
  type SkippedCell,
  type WorkbookHost,
} from "./host";
import { isSetSupported as officeIsSetSupported } from "./office";

/** Excel.run's shape; the browser demo passes its own. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  /** Runs a batch; Excel.run by default. */
  run?: ExcelRun;
  /** ExcelApi requirement-set check ("1.5" -> boolean); Office.context.requirements by default. */
  isSetSupported?: (version: string) => boolean;
  /** Where highlight() keeps the original fills so a reloaded task pane can still restore them. */
  settings?: SettingsStore;
  /** Worksheets queued in the single read sync (ExcelApi 1.5); more sheets cost one more sync. */
  sheetsPerSync?: number;
  /** Fill colours by severity. */
  colors?: Partial<Record<Severity, string>>;
}

/** Light red / light yellow / light blue: Excel's own "Light Red Fill" family, readable with black text. */
export const HIGHLIGHT_COLORS: Readonly<Record<Severity, string>> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};
export const HIGHLIGHT_SETTINGS_KEY = "kpiChecker.highlights";
export const DEFAULT_SHEETS_PER_SYNC = 128;
/** The chain never grows past this, however many sheets a workbook had last time. */
const MAX_SHEETS_PER_SYNC = 1024;

export interface ExcelHost extends WorkbookHost {
  /** context.sync() round trips of the last operation (any of the five), failed ones included. */
  readonly lastSyncs: number;
}

export interface SyncCounter {
  readonly count: number;
}

/**
 * Wraps context.sync so every round trip is counted. The wrapper replaces `sync` on this
 * context object only.
 */
export function countSyncs(context: { sync: Excel.RequestContext["sync"] }): SyncCounter {
  const original = context.sync;
  let count = 0;
  const counted = function <T>(passThroughValue?: T): Promise<T> {
    count++;
    return original.call(context, passThroughValue) as Promise<T>;
  };
  context.sync = counted;
  return {
    get count() {
      return count;
    },
  };
}

/** One host operation: may span several Excel.run batches (a retry, a restore); counts all syncs. */
class Operation {
  syncs = 0;
  constructor(private readonly runBatch: ExcelRun) {}

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.runBatch(async (context) => {
      const counter = countSyncs(context);
      try {
        return await batch(context);
      } finally {
        this.syncs += counter.count;
      }
    });
  }
}

/** Failures where a plain two-step read cannot do better: do not retry, report. */
const NO_READ_RETRY = new Set([
  "InvalidOperationInCellEditMode",
  "AccessDenied",
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "InactiveWorkbook",
]);

interface QueuedRead {
  used: Excel.Range;
  nullable: boolean;
  merged?: Excel.RangeAreas;
  view?: Excel.RangeView;
}

interface RawCell {
  value: unknown;
  formula: unknown;
  numberFormat: unknown;
}

interface SheetRef {
  name: string;
  sheet: Excel.Worksheet;
  nullable: boolean;
  protection: boolean;
}

interface Target {
  key: string;
  ref: SheetRef;
  cell: string;
  range: Excel.Range;
  merged?: Excel.RangeAreas;
  lockLoaded: boolean;
}

interface RestoreCell {
  sheet: string;
  cell: string;
  before: RawCell;
  format: boolean;
}

interface FillState {
  /** null: no fill. */
  color: string | null;
  pattern?: string | null;
  patternColor?: string | null;
}

interface SavedHighlight {
  sheet: string;
  cell: string;
  /** The fill before highlight(). */
  original: FillState;
  /** The colour highlight() put there; clearHighlight() restores only cells still showing it. */
  applied: string;
}

function cellKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell}`;
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

function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" && a.trim().toUpperCase() === b.trim().toUpperCase();
}

function isFillState(value: unknown): value is FillState {
  if (!value || typeof value !== "object") return false;
  const color = (value as FillState).color;
  return color === null || typeof color === "string";
}

function parseSaved(value: unknown): SavedHighlight[] {
  const cells = value && typeof value === "object" ? (value as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) return [];
  return cells.filter(
    (c): c is SavedHighlight =>
      !!c &&
      typeof c === "object" &&
      typeof (c as SavedHighlight).sheet === "string" &&
      typeof (c as SavedHighlight).cell === "string" &&
      typeof (c as SavedHighlight).applied === "string" &&
      isFillState((c as SavedHighlight).original),
  );
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  return new OfficeWorkbookHost(options);
}

class OfficeWorkbookHost implements ExcelHost {
  private readonly runBatch: ExcelRun;
  private readonly supported = new Map<string, boolean>();
  private readonly sheetsPerSync: number;
  private sheetsLastRead = 0;
  private readonly colors: Record<Severity, string>;
  private readonly highlights = new Map<string, SavedHighlight>();
  private syncs = 0;

  constructor(private readonly options: ExcelHostOptions) {
    this.runBatch = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
    this.sheetsPerSync = Math.max(1, Math.floor(options.sheetsPerSync ?? DEFAULT_SHEETS_PER_SYNC));
    this.colors = { ...HIGHLIGHT_COLORS, ...options.colors };
  }

  get lastSyncs(): number {
    return this.syncs;
  }

  private supports(version: string): boolean {
    let answer = this.supported.get(version);
    if (answer === undefined) {
      answer = (this.options.isSetSupported ?? officeIsSetSupported)(version);
      this.supported.set(version, answer);
    }
    return answer;
  }

  private async operation<T>(body: (op: Operation) => Promise<T>): Promise<T> {
    const op = new Operation(this.runBatch);
    try {
      return await body(op);
    } catch (error) {
      throw toHostError(error);
    } finally {
      this.syncs = op.syncs;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Read

  readWorkbook(): Promise<ReadOutcome> {
    return this.operation(async (op) => {
      let workbook: WorkbookData;
      if (this.supports("1.5")) {
        try {
          workbook = await op.run((context) => this.readChained(context));
        } catch (error) {
          // A host that rejects part of the one-sync batch (merged areas past 512, a view it
          // cannot build): read again the plain way rather than fail.
          if (NO_READ_RETRY.has(errorCodeOf(error))) throw error;
          workbook = await op.run((context) => this.readByName(context, false));
        }
      } else {
        workbook = await op.run((context) => this.readByName(context, true));
      }
      return { workbook, syncs: op.syncs };
    });
  }

  /** Queues one sheet's used range (and merged areas / visible rows where supported). */
  private queueRead(sheet: Excel.Worksheet, extras: boolean): QueuedRead {
    const nullable = this.supports("1.4");
    const used = nullable ? sheet.getUsedRangeOrNullObject(true) : this.supports("1.2") ? sheet.getUsedRange(true) : sheet.getUsedRange();
    used.load("address, values, formulas, numberFormat");
    const queued: QueuedRead = { used, nullable };
    if (extras && this.supports("1.13")) {
      queued.merged = used.getMergedAreasOrNullObject();
      queued.merged.load("address");
    }
    if (extras && this.supports("1.3")) {
      queued.view = used.getColumn(0).getVisibleView();
      queued.view.load("cellAddresses");
    }
    return queued;
  }

  private sheetData(name: string, queued: QueuedRead): SheetData {
    const { used } = queued;
    if (queued.nullable && used.isNullObject) return emptySheet(name);
    const merges = queued.merged && !queued.merged.isNullObject ? splitAreas(queued.merged.address) : [];
    const hiddenRows = queued.view && !queued.view.isNullObject ? hiddenRowsOf(used.address, queued.view.cellAddresses) : [];
    return sheetFromRange(
      name,
      { address: used.address, values: used.values, formulas: used.formulas, numberFormat: used.numberFormat },
      { merges, hiddenRows },
    );
  }

  /**
   * ExcelApi 1.5: the first `sheetsPerSync` worksheets are reached by chaining getFirst() /
   * getNextOrNullObject() and their used ranges queued in the same batch, so the whole read is
   * one sync. The names loaded alongside tell whether more sheets remain (one more sync).
   */
  private async readChained(context: Excel.RequestContext): Promise<WorkbookData> {
    const collection = context.workbook.worksheets;
    collection.load("items/name");
    const chain: { sheet: Excel.Worksheet; queued: QueuedRead }[] = [];
    let sheet = collection.getFirst();
    // A workbook read before is chained as long as it was then (plus room for added sheets), so
    // only the first read of a workbook with more sheets than sheetsPerSync takes a second sync.
    const length = Math.min(MAX_SHEETS_PER_SYNC, Math.max(this.sheetsPerSync, this.sheetsLastRead + 8));
    for (let i = 0; i < length; i++) {
      if (i > 0) sheet = sheet.getNextOrNullObject();
      sheet.load("name");
      chain.push({ sheet, queued: this.queueRead(sheet, true) });
    }
    await context.sync();

    const read = new Map<string, SheetData>();
    for (const { sheet: s, queued } of chain) {
      if (s.isNullObject) break;
      read.set(s.name, this.sheetData(s.name, queued));
    }
    const rest = collection.items.filter((s) => !read.has(s.name)).map((s) => ({ name: s.name, queued: this.queueRead(s, true) }));
    if (rest.length > 0) {
      await context.sync();
      for (const { name, queued } of rest) read.set(name, this.sheetData(name, queued));
    }
    this.sheetsLastRead = collection.items.length;
    return { sheets: collection.items.map((s) => read.get(s.name) ?? emptySheet(s.name)) };
  }

  /** ExcelApi 1.1: names in one sync, every used range in a second. */
  private async readByName(context: Excel.RequestContext, extras: boolean): Promise<WorkbookData> {
    const collection = context.workbook.worksheets;
    collection.load("items/name");
    await context.sync();
    const queued = collection.items.map((s) => ({ name: s.name, queued: this.queueRead(s, extras) }));
    await context.sync();
    return { sheets: queued.map(({ name, queued: q }) => this.sheetData(name, q)) };
  }

  // ---------------------------------------------------------------------------------------------
  // Apply

  applyWrites(writes: readonly CellWrite[]): Promise<ApplyOutcome> {
    if (writes.length === 0) {
      this.syncs = 0;
      return Promise.resolve({ applied: [], skipped: [], revert: [], syncs: 0 });
    }
    return this.operation(async (op) => {
      const outcome = await op.run((context) => this.applyBatch(context, writes));
      if (outcome.failure !== undefined) {
        let restoreError: unknown;
        try {
          await op.run((context) => this.restore(context, outcome.restore));
        } catch (error) {
          restoreError = error;
        }
        throw this.writeFailed(outcome.failure, outcome.restore, restoreError);
      }
      return { applied: outcome.applied, skipped: outcome.skipped, revert: outcome.revert, syncs: op.syncs };
    });
  }

  private sheetRef(context: Excel.RequestContext, refs: Map<string, SheetRef>, name: string, protection: boolean): SheetRef {
    let ref = refs.get(name);
    if (!ref) {
      const nullable = this.supports("1.4");
      const worksheets = context.workbook.worksheets;
      const sheet = nullable ? worksheets.getItemOrNullObject(name) : worksheets.getItem(name);
      sheet.load("name");
      const withProtection = protection && this.supports("1.2");
      if (withProtection) sheet.protection.load("protected, options");
      ref = { name, sheet, nullable, protection: withProtection };
      refs.set(name, ref);
    }
    return ref;
  }

  private async applyBatch(
    context: Excel.RequestContext,
    writes: readonly CellWrite[],
  ): Promise<{ applied: CellWrite[]; skipped: SkippedCell[]; revert: CellWrite[]; failure?: unknown; restore: RestoreCell[] }> {
    // Sync 1: what every target cell holds now, its sheet's protection, its merged area.
    const refs = new Map<string, SheetRef>();
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
        const ref = this.sheetRef(context, refs, write.sheet, true);
        const range = ref.sheet.getRange(cell);
        range.load("values, formulas, numberFormat");
        if (ref.protection) range.format.protection.load("locked");
        target = { key, ref, cell, range, lockLoaded: ref.protection };
        if (this.supports("1.13")) {
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
    const skipped: SkippedCell[] = [];
    const accepted: { write: CellWrite; target: Target }[] = [];
    for (const { write, target } of plan) {
      if (!target || (target.ref.nullable && target.ref.sheet.isNullObject)) {
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
      if (this.isProtected(target, write, now)) {
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
    for (const { write, target } of accepted) {
      const range = target.range;
      if (write.numberFormat !== undefined) range.numberFormat = [[write.numberFormat]];
      if (write.formula) range.formulas = [[write.formula]];
      else range.values = [[writeInput(write.value)]];
    }
    const written: Target[] = [];
    const after = new Map<string, Excel.Range>();
    for (const { target } of accepted) {
      if (after.has(target.key)) continue;
      const range = target.ref.sheet.getRange(target.cell);
      range.load("values, formulas, numberFormat");
      after.set(target.key, range);
      written.push(target);
    }
    const restore: RestoreCell[] = written.map((t) => ({
      sheet: t.ref.name,
      cell: t.cell,
      before: before.get(t.key)!,
      format: this.formatWritable(t.ref),
    }));
    try {
      await context.sync();
    } catch (failure) {
      return { applied: [], skipped, revert: [], failure, restore };
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
    return { applied: accepted.map((a) => a.write), skipped, revert, restore };
  }

  /** Locked cells of a protected sheet, and format changes where the protection forbids them. */
  private isProtected(target: Target, write: CellWrite, now: RawCell): boolean {
    if (!target.ref.protection || !target.ref.sheet.protection.protected) return false;
    const locked = target.lockLoaded ? target.range.format.protection.locked : true;
    if (locked !== false) return true;
    const formatChange = write.numberFormat !== undefined && write.numberFormat !== now.numberFormat;
    return formatChange && !this.formatWritable(target.ref);
  }

  private formatWritable(ref: SheetRef): boolean {
    if (!ref.protection || !ref.sheet.protection.protected) return true;
    return ref.sheet.protection.options?.allowFormatCells === true;
  }

  /** Puts back what the cells of a failed batch held (value or formula; format where allowed). */
  private async restore(context: Excel.RequestContext, cells: readonly RestoreCell[]): Promise<void> {
    if (cells.length === 0) return;
    const worksheets = context.workbook.worksheets;
    const sheets = new Map<string, Excel.Worksheet>();
    for (const cell of cells) {
      let sheet = sheets.get(cell.sheet);
      if (!sheet) {
        sheet = worksheets.getItem(cell.sheet);
        sheets.set(cell.sheet, sheet);
      }
      const range = sheet.getRange(cell.cell);
      if (cell.format && typeof cell.before.numberFormat === "string") range.numberFormat = [[cell.before.numberFormat]];
      const formula = formulaOf(cell.before.formula, cell.before.value);
      if (formula) range.formulas = [[formula]];
      else range.values = [[writeInput(toScalar(cell.before.value))]];
    }
    await context.sync();
  }

  private writeFailed(failure: unknown, cells: readonly RestoreCell[], restoreError: unknown): HostError {
    const base = toHostError(failure);
    const where = cells.map((c) => `${c.sheet}!${c.cell}`).join(", ");
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

  // ---------------------------------------------------------------------------------------------
  // Navigation and highlight

  selectCell(sheet: string, cell: string): Promise<void> {
    return this.operation((op) =>
      op.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(normalizeCell(cell) ?? cell).select();
        await context.sync();
      }),
    );
  }

  private fillStateOf(fill: Excel.RangeFill): FillState {
    if (this.supports("1.9")) {
      if (fill.pattern === "None" || (fill.pattern == null && !fill.color)) return { color: null };
      const state: FillState = { color: fill.color ?? null };
      if (fill.pattern && fill.pattern !== "Solid") {
        state.pattern = fill.pattern;
        state.patternColor = fill.patternColor ?? null;
      }
      return state;
    }
    // Before ExcelApi 1.9 "no fill" reads as white: restoring it as no fill looks the same.
    if (!fill.color || sameColor(fill.color, "#FFFFFF")) return { color: null };
    return { color: fill.color };
  }

  private restoreFill(range: Excel.Range, state: FillState): void {
    const fill = range.format.fill;
    if (state.color === null) {
      fill.clear();
      return;
    }
    fill.color = state.color;
    if (state.pattern && this.supports("1.9")) {
      fill.pattern = state.pattern as Excel.FillPattern;
      if (state.patternColor) fill.patternColor = state.patternColor;
    }
  }

  private recallHighlights(): void {
    if (this.highlights.size > 0 || !this.options.settings) return;
    for (const saved of parseSaved(this.options.settings.get(HIGHLIGHT_SETTINGS_KEY))) {
      this.highlights.set(cellKey(saved.sheet, saved.cell), saved);
    }
  }

  private async persistHighlights(): Promise<void> {
    const settings = this.options.settings;
    if (!settings) return;
    const cells = [...this.highlights.values()];
    settings.set(HIGHLIGHT_SETTINGS_KEY, cells.length > 0 ? { version: 1, cells } : null);
    try {
      await settings.save();
    } catch {
      // Best effort: the fills are still remembered in memory for this session.
    }
  }

  highlight(cells: readonly HighlightCell[]): Promise<void> {
    return this.operation(async (op) => {
      this.recallHighlights();
      const desired = new Map<string, { sheet: string; cell: string; severity: Severity }>();
      for (const c of cells) {
        const cell = normalizeCell(c.cell);
        if (!cell) continue;
        const key = cellKey(c.sheet, cell);
        const known = desired.get(key);
        if (!known || SEVERITY_RANK[c.severity] < SEVERITY_RANK[known.severity]) {
          desired.set(key, { sheet: c.sheet, cell, severity: c.severity });
        }
      }
      const dropped = [...this.highlights.entries()].filter(([key]) => !desired.has(key));
      if (desired.size === 0 && dropped.length === 0) return;

      const next = await op.run(async (context) => {
        // Sync 1: the fills to remember (new cells) and to check (cells to restore).
        const refs = new Map<string, SheetRef>();
        const reads = new Map<string, Excel.Range>();
        for (const [key, d] of desired) {
          const range = this.sheetRef(context, refs, d.sheet, true).sheet.getRange(d.cell);
          if (!this.highlights.has(key)) {
            if (this.supports("1.9")) range.format.fill.load("color, pattern, patternColor");
            else range.format.fill.load("color");
          }
          reads.set(key, range);
        }
        const checks = new Map<string, Excel.Range>();
        for (const [key, saved] of dropped) {
          const range = this.sheetRef(context, refs, saved.sheet, true).sheet.getRange(saved.cell);
          range.format.fill.load("color");
          checks.set(key, range);
        }
        await context.sync();

        // Sync 2: fill, restore. Sheets gone are forgotten; sheets protected against formatting
        // are left alone (their highlights stay remembered until they can be restored).
        const result = new Map<string, SavedHighlight>();
        for (const [key, d] of desired) {
          const ref = refs.get(d.sheet)!;
          if (ref.nullable && ref.sheet.isNullObject) continue;
          const known = this.highlights.get(key);
          if (!this.formatWritable(ref)) {
            if (known) result.set(key, known);
            continue;
          }
          const range = reads.get(key)!;
          const original = known?.original ?? this.fillStateOf(range.format.fill);
          const color = this.colors[d.severity];
          range.format.fill.color = color;
          if (original.pattern && this.supports("1.9")) range.format.fill.pattern = "Solid";
          result.set(key, { sheet: d.sheet, cell: d.cell, original, applied: color });
        }
        for (const [key, saved] of dropped) {
          const ref = refs.get(saved.sheet)!;
          if (ref.nullable && ref.sheet.isNullObject) continue;
          if (!this.formatWritable(ref)) {
            result.set(key, saved);
            continue;
          }
          const range = checks.get(key)!;
          // A cell whose fill the user changed since is left as the user made it.
          if (sameColor(range.format.fill.color, saved.applied)) this.restoreFill(range, saved.original);
        }
        await context.sync();
        return result;
      });
      this.highlights.clear();
      for (const [key, saved] of next) this.highlights.set(key, saved);
      await this.persistHighlights();
    });
  }

  clearHighlight(): Promise<void> {
    return this.operation(async (op) => {
      this.recallHighlights();
      const saved = [...this.highlights.entries()];
      if (saved.length === 0) return;
      const kept = await op.run(async (context) => {
        const refs = new Map<string, SheetRef>();
        const ranges = saved.map(([, s]) => {
          const range = this.sheetRef(context, refs, s.sheet, true).sheet.getRange(s.cell);
          range.format.fill.load("color");
          return range;
        });
        await context.sync();
        const keep: [string, SavedHighlight][] = [];
        saved.forEach(([key, s], i) => {
          const ref = refs.get(s.sheet)!;
          if (ref.nullable && ref.sheet.isNullObject) return;
          if (!this.formatWritable(ref)) {
            keep.push([key, s]);
            return;
          }
          if (sameColor(ranges[i].format.fill.color, s.applied)) this.restoreFill(ranges[i], s.original);
        });
        await context.sync();
        return keep;
      });
      this.highlights.clear();
      for (const [key, s] of kept) this.highlights.set(key, s);
      await this.persistHighlights();
    });
  }
}

/** The value a write leaves in the cell, as Range.values reads it ("" for empty). */
function writtenValue(write: CellWrite): unknown {
  return write.value === null ? "" : write.value;
}
