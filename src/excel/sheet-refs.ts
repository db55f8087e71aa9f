/// <reference types="office-js" />
/**
 * The worksheets one batch touches, each queued once by name with what apply and highlight need
 * to know of it: whether it still exists (ExcelApi 1.4 null objects) and its protection (1.2).
 */
import type { ExcelSession } from "./operation";

export interface SheetRef {
  name: string;
  sheet: Excel.Worksheet;
  /** True when `sheet` is a null object where the sheet is gone (getItemOrNullObject). */
  nullable: boolean;
  /** True when `sheet.protection` was loaded. */
  protection: boolean;
}

export class SheetRefs {
  private readonly refs = new Map<string, SheetRef>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly session: ExcelSession,
  ) {}

  /** The sheet named `name`, queued (name and protection loaded) on first use in this batch. */
  get(name: string): SheetRef {
    let ref = this.refs.get(name);
    if (!ref) {
      const nullable = this.session.supports("1.4");
      const worksheets = this.context.workbook.worksheets;
      const sheet = nullable ? worksheets.getItemOrNullObject(name) : worksheets.getItem(name);
      sheet.load("name");
      const protection = this.session.supports("1.2");
      if (protection) sheet.protection.load("protected, options");
      ref = { name, sheet, nullable, protection };
      this.refs.set(name, ref);
    }
    return ref;
  }
}

/**
 * True when the sheet is gone: known only where *OrNullObject methods exist (ExcelApi 1.4+), and
 * only after the sync (isNullObject; learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
 * Without them getItem() of a missing sheet fails the batch with ItemNotFound instead.
 */
export function isMissing(ref: SheetRef): boolean {
  return ref.nullable && ref.sheet.isNullObject;
}

/** True when formats may be changed: the sheet is not protected, or its protection allows formatting cells. */
export function formatWritable(ref: SheetRef): boolean {
  if (!ref.protection || !ref.sheet.protection.protected) return true;
  return ref.sheet.protection.options?.allowFormatCells === true;
}
