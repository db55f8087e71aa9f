/**
 * The core's WorkbookData (what the CLI reads from an .xlsx, what tests build) -> the page's
 * DemoSheets: one DemoCell per cell with a value, a formula or a number format; "" and null are
 * empty, "General" is no format.
 */
import { parseA1, toA1 } from "../../core/address";
import type { WorkbookData } from "../../core/workbook";
import { DemoWorkbook, emptySheet, type DemoCell, type DemoSheet } from "../workbook-model";

export interface FromDataOptions {
  /** Names of the sheets to mark protected (every cell locked, Excel's default). */
  protectedSheets?: Iterable<string>;
}

export function sheetsFromWorkbookData(data: WorkbookData, options: FromDataOptions = {}): DemoSheet[] {
  const protectedSheets = new Set(options.protectedSheets ?? []);
  return data.sheets.map((source) => {
    const sheet = emptySheet(source.name);
    const origin = parseA1(source.origin ?? "A1") ?? { row: 0, col: 0 };
    source.values.forEach((row, r) => {
      // Sparse rows (a hole where nothing was set) are empty cells.
      for (let c = 0; c < (row?.length ?? 0); c++) {
        const value = row[c];
        const formula = source.formulas?.[r]?.[c] || null;
        const format = source.numberFormats?.[r]?.[c];
        const numberFormat = format && format !== "General" ? format : null;
        const empty = value === null || value === undefined || value === "";
        if (empty && !formula && !numberFormat) continue;
        const cell: DemoCell = { value: empty ? null : value };
        if (formula) cell.formula = formula;
        if (numberFormat) cell.numberFormat = numberFormat;
        sheet.cells.set(toA1(origin.row + r, origin.col + c), cell);
      }
    });
    sheet.merges = [...(source.merges ?? [])];
    sheet.hiddenRows = new Set(source.hiddenRows ?? []);
    sheet.protected = protectedSheets.has(source.name);
    return sheet;
  });
}

export function demoWorkbookFromData(data: WorkbookData, options: FromDataOptions = {}): DemoWorkbook {
  return DemoWorkbook.fromSheets(sheetsFromWorkbookData(data, options));
}
