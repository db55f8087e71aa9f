/**
 * The few DOM helpers every region of the pane builds with. Text goes in as text nodes only, never
 * as HTML: messages quote what users typed into cells.
 */

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * True when a keydown belongs to an IME composition (Japanese conversion): the Enter that confirms
 * a conversion must never act. Safari sends that Enter after compositionend with keyCode 229.
 */
export function isImeComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** replaceChildren that skips the false / null of conditional children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/**
 * Creates an element. Attributes: false / null / undefined leave it out, true sets it empty
 * (boolean attributes such as hidden, checked); "className" is written as class.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
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
