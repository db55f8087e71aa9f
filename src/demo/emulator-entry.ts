/**
 * office-emulator.js: what the demo's task pane frame loads in place of office.js. It defines the
 * Office, Excel and OfficeExtension globals over the workbook the demo page (window.parent) holds,
 * before the pane's own script runs, with the display language from ?lang=en|ja (default ja).
 */
import { installOfficeEmulator } from "./office";
import { DEMO_HOST_KEY, type DemoHostWindow } from "./host";
import { langFromSearch } from "./i18n";
import { DemoWorkbook } from "./workbook-model";

const lang = langFromSearch(window.location.search);
let host: DemoHostWindow | null = null;
try {
  host = window.parent as DemoHostWindow;
} catch {
  host = null;
}
// Opened on its own (no demo page around it): an empty workbook, so the pane still starts.
const demo = host?.[DEMO_HOST_KEY];
installOfficeEmulator(window, demo?.workbook ?? new DemoWorkbook(), {
  displayLanguage: lang === "en" ? "en-US" : "ja-JP",
  settings: demo?.settings,
});

// A file dragged over the pane: let the page's drop target take it (the pane itself opens no files).
function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}
window.addEventListener("dragover", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  host?.[DEMO_HOST_KEY]?.showDropTarget?.();
});
window.addEventListener("drop", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  const files = event.dataTransfer?.files;
  if (files) host?.[DEMO_HOST_KEY]?.openFiles?.(files);
});
