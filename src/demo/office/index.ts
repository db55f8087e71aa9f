/**
 * The demo's Excel emulation, for the demo page and its task pane frame (never for the add-in's
 * bundles): install it over the page's workbook, recalculate after user edits, enter user input.
 */
export { installOfficeEmulator, createOfficeEmulator } from "./emulator";
export type { OfficeEmulator, OfficeEmulatorOptions } from "./emulator";
export { recalculate } from "./formula";
export { enterInput, normalizeCell } from "./state";
