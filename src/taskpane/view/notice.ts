/** The message bar under the toolbar: the outcome of the last operation, dismissible. */
import type { TaskpaneState } from "../controller";
import { fill, h } from "./dom";
import type { Region, ViewContext } from "./region";

export class NoticeRegion implements Region {
  readonly element: HTMLElement;

  /** @param afterDismiss where focus goes once the bar (and its focused button) is gone */
  constructor(
    private readonly ctx: ViewContext,
    private readonly afterDismiss: () => void,
  ) {
    this.element = h(ctx.doc, "div", { class: "notice-region" });
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.notice];
  }

  render(state: TaskpaneState): void {
    const notice = state.notice;
    if (!notice) {
      fill(this.element);
      return;
    }
    const { doc, s, controller } = this.ctx;
    const dismiss = h(
      doc,
      "button",
      { type: "button", class: "icon-btn", "aria-label": s.dismiss, title: s.dismiss, "data-focus": "dismiss" },
      "×",
    );
    dismiss.addEventListener("click", () => {
      controller.dismissNotice();
      this.afterDismiss();
    });
    const urgent = notice.kind === "error" || notice.kind === "warning";
    fill(
      this.element,
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
}
