/**
 * The workbook the browser demo holds: what its grid shows, what its Excel API emulation reads
 * and writes. Plain cells by A1 address; every change is recorded (by whom) so the page can
 * re-render, count what changed, and write the changes back into the .xlsx on download.
 */
import { parseA1, parseRange, toA1 } from "../core/address";
import type { Scalar, SheetData, WorkbookData } from "../core/workbook";

export interface DemoCell {
  value: Scalar;
  formula?: string | null;
  numberFormat?: string | null;
  /** Fill colour "#RRGGBB", or null for no fill. */
  fill?: string | null;
  /** Excel's default is locked; only matters on a protected sheet. */
  locked?: boolean;
}

export interface DemoSheet {
  name: string;
  cells: Map<string, DemoCell>;
  merges: string[];
  /** 1-based row numbers. */
  hiddenRows: Set<number>;
  protected: boolean;
  /** Column widths in pixels by 0-based column, where the file says. */
  columnWidths: Map<number, number>;
}

export type ChangeSource = "addin" | "user" | "load";

export interface CellChange {
  sheet: string;
  cell: string;
  before: DemoCell | undefined;
  after: DemoCell | undefined;
  source: ChangeSource;
}

export type WorkbookEvent =
  | { type: "cells"; changes: CellChange[] }
  | { type: "selection"; sheet: string; cell: string }
  | { type: "active-sheet"; sheet: string }
  | { type: "sync"; count: number }
  | { type: "replaced" };

export class DemoWorkbook {
  sheets: DemoSheet[] = [];
  activeSheet = "";
  selection: { sheet: string; cell: string } | null = null;
  /** context.sync() round trips the emulated Excel API served. */
  syncs = 0;
  /** Every cell change since load, in order. */
  readonly history: CellChange[] = [];
  private listeners = new Set<(event: WorkbookEvent) => void>();

  static fromSheets(sheets: DemoSheet[]): DemoWorkbook {
    const workbook = new DemoWorkbook();
    workbook.replace(sheets);
    return workbook;
  }

  /** Loads other content (a file the user opened) into this same object. */
  replace(sheets: DemoSheet[]): void {
    this.sheets = sheets;
    this.activeSheet = sheets[0]?.name ?? "";
    this.selection = null;
    this.history.length = 0;
    this.emit({ type: "replaced" });
  }

  on(listener: (event: WorkbookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkbookEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  sheet(name: string): DemoSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheet: string, address: string): DemoCell | undefined {
    return this.sheet(sheet)?.cells.get(address);
  }

  /** Writes cells and tells listeners once. A cell set to an empty value with no fill is removed. */
  setCells(edits: { sheet: string; cell: string; content: Partial<DemoCell> }[], source: ChangeSource): CellChange[] {
    const changes: CellChange[] = [];
    for (const edit of edits) {
      const sheet = this.sheet(edit.sheet);
      if (!sheet) throw new Error(`no sheet ${edit.sheet}`);
      const before = sheet.cells.get(edit.cell);
      const after: DemoCell = { ...(before ?? { value: null }), ...edit.content };
      // An unlocked cell keeps its entry even when empty: dropping it would lock it again.
      const empty =
        (after.value === null || after.value === "") && !after.formula && !after.fill && !after.numberFormat && after.locked !== false;
      if (empty) sheet.cells.delete(edit.cell);
      else sheet.cells.set(edit.cell, after);
      changes.push({ sheet: edit.sheet, cell: edit.cell, before, after: empty ? undefined : after, source });
    }
    this.history.push(...changes);
    if (changes.length > 0) this.emit({ type: "cells", changes });
    return changes;
  }

  select(sheet: string, cell: string): void {
    this.selection = { sheet, cell };
    this.activeSheet = sheet;
    this.emit({ type: "selection", sheet, cell });
  }

  activate(sheet: string): void {
    this.activeSheet = sheet;
    this.emit({ type: "active-sheet", sheet });
  }

  countSync(): void {
    this.syncs++;
    this.emit({ type: "sync", count: this.syncs });
  }

  /** The sheet's used range: the smallest rectangle holding every cell with a value or formula. */
  usedRange(name: string, valuesOnly = true): { start: { row: number; col: number }; end: { row: number; col: number } } | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [address, cell] of sheet.cells) {
      const hasValue = (cell.value !== null && cell.value !== "") || !!cell.formula;
      if (valuesOnly && !hasValue) continue;
      const p = parseA1(address)!;
      top = Math.min(top, p.row);
      left = Math.min(left, p.col);
      bottom = Math.max(bottom, p.row);
      right = Math.max(right, p.col);
    }
    if (bottom < 0) return null;
    return { start: { row: top, col: left }, end: { row: bottom, col: right } };
  }

  /** The core's view of the workbook (what the CLI would read from the same file). */
  toWorkbookData(): WorkbookData {
    return { sheets: this.sheets.map((s) => sheetData(this, s)) };
  }
}

function sheetData(workbook: DemoWorkbook, sheet: DemoSheet): SheetData {
  const used = workbook.usedRange(sheet.name);
  if (!used) return { name: sheet.name, values: [], merges: sheet.merges, hiddenRows: [...sheet.hiddenRows] };
  const values: Scalar[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = used.start.row; r <= used.end.row; r++) {
    const v: Scalar[] = [];
    const f: (string | null)[] = [];
    const n: (string | null)[] = [];
    for (let c = used.start.col; c <= used.end.col; c++) {
      const cell = sheet.cells.get(toA1(r, c));
      v.push(cell?.value ?? null);
      f.push(cell?.formula ?? null);
      n.push(cell?.numberFormat ?? null);
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(n);
  }
  return {
    name: sheet.name,
    origin: toA1(used.start.row, used.start.col),
    values,
    formulas,
    numberFormats,
    merges: sheet.merges,
    hiddenRows: [...sheet.hiddenRows],
  };
}

/** The merged area a cell belongs to, if any. */
export function mergeContaining(
  sheet: DemoSheet,
  address: string,
): { start: { row: number; col: number }; end: { row: number; col: number } } | null {
  const p = parseA1(address);
  if (!p) return null;
  for (const m of sheet.merges) {
    const area = parseRange(m);
    if (area && p.row >= area.start.row && p.row <= area.end.row && p.col >= area.start.col && p.col <= area.end.col) return area;
  }
  return null;
}

export function emptySheet(name: string): DemoSheet {
  return { name, cells: new Map(), merges: [], hiddenRows: new Set(), protected: false, columnWidths: new Map() };
}
