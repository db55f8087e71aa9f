import { parseA1, parseArea, toA1 } from "./address";
import type { CellField } from "./model";
import type { Scalar, SheetData } from "./workbook";

export interface MergeArea {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

/** Excel's last column is XFD: nothing past it is a cell (and every address stays 1–3 letters). */
const MAX_COLUMNS = 16384;

/**
 * Random access to one sheet by absolute 0-based row/column, over the dense arrays of SheetData.
 * Cells outside the used range read as empty.
 *
 * Every CellField it makes fits the model's schema (model.ts) by construction: the reader relies
 * on that instead of checking each model with zod. A value is a string, a finite number, a
 * boolean or null: whatever else a caller's arrays hold despite their type reads as its text
 * (a non-finite number as Excel's #NUM!).
 */
export class SheetGrid {
  readonly name: string;
  readonly rowStart: number;
  readonly colStart: number;
  /** One past the last absolute row / column that holds data. */
  readonly rowEnd: number;
  readonly colEnd: number;
  private readonly data: SheetData;
  private readonly merges = new Map<number, MergeArea>();
  /**
   * Cells inside a merged area other than its top-left: they read as empty, whatever the source
   * repeats there. One byte per cell of the data's extent (cells outside it read as empty
   * anyway), or null when the sheet has no merges.
   */
  private readonly covered: Uint8Array | null = null;
  private readonly width: number;

  constructor(sheet: SheetData) {
    this.name = String(sheet.name);
    this.data = sheet;
    const origin = sheet.origin ? parseA1(sheet.origin) : null;
    this.rowStart = origin?.row ?? 0;
    this.colStart = origin?.col ?? 0;
    let width = 0;
    for (const row of sheet.values) if (row && row.length > width) width = row.length;
    this.rowEnd = this.rowStart + sheet.values.length;
    this.colEnd = this.colStart + width;
    this.width = width;
    const height = sheet.values.length;
    for (const range of sheet.merges ?? []) {
      const area = parseArea(range);
      if (!area || area.right >= MAX_COLUMNS) continue;
      const merge = { startRow: area.top, startCol: area.left, endRow: area.bottom, endCol: area.right };
      // Only the top-left cell is indexed: it is where the value lives and where the reader looks.
      this.merges.set(key(merge.startRow, merge.startCol), merge);
      // Marked within the data's extent only: a merge over whole rows or columns costs no more.
      const top = Math.max(merge.startRow - this.rowStart, 0);
      const bottom = Math.min(merge.endRow - this.rowStart, height - 1);
      const left = Math.max(merge.startCol - this.colStart, 0);
      const right = Math.min(merge.endCol - this.colStart, width - 1);
      if (top > bottom || left > right) continue;
      this.covered ??= new Uint8Array(height * width);
      const startR = merge.startRow - this.rowStart;
      const startC = merge.startCol - this.colStart;
      for (let r = top; r <= bottom; r++) {
        for (let c = left; c <= right; c++) {
          if (r !== startR || c !== startC) this.covered[r * width + c] = 1;
        }
      }
    }
  }

  /** True for a cell inside a merged area other than its top-left (row / column relative to the data). */
  private isCovered(r: number, c: number): boolean {
    return this.covered !== null && c < this.width && r * this.width + c < this.covered.length && this.covered[r * this.width + c] === 1;
  }

  /**
   * Visits every string cell (absolute row/column) that is not hidden under a merge: one pass
   * over the raw arrays, for the reader's label scan.
   */
  forEachString(visit: (row: number, col: number, text: string) => void): void {
    const rows = this.data.values;
    for (let r = 0; r < rows.length; r++) {
      const line = rows[r];
      if (!line) continue;
      const width = Math.min(line.length, MAX_COLUMNS - this.colStart);
      for (let c = 0; c < width; c++) {
        const v = line[c];
        if (typeof v !== "string" || v === "") continue;
        if (this.covered !== null && this.covered[r * this.width + c] === 1) continue;
        visit(r + this.rowStart, c + this.colStart, v);
      }
    }
  }

  value(row: number, col: number): Scalar {
    const r = row - this.rowStart;
    const c = col - this.colStart;
    if (r < 0 || c < 0 || col >= MAX_COLUMNS) return null;
    const v = this.data.values[r]?.[c];
    if (v === undefined || v === null || v === "") return null;
    if (this.isCovered(r, c)) return null;
    if (typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
    return String(v);
  }

  formula(row: number, col: number): string | null {
    const f = this.data.formulas?.[row - this.rowStart]?.[col - this.colStart];
    return typeof f === "string" && f.startsWith("=") ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    const f = this.data.numberFormats?.[row - this.rowStart]?.[col - this.colStart];
    return typeof f === "string" && f !== "" ? f : null;
  }

  /** The merged area whose top-left cell this is, if any. */
  mergeAt(row: number, col: number): MergeArea | undefined {
    return this.merges.get(key(row, col));
  }

  /** The first column right of this cell, past its merged area. */
  nextColumn(row: number, col: number): number {
    const merge = this.mergeAt(row, col);
    return (merge ? merge.endCol : col) + 1;
  }

  field(row: number, col: number): CellField {
    return {
      sheet: this.name,
      cell: toA1(row, col),
      value: this.value(row, col),
      formula: this.formula(row, col),
      numberFormat: this.numberFormat(row, col),
    };
  }
}

function key(row: number, col: number): number {
  return row * 16384 + col;
}
