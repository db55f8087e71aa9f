/**
 * The demo's Excel emulation, for the demo page and its task pane frame (never for the add-in's
 * bundles): install it over the page's workbook, recalculate after user edits, convert core data.
 */
export { installOfficeEmulator, createOfficeEmulator, RequestContext } from "./emulator";
export type {
  OfficeEmulator,
  OfficeEmulatorOptions,
  EmulatedOffice,
  EmulatedExcel,
  EmulatedOfficeExtension,
  EmulatedHostConditions,
  SyncFault,
} from "./emulator";
export { OfficeError, ERROR_CODES } from "./errors";
export { recalculate, computeFormulas, evaluateFormula, workbookGrid, ERROR_VALUES } from "./formula";
export type { FormulaGrid, FormulaCell } from "./formula";
export { sheetsFromWorkbookData, demoWorkbookFromData } from "./from-data";
export type { FromDataOptions } from "./from-data";
export { quoteSheetName, enterInput, normalizeCell, readCell, setSheetProtection } from "./state";
