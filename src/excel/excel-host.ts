/// <reference types="office-js" />
/**
 * WorkbookHost over Office.js (Excel.run), composed of its parts: read.ts, apply.ts and
 * highlight.ts over one ExcelSession (operation.ts). Every operation takes a constant number of
 * context.sync() round trips, whatever the size of the workbook or the number of writes:
 *
 * | operation        | syncs                                                                  |
 * |------------------|------------------------------------------------------------------------|
 * | readWorkbook     | 1 once the sheet names are known (2 on the first read: names, ranges)  |
 * | applyWrites      | 2 (+1 only to restore after a failed write)                            |
 * | selectCell       | 1 (+1 after a failure, to tell a hidden sheet)                         |
 * | highlight/clear  | 2                                                                      |
 * | watchChanges     | 1 to start (2 on ExcelApi 1.7–1.8), 1 to stop (changes.ts)             |
 *
 * A sheet renamed or deleted since its name was learnt costs the failed sync and one to read the
 * names again (operation.ts). A read past Excel on the web's response limit goes sheet by sheet
 * in row blocks (read.ts). Only ExcelApi 1.1 is required; everything newer is feature-detected
 * (isSetSupported).
 *
 * Writing (apply.ts), colouring (highlight.ts, with zod for the saved fills) and the self-check
 * (self-check.ts) are loaded when first used: chunks of their own, so the pane's first script holds
 * only what a check needs.
 */
import { cellLocation } from "../core/address";
import type { CellWrite, Severity } from "../core";
import {
  HostError,
  type ApplyOutcome,
  type HighlightCell,
  type ReadOutcome,
  type SelfCheckReport,
  type SettingsStore,
  type WorkbookHost,
} from "../host/workbook-host";
import { normalizeCell } from "./convert";
import { errorCodeOf } from "./errors";
import { HIGHLIGHT_COLORS } from "./fill";
import type { Highlighter } from "./highlight";
import { ExcelSession, type ExcelRun, type Operation } from "./operation";
import { WorkbookReader } from "./read";
import { watchWorkbookChanges } from "./changes";

export { countSyncs, type ExcelRun } from "./operation";
export { CELLS_PER_SYNC } from "./read";
export { HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY } from "./fill";

export interface ExcelHostOptions {
  /** Runs a batch; Excel.run by default. */
  run?: ExcelRun;
  /** ExcelApi requirement-set check ("1.5" -> boolean); Office.context.requirements by default. */
  isSetSupported?: (version: string) => boolean;
  /** Where highlight() keeps the original fills so a reloaded task pane can still restore them. */
  settings?: SettingsStore;
  /** Fill colours by severity. */
  colors?: Partial<Record<Severity, string>>;
}

export interface ExcelHost extends WorkbookHost {
  /** context.sync() round trips of the last operation (any of the five), failed ones included. */
  readonly lastSyncs: number;
  /** Always there over Office.js (self-check.ts). */
  selfCheck(): Promise<SelfCheckReport>;
}

/** The user's message for a cell on a hidden (or very hidden) sheet, which Excel cannot show. */
function hiddenSheetError(sheet: string, cell: string, visibility: string): HostError {
  const where = cellLocation(sheet, cell);
  const very = visibility === "VeryHidden";
  return new HostError("SheetHidden", {
    ja: very
      ? `シート「${sheet}」は非表示（マクロなどで「表示しない」に設定）のため、セル ${where} を表示できません。` +
        "［再表示］では戻せない設定です。ブックの作成者に確認してください。"
      : `シート「${sheet}」は非表示のため、セル ${where} を表示できません。シート見出しを右クリックして［再表示］でこのシートを表示してから、もう一度クリックしてください。`,
    en: very
      ? `Sheet "${sheet}" is very hidden (set by a macro or the developer tools), so cell ${where} cannot be shown. ` +
        "Unhide cannot show it; ask the workbook's author."
      : `Sheet "${sheet}" is hidden, so cell ${where} cannot be shown. Right-click a sheet tab, choose Unhide and show this sheet, then click again.`,
  });
}

/**
 * Activates the sheet and selects the cell (one sync). Excel cannot show a hidden sheet: what
 * activate() / select() do on one is not documented, so the visibility loaded in the same batch
 * decides when the batch succeeded, and a second batch reads it when the batch failed.
 */
async function selectCell(op: Operation, session: ExcelSession, sheet: string, cell: string): Promise<void> {
  const address = normalizeCell(cell) ?? cell;
  let visibility: string;
  try {
    visibility = await op.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.load("visibility");
      worksheet.activate();
      worksheet.getRange(address).select();
      await context.sync();
      return worksheet.visibility;
    });
  } catch (error) {
    if (errorCodeOf(error) === "ItemNotFound") throw error;
    const now = await op
      .run(async (context) => {
        const worksheet = session.supports("1.4")
          ? context.workbook.worksheets.getItemOrNullObject(sheet) // its own property only is read
          : context.workbook.worksheets.getItem(sheet);
        worksheet.load("visibility");
        await context.sync();
        return worksheet.isNullObject ? null : worksheet.visibility;
      })
      .catch(() => null);
    if (now && now !== "Visible") throw hiddenSheetError(sheet, address, now);
    throw error;
  }
  if (visibility !== "Visible") throw hiddenSheetError(sheet, address, visibility);
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const session = new ExcelSession({ run: options.run, isSetSupported: options.isSetSupported });
  const reader = new WorkbookReader(session);
  const colors = { ...HIGHLIGHT_COLORS, ...options.colors };
  // One Highlighter for the host's life (it remembers what it coloured); made on first use.
  let highlighter: Promise<Highlighter> | null = null;
  const highlighting = (): Promise<Highlighter> =>
    (highlighter ??= import(/* webpackChunkName: "highlight" */ "./highlight").then(
      ({ Highlighter }) => new Highlighter(session, colors, options.settings),
    ));
  return {
    get lastSyncs() {
      return session.lastSyncs;
    },
    readWorkbook: (): Promise<ReadOutcome> => reader.read(),
    applyWrites: async (writes: readonly CellWrite[]): Promise<ApplyOutcome> => {
      const { applyWritesToExcel } = await import(/* webpackChunkName: "apply" */ "./apply");
      return applyWritesToExcel(session, writes);
    },
    selectCell: (sheet: string, cell: string): Promise<void> => session.operation((op) => selectCell(op, session, sheet, cell)),
    highlight: async (cells: readonly HighlightCell[]): Promise<void> => (await highlighting()).highlight(cells),
    clearHighlight: async (): Promise<void> => (await highlighting()).clear(),
    // The self-check (Settings > 動作確認): a chunk of its own, loaded only when asked for.
    selfCheck: async (): Promise<SelfCheckReport> => {
      const { runSelfCheck } = await import(/* webpackChunkName: "self-check" */ "./self-check");
      return runSelfCheck(session);
    },
    // Change events need ExcelApi 1.7 (changes.ts); without them the pane hides its automatic check.
    ...(session.supports("1.7")
      ? {
          watchChanges: (listener: Parameters<NonNullable<WorkbookHost["watchChanges"]>>[0]) =>
            watchWorkbookChanges(
              options.run ?? (((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun),
              (version) => session.supports(version),
              listener,
            ),
        }
      : {}),
  };
}
