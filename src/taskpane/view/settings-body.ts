/**
 * The settings card's content: the automatic check (where the host has change events), reporting
 * year, grant rate, formula or value, each KPI's direction, the comparison with last year's report
 * and the self-check. Changing one saves it in the document and checks again (the controller's
 * part). Loaded when the card is first opened (settings.ts): most sessions never open it.
 */
import type { DirectionChoice, TaskpaneState } from "../controller";
import { RATES, parseYearInput, type RateChoice, type WriteMode } from "../settings-model";
import { fill, h, isImeComposing, type Child } from "./dom";
import type { ViewContext } from "./region";

export class SettingsBody {
  /** What the user is typing in the year field, kept across re-renders until committed. */
  private yearDraft: string | null = null;
  /** Why the typed year was refused (unreadable, or not a year of the report); null when it was not. */
  private yearError: string | null = null;
  private yearComposing = false;

  constructor(
    private readonly ctx: ViewContext,
    private readonly body: HTMLElement,
  ) {}

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.result, state.settings, this.yearError, state.selfCheck, state.previous];
  }

  render(state: TaskpaneState): void {
    const { doc, s, controller } = this.ctx;
    const settings = state.settings;
    const result = state.result;

    // Reporting year: a text field (IME users may type full-width digits), committed on Enter or when leaving it.
    const yearHintId = this.ctx.newId("year-hint");
    const yearErrorId = this.ctx.newId("year-error");
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
      "aria-invalid": this.yearError !== null ? "true" : null,
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
        this.yearError = null;
        year.value = settings.reportingYear === null ? "" : String(settings.reportingYear);
        this.ctx.render();
      }
    });
    year.addEventListener("change", () => {
      if (!this.yearComposing) this.commitYear(year.value);
    });

    const rate = h(doc, "select", { id: "setting-rate", class: "select", "data-focus": "setting-rate", "data-busy-disable": true });
    for (const r of RATES) rate.append(h(doc, "option", { value: r, selected: settings.rate === r }, s.rateOption[r] ?? r));
    rate.addEventListener("change", () => void controller.setSetting("rate", rate.value as RateChoice));

    const writeMode = h(doc, "select", {
      id: "setting-write-mode",
      class: "select",
      "data-focus": "setting-write-mode",
      "data-busy-disable": true,
    });
    for (const mode of ["formula", "value"] as const)
      writeMode.append(h(doc, "option", { value: mode, selected: settings.writeMode === mode }, s.writeMode[mode]));
    writeMode.addEventListener("change", () => void controller.setSetting("writeMode", writeMode.value as WriteMode));

    // The automatic check: only where the host raises change events (ExcelApi 1.7).
    let autoCheck: HTMLElement | null = null;
    if (controller.canAutoCheck) {
      const autoHintId = this.ctx.newId("auto-check-hint");
      const autoToggle = h(doc, "input", {
        type: "checkbox",
        role: "switch",
        id: "setting-auto-check",
        class: "switch",
        checked: settings.autoCheck,
        "aria-describedby": autoHintId,
        "data-focus": "setting-auto-check",
        "data-busy-disable": true,
      });
      autoToggle.addEventListener("change", () => void controller.setAutoCheck(autoToggle.checked));
      autoCheck = h(
        doc,
        "div",
        { class: "field auto-check" },
        h(doc, "label", { class: "switch-label" }, autoToggle, h(doc, "span", {}, s.autoCheckToggle)),
        h(doc, "p", { class: "hint", id: autoHintId }, s.autoCheckHint),
      );
    }

    const choices = controller.kpiChoices();
    const directions =
      choices.length === 0
        ? h(doc, "p", { class: "muted" }, result ? s.noKpis : s.notValidated)
        : h(
            doc,
            "ul",
            { class: "direction-list" },
            ...choices.map((c) => {
              const id = this.ctx.newId("dir");
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
                () => void controller.setDirection(c.row.project, c.row.kpi, select.value as DirectionChoice),
              );
              return h(doc, "li", { class: "direction-item" }, h(doc, "label", { for: id, class: "field-label" }, c.label), select);
            }),
          );

    fill(
      this.body,
      h(doc, "p", { class: "intro" }, s.settingsIntro),
      autoCheck,
      h(
        doc,
        "div",
        { class: "field" },
        h(doc, "label", { for: "setting-year", class: "field-label" }, s.yearLabel),
        year,
        this.yearError !== null && h(doc, "p", { class: "field-error", id: yearErrorId }, this.yearError),
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
      this.previousSection(state),
      this.selfCheckSection(state),
    );
  }

  /**
   * 前年度の報告書と比較: a file input for last year's .xlsx (read in the pane, never uploaded) and,
   * while a comparison is set, the file it came from and the button that stops it.
   */
  private previousSection(state: TaskpaneState): HTMLElement {
    const { doc, s, controller } = this.ctx;
    const input = h(doc, "input", {
      type: "file",
      id: "setting-previous-file",
      class: "file-input",
      accept: ".xlsx",
      "data-focus": "setting-previous-file",
      "data-busy-disable": true,
    });
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      // FileReader rather than Blob#arrayBuffer: EdgeHTML has no Blob#arrayBuffer.
      const reader = new FileReader();
      reader.onload = () => {
        input.value = "";
        void controller.comparePrevious({ name: file.name, bytes: new Uint8Array(reader.result as ArrayBuffer) });
      };
      reader.readAsArrayBuffer(file);
    });
    let current: HTMLElement | null = null;
    if (state.previous) {
      const clear = h(
        doc,
        "button",
        { type: "button", class: "btn", id: "setting-previous-clear", "data-focus": "setting-previous-clear", "data-busy-disable": true },
        s.previousClear,
      );
      clear.addEventListener("click", () => void controller.clearPrevious());
      current = h(
        doc,
        "div",
        { class: "previous-current" },
        h(doc, "p", { class: "previous-source" }, s.previousCurrent(state.previous.source ?? "—")),
        clear,
      );
    }
    return this.headedSection(
      "previous",
      s.previousHeading,
      h(doc, "label", { for: "setting-previous-file", class: "field-label" }, s.previousPick),
      input,
      current,
    );
  }

  /**
   * 動作確認 (the self-check), where the host has one: the button, each probe's result with what the
   * add-in does about it, and the result as text to copy. Webviews often refuse the clipboard, so
   * the text is always in a read-only box the user can select by hand as well.
   */
  private selfCheckSection(state: TaskpaneState): HTMLElement | null {
    const { doc, s, controller } = this.ctx;
    if (!controller.canSelfCheck) return null;
    const run = h(
      doc,
      "button",
      { type: "button", class: "btn", id: "self-check-run", "data-focus": "self-check-run", "data-busy-disable": true },
      s.selfCheckRun,
    );
    run.addEventListener("click", () => void controller.runSelfCheck());
    const report = state.selfCheck;
    let results: HTMLElement | null = null;
    if (report) {
      const text = controller.selfCheckText();
      const textId = this.ctx.newId("self-check-text");
      const area = h(doc, "textarea", {
        id: textId,
        class: "text-input self-check-text",
        readonly: true,
        rows: 8,
        spellcheck: "false",
        "data-focus": "self-check-text",
      });
      area.value = text;
      const note = h(doc, "p", { class: "hint self-check-copy-note", role: "status", hidden: true });
      const copy = h(doc, "button", { type: "button", class: "btn", "data-focus": "self-check-copy" }, s.selfCheckCopy);
      copy.addEventListener("click", () =>
        copyText(doc, text, area, (copied) => showNote(note, copied ? s.selfCheckCopied : s.selfCheckCopyFailed)),
      );
      results = h(
        doc,
        "div",
        { class: "self-check-results" },
        h(
          doc,
          "ul",
          { class: "self-check-list" },
          ...report.probes.map((p) =>
            h(
              doc,
              "li",
              { class: `self-check-item self-check-${p.status}`, "data-probe": p.id },
              h(doc, "span", { class: "self-check-status" }, `[${s.selfCheckStatus[p.status]}]`),
              " ",
              h(doc, "strong", { class: "self-check-label" }, p.label[state.lang]),
              h(doc, "p", { class: "self-check-outcome" }, p.outcome[state.lang]),
              h(doc, "p", { class: "hint self-check-handling" }, `${s.selfCheckHandling}: ${p.handling[state.lang]}`),
            ),
          ),
        ),
        copy,
        note,
        h(doc, "label", { for: textId, class: "field-label" }, s.selfCheckTextLabel),
        area,
      );
    }
    return this.headedSection("self-check", s.selfCheckHeading, h(doc, "p", { class: "hint" }, s.selfCheckIntro), run, results);
  }

  /** A section of the card under its own heading (which also names it for screen readers). */
  private headedSection(kind: string, heading: string, ...content: Child[]): HTMLElement {
    const { doc } = this.ctx;
    return h(
      doc,
      "section",
      { class: `field ${kind}`, "aria-label": heading },
      h(doc, "h3", { class: "field-label" }, heading),
      ...content,
    );
  }

  private commitYear(text: string): void {
    const parsed = parseYearInput(text);
    const problem = parsed === undefined ? this.ctx.s.yearInvalid : this.ctx.controller.yearProblem(parsed);
    if (problem !== null || parsed === undefined) {
      this.yearDraft = text;
      if (this.yearError !== problem) {
        this.yearError = problem;
        this.ctx.render();
      }
      return;
    }
    const wasError = this.yearError !== null;
    this.yearDraft = null;
    this.yearError = null;
    if (parsed === this.ctx.controller.state.settings.reportingYear) {
      if (wasError) this.ctx.render();
      return;
    }
    void this.ctx.controller.setSetting("reportingYear", parsed);
  }
}

/**
 * Copies the text: navigator.clipboard.writeText where the webview allows it, else the selected
 * read-only box and document.execCommand("copy"). Either way the box stays selected, so the user
 * can copy by hand (Ctrl+C) when both are refused.
 */
function copyText(doc: Document, text: string, area: HTMLTextAreaElement, done: (copied: boolean) => void): void {
  const selectBox = (): void => {
    area.focus();
    area.select();
  };
  const fallback = (): void => {
    selectBox();
    let copied = false;
    try {
      copied = typeof doc.execCommand === "function" && doc.execCommand("copy");
    } catch {
      copied = false;
    }
    done(copied);
  };
  const clipboard = doc.defaultView?.navigator?.clipboard;
  if (!clipboard || typeof clipboard.writeText !== "function") {
    fallback();
    return;
  }
  let request: Promise<void>;
  try {
    request = clipboard.writeText(text);
  } catch {
    fallback();
    return;
  }
  request.then(
    () => {
      selectBox();
      done(true);
    },
    () => fallback(),
  );
}

function showNote(note: HTMLElement, text: string): void {
  note.textContent = text;
  note.hidden = false;
}
