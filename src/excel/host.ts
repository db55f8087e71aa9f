/**
 * What the task pane needs from the workbook it sits beside. The Excel adapter (excel-host.ts)
 * implements it with Office.js; the browser demo runs the same adapter over its own Excel API.
 * Types only: the task pane depends on this, never on Office.js directly.
 */
import type { CellContent, CellWrite, Localized, Severity, WorkbookData } from "../core";

export interface ReadOutcome {
  workbook: WorkbookData;
  /** context.sync() round trips this read took. */
  syncs: number;
}

export type SkipReason =
  /** The cell no longer holds what the fix expected (someone typed, a co-author edited). */
  | "changed"
  /** The sheet is protected. */
  | "protected"
  /** The cell is inside a merged area but not its top-left. */
  | "merged"
  /** The sheet was renamed or deleted. */
  | "no-sheet";

export interface SkippedCell {
  write: CellWrite;
  reason: SkipReason;
  /** What the cell holds now, when it could be read. */
  actual?: CellContent;
}

export interface ApplyOutcome {
  applied: CellWrite[];
  skipped: SkippedCell[];
  /**
   * Writes that put back exactly what the applied writes replaced (value, formula, number
   * format). Applying them is the revert; each expects what was written, so a cell edited
   * since is left alone.
   */
  revert: CellWrite[];
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
