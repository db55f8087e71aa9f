/**
 * The task pane's composition root: the only file of src/taskpane that imports src/excel (Office.js).
 * It wires the Excel adapter and the document settings to the controller and the view, then checks
 * the workbook at once (the ribbon button only opens the pane); the rule engine's chunk is fetched
 * from the start, in parallel with Office's own start.
 */
import "./polyfills"; // first: zod needs them as it loads
import type { Lang } from "../core";
import { createExcelHost } from "../excel/excel-host";
import { displayLanguage, onOfficeReady } from "../excel/office";
import { createDocumentSettings } from "../excel/settings";
import { TaskpaneController } from "./controller";
import { preloadEngine } from "./engine";
import { loadStrings } from "./i18n";
import { mountView, renderFatal } from "./view";

// The rule engine is a chunk of its own: fetched now, while Office starts.
preloadEngine();
onOfficeReady(() => {
  const root = document.getElementById("app");
  if (root) void start(root);
});

async function start(root: HTMLElement): Promise<void> {
  let lang: Lang = "ja";
  try {
    lang = displayLanguage();
    try {
      await loadStrings(lang);
    } catch (error) {
      // The English texts are a chunk of their own: without them, the pane works in Japanese.
      console.warn("KPI報告チェッカー: the English texts could not be loaded; showing Japanese", error);
      lang = "ja";
    }
    const settings = createDocumentSettings();
    // The host keeps highlighted cells' original fills in the same document settings.
    const controller = new TaskpaneController(createExcelHost({ settings }), settings, lang);
    mountView(root, controller);
    void controller.validate();
  } catch (error) {
    console.error("KPI報告チェッカー: start-up failed", error);
    renderFatal(root, lang);
  }
}
