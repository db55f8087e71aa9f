/// <reference types="office-js" />
/**
 * readWorkbook: every worksheet's used range (values, formulas, number formats, merged areas,
 * hidden rows) in one sync on ExcelApi 1.5+ (the sheets reached by chaining getFirst() /
 * getNextOrNullObject()), two on older hosts.
 */
import type { SheetData, WorkbookData } from "../core";
import type { ReadOutcome } from "../host/workbook-host";
import { emptySheet, hiddenRowsOf, sheetFromRange, splitAreas } from "./convert";
import { errorCodeOf } from "./errors";
import type { ExcelSession } from "./operation";

export const DEFAULT_SHEETS_PER_SYNC = 128;
/** The chain never grows past this, however many sheets a workbook had last time. */
const MAX_SHEETS_PER_SYNC = 1024;

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

export class WorkbookReader {
  private readonly sheetsPerSync: number;
  /** Worksheets in the workbook at the last read: the next read chains as many. */
  private sheetsLastRead = 0;

  constructor(
    private readonly session: ExcelSession,
    sheetsPerSync = DEFAULT_SHEETS_PER_SYNC,
  ) {
    this.sheetsPerSync = Math.max(1, Math.floor(sheetsPerSync));
  }

  read(): Promise<ReadOutcome> {
    return this.session.operation(async (op) => {
      let workbook: WorkbookData;
      if (this.session.supports("1.5")) {
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
    const supports = (version: string) => this.session.supports(version);
    const nullable = supports("1.4");
    const used = nullable ? sheet.getUsedRangeOrNullObject(true) : supports("1.2") ? sheet.getUsedRange(true) : sheet.getUsedRange();
    used.load("address, values, formulas, numberFormat");
    const queued: QueuedRead = { used, nullable };
    if (extras && supports("1.13")) {
      queued.merged = used.getMergedAreasOrNullObject();
      queued.merged.load("address");
    }
    if (extras && supports("1.3")) {
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
}
