/**
 * The limits a package must stay within before ExcelJS reads it, and the check that enforces them
 * (classifyBytes in kind.ts runs it, so the CLI and the browser demo refuse the same files with
 * the same words). ExcelJS inflates every part of a package into one string and builds an object
 * for every cell, row, merged cell and validated cell; a hostile or broken file (a zip bomb, a sheet
 * of a million rows, a merged area over the whole sheet) would exhaust memory or time before any
 * check after loading could run. So, from the bytes alone:
 *
 * 1. the ZIP directory: number of parts, each part's size and compression ratio, the total;
 * 2. every part inflated here, in constant memory (src/xlsx/inflate.ts), against the size the
 *    directory claims (a directory that understates the sizes is refused at the first extra byte);
 * 3. the XML parts scanned while they inflate: elements in all, and in the sheets rows, cells,
 *    cells covered by merged areas and by data validations, against Excel's own grid; no DTD.
 *
 * docs/security.md lists every limit; test/hostile-files.test.ts runs the hostile corpus
 * (scripts/hostile-corpus.ts) through the CLI under a 512 MB heap.
 */
import { inflateRaw, InflateError, type InflateResult, type InflateSink } from "./inflate";
import { compressedBytes, type ZipEntry } from "./kind";
import { attributeOf, forEachElement, relationships, resolvePart } from "./notes";

const MiB = 1024 * 1024;

export const LIMITS = {
  /** The file itself (the demo refuses larger files before reading them). */
  fileBytes: 100 * MiB,
  /** Parts (files) in the ZIP archive. */
  parts: 10_000,
  /** Sheets the workbook lists. */
  sheets: 1_000,
  /** One part, inflated. */
  partBytes: 64 * MiB,
  /** All parts, inflated. */
  totalBytes: 256 * MiB,
  /** Inflated size ÷ compressed size, for a part larger than ratioFloorBytes when inflated. */
  ratio: 100,
  ratioFloorBytes: 1 * MiB,
  /** XML elements in all the XML parts together. */
  xmlElements: 1_000_000,
  /** <row> elements in all the sheets together. */
  rows: 200_000,
  /** <c> elements plus the cells merged areas cover, in all the sheets together. */
  cells: 200_000,
  /** Cells covered by data validations (ExcelJS makes one entry per cell), in all the sheets. */
  validationCells: 2_097_152,
  /**
   * A sheet's used range (from its first to its last cell with content): the checks hold it as
   * dense arrays. Checked here on the cells that have content in the XML, and again when the sheet
   * is read (read.ts, on the values).
   */
  usedRangeCells: 5_000_000,
  /** Characters in one cell's text: Excel's own limit. Checked when cells are read (read.ts). */
  textLength: 32_767,
  /** Excel's grid: XFD1048576. */
  maxRow: 1_048_576,
  maxColumn: 16_384,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

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

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const TEXT = 0;
const NAME = 1;
const ATTRIBUTES = 2;

/** Elements of a sheet whose attributes the scan reads. */
const ROW = 1;
const CELL = 2;
const MERGE = 3;
const VALIDATION = 4;
const COLUMN = 5;
const SHEET = 6;
const SHEET_ELEMENTS: [number, Uint8Array][] = [
  [ROW, bytesOf("row")],
  [CELL, bytesOf("c")],
  [MERGE, bytesOf("mergeCell")],
  [VALIDATION, bytesOf("dataValidation")],
  [COLUMN, bytesOf("col")],
];
const NAME_BYTES = 16;
const MAX_ATTRIBUTES = 1024;
const ATTRIBUTE = {
  r: bytesOf("r"),
  ref: bytesOf("ref"),
  sqref: bytesOf("sqref"),
  min: bytesOf("min"),
  max: bytesOf("max"),
};

/**
 * Scans XML as it inflates, chunk by chunk: counts elements, and in sheets reads the attributes
 * that decide how many objects ExcelJS will make (row r, cell r, merge ref, validation sqref, column
 * min/max). Linear in the bytes (a state machine over them, no text is decoded except those
 * attribute values); stops at the first limit crossed.
 */
class XmlScanner {
  problem: LimitProblem | null = null;
  private elements = 0;
  private rows = 0;
  private cells = 0;
  private validationCells = 0;
  private sheets = 0;

  private part = "";
  private worksheet = false;
  private workbook = false;
  private state = TEXT;
  /** The element name being read: its first NAME_BYTES bytes and its length. */
  private readonly name = new Uint8Array(NAME_BYTES);
  private nameLength = 0;
  /** Which SHEET_ELEMENTS element the attributes being read belong to. */
  private element = 0;
  private readonly attributes = new Uint8Array(MAX_ATTRIBUTES);
  private attributeLength = 0;
  private quote = 0;
  /** The last row and column the sheet named (cells and rows without r follow on). */
  private row = 0;
  private col = 0;
  /** The last byte inside the tag being read ("/" for an empty element such as <c r="A1" s="2"/>). */
  private lastByte = 0;
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

  startPart(part: string, kind: "worksheet" | "workbook" | "other"): void {
    this.part = part;
    this.worksheet = kind === "worksheet";
    this.workbook = kind === "workbook";
    this.state = TEXT;
    this.nameLength = 0;
    this.row = 0;
    this.col = 0;
    this.top = this.bottom = this.left = this.right = 0;
  }

  /** After the part's last chunk: the sheet's used range against the limit. */
  endPart(): LimitProblem | null {
    if (this.problem || !this.worksheet || this.top === 0) return this.problem;
    const cells = (this.bottom - this.top + 1) * (this.right - this.left + 1);
    if (cells > this.limits.usedRangeCells) {
      const range = `${columnLetters(this.left)}${this.top}:${columnLetters(this.right)}${this.bottom}`;
      this.problem = { code: "too-large", sheet: this.sheetName(), range, limit: this.limits.usedRangeCells };
    }
    return this.problem;
  }

  /** Scans the next chunk; false once a limit is crossed. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const state = this.state;
      if (state === TEXT) {
        const lt = chunk.indexOf(LT, i);
        if (lt < 0) break;
        this.state = NAME;
        this.nameLength = 0;
        i = lt + 1;
      } else if (state === NAME) {
        const b = chunk[i++];
        if (isSpace(b) || b === SLASH || b === GT) {
          this.openTag(b);
          if (this.problem) return false;
        } else {
          if (this.nameLength < NAME_BYTES) this.name[this.nameLength] = b;
          this.nameLength++;
        }
      } else {
        // Attributes of an element the scan reads, up to its ">" (a ">" inside quotes is text).
        const b = chunk[i++];
        if (this.quote !== 0) {
          if (b === this.quote) this.quote = 0;
        } else if (b === DQUOTE || b === SQUOTE) {
          this.quote = b;
        } else if (b === GT) {
          this.state = TEXT;
          this.closeTag();
          if (this.problem) return false;
          continue;
        }
        this.lastByte = b;
        if (this.attributeLength < MAX_ATTRIBUTES) this.attributes[this.attributeLength++] = b;
      }
    }
    return this.problem === null;
  }

  private nameIs(bytes: Uint8Array): boolean {
    if (this.nameLength !== bytes.length) return false;
    for (let i = 0; i < bytes.length; i++) if (this.name[i] !== bytes[i]) return false;
    return true;
  }

  private nameStartsWith(text: string): boolean {
    if (this.nameLength < text.length) return false;
    for (let i = 0; i < text.length; i++) if (this.name[i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private openTag(delimiter: number): void {
    this.state = TEXT;
    if (this.nameLength === 0) return; // "</…>" (the "/" ended the empty name) or a stray "<"
    const first = this.name[0];
    if (first === 0x21 /* ! */) {
      // <!DOCTYPE …> with <!ENTITY …>: entity expansion ("billion laughs") and external entities.
      // Excel never writes a DTD.
      if (this.nameStartsWith("!DOCTYPE") || this.nameStartsWith("!ENTITY")) this.problem = { code: "doctype", part: this.part };
      return;
    }
    if (first === 0x3f /* ? */) return;
    if (++this.elements > this.limits.xmlElements) {
      this.problem = { code: "too-many-elements", part: this.part, sheet: this.sheetOf(this.part), limit: this.limits.xmlElements };
      return;
    }
    let element = 0;
    if (this.worksheet) {
      for (const [id, bytes] of SHEET_ELEMENTS) {
        if (this.nameIs(bytes)) {
          element = id;
          break;
        }
      }
    } else if (this.workbook && this.nameIs(SHEET_NAME)) {
      element = SHEET;
    }
    if (element === 0) return;
    this.element = element;
    this.quote = 0;
    this.attributeLength = 0;
    this.lastByte = delimiter;
    if (delimiter === GT) this.closeTag();
    else this.state = ATTRIBUTES;
  }

  /** An attribute's value from the attribute bytes read (ASCII is all these hold), or null. */
  private attribute(name: Uint8Array): string | null {
    const a = this.attributes;
    const end = this.attributeLength;
    let quote = 0;
    for (let i = 0; i < end; i++) {
      const b = a[i];
      if (quote !== 0) {
        if (b === quote) quote = 0;
        continue;
      }
      if (b === DQUOTE || b === SQUOTE) {
        quote = b;
        continue;
      }
      if ((i > 0 && !isSpace(a[i - 1])) || i + name.length > end) continue;
      let j = 0;
      while (j < name.length && a[i + j] === name[j]) j++;
      if (j < name.length) continue;
      let k = i + j;
      while (k < end && isSpace(a[k])) k++;
      if (a[k] !== EQUALS) continue;
      k++;
      while (k < end && isSpace(a[k])) k++;
      const open = a[k];
      if (open !== DQUOTE && open !== SQUOTE) return null;
      let value = "";
      for (k++; k < end && a[k] !== open; k++) value += String.fromCharCode(a[k]);
      return value;
    }
    return null;
  }

  private sheetName(): string {
    return this.sheetOf(this.part) ?? this.part;
  }

  private outside(ref: string): void {
    this.problem = { code: "outside-grid", sheet: this.sheetName(), ref };
  }

  private addCells(count: number): void {
    this.cells += count;
    if (this.cells > this.limits.cells) this.problem = { code: "too-many-cells", sheet: this.sheetName(), limit: this.limits.cells };
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

  private closeTag(): void {
    switch (this.element) {
      case ROW: {
        if (++this.rows > this.limits.rows) {
          this.problem = { code: "too-many-rows", sheet: this.sheetName(), limit: this.limits.rows };
          return;
        }
        const r = this.attribute(ATTRIBUTE.r);
        const row = r === null ? this.row + 1 : Number(r);
        if (!Number.isInteger(row) || row < 1 || row > this.limits.maxRow) return this.outside(r ?? String(row));
        this.row = row;
        this.col = 0;
        return;
      }
      case CELL: {
        this.addCells(1);
        if (this.problem) return;
        const r = this.attribute(ATTRIBUTE.r);
        const ref = r === null ? null : decodeCellRef(r);
        const col = ref && ref.col > 0 ? ref.col : this.col + 1;
        const row = ref && ref.row > 0 ? ref.row : this.row;
        if (col > this.limits.maxColumn || row > this.limits.maxRow) return this.outside(r ?? `R${row}C${col}`);
        this.col = col;
        // <c …/> holds nothing; <c …>…</c> may hold a value or a formula: it counts for the used range.
        if (this.lastByte !== SLASH && row > 0) {
          if (this.top === 0 || row < this.top) this.top = row;
          if (row > this.bottom) this.bottom = row;
          if (this.left === 0 || col < this.left) this.left = col;
          if (col > this.right) this.right = col;
        }
        return;
      }
      case MERGE: {
        const ref = this.attribute(ATTRIBUTE.ref);
        const cells = ref === null ? 0 : this.area(ref);
        if (cells !== null) this.addCells(cells);
        return;
      }
      case VALIDATION: {
        for (const ref of (this.attribute(ATTRIBUTE.sqref) ?? "").split(/\s+/)) {
          if (ref === "") continue;
          const cells = this.area(ref);
          if (cells === null) return;
          this.validationCells += cells;
          if (this.validationCells > this.limits.validationCells) {
            this.problem = { code: "too-many-validation-cells", sheet: this.sheetName(), limit: this.limits.validationCells };
            return;
          }
        }
        return;
      }
      case COLUMN: {
        // ExcelJS makes a column object for every column up to max.
        const min = Number(this.attribute(ATTRIBUTE.min) ?? 1);
        const max = Number(this.attribute(ATTRIBUTE.max) ?? min);
        if (!(min <= this.limits.maxColumn && max <= this.limits.maxColumn)) this.outside(`${min}:${max}`);
        return;
      }
      case SHEET:
        if (++this.sheets > this.limits.sheets) this.problem = { code: "too-many-sheets", limit: this.limits.sheets };
        return;
    }
  }
}

const SHEET_NAME = bytesOf("sheet");

/** 1 -> "A", 28 -> "AB". */
function columnLetters(col: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
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
   * Filled with every part's inflated bytes, when the package passes (src/xlsx/package.ts hands
   * them to ExcelJS, so nothing is inflated twice). Its contents are undefined when a problem is found.
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
  if (bytes.length > limits.fileBytes) return { code: "file-too-large", bytes: bytes.length, limit: limits.fileBytes };
  if (entries.length > limits.parts) return { code: "too-many-parts", count: entries.length, limit: limits.parts };

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
    if (inflated > limits.ratioFloorBytes && inflated > limits.ratio * Math.max(1, entry.compressedSize)) {
      return { code: "zip-bomb", part, sheet: sheetOf(part), compressed: entry.compressedSize, inflated, limit: limits.ratio };
    }
    if (inflated > limits.partBytes) return { code: "part-too-large", part, sheet: sheetOf(part), inflated, limit: limits.partBytes };
    total += inflated;
    if (total > limits.totalBytes) return { code: "package-too-large", inflated: total, limit: limits.totalBytes };
  }

  // 2 and 3. What the parts hold: each inflated and checked against the size the directory gave.
  const scanner = new XmlScanner(limits, sheetOf);
  for (const entry of entries) {
    const part = partName(entry);
    const data = compressedBytes(bytes, entry);
    if (!data) return { code: "corrupt-part", part, sheet: sheetOf(part) };
    const lower = part.toLowerCase();
    const xml = isXmlPart(lower);
    if (xml) scanner.startPart(part, isWorksheetPart(lower) ? "worksheet" : lower === "xl/workbook.xml" ? "workbook" : "other");
    if (entry.method === 0) {
      if (xml && (!scanner.feed(data) || scanner.endPart())) return scanner.problem;
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
    if (scanner.problem || (xml && scanner.endPart())) return scanner.problem;
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
