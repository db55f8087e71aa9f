/**
 * The ports of the task pane: what it needs from the workbook it sits beside and from the
 * document's settings. Owned by their user, so they depend on the core only: the Excel adapter
 * (src/excel) implements them with Office.js, the browser demo runs that adapter over its own
 * Excel API, and tests use in-memory fakes.
 */
import type { CellWrite, Localized, Severity, WorkbookData, WriteOutcome } from "../core";

export interface ReadOutcome {
  workbook: WorkbookData;
  /** context.sync() round trips this read took. */
  syncs: number;
}

export interface ApplyOutcome extends WriteOutcome {
  /**
   * Writes that put back exactly what the applied writes replaced (value, formula, number
   * format). Applying them is the revert; each expects what was written, so a cell edited
   * since is left alone.
   */
  revert: CellWrite[];
  /** context.sync() round trips this apply took. */
  syncs: number;
}

export interface HighlightCell {
  sheet: string;
  cell: string;
  severity: Severity;
}

/** An error raised by the host, translated for the user. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: Localized,
    readonly detail?: unknown,
  ) {
    super(userMessage.en);
    this.name = "HostError";
  }
}

export interface WorkbookHost {
  /** Reads every worksheet's used range in a constant number of round trips (1 where the API allows). */
  readWorkbook(): Promise<ReadOutcome>;
  /** Re-reads the target cells, writes those unchanged since validation, all in one batch. */
  applyWrites(writes: readonly CellWrite[]): Promise<ApplyOutcome>;
  /** Activates the sheet and selects the cell. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Fills the cells by severity, remembering their original fills. */
  highlight(cells: readonly HighlightCell[]): Promise<void>;
  /** Restores the fills saved by highlight(). */
  clearHighlight(): Promise<void>;
}

/** Settings kept in the document (Office.context.document.settings). */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save(): Promise<void>;
}
