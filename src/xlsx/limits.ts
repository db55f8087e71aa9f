/**
 * The limits a package must stay within before ExcelJS reads it: one table (LIMIT_TABLE: each
 * limit's value, what it measures, the problem and the user's message when a package passes it),
 * the refusals that are no limit (REFUSALS: a damaged or tampered package, a DTD), and the check
 * that enforces them (checkPackageLimits; kind.ts's classifyBytes runs it, so the CLI and the
 * browser demo refuse the same files with the same words). ExcelJS inflates every part of a
 * package into one string and builds an object for every cell, row, merged cell and validated
 * cell; a hostile or broken file (a zip bomb, a sheet of a million rows, a merged area over the
 * whole sheet) would exhaust memory or time before any check after loading could run. So, from
 * the bytes alone:
 *
 * 1. the ZIP directory: number of parts, each part's size and compression ratio, the total;
 * 2. every part inflated here, in constant memory (src/xlsx/inflate.ts), against the size the
 *    directory claims (a directory that understates the sizes is refused at the first extra byte);
 * 3. the XML parts scanned while they inflate (src/xlsx/xml.ts): elements in all, and in the
 *    sheets rows, cells, cells covered by merged areas and by data validations, against Excel's
 *    own grid; no DTD.
 *
 * docs/security.md lists every limit; test/hostile-files.test.ts runs the hostile corpus
 * (src/fixtures/hostile-corpus.ts) through the CLI under a 512 MB heap.
 */
import type { Localized } from "../core/types";
import { inflateRaw, InflateError, type InflateResult, type InflateSink } from "./inflate";
import { compressedBytes, type ZipEntry } from "./zip";
import { asciiBytes, attributeOf, forEachElement, relationships, resolvePart, XmlStreamScanner, type XmlScanHandler } from "./xml";

const MiB = 1024 * 1024;

/** Why a package is refused before ExcelJS reads it. `sheet` is the sheet's tab name when known. */
export type LimitProblem =
  | { code: "file-too-large"; bytes: number; limit: number }
  | { code: "too-many-parts"; count: number; limit: number }
  | { code: "zip-bomb"; part: string; sheet?: string; compressed: number; inflated: number; limit: number }
  | { code: "part-too-large"; part: string; sheet?: string; inflated: number; limit: number }
  | { code: "package-too-large"; inflated: number; limit: number }
  | { code: "size-mismatch"; part: string; sheet?: string }
  | { code: "corrupt-part"; part: string; sheet?: string }
  | { code: "zip-method"; part: string; method: number }
  | { code: "too-many-elements"; part: string; sheet?: string; limit: number }
  | { code: "too-many-sheets"; limit: number }
  | { code: "too-many-rows"; sheet: string; limit: number }
  | { code: "too-many-cells"; sheet: string; limit: number }
  | { code: "too-many-validation-cells"; sheet: string; limit: number }
  | { code: "outside-grid"; sheet: string; ref: string }
  | { code: "too-large"; sheet: string; range: string; limit: number }
  | { code: "doctype"; part: string };

type LimitCode = LimitProblem["code"];
type ProblemOf<C extends LimitCode> = Extract<LimitProblem, { code: C }>;
type Message<C extends LimitCode> = (problem: ProblemOf<C>) => Localized;

/** Where a measure passed its limit: what a problem and its message name. */
export interface Where {
  part?: string;
  /** The part's sheet tab name, asked only when a problem is found (it may inflate workbook.xml). */
  sheet?: () => string | undefined;
  compressed?: number;
  inflated?: number;
  /** A sheet's used range ("A1:XFD1048576"). */
  range?: string;
}

/** A limit the check enforces: passing it gives a problem `code`, told with `message`. */
interface EnforcedLimit<C extends LimitCode> {
  value: number;
  /** What is measured against the value. */
  measures: string;
  code: C;
  problem: (measured: number, limit: number, where: Where) => ProblemOf<C>;
  message: Message<C>;
}

/** A bound other limits or checks use, with no problem of its own here. */
interface Bound {
  value: number;
  measures: string;
  code: null;
  /** Where it is enforced. */
  usedBy: string;
}

function enforced<C extends LimitCode>(
  value: number,
  measures: string,
  code: C,
  problem: EnforcedLimit<C>["problem"],
  message: Message<C>,
): EnforcedLimit<C> {
  return { value, measures, code, problem, message };
}

function bound(value: number, measures: string, usedBy: string): Bound {
  return { value, measures, code: null, usedBy };
}

/** "2.0 GB", "45.3 MB", "900 KB". */
function formatBytes(bytes: number): string {
  const KiB = 1024;
  const GiB = MiB * 1024;
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 0 : 1)} MB`;
  return `${Math.ceil(bytes / KiB)} KB`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** 「シート「X」（xl/worksheets/sheet1.xml）」 / 'sheet "X" (xl/…)', or the part's name alone. */
function at(sheet: string | undefined, part: string): Localized {
  return sheet !== undefined
    ? { ja: `シート「${sheet}」（${part}）`, en: `sheet "${sheet}" (${part})` }
    : { ja: `「${part}」`, en: `"${part}"` };
}

const NOT_REPORT: Localized = { ja: "報告書の様式の大きさではありません", en: "far beyond any report" };

/** The part a problem is about ("" when the caller gave none: it always does for these limits). */
function partOf(where: Where): string {
  return where.part ?? "";
}

/** The sheet's tab name, or the part's name when the workbook does not name it. */
function sheetOrPart(where: Where): string {
  return where.sheet?.() ?? partOf(where);
}

/**
 * Every limit, in the order a package is checked (checkPackageLimits walks the directory's in this
 * order: the first passed is the one reported).
 */
export const LIMIT_TABLE = {
  fileBytes: enforced(
    100 * MiB,
    "the file's size in bytes (the CLI and the demo refuse larger files before reading them)",
    "file-too-large",
    (measured, limit) => ({ code: "file-too-large", bytes: measured, limit }),
    (p) => ({
      ja: `ファイルが大きすぎます（${formatBytes(p.bytes)}。上限 ${formatBytes(p.limit)}）`,
      en: `the file is too large (${formatBytes(p.bytes)}; the limit is ${formatBytes(p.limit)})`,
    }),
  ),
  parts: enforced(
    10_000,
    "parts (files) in the ZIP archive",
    "too-many-parts",
    (measured, limit) => ({ code: "too-many-parts", count: measured, limit }),
    (p) => ({
      ja: `ZIP の中のファイルが多すぎます（${count(p.count)} 個。上限 ${count(p.limit)} 個）`,
      en: `the ZIP archive holds too many files (${count(p.count)}; the limit is ${count(p.limit)})`,
    }),
  ),
  ratio: enforced(
    100,
    "a part's inflated size ÷ its compressed size, for a part larger than ratioFloorBytes inflated",
    "zip-bomb",
    (_measured, limit, where) => ({
      code: "zip-bomb",
      part: partOf(where),
      sheet: where.sheet?.(),
      compressed: where.compressed ?? 0,
      inflated: where.inflated ?? 0,
      limit,
    }),
    (p) => {
      const ratio = Math.round(p.inflated / Math.max(1, p.compressed));
      const where = at(p.sheet, p.part);
      return {
        ja: `${where.ja}は展開すると ${formatBytes(p.inflated)}（圧縮時の ${count(ratio)} 倍。上限 ${p.limit} 倍）になります。ZIP 爆弾の疑いがあるため読み込みません`,
        en: `${where.en} would inflate to ${formatBytes(p.inflated)}, ${count(ratio)} times its compressed size (the limit is ${p.limit}): a suspected zip bomb, not read`,
      };
    },
  ),
  ratioFloorBytes: bound(1 * MiB, "the inflated size from which a part's compression ratio counts", "ratio"),
  partBytes: enforced(
    64 * MiB,
    "one part, inflated (ExcelJS makes it one string)",
    "part-too-large",
    (measured, limit, where) => ({ code: "part-too-large", part: partOf(where), sheet: where.sheet?.(), inflated: measured, limit }),
    (p) => {
      const where = at(p.sheet, p.part);
      return {
        ja: `${where.ja}が大きすぎます（展開後 ${formatBytes(p.inflated)}。1 つの部品の上限 ${formatBytes(p.limit)}）`,
        en: `${where.en} is too large (${formatBytes(p.inflated)} inflated; the limit per part is ${formatBytes(p.limit)})`,
      };
    },
  ),
  totalBytes: enforced(
    256 * MiB,
    "all parts, inflated (this many parts so far)",
    "package-too-large",
    (measured, limit) => ({ code: "package-too-large", inflated: measured, limit }),
    (p) => ({
      ja: `展開後の大きさの合計が大きすぎます（${formatBytes(p.inflated)} 以上。上限 ${formatBytes(p.limit)}）`,
      en: `the parts inflate to too much in total (${formatBytes(p.inflated)} or more; the limit is ${formatBytes(p.limit)})`,
    }),
  ),
  sheets: enforced(
    1_000,
    "<sheet> elements in workbook.xml",
    "too-many-sheets",
    (_measured, limit) => ({ code: "too-many-sheets", limit }),
    (p) => ({
      ja: `シートが多すぎます（上限 ${count(p.limit)} 枚）`,
      en: `the workbook lists too many sheets (the limit is ${count(p.limit)})`,
    }),
  ),
  xmlElements: enforced(
    1_000_000,
    "XML elements in all the XML parts together",
    "too-many-elements",
    (_measured, limit, where) => ({ code: "too-many-elements", part: partOf(where), sheet: where.sheet?.(), limit }),
    (p) => {
      const where = at(p.sheet, p.part);
      return {
        ja: `${where.ja}までで XML の要素が上限の ${count(p.limit)} 個を超えました（${NOT_REPORT.ja}）`,
        en: `the XML up to ${where.en} holds more than ${count(p.limit)} elements, the limit (${NOT_REPORT.en})`,
      };
    },
  ),
  rows: enforced(
    200_000,
    "<row> elements in all the sheets together",
    "too-many-rows",
    (_measured, limit, where) => ({ code: "too-many-rows", sheet: sheetOrPart(where), limit }),
    (p) => ({
      ja: `シート「${p.sheet}」までで行が上限の ${count(p.limit)} 行を超えました（${NOT_REPORT.ja}。不要な行が大量に残っていないか確認してください）`,
      en: `the sheets up to "${p.sheet}" hold more than ${count(p.limit)} rows, the limit (${NOT_REPORT.en}; look for masses of unused rows)`,
    }),
  ),
  cells: enforced(
    200_000,
    "<c> elements plus the cells merged areas cover, in all the sheets together",
    "too-many-cells",
    (_measured, limit, where) => ({ code: "too-many-cells", sheet: sheetOrPart(where), limit }),
    (p) => ({
      ja: `シート「${p.sheet}」まででセル（結合セルの範囲を含む）が上限の ${count(p.limit)} 個を超えました（${NOT_REPORT.ja}）`,
      en: `the sheets up to "${p.sheet}" hold more than ${count(p.limit)} cells (merged areas included), the limit (${NOT_REPORT.en})`,
    }),
  ),
  validationCells: enforced(
    2_097_152,
    "cells covered by data validations (ExcelJS makes one entry per cell), in all the sheets",
    "too-many-validation-cells",
    (_measured, limit, where) => ({ code: "too-many-validation-cells", sheet: sheetOrPart(where), limit }),
    (p) => ({
      ja: `シート「${p.sheet}」までで入力規則の範囲が上限の ${count(p.limit)} セル（2 列分）を超えました`,
      en: `the data validations up to sheet "${p.sheet}" cover more than ${count(p.limit)} cells (two whole columns), the limit`,
    }),
  ),
  usedRangeCells: enforced(
    5_000_000,
    "a sheet's used range, from its first to its last cell with content (the checks hold it as dense arrays); " +
      "measured here on the cells with content in the XML, and again when the sheet is read (read.ts, on the values)",
    "too-large",
    (_measured, limit, where) => ({ code: "too-large", sheet: sheetOrPart(where), range: where.range ?? "", limit }),
    (p) => ({
      ja: `シート「${p.sheet}」の使用範囲 ${p.range} が大きすぎて読めません（上限 ${count(p.limit)} セル。離れたセルに値が残っていないか確認してください）`,
      en: `the used range ${p.range} of sheet "${p.sheet}" is too large to read (the limit is ${count(p.limit)} cells; look for a stray value far from the data)`,
    }),
  ),
  textLength: bound(32_767, "characters in one cell's text: Excel's own limit", "read.ts, when cells are read (text-too-long)"),
  maxRow: bound(1_048_576, "rows of Excel's grid (XFD1048576)", "the sheet scan (outside-grid)"),
  maxColumn: bound(16_384, "columns of Excel's grid (XFD1048576)", "the sheet scan (outside-grid)"),
} as const;

type LimitName = keyof typeof LIMIT_TABLE;
export type Limits = { readonly [K in LimitName]: number };

/** The limits the check enforces itself (the others are bounds). */
export type EnforcedName = { [K in LimitName]: (typeof LIMIT_TABLE)[K]["code"] extends null ? never : K }[LimitName];
type EnforcedCode = (typeof LIMIT_TABLE)[EnforcedName]["code"];

/** Every limit's value: what the check uses unless a test tightens some. */
export const LIMITS: Limits = (Object.keys(LIMIT_TABLE) as LimitName[]).reduce(
  (limits, name) => {
    limits[name] = LIMIT_TABLE[name].value;
    return limits;
  },
  {} as { [K in LimitName]: number },
);

const ENFORCED_NAMES = (Object.keys(LIMIT_TABLE) as LimitName[]).filter((name): name is EnforcedName => LIMIT_TABLE[name].code !== null);

/** The refusals that pass no limit: a package damaged or tampered with, or that Excel never writes. */
const REFUSALS: { [C in Exclude<LimitCode, EnforcedCode>]: Message<C> } = {
  "size-mismatch": (p) => {
    const where = at(p.sheet, p.part);
    return {
      ja: `ファイルが壊れているか、細工されています（${where.ja}の中身が ZIP に記録された大きさと一致しません）`,
      en: `the file is damaged or tampered with (${where.en} does not match the size its ZIP directory records)`,
    };
  },
  "corrupt-part": (p) => {
    const where = at(p.sheet, p.part);
    return {
      ja: `ファイルが壊れています（${where.ja}の圧縮データを展開できません）`,
      en: `the file is damaged (${where.en} cannot be inflated)`,
    };
  },
  "zip-method": (p) => ({
    ja: `「${p.part}」が Excel の使わない方式（方式 ${p.method}）で圧縮されているため読めません。Excel で開いて保存し直してください`,
    en: `"${p.part}" uses a compression method Excel does not use (method ${p.method}); open and save it in Excel again`,
  }),
  "outside-grid": (p) => ({
    ja: `シート「${p.sheet}」の「${p.ref}」が Excel のシートの範囲（A1:XFD1048576）の外を指しています。Excel で保存されたブックではありません`,
    en: `"${p.ref}" on sheet "${p.sheet}" lies outside Excel's grid (A1:XFD1048576); the workbook was not saved by Excel`,
  }),
  doctype: (p) => ({
    ja: `「${p.part}」に文書型宣言（DOCTYPE・ENTITY）があります。Excel の保存するブックにはないもので、安全のため読み込みません`,
    en: `"${p.part}" declares a DTD (DOCTYPE/ENTITY), which Excel never writes; not read, for safety`,
  }),
};

const MESSAGES = new Map<string, (problem: LimitProblem) => Localized>([
  ...ENFORCED_NAMES.map((name) => [LIMIT_TABLE[name].code, LIMIT_TABLE[name].message as (problem: LimitProblem) => Localized] as const),
  ...Object.entries(REFUSALS).map(([code, message]) => [code, message as (problem: LimitProblem) => Localized] as const),
]);

/** Whether a problem is one of the limits' (told by describeLimitProblem). */
export function isLimitProblem(problem: { code: string }): problem is LimitProblem {
  return MESSAGES.has(problem.code);
}

/** The user's message for a limit problem, in Japanese and English. */
export function describeLimitProblem(problem: LimitProblem): Localized {
  return MESSAGES.get(problem.code)!(problem);
}

/**
 * The check: the problem when `measured` passes limit `name` (as `limits` set it), else null. The
 * problem (and the sheet's name in it) is made only when the limit is passed: the sheet scan calls
 * this for every row and cell.
 */
export function overLimit(limits: Limits, name: EnforcedName, measured: number, where: Where = {}): LimitProblem | null {
  const limit = limits[name];
  return measured > limit ? LIMIT_TABLE[name].problem(measured, limit, where) : null;
}

/** Walks the table in its order: the first limit one of `measured` passes, as a problem; null when none. */
function firstOverLimit(limits: Limits, measured: { readonly [K in EnforcedName]?: number }, where: Where = {}): LimitProblem | null {
  for (const name of ENFORCED_NAMES) {
    const value = measured[name];
    if (value === undefined) continue;
    const problem = overLimit(limits, name, value, where);
    if (problem) return problem;
  }
  return null;
}

function partName(entry: ZipEntry): string {
  return entry.name.replace(/^\//, "");
}

/** Parts ExcelJS parses as XML (and the other XML parts, which it inflates as text). */
function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

function isWorksheetPart(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
}

/**
 * Inflates a part completely (it passed the directory checks, so it is at most partBytes) and
 * decodes it as UTF-8; null when it cannot be read.
 */
function partText(bytes: Uint8Array, entry: ZipEntry | undefined, inflate: RawInflater): string | null {
  if (!entry) return null;
  const data = compressedBytes(bytes, entry);
  if (!data) return null;
  if (entry.method === 0) return new TextDecoder("utf-8").decode(data);
  const chunks: Uint8Array[] | null = inflate.wholeOutput ? null : [];
  try {
    const result = inflate(data, entry.uncompressedSize, chunks ? (chunk) => void chunks.push(chunk.slice()) : undefined);
    if (result.end !== "end") return null;
    return new TextDecoder("utf-8").decode(result.output ?? concat(chunks, result.size));
  } catch {
    return null;
  }
}

const NAMES_PART_BYTES = 4 * MiB;

/** Worksheet part (lower case, no leading "/") -> the sheet's tab name, from workbook.xml and its rels. */
function sheetNamesByPart(bytes: Uint8Array, entries: readonly ZipEntry[], inflate: RawInflater): Map<string, string> {
  const byName = (name: string) => entries.find((e) => partName(e).toLowerCase() === name);
  const names = new Map<string, string>();
  const entry = byName("xl/workbook.xml");
  // Only for the messages: a workbook.xml of megabytes (a few KB in any real file) goes unnamed.
  if (!entry || entry.uncompressedSize > NAMES_PART_BYTES) return names;
  const workbook = partText(bytes, entry, inflate);
  if (!workbook) return names;
  const relsEntry = byName("xl/_rels/workbook.xml.rels");
  const relsText = relsEntry && relsEntry.uncompressedSize <= NAMES_PART_BYTES ? partText(bytes, relsEntry, inflate) : null;
  const targets = new Map(relationships(relsText).map((r) => [r.id, r.target]));
  forEachElement(workbook, "sheet", (attributes) => {
    const name = attributeOf(attributes, "name");
    const target = targets.get(attributeOf(attributes, "r:id") ?? "");
    if (name !== undefined && target) names.set(resolvePart("xl/workbook.xml", target), name);
  });
  return names;
}

/**
 * A cell reference decoded the way ExcelJS decodes it (colCache.decodeAddress): capital letters
 * before the digits are the column, digits the row; "$" and anything else before them are
 * skipped. 0 for a part that is missing (a whole column "A", a whole row "1").
 */
export function decodeCellRef(ref: string): { row: number; col: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
      row = row * 10 + c - 48;
    } else if (hasRow && hasCol && c !== 36) {
      break;
    }
    // Past any real sheet: stop growing (the caller compares with the grid).
    if (col > 1e9 || row > 1e12) break;
  }
  return { row, col };
}

/** 1 -> "A", 28 -> "AB". */
function columnLetters(col: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Elements whose attributes the count reads (XmlStreamScanner's startTag answers). */
const ROW = 1;
const CELL = 2;
const MERGE = 3;
const VALIDATION = 4;
const COLUMN = 5;
const SHEET = 6;
const SHEET_ELEMENTS: [number, Uint8Array][] = [
  [ROW, asciiBytes("row")],
  [CELL, asciiBytes("c")],
  [MERGE, asciiBytes("mergeCell")],
  [VALIDATION, asciiBytes("dataValidation")],
  [COLUMN, asciiBytes("col")],
];
const SHEET_NAME = asciiBytes("sheet");
const ATTRIBUTE = {
  r: asciiBytes("r"),
  ref: asciiBytes("ref"),
  sqref: asciiBytes("sqref"),
  min: asciiBytes("min"),
  max: asciiBytes("max"),
};

/**
 * Counts, over the XML parts as they are scanned, what decides how many objects ExcelJS will make:
 * elements in all; in sheets rows (r), cells (r), merged areas (ref), validated areas (sqref),
 * column definitions (min/max) and each sheet's used range; sheets in workbook.xml. Stops at the
 * first limit passed (`problem`).
 */
class PackageCount implements XmlScanHandler {
  problem: LimitProblem | null = null;
  readonly scanner = new XmlStreamScanner(this);
  private elements = 0;
  private rows = 0;
  private cells = 0;
  private validationCells = 0;
  private sheets = 0;

  private part = "";
  private where: Where = {};
  private worksheet = false;
  private workbook = false;
  /** The last row and column the sheet named (cells and rows without r follow on). */
  private row = 0;
  private col = 0;
  /** The sheet's used range so far: the cells with content (1-based; top 0 while none). */
  private top = 0;
  private bottom = 0;
  private left = 0;
  private right = 0;

  /** `sheetOf` names a part's sheet, for the messages: asked only when a problem is found. */
  constructor(
    private readonly limits: Limits,
    private readonly sheetOf: (part: string) => string | undefined,
  ) {}

  get stopped(): boolean {
    return this.problem !== null;
  }

  startPart(part: string, kind: "worksheet" | "workbook" | "other"): void {
    this.part = part;
    this.where = { part, sheet: () => this.sheetOf(part) };
    this.worksheet = kind === "worksheet";
    this.workbook = kind === "workbook";
    this.scanner.reset();
    this.row = 0;
    this.col = 0;
    this.top = this.bottom = this.left = this.right = 0;
  }

  /** After the part's last chunk: the sheet's used range against the limit. */
  endPart(): LimitProblem | null {
    if (this.problem || !this.worksheet || this.top === 0) return this.problem;
    const cells = (this.bottom - this.top + 1) * (this.right - this.left + 1);
    const range = `${columnLetters(this.left)}${this.top}:${columnLetters(this.right)}${this.bottom}`;
    this.problem = overLimit(this.limits, "usedRangeCells", cells, { ...this.where, range });
    return this.problem;
  }

  declaration(): void {
    this.problem = { code: "doctype", part: this.part };
  }

  startTag(scanner: XmlStreamScanner): number {
    this.problem = overLimit(this.limits, "xmlElements", ++this.elements, this.where);
    if (this.problem) return 0;
    if (this.worksheet) {
      for (const [id, bytes] of SHEET_ELEMENTS) if (scanner.nameIs(bytes)) return id;
    } else if (this.workbook && scanner.nameIs(SHEET_NAME)) {
      return SHEET;
    }
    return 0;
  }

  private sheetName(): string {
    return this.sheetOf(this.part) ?? this.part;
  }

  private outside(ref: string): void {
    this.problem = { code: "outside-grid", sheet: this.sheetName(), ref };
  }

  /**
   * The number of cells an area ("A1:C3", "B2") covers, as ExcelJS would visit them; a missing
   * row or column counts as the whole column or row. Null (and a problem) when it leaves the grid.
   */
  private area(ref: string): number | null {
    const [a, b = a] = ref.split(":");
    const start = decodeCellRef(a);
    const end = decodeCellRef(b);
    const { maxRow, maxColumn } = this.limits;
    if (start.row > maxRow || end.row > maxRow || start.col > maxColumn || end.col > maxColumn) {
      this.outside(ref);
      return null;
    }
    const rows = start.row === 0 || end.row === 0 ? maxRow : Math.abs(end.row - start.row) + 1;
    const cols = start.col === 0 || end.col === 0 ? maxColumn : Math.abs(end.col - start.col) + 1;
    return rows * cols;
  }

  endTag(element: number, empty: boolean): void {
    const scanner = this.scanner;
    switch (element) {
      case ROW: {
        this.problem = overLimit(this.limits, "rows", ++this.rows, this.where);
        if (this.problem) return;
        const r = scanner.attribute(ATTRIBUTE.r);
        const row = r === null ? this.row + 1 : Number(r);
        if (!Number.isInteger(row) || row < 1 || row > this.limits.maxRow) return this.outside(r ?? String(row));
        this.row = row;
        this.col = 0;
        return;
      }
      case CELL: {
        this.problem = overLimit(this.limits, "cells", ++this.cells, this.where);
        if (this.problem) return;
        const r = scanner.attribute(ATTRIBUTE.r);
        const ref = r === null ? null : decodeCellRef(r);
        const col = ref && ref.col > 0 ? ref.col : this.col + 1;
        const row = ref && ref.row > 0 ? ref.row : this.row;
        if (col > this.limits.maxColumn || row > this.limits.maxRow) return this.outside(r ?? `R${row}C${col}`);
        this.col = col;
        // <c …/> holds nothing; <c …>…</c> may hold a value or a formula: it counts for the used range.
        if (!empty && row > 0) {
          if (this.top === 0 || row < this.top) this.top = row;
          if (row > this.bottom) this.bottom = row;
          if (this.left === 0 || col < this.left) this.left = col;
          if (col > this.right) this.right = col;
        }
        return;
      }
      case MERGE: {
        const ref = scanner.attribute(ATTRIBUTE.ref);
        const cells = ref === null ? 0 : this.area(ref);
        if (cells !== null) {
          this.cells += cells;
          this.problem = overLimit(this.limits, "cells", this.cells, this.where);
        }
        return;
      }
      case VALIDATION: {
        for (const ref of (scanner.attribute(ATTRIBUTE.sqref) ?? "").split(/\s+/)) {
          if (ref === "") continue;
          const cells = this.area(ref);
          if (cells === null) return;
          this.validationCells += cells;
          this.problem = overLimit(this.limits, "validationCells", this.validationCells, this.where);
          if (this.problem) return;
        }
        return;
      }
      case COLUMN: {
        // ExcelJS makes a column object for every column up to max.
        const min = Number(scanner.attribute(ATTRIBUTE.min) ?? 1);
        const max = Number(scanner.attribute(ATTRIBUTE.max) ?? min);
        if (!(min <= this.limits.maxColumn && max <= this.limits.maxColumn)) this.outside(`${min}:${max}`);
        return;
      }
      case SHEET:
        this.problem = overLimit(this.limits, "sheets", ++this.sheets);
        return;
    }
  }
}

/**
 * A raw DEFLATE decoder with inflateRaw's contract: output to `sink` in order, "limit" once more than
 * `limit` bytes came out, "stopped" when the sink returns false, InflateError for bad data. The
 * browser uses inflateRaw (src/xlsx/inflate.ts); the CLI passes zlib's (src/node/inflate.ts),
 * which does the same work natively, several times faster.
 */
export type RawInflater = ((input: Uint8Array, limit: number, sink?: InflateSink) => InflateResult) & {
  /** Set when every complete result carries `output`: the chunks need not be copied to be kept. */
  readonly wholeOutput?: boolean;
};

export interface PackageCheckOptions {
  /** The DEFLATE decoder (default: inflateRaw, which needs no Node). */
  inflate?: RawInflater;
  /**
   * Filled with every part's inflated bytes, when the package passes (src/xlsx/open.ts keeps them,
   * so nothing is inflated twice). Its contents are undefined when a problem is found.
   */
  parts?: Map<ZipEntry, Uint8Array>;
}

/**
 * Checks a ZIP package that holds a workbook against `limits`, from its bytes: null when ExcelJS
 * may read it. `entries` is listZipEntries(bytes).
 */
export function checkPackageLimits(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  limits: Limits = LIMITS,
  { inflate = inflateRaw, parts }: PackageCheckOptions = {},
): LimitProblem | null {
  const file = firstOverLimit(limits, { fileBytes: bytes.length, parts: entries.length });
  if (file) return file;

  // The sheets' tab names, for the messages: read from workbook.xml (inflated only when small) the
  // first time a problem names a part, not for every package that passes.
  let sheets: Map<string, string> | undefined;
  const sheetOf = (part: string) => (sheets ??= sheetNamesByPart(bytes, entries, inflate)).get(part.toLowerCase());

  // 1. What the directory says.
  let total = 0;
  for (const entry of entries) {
    const part = partName(entry);
    if (entry.method !== 0 && entry.method !== 8) return { code: "zip-method", part, method: entry.method };
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) return { code: "size-mismatch", part, sheet: sheetOf(part) };
    const inflated = entry.uncompressedSize;
    const compressed = entry.compressedSize;
    total += inflated;
    const problem = firstOverLimit(
      limits,
      {
        ratio: inflated > limits.ratioFloorBytes ? inflated / Math.max(1, compressed) : undefined,
        partBytes: inflated,
        totalBytes: total,
      },
      { part, sheet: () => sheetOf(part), compressed, inflated },
    );
    if (problem) return problem;
  }

  // 2 and 3. What the parts hold: each inflated and checked against the size the directory gave.
  const counter = new PackageCount(limits, sheetOf);
  const scanner = counter.scanner;
  for (const entry of entries) {
    const part = partName(entry);
    const data = compressedBytes(bytes, entry);
    if (!data) return { code: "corrupt-part", part, sheet: sheetOf(part) };
    const lower = part.toLowerCase();
    const xml = isXmlPart(lower);
    if (xml) counter.startPart(part, isWorksheetPart(lower) ? "worksheet" : lower === "xl/workbook.xml" ? "workbook" : "other");
    if (entry.method === 0) {
      if (xml && (!scanner.feed(data) || counter.endPart())) return counter.problem;
      parts?.set(entry, data);
      continue;
    }
    // Kept chunks are copies: the JavaScript decoder reuses its buffer.
    const chunks: Uint8Array[] | null = parts && !inflate.wholeOutput ? [] : null;
    const sink = xml
      ? (chunk: Uint8Array) => {
          chunks?.push(chunk.slice());
          return scanner.feed(chunk);
        }
      : chunks
        ? (chunk: Uint8Array) => void chunks.push(chunk.slice())
        : undefined;
    let result;
    try {
      result = inflate(data, entry.uncompressedSize, sink);
    } catch (error) {
      if (error instanceof InflateError) return { code: "corrupt-part", part, sheet: sheetOf(part) };
      throw error;
    }
    if (counter.problem || (xml && counter.endPart())) return counter.problem;
    // More bytes than the directory claims (a bomb hiding its size), or fewer (damaged).
    if (result.end !== "end" || result.size !== entry.uncompressedSize) return { code: "size-mismatch", part, sheet: sheetOf(part) };
    if (parts) parts.set(entry, result.output ?? concat(chunks, result.size));
  }
  return null;
}

function concat(chunks: readonly Uint8Array[] | null, size: number): Uint8Array {
  // A decoder that says it gives its whole output must give it: nothing was kept to fall back on.
  if (!chunks) throw new Error("the DEFLATE decoder promised its whole output and gave none");
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
