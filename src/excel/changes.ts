/// <reference types="office-js" />
/**
 * watchChanges: the workbook's change events, for the pane's automatic check ("Work with Events
 * using the Excel JavaScript API", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events:
 * handlers are registered with `add` on an event object and take effect at the next sync, and are
 * removed with `remove` on the handler result, in the same request context, then a sync).
 *
 * | host           | what is listened to                                                          | syncs |
 * |----------------|------------------------------------------------------------------------------|-------|
 * | ExcelApi 1.9+  | WorksheetCollection.onChanged (every sheet, also those added later)          | 1     |
 * | ExcelApi 1.7/8 | Worksheet.onChanged of each sheet, WorksheetCollection.onAdded for new ones  | 2     |
 * | older          | nothing: the host offers no watchChanges                                     | —     |
 *
 * (Excel.Worksheet.onChanged and WorksheetCollection.onAdded: ExcelApi 1.7; WorksheetCollection.onChanged:
 * ExcelApi 1.9; learn.microsoft.com/javascript/api/excel/excel.worksheetcollection.)
 *
 * The events' WorksheetChangedEventArgs (ExcelApi 1.7, learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs)
 * name the sheet by id and the changed area by address. Changes made by this add-in raise them too;
 * from ExcelApi 1.14 `triggerSource` says so ("ThisLocalAddin": "the event is triggered by the
 * Office JS API of the current add-in", Excel.EventTriggerSource). Before 1.14 the listener is told
 * the host cannot tell (byThisAddin null) and the pane decides (controller.ts).
 */
import { HostError, type WorkbookChange } from "../host/workbook-host";
import { toHostError } from "./errors";
import type { ExcelRun } from "./operation";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
/** Excel.run(context, batch): a batch in an earlier batch's request context (to remove its handlers). */
type RunIn = <T>(context: Excel.RequestContext, batch: Batch<T>) => Promise<T>;
type HandlerResult = OfficeExtension.EventHandlerResult<unknown>;

/** The host's answer when it has no change events (below ExcelApi 1.7). */
function eventsUnsupported(): HostError {
  return new HostError("EventsUnsupported", {
    ja: "この Excel はセルの変更を作業ウィンドウに知らせられません（ExcelApi 1.7 以降が必要です）。",
    en: "This Excel cannot tell the task pane about changed cells (ExcelApi 1.7 or later is needed).",
  });
}

/**
 * Starts listening; resolves to the function that stops (removing every handler, one sync per
 * request context they were added in). The listener is never called once stopping has begun.
 */
export async function watchWorkbookChanges(
  run: ExcelRun,
  supports: (version: string) => boolean,
  listener: (change: WorkbookChange) => void,
): Promise<() => Promise<void>> {
  if (!supports("1.7")) throw eventsUnsupported();
  const collectionEvents = supports("1.9");
  const triggerSource = supports("1.14");
  /** Worksheet id -> name, as read when listening started (and for sheets added since, at 1.7). */
  const names = new Map<string, string>();
  const results: HandlerResult[] = [];
  let stopped = false;

  const tell = (change: WorkbookChange): void => {
    if (!stopped) listener(change);
  };
  const onChanged = (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
    tell({
      sheet: names.get(args.worksheetId) ?? null,
      address: typeof args.address === "string" && args.address !== "" ? args.address : null,
      byThisAddin: triggerSource ? args.triggerSource === "ThisLocalAddin" : null,
    });
    return Promise.resolve();
  };
  // ExcelApi 1.7–1.8: a sheet added later gets its own handler, in a batch of its own.
  const onAdded = async (args: Excel.WorksheetAddedEventArgs): Promise<void> => {
    if (stopped) return;
    try {
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(args.worksheetId);
        sheet.load("id, name");
        const result = sheet.onChanged.add(onChanged);
        await context.sync();
        names.set(sheet.id, sheet.name);
        results.push(result as HandlerResult);
      });
    } catch {
      // The sheet is gone again, or Excel refused: its edits are not heard; 検証 still reads it.
    }
    // A new sheet (a copied section) may change the findings.
    tell({ sheet: names.get(args.worksheetId) ?? null, address: null, byThisAddin: null });
  };

  try {
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/id, items/name");
      if (collectionEvents) results.push(sheets.onChanged.add(onChanged) as HandlerResult);
      await context.sync();
      for (const sheet of sheets.items) names.set(sheet.id, sheet.name);
      if (collectionEvents) return;
      for (const sheet of sheets.items) results.push(sheet.onChanged.add(onChanged) as HandlerResult);
      results.push(sheets.onAdded.add(onAdded) as HandlerResult);
      await context.sync();
    });
  } catch (error) {
    stopped = true;
    throw toHostError(error);
  }

  return async () => {
    stopped = true;
    const byContext = new Map<Excel.RequestContext, HandlerResult[]>();
    for (const result of results.splice(0)) {
      const context = result.context as Excel.RequestContext;
      const list = byContext.get(context) ?? [];
      list.push(result);
      byContext.set(context, list);
    }
    const runIn = run as unknown as RunIn;
    for (const [context, list] of byContext) {
      try {
        await runIn(context, async (ctx) => {
          for (const result of list) result.remove();
          await ctx.sync();
        });
      } catch {
        // Best effort: handlers are destroyed anyway when the add-in closes (excel-add-ins-events).
      }
    }
  };
}
