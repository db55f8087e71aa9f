/**
 * The fix preview: every cell the fixes would write (cell, before → after, why), each with a tick
 * box, and the buttons to apply the ticked ones or close. Hidden while no preview is open.
 */
import type { TaskpaneState } from "../controller";
import { fill, h, isImeComposing } from "./dom";
import type { Region, ViewContext } from "./region";

export class PreviewRegion implements Region {
  readonly element: HTMLElement;

  /** @param afterClose where focus goes once the preview (and its focused control) is gone */
  constructor(
    private readonly ctx: ViewContext,
    private readonly afterClose: () => void,
  ) {
    this.element = h(ctx.doc, "section", { class: "card preview", "aria-labelledby": "preview-heading", hidden: true });
    this.element.addEventListener("keydown", (event) => {
      if (isImeComposing(event) || event.key !== "Escape") return;
      event.preventDefault();
      ctx.controller.closePreview();
      afterClose();
    });
  }

  inputs(state: TaskpaneState): readonly unknown[] {
    return [state.preview];
  }

  render(state: TaskpaneState): void {
    const preview = state.preview;
    this.element.hidden = !preview;
    if (!preview) {
      fill(this.element);
      return;
    }
    const { doc, s, controller } = this.ctx;
    const heading = h(doc, "h2", { id: "preview-heading", class: "section-title", tabindex: "-1" }, s.previewHeading);
    const close = h(doc, "button", { type: "button", class: "btn", "data-focus": "preview-close", "data-busy-disable": true }, s.cancel);
    close.addEventListener("click", () => {
      controller.closePreview();
      this.afterClose();
    });
    if (preview.rows.length === 0) {
      fill(this.element, heading, h(doc, "p", { class: "muted" }, s.previewEmpty), h(doc, "div", { class: "button-row" }, close));
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
    all.addEventListener("click", () => controller.setAllWrites(true));
    none.addEventListener("click", () => controller.setAllWrites(false));
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
    apply.addEventListener("click", () => void controller.applyPreview());

    const list = h(
      doc,
      "ul",
      { class: "write-list" },
      ...preview.rows.map((row) => {
        const changeId = this.ctx.newId("write");
        const noteId = this.ctx.newId("write-note");
        const box = h(doc, "input", {
          type: "checkbox",
          class: "checkbox",
          checked: row.ticked,
          "data-focus": `write:${row.key}`,
          "data-busy-disable": true,
          "aria-describedby": row.note ? `${changeId} ${noteId}` : changeId,
        });
        box.addEventListener("change", () => controller.toggleWrite(row.key, box.checked));
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
          row.note && h(doc, "p", { class: "write-note", id: noteId }, row.note),
          row.reason && h(doc, "p", { class: "write-reason" }, row.reason),
        );
      }),
    );
    fill(
      this.element,
      heading,
      h(doc, "p", { class: "intro" }, s.previewIntro),
      h(doc, "p", { class: "preview-counts" }, s.previewCounts(preview.rows.length, preview.fixableFindings)),
      h(doc, "div", { class: "button-row" }, all, none),
      list,
      h(doc, "div", { class: "button-row sticky-footer" }, apply, close),
    );
  }
}
