/**
 * Renders the controller's state into the task pane and wires the DOM events to its methods.
 * Plain DOM (no framework, no Office.js): every text goes in through textContent, never HTML, since
 * messages quote what users typed into cells.
 *
 * One file per region of the pane (notice.ts, summary.ts, preview.ts, findings.ts, settings.ts),
 * composed by pane.ts; dom.ts holds the element builders they share.
 */
import type { Lang } from "../../core";
import type { TaskpaneController } from "../controller";
import { hasStrings, strings } from "../i18n";
import { h } from "./dom";
import { PaneView, type TaskpaneView } from "./pane";

export { isImeComposing } from "./dom";
export type { TaskpaneView } from "./pane";

export function mountView(root: HTMLElement, controller: TaskpaneController): TaskpaneView {
  return new PaneView(root, controller);
}

/** Shows a message when the pane cannot start at all (no controller to render). */
export function renderFatal(root: HTMLElement, lang: Lang, text?: string): void {
  // Japanese when the English texts never loaded (the pane may be failing for that very reason).
  const s = lang === "en" && !hasStrings("en") ? strings("ja") : strings(lang);
  const doc = root.ownerDocument;
  root.replaceChildren(
    h(doc, "div", { class: "message-bar message-error", role: "alert" }, h(doc, "p", { class: "message-text" }, text ?? s.startupFailed)),
  );
}
