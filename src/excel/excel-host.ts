/// <reference types="office-js" />
/**
 * WorkbookHost over Office.js (Excel.run), composed of its parts: read.ts, apply.ts and
 * highlight.ts over one ExcelSession (operation.ts). Every operation takes a constant number of
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
import type { CellWrite, Severity } from "../core";
import type { ApplyOutcome, HighlightCell, ReadOutcome, SettingsStore, WorkbookHost } from "../host/workbook-host";
import { applyWritesToExcel } from "./apply";
import { normalizeCell } from "./convert";
import { HIGHLIGHT_COLORS, Highlighter } from "./highlight";
import { ExcelSession, type ExcelRun } from "./operation";
import { WorkbookReader } from "./read";

export { countSyncs, type ExcelRun } from "./operation";
export { DEFAULT_SHEETS_PER_SYNC } from "./read";
export { HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY } from "./highlight";

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

export interface ExcelHost extends WorkbookHost {
  /** context.sync() round trips of the last operation (any of the five), failed ones included. */
  readonly lastSyncs: number;
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const session = new ExcelSession({ run: options.run, isSetSupported: options.isSetSupported });
  const reader = new WorkbookReader(session, options.sheetsPerSync);
  const highlighter = new Highlighter(session, { ...HIGHLIGHT_COLORS, ...options.colors }, options.settings);
  return {
    get lastSyncs() {
      return session.lastSyncs;
    },
    readWorkbook: (): Promise<ReadOutcome> => reader.read(),
    applyWrites: (writes: readonly CellWrite[]): Promise<ApplyOutcome> => applyWritesToExcel(session, writes),
    selectCell: (sheet: string, cell: string): Promise<void> =>
      session.operation((op) =>
        op.run(async (context) => {
          const worksheet = context.workbook.worksheets.getItem(sheet);
          worksheet.activate();
          worksheet.getRange(normalizeCell(cell) ?? cell).select();
          await context.sync();
        }),
      ),
    highlight: (cells: readonly HighlightCell[]): Promise<void> => highlighter.highlight(cells),
    clearHighlight: (): Promise<void> => highlighter.clear(),
  };
}
