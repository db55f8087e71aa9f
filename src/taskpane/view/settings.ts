/**
 * The settings card (a <details>): reporting year, grant rate, formula or value, each KPI's
 * direction. Changing one saves it in the document and checks again (the controller's part).
 */
import type { DirectionChoice, TaskpaneState } from "../controller";
import { RATES, parseYearInput, type RateChoice, type WriteMode } from "../settings-model";
import { fill, h, isImeComposing } from "./dom";
import type { Region, ViewContext } from "./region";

export class SettingsRegion implements Region {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  /** What the user is typing in the year field, kept across re-renders until committed. */
  private yearDraft: string | null = null;
  /** Why the typed year was refused (unreadable, or not a year of the report); null when it was not. */
  private yearError: string | null = null;
  private yearComposing = false;

  constructor(private readonly ctx: ViewContext) {
    const { doc, s } = ctx;
    this.body = h(doc, "div", { class: "settings-body" });
    this.element = h(
      doc,
      "details",
      { class: "card settings" },
      h(
        doc,
        "summary",
        { class: "settings-summary", "data-focus": "settings" },
        h(doc, "h2", { class: "section-title inline" }, s.settingsHeading),
      ),
      this.body,
    );
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.result, state.settings, this.yearError];
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
