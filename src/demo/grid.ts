/**
 * The demo's workbook view: a formula bar, the active sheet as a grid (column letters, row numbers,
 * merged cells as rowspan/colspan, hidden rows collapsed behind a doubled line as in Excel, fills,
 * number formats, the selected cell outlined) and the sheet tabs. It renders the DemoWorkbook and follows its events, so
 * whatever the emulated Excel API does (select a cell, write fixes, colour cells) shows at once.
 *
 * Editing: double-click a cell (or F2 / Enter on the selection), Enter confirms, Esc cancels,
 * Alt+Enter is a line break. The Enter that ends a Japanese IME conversion never confirms.
 * The view only reports the typed text (onEdit); the page decides what the cell becomes.
 */
import { columnName, parseA1, parseRange, toA1 } from "../core/address";
import type { DemoStrings } from "./i18n";
import { editText } from "./cell-input";
import { formatCellValue } from "./number-format";
import { ERROR_VALUES } from "./office/formula";
import { mergeContaining, type DemoCell, type DemoSheet, type DemoWorkbook, type WorkbookEvent } from "./workbook-model";

/** Largest part of a sheet drawn (reports are far smaller). */
const MAX_RENDER_ROWS = 1000;
const MAX_RENDER_COLS = 52;
const MIN_ROWS = 20;
const MIN_COLS = 8;
const DEFAULT_COLUMN_PX = 64;
const HIDDEN_COLUMN_PX = 4;

export interface GridOptions {
  strings: DemoStrings;
  /** The user typed `text` into the cell and confirmed it. */
  onEdit(sheet: string, cell: string, text: string): void;
  /** Something the user should read (a refused edit). */
  notify(text: string): void;
}

/**
 * True when a keydown belongs to an IME composition (Japanese conversion): the Enter that confirms
 * a conversion must never act. Safari sends that Enter after compositionend with keyCode 229.
 */
export function isImeComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** How much of the sheet to draw: its content, merges and hidden rows, plus a margin of empty cells. */
export function gridExtent(workbook: DemoWorkbook, sheet: DemoSheet): { rows: number; cols: number; truncated: boolean } {
  let rows = 0;
  let cols = 0;
  const used = workbook.usedRange(sheet.name, false);
  if (used) {
    rows = used.end.row + 1;
    cols = used.end.col + 1;
  }
  for (const merge of sheet.merges) {
    const area = parseRange(merge);
    if (!area) continue;
    rows = Math.max(rows, area.end.row + 1);
    cols = Math.max(cols, area.end.col + 1);
  }
  for (const row of sheet.hiddenRows) rows = Math.max(rows, row);
  const selected = workbook.selection?.sheet === sheet.name ? parseA1(workbook.selection.cell) : null;
  if (selected) {
    rows = Math.max(rows, selected.row + 1);
    cols = Math.max(cols, selected.col + 1);
  }
  const wantRows = Math.max(rows + 5, MIN_ROWS);
  const wantCols = Math.max(cols + 1, MIN_COLS);
  return {
    rows: Math.min(wantRows, MAX_RENDER_ROWS),
    cols: Math.min(wantCols, MAX_RENDER_COLS),
    truncated: rows > MAX_RENDER_ROWS || cols > MAX_RENDER_COLS,
  };
}

function kindOf(cell: DemoCell | undefined): string {
  const value = cell?.value;
  if (typeof value === "number") return "num";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string" && ERROR_VALUES.has(value)) return "err";
  return "txt";
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class GridView {
  private readonly doc: Document;
  private readonly nameBox: HTMLElement;
  private readonly formulaText: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly note: HTMLElement;
  private readonly editor: HTMLTextAreaElement;
  private table: HTMLTableElement | null = null;
  private renderedSheet: string | null = null;
  private editing: { sheet: string; cell: string; initial: string } | null = null;
  private composing = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly root: HTMLElement,
    private readonly workbook: DemoWorkbook,
    private readonly options: GridOptions,
  ) {
    const doc = (this.doc = root.ownerDocument);
    const s = options.strings;

    const bar = el(doc, "div", "formula-bar");
    this.nameBox = el(doc, "output", "name-box");
    this.nameBox.setAttribute("aria-label", s.nameBoxLabel);
    const fx = el(doc, "span", "fx", "fx");
    fx.setAttribute("aria-hidden", "true");
    this.formulaText = el(doc, "output", "formula-text");
    this.formulaText.setAttribute("aria-label", s.formulaBarLabel);
    bar.append(this.nameBox, fx, this.formulaText);

    this.scroller = el(doc, "div", "grid-scroll");
    this.scroller.tabIndex = 0;
    this.scroller.title = s.editHint;
    this.editor = el(doc, "textarea", "cell-editor");
    this.editor.hidden = true;
    this.editor.rows = 1;
    this.editor.spellcheck = false;
    this.scroller.append(this.editor);

    this.note = el(doc, "p", "grid-note");
    this.note.hidden = true;
    this.tabs = el(doc, "div", "sheet-tabs");
    this.tabs.setAttribute("role", "tablist");
    this.tabs.setAttribute("aria-label", s.sheetTabsLabel);

    root.replaceChildren(bar, this.scroller, this.note, this.tabs);
    this.wireEvents();
    this.unsubscribe = workbook.on((event) => this.onWorkbookEvent(event));
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
  }

  /** The cell the grid shows as selected on the active sheet (a merge answers its top-left cell). */
  get selectedCell(): string | null {
    const selection = this.workbook.selection;
    if (!selection || selection.sheet !== this.workbook.activeSheet) return null;
    const sheet = this.workbook.sheet(selection.sheet);
    const area = sheet ? mergeContaining(sheet, selection.cell) : null;
    return area ? toA1(area.start.row, area.start.col) : selection.cell;
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  render(): void {
    const workbook = this.workbook;
    const sheet = workbook.sheet(workbook.activeSheet) ?? workbook.sheets[0];
    this.renderTabs(sheet?.name ?? null);
    this.table?.remove();
    this.table = null;
    this.renderedSheet = sheet?.name ?? null;
    if (!sheet) {
      this.note.hidden = true;
      this.updateFormulaBar();
      return;
    }
    const { rows, cols, truncated } = gridExtent(workbook, sheet);
    this.note.hidden = !truncated;
    this.note.textContent = truncated ? this.options.strings.truncated(rows, cols) : "";
    this.table = this.buildTable(sheet, rows, cols);
    this.scroller.insertBefore(this.table, this.editor);
    this.markSelection(false);
  }

  private renderTabs(active: string | null): void {
    const doc = this.doc;
    this.tabs.replaceChildren(
      ...this.workbook.sheets.map((sheet) => {
        const tab = el(doc, "button", "sheet-tab", sheet.name);
        tab.type = "button";
        tab.setAttribute("role", "tab");
        tab.setAttribute("aria-selected", String(sheet.name === active));
        tab.dataset.sheet = sheet.name;
        tab.tabIndex = sheet.name === active ? 0 : -1;
        tab.addEventListener("click", () => {
          this.commitEdit();
          this.workbook.activate(sheet.name);
        });
        return tab;
      }),
    );
  }

  private buildTable(sheet: DemoSheet, rows: number, cols: number): HTMLTableElement {
    const doc = this.doc;
    const table = el(doc, "table", "sheet-grid");
    table.setAttribute("aria-label", this.options.strings.gridLabel(sheet.name));
    table.dataset.sheet = sheet.name;

    const colgroup = el(doc, "colgroup");
    const headCol = el(doc, "col", "row-head-col");
    colgroup.append(headCol);
    let width = 44;
    for (let c = 0; c < cols; c++) {
      const col = el(doc, "col");
      const px = sheet.columnWidths.get(c);
      const w = px === undefined ? DEFAULT_COLUMN_PX : px === 0 ? HIDDEN_COLUMN_PX : px;
      col.style.width = `${w}px`;
      width += w;
      colgroup.append(col);
    }
    table.style.width = `${width}px`;
    table.append(colgroup);

    const head = el(doc, "thead");
    const headRow = el(doc, "tr");
    const corner = el(doc, "th", "corner");
    corner.setAttribute("aria-hidden", "true");
    headRow.append(corner);
    for (let c = 0; c < cols; c++) {
      const th = el(doc, "th", "col-head", columnName(c));
      th.scope = "col";
      th.dataset.col = columnName(c);
      if (sheet.columnWidths.get(c) === 0) th.classList.add("col-hidden");
      headRow.append(th);
    }
    head.append(headRow);
    table.append(head);

    // Merged areas: the top-left cell spans; the others are not drawn.
    const spans = new Map<string, { rowSpan: number; colSpan: number }>();
    const covered = new Set<string>();
    for (const merge of sheet.merges) {
      const area = parseRange(merge);
      if (!area || area.start.row >= rows || area.start.col >= cols) continue;
      const bottom = Math.min(area.end.row, rows - 1);
      const right = Math.min(area.end.col, cols - 1);
      spans.set(toA1(area.start.row, area.start.col), { rowSpan: bottom - area.start.row + 1, colSpan: right - area.start.col + 1 });
      for (let r = area.start.row; r <= bottom; r++) {
        for (let c = area.start.col; c <= right; c++) {
          if (r !== area.start.row || c !== area.start.col) covered.add(toA1(r, c));
        }
      }
    }

    const body = el(doc, "tbody");
    for (let r = 0; r < rows; r++) {
      const tr = el(doc, "tr");
      const rowNumber = r + 1;
      tr.dataset.row = String(rowNumber);
      const th = el(doc, "th", "row-head", String(rowNumber));
      th.scope = "row";
      th.dataset.row = String(rowNumber);
      if (sheet.hiddenRows.has(rowNumber)) {
        tr.classList.add("row-hidden");
        th.title = this.options.strings.hiddenRows(rowNumber, rowNumber);
      } else if (rowNumber > 1 && sheet.hiddenRows.has(rowNumber - 1)) {
        // As Excel's doubled row line: the first row after hidden ones says which are hidden.
        let first = rowNumber - 1;
        while (first > 1 && sheet.hiddenRows.has(first - 1)) first--;
        const text = this.options.strings.hiddenRows(first, rowNumber - 1);
        tr.classList.add("after-hidden");
        th.title = text;
        th.setAttribute("aria-label", `${rowNumber} (${text})`);
      }
      tr.append(th);
      for (let c = 0; c < cols; c++) {
        const address = toA1(r, c);
        if (covered.has(address)) continue;
        const cell = sheet.cells.get(address);
        const td = el(doc, "td", `cell ${kindOf(cell)}`);
        td.dataset.cell = address;
        const span = spans.get(address);
        if (span) {
          if (span.rowSpan > 1) td.rowSpan = span.rowSpan;
          if (span.colSpan > 1) td.colSpan = span.colSpan;
          td.classList.add("merged");
        }
        if (cell?.fill) td.style.backgroundColor = cell.fill;
        const text = formatCellValue(cell?.value ?? null, cell?.numberFormat ?? null);
        if (text !== "") {
          const inner = el(doc, "div", "cell-text", text);
          td.append(inner);
          if (text.length > 24) td.title = text;
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    return table;
  }

  /** Outlines the selected cell, lights its row and column headers, fills the formula bar. */
  private markSelection(scroll: boolean): void {
    const table = this.table;
    if (!table) return;
    for (const node of Array.from(table.querySelectorAll(".is-selected, .is-active"))) node.classList.remove("is-selected", "is-active");
    const address = this.selectedCell;
    this.updateFormulaBar();
    if (!address) return;
    const td = table.querySelector<HTMLTableCellElement>(`td[data-cell="${address}"]`);
    if (!td) return;
    td.classList.add("is-selected");
    const position = parseA1(address)!;
    const area = mergeContaining(this.workbook.sheet(this.renderedSheet!)!, address);
    const rowsFrom = area ? area.start.row : position.row;
    const rowsTo = area ? area.end.row : position.row;
    const colsFrom = area ? area.start.col : position.col;
    const colsTo = area ? area.end.col : position.col;
    for (let r = rowsFrom; r <= rowsTo; r++) table.querySelector(`th.row-head[data-row="${r + 1}"]`)?.classList.add("is-active");
    for (let c = colsFrom; c <= colsTo; c++) table.querySelector(`th.col-head[data-col="${columnName(c)}"]`)?.classList.add("is-active");
    if (scroll) this.scrollIntoView(td);
  }

  private scrollIntoView(td: HTMLElement): void {
    const box = this.scroller.getBoundingClientRect();
    const cell = td.getBoundingClientRect();
    const headHeight = this.table?.tHead?.getBoundingClientRect().height ?? 0;
    const headWidth = (this.table?.querySelector("th.row-head") as HTMLElement | null)?.getBoundingClientRect().width ?? 0;
    if (cell.top < box.top + headHeight) this.scroller.scrollTop -= box.top + headHeight - cell.top + 8;
    else if (cell.bottom > box.bottom)
      this.scroller.scrollTop += Math.min(cell.bottom - box.bottom + 8, cell.top - box.top - headHeight - 8);
    if (cell.left < box.left + headWidth) this.scroller.scrollLeft -= box.left + headWidth - cell.left + 8;
    else if (cell.right > box.right) this.scroller.scrollLeft += Math.min(cell.right - box.right + 8, cell.left - box.left - headWidth - 8);
  }

  private updateFormulaBar(): void {
    const address = this.selectedCell;
    const sheet = this.renderedSheet;
    this.nameBox.textContent = address ?? "";
    this.formulaText.textContent = address && sheet ? editText(this.workbook.cell(sheet, address)) : "";
  }

  private onWorkbookEvent(event: WorkbookEvent): void {
    switch (event.type) {
      case "replaced":
        this.cancelEdit();
        this.render();
        this.scroller.scrollTop = 0;
        this.scroller.scrollLeft = 0;
        break;
      case "active-sheet":
        if (event.sheet !== this.renderedSheet) {
          this.render();
          this.scroller.scrollTop = 0;
          this.scroller.scrollLeft = 0;
        }
        break;
      case "selection":
        if (event.sheet !== this.renderedSheet) this.render();
        this.markSelection(true);
        break;
      case "cells":
        if (event.changes.some((change) => change.sheet === this.renderedSheet)) this.render();
        else this.updateFormulaBar();
        break;
      case "sync":
        break;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Interaction

  private wireEvents(): void {
    this.scroller.addEventListener("click", (event) => {
      const td = (event.target as Element).closest?.("td.cell") as HTMLTableCellElement | null;
      if (!td || !this.renderedSheet || td.dataset.cell === undefined) return;
      if (this.editing && this.editing.cell === td.dataset.cell) return;
      this.commitEdit();
      this.workbook.select(this.renderedSheet, td.dataset.cell);
    });
    this.scroller.addEventListener("dblclick", (event) => {
      const td = (event.target as Element).closest?.("td.cell") as HTMLTableCellElement | null;
      if (!td || td.dataset.cell === undefined) return;
      event.preventDefault();
      this.startEdit(td.dataset.cell);
    });
    this.scroller.addEventListener("keydown", (event) => {
      if (event.target !== this.scroller || isImeComposing(event)) return;
      const moves: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
        Tab: [0, event.shiftKey ? -1 : 1],
      };
      if (event.key in moves && !(event.key === "Tab" && !this.selectedCell)) {
        event.preventDefault();
        this.move(...moves[event.key]);
      } else if ((event.key === "F2" || event.key === "Enter") && this.selectedCell) {
        event.preventDefault();
        this.startEdit(this.selectedCell);
      } else if ((event.key === "Delete" || event.key === "Backspace") && this.selectedCell && this.renderedSheet) {
        event.preventDefault();
        if (this.editable(this.renderedSheet, this.selectedCell)) this.options.onEdit(this.renderedSheet, this.selectedCell, "");
      }
    });

    const editor = this.editor;
    editor.addEventListener("compositionstart", () => (this.composing = true));
    editor.addEventListener("compositionend", () => (this.composing = false));
    editor.addEventListener("keydown", (event) => {
      if (isImeComposing(event) || this.composing) return;
      if (event.key === "Enter" && event.altKey) {
        event.preventDefault();
        const { selectionStart: start, selectionEnd: end, value } = editor;
        editor.value = value.slice(0, start) + "\n" + value.slice(end);
        editor.selectionStart = editor.selectionEnd = start + 1;
        this.fitEditor();
      } else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        this.commitEdit();
        this.move(1, 0);
        this.scroller.focus();
      } else if (event.key === "Tab") {
        event.preventDefault();
        this.commitEdit();
        this.move(0, event.shiftKey ? -1 : 1);
        this.scroller.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.cancelEdit();
        this.scroller.focus();
      }
    });
    editor.addEventListener("input", () => this.fitEditor());
    editor.addEventListener("blur", () => {
      // Leaving the editor (a click elsewhere) confirms, as in Excel; not in the middle of a conversion.
      if (!this.composing) this.commitEdit();
    });
  }

  private editable(sheetName: string, address: string): boolean {
    const sheet = this.workbook.sheet(sheetName);
    if (!sheet?.protected) return true;
    const cell = sheet.cells.get(address);
    if (cell?.locked === false) return true;
    this.options.notify(this.options.strings.protectedCell(`${sheetName}!${address}`));
    return false;
  }

  /** Opens the editor over a cell (a merged area's top-left cell) of the shown sheet. */
  startEdit(address: string): void {
    const sheetName = this.renderedSheet;
    const sheet = sheetName ? this.workbook.sheet(sheetName) : undefined;
    if (!sheet || !sheetName) return;
    const area = mergeContaining(sheet, address);
    const target = area ? toA1(area.start.row, area.start.col) : address;
    if (this.selectedCell !== target) this.workbook.select(sheetName, target);
    if (!this.editable(sheetName, target)) return;
    const td = this.table?.querySelector<HTMLTableCellElement>(`td[data-cell="${target}"]`);
    if (!td) return;
    const initial = editText(sheet.cells.get(target));
    this.editing = { sheet: sheetName, cell: target, initial };
    const box = this.scroller.getBoundingClientRect();
    const cell = td.getBoundingClientRect();
    const editor = this.editor;
    editor.style.left = `${cell.left - box.left + this.scroller.scrollLeft}px`;
    editor.style.top = `${cell.top - box.top + this.scroller.scrollTop}px`;
    editor.style.minWidth = `${Math.max(cell.width, 80)}px`;
    editor.style.width = `${Math.max(cell.width, 80)}px`;
    editor.style.minHeight = `${cell.height}px`;
    editor.setAttribute("aria-label", this.options.strings.editorLabel(`${sheetName}!${target}`));
    editor.value = initial;
    editor.hidden = false;
    editor.dataset.cell = target;
    this.fitEditor();
    editor.focus();
    editor.selectionStart = editor.selectionEnd = initial.length;
  }

  private fitEditor(): void {
    const editor = this.editor;
    editor.style.height = "auto";
    editor.style.height = `${Math.min(editor.scrollHeight + 2, 240)}px`;
  }

  /** Confirms the open edit, if any (only a changed text is reported). */
  commitEdit(): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    const text = this.editor.value;
    this.editor.hidden = true;
    this.composing = false;
    if (text !== editing.initial) this.options.onEdit(editing.sheet, editing.cell, text);
  }

  cancelEdit(): void {
    this.editing = null;
    this.composing = false;
    this.editor.hidden = true;
  }

  /** Moves the selection like Excel's arrow keys: over hidden rows, onto merged areas' top-left. */
  private move(dRow: number, dCol: number): void {
    const sheetName = this.renderedSheet;
    const sheet = sheetName ? this.workbook.sheet(sheetName) : undefined;
    if (!sheet || !sheetName) return;
    const current = this.selectedCell ?? "A1";
    const position = parseA1(current)!;
    const area = mergeContaining(sheet, current);
    let row = dRow > 0 && area ? area.end.row : position.row;
    let col = dCol > 0 && area ? area.end.col : position.col;
    row += dRow;
    col += dCol;
    while (dRow !== 0 && row >= 0 && sheet.hiddenRows.has(row + 1)) row += dRow;
    row = Math.max(0, Math.min(row, MAX_RENDER_ROWS - 1));
    col = Math.max(0, Math.min(col, MAX_RENDER_COLS - 1));
    let target = toA1(row, col);
    const landing = mergeContaining(sheet, target);
    if (landing) target = toA1(landing.start.row, landing.start.col);
    this.workbook.select(sheetName, target);
  }
}
