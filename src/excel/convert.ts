/**
 * Pure conversions between what Office.js hands back (Range.values / formulas / numberFormat,
 * addresses) and the core's plain data. No Office.js here, so everything is testable in Node.
 */
import { bareAddress, parseA1, parseRange, toA1 } from "../core/address";
import type { CellContent, Scalar, SheetData } from "../core";

/** What one `range.load("address, values, formulas, numberFormat")` returns. */
export interface RangeSnapshot {
  address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

/** "'事業 1'!$B$2:$H$40" -> "B2" (the top-left cell, no sheet, no `$`). */
export function originOf(address: string): string {
  const bare = bareAddress(address);
  const first = bare.split(":")[0].toUpperCase();
  return parseA1(first) ? first : "A1";
}

/**
 * Splits a RangeAreas address ("Sheet1!A1:B2, 'a, b'!C3:D4") into bare ranges ("A1:B2", "C3:D4").
 * Commas inside a quoted sheet name do not split.
 */
export function splitAreas(address: string | null | undefined): string[] {
  if (!address) return [];
  const parts: string[] = [];
  let quoted = false;
  let current = "";
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted; // '' inside a name toggles twice: still quoted
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const areas: string[] = [];
  for (const part of parts) {
    const bare = bareAddress(part.trim()).toUpperCase();
    if (bare && parseRange(bare)) areas.push(bare);
  }
  return areas;
}

/** A value as Excel gives it: numbers, text (errors as "#N/A"), booleans; "" stays "" (empty). */
export function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * The formula of a cell from `Range.formulas`: text starting with "=" is a formula, anything else
 * (a constant) is null. A text constant that itself starts with "=" (typed as '=… or written by
 * writeInput below) comes back in `formulas` equal to its value, and is not a formula.
 */
export function formulaOf(formula: unknown, value: unknown): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=")) return null;
  if (typeof value === "string" && value === formula) return null;
  return formula;
}

/** Excel reports unformatted cells as "General"; the core (like the .xlsx reader) calls that null. */
export function numberFormatOf(format: unknown): string | null {
  if (typeof format !== "string" || format === "" || format === "General") return null;
  return format;
}

/** One cell's content as the core compares it (holdsExpected): "" -> null, "General" -> null. */
export function contentOf(value: unknown, formula: unknown, numberFormat: unknown): CellContent {
  const scalar = toScalar(value);
  return {
    value: scalar === "" ? null : scalar,
    formula: formulaOf(formula, value),
    numberFormat: numberFormatOf(numberFormat),
  };
}

/** A whole used range -> SheetData, dense from its top-left cell. */
export function sheetFromRange(name: string, range: RangeSnapshot, extras: { merges?: string[]; hiddenRows?: number[] } = {}): SheetData {
  const values = range.values.map((row) => row.map(toScalar));
  const formulas = range.values.map((row, r) => row.map((value, c) => formulaOf(range.formulas[r]?.[c], value)));
  const numberFormats = range.values.map((row, r) => row.map((_, c) => numberFormatOf(range.numberFormat[r]?.[c])));
  return {
    name,
    origin: originOf(range.address),
    values,
    formulas,
    numberFormats,
    merges: extras.merges ?? [],
    hiddenRows: extras.hiddenRows ?? [],
  };
}

/** A sheet with nothing in it. */
export function emptySheet(name: string): SheetData {
  return { name, origin: "A1", values: [], formulas: [], numberFormats: [], merges: [], hiddenRows: [] };
}

/**
 * Hidden rows of a used range from the cell addresses of its first column's visible view
 * (RangeView.cellAddresses): every row of the range that is not listed is hidden. 1-based.
 */
export function hiddenRowsOf(usedAddress: string, visibleCellAddresses: unknown[][] | null | undefined): number[] {
  const range = parseRange(bareAddress(usedAddress));
  if (!range || !visibleCellAddresses) return [];
  const visible = new Set<number>();
  for (const row of visibleCellAddresses) {
    for (const address of row ?? []) {
      if (typeof address !== "string") continue;
      const cell = parseA1(bareAddress(address).split(":")[0]);
      if (cell) visible.add(cell.row);
    }
  }
  const hidden: number[] = [];
  for (let r = range.start.row; r <= range.end.row; r++) if (!visible.has(r)) hidden.push(r + 1);
  return hidden;
}

/**
 * True when Excel, given this text through `Range.values`, could store something other than the
 * text itself: a formula (= + - @), a number, date, time, percentage or currency (anything with a
 * digit), a boolean, an error literal, or text whose own leading apostrophe Excel would swallow.
 */
export function needsTextPrefix(text: string): boolean {
  if (text === "") return false;
  const trimmed = text.trim();
  if (/^[=+\-@']/.test(text) || /^[=+\-@]/.test(trimmed)) return true;
  if (/[0-9０-９]/.test(text)) return true;
  if (/^(true|false)$/i.test(trimmed)) return true;
  if (trimmed.startsWith("#")) return true;
  return false;
}

/**
 * What to put into `Range.values` so the cell ends up holding exactly `value`:
 * - null -> "" (Office.js reads null in a values array as "leave this cell unchanged");
 * - text Excel might reinterpret -> "'" + text: the apostrophe is Excel's own text prefix, it is
 *   not part of the stored value (values read back without it) and the cell's number format is
 *   left alone (unlike setting "@", which would change the cell's format for good).
 */
export function writeInput(value: Scalar): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "string" && needsTextPrefix(value)) return `'${value}`;
  return value;
}

/** Normalized "B23" for "$b$23"; null when not a single cell. */
export function normalizeCell(cell: string): string | null {
  const position = parseA1(bareAddress(cell));
  return position ? toA1(position.row, position.col) : null;
}

/** True for the Text number format ("@"): Excel stores whatever is entered into such a cell as text. */
export function isTextFormat(format: unknown): boolean {
  return typeof format === "string" && format.trim() === "@";
}

/**
 * A formula as compared after a write: without the "=", spaces and sheet-name quotes, in upper
 * case, all outside "text" literals. Excel hands formulas back in its own spelling (function
 * names upper-cased, its own spacing, sheet names quoted only where needed).
 */
function formulaKey(formula: string): string {
  const body = formula.trim().replace(/^=/, "");
  return body
    .split('"')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\s']/g, "").toUpperCase()))
    .join('"');
}

/** The cell values Excel shows for errors (also ExcelApi's valueTypes "Error"). */
const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

/** One value meant and one read back: numbers at Excel's 15 significant digits, text exactly (line breaks as LF), "" as empty. */
function sameValue(meant: Scalar, actual: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === "";
  if (empty(meant)) return empty(actual);
  if (typeof meant === "number") return typeof actual === "number" && Number(meant.toPrecision(15)) === Number(actual.toPrecision(15));
  if (typeof meant === "string") return typeof actual === "string" && meant.replace(/\r\n?/g, "\n") === actual.replace(/\r\n?/g, "\n");
  return actual === meant;
}

/**
 * True when a cell read back after a write holds what the write meant: for a formula, that formula
 * (see formulaKey) stored as a formula, not as literal text, and its result not an error the write
 * did not expect; for a value, that value and no formula. A number read back as text (or text as
 * a number) does not match: that is exactly what a Text-formatted cell or Excel's input parsing
 * does to a value, and the core reads the two differently.
 */
export function holdsWritten(meant: { value: Scalar; formula?: string }, value: unknown, formula: unknown, valueType?: unknown): boolean {
  const stored = formulaOf(formula, value);
  if (meant.formula) {
    if (!stored || formulaKey(stored) !== formulaKey(meant.formula)) return false;
    const error = valueType === undefined ? typeof value === "string" && ERROR_TEXT.test(value) : valueType === "Error";
    return !error || meant.value === value;
  }
  return stored === null && sameValue(meant.value, value);
}
