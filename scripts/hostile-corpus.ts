/**
 * Writes a corpus of hostile and broken files that users may hand to kpi-check or the browser
 * demo, each named as .xlsx (or .xls) as it would arrive:
 *
 *   npm run corpus [-- DIR]        (default: test-output/hostile/)
 *
 * Every file must be refused with a clear message naming the cause, quickly and in bounded memory
 * (test/hostile-files.test.ts runs each through the built CLI under a 512 MB heap; the demo's
 * end-to-end test opens two of them). What each file is and why it is refused: CORPUS below and
 * docs/security.md. Nothing here uses ExcelJS: the packages are written byte by byte, the large
 * sheets streamed, so the corpus itself takes seconds and little memory to make.
 */
import { once } from "node:events";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { crc32, crc32Combine, writeZip, type ZipPart } from "../src/xlsx/zip";

const ROOT = path.resolve(__dirname, "..");
export const DEFAULT_DIR = path.join(ROOT, "test-output", "hostile");
const SAMPLE = path.join(ROOT, "samples", "hanamaki-r6.xlsx");

export interface HostileFile {
  /** The file name in the corpus folder. */
  name: string;
  /** What the file is. */
  what: string;
  /** The XlsxReadError code the CLI reports for it (the JSON output's error.code). */
  code: string;
}

/** The corpus, in the order it is written. */
export const CORPUS: readonly HostileFile[] = [
  { name: "not-a-zip.xlsx", what: "a CSV file renamed to .xlsx", code: "not-zip" },
  { name: "pdf-renamed.xlsx", what: "a PDF file renamed to .xlsx", code: "not-zip" },
  { name: "truncated.xlsx", what: "the sample report cut in half (an interrupted download)", code: "corrupt-zip" },
  {
    name: "zip-bomb.xlsx",
    what: "a valid package (2 MB) whose sheet XML inflates to 2 GiB of spaces; the ZIP records the true sizes",
    code: "zip-bomb",
  },
  {
    name: "zip-bomb-hidden-size.xlsx",
    what: "the same sheet, with a ZIP directory that claims it inflates to 4 KB",
    code: "size-mismatch",
  },
  { name: "million-rows.xlsx", what: "a sheet of 1,000,000 rows (about 54 MB of XML, 7.5 MB compressed)", code: "too-many-rows" },
  { name: "huge-string.xlsx", what: "a report-like sheet whose cell 事業1!B23 holds a 10 MB text", code: "text-too-long" },
  {
    name: "merged-whole-sheet.xlsx",
    what: "a 1 KB package that merges A1:XFD1048576 (ExcelJS would make 17 billion cells)",
    code: "too-many-cells",
  },
  {
    name: "stray-far-cell.xlsx",
    what: "a value in A1 and a stray one in XFD1048576: a used range of the whole sheet (17 billion cells)",
    code: "too-large",
  },
  { name: "entity-expansion.xlsx", what: "a sheet with a DTD of nested entities (billion laughs)", code: "doctype" },
  {
    name: "password-protected.xlsx",
    what: "an OLE compound file with EncryptionInfo and EncryptedPackage streams, as Excel saves an encrypted .xlsx",
    code: "encrypted",
  },
  { name: "legacy.xls", what: "an OLE compound file with a Workbook stream (Excel 97-2003)", code: "xls" },
];

// ---------------------------------------------------------------------------------------------
// ZIP writing: src/xlsx/zip.ts's writer; the parts deflated here (level 6), some streamed or pieced
// together, so each carries its CRC-32 and size.

type DeflatedPart = Extract<ZipPart, { deflated: Uint8Array }>;

function deflatedPart(name: string, content: string | Buffer): DeflatedPart {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, deflated: zlib.deflateRawSync(bytes, { level: 6 }), crc32: crc32(bytes), size: bytes.length };
}

/** Deflates text produced piece by piece, never holding it whole (only the compressed bytes). */
async function streamedPart(name: string, pieces: Iterable<string>): Promise<DeflatedPart> {
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  let crc = 0;
  let size = 0;
  let batch: string[] = [];
  let batchLength = 0;
  const write = async (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await once(deflate, "drain");
  };
  for (const piece of pieces) {
    batch.push(piece);
    batchLength += piece.length;
    if (batchLength >= 1 << 20) {
      await write(batch.join(""));
      batch = [];
      batchLength = 0;
    }
  }
  if (batch.length > 0) await write(batch.join(""));
  const ended = once(deflate, "end");
  deflate.end();
  await ended;
  return { name, deflated: Buffer.concat(chunks), crc32: crc, size };
}

/** A ZIP archive of the parts, as a Buffer (to write to a file). */
function zipArchive(parts: ZipPart[]): Buffer {
  const zip = writeZip(parts);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts of a minimal workbook around its sheets (given by tab name), with shared strings when asked. */
function workbookParts(sheets: string[], sharedStrings = false): DeflatedPart[] {
  const overrides = sheets
    .map(
      (_s, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  const sst = sharedStrings
    ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    : "";
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return [
    deflatedPart(
      "[Content_Types].xml",
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}${sst}</Types>`,
    ),
    deflatedPart(
      "_rels/.rels",
      `${XML_DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflatedPart(
      "xl/workbook.xml",
      `${XML_DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
        .map((name, i) => `<sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    deflatedPart(
      "xl/_rels/workbook.xml.rels",
      `${XML_DECL}<Relationships xmlns="${PKG_REL}">${sheets
        .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}${
        sharedStrings ? `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""
      }</Relationships>`,
    ),
  ];
}

const SHEET_OPEN = `${XML_DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;

// ---------------------------------------------------------------------------------------------
// The files

/** 2 GiB of spaces between <sheetData> and </sheetData>, deflated in 1 MiB segments. */
const BOMB_SEGMENT = 1 << 20;
const BOMB_SEGMENTS = 2048;

function bombSheet(): DeflatedPart {
  const head = Buffer.from(`${SHEET_OPEN}<sheetData>`, "utf8");
  const tail = Buffer.from("</sheetData></worksheet>", "utf8");
  const spaces = Buffer.alloc(BOMB_SEGMENT, 0x20);
  // A full flush ends each piece on a byte boundary with no reference to earlier data, so the
  // pieces concatenate into one valid stream: deflate 1 MiB once, repeat it 2048 times.
  const fullFlush = { level: 9, memLevel: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };
  const segment = zlib.deflateRawSync(spaces, fullFlush);
  const data = Buffer.concat([
    zlib.deflateRawSync(head, fullFlush),
    ...Array.from({ length: BOMB_SEGMENTS }, () => segment),
    zlib.deflateRawSync(tail),
  ]);
  const segmentCrc = crc32(spaces);
  let crc = crc32(head);
  for (let i = 0; i < BOMB_SEGMENTS; i++) crc = crc32Combine(crc, segmentCrc, BOMB_SEGMENT);
  crc = crc32Combine(crc, crc32(tail), tail.length);
  return { name: "xl/worksheets/sheet1.xml", deflated: data, crc32: crc, size: head.length + BOMB_SEGMENT * BOMB_SEGMENTS + tail.length };
}

function* millionRows(): Generator<string> {
  yield `${SHEET_OPEN}<dimension ref="A1:A1000000"/><sheetData>`;
  for (let r = 1; r <= 1_000_000; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
  yield "</sheetData></worksheet>";
}

/** About 10 MB of Japanese-looking text, deterministic, compressing about 10 to 1 (not a bomb). */
function longText(bytes: number): string {
  const words = ["事業", "取組", "計測", "目標", "達成", "利用者", "窓口", "デジタル", "実装", "住民", "周知", "改善", "、", "。"];
  const parts: string[] = [];
  let length = 0;
  let seed = 12345;
  while (length < bytes) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const word = words[seed % words.length];
    parts.push(word);
    length += Buffer.byteLength(word);
  }
  return parts.join("");
}

function reportLikeSheet(cells: Record<string, { text?: string; shared?: number }>): string {
  const rows = new Map<number, string[]>();
  for (const [ref, cell] of Object.entries(cells)) {
    const row = Number(/\d+/.exec(ref)![0]);
    const xml =
      cell.shared !== undefined
        ? `<c r="${ref}" t="s"><v>${cell.shared}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${cell.text ?? ""}</t></is></c>`;
    rows.set(row, [...(rows.get(row) ?? []), xml]);
  }
  const body = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, xml]) => `<row r="${row}">${xml.join("")}</row>`)
    .join("");
  return `${SHEET_OPEN}<sheetData>${body}</sheetData></worksheet>`;
}

// OLE compound files (MS-CFB, version 3: 512-byte sectors), with a few streams of at least 4 KiB
// each (so no mini stream is needed).
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export function oleCompoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const SECTOR = 512;
  const sectorsOf = (bytes: number) => Math.ceil(bytes / SECTOR);
  // Sector 0: the FAT; sector 1: the directory (4 entries of 128 bytes); then the streams.
  const directorySectors = sectorsOf(128 * (streams.length + 1));
  let next = 1 + directorySectors;
  const starts = streams.map((stream) => {
    const start = next;
    next += sectorsOf(Math.max(stream.data.length, 4096));
    return start;
  });
  const total = next;
  if (total > SECTOR / 4) throw new Error("oleCompoundFile: the streams need more than one FAT sector");
  const fat = Buffer.alloc(SECTOR);
  for (let s = 0; s < SECTOR / 4; s++) fat.writeUInt32LE(FREESECT, 4 * s);
  fat.writeUInt32LE(FATSECT, 0);
  for (let s = 1; s <= directorySectors; s++) fat.writeUInt32LE(s === directorySectors ? ENDOFCHAIN : s + 1, 4 * s);
  streams.forEach((stream, i) => {
    const count = sectorsOf(Math.max(stream.data.length, 4096));
    for (let k = 0; k < count; k++) fat.writeUInt32LE(k === count - 1 ? ENDOFCHAIN : starts[i] + k + 1, 4 * (starts[i] + k));
  });

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift: 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  header.fill(0xff, 76);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0

  const entry = (name: string, type: number, left: number, right: number, child: number, start: number, size: number) => {
    const e = Buffer.alloc(128);
    e.write(name, 0, "utf16le");
    e.writeUInt16LE((name.length + 1) * 2, 64);
    e.writeUInt8(type, 66);
    e.writeUInt8(1, 67); // black
    e.writeUInt32LE(left, 68);
    e.writeUInt32LE(right, 72);
    e.writeUInt32LE(child, 76);
    e.writeUInt32LE(start, 116);
    e.writeUInt32LE(size, 120);
    return e;
  };
  // The streams as a chain of right siblings under the root, in the order CFB compares names
  // (length first, then upper-case text): each later one is "greater".
  const order = streams
    .map((stream, i) => ({ stream, i }))
    .sort((a, b) => a.stream.name.length - b.stream.name.length || a.stream.name.toUpperCase().localeCompare(b.stream.name.toUpperCase()));
  const rightOf = new Map(order.map((item, k) => [item.i, k + 1 < order.length ? order[k + 1].i + 1 : NOSTREAM]));
  const directory = Buffer.alloc(directorySectors * SECTOR);
  entry("Root Entry", 5, NOSTREAM, NOSTREAM, order.length ? order[0].i + 1 : NOSTREAM, ENDOFCHAIN, 0).copy(directory, 0);
  streams.forEach((stream, i) => {
    entry(stream.name, 2, NOSTREAM, rightOf.get(i)!, NOSTREAM, starts[i], stream.data.length).copy(directory, 128 * (i + 1));
  });
  const body = Buffer.alloc((total - 1 - directorySectors) * SECTOR);
  streams.forEach((stream, i) => stream.data.copy(body, (starts[i] - 1 - directorySectors) * SECTOR));
  return Buffer.concat([header, fat, directory, body]);
}

function pseudoRandom(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

function encryptedPackage(): Buffer {
  // EncryptionInfo as Excel writes it for agile encryption: version 4.4, flags 0x40, then XML.
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>';
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, "utf8")]);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(29505, 0);
  const packageStream = Buffer.concat([size, pseudoRandom(8192, 7)]);
  return oleCompoundFile([
    { name: "EncryptionInfo", data: Buffer.concat([info, Buffer.alloc(4096 - info.length)]) },
    { name: "EncryptedPackage", data: packageStream },
  ]);
}

function legacyWorkbook(): Buffer {
  // A BIFF8 stream starts with a BOF record (0x0809, version 0x0600, workbook globals 0x0005).
  const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x03, 0, 0]);
  return oleCompoundFile([{ name: "Workbook", data: Buffer.concat([bof, Buffer.alloc(4096 - bof.length)]) }]);
}

function entityExpansion(): string {
  const entities = ['<!ENTITY a "lollollollollollollollollollol">'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    entities.push(`<!ENTITY ${String.fromCharCode(97 + i)} "${`&${prev};`.repeat(10)}">`);
  }
  return `${XML_DECL}<!DOCTYPE worksheet [${entities.join("")}]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>`;
}

/** Writes the corpus into `dir` (created if needed); returns the files with their paths. */
export async function writeHostileCorpus(dir: string = DEFAULT_DIR): Promise<(HostileFile & { file: string; bytes: number })[]> {
  fs.mkdirSync(dir, { recursive: true });
  const make: Record<string, () => Buffer | Promise<Buffer>> = {
    "not-a-zip.xlsx": () => Buffer.from("事業名,事業費,交付金充当額\r\n(1) 窓口のデジタル化,2136200,1068100\r\n", "utf8"),
    "pdf-renamed.xlsx": () =>
      Buffer.from(
        "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
        "latin1",
      ),
    "truncated.xlsx": () => {
      const sample = fs.readFileSync(SAMPLE);
      return sample.subarray(0, Math.floor(sample.length / 2));
    },
    "zip-bomb.xlsx": () => zipArchive([...workbookParts(["Sheet1"]), bombSheet()]),
    "zip-bomb-hidden-size.xlsx": () => zipArchive([...workbookParts(["Sheet1"]), { ...bombSheet(), declaredSize: 4096 }]),
    "million-rows.xlsx": async () =>
      zipArchive([...workbookParts(["Sheet1"]), await streamedPart("xl/worksheets/sheet1.xml", millionRows())]),
    "huge-string.xlsx": () => {
      const text = longText(10 * 1024 * 1024);
      const sst = `${XML_DECL}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>${text}</t></si></sst>`;
      const sheet = reportLikeSheet({
        A1: { text: "(1) 窓口のデジタル化" },
        A15: { text: "KPI①" },
        A23: { text: "【KPI達成】の場合 達成のための取組内容や工夫" },
        B23: { shared: 0 },
      });
      return zipArchive([
        ...workbookParts(["事業1"], true),
        deflatedPart("xl/worksheets/sheet1.xml", sheet),
        deflatedPart("xl/sharedStrings.xml", sst),
      ]);
    },
    "merged-whole-sheet.xlsx": () =>
      zipArchive([
        ...workbookParts(["Sheet1"]),
        deflatedPart(
          "xl/worksheets/sheet1.xml",
          `${SHEET_OPEN}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
        ),
      ]),
    "stray-far-cell.xlsx": () =>
      zipArchive([
        ...workbookParts(["Sheet1"]),
        deflatedPart(
          "xl/worksheets/sheet1.xml",
          `${SHEET_OPEN}<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>`,
        ),
      ]),
    "entity-expansion.xlsx": () => zipArchive([...workbookParts(["Sheet1"]), deflatedPart("xl/worksheets/sheet1.xml", entityExpansion())]),
    "password-protected.xlsx": encryptedPackage,
    "legacy.xls": legacyWorkbook,
  };
  const written: (HostileFile & { file: string; bytes: number })[] = [];
  for (const item of CORPUS) {
    const bytes = await make[item.name]();
    const file = path.join(dir, item.name);
    fs.writeFileSync(file, bytes);
    written.push({ ...item, file, bytes: bytes.length });
  }
  return written;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? DEFAULT_DIR);
  writeHostileCorpus(dir).then(
    (files) => {
      for (const f of files)
        process.stdout.write(`${path.relative(process.cwd(), f.file)}  ${f.bytes.toLocaleString("en-US")} bytes  ${f.what}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`hostile-corpus: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
