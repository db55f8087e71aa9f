/**
 * The browser demo's page: the workbook on the left (grid, formula bar, sheet tabs), the add-in's
 * real task pane on the right in a frame whose office.js is the emulator (office-emulator.js, over
 * this page's DemoWorkbook), the Excel API's sync count in a corner.
 *
 * It opens the bundled sample report at start, any .xlsx the user picks or drops, and saves the
 * workbook with the demo's changes (ExcelJS's browser build, nothing leaves the browser). A user's
 * edit in the grid is a "user" change followed by a recalculation of the formulas.
 */
import ExcelJS from "exceljs/dist/exceljs.min.js";
import type { Workbook } from "exceljs";
import { skipMessage } from "../core/writes";
import { parseFailed, XlsxReadError } from "../xlsx/errors";
import { describeProblem } from "../xlsx/kind";
import { LIMITS, overLimit } from "../xlsx/limits";
import { typedContent } from "./cell-input";
import { GridView } from "./grid";
import { DEMO_HOST_KEY, type DemoHost, type DemoHostWindow } from "./host";
import { demoStrings, langFromSearch } from "./i18n";
import { recalculate } from "./office";
import { applyDemoChanges, downloadName, sheetsFromExcelJS } from "./xlsx-io";
import { DemoWorkbook } from "./workbook-model";
import { openFileBytes, restoreDroppedNotes, type OpenedFile } from "./zip-parts";

const SEED_URL = "samples/hanamaki-r6.xlsx";
const SEED_FILE = "hanamaki-r6.xlsx";
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type MessageKind = "info" | "success" | "warning" | "error";

const lang = langFromSearch(window.location.search);
const s = demoStrings(lang);
const workbook = new DemoWorkbook();
/** The file shown: its stored package is loaded again (untouched) for each download. */
let current: { name: string; opened: OpenedFile; losses: string[] } | null = null;
let paneLoads = 0;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo page: #${id} is missing`);
  return node as T;
}

const fileInput = byId<HTMLInputElement>("file-input");
const openLabel = byId<HTMLLabelElement>("open-label");
const downloadButton = byId<HTMLButtonElement>("download");
const fileNameOut = byId<HTMLElement>("file-name");
const messageBar = byId<HTMLElement>("message");
const frame = byId<HTMLIFrameElement>("taskpane");
const syncBadge = byId<HTMLElement>("sync-count");
const overlay = byId<HTMLElement>("drop-overlay");

const host: DemoHost = {
  workbook,
  lang,
  settings: new Map(),
  fileName: "",
  openFile: (name, bytes) => openFile(name, bytes),
};
(window as DemoHostWindow)[DEMO_HOST_KEY] = host;

applyTexts();
const grid = new GridView(byId("grid"), workbook, {
  strings: s,
  onEdit: editCell,
  notify: (text) => showMessage("warning", text),
});
workbook.on((event) => {
  if (event.type === "sync") syncBadge.textContent = s.syncs(event.count);
});
wireFileControls();
void openSeed();

// ---------------------------------------------------------------------------------------------

function applyTexts(): void {
  document.documentElement.lang = s.langTag;
  document.title = `${s.title} ${s.subtitle}`;
  byId("app-title").textContent = s.title;
  byId("app-subtitle").textContent = s.subtitle;
  byId("local-note").textContent = s.localOnly;
  openLabel.textContent = s.open;
  downloadButton.textContent = s.download;
  const other = byId<HTMLAnchorElement>("other-language");
  other.textContent = s.otherLanguage;
  other.href = s.otherLanguageHref;
  other.lang = lang === "ja" ? "en" : "ja";
  byId("workbook-area").setAttribute("aria-label", s.workbookLabel);
  byId("pane-title").textContent = s.paneTitle;
  frame.title = s.paneLabel;
  syncBadge.textContent = s.syncs(workbook.syncs);
  syncBadge.title = s.syncsTitle;
  byId("drop-text").textContent = s.dropHint;
}

function setState(state: "loading" | "ready" | "error"): void {
  document.body.dataset.state = state;
}

function showMessage(kind: MessageKind, text: string, details: string[] = []): void {
  messageBar.hidden = false;
  messageBar.className = `demo-message demo-message-${kind}`;
  messageBar.setAttribute("role", kind === "error" || kind === "warning" ? "alert" : "status");
  const body = document.createElement("p");
  body.className = "demo-message-text";
  body.textContent = text;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "demo-message-close";
  close.textContent = "×";
  close.title = s.dismiss;
  close.setAttribute("aria-label", s.dismiss);
  close.addEventListener("click", () => {
    messageBar.hidden = true;
    messageBar.replaceChildren();
  });
  const parts: Node[] = [body];
  if (details.length > 0) {
    const list = document.createElement("ul");
    list.className = "demo-message-details";
    for (const line of details) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    parts.push(list);
  }
  messageBar.replaceChildren(...parts, close);
}

/** (Re)starts the task pane: it checks the workbook at once, as the ribbon button does in Excel. */
function startPane(): void {
  paneLoads++;
  frame.src = `taskpane.html?lang=${lang}&load=${paneLoads}`;
}

// ---------------------------------------------------------------------------------------------
// Opening

async function openSeed(): Promise<void> {
  setState("loading");
  showMessage("info", s.loading(s.seedName));
  try {
    const response = await fetch(SEED_URL, { cache: "no-cache" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (await openFile(SEED_FILE, bytes)) return;
  } catch (error) {
    showMessage("error", s.notOpened(s.seedName, error instanceof Error ? error.message : String(error)));
  }
  setState("error");
  startPane();
}

function fail(name: string, reason: string): false {
  showMessage("error", s.notOpened(name, reason));
  if (!current) setState("error");
  return false;
}

/** Reads the bytes as a workbook and shows it; a file that is not an .xlsx leaves the current one open. */
async function openFile(name: string, bytes: Uint8Array): Promise<boolean> {
  grid.cancelEdit();
  // Checked, and every part inflated once (src/xlsx/open.ts): ExcelJS reads the parts stored.
  const result = openFileBytes(bytes);
  if (result.problem) return fail(name, describeProblem(result.problem)[lang]);
  const opened = result.file;

  const loaded: Workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's browser build reads a Uint8Array (its typings say Buffer).
    await loaded.xlsx.load(opened.stored as unknown as ArrayBuffer);
  } catch (error) {
    return fail(name, parseFailed(name, error).reason[lang]);
  }
  let sheets;
  try {
    sheets = sheetsFromExcelJS(loaded);
  } catch (error) {
    return fail(name, error instanceof XlsxReadError ? error.reason[lang] : String(error));
  }
  if (sheets.length === 0) return fail(name, s.noSheets);

  const losses = opened.losses.map((loss) => loss.messages[lang]);
  current = { name, opened, losses };
  host.fileName = name;
  host.settings = new Map();
  fileNameOut.textContent = name;
  downloadButton.disabled = false;
  workbook.replace(sheets);
  startPane();
  showMessage(losses.length > 0 ? "warning" : "info", s.opened(name), losses.length > 0 ? [s.losses(losses)] : []);
  setState("ready");
  return true;
}

async function openUserFile(file: File, more: boolean): Promise<void> {
  // Refused before it is read, in the CLI's words (a report is well under 1 MB).
  const tooLarge = overLimit(LIMITS, "fileBytes", file.size);
  if (tooLarge) {
    fail(file.name, describeProblem(tooLarge)[lang]);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    fail(file.name, error instanceof Error ? error.message : String(error));
    return;
  }
  const opened = await openFile(file.name, bytes);
  if (opened && more) showMessage("info", `${s.opened(file.name)} ${s.onlyOneFile}`);
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

function wireFileControls(): void {
  fileInput.addEventListener("change", () => {
    const files = fileInput.files;
    if (files && files.length > 0) void openUserFile(files[0], files.length > 1);
    fileInput.value = "";
  });
  downloadButton.addEventListener("click", () => void download());

  let depth = 0;
  const hide = () => {
    depth = 0;
    overlay.hidden = true;
  };
  window.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    overlay.hidden = false;
  });
  window.addEventListener("dragleave", (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    hide();
    const files = event.dataTransfer?.files;
    if (files && files.length > 0) void openUserFile(files[0], files.length > 1);
  });
  // A drag that enters over the task pane's frame: the frame asks for the overlay (see emulator-entry.ts).
  host.showDropTarget = () => {
    overlay.hidden = false;
  };
  host.openFiles = (files) => {
    hide();
    if (files.length > 0) void openUserFile(files[0], files.length > 1);
  };
}

// ---------------------------------------------------------------------------------------------
// Editing and saving

function editCell(sheet: string, cell: string, text: string): void {
  workbook.setCells([{ sheet, cell, content: typedContent(workbook.cell(sheet, cell), text) }], "user");
  recalculate(workbook);
}

async function download(): Promise<void> {
  const file = current;
  if (!file) {
    showMessage("error", s.notSaved(s.nothingLoaded));
    return;
  }
  grid.commitEdit();
  try {
    const target: Workbook = new ExcelJS.Workbook();
    await target.xlsx.load(file.opened.stored as unknown as ArrayBuffer);
    restoreDroppedNotes(target, file.opened);
    const result = applyDemoChanges(target, workbook);
    const buffer = await target.xlsx.writeBuffer();
    const blob = new Blob([buffer as ArrayBuffer], { type: XLSX_MIME });
    const url = URL.createObjectURL(blob);
    const name = downloadName(file.name, s.fileSuffix);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const text = result.written.length > 0 ? s.saved(name, result.written.length) : s.savedUnchanged(name);
    const skipped = result.skipped.map((skip) => skipMessage(skip)[lang]);
    const details = [...(skipped.length > 0 ? [s.skippedOnSave(skipped)] : []), ...(file.losses.length > 0 ? [s.losses(file.losses)] : [])];
    showMessage(details.length > 0 ? "warning" : "success", text, details);
  } catch (error) {
    showMessage("error", s.notSaved(error instanceof Error ? error.message : String(error)));
  }
}
