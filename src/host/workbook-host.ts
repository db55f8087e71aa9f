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

/**
 * How one probe of the self-check came out: "ok" as the add-in expects; "differs" the behaviour the
 * add-in works around (it says how); "unsupported" this Excel lacks the API (the add-in does without);
 * "failed" the probe could not run, or saw something the add-in does not handle.
 */
export type SelfCheckStatus = "ok" | "differs" | "unsupported" | "failed";

/** One probe of the self-check: plain data, shown in the pane and copied into a support request. */
export interface SelfCheckProbe {
  /** Stable, for tests and support: "api-sets", "webview", "null-object", "covered-merge", … */
  id: string;
  /** What was probed. */
  label: Localized;
  /** What this Excel did. */
  outcome: Localized;
  status: SelfCheckStatus;
  /** What the add-in does about it. */
  handling: Localized;
}

/** What the self-check found about this Excel (Settings > 動作確認), for IT staff and support. */
export interface SelfCheckReport {
  /** When it ran (ISO 8601). */
  ranAt: string;
  /** navigator.userAgent of the pane's webview ("" where there is none). */
  userAgent: string;
  /** The add-in's version where known. */
  addinVersion?: string;
  probes: SelfCheckProbe[];
}

/** A change of the workbook's cells the host reported (WorkbookHost.watchChanges). */
export interface WorkbookChange {
  /** The worksheet's name; null when the host could not tell. */
  sheet: string | null;
  /** The changed area of that sheet ("B3", "B3:D9"); null when not known (a sheet was added). */
  address: string | null;
  /** True when this add-in made the change, false when someone else did, null when the host cannot tell. */
  byThisAddin: boolean | null;
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
  /**
   * Calls the listener for each change of the workbook's cells, until the returned stop function
   * resolves. Absent where the host raises no change events (the pane then hides its automatic check).
   */
  watchChanges?(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>>;
  /**
   * Probes this Excel's undocumented or version-dependent behaviour on a scratch sheet it adds and
   * deletes. Optional: a host without it (a test fake) has no self-check to offer.
   */
  selfCheck?(): Promise<SelfCheckReport>;
}

/** Settings kept in the document (Office.context.document.settings). */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save(): Promise<void>;
}
