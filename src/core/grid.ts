import { parseA1, parseRange, toA1 } from "./address";
import type { CellField } from "./model";
import type { Scalar, SheetData } from "./workbook";

export interface MergeArea {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

/**
 * Random access to one sheet by absolute 0-based row/column, over the dense arrays of SheetData.
 * Cells outside the used range read as empty.
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
  /** Cells inside a merged area other than its top-left: they read as empty, whatever the source repeats there. */
  private readonly covered = new Set<number>();

  constructor(sheet: SheetData) {
    this.name = sheet.name;
    this.data = sheet;
    const origin = sheet.origin ? parseA1(sheet.origin) : null;
    this.rowStart = origin?.row ?? 0;
    this.colStart = origin?.col ?? 0;
    let width = 0;
    for (const row of sheet.values) if (row && row.length > width) width = row.length;
    this.rowEnd = this.rowStart + sheet.values.length;
    this.colEnd = this.colStart + width;
    for (const range of sheet.merges ?? []) {
      const area = parseRange(range);
      if (!area) continue;
      const merge = { startRow: area.start.row, startCol: area.start.col, endRow: area.end.row, endCol: area.end.col };
      // Only the top-left cell is indexed: it is where the value lives and where the reader looks.
      this.merges.set(key(merge.startRow, merge.startCol), merge);
      for (let r = merge.startRow; r <= merge.endRow; r++) {
        for (let c = merge.startCol; c <= merge.endCol; c++) {
          if (r !== merge.startRow || c !== merge.startCol) this.covered.add(key(r, c));
        }
      }
    }
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
      for (let c = 0; c < line.length; c++) {
        const v = line[c];
        if (typeof v !== "string" || v === "") continue;
        const row = r + this.rowStart;
        const col = c + this.colStart;
        if (this.covered.size > 0 && this.covered.has(key(row, col))) continue;
        visit(row, col, v);
      }
    }
  }

  value(row: number, col: number): Scalar {
    const r = row - this.rowStart;
    const c = col - this.colStart;
    if (r < 0 || c < 0) return null;
    const v = this.data.values[r]?.[c];
    if (v === undefined || v === null || v === "") return null;
    if (this.covered.size > 0 && this.covered.has(key(row, col))) return null;
    return v;
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
