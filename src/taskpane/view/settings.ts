/**
 * The settings card (a <details>, closed at first). Its content (settings-body.ts: the fields, the
 * comparison with last year's report, the self-check) is loaded the first time the card is opened
 * (at once where <details> is not supported), so the pane's first load does without it; until
 * then, and if the load fails, the card says so.
 */
import type { TaskpaneState } from "../controller";
import { fill, h } from "./dom";
import type { Region, ViewContext } from "./region";
import type { SettingsBody } from "./settings-body";

export class SettingsRegion implements Region {
  readonly element: HTMLDetailsElement;
  private readonly body: HTMLElement;
  private content: SettingsBody | null = null;
  private loading = false;
  private failed = false;

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
    this.element.addEventListener("toggle", () => {
      if (this.element.open) this.load();
    });
    // EdgeHTML (Office 2016/2019's webview on Windows 10) has no <details>: it shows the content
    // always and never raises "toggle", so there the content loads at once.
    // https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins
    // (The pane renders once it is built, showing the card as loading.)
    if (!("open" in this.element)) this.load(false);
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return this.content ? [this.content, ...this.content.inputs(state)] : [this.loading, this.failed];
  }

  render(state: TaskpaneState): void {
    if (this.content) {
      this.content.render(state);
      return;
    }
    const { doc, s } = this.ctx;
    fill(
      this.body,
      this.failed && h(doc, "p", { class: "field-error", role: "alert" }, s.settingsLoadFailed),
      this.loading && h(doc, "p", { class: "muted", role: "status" }, s.settingsLoading),
    );
  }

  /** Loads the content once; after a failure, the next opening tries again. */
  private load(showLoading = true): void {
    if (this.content || this.loading) return;
    this.loading = true;
    this.failed = false;
    if (showLoading) this.ctx.render();
    import(/* webpackChunkName: "settings-view" */ "./settings-body").then(
      (module) => {
        this.content = new module.SettingsBody(this.ctx, this.body);
        this.loading = false;
        this.ctx.render();
      },
      (error: unknown) => {
        console.error("KPI報告チェッカー: the settings could not be loaded", error);
        this.loading = false;
        this.failed = true;
        this.ctx.render();
      },
    );
  }
}
