/**
 * Renders the controller's state into the task pane and wires the DOM events to its methods.
 * Plain DOM (no framework, no Office.js): every text goes in through textContent, never HTML, since
 * messages quote what users typed into cells.
 *
 * Regions are rebuilt only when the state they show changes (by identity), and focus is carried
 * over by each control's data-focus key, so a keyboard user keeps their place across re-renders.
 */
import type { Finding, Lang, Severity } from "../core";
import { SEVERITIES, type DirectionChoice, type TaskpaneController, type TaskpaneState } from "./controller";
import { strings, type Strings } from "./i18n";
import { cellLocation } from "../core/address";
import { RATES, parseYearInput, type RateChoice, type WriteMode } from "./settings-model";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * True when a keydown belongs to an IME composition (Japanese conversion): the Enter that confirms
 * a conversion must never act. Safari sends that Enter after compositionend with keyCode 229.
 */
export function isImeComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

export interface TaskpaneView {
  /** Re-renders from the controller's current state. */
  render(): void;
  /** Stops listening to the controller. */
  destroy(): void;
}

export function mountView(root: HTMLElement, controller: TaskpaneController): TaskpaneView {
  return new View(root, controller);
}

/** Shows a message when the pane cannot start at all (no controller to render). */
export function renderFatal(root: HTMLElement, lang: Lang, text?: string): void {
  const s = strings(lang);
  const doc = root.ownerDocument;
  root.replaceChildren(
    h(doc, "div", { class: "message-bar message-error", role: "alert" }, h(doc, "p", { class: "message-text" }, text ?? s.startupFailed)),
  );
}

/** replaceChildren that skips the false / null of conditional children. */
function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

const SEVERITY_CLASS: Record<Severity, string> = { error: "error", warning: "warning", info: "info" };

class View implements TaskpaneView {
  private readonly doc: Document;
  private readonly s: Strings;
  private readonly unsubscribe: () => void;
  private idCounter = 0;

  // Persistent elements
  private readonly app: HTMLElement;
  private readonly validateButton: HTMLButtonElement;
  private readonly fixButton: HTMLButtonElement;
  private readonly revertButton: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly spinner: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly noticeRegion: HTMLElement;
  private readonly main: HTMLElement;
  private readonly summaryRegion: HTMLElement;
  private readonly previewRegion: HTMLElement;
  private readonly findingsRegion: HTMLElement;
  private readonly settingsBody: HTMLElement;

  // What each region was last rendered from
  private shown: Partial<Record<"summary" | "preview" | "findings" | "settings" | "notice", unknown[]>> = {};
  /** A control that had focus when it was disabled or rebuilt; focused again once it can be. */
  private lostFocus: string | null = null;
  /** What the user is typing in the year field, kept across re-renders until committed. */
  private yearDraft: string | null = null;
  private yearError = false;
  private yearComposing = false;

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
    this.progress = h(doc, "div", { class: "status-line", role: "status", "aria-live": "polite" }, this.spinner, this.statusText);
    this.noticeRegion = h(doc, "div", { class: "notice-region" });

    this.summaryRegion = h(doc, "section", { class: "card summary", "aria-labelledby": "summary-heading" });
    this.previewRegion = h(doc, "section", { class: "card preview", "aria-labelledby": "preview-heading", hidden: true });
    this.previewRegion.addEventListener("keydown", (event) => {
      if (isImeComposing(event) || event.key !== "Escape") return;
      event.preventDefault();
      controller.closePreview();
      this.fixButton.focus();
    });
    this.findingsRegion = h(doc, "section", { class: "card findings", "aria-labelledby": "findings-heading" });
    this.settingsBody = h(doc, "div", { class: "settings-body" });
    const settings = h(
      doc,
      "details",
      { class: "card settings" },
      h(
        doc,
        "summary",
        { class: "settings-summary", "data-focus": "settings" },
        h(doc, "h2", { class: "section-title inline" }, s.settingsHeading),
      ),
      this.settingsBody,
    );

    this.main = h(
      doc,
      "main",
      { class: "content", "aria-busy": "false" },
      this.summaryRegion,
      this.previewRegion,
      this.findingsRegion,
      settings,
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
      this.progress,
      this.noticeRegion,
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

    this.region("notice", [state.notice], () => this.renderNotice(state));
    this.region("summary", [state.result], () => this.renderSummary());
    this.region("preview", [state.preview], () => this.renderPreview(state));
    this.region("findings", [state.result, state.filter, state.highlight], () => this.renderFindings(state));
    this.region("settings", [state.result, state.settings, this.yearError], () => this.renderSettings(state));

    // Controls that wait for the current operation
    Array.from(this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>("[data-busy-disable]")).forEach(
      (el) => {
        el.disabled = busy;
      },
    );
    this.restoreFocus(focusKey, selection);
  }

  // ------------------------------------------------------------------------------------------
  // Regions

  private renderNotice(state: TaskpaneState): void {
    const notice = state.notice;
    if (!notice) {
      fill(this.noticeRegion);
      return;
    }
    const doc = this.doc;
    const dismiss = h(
      doc,
      "button",
      { type: "button", class: "icon-btn", "aria-label": this.s.dismiss, title: this.s.dismiss, "data-focus": "dismiss" },
      "×",
    );
    dismiss.addEventListener("click", () => {
      this.controller.dismissNotice();
      this.validateButton.focus();
    });
    const urgent = notice.kind === "error" || notice.kind === "warning";
    fill(
      this.noticeRegion,
      h(
        doc,
        "div",
        { class: `message-bar message-${notice.kind}`, role: urgent ? "alert" : "status" },
        h(
          doc,
          "span",
          { class: "message-icon", "aria-hidden": "true" },
          notice.kind === "success" ? "✓" : notice.kind === "info" ? "i" : "!",
        ),
        h(
          doc,
          "div",
          { class: "message-body" },
          h(doc, "p", { class: "message-text" }, notice.text),
          notice.details.length > 0 && h(doc, "ul", { class: "message-details" }, ...notice.details.map((d) => h(doc, "li", {}, d))),
        ),
        dismiss,
      ),
    );
  }

  private renderSummary(): void {
    const doc = this.doc;
    const s = this.s;
    const summary = this.controller.summary();
    const heading = h(doc, "h2", { id: "summary-heading", class: "section-title", tabindex: "-1" }, s.summaryHeading);
    if (!summary) {
      fill(this.summaryRegion, heading, h(doc, "p", { class: "muted" }, s.notValidated));
      return;
    }
    const counts = h(
      doc,
      "ul",
      { class: "counts" },
      ...SEVERITIES.map((sev) =>
        h(
          doc,
          "li",
          { class: `count count-${SEVERITY_CLASS[sev]}` },
          h(doc, "span", { class: "count-label" }, s.severity[sev]),
          h(doc, "span", { class: "count-value" }, s.count(summary.counts[sev])),
        ),
      ),
    );
    const meta = h(
      doc,
      "dl",
      { class: "meta" },
      h(
        doc,
        "div",
        { class: "meta-item" },
        h(doc, "dt", {}, s.reportingYear),
        h(doc, "dd", {}, s.yearWithSource(summary.reportingYear, s.yearSource[summary.reportingYearSource])),
      ),
      h(doc, "div", { class: "meta-item" }, h(doc, "dt", {}, s.rate), h(doc, "dd", {}, summary.rate)),
    );
    const table =
      summary.projects.length > 0 &&
      h(
        doc,
        "table",
        { class: "projects" },
        h(doc, "caption", {}, s.projectTableCaption),
        h(
          doc,
          "thead",
          {},
          h(
            doc,
            "tr",
            {},
            h(doc, "th", { scope: "col" }, s.projectColumn),
            h(doc, "th", { scope: "col", class: "num" }, s.kpiColumn),
            h(doc, "th", { scope: "col", class: "num" }, s.achieved),
            h(doc, "th", { scope: "col", class: "num" }, s.unmet),
            h(doc, "th", { scope: "col", class: "num" }, s.unmeasured),
          ),
        ),
        h(
          doc,
          "tbody",
          {},
          ...summary.projects.map((p) =>
            h(
              doc,
              "tr",
              {},
              h(doc, "th", { scope: "row" }, p.name),
              h(doc, "td", { class: "num" }, String(p.kpis)),
              h(doc, "td", { class: "num" }, String(p.achieved)),
              h(doc, "td", { class: "num" }, String(p.unmet)),
              h(doc, "td", { class: "num" }, String(p.unmeasured)),
            ),
          ),
        ),
      );
    fill(
      this.summaryRegion,
      heading,
      counts,
      summary.fixable > 0 && h(doc, "p", { class: "fixable-note" }, s.fixableCount(summary.fixable)),
      meta,
      table,
    );
  }

  private renderPreview(state: TaskpaneState): void {
    const preview = state.preview;
    this.previewRegion.hidden = !preview;
    if (!preview) {
      fill(this.previewRegion);
      return;
    }
    const doc = this.doc;
    const s = this.s;
    const heading = h(doc, "h2", { id: "preview-heading", class: "section-title", tabindex: "-1" }, s.previewHeading);
    const close = h(doc, "button", { type: "button", class: "btn", "data-focus": "preview-close", "data-busy-disable": true }, s.cancel);
    close.addEventListener("click", () => {
      this.controller.closePreview();
      this.fixButton.focus();
    });
    if (preview.rows.length === 0) {
      fill(this.previewRegion, heading, h(doc, "p", { class: "muted" }, s.previewEmpty), h(doc, "div", { class: "button-row" }, close));
      return;
    }
    const ticked = preview.rows.filter((r) => r.ticked).length;
    const all = h(
      doc,
      "button",
      { type: "button", class: "btn btn-subtle", "data-focus": "preview-all", "data-busy-disable": true },
      s.selectAll,
    );
    const none = h(
      doc,
      "button",
      { type: "button", class: "btn btn-subtle", "data-focus": "preview-none", "data-busy-disable": true },
      s.selectNone,
    );
    all.addEventListener("click", () => this.controller.setAllWrites(true));
    none.addEventListener("click", () => this.controller.setAllWrites(false));
    const apply = h(
      doc,
      "button",
      {
        type: "button",
        class: "btn btn-primary",
        "data-focus": "preview-apply",
        "data-busy-disable": true,
        "aria-disabled": ticked === 0 ? "true" : null,
      },
      ticked === preview.rows.length ? s.apply : s.applyCount(ticked),
    );
    apply.addEventListener("click", () => void this.controller.applyPreview());

    const list = h(
      doc,
      "ul",
      { class: "write-list" },
      ...preview.rows.map((row) => {
        const changeId = this.newId("write");
        const box = h(doc, "input", {
          type: "checkbox",
          class: "checkbox",
          checked: row.ticked,
          "data-focus": `write:${row.key}`,
          "data-busy-disable": true,
          "aria-describedby": changeId,
        });
        box.addEventListener("change", () => this.controller.toggleWrite(row.key, box.checked));
        return h(
          doc,
          "li",
          { class: `write-row${row.ticked ? "" : " is-unticked"}` },
          h(doc, "label", { class: "write-tick" }, box, h(doc, "span", { class: "write-cell" }, row.location)),
          h(
            doc,
            "div",
            { class: "write-change", id: changeId },
            h(doc, "span", { class: "sr-only" }, `${s.previewBefore}: `),
            h(doc, "span", { class: "write-before" }, row.before),
            h(doc, "span", { class: "write-arrow", "aria-hidden": "true" }, " → "),
            h(doc, "span", { class: "sr-only" }, `${s.previewAfter}: `),
            h(doc, "span", { class: "write-after" }, row.after),
          ),
          row.reason && h(doc, "p", { class: "write-reason" }, row.reason),
        );
      }),
    );
    fill(
      this.previewRegion,
      heading,
      h(doc, "p", { class: "intro" }, s.previewIntro),
      h(doc, "div", { class: "button-row" }, all, none),
      list,
      h(doc, "div", { class: "button-row sticky-footer" }, apply, close),
    );
  }

  private renderFindings(state: TaskpaneState): void {
    const doc = this.doc;
    const s = this.s;
    const result = state.result;
    const heading = h(doc, "h2", { id: "findings-heading", class: "section-title" }, s.findingsHeading);
    if (!result) {
      fill(this.findingsRegion, heading);
      return;
    }
    const counts: Record<Severity, number> = { error: result.stats.errors, warning: result.stats.warnings, info: result.stats.infos };
    const filter = h(
      doc,
      "fieldset",
      { class: "filter" },
      h(doc, "legend", {}, s.filterLegend),
      ...SEVERITIES.map((sev) => {
        const box = h(doc, "input", { type: "checkbox", class: "checkbox", checked: state.filter[sev], "data-focus": `filter:${sev}` });
        box.addEventListener("change", () => void this.controller.setFilter(sev, box.checked));
        return h(doc, "label", { class: `chip chip-${SEVERITY_CLASS[sev]}` }, box, h(doc, "span", {}, s.filterOption(sev, counts[sev])));
      }),
    );
    const hintId = this.newId("hl");
    const toggle = h(doc, "input", {
      type: "checkbox",
      role: "switch",
      class: "switch",
      checked: state.highlight,
      "aria-describedby": hintId,
      "data-focus": "highlight",
      "data-busy-disable": true,
    });
    toggle.addEventListener("change", () => void this.controller.setHighlight(toggle.checked));
    const highlight = h(
      doc,
      "div",
      { class: "highlight-toggle" },
      h(doc, "label", { class: "switch-label" }, toggle, h(doc, "span", {}, s.highlightToggle)),
      h(doc, "p", { class: "hint", id: hintId }, s.highlightHint),
    );

    const groups = this.controller.groups();
    let body: Node;
    if (result.findings.length === 0) body = h(doc, "p", { class: "empty-state" }, s.noFindings);
    else if (groups.length === 0) body = h(doc, "p", { class: "empty-state" }, s.allFiltered);
    else {
      body = h(
        doc,
        "div",
        { class: "groups" },
        ...groups.map((group) => {
          const titleId = this.newId("group");
          return h(
            doc,
            "section",
            { class: "group", "aria-labelledby": titleId, "data-group": group.id },
            h(
              doc,
              "h3",
              { class: "group-title", id: titleId },
              h(doc, "span", {}, group.title),
              h(doc, "span", { class: "group-count" }, s.groupCount(group.count)),
            ),
            ...group.kpis.map((kpi) =>
              h(
                doc,
                "div",
                { class: "kpi-group", "data-kpi-group": kpi.id },
                // A project's own findings sit directly under its title when they are all it has.
                !(group.kpis.length === 1 && kpi.kpi === null) && h(doc, "h4", { class: "kpi-title" }, kpi.title),
                h(doc, "ul", { class: "finding-list" }, ...kpi.findings.map((f) => h(doc, "li", {}, this.findingButton(f)))),
              ),
            ),
          );
        }),
      );
    }
    fill(this.findingsRegion, heading, filter, highlight, body);
  }

  private findingButton(f: Finding): HTMLButtonElement {
    const doc = this.doc;
    const s = this.s;
    const lang = this.controller.lang;
    const loc = cellLocation(f.sheet, f.cell);
    const message = f.messages[lang];
    const label = s.findingLabel(s.severity[f.severity], message, loc) + (f.fixable ? s.fixableSuffix : "");
    const button = h(
      doc,
      "button",
      {
        type: "button",
        class: `finding finding-${SEVERITY_CLASS[f.severity]}`,
        "data-focus": `finding:${f.ruleId}:${f.messageId}:${f.sheet}!${f.cell}`,
        "data-sheet": f.sheet,
        "data-cell": f.cell,
        "data-rule": f.ruleId,
        "aria-label": label,
      },
      h(doc, "span", { class: `badge badge-${SEVERITY_CLASS[f.severity]}` }, s.severity[f.severity]),
      h(doc, "span", { class: "finding-message" }, message),
      h(
        doc,
        "span",
        { class: "finding-meta" },
        h(doc, "span", { class: "finding-cell" }, loc),
        f.fixable && h(doc, "span", { class: "tag" }, s.fixableTag),
        h(doc, "span", { class: "finding-rule" }, f.ruleId),
      ),
    );
    button.addEventListener("click", () => void this.controller.selectFinding(f));
    return button;
  }

  private renderSettings(state: TaskpaneState): void {
    const doc = this.doc;
    const s = this.s;
    const settings = state.settings;
    const result = state.result;

    // Reporting year: a text field (IME users may type full-width digits), committed on Enter or when leaving it.
    const yearHintId = this.newId("year-hint");
    const yearErrorId = this.newId("year-error");
    const current = result ? s.year(result.reportingYear) : "—";
    const year = h(doc, "input", {
      type: "text",
      id: "setting-year",
      class: "text-input",
      inputmode: "numeric",
      autocomplete: "off",
      maxlength: 8,
      placeholder: s.directionAutoPlain,
      value: this.yearDraft ?? (settings.reportingYear === null ? "" : String(settings.reportingYear)),
      "aria-describedby": this.yearError ? `${yearErrorId} ${yearHintId}` : yearHintId,
      "aria-invalid": this.yearError ? "true" : null,
      "data-focus": "setting-year",
      "data-busy-disable": true,
    });
    year.addEventListener("compositionstart", () => (this.yearComposing = true));
    year.addEventListener("compositionend", () => (this.yearComposing = false));
    year.addEventListener("input", () => (this.yearDraft = year.value));
    year.addEventListener("keydown", (event) => {
      if (isImeComposing(event) || this.yearComposing) return;
      if (event.key === "Enter") {
        event.preventDefault();
        this.commitYear(year.value);
      } else if (event.key === "Escape" && this.yearDraft !== null) {
        event.preventDefault();
        event.stopPropagation();
        this.yearDraft = null;
        this.yearError = false;
        year.value = settings.reportingYear === null ? "" : String(settings.reportingYear);
        this.render();
      }
    });
    year.addEventListener("change", () => {
      if (!this.yearComposing) this.commitYear(year.value);
    });

    const rate = h(doc, "select", { id: "setting-rate", class: "select", "data-focus": "setting-rate", "data-busy-disable": true });
    for (const r of RATES) rate.append(h(doc, "option", { value: r, selected: settings.rate === r }, s.rateOption[r] ?? r));
    rate.addEventListener("change", () => void this.controller.setSetting("rate", rate.value as RateChoice));

    const writeMode = h(doc, "select", {
      id: "setting-write-mode",
      class: "select",
      "data-focus": "setting-write-mode",
      "data-busy-disable": true,
    });
    for (const mode of ["formula", "value"] as const)
      writeMode.append(h(doc, "option", { value: mode, selected: settings.writeMode === mode }, s.writeMode[mode]));
    writeMode.addEventListener("change", () => void this.controller.setSetting("writeMode", writeMode.value as WriteMode));

    const choices = this.controller.kpiChoices();
    const directions =
      choices.length === 0
        ? h(doc, "p", { class: "muted" }, result ? s.noKpis : s.notValidated)
        : h(
            doc,
            "ul",
            { class: "direction-list" },
            ...choices.map((c) => {
              const id = this.newId("dir");
              const select = h(doc, "select", { id, class: "select", "data-focus": `direction:${c.key}`, "data-busy-disable": true });
              const auto = c.choice === "auto" ? s.directionAuto(s.direction[c.row.direction]) : s.directionAutoPlain;
              const options: [DirectionChoice, string][] = [
                ["auto", auto],
                ["higher", s.direction.higher],
                ["lower", s.direction.lower],
              ];
              for (const [value, text] of options) select.append(h(doc, "option", { value, selected: c.choice === value }, text));
              select.addEventListener(
                "change",
                () => void this.controller.setDirection(c.row.project, c.row.kpi, select.value as DirectionChoice),
              );
              return h(doc, "li", { class: "direction-item" }, h(doc, "label", { for: id, class: "field-label" }, c.label), select);
            }),
          );

    fill(
      this.settingsBody,
      h(doc, "p", { class: "intro" }, s.settingsIntro),
      h(
        doc,
        "div",
        { class: "field" },
        h(doc, "label", { for: "setting-year", class: "field-label" }, s.yearLabel),
        year,
        this.yearError && h(doc, "p", { class: "field-error", id: yearErrorId }, s.yearInvalid),
        h(doc, "p", { class: "hint", id: yearHintId }, s.yearHint(current)),
      ),
      h(doc, "div", { class: "field" }, h(doc, "label", { for: "setting-rate", class: "field-label" }, s.rateLabel), rate),
      h(doc, "div", { class: "field" }, h(doc, "label", { for: "setting-write-mode", class: "field-label" }, s.writeModeLabel), writeMode),
      h(
        doc,
        "fieldset",
        { class: "field directions" },
        h(doc, "legend", { class: "field-label" }, s.directionsHeading),
        h(doc, "p", { class: "hint" }, s.directionsIntro),
        directions,
      ),
    );
  }

  private commitYear(text: string): void {
    const parsed = parseYearInput(text);
    if (parsed === undefined) {
      this.yearDraft = text;
      if (!this.yearError) {
        this.yearError = true;
        this.render();
      }
      return;
    }
    const wasError = this.yearError;
    this.yearDraft = null;
    this.yearError = false;
    if (parsed === this.controller.state.settings.reportingYear) {
      if (wasError) this.render();
      return;
    }
    void this.controller.setSetting("reportingYear", parsed);
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  /** Rebuilds a region when any of its inputs changed since it was last built. */
  private region(name: keyof View["shown"], inputs: unknown[], build: () => void): void {
    const last = this.shown[name];
    if (last && last.length === inputs.length && last.every((v, i) => v === inputs[i])) return;
    this.shown[name] = inputs;
    build();
  }

  private newId(prefix: string): string {
    return `kpi-${prefix}-${++this.idCounter}`;
  }

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
