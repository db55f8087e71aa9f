/**
 * The pane itself: the toolbar, the progress line and the regions (notice, summary, preview,
 * findings, settings), composed once; each render updates the toolbar and rebuilds only the regions
 * whose inputs changed (by identity). Focus is carried over by each control's data-focus key, so a
 * keyboard user keeps their place across re-renders.
 */
import type { TaskpaneController } from "../controller";
import { strings, type Strings } from "../i18n";
import { h } from "./dom";
import { FindingsRegion } from "./findings";
import { NoticeRegion } from "./notice";
import { PreviewRegion } from "./preview";
import type { Region, ViewContext } from "./region";
import { SettingsRegion } from "./settings";
import { SummaryRegion } from "./summary";

export interface TaskpaneView {
  /** Re-renders from the controller's current state. */
  render(): void;
  /** Stops listening to the controller. */
  destroy(): void;
}

export class PaneView implements TaskpaneView {
  private readonly doc: Document;
  private readonly s: Strings;
  private readonly unsubscribe: () => void;
  private idCounter = 0;

  // Persistent elements
  private readonly app: HTMLElement;
  private readonly validateButton: HTMLButtonElement;
  private readonly fixButton: HTMLButtonElement;
  private readonly revertButton: HTMLButtonElement;
  private readonly spinner: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly main: HTMLElement;

  /** In render order, which is also their order on the page. */
  private readonly regions: readonly Region[];
  /** What each region was last rendered from. */
  private readonly shown = new Map<Region, readonly unknown[]>();
  /** A control that had focus when it was disabled or rebuilt; focused again once it can be. */
  private lostFocus: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly controller: TaskpaneController,
  ) {
    this.doc = root.ownerDocument;
    this.s = strings(controller.lang);
    const doc = this.doc;
    const s = this.s;
    doc.documentElement.lang = s.langTag;
    if (doc.title === "" || /KPI/.test(doc.title)) doc.title = s.appTitle;

    this.validateButton = h(doc, "button", { type: "button", class: "btn btn-primary", "data-focus": "validate" }, s.validate);
    this.fixButton = h(doc, "button", { type: "button", class: "btn", "data-focus": "open-fix" }, s.openFix);
    this.revertButton = h(
      doc,
      "button",
      { type: "button", class: "btn", "data-focus": "revert", title: s.revertHint, hidden: true },
      s.revert,
    );
    this.validateButton.addEventListener("click", () => void controller.validate());
    this.fixButton.addEventListener("click", () => void controller.openPreview());
    this.revertButton.addEventListener("click", () => void controller.revert());

    this.spinner = h(doc, "span", { class: "spinner", "aria-hidden": "true", hidden: true });
    this.statusText = h(doc, "span", { class: "status-text" });
    const progress = h(doc, "div", { class: "status-line", role: "status", "aria-live": "polite" }, this.spinner, this.statusText);

    const ctx: ViewContext = {
      doc,
      s,
      controller,
      newId: (prefix) => `kpi-${prefix}-${++this.idCounter}`,
      render: () => this.render(),
    };
    const notice = new NoticeRegion(ctx, () => this.validateButton.focus());
    const summary = new SummaryRegion(ctx);
    const preview = new PreviewRegion(ctx, () => this.fixButton.focus());
    const findings = new FindingsRegion(ctx);
    const settings = new SettingsRegion(ctx);
    this.regions = [notice, summary, preview, findings, settings];

    this.main = h(
      doc,
      "main",
      { class: "content", "aria-busy": "false" },
      summary.element,
      preview.element,
      findings.element,
      settings.element,
    );
    this.app = h(
      doc,
      "div",
      { class: "app" },
      h(doc, "header", { class: "app-header" }, h(doc, "h1", { class: "app-title" }, s.appTitle)),
      h(
        doc,
        "div",
        { class: "toolbar", role: "group", "aria-label": s.toolbarLabel },
        this.validateButton,
        this.fixButton,
        this.revertButton,
      ),
      progress,
      notice.element,
      this.main,
    );
    root.replaceChildren(this.app);
    this.unsubscribe = controller.subscribe(() => this.render());
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
  }

  render(): void {
    const state = this.controller.state;
    const focusKey = this.focusedKey() ?? this.lostFocus;
    const selection = this.textSelection();
    const busy = state.busy !== null;

    // Toolbar and progress
    this.validateButton.disabled = busy;
    this.fixButton.disabled = busy;
    this.revertButton.disabled = busy;
    this.revertButton.hidden = !state.canRevert;
    this.main.setAttribute("aria-busy", String(busy));
    this.app.classList.toggle("is-busy", busy);
    this.spinner.hidden = !busy;
    this.statusText.textContent = state.busy ? this.s.busy[state.busy] : state.status;

    for (const region of this.regions) {
      const inputs = region.inputs(state);
      const last = this.shown.get(region);
      if (last && last.length === inputs.length && last.every((v, i) => v === inputs[i])) continue;
      this.shown.set(region, inputs);
      region.render(state);
    }

    // Controls that wait for the current operation
    Array.from(this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>("[data-busy-disable]")).forEach(
      (el) => {
        el.disabled = busy;
      },
    );
    this.restoreFocus(focusKey, selection);
  }

  // ------------------------------------------------------------------------------------------
  // Focus

  /** The caret / selection of the focused text field, to carry over when it is rebuilt. */
  private textSelection(): [number, number] | null {
    const active = this.doc.activeElement;
    if (!(active instanceof this.doc.defaultView!.HTMLInputElement) || active.type !== "text") return null;
    return active.selectionStart !== null && active.selectionEnd !== null ? [active.selectionStart, active.selectionEnd] : null;
  }

  private focusedKey(): string | null {
    const active = this.doc.activeElement;
    if (!(active instanceof this.doc.defaultView!.HTMLElement) || !this.root.contains(active)) return null;
    return active.dataset.focus ?? null;
  }

  /**
   * Puts focus back on the control with the key that had it, when the re-render took it away
   * (rebuilt or disabled). A control still disabled is remembered until it is enabled again.
   */
  private restoreFocus(key: string | null, selection: [number, number] | null): void {
    const active = this.doc.activeElement;
    const lost = !active || active === this.doc.body || !this.root.contains(active) || (active as HTMLButtonElement).disabled === true;
    if (!key || !lost) {
      if (!lost) this.lostFocus = null;
      return;
    }
    // Only when focus was ours to lose: on the pane (body) or inside it.
    if (active && active !== this.doc.body && !this.root.contains(active)) return;
    const target = Array.from(this.root.querySelectorAll<HTMLElement>("[data-focus]")).find((el) => el.dataset.focus === key && !el.hidden);
    if (target && !(target as HTMLButtonElement).disabled) {
      target.focus();
      if (selection && target instanceof this.doc.defaultView!.HTMLInputElement) {
        try {
          target.setSelectionRange(selection[0], selection[1]);
        } catch {
          // Inputs without a text selection (checkboxes) throw; nothing to restore.
        }
      }
      this.lostFocus = null;
    } else if (target) {
      this.lostFocus = key;
    } else {
      this.lostFocus = null;
      // The control is gone (the preview closed, undo was used): continue from the summary.
      this.doc.getElementById("summary-heading")?.focus();
    }
  }
}
