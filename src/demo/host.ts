/**
 * What the demo page puts on its window for the task pane's frame (the emulator script reads the
 * workbook from window.parent) and for the end-to-end tests (which read what the workbook holds).
 */
import type { Lang } from "../core/types";
import type { DemoWorkbook } from "./workbook-model";

export interface DemoHost {
  workbook: DemoWorkbook;
  lang: Lang;
  /**
   * The open file's add-in settings (Office.context.document.settings): kept by the page, so they
   * last as long as the file is open, however often the pane is reloaded; new for each file.
   */
  settings: Map<string, unknown>;
  /** The name of the file shown ("" before the first load). */
  fileName: string;
  /** Opens a file's bytes as the user's file picker or a drop would; resolves to true when it opened. */
  openFile(name: string, bytes: Uint8Array): Promise<boolean>;
  /** A file is being dragged over the task pane's frame: show the page's drop target over it. */
  showDropTarget?(): void;
  /** Files dropped on the task pane's frame. */
  openFiles?(files: FileList): void;
}

export const DEMO_HOST_KEY = "kpiDemo";

export type DemoHostWindow = Window & { [DEMO_HOST_KEY]?: DemoHost };
