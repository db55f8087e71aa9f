/**
 * A WorkbookHost over in-memory WorkbookData, and an in-memory SettingsStore, for task pane tests.
 *
 * Writes go through the core's applyWrites (a cell that no longer holds what the write expects is
 * skipped, as the Excel adapter does); protected sheets skip with "protected"; every call is
 * counted. Tests can edit a cell as a user would (between validation and apply), make the next
 * call of a method fail with a HostError, and hold calls open to observe the busy state.
 */
import { applyWrites, type CellContent, type CellWrite, type Scalar, type SkippedWrite, type WorkbookData } from "../../src/core";
import { readCell } from "../../src/core/apply";
import { parseA1 } from "../../src/core/address";
import {
  HostError,
  type ApplyOutcome,
  type HighlightCell,
  type ReadOutcome,
  type SettingsStore,
  type WorkbookHost,
} from "../../src/host/workbook-host";

type Method = "readWorkbook" | "applyWrites" | "selectCell" | "highlight" | "clearHighlight";

export interface FakeHostCalls {
  readWorkbook: number;
  applyWrites: CellWrite[][];
  selectCell: { sheet: string; cell: string }[];
  highlight: HighlightCell[][];
  clearHighlight: number;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeHost implements WorkbookHost {
  workbook: WorkbookData;
  readonly calls: FakeHostCalls = { readWorkbook: 0, applyWrites: [], selectCell: [], highlight: [], clearHighlight: 0 };
  /** Sheets whose cells cannot be written (skip reason "protected"). */
  readonly protectedSheets = new Set<string>();
  /** The cells coloured now. */
  readonly highlighted = new Map<string, HighlightCell>();
  private failures = new Map<Method, HostError[]>();
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(workbook: WorkbookData) {
    this.workbook = clone(workbook);
  }

  /** The next call of `method` rejects with `error`. */
  failNext(method: Method, error: HostError = new HostError("test", { ja: "テスト用のエラーです", en: "A test error" })): void {
    const list = this.failures.get(method) ?? [];
    list.push(error);
    this.failures.set(method, list);
  }

  /** Calls made from now on wait until release() is called. */
  hold(): void {
    if (this.gate) return;
    this.gate = new Promise<void>((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  /** Changes a cell as the user would: no expectation, it simply overwrites. */
  editCell(sheet: string, cell: string, value: Scalar, extra: { formula?: string | null; numberFormat?: string } = {}): void {
    const current = this.cell(sheet, cell);
    const write: CellWrite = { sheet, cell, expected: current, value, ...(extra.formula ? { formula: extra.formula } : {}) };
    if (extra.numberFormat !== undefined) write.numberFormat = extra.numberFormat;
    const result = applyWrites(this.workbook, [write]);
    if (result.skipped.length > 0) throw new Error(`cannot edit ${sheet}!${cell}`);
    this.workbook = result.workbook;
  }

  /** What a cell holds now. */
  cell(sheet: string, cell: string): CellContent {
    const data = this.workbook.sheets.find((s) => s.name === sheet);
    const position = parseA1(cell);
    if (!data || !position) throw new Error(`no cell ${sheet}!${cell}`);
    return readCell(data, position.row, position.col);
  }

  async readWorkbook(): Promise<ReadOutcome> {
    await this.enter("readWorkbook");
    this.calls.readWorkbook++;
    return { workbook: clone(this.workbook), syncs: 1 };
  }

  async applyWrites(writes: readonly CellWrite[]): Promise<ApplyOutcome> {
    await this.enter("applyWrites");
    this.calls.applyWrites.push(clone([...writes]));
    const skipped: SkippedWrite[] = [];
    const writable: CellWrite[] = [];
    for (const write of writes) {
      const exists = this.workbook.sheets.some((s) => s.name === write.sheet);
      if (!exists) skipped.push({ write, reason: "no-sheet" });
      else if (this.protectedSheets.has(write.sheet))
        skipped.push({ write, reason: "protected", actual: this.cell(write.sheet, write.cell) });
      else writable.push(write);
    }
    const before = this.workbook;
    const result = applyWrites(before, writable);
    skipped.push(...result.skipped);
    this.workbook = result.workbook;
    const revert = result.applied.map((write): CellWrite => {
      const sheet = before.sheets.find((s) => s.name === write.sheet)!;
      const position = parseA1(write.cell)!;
      const old = readCell(sheet, position.row, position.col);
      const back: CellWrite = {
        sheet: write.sheet,
        cell: write.cell,
        expected: { value: write.value, formula: write.formula ?? null },
        value: old.value,
      };
      if (old.formula) back.formula = old.formula;
      if (write.numberFormat !== undefined) back.numberFormat = old.numberFormat ?? "General";
      return back;
    });
    return { applied: result.applied, skipped, revert, syncs: 1 };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.enter("selectCell");
    this.calls.selectCell.push({ sheet, cell });
  }

  async highlight(cells: readonly HighlightCell[]): Promise<void> {
    await this.enter("highlight");
    this.calls.highlight.push(clone([...cells]));
    // As the Excel adapter does: exactly these cells end up coloured; the others get their fill back.
    this.highlighted.clear();
    for (const c of cells) this.highlighted.set(`${c.sheet}!${c.cell}`, c);
  }

  async clearHighlight(): Promise<void> {
    await this.enter("clearHighlight");
    this.calls.clearHighlight++;
    this.highlighted.clear();
  }

  private async enter(method: Method): Promise<void> {
    await Promise.resolve();
    if (this.gate) await this.gate;
    const error = this.failures.get(method)?.shift();
    if (error) throw error;
  }
}

/** Settings kept in memory, JSON round-tripped like Office's document settings. */
export class MemorySettings implements SettingsStore {
  private data = new Map<string, string>();
  /** Values as last saved (what reopening the document would see). */
  private persisted = new Map<string, string>();
  saves = 0;
  failSave: Error | null = null;

  get(key: string): unknown {
    const raw = this.data.get(key);
    return raw === undefined ? null : JSON.parse(raw);
  }

  set(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }

  async save(): Promise<void> {
    await Promise.resolve();
    if (this.failSave) throw this.failSave;
    this.saves++;
    this.persisted = new Map(this.data);
  }

  /** A new store holding only what was saved, as when the document is opened again. */
  reopen(): MemorySettings {
    const store = new MemorySettings();
    store.data = new Map(this.persisted);
    store.persisted = new Map(this.persisted);
    return store;
  }
}
