/**
 * The findings card: the severity filter, the highlight switch, the order choice, and the findings
 * by severity (errors first, each naming its project and KPI) or grouped by project and KPI, each a
 * button that selects its cell.
 */
import type { Finding, Severity } from "../../core";
import { cellLocation } from "../../core/address";
import { SEVERITIES, type FindingOrder, type TaskpaneState } from "../controller";
import { fill, h } from "./dom";
import { SEVERITY_CLASS, type Region, type ViewContext } from "./region";

export class FindingsRegion implements Region {
  readonly element: HTMLElement;
  private readonly orderName: string;

  constructor(private readonly ctx: ViewContext) {
    this.element = h(ctx.doc, "section", { class: "card findings", "aria-labelledby": "findings-heading" });
    this.orderName = ctx.newId("order");
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.result, state.filter, state.highlight, state.order];
  }

  render(state: TaskpaneState): void {
    const { doc, s, controller } = this.ctx;
    const result = state.result;
    const heading = h(doc, "h2", { id: "findings-heading", class: "section-title" }, s.findingsHeading);
    if (!result) {
      fill(this.element, heading);
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
        box.addEventListener("change", () => void controller.setFilter(sev, box.checked));
        return h(doc, "label", { class: `chip chip-${SEVERITY_CLASS[sev]}` }, box, h(doc, "span", {}, s.filterOption(sev, counts[sev])));
      }),
    );
    const hintId = this.ctx.newId("hl");
    const toggle = h(doc, "input", {
      type: "checkbox",
      role: "switch",
      class: "switch",
      checked: state.highlight,
      "aria-describedby": hintId,
      "data-focus": "highlight",
      "data-busy-disable": true,
    });
    toggle.addEventListener("change", () => void controller.setHighlight(toggle.checked));
    const highlight = h(
      doc,
      "div",
      { class: "highlight-toggle" },
      h(doc, "label", { class: "switch-label" }, toggle, h(doc, "span", {}, s.highlightToggle)),
      h(doc, "p", { class: "hint", id: hintId }, s.highlightHint),
    );

    // The order: a radio group, so arrow keys move between the two choices as anywhere else.
    const order = h(
      doc,
      "fieldset",
      { class: "order" },
      h(doc, "legend", {}, s.orderLegend),
      ...(["severity", "project"] as const).map((choice: FindingOrder) => {
        const radio = h(doc, "input", {
          type: "radio",
          name: this.orderName,
          value: choice,
          class: "radio",
          checked: state.order === choice,
          "data-focus": `order:${choice}`,
        });
        radio.addEventListener("change", () => {
          if (radio.checked) controller.setOrder(choice);
        });
        return h(doc, "label", { class: "order-option" }, radio, h(doc, "span", {}, s.order[choice]));
      }),
    );

    const groups = controller.groups();
    let body: Node;
    if (result.findings.length === 0) body = h(doc, "p", { class: "empty-state" }, s.noFindings);
    else if (groups.length === 0) body = h(doc, "p", { class: "empty-state" }, s.allFiltered);
    else if (state.order === "severity") {
      body = h(
        doc,
        "div",
        { class: "groups by-severity" },
        ...controller.bySeverity().map((group) => {
          const titleId = this.ctx.newId("severity");
          return h(
            doc,
            "section",
            { class: `severity-group severity-group-${SEVERITY_CLASS[group.severity]}`, "aria-labelledby": titleId },
            h(doc, "h3", { class: "group-title", id: titleId }, s.severityGroup(group.severity, group.findings.length)),
            h(
              doc,
              "ul",
              { class: "finding-list" },
              ...group.findings.map(({ finding, context }) =>
                h(doc, "li", {}, this.findingButton(finding, context), this.aboutRule(finding)),
              ),
            ),
          );
        }),
      );
    } else {
      body = h(
        doc,
        "div",
        { class: "groups" },
        ...groups.map((group) => {
          const titleId = this.ctx.newId("group");
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
                h(
                  doc,
                  "ul",
                  { class: "finding-list" },
                  ...kpi.findings.map((f) => h(doc, "li", {}, this.findingButton(f), this.aboutRule(f))),
                ),
              ),
            ),
          );
        }),
      );
    }
    fill(this.element, heading, filter, highlight, result.findings.length > 0 && order, body);
  }

  /**
   * What the rule checks, from its metadata (in the engine that found it: nothing to fetch from the
   * internet, so it works on a closed network), and the page that documents it (meta.docs.url, the same the CLI's JSON gives).
   */
  private aboutRule(f: Finding): HTMLElement | null {
    const { doc, s, controller } = this.ctx;
    const rule = controller.ruleOf(f);
    if (!rule) return null;
    const lang = controller.lang;
    return h(
      doc,
      "details",
      { class: "finding-about" },
      h(doc, "summary", {}, s.aboutRule),
      h(doc, "p", {}, rule.meta.description[lang]),
      h(doc, "p", {}, `${s.ruleAnchor}: ${rule.meta.anchor[lang]}`),
      h(doc, "p", { class: "finding-docs" }, `${s.ruleDocs}: ${rule.meta.id} — ${rule.meta.docs.url}`),
    );
  }

  /** @param context the project and KPI, shown when the list does not group by them */
  private findingButton(f: Finding, context: string | null = null): HTMLButtonElement {
    const { doc, s, controller } = this.ctx;
    const lang = controller.lang;
    const loc = cellLocation(f.sheet, f.cell);
    const message = f.messages[lang];
    const label =
      s.findingLabel(s.severity[f.severity], message, loc) +
      (context ? s.findingContextLabel(context) : "") +
      (f.fixable ? s.fixableSuffix : "");
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
      context && h(doc, "span", { class: "finding-context" }, context),
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
    button.addEventListener("click", () => void controller.selectFinding(f));
    return button;
  }
}
