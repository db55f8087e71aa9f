/**
 * .xlsx bytes -> WorkbookData without ExcelJS: the task pane reads last year's report with it (no
 * Node, no ExcelJS in the add-in). The package is opened and its limits checked as the CLI does
 * (open.ts); the parts are read with the linear scanner of xml.ts: workbook.xml and its
 * relationships (sheet names, tab order), the shared strings, the number formats of the cell
 * styles, and each worksheet's cells, hidden rows and merged areas.
 *
 * It gives what read.ts gives for the same file through ExcelJS 4.4.0 (test/xlsx-sheet-data.test.ts
 * compares them): a cell's value as Excel shows it (rich text and shared strings joined without
 * their phonetic runs, an error as its text, a formula's cached result, a date as its serial
 * number), "=" + the formula (a shared formula's clones translated from their master, without the
 * _xlfn. prefixes), a merge's value only at its top-left, the number format of the cell's style
 * (custom, or ExcelJS's built-in table; General as null), laid out by sheet-layout.ts.
 */
import { parseA1, parseArea, toA1 } from "../core/address";
import type { CellContent, Scalar, SheetData, WorkbookData } from "../core/workbook";
import { XlsxReadError, parseFailed } from "./errors";
import { describeProblem } from "./kind";
import { LIMITS, overLimit, type RawInflater } from "./limits";
import { openPackage } from "./open";
import { checkText, layOutSheet, type CollectedCell } from "./sheet-layout";
import { attributeOf, forEachElement, relationships, resolvePart, type PartText } from "./xml";

/** The built-in number formats ExcelJS names (its defaultnumformats.js entries with a format for every locale). */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Element text decoded: the named and numeric character references. */
function decodeText(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return NAMED_ENTITIES[name];
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? "", 16);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of a string item (<t>, escapes such as _x000D_ as ExcelJS reads them). */
function itemText(body: string): string {
  return decodeText(body).replace(/_x([0-9A-F]{4})_/g, (_m, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/**
 * The text of a shared string item or an inline string: its runs (<r><t>) joined, else its plain
 * <t>; the phonetic runs (<rPh>, furigana) are not part of it.
 */
function stringItem(body: string): string {
  const withoutPhonetic = body.indexOf("<rPh") < 0 ? body : removeElements(body, "rPh");
  const runs: string[] = [];
  forEachElement(
    withoutPhonetic,
    "r",
    (_a, run) => {
      let text = "";
      forEachElement(run ?? "", "t", (_b, t) => (text += itemText(t ?? "")), true);
      runs.push(text);
    },
    true,
  );
  if (runs.length > 0) return runs.join("");
  let text = "";
  forEachElement(withoutPhonetic, "t", (_a, t) => (text += itemText(t ?? "")), true);
  return text;
}

/** The text without every <name …>…</name> (or <name …/>) element. */
function removeElements(xml: string, name: string): string {
  const pieces: string[] = [];
  const open = "<" + name;
  const close = "</" + name + ">";
  let from = 0;
  for (;;) {
    const start = xml.indexOf(open, from);
    if (start < 0) break;
    const end = xml.indexOf(">", start);
    if (end < 0) break;
    pieces.push(xml.slice(from, start));
    if (xml.charCodeAt(end - 1) === 0x2f) from = end + 1;
    else {
      const stop = xml.indexOf(close, end);
      from = stop < 0 ? xml.length : stop + close.length;
    }
  }
  pieces.push(xml.slice(from));
  return pieces.join("");
}

/** The first <name>…</name> body of an element's body, or null. */
function childText(body: string, name: string): { attributes: string; text: string } | null {
  let found: { attributes: string; text: string } | null = null;
  forEachElement(
    body,
    name,
    (attributes, text) => {
      if (!found) found = { attributes, text: text ?? "" };
    },
    true,
  );
  return found;
}

const COLUMN_LETTERS = /^([$])?([A-Za-z]+)([$])?([1-9][0-9]*)$/;
const REFERENCE_CANDIDATES = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** A shared formula's text moved from its master's cell to a clone's (ExcelJS's slideFormula). */
function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(REFERENCE_CANDIDATES, (whole: string, sheet: string | undefined, _s, address: string, paren?: string) => {
    if (paren) return whole;
    const match = COLUMN_LETTERS.exec(address);
    if (!match) return whole;
    const [, colDollar, colText, rowDollar, rowText] = match;
    const letters = colText.toUpperCase();
    if (letters.length > 3 || (letters.length === 3 && letters > "XFD")) return whole;
    let col = columnNumber(letters);
    let row = parseInt(rowText, 10);
    if (!colDollar) col += to.col - from.col;
    if (!rowDollar) row += to.row - from.row;
    const cell = toA1(row - 1, col - 1).replace(/\d+$/, "");
    return (sheet ?? "") + (colDollar ?? "") + cell + (rowDollar ?? "") + String(row);
  });
}

/** Excel stores newer functions as _xlfn.NAME; Excel and Office.js show them without the prefix. */
function displayFormula(formula: string): string {
  return "=" + formula.replace(/_xlfn\.|_xlws\./g, "");
}

/** The number format of each cell style (cellXfs index), null for General. */
function cellFormats(styles: string | null): (string | null)[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  forEachElement(styles, "numFmt", (attributes) => {
    const id = Number(attributeOf(attributes, "numFmtId"));
    const code = attributeOf(attributes, "formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  });
  const formats: (string | null)[] = [];
  const xfs = childText(styles, "cellXfs");
  forEachElement(xfs?.text ?? "", "xf", (attributes) => {
    const id = Number(attributeOf(attributes, "numFmtId") ?? 0);
    formats.push(id ? (custom.get(id) ?? BUILT_IN_FORMATS[id] ?? null) : null);
  });
  return formats.map((format) => (format === "" ? null : format));
}

/** What a shared formula's clones need of its master. */
interface SharedMaster {
  formula: string;
  row: number;
  col: number;
}

/** A cell's value from its type (t) and its <v> or <is>. */
function cellValue(type: string | undefined, v: string | null, inline: string | null, strings: readonly string[]): Scalar {
  if (type === "inlineStr") return inline === null ? null : stringItem(inline);
  if (v === null) return null;
  if (type === "s") return strings[parseInt(v, 10)] ?? null;
  return typedValue(type, v);
}

/** A formula's cached result (ExcelJS ignores an empty <v>). */
function resultValue(type: string | undefined, v: string | null): Scalar {
  return v ? typedValue(type, v) : null;
}

/** A <v> read by the cell's type: text, boolean, error (as its text) or number. */
function typedValue(type: string | undefined, v: string): Scalar {
  switch (type) {
    case "str":
      return decodeText(v);
    case "b":
      return parseInt(v, 10) !== 0;
    case "e":
      return v;
    default:
      return parseFloat(v);
  }
}

function sheetData(name: string, xml: string, strings: readonly string[], formats: readonly (string | null)[], file: string): SheetData {
  const cells: CollectedCell[] = [];
  const hiddenRows: number[] = [];
  const masters = new Map<string, SharedMaster>();
  /** Positions that hold a cell, to tell a merge's covered cells that have a cell of their own. */
  const byPosition = new Map<string, CollectedCell>();
  const covered = new Set<CollectedCell>();
  let rowNumber = 0;
  forEachElement(
    xml,
    "row",
    (rowAttributes, rowBody) => {
      const r = Number(attributeOf(rowAttributes, "r"));
      rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
      const hidden = attributeOf(rowAttributes, "hidden");
      if (hidden === "1" || hidden === "true") hiddenRows.push(rowNumber);
      let col = 0;
      forEachElement(
        rowBody ?? "",
        "c",
        (attributes, body) => {
          const ref = attributeOf(attributes, "r");
          const position = ref ? parseA1(ref) : null;
          col = position ? position.col + 1 : col + 1;
          const row = position ? position.row + 1 : rowNumber;
          const type = attributeOf(attributes, "t");
          const style = Number(attributeOf(attributes, "s") ?? 0);
          const f = childText(body ?? "", "f");
          const v = childText(body ?? "", "v")?.text ?? null;
          let content: CellContent;
          const shareType = f ? attributeOf(f.attributes, "t") : undefined;
          if (f && (f.text !== "" || shareType !== undefined)) {
            let formula = decodeText(f.text);
            if (shareType === "shared") {
              const si = attributeOf(f.attributes, "si") ?? "";
              if (attributeOf(f.attributes, "ref") !== undefined && formula !== "") masters.set(si, { formula, row, col });
              else if (formula === "") {
                const master = masters.get(si);
                formula = master ? slideFormula(master.formula, master, { row, col }) : "";
              }
            }
            content = { value: resultValue(type, v), formula: formula ? displayFormula(formula) : null };
          } else {
            const inline = type === "inlineStr" ? (childText(body ?? "", "is")?.text ?? null) : null;
            content = { value: cellValue(type, v, inline, strings), formula: null };
          }
          const address = toA1(row - 1, col - 1);
          checkText(content, file, name, address);
          const numFmt = formats[style] ?? null;
          const cell = { row, col, content, numFmt };
          byPosition.set(address, cell);
          cells.push(cell);
        },
        true,
      );
    },
    true,
  );
  const merges: string[] = [];
  forEachElement(xml, "mergeCell", (attributes) => {
    const area = parseArea(attributeOf(attributes, "ref") ?? "");
    if (!area) return;
    merges.push(`${toA1(area.top, area.left)}:${toA1(area.bottom, area.right)}`);
    // A merge's covered cells are empty (ExcelJS: every cell of a merge answers the master); they
    // keep the number format of their own cell (ExcelJS lists them, unlike other empty cells).
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        const cell = r === area.top && c === area.left ? undefined : byPosition.get(toA1(r, c));
        if (cell) {
          cell.content = { value: null, formula: null };
          covered.add(cell);
        }
      }
    }
  });
  // ExcelJS lists an empty cell only when a merge covers it: only then does its number format count.
  const listed = cells.filter((cell) => cell.content.value !== null || cell.content.formula !== null || covered.has(cell));
  return layOutSheet(name, listed, hiddenRows, merges, file);
}

/** Every worksheet of an opened package, in tab order. */
function workbookDataOf(text: PartText, file: string): WorkbookData {
  const workbook = text("xl/workbook.xml");
  if (!workbook) throw parseFailed(file, new Error("no xl/workbook.xml"));
  const rels = relationships(text("xl/_rels/workbook.xml.rels"));
  const byId = new Map(rels.map((rel) => [rel.id, rel]));
  const sharedRel = rels.find((rel) => /\/sharedStrings$/.test(rel.type));
  const sharedXml = text(sharedRel ? resolvePart("xl/workbook.xml", sharedRel.target) : "xl/sharedstrings.xml");
  const strings: string[] = [];
  if (sharedXml) forEachElement(sharedXml, "si", (_a, body) => strings.push(stringItem(body ?? "")), true);
  const stylesRel = rels.find((rel) => /\/styles$/.test(rel.type));
  const formats = cellFormats(text(stylesRel ? resolvePart("xl/workbook.xml", stylesRel.target) : "xl/styles.xml"));
  const sheets: SheetData[] = [];
  forEachElement(workbook, "sheet", (attributes) => {
    const name = attributeOf(attributes, "name") ?? "";
    const id = attributeOf(attributes, "r:id") ?? /\s[\w]+:id="([^"]*)"/.exec(" " + attributes)?.[1] ?? "";
    const rel = byId.get(id);
    if (!rel || !/\/worksheet$/.test(rel.type)) return;
    const xml = text(resolvePart("xl/workbook.xml", rel.target));
    if (xml === null) return;
    sheets.push(sheetData(name, xml, strings, formats, file));
  });
  return { sheets };
}

/**
 * Reads an .xlsx's bytes as WorkbookData. Anything that is not a readable .xlsx (.xls, password-
 * protected, a renamed CSV, damaged, over the limits, …) throws an XlsxReadError with the reason
 * the CLI gives for it.
 */
export function readXlsxData(bytes: Uint8Array, file: string, options: { inflateRaw?: RawInflater } = {}): WorkbookData {
  const tooLarge = overLimit(LIMITS, "fileBytes", bytes.length);
  if (tooLarge) throw new XlsxReadError(file, tooLarge.code, describeProblem(tooLarge));
  const { problem, opened } = openPackage(bytes, options);
  if (problem) throw new XlsxReadError(file, problem.code, describeProblem(problem));
  try {
    return workbookDataOf(opened.text, file);
  } catch (error) {
    if (error instanceof XlsxReadError) throw error;
    throw parseFailed(file, error);
  }
}
