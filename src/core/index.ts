/**
 * The core's public API: plain data in, plain data out. Runs in Node, the browser and jest;
 * knows nothing of Excel or files.
 */
import type { WorkbookData } from "./workbook";
import type { CellWrite, CheckOptions, Rate, ValidationResult } from "./types";

export * from "./types";
export type { WorkbookData, SheetData, Scalar, CellContent } from "./workbook";

export interface FixResult {
  /** One write per cell, `expected` being the cell's content before any fix. */
  writes: CellWrite[];
  /** Validation of the workbook after the writes. */
  after: ValidationResult;
  /** The workbook data after the writes. */
  workbook: WorkbookData;
  passes: number;
}

export function validateWorkbook(_workbook: WorkbookData, _options: CheckOptions = {}): ValidationResult {
  throw new Error("validateWorkbook: being implemented");
}

export function fixWorkbook(_workbook: WorkbookData, _options: CheckOptions = {}): FixResult {
  throw new Error("fixWorkbook: being implemented");
}

/** "1/2", "2/3", "3/4", "n/d" -> Rate; throws a RangeError with a clear message otherwise. */
export function parseRate(_text: string): Rate {
  throw new Error("parseRate: being implemented");
}
