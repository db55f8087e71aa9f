/**
 * The summary card: counts by severity, the year and rate used, each project's KPI outcomes (folded
 * away by default, so that the first screen shows the counts and the first errors).
 */
import { SEVERITIES, type TaskpaneState } from "../controller";
import { fill, h } from "./dom";
import { SEVERITY_CLASS, type Region, type ViewContext } from "./region";

export class SummaryRegion implements Region {
  readonly element: HTMLElement;
  /** Whether the user unfolded the project table; kept across re-renders. */
  private projectsOpen = false;

  constructor(private readonly ctx: ViewContext) {
    this.element = h(ctx.doc, "section", { class: "card summary", "aria-labelledby": "summary-heading" });
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.result];
  }

  render(): void {
    const { doc, s, controller } = this.ctx;
    const summary = controller.summary();
    // Focusable (tabindex -1): where focus goes when the control that had it is gone.
    const heading = h(doc, "h2", { id: "summary-heading", class: "section-title", tabindex: "-1" }, s.summaryHeading);
    if (!summary) {
      fill(this.element, heading, h(doc, "p", { class: "muted" }, s.notValidated));
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
        h(doc, "caption", { class: "sr-only" }, s.projectTableCaption),
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
    let projects: HTMLDetailsElement | false = false;
    if (table) {
      projects = h(
        doc,
        "details",
        { class: "projects-details", open: this.projectsOpen },
        h(doc, "summary", { class: "projects-summary", "data-focus": "projects" }, s.projectTableToggle(summary.projects.length)),
        table,
      );
      const details = projects;
      details.addEventListener("toggle", () => (this.projectsOpen = details.open));
    }
    fill(
      this.element,
      heading,
      counts,
      summary.fixable > 0 && h(doc, "p", { class: "fixable-note" }, s.fixableCount(summary.fixable)),
      meta,
      projects,
    );
  }
}
