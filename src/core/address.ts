/** A1 addresses <-> 0-based row/column indices. Linear, allocation-light: used in hot paths. */

export interface CellPosition {
  row: number; // 0-based
  col: number; // 0-based
}

const COLUMN_NAMES: string[] = [];

export function columnName(col: number): string {
  // Addresses are built for every field the reader reads: the names of the first columns are kept.
  if (col >= 0 && col < 1024 && Number.isInteger(col)) return (COLUMN_NAMES[col] ??= spellColumn(col));
  return spellColumn(col);
}

function spellColumn(col: number): string {
  let name = "";
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

// Addresses already spelled, by column then row: every sheet of a report has the same layout, so
// the reader's fields share a few hundred strings instead of making one per field.
const ADDRESSES: string[][] = [];
const CACHED_COLUMNS = 64;
const CACHED_ROWS = 4096;

export function toA1(row: number, col: number): string {
  if (col >= 0 && col < CACHED_COLUMNS && row >= 0 && row < CACHED_ROWS && Number.isInteger(row) && Number.isInteger(col)) {
    const column = (ADDRESSES[col] ??= []);
    return (column[row] ??= columnName(col) + String(row + 1));
  }
  return columnName(col) + String(row + 1);
}

/**
 * Parses "B23" or "$B$23" (no sheet part), with surrounding white space; null for anything else.
 * The grammar is /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/, scanned by hand: no match arrays, no
 * upper-casing, no trimmed copy unless there is white space to trim.
 */
export function parseA1(address: string): CellPosition | null {
  let text = address;
  if (text.length === 0) return null;
  const head = text.charCodeAt(0);
  const tail = text.charCodeAt(text.length - 1);
  if (head <= 0x20 || tail <= 0x20 || head >= 0x7f || tail >= 0x7f) text = text.trim();
  const cell = scanA1(text, 0, text.length);
  return cell < 0 ? null : { row: Math.floor(cell / COLUMN_SPAN), col: cell % COLUMN_SPAN };
}

/** Columns fit below this (ZZZ is 18277): a cell scans to row × COLUMN_SPAN + col, one number. */
const COLUMN_SPAN = 32768;

/** text[from, to) as an A1 address without white space: row × COLUMN_SPAN + col (0-based), or -1. */
function scanA1(text: string, from: number, to: number): number {
  let i = from;
  if (i < to && text.charCodeAt(i) === 0x24) i++; // $
  let col = 0;
  const lettersStart = i;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20; // a-z -> A-Z
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 64);
    i++;
  }
  const letters = i - lettersStart;
  if (letters < 1 || letters > 3) return -1;
  if (i < to && text.charCodeAt(i) === 0x24) i++; // $
  let row = 0;
  const digitsStart = i;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    row = row * 10 + (c - 0x30);
    i++;
  }
  const digits = i - digitsStart;
  if (digits < 1 || digits > 7 || i !== to || row < 1) return -1;
  return (row - 1) * COLUMN_SPAN + (col - 1);
}

/** The corners of a range as four numbers (0-based, inclusive). */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * parseRange's answer as one object of four numbers: "A1:G1", "$B$3:$B$4", "Sheet!A1:B2" or a
 * single cell; null when malformed. Used where many ranges are read (every merge of a sheet).
 */
export function parseArea(range: string): Area | null {
  const bang = range.lastIndexOf("!");
  let from = bang + 1;
  let to = range.length;
  // As parseA1 does, each address may carry white space around it.
  const colon = range.indexOf(":", from);
  const firstEnd = colon < 0 ? to : colon;
  const a = scanTrimmed(range, from, firstEnd);
  if (a < 0) return null;
  let b = a;
  if (colon >= 0) {
    from = colon + 1;
    const next = range.indexOf(":", from);
    if (next >= 0) to = next;
    b = scanTrimmed(range, from, to);
    if (b < 0) return null;
  }
  const ar = Math.floor(a / COLUMN_SPAN);
  const ac = a % COLUMN_SPAN;
  const br = Math.floor(b / COLUMN_SPAN);
  const bc = b % COLUMN_SPAN;
  return { top: Math.min(ar, br), left: Math.min(ac, bc), bottom: Math.max(ar, br), right: Math.max(ac, bc) };
}

function scanTrimmed(text: string, from: number, to: number): number {
  const head = from < to ? text.charCodeAt(from) : 0;
  const tail = from < to ? text.charCodeAt(to - 1) : 0;
  if (head <= 0x20 || tail <= 0x20 || head >= 0x7f || tail >= 0x7f) {
    const trimmed = text.slice(from, to).trim();
    return scanA1(trimmed, 0, trimmed.length);
  }
  return scanA1(text, from, to);
}

export interface RangePosition {
  start: CellPosition;
  end: CellPosition;
}

/** Parses "A1:G1" (or a single cell) into its corners; null when malformed. */
export function parseRange(range: string): RangePosition | null {
  const bang = range.lastIndexOf("!");
  const bare = bang >= 0 ? range.slice(bang + 1) : range;
  // As bare.split(":")[0] and [1]: anything after a second colon is ignored.
  const colon = bare.indexOf(":");
  const start = parseA1(colon < 0 ? bare : bare.slice(0, colon));
  let end = start;
  if (colon >= 0) {
    const next = bare.indexOf(":", colon + 1);
    end = parseA1(next < 0 ? bare.slice(colon + 1) : bare.slice(colon + 1, next));
  }
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

/** "sheet!cell" without quotes: the key a cell is known by in maps and sets (never shown). */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet}!${cell}`;
}

/** "事業1!G18" as a person reads it; a sheet name with spaces or punctuation is quoted as Excel does ('My sheet'!A1). */
export function cellLocation(sheet: string, cell: string): string {
  const plain = /^[^\s!'"()\-+,;:&%=<>[\]{}]+$/u.test(sheet);
  return plain ? `${sheet}!${cell}` : `'${sheet.replace(/'/g, "''")}'!${cell}`;
}
