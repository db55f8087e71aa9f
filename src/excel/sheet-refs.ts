/// <reference types="office-js" />
/**
 * The worksheets one batch touches, each queued once by name with what apply and highlight need
 * to know of it: whether it exists, and its protection (ExcelApi 1.2).
 *
 * Work is queued only on sheets expected to exist: a sheet the session's names (the last read)
 * do not list is missing, known before any sync, and nothing is queued on it. A listed sheet is
 * taken with getItem(), documented to fail the sync with ItemNotFound when the sheet is gone
 * (learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1));
 * the operation then reads the names again and runs the batch once more (operation.ts). No
 * getItemOrNullObject: what Excel does with calls on a null object's children before the sync is
 * not documented ("*OrNullObject methods and properties",
 * learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
 * So the first sync of a batch using SheetRefs must only read (it may be run twice).
 */
import { noteSheetsByName, type ExcelSession } from "./operation";

export interface SheetRef {
  name: string;
  /**
   * The worksheet. For a sheet known to be missing (isMissing), an inert stand-in that queues
   * nothing in Excel: check isMissing(ref) before using it.
   */
  sheet: Excel.Worksheet;
  /** True when the sheet is known not to exist (not among the session's sheet names). */
  missing: boolean;
  /** True when `sheet.protection` was loaded. */
  protection: boolean;
}

/** Sheet names compare as Excel compares them: without regard to case. */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * An object that answers every property and call with itself and sends nothing to Excel: the
 * `sheet` of a missing SheetRef, so a caller that queues before checking isMissing (apply.ts
 * reads every target cell, then skips those of missing sheets) reaches no null object.
 */
function inert(): Excel.Worksheet {
  const target = function () {
    return undefined;
  };
  const handler: ProxyHandler<typeof target> = {
    get: (_, property) => (property === "then" ? undefined : property === "isNullObject" ? true : stub),
    set: () => true,
    apply: () => stub,
  };
  const stub: unknown = new Proxy(target, handler);
  return stub as Excel.Worksheet;
}

export class SheetRefs {
  private readonly refs = new Map<string, SheetRef>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly session: ExcelSession,
  ) {}

  /** True when the sheet is expected to exist: listed in the names last read, or no names read yet. */
  expected(name: string): boolean {
    const names = this.session.sheetNames;
    return names === null || names.some((n) => sameSheetName(n, name));
  }

  /** The sheet named `name`, queued (name and protection loaded) on first use in this batch. */
  get(name: string): SheetRef {
    let ref = this.refs.get(name);
    if (!ref) {
      if (!this.expected(name)) {
        ref = { name, sheet: inert(), missing: true, protection: false };
      } else {
        const sheet = this.context.workbook.worksheets.getItem(name);
        noteSheetsByName(this.context);
        sheet.load("name");
        const protection = this.session.supports("1.2");
        if (protection) sheet.protection.load("protected, options");
        ref = { name, sheet, missing: false, protection };
      }
      this.refs.set(name, ref);
    }
    return ref;
  }
}

/** True when the sheet is known to be gone: nothing was (or may be) queued on it. Known before the sync. */
export function isMissing(ref: SheetRef): boolean {
  return ref.missing;
}

/** True when formats may be changed: the sheet is not protected, or its protection allows formatting cells. */
export function formatWritable(ref: SheetRef): boolean {
  if (ref.missing) return false;
  if (!ref.protection || !ref.sheet.protection.protected) return true;
  return ref.sheet.protection.options?.allowFormatCells === true;
}
