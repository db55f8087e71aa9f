/**
 * The core's public API: plain data in, plain data out. Runs in Node, the browser and jest;
 * knows nothing of Excel or files.
 */
export * from "./types";
export type { WorkbookData, SheetData, Scalar, CellContent } from "./workbook";
export type { ReportModel } from "./model";
export { validateWorkbook, validateModel } from "./validate";
export { fixWorkbook, type FixResult } from "./fix";
export { applyWrites, holdsExpected, type ApplyResult } from "./apply";
export { SKIP_REASONS, skipMessage, type SkipReason, type SkippedWrite, type SkipWording, type WriteOutcome } from "./writes";
export { parseRate, formatRate } from "./rate";
export { readReport } from "./reader";
export { rules, ruleById } from "./rules";
