/** A1 addresses <-> 0-based row/column indices. Linear, allocation-light: used in hot paths. */

export interface CellPosition {
  row: number; // 0-based
  col: number; // 0-based
}

export function columnName(col: number): string {
  let name = "";
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function toA1(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

const A1_PATTERN = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses "B23" or "$B$23" (no sheet part). Returns null for anything else. */
export function parseA1(address: string): CellPosition | null {
  const match = A1_PATTERN.exec(address.trim());
  if (!match) return null;
  let col = 0;
  const letters = match[1].toUpperCase();
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  const row = Number(match[2]);
  if (row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

export interface RangePosition {
  start: CellPosition;
  end: CellPosition;
}

/** Parses "A1:G1" (or a single cell) into its corners; null when malformed. */
export function parseRange(range: string): RangePosition | null {
  const bare = range.includes("!") ? range.slice(range.lastIndexOf("!") + 1) : range;
  const [a, b] = bare.split(":");
  const start = parseA1(a);
  const end = b === undefined ? start : parseA1(b);
  if (!start || !end) return null;
  return {
    start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}

/** Removes `$` signs and a sheet prefix: "'事業1'!$B$23" -> "B23". */
export function bareAddress(address: string): string {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  return bare.replace(/\$/g, "");
}
