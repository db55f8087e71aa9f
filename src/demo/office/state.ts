/**
 * What one context.sync() does to the page's workbook: reads and writes go through an overlay
 * of the cells this batch changed, formulas are recalculated before anything is read back, and
 * at the end every change is handed to the DemoWorkbook in one setCells(…, "addin") call, so
 * the page hears of one sync once. Also Excel's handling of typed input (what `values = [["…"]]`
 * stores) and its A1 addresses with quoted sheet names.
 */
import { parseA1, toA1 } from "../../core/address";
import type { Scalar } from "../../core/workbook";
import type { CellChange, DemoCell, DemoSheet, DemoWorkbook } from "../workbook-model";
import { ERROR_CODES, MESSAGES, OfficeError } from "./errors";
import { computeFormulas, numberFromText, type FormulaCell, type FormulaGrid } from "./formula";

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Cells one load may return; past this Excel fails the response (5 MB in Excel on the web). */
export const MAX_CELLS_PER_READ = 1_000_000;

/** A cell with every field spelled out: value null when empty, format null for General. */
export interface Cell {
  value: Scalar;
  formula: string | null;
  numberFormat: string | null;
  /** "#RRGGBB", null for no fill. */
  fill: string | null;
  /** The fill's pattern when it is not "Solid" (Excel.FillPattern, ExcelApi 1.9); null for a solid fill or none. */
  pattern: string | null;
  /** "#RRGGBB" of the pattern's lines, null where none was set. */
  patternColor: string | null;
  locked: boolean;
}

const EMPTY_CELL: Readonly<Cell> = Object.freeze({
  value: null,
  formula: null,
  numberFormat: null,
  fill: null,
  pattern: null,
  patternColor: null,
  locked: true,
});

/** A page cell as the emulation sees it (no pattern: the page's cells have none; see readCell). */
export function normalizeCell(cell: DemoCell | undefined): Cell {
  if (!cell) return { ...EMPTY_CELL };
  return {
    value: cell.value === "" || cell.value === undefined ? null : cell.value,
    formula: cell.formula ? cell.formula : null,
    numberFormat: cell.numberFormat && cell.numberFormat !== "General" ? cell.numberFormat : null,
    fill: cell.fill ? cell.fill.toUpperCase() : null,
    pattern: null,
    patternColor: null,
    locked: cell.locked !== false,
  };
}

// ---------------------------------------------------------------------------------------------
// What Excel keeps and the page's model does not: fill patterns, protection options

interface FillPattern {
  /** The fill colour the pattern was set on: a page edit that changes the fill drops the pattern. */
  fill: string;
  pattern: string | null;
  patternColor: string | null;
}

/** Fill patterns set through RangeFill.pattern / patternColor, by sheet and cell (the grid draws none). */
const FILL_PATTERNS = new WeakMap<DemoSheet, Map<string, FillPattern>>();

/** A cell as Excel holds it: the page's cell and the fill pattern the emulation keeps beside it. */
export function readCell(sheet: DemoSheet, address: string): Cell {
  const cell = normalizeCell(sheet.cells.get(address));
  const kept = cell.fill ? FILL_PATTERNS.get(sheet)?.get(address) : undefined;
  return kept && kept.fill === cell.fill ? { ...cell, pattern: kept.pattern, patternColor: kept.patternColor } : cell;
}

function keepPattern(sheet: DemoSheet, address: string, cell: Cell): void {
  let patterns = FILL_PATTERNS.get(sheet);
  if (cell.fill && (cell.pattern !== null || cell.patternColor !== null)) {
    if (!patterns) FILL_PATTERNS.set(sheet, (patterns = new Map()));
    patterns.set(address, { fill: cell.fill, pattern: cell.pattern, patternColor: cell.patternColor });
  } else patterns?.delete(address);
}

/**
 * Excel.WorksheetProtectionOptions (ExcelApi 1.2): what a protected sheet still allows.
 * learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions
 */
export interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: string;
}

/** Excel's default protection, and the demo's protected sheets': nothing allowed but selecting cells. */
const DEFAULT_PROTECTION_OPTIONS: Readonly<ProtectionOptions> = Object.freeze({
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: "Normal",
});

const PROTECTION_OPTIONS = new WeakMap<DemoSheet, ProtectionOptions>();

/** Excel.SheetVisibility (Worksheet.visibility, ExcelApi 1.1): the page's model has no field for it. */
export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

const VISIBILITY = new WeakMap<DemoSheet, SheetVisibility>();

/** The sheet's visibility ("Visible" unless set). */
export function sheetVisibility(sheet: DemoSheet): SheetVisibility {
  return VISIBILITY.get(sheet) ?? "Visible";
}

/** Hides (or very-hides) the sheet, or shows it again: what setting Worksheet.visibility does. */
export function setSheetVisibility(sheet: DemoSheet, visibility: SheetVisibility): void {
  if (visibility === "Visible") VISIBILITY.delete(sheet);
  else VISIBILITY.set(sheet, visibility);
}

/** The options of the sheet's protection (meaningful while sheet.protected). */
export function protectionOptions(sheet: DemoSheet): ProtectionOptions {
  return { ...(PROTECTION_OPTIONS.get(sheet) ?? DEFAULT_PROTECTION_OPTIONS) };
}

/**
 * Protects the sheet with these options (the rest Excel's defaults), or unprotects it (null): what
 * WorksheetProtection.protect() / unprotect() do, for a page or a test that sets a workbook up.
 */
export function setSheetProtection(sheet: DemoSheet, options: Partial<ProtectionOptions> | null): void {
  sheet.protected = options !== null;
  if (options === null) PROTECTION_OPTIONS.delete(sheet);
  else PROTECTION_OPTIONS.set(sheet, { ...DEFAULT_PROTECTION_OPTIONS, ...options });
}

// ---------------------------------------------------------------------------------------------
// Calculation mode, tables: what Excel keeps and the page's model does not

/** Excel.CalculationMode (ExcelApi 1.1): learn.microsoft.com/javascript/api/excel/excel.calculationmode */
export type CalculationMode = "Automatic" | "AutomaticExceptTables" | "Manual";

const CALCULATION_MODES = new WeakMap<DemoWorkbook, CalculationMode>();

/** The workbook's calculation mode ("Automatic" unless set). */
export function calculationMode(workbook: DemoWorkbook): CalculationMode {
  return CALCULATION_MODES.get(workbook) ?? "Automatic";
}

/**
 * Sets the calculation mode (Application.calculationMode, settable from ExcelApi 1.8). In "Manual"
 * ("Calculations only occur when the user or add-in requests them") a batch's writes leave every
 * formula's value as it was, a newly written formula's value included, until Application.calculate()
 * or Range.calculate().
 */
export function setCalculationMode(workbook: DemoWorkbook, mode: CalculationMode): void {
  CALCULATION_MODES.set(workbook, mode);
}

/** An Excel table (ListObject): its whole range, header row included, 0-based. */
export interface EmulatedTable {
  id: string;
  name: string;
  rect: Rect;
  showHeaders: boolean;
}

const TABLES = new WeakMap<DemoSheet, EmulatedTable[]>();

/** The sheet's tables, in the order they were added. */
export function tablesOf(sheet: DemoSheet): EmulatedTable[] {
  return TABLES.get(sheet) ?? [];
}

/** Adds a table over `address` (header row first), as Insert > Table or TableCollection.add would. */
export function addTable(sheet: DemoSheet, name: string, address: string, showHeaders = true): EmulatedTable {
  const rect = parseAddress(address)?.rect;
  if (!rect) throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "TableCollection.add");
  let tables = TABLES.get(sheet);
  if (!tables) TABLES.set(sheet, (tables = []));
  const table = { id: `{${String(tables.length + 1).padStart(8, "0")}-7AB1-0000-0000-000000000000}`, name, rect, showHeaders };
  tables.push(table);
  return table;
}

/** The data rows of a table (below its header row). */
export function tableBody(table: EmulatedTable): Rect | null {
  const r0 = table.showHeaders ? table.rect.r0 + 1 : table.rect.r0;
  return r0 <= table.rect.r1 ? { ...table.rect, r0 } : null;
}

function isDefault(cell: Cell): boolean {
  return cell.value === null && cell.formula === null && cell.numberFormat === null && cell.fill === null && cell.locked;
}

/** A rectangle of cells on one sheet, 0-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** True when the cell at `address` ("B2") lies inside `rect`. */
export function inRect(rect: Rect, address: string): boolean {
  const p = parseA1(address);
  return p !== null && p.row >= rect.r0 && p.row <= rect.r1 && p.col >= rect.c0 && p.col <= rect.c1;
}

export interface Area extends Rect {
  sheet: DemoSheet;
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** A sheet name as Excel writes it in an address: quoted when it is not a plain name. */
export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) && // looks like a cell
    !/^(R\d*C?\d*|C\d*)$/i.test(name); // looks like an R1C1 reference
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rectAddress(rect: Rect): string {
  const start = toA1(rect.r0, rect.c0);
  return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? start : `${start}:${toA1(rect.r1, rect.c1)}`;
}

/** "Sheet!A1:G20", "'事業 1'!A1". */
export function areaAddress(area: Area): string {
  return `${quoteSheetName(area.sheet.name)}!${rectAddress(area)}`;
}

/** The column of "B" in "B:D" (letters checked by the caller), read as the core reads A1. */
function columnIndex(letters: string): number {
  return parseA1(`${letters}1`)!.col;
}

/**
 * "B2", "$B$2:$D$9", "B:D", "2:5", optionally after "Sheet!" / "'Sheet name'!". Null when
 * malformed or outside the grid.
 */
export function parseAddress(address: string): { sheet: string | null; rect: Rect } | null {
  let text = address.trim();
  let sheet: string | null = null;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  text = text.replace(/\$/g, "").toUpperCase();
  const [a, b = a] = text.split(":");
  let rect: Rect | null = null;
  if (/^[A-Z]{1,3}$/.test(a) && /^[A-Z]{1,3}$/.test(b)) {
    const c0 = columnIndex(a);
    const c1 = columnIndex(b);
    rect = { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  } else if (/^\d{1,7}$/.test(a) && /^\d{1,7}$/.test(b) && text.includes(":")) {
    const r0 = Number(a) - 1;
    const r1 = Number(b) - 1;
    if (r0 < 0 || r1 < 0) return null;
    rect = { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: 0, c1: MAX_COLUMNS - 1 };
  } else {
    const start = parseA1(a);
    const end = parseA1(b);
    if (!start || !end) return null;
    rect = {
      r0: Math.min(start.row, end.row),
      c0: Math.min(start.col, end.col),
      r1: Math.max(start.row, end.row),
      c1: Math.max(start.col, end.col),
    };
  }
  if (rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLUMNS) return null;
  return { sheet, rect };
}

// ---------------------------------------------------------------------------------------------
// Typed input

/** Days from Excel's epoch (1899-12-30) for a valid y/m/d, else null. */
function dateSerial(year: number, month: number, day: number): number | null {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel stores when `input` is entered into a cell, through Range.values or Range.formulas
 * alike: "=…" is a formula, "'…" is text without the apostrophe, text that reads as a number,
 * percentage, date or boolean becomes one (a General cell gets a matching number format), "+…" /
 * "-…" is a formula, a cell formatted as Text ("@") keeps the text as typed: a formula is stored as
 * literal text (not calculated), a number or boolean as its text.
 */
export function enterInput(current: Cell, input: string | number | boolean): Cell {
  const next: Cell = { ...current, formula: null };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument);
    // A Text-formatted cell stores whatever is entered as text, numbers included ("set the cell
    // format before you type": learn.microsoft.com/troubleshoot/microsoft-365-apps/excel/long-numbers-incorrectly-in-excel).
    return { ...next, value: current.numberFormat === "@" ? String(input) : input };
  }
  if (typeof input === "boolean") return { ...next, value: current.numberFormat === "@" ? (input ? "TRUE" : "FALSE") : input };
  if (input === "") return { ...next, value: null };
  if (current.numberFormat === "@") return { ...next, value: input }; // Text format: kept as typed
  if (input.startsWith("'")) return { ...next, value: input.slice(1) === "" ? null : input.slice(1) }; // the text prefix is not stored
  if (input.startsWith("=") && input.length > 1)
    return { ...next, value: current.formula === input ? current.value : null, formula: input };
  const general = current.numberFormat === null;
  const number = numberFromText(input);
  if (number !== null) {
    const trimmed = input.trim();
    let numberFormat = current.numberFormat;
    if (general && trimmed.endsWith("%")) numberFormat = trimmed.includes(".") ? "0.00%" : "0%";
    else if (general && trimmed.includes(",")) numberFormat = trimmed.includes(".") ? "#,##0.00" : "#,##0";
    return { ...next, value: number, numberFormat };
  }
  if (/^(true|false)$/i.test(input.trim())) return { ...next, value: input.trim().toLowerCase() === "true" };
  const date = /^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s*$/.exec(input);
  const serial = date ? dateSerial(Number(date[1]), Number(date[2]), Number(date[3])) : null;
  if (serial !== null) return { ...next, value: serial, numberFormat: general ? "yyyy/m/d" : current.numberFormat };
  if (/^[+-]./.test(input) || (input.startsWith("@") && input.length > 1)) {
    // Typed "+…", "-…" (and "@…") is a formula in Excel.
    return { ...next, value: null, formula: `=${input.startsWith("@") ? input.slice(1) : input}` };
  }
  return { ...next, value: input };
}

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  purple: "#800080",
  lime: "#00FF00",
  cyan: "#00FFFF",
  magenta: "#FF00FF",
  pink: "#FFC0CB",
};

/** "#ffc7ce" / "FFC7CE" / "#FC9" / "red" -> "#FFC7CE"; anything else is Excel's InvalidArgument. */
export function parseColor(input: unknown, where = "RangeFill.color"): string {
  if (typeof input === "string") {
    const text = input.trim();
    const hex = /^#?([0-9a-f]{6})$/i.exec(text);
    if (hex) return `#${hex[1].toUpperCase()}`;
    const short = /^#([0-9a-f]{3})$/i.exec(text);
    if (short) return `#${[...short[1]].map((d) => d + d).join("")}`.toUpperCase();
    const named = NAMED_COLORS[text.toLowerCase()];
    if (named) return named;
  }
  throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, where);
}

// ---------------------------------------------------------------------------------------------
// One sync

export class Batch {
  /** Run after the whole batch succeeded: loaded values delivered, null objects known. */
  readonly onSuccess: (() => void)[] = [];
  /** Run when the batch failed: objects bound in it forget their binding. */
  readonly onFailure: (() => void)[] = [];
  private readonly overlay = new Map<DemoSheet, Map<string, Cell>>();
  private readonly covered = new Map<DemoSheet, Map<string, string>>();
  private dirty = false;
  /**
   * What a content write (values, formulas) stores instead of what it computed, when the host
   * misbehaves (the emulator's conditions.misstore); undefined: as computed.
   */
  storeInstead: ((sheet: DemoSheet, address: string, written: Cell) => Cell | undefined) | null = null;
  /** What using an object got from a null object does in this batch: EmulatedHostConditions.nullObjectChildren. */
  nullObjectChildren: "null" | "fail" = "null";
  /** Adding or deleting sheets fails in this batch: EmulatedHostConditions.structureProtected. */
  structureProtected = false;
  /** The estimated size of this sync's response, in bytes: what its loads return (responseSize, emulator.ts). */
  responseBytes = 0;

  constructor(
    readonly workbook: DemoWorkbook,
    private readonly supports: (version: string) => boolean,
  ) {}

  /** Fails the batch with ApiNotFound when the emulated Excel is older than `version`. */
  require(version: string, api: string): void {
    if (!this.supports(version)) throw new OfficeError(ERROR_CODES.apiNotFound, MESSAGES.apiNotFound, api);
  }

  /** A sheet object still in the workbook (not deleted, not replaced by another file). */
  checkSheet(sheet: DemoSheet, where: string): void {
    if (!this.workbook.sheets.includes(sheet)) throw new OfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, where);
  }

  cell(sheet: DemoSheet, address: string): Cell {
    return this.overlay.get(sheet)?.get(address) ?? readCell(sheet, address);
  }

  put(sheet: DemoSheet, address: string, cell: Cell): void {
    const before = this.cell(sheet, address);
    if (before.value !== cell.value || before.formula !== cell.formula) this.dirty = true;
    let cells = this.overlay.get(sheet);
    if (!cells) this.overlay.set(sheet, (cells = new Map()));
    cells.set(address, cell);
  }

  /** Every cell with content or formatting, as this batch sees it. */
  *entries(sheet: DemoSheet): Generator<[string, Cell]> {
    const cells = this.overlay.get(sheet);
    for (const [address, cell] of sheet.cells) {
      if (cells?.has(address)) continue;
      yield [address, cell.fill ? readCell(sheet, address) : normalizeCell(cell)];
    }
    if (cells) for (const [address, cell] of cells) if (!isDefault(cell)) yield [address, cell];
  }

  /** The used range: cells with a value or formula (valuesOnly), or with anything at all. */
  usedRect(sheet: DemoSheet, valuesOnly: boolean): Rect | null {
    let rect: Rect | null = null;
    for (const [address, cell] of this.entries(sheet)) {
      if (valuesOnly ? cell.value === null && cell.formula === null : isDefault(cell)) continue;
      const p = parseA1(address);
      if (!p) continue;
      rect = rect
        ? { r0: Math.min(rect.r0, p.row), c0: Math.min(rect.c0, p.col), r1: Math.max(rect.r1, p.row), c1: Math.max(rect.c1, p.col) }
        : { r0: p.row, c0: p.col, r1: p.row, c1: p.col };
    }
    return rect;
  }

  /** Covered cell -> the top-left cell of its merged area (the top-left itself is not listed). */
  coveredCells(sheet: DemoSheet): Map<string, string> {
    let map = this.covered.get(sheet);
    if (!map) {
      map = new Map();
      for (const merge of sheet.merges) {
        const parsed = parseAddress(merge);
        if (!parsed) continue;
        const { r0, c0, r1, c1 } = parsed.rect;
        const topLeft = toA1(r0, c0);
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) map.set(toA1(r, c), topLeft);
      }
      this.covered.set(sheet, map);
    }
    return map;
  }

  /** Forgets the covered cells worked out for the sheet (its merged areas changed in this batch). */
  mergesChanged(sheet: DemoSheet): void {
    this.covered.delete(sheet);
  }

  private *formulaCells(): Generator<{ sheet: string; address: string; formula: string }> {
    for (const sheet of this.workbook.sheets) {
      for (const [address, cell] of this.entries(sheet)) if (cell.formula) yield { sheet: sheet.name, address, formula: cell.formula };
    }
  }

  /**
   * Recomputes every formula (once, after writes) so what the batch reads next is current; in manual
   * calculation mode nothing is recomputed until calculate() is asked for.
   */
  ensureCalculated(): void {
    if (!this.dirty || calculationMode(this.workbook) === "Manual") return;
    this.calculate();
  }

  /**
   * Recomputes the formulas (Application.calculate, whatever the mode), or only those inside `area`
   * (Range.calculate: their dependents elsewhere keep their values).
   */
  calculate(area?: Area): void {
    if (!area) this.dirty = false;
    const byName = (name: string) => this.workbook.sheets.find((s) => s.name === name);
    const grid: FormulaGrid = {
      resolveSheet: (name) => this.workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name,
      cell: (sheetName, address): FormulaCell | undefined => {
        const sheet = byName(sheetName);
        return sheet ? this.cell(sheet, address) : undefined;
      },
      entries: (sheetName) => {
        const sheet = byName(sheetName);
        return sheet ? this.entries(sheet) : [];
      },
      formulaCells: () => this.formulaCells(),
    };
    for (const { sheet: name, address, value } of computeFormulas(grid)) {
      const sheet = byName(name)!;
      if (area && !(sheet === area.sheet && inRect(area, address))) continue;
      const current = this.cell(sheet, address);
      if (!Object.is(current.value, value)) this.put(sheet, address, { ...current, value });
    }
    if (!area) this.dirty = false;
  }

  /** Hands the batch's changes to the workbook: one setCells(…, "addin") with the cells that differ. */
  commit(): CellChange[] {
    const edits: { sheet: string; cell: string; content: Partial<DemoCell> }[] = [];
    for (const [sheet, cells] of this.overlay) {
      if (!this.workbook.sheets.includes(sheet)) continue;
      for (const [address, after] of cells) {
        const before = normalizeCell(sheet.cells.get(address));
        const content: Partial<DemoCell> = {};
        if (!Object.is(before.value, after.value)) content.value = after.value;
        if (before.formula !== after.formula) content.formula = after.formula;
        if (before.numberFormat !== after.numberFormat) content.numberFormat = after.numberFormat;
        if (before.fill !== after.fill) content.fill = after.fill;
        if (before.locked !== after.locked) content.locked = after.locked;
        if (Object.keys(content).length > 0) edits.push({ sheet: sheet.name, cell: address, content });
        keepPattern(sheet, address, after);
      }
    }
    this.overlay.clear();
    return edits.length > 0 ? this.workbook.setCells(edits, "addin") : [];
  }
}
