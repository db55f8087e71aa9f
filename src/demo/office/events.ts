/**
 * The emulated Excel's change events: Worksheet.onChanged (ExcelApi 1.7), WorksheetCollection.onChanged
 * (ExcelApi 1.9) and WorksheetCollection.onAdded (ExcelApi 1.7), raised for the page's cell changes,
 * as Excel raises them ("Work with Events using the Excel JavaScript API",
 * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events):
 *
 * - for a cell the user edits in the grid and for a cell the add-in writes through the API (Excel's
 *   events are raised for changes made by add-ins too), one event per cell changed, address "B3";
 * - not for a formula's value changing on recalculation (Excel raises none for calculated cells:
 *   OfficeDev/office-js#3899);
 * - for a fill the add-in changes as well: onChanged is documented to fire when the format or the
 *   value of the data changes (OfficeDev/office-js-docs-pr#873), so the add-in must cope with it;
 * - args: type "WorksheetChanged", worksheetId, address, changeType "RangeEdited", source "Local",
 *   details (ExcelApi 1.9) and triggerSource (ExcelApi 1.14: "ThisLocalAddin" for the add-in's writes);
 * - delivered after the change, asynchronously (a task later), never inside the sync that made it.
 *
 * Handlers are registered at the sync after `add` and removed at the sync after `remove`. Loading
 * another file (the page's workbook replaced) drops every handler, as closing a workbook would.
 */
import type { CellChange, DemoCell, DemoSheet, DemoWorkbook, WorkbookEvent } from "../workbook-model";

export type ChangedHandler = (args: unknown) => unknown;

interface Registration {
  kind: "changed" | "added";
  /** null: the whole collection (every sheet). */
  sheet: DemoSheet | null;
  handler: ChangedHandler;
}

/** The id Worksheet.id reads for a sheet: stable while the sheet keeps its place. */
export function worksheetId(workbook: DemoWorkbook, sheet: DemoSheet): string {
  return `{${String(workbook.sheets.indexOf(sheet) + 1).padStart(8, "0")}-0000-0000-0000-000000000000}`;
}

function valueType(value: DemoCell["value"] | undefined): string {
  if (value === null || value === undefined || value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return "String";
}

/** A formula cell whose value alone changed: a recalculation, which raises no event. */
function recalculated(change: CellChange): boolean {
  const { before, after } = change;
  return (
    !!before?.formula &&
    before.formula === after?.formula &&
    (before.numberFormat ?? null) === (after?.numberFormat ?? null) &&
    (before.fill ?? null) === (after?.fill ?? null)
  );
}

export class EventHub {
  private registrations: Registration[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly workbook: DemoWorkbook,
    private readonly supports: (version: string) => boolean,
  ) {}

  /** Handlers registered now. */
  get size(): number {
    return this.registrations.length;
  }

  add(registration: Registration): Registration {
    this.registrations.push(registration);
    this.unsubscribe ??= this.workbook.on((event) => this.heard(event));
    return registration;
  }

  remove(registration: Registration): void {
    this.registrations = this.registrations.filter((r) => r !== registration);
    if (this.registrations.length === 0) this.stop();
  }

  /** Tells the onAdded handlers about a sheet added to the workbook. */
  sheetAdded(sheet: DemoSheet, source: "Local" | "Remote" = "Local"): void {
    const args = { type: "WorksheetAdded", worksheetId: worksheetId(this.workbook, sheet), source };
    this.deliver(this.registrations.filter((r) => r.kind === "added").map((r) => () => r.handler(args)));
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private heard(event: WorkbookEvent): void {
    if (event.type === "replaced") {
      this.registrations = [];
      this.stop();
      return;
    }
    if (event.type !== "cells") return;
    const calls: (() => unknown)[] = [];
    for (const change of event.changes) {
      if (change.source === "load" || recalculated(change)) continue;
      const sheet = this.workbook.sheet(change.sheet);
      if (!sheet) continue;
      const args: Record<string, unknown> = {
        type: "WorksheetChanged",
        worksheetId: worksheetId(this.workbook, sheet),
        address: change.cell,
        changeType: "RangeEdited",
        source: "Local",
      };
      if (this.supports("1.9")) {
        args.details = {
          valueBefore: change.before?.value ?? "",
          valueAfter: change.after?.value ?? "",
          valueTypeBefore: valueType(change.before?.value),
          valueTypeAfter: valueType(change.after?.value),
        };
      }
      if (this.supports("1.14")) args.triggerSource = change.source === "addin" ? "ThisLocalAddin" : "Unknown";
      for (const r of this.registrations) {
        if (r.kind !== "changed" || (r.sheet !== null && r.sheet !== sheet)) continue;
        // Still registered when the event is delivered: a handler removed meanwhile hears nothing.
        calls.push(() => (this.registrations.includes(r) ? r.handler({ ...args }) : undefined));
      }
    }
    this.deliver(calls);
  }

  /** Calls the handlers a task later, each on its own: one that throws does not stop the others. */
  private deliver(calls: (() => unknown)[]): void {
    if (calls.length === 0) return;
    setTimeout(() => {
      for (const call of calls) {
        try {
          const result = call();
          if (result && typeof (result as Promise<unknown>).then === "function")
            (result as Promise<unknown>).then(undefined, () => undefined);
        } catch {
          // A failing handler is the add-in's affair; Excel goes on.
        }
      }
    }, 0);
  }
}
