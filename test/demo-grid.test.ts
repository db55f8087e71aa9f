/**
 * @jest-environment jsdom
 *
 * The demo's grid over a DemoWorkbook: what it draws (letters, numbers, merges, hidden rows, fills,
 * formats, the selection), how it follows the workbook's events, and editing (IME-safe Enter).
 */
import { GridView, gridExtent, isImeComposing } from "../src/demo/grid";
import { demoStrings } from "../src/demo/i18n";
import { DemoWorkbook, emptySheet, type DemoSheet } from "../src/demo/workbook-model";

function sheets(): DemoSheet[] {
  const summary = emptySheet("活用状況");
  summary.cells.set("A1", { value: "デジタル実装タイプの活用状況" });
  summary.cells.set("A3", { value: "事業名", fill: "#DDEBF7" });
  summary.cells.set("F5", { value: 2136200, numberFormat: '#,##0"円"' });
  summary.cells.set("G5", { value: 0.5, numberFormat: "0%" });
  summary.cells.set("F10", { value: 2136200, formula: "=SUM(F5:F9)", numberFormat: '#,##0"円"' });
  summary.merges = ["A1:G1", "A3:A4"];
  summary.hiddenRows = new Set([7, 8]);
  summary.columnWidths = new Map([
    [0, 243],
    [2, 0],
  ]);
  const kpi = emptySheet("事業1");
  kpi.cells.set("G18", { value: "達成" });
  kpi.cells.set("E18", { value: 5000 });
  const locked = emptySheet("保護");
  locked.protected = true;
  locked.cells.set("A1", { value: "固定" });
  locked.cells.set("B1", { value: "入力欄", locked: false });
  return [summary, kpi, locked];
}

function setUp() {
  document.body.innerHTML = '<div id="grid"></div>';
  const workbook = DemoWorkbook.fromSheets(sheets());
  const edits: [string, string, string][] = [];
  const notices: string[] = [];
  const view = new GridView(document.getElementById("grid")!, workbook, {
    strings: demoStrings("ja"),
    onEdit: (sheet, cell, text) => {
      edits.push([sheet, cell, text]);
      workbook.setCells([{ sheet, cell, content: { value: text } }], "user");
    },
    notify: (text) => notices.push(text),
  });
  const td = (cell: string) => document.querySelector<HTMLTableCellElement>(`#grid td[data-cell="${cell}"]`);
  const editor = () => document.querySelector<HTMLTextAreaElement>("#grid .cell-editor")!;
  return { workbook, view, edits, notices, td, editor };
}

function key(target: Element, init: KeyboardEventInit & { keyCode?: number }): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(event, "keyCode", { value: init.keyCode });
  target.dispatchEvent(event);
  return event;
}

describe("GridView: drawing", () => {
  it("draws column letters, row numbers, merges, hidden rows, fills and formatted values", () => {
    const { td } = setUp();
    const letters = Array.from(document.querySelectorAll("#grid thead th.col-head")).map((th) => th.textContent);
    expect(letters.slice(0, 8)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(document.querySelector("#grid th.row-head")?.textContent).toBe("1");
    expect(td("A1")?.colSpan).toBe(7);
    expect(td("B1")).toBeNull();
    expect(td("A3")?.rowSpan).toBe(2);
    expect(td("A4")).toBeNull();
    expect(td("A3")?.style.backgroundColor).toBe("rgb(221, 235, 247)");
    expect(td("F5")?.textContent).toBe("2,136,200円");
    expect(td("F5")?.classList.contains("num")).toBe(true);
    expect(td("G5")?.textContent).toBe("50%");
    expect(td("F10")?.textContent).toBe("2,136,200円");
    const hidden = Array.from(document.querySelectorAll("#grid tr.row-hidden")).map((tr) => (tr as HTMLElement).dataset.row);
    expect(hidden).toEqual(["7", "8"]);
    expect(document.querySelector('#grid th.row-head[data-row="7"]')?.getAttribute("title")).toBe("7 行目は非表示です");
    const after = document.querySelector<HTMLElement>('#grid tr[data-row="9"]')!;
    expect(after.classList.contains("after-hidden")).toBe(true);
    expect(after.querySelector("th")?.getAttribute("title")).toBe("7〜8 行目は非表示です");
    const cols = Array.from(document.querySelectorAll("#grid col")).map((col) => (col as HTMLElement).style.width);
    expect(cols.slice(1, 4)).toEqual(["243px", "64px", "4px"]);
    const tabs = Array.from(document.querySelectorAll("#grid .sheet-tab")).map((tab) => [
      tab.textContent,
      tab.getAttribute("aria-selected"),
    ]);
    expect(tabs).toEqual([
      ["活用状況", "true"],
      ["事業1", "false"],
      ["保護", "false"],
    ]);
  });

  it("sizes the grid to the content plus a margin, within limits", () => {
    const workbook = DemoWorkbook.fromSheets(sheets());
    expect(gridExtent(workbook, workbook.sheet("活用状況")!)).toEqual({ rows: 20, cols: 8, truncated: false });
    workbook.setCells([{ sheet: "活用状況", cell: "AZ5000", content: { value: 1 } }], "user");
    expect(gridExtent(workbook, workbook.sheet("活用状況")!)).toEqual({ rows: 1000, cols: 52, truncated: true });
  });
});

describe("GridView: following the workbook", () => {
  it("shows the selection's sheet and outlines the cell (a merge by its top-left cell)", () => {
    const { workbook, td } = setUp();
    workbook.select("事業1", "G18");
    expect(document.querySelector("#grid table")?.getAttribute("data-sheet")).toBe("事業1");
    expect(td("G18")?.classList.contains("is-selected")).toBe(true);
    expect(document.querySelector('#grid th.col-head[data-col="G"]')?.classList.contains("is-active")).toBe(true);
    expect(document.querySelector('#grid th.row-head[data-row="18"]')?.classList.contains("is-active")).toBe(true);
    expect(document.querySelector("#grid .name-box")?.textContent).toBe("G18");
    expect(document.querySelector("#grid .formula-text")?.textContent).toBe("達成");
    workbook.select("活用状況", "C1");
    expect(td("A1")?.classList.contains("is-selected")).toBe(true);
    expect(document.querySelectorAll("#grid .is-selected")).toHaveLength(1);
  });

  it("redraws written cells, other sheets' tabs on a click, and a replaced workbook", () => {
    const { workbook, td } = setUp();
    workbook.setCells(
      [{ sheet: "活用状況", cell: "G5", content: { value: 1068100, numberFormat: '#,##0"円"', fill: "#FFC7CE" } }],
      "addin",
    );
    expect(td("G5")?.textContent).toBe("1,068,100円");
    expect(td("G5")?.style.backgroundColor).toBe("rgb(255, 199, 206)");
    document.querySelector<HTMLButtonElement>('#grid .sheet-tab[data-sheet="事業1"]')!.click();
    expect(workbook.activeSheet).toBe("事業1");
    expect(td("E18")?.textContent).toBe("5000");
    const other = emptySheet("Sheet1");
    other.cells.set("A1", { value: "別のブック" });
    workbook.replace([other]);
    expect(td("A1")?.textContent).toBe("別のブック");
    expect(document.querySelectorAll("#grid .sheet-tab")).toHaveLength(1);
  });

  it("selects a clicked cell and moves with the arrow keys over hidden rows", () => {
    const { workbook, td } = setUp();
    td("F6")!.click();
    expect(workbook.selection).toEqual({ sheet: "活用状況", cell: "F6" });
    const scroller = document.querySelector("#grid .grid-scroll")!;
    key(scroller, { key: "ArrowDown" });
    expect(workbook.selection).toEqual({ sheet: "活用状況", cell: "F9" });
    key(scroller, { key: "ArrowUp" });
    key(scroller, { key: "ArrowUp" });
    expect(workbook.selection?.cell).toBe("F5");
  });
});

describe("GridView: editing", () => {
  it("opens an editor on double-click, ignores the IME's Enter, confirms on Enter", () => {
    const { td, editor, edits, workbook } = setUp();
    td("F5")!.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    expect(editor().hidden).toBe(false);
    expect(editor().value).toBe("2136200");
    editor().dispatchEvent(new CompositionEvent("compositionstart"));
    editor().value = "みたっせい";
    key(editor(), { key: "Enter", isComposing: true });
    key(editor(), { key: "Enter", keyCode: 229 });
    expect(editor().hidden).toBe(false);
    expect(edits).toEqual([]);
    editor().value = "未達成";
    editor().dispatchEvent(new CompositionEvent("compositionend"));
    // Safari: the confirming Enter arrives after compositionend, with keyCode 229.
    key(editor(), { key: "Enter", keyCode: 229 });
    expect(edits).toEqual([]);
    const event = key(editor(), { key: "Enter" });
    expect(event.defaultPrevented).toBe(true);
    expect(edits).toEqual([["活用状況", "F5", "未達成"]]);
    expect(editor().hidden).toBe(true);
    expect(td("F5")?.textContent).toBe("未達成");
    expect(workbook.selection?.cell).toBe("F6");
  });

  it("cancels on Escape, reports nothing when the text did not change, edits a merge's top-left", () => {
    const { td, editor, edits, view } = setUp();
    td("G5")!.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    editor().value = "99%";
    key(editor(), { key: "Escape" });
    expect(editor().hidden).toBe(true);
    view.startEdit("F10");
    expect(editor().value).toBe("=SUM(F5:F9)");
    key(editor(), { key: "Enter" });
    view.startEdit("B1");
    expect(editor().dataset.cell).toBe("A1");
    editor().value = "見出し";
    view.commitEdit();
    expect(edits).toEqual([["活用状況", "A1", "見出し"]]);
  });

  it("refuses locked cells of a protected sheet, allows unlocked ones", () => {
    const { workbook, editor, notices, view } = setUp();
    workbook.activate("保護");
    view.startEdit("A1");
    expect(editor().hidden).toBe(true);
    expect(notices).toEqual(["保護!A1 は保護されたシートのロックされたセルです。変更できません。"]);
    view.startEdit("B1");
    expect(editor().hidden).toBe(false);
  });

  it("knows an IME keydown", () => {
    expect(isImeComposing(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(true);
    expect(isImeComposing(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(false);
  });
});
