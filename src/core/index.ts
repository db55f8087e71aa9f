/**
 * The core's public API: plain data in, plain data out. Runs in Node, the browser and jest;
 * knows nothing of Excel or files.
 */
export * from "./types";
export type { WorkbookData, SheetData, Scalar, CellContent } from "./workbook";
export type { ReportModel } from "./model";
export { validateWorkbook } from "./validate";
export { fixWorkbook } from "./fix";
export { applyWrites } from "./apply";
export { SKIP_REASONS, skipMessage, type SkippedWrite, type WriteOutcome } from "./writes";
export { parseRate } from "./rate";
export { readReport } from "./reader";
export { ruleById } from "./rules";
