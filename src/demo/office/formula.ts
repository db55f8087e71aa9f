/**
 * A small, safe formula evaluator (a parser and a tree walk: no eval, no Function) for the
 * formulas the add-in writes and report templates hold:
 *
 *   numbers, "text", TRUE/FALSE, A1 / $A$1 references (also Sheet!A1 and 'Sheet name'!A1),
 *   ranges as SUM arguments, + - * / & with Excel's precedence, parentheses, unary minus,
 *   SUM, ROUNDDOWN(x, n), LEN(text)
 *
 * Anything else (other functions, names, operators the parser does not know) gives "#NAME?" (in
 * recalculation, a cell already holding a value Excel computed keeps it: see computeFormulas).
 * Excel's semantics where they show: LEN counts UTF-16 code units, ROUNDDOWN truncates toward zero
 * (after Excel's 15-significant-digit rounding, so ROUNDDOWN(4.35*100,0) is 435), numbers keep
 * full float precision, text that reads as a number takes part in arithmetic, SUM skips text in
 * ranges, errors propagate, an empty cell is 0 in arithmetic and "" in text.
 *
 * Recalculation computes every formula cell in dependency order (each cell once; a reference to
 * a cell still being computed is a cycle and gives "#REF!").
 */
import { parseA1, toA1 } from "../../core/address";
import type { Scalar } from "../../core/workbook";
import type { CellChange, ChangeSource, DemoWorkbook } from "../workbook-model";

export const ERROR_VALUES: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
]);

/** The content a formula sees of a cell. */
export interface FormulaCell {
  value: Scalar;
  formula?: string | null;
}

/** Read access to the workbook the formulas live in. */
export interface FormulaGrid {
  /** The sheet a reference names (Excel compares sheet names case-insensitively); undefined when none. */
  resolveSheet(name: string): string | undefined;
  cell(sheet: string, address: string): FormulaCell | undefined;
  /** Every cell with content on a sheet (used for ranges larger than the sheet's content). */
  entries(sheet: string): Iterable<[string, FormulaCell]>;
  /** Every formula cell of the workbook. */
  formulaCells(): Iterable<{ sheet: string; address: string; formula: string }>;
}

// ---------------------------------------------------------------------------------------------
// Values

class FormulaError {
  constructor(readonly code: string) {}
}

type Value = number | string | boolean | null | FormulaError;

interface Area {
  sheet: string | null;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const NAME = new FormulaError("#NAME?");
const VALUE = new FormulaError("#VALUE!");
const REF = new FormulaError("#REF!");
const DIV0 = new FormulaError("#DIV/0!");
const NUM = new FormulaError("#NUM!");

function fromScalar(value: Scalar | undefined): Value {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string" && ERROR_VALUES.has(value)) return new FormulaError(value);
  return value;
}

function toScalar(value: Value): Scalar {
  if (value instanceof FormulaError) return value.code;
  return value;
}

/** Text Excel reads as a number in arithmetic: "12", " 1,234.5 ", "-3e2", "10%". */
export function numberFromText(text: string): number | null {
  const t = text.trim();
  const match = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/.exec(t);
  if (!match) return null;
  let n = Number(`${match[1]}${match[2].replace(/,/g, "")}${match[3] !== undefined ? `e${match[3]}` : ""}`);
  if (match[4]) n /= 100;
  return Number.isFinite(n) ? n : null;
}

function toNumber(value: Value): number | FormulaError {
  if (value instanceof FormulaError) return value;
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const n = numberFromText(value);
  return n === null ? VALUE : n;
}

/** A number as Excel turns it into text (General format, up to 15 significant digits). */
function numberToText(n: number): string {
  if (n === 0) return "0";
  const text = String(Number(n.toPrecision(15)));
  return text.replace(/e\+?/, (e) => (e === "e+" ? "E+" : "E"));
}

function toText(value: Value): string | FormulaError {
  if (value instanceof FormulaError) return value;
  if (value === null) return "";
  if (typeof value === "number") return numberToText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** Excel's numbers: finite, and no negative zero. */
function checked(n: number): number | FormulaError {
  if (!Number.isFinite(n)) return NUM;
  return n === 0 ? 0 : n;
}

/** Excel's ROUNDDOWN: toward zero at `digits` decimals, after rounding x to 15 significant digits. */
export function roundDown(x: number, digits: number): number {
  const d = Math.trunc(digits);
  if (x === 0) return 0;
  const p = Number(x.toPrecision(15));
  const scale = 10 ** Math.abs(d);
  const scaled = Number((d >= 0 ? p * scale : p / scale).toPrecision(15));
  const result = d >= 0 ? Math.trunc(scaled) / scale : Math.trunc(scaled) * scale;
  return result === 0 ? 0 : result;
}

// ---------------------------------------------------------------------------------------------
// Parser

type Node =
  | { k: "lit"; v: Value }
  | { k: "ref"; area: Area; range: boolean }
  | { k: "neg"; a: Node }
  | { k: "bin"; op: "+" | "-" | "*" | "/" | "&"; a: Node; b: Node }
  | { k: "call"; name: string; args: Node[] };

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "ref"; sheet: string | null; text: string }
  | { t: "fn"; name: string }
  | { t: "name"; name: string }
  | { t: "op"; v: string };

class ParseError extends Error {}

const IDENT = /^[\p{L}_\\][\p{L}\p{N}_.]*/u;
const CELL_OR_RANGE = /^\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const rest = () => source.slice(i);
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest());
    if (number) {
      tokens.push({ t: "num", v: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new ParseError("unterminated string");
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i++];
      }
      tokens.push({ t: "str", v: text });
      continue;
    }
    // A sheet prefix: 'Quoted name'!  or  Name!
    let sheet: string | null = null;
    if (ch === "'") {
      let name = "";
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new ParseError("unterminated sheet name");
        if (source[j] === "'") {
          if (source[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          j++;
          break;
        }
        name += source[j++];
      }
      if (source[j] !== "!") throw new ParseError("quoted name without !");
      sheet = name;
      i = j + 1;
    } else {
      const prefix = /^([\p{L}\p{N}_.]+)!/u.exec(rest());
      if (prefix) {
        sheet = prefix[1];
        i += prefix[0].length;
      }
    }
    const ref = CELL_OR_RANGE.exec(rest());
    if (ref && !/^[\p{L}\p{N}_.(]/u.test(source.slice(i + ref[0].length))) {
      tokens.push({ t: "ref", sheet, text: ref[0] });
      i += ref[0].length;
      continue;
    }
    if (sheet !== null) throw new ParseError("sheet prefix without a reference");
    const ident = IDENT.exec(rest());
    if (ident) {
      i += ident[0].length;
      let j = i;
      while (j < source.length && /\s/.test(source[j])) j++;
      if (source[j] === "(") tokens.push({ t: "fn", name: ident[0].toUpperCase() });
      else tokens.push({ t: "name", name: ident[0].toUpperCase() });
      continue;
    }
    if ("+-*/&(),".includes(ch)) {
      tokens.push({ t: "op", v: ch });
      i++;
      continue;
    }
    throw new ParseError(`unexpected ${ch}`);
  }
  return tokens;
}

function areaOf(sheet: string | null, text: string): Area {
  const [a, b] = text.split(":");
  const start = parseA1(a);
  const end = b === undefined ? start : parseA1(b);
  if (!start || !end) throw new ParseError(`bad reference ${text}`);
  return {
    sheet,
    r0: Math.min(start.row, end.row),
    c0: Math.min(start.col, end.col),
    r1: Math.max(start.row, end.row),
    c1: Math.max(start.col, end.col),
  };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.concat();
    if (this.i < this.tokens.length) throw new ParseError("trailing input");
    return node;
  }

  private peekOp(...ops: string[]): string | null {
    const token = this.tokens[this.i];
    return token && token.t === "op" && ops.includes(token.v) ? token.v : null;
  }

  private concat(): Node {
    let node = this.additive();
    while (this.peekOp("&")) {
      this.i++;
      node = { k: "bin", op: "&", a: node, b: this.additive() };
    }
    return node;
  }

  private additive(): Node {
    let node = this.multiplicative();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.i++;
      node = { k: "bin", op: op as "+" | "-", a: node, b: this.multiplicative() };
    }
    return node;
  }

  private multiplicative(): Node {
    let node = this.unary();
    for (let op = this.peekOp("*", "/"); op; op = this.peekOp("*", "/")) {
      this.i++;
      node = { k: "bin", op: op as "*" | "/", a: node, b: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    const op = this.peekOp("+", "-");
    if (op) {
      this.i++;
      const operand = this.unary();
      return op === "-" ? { k: "neg", a: operand } : operand; // unary plus changes nothing
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.tokens[this.i++];
    if (!token) throw new ParseError("unexpected end");
    switch (token.t) {
      case "num":
        return { k: "lit", v: token.v };
      case "str":
        return { k: "lit", v: token.v };
      case "ref":
        return { k: "ref", area: areaOf(token.sheet, token.text), range: token.text.includes(":") };
      case "name":
        if (token.name === "TRUE" || token.name === "FALSE") return { k: "lit", v: token.name === "TRUE" };
        return { k: "lit", v: NAME };
      case "fn": {
        this.expect("(");
        const args: Node[] = [];
        if (!this.peekOp(")")) {
          for (;;) {
            args.push(this.concat());
            if (!this.peekOp(",")) break;
            this.i++;
          }
        }
        this.expect(")");
        return { k: "call", name: token.name, args };
      }
      case "op":
        if (token.v === "(") {
          const inner = this.concat();
          this.expect(")");
          return inner;
        }
        throw new ParseError(`unexpected ${token.v}`);
    }
  }

  private expect(op: string): void {
    if (!this.peekOp(op)) throw new ParseError(`expected ${op}`);
    this.i++;
  }
}

const FUNCTIONS = new Set(["SUM", "ROUNDDOWN", "LEN"]);

interface Parsed {
  /** Null when the text is not a formula this evaluator reads. */
  node: Node | null;
  /** Only functions and names the evaluator knows: it computes what Excel would. */
  known: boolean;
}

function knows(node: Node): boolean {
  switch (node.k) {
    case "lit":
      return node.v !== NAME; // a name (a defined name, a function without parentheses)
    case "ref":
      return true;
    case "neg":
      return knows(node.a);
    case "bin":
      return knows(node.a) && knows(node.b);
    case "call":
      return FUNCTIONS.has(node.name) && node.args.every(knows);
  }
}

const parsed = new Map<string, Parsed>();

/** The formula's tree, cached by text. */
function parseFormula(formula: string): Parsed {
  let entry = parsed.get(formula);
  if (entry === undefined) {
    try {
      const body = formula.startsWith("=") ? formula.slice(1) : formula;
      const node = new Parser(tokenize(body)).parse();
      entry = { node, known: knows(node) };
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      entry = { node: null, known: false };
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(formula, entry);
  }
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Scope {
  /** The sheet the formula is on. */
  sheet: string;
  /** A cell's value as formulas see it (formula cells computed first). */
  value(sheet: string, address: string): Value;
  entries(sheet: string): Iterable<[string, FormulaCell]>;
  resolveSheet(name: string): string | undefined;
}

/** Cells of an area with their values, empty cells left out where the area is large. */
function* areaValues(scope: Scope, area: Area): Generator<Value | FormulaError> {
  const sheet = area.sheet === null ? scope.sheet : scope.resolveSheet(area.sheet);
  if (sheet === undefined) {
    yield REF;
    return;
  }
  const size = (area.r1 - area.r0 + 1) * (area.c1 - area.c0 + 1);
  if (size > 4096) {
    for (const [address] of scope.entries(sheet)) {
      const p = parseA1(address);
      if (p && p.row >= area.r0 && p.row <= area.r1 && p.col >= area.c0 && p.col <= area.c1) yield scope.value(sheet, address);
    }
    return;
  }
  for (let r = area.r0; r <= area.r1; r++) for (let c = area.c0; c <= area.c1; c++) yield scope.value(sheet, toA1(r, c));
}

function evaluate(node: Node, scope: Scope): Value {
  switch (node.k) {
    case "lit":
      return node.v;
    case "ref": {
      const { area } = node;
      if (area.r0 !== area.r1 || area.c0 !== area.c1) return VALUE; // no implicit intersection
      const sheet = area.sheet === null ? scope.sheet : scope.resolveSheet(area.sheet);
      if (sheet === undefined) return REF;
      const value = scope.value(sheet, toA1(area.r0, area.c0));
      return value === null ? 0 : value; // =A1 of an empty cell shows 0
    }
    case "neg": {
      const n = toNumber(operand(node.a, scope));
      return n instanceof FormulaError ? n : -n;
    }
    case "bin": {
      const a = operand(node.a, scope);
      const b = operand(node.b, scope);
      if (node.op === "&") {
        const x = toText(a);
        if (x instanceof FormulaError) return x;
        const y = toText(b);
        return y instanceof FormulaError ? y : x + y;
      }
      const x = toNumber(a);
      if (x instanceof FormulaError) return x;
      const y = toNumber(b);
      if (y instanceof FormulaError) return y;
      switch (node.op) {
        case "+":
          return checked(x + y);
        case "-":
          return checked(x - y);
        case "*":
          return checked(x * y);
        case "/":
          return y === 0 ? DIV0 : checked(x / y);
      }
      return VALUE;
    }
    case "call":
      return call(node.name, node.args, scope);
  }
}

/** An operand of an operator: references give their cell's value (empty stays empty). */
function operand(node: Node, scope: Scope): Value {
  if (node.k === "ref") {
    const { area } = node;
    if (area.r0 !== area.r1 || area.c0 !== area.c1) return VALUE;
    const sheet = area.sheet === null ? scope.sheet : scope.resolveSheet(area.sheet);
    return sheet === undefined ? REF : scope.value(sheet, toA1(area.r0, area.c0));
  }
  return evaluate(node, scope);
}

function call(name: string, args: Node[], scope: Scope): Value {
  switch (name) {
    case "SUM": {
      if (args.length === 0) return VALUE;
      let total = 0;
      for (const arg of args) {
        if (arg.k === "ref") {
          // Cells referenced: numbers count, text / booleans / empty cells do not, errors propagate.
          for (const value of areaValues(scope, arg.area)) {
            if (value instanceof FormulaError) return value;
            if (typeof value === "number") total += value;
          }
          continue;
        }
        const n = toNumber(evaluate(arg, scope));
        if (n instanceof FormulaError) return n;
        total += n;
      }
      return checked(total);
    }
    case "ROUNDDOWN": {
      if (args.length !== 2) return VALUE;
      const x = toNumber(operand(args[0], scope));
      if (x instanceof FormulaError) return x;
      const digits = toNumber(operand(args[1], scope));
      if (digits instanceof FormulaError) return digits;
      return checked(roundDown(x, digits));
    }
    case "LEN": {
      if (args.length !== 1) return VALUE;
      const text = toText(operand(args[0], scope));
      return text instanceof FormulaError ? text : text.length;
    }
    default:
      return NAME;
  }
}

/**
 * One formula's value, reading cells through `lookup` (values as stored: error texts such as
 * "#N/A" count as errors). Formula cells referenced are not recomputed: see computeFormulas.
 */
export function evaluateFormula(
  formula: string,
  sheet: string,
  lookup: (sheet: string, address: string) => Scalar,
  sheets?: string[],
): Scalar {
  const { node } = parseFormula(formula);
  if (!node) return NAME.code;
  const scope: Scope = {
    sheet,
    value: (s, address) => fromScalar(lookup(s, address)),
    entries: () => [],
    resolveSheet: (name) => (sheets ? sheets.find((s) => s.toLowerCase() === name.toLowerCase()) : name),
  };
  return toScalar(evaluate(node, scope));
}

function key(sheet: string, address: string): string {
  return `${sheet}\u0000${address}`;
}

/**
 * The value of every formula cell of the grid, each computed once in dependency order. A cell
 * that depends on itself (directly or through others) is "#REF!", as is every cell using it.
 *
 * A formula beyond this evaluator (another function, a defined name, an operator it does not
 * parse) keeps the value its cell holds (what Excel cached in the file), so a template's own
 * formulas do not turn into errors when the page recalculates; without a value (a formula just
 * entered) it is "#NAME?".
 */
export function computeFormulas(grid: FormulaGrid): { sheet: string; address: string; value: Scalar }[] {
  const done = new Map<string, Value>();
  const computing = new Set<string>();
  const formulas = new Map<string, { sheet: string; address: string; formula: string }>();
  for (const cell of grid.formulaCells()) formulas.set(key(cell.sheet, cell.address), cell);

  const compute = (sheet: string, address: string, formula: string): Value => {
    const k = key(sheet, address);
    if (done.has(k)) return done.get(k)!;
    if (computing.has(k)) return REF; // a cycle
    computing.add(k);
    const { node, known } = parseFormula(formula);
    let value: Value;
    if (known && node) value = evaluate(node, scopeFor(sheet));
    else {
      // Beyond this evaluator: keep the value Excel cached in the file; a new formula is #NAME?.
      const cached = fromScalar(grid.cell(sheet, address)?.value);
      value = cached === null ? NAME : cached;
    }
    computing.delete(k);
    done.set(k, value);
    return value;
  };
  const scopeFor = (sheet: string): Scope => ({
    sheet,
    value(s, address) {
      const f = formulas.get(key(s, address));
      if (f) return compute(f.sheet, f.address, f.formula);
      return fromScalar(grid.cell(s, address)?.value);
    },
    entries: (s) => grid.entries(s),
    resolveSheet: (name) => grid.resolveSheet(name),
  });
  const out: { sheet: string; address: string; value: Scalar }[] = [];
  for (const f of formulas.values())
    out.push({ sheet: f.sheet, address: f.address, value: toScalar(compute(f.sheet, f.address, f.formula)) });
  return out;
}

/** A FormulaGrid over the page's workbook as it is now. */
export function workbookGrid(workbook: DemoWorkbook): FormulaGrid {
  return {
    resolveSheet: (name) => workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name,
    cell: (sheet, address) => workbook.cell(sheet, address),
    entries: (sheet) => workbook.sheet(sheet)?.cells ?? [],
    *formulaCells() {
      for (const sheet of workbook.sheets) {
        for (const [address, cell] of sheet.cells) if (cell.formula) yield { sheet: sheet.name, address, formula: cell.formula };
      }
    },
  };
}

function sameValue(a: Scalar | undefined, b: Scalar | undefined): boolean {
  const x = a === undefined || a === "" ? null : a;
  const y = b === undefined || b === "" ? null : b;
  return Object.is(x, y) || (x === 0 && y === 0);
}

/**
 * Recomputes every formula cell of the page's workbook from the current values and writes the
 * values that changed (one setCells call, so listeners hear of it once; nothing when nothing
 * changed). For the page to call after a user edit; the Excel emulation recalculates by itself.
 */
export function recalculate(workbook: DemoWorkbook, source: ChangeSource = "user"): CellChange[] {
  const edits: { sheet: string; cell: string; content: { value: Scalar } }[] = [];
  for (const { sheet, address, value } of computeFormulas(workbookGrid(workbook))) {
    if (!sameValue(workbook.cell(sheet, address)?.value, value)) edits.push({ sheet, cell: address, content: { value } });
  }
  return edits.length > 0 ? workbook.setCells(edits, source) : [];
}
