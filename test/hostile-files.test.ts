/**
 * Hostile and broken files: the corpus of src/fixtures/hostile-corpus.ts (a zip bomb, a million rows,
 * a 10 MB text, an encrypted workbook, …) through the built CLI, as a user runs it, under a 512 MB
 * heap: each is refused with exit 2 and a message naming the file and the cause, in Japanese and
 * in English, without a stack trace, in bounded time. Then each limit of src/xlsx/limits.ts on its
 * own (small packages and tightened limits), the DEFLATE decoder against zlib, and the parsers
 * that run on a package's XML against input built to make regular expressions take quadratic time.
 *
 * `npm test` builds the CLI (lib/) first; run `npm run build:cli` before running this file alone.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { CORPUS, oleCompoundFile, writeHostileCorpus } from "../src/fixtures/hostile-corpus";
import { inflateRaw, InflateError } from "../src/xlsx/inflate";
import { zlibInflateRaw } from "../src/node/inflate";
import { classifyBytes, describeProblem } from "../src/xlsx/kind";
import { crc32, crc32Combine, listZipEntries, writeZip as writeZipArchive } from "../src/xlsx/zip";
import { checkPackageLimits, decodeCellRef, LIMIT_TABLE, LIMITS, overLimit, type EnforcedName, type Limits } from "../src/xlsx/limits";
import { findRoundTripLossesIn } from "../src/xlsx/losses";
import { readNotesFromParts } from "../src/xlsx/notes";
import { readCell, sheetToData } from "../src/xlsx/read";
import { isXlsxReadError } from "../src/xlsx/errors";
import { sheetsFromExcelJS } from "../src/demo/xlsx-io";
import { makeTempDir, removeDir, writeZip } from "./helpers/xlsx-fixtures";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "kpi-check.js");
const SAMPLE = path.join(ROOT, "samples", "hanamaki-r6.xlsx");
const TEMPLATE = path.join(ROOT, "samples", "template-blank.xlsx");
/** Every run of the CLI on a hostile file ends within this (the slowest takes about a second on an idle machine; the margin is for a loaded one). */
const TIME_BOUND_MS = 60_000;
const HEAP_MB = 512;
const SEED = Number(process.env.FC_SEED ?? 20261124);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node --max-old-space-size=512 bin/kpi-check.js …args`, killed after TIME_BOUND_MS. */
function kpiCheck(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
      cwd,
      env: { ...process.env, KPI_CHECK_DEBUG: "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIME_BOUND_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The cause each file's message must name, in Japanese and in English. */
const CAUSES: Record<string, { ja: RegExp; en: RegExp }> = {
  "not-a-zip.xlsx": { ja: /Excel ブック \(\.xlsx\) ではありません（テキストファイル/, en: /not an Excel workbook .*text file/ },
  "pdf-renamed.xlsx": { ja: /PDF ファイルです/, en: /it is a PDF file/ },
  "truncated.xlsx": { ja: /ファイルが壊れています/, en: /the file is damaged/ },
  "zip-bomb.xlsx": {
    ja: /シート「Sheet1」（xl\/worksheets\/sheet1\.xml）は展開すると 2\.0 GB（圧縮時の [\d,]+ 倍。上限 100 倍）.*ZIP 爆弾/,
    en: /sheet "Sheet1" \(xl\/worksheets\/sheet1\.xml\) would inflate to 2\.0 GB, [\d,]+ times .*zip bomb/,
  },
  "zip-bomb-hidden-size.xlsx": {
    ja: /細工されています（シート「Sheet1」.*ZIP に記録された大きさと一致しません/,
    en: /tampered with \(sheet "Sheet1" .*does not match the size its ZIP directory records/,
  },
  "million-rows.xlsx": { ja: /シート「Sheet1」までで行が上限の 200,000 行を超えました/, en: /more than 200,000 rows/ },
  "huge-string.xlsx": {
    ja: /シート「事業1」のセル B23 の文字列が長すぎます（[\d,]+ 文字。Excel のセルの上限 32,767 文字/,
    en: /the text in cell B23 of sheet "事業1" is too long \([\d,]+ characters; Excel's limit for a cell is 32,767\)/,
  },
  "merged-whole-sheet.xlsx": {
    ja: /セル（結合セルの範囲を含む）が上限の 200,000 個/,
    en: /more than 200,000 cells \(merged areas included\)/,
  },
  "stray-far-cell.xlsx": {
    ja: /シート「Sheet1」の使用範囲 A1:XFD1048576 が大きすぎて読めません（上限 5,000,000 セル/,
    en: /the used range A1:XFD1048576 of sheet "Sheet1" is too large to read \(the limit is 5,000,000 cells/,
  },
  "entity-expansion.xlsx": { ja: /文書型宣言（DOCTYPE・ENTITY）/, en: /declares a DTD/ },
  "password-protected.xlsx": { ja: /パスワードで保護/, en: /password-protected/ },
  "legacy.xls": { ja: /古い Excel 形式（\.xls/, en: /old Excel format \(\.xls/ },
};

const STACK_TRACE = /\n\s+at\s|Error: |node:internal/;

let dir = "";
let corpus: Awaited<ReturnType<typeof writeHostileCorpus>> = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) {
    throw new Error("the CLI is not built: run `npm run build:cli` (npm test does) before this file");
  }
  dir = makeTempDir("kpi-hostile-");
  corpus = await writeHostileCorpus(path.join(dir, "corpus"));
}, 60_000);

afterAll(() => {
  if (dir) removeDir(dir);
});

describe("src/fixtures/hostile-corpus.ts", () => {
  it("writes every file of the corpus, each with a cause the tests expect", () => {
    expect(corpus.map((f) => f.name)).toEqual(CORPUS.map((f) => f.name));
    expect(Object.keys(CAUSES).sort()).toEqual(CORPUS.map((f) => f.name).sort());
    for (const f of corpus) expect(fs.statSync(f.file).size).toBe(f.bytes);
  });

  it("makes a zip bomb that is a valid package: 2 MB whose sheet inflates to 2 GiB with the recorded size and CRC", async () => {
    const file = corpus.find((f) => f.name === "zip-bomb.xlsx")!.file;
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    const sheet = listZipEntries(bytes)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(sheet.uncompressedSize).toBeGreaterThan(2 * 1024 ** 3);
    // Inflate it all (streaming, zlib): the size and the CRC the ZIP records.
    const start =
      sheet.localHeaderOffset + 30 + bytes.readUInt16LE(sheet.localHeaderOffset + 26) + bytes.readUInt16LE(sheet.localHeaderOffset + 28);
    const recordedCrc = bytes.readUInt32LE(sheet.localHeaderOffset + 14);
    let size = 0;
    let crc = 0;
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw();
      inflate.on("data", (chunk: Buffer) => {
        size += chunk.length;
        crc = zlib.crc32(chunk, crc);
      });
      inflate.on("end", resolve).on("error", reject);
      inflate.end(bytes.subarray(start, start + sheet.compressedSize));
    });
    expect(size).toBe(sheet.uncompressedSize);
    expect(crc).toBe(recordedCrc);
    // The same bytes under a directory that understates the size.
    const hidden = fs.readFileSync(corpus.find((f) => f.name === "zip-bomb-hidden-size.xlsx")!.file);
    expect(listZipEntries(hidden)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!.uncompressedSize).toBe(4096);
  }, 60_000);

  it("makes a million rows (streamed, a few MB) and a 10 MB text", () => {
    const rows = fs.readFileSync(corpus.find((f) => f.name === "million-rows.xlsx")!.file);
    expect(rows.length).toBeLessThan(10 * 1024 * 1024);
    const sheet = listZipEntries(rows)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const start =
      sheet.localHeaderOffset + 30 + rows.readUInt16LE(sheet.localHeaderOffset + 26) + rows.readUInt16LE(sheet.localHeaderOffset + 28);
    const xml = zlib.inflateRawSync(rows.subarray(start, start + sheet.compressedSize)).toString("utf8");
    expect(xml.match(/<row /g)).toHaveLength(1_000_000);
    expect(xml).toContain('<row r="1000000"><c r="A1000000"><v>1000000</v></c></row></sheetData></worksheet>');

    const huge = fs.readFileSync(corpus.find((f) => f.name === "huge-string.xlsx")!.file);
    const sst = listZipEntries(huge)!.find((e) => e.name === "xl/sharedStrings.xml")!;
    expect(sst.uncompressedSize).toBeGreaterThan(10 * 1024 * 1024);
    expect(sst.uncompressedSize / sst.compressedSize).toBeLessThan(LIMITS.ratio); // not refused as a bomb
  });

  it("makes OLE compound files as Excel writes an encrypted workbook and an .xls", () => {
    const utf16 = (text: string) => Buffer.from(text, "utf16le");
    const encrypted = fs.readFileSync(corpus.find((f) => f.name === "password-protected.xlsx")!.file);
    const xls = fs.readFileSync(corpus.find((f) => f.name === "legacy.xls")!.file);
    for (const ole of [encrypted, xls]) {
      expect(ole.subarray(0, 8).toString("hex")).toBe("d0cf11e0a1b11ae1");
      expect(ole.readUInt16LE(26)).toBe(3); // version 3, 512-byte sectors
      expect(ole.length % 512).toBe(0);
    }
    expect(encrypted.includes(utf16("EncryptionInfo"))).toBe(true);
    expect(encrypted.includes(utf16("EncryptedPackage"))).toBe(true);
    expect(xls.includes(utf16("Workbook"))).toBe(true);
    expect(() => oleCompoundFile([{ name: "Big", data: Buffer.alloc(200 * 512) }])).toThrow(/more than one FAT sector/);
  });

  it("computes CRC-32s as zlib does, at once or continued (src/xlsx/zip.ts)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        expect(crc32(a)).toBe(zlib.crc32(a));
        expect(crc32(b, crc32(a))).toBe(zlib.crc32(Buffer.concat([a, b])));
      }),
      { numRuns: 200, seed: SEED },
    );
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("writes ZIP archives whose directory says what the writer was told, lies included (src/xlsx/zip.ts)", () => {
    const text = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(100));
    const deflated = zlib.deflateRawSync(text);
    const zip = Buffer.from(
      writeZipArchive(
        [
          { name: "stored.xml", data: text, method: 0 },
          { name: "deflated.xml", data: text, method: 8 },
          { name: "ready.xml", deflated, crc32: 0x12345678, size: text.length, declaredSize: 4096 },
        ],
        { deflateRaw: (data) => zlib.deflateRawSync(data) },
      ),
    );
    const entries = listZipEntries(zip)!;
    expect(entries.map((e) => [e.name, e.method, e.crc32, e.uncompressedSize])).toEqual([
      ["stored.xml", 0, zlib.crc32(text), text.length],
      ["deflated.xml", 8, zlib.crc32(text), text.length],
      ["ready.xml", 8, 0x12345678, 4096],
    ]);
    expect(entries[0].compressedSize).toBe(text.length);
    expect(entries[2].compressedSize).toBe(deflated.length);
    // The local headers agree with the directory (offsets 14 and 22: CRC-32 and inflated size).
    for (const entry of entries) {
      expect(zip.readUInt32LE(entry.localHeaderOffset + 14)).toBe(entry.crc32);
      expect(zip.readUInt32LE(entry.localHeaderOffset + 22)).toBe(entry.uncompressedSize);
    }
    expect(() => writeZipArchive([{ name: "a.xml", data: text, method: 8 }])).toThrow(/no deflateRaw/);
  });

  it("combines CRC-32s as zlib does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const joined = zlib.crc32(Buffer.concat([a, b]));
        expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(joined);
      }),
      { numRuns: 200, seed: SEED },
    );
  });
});

describe("kpi-check on each hostile file (512 MB heap): exit 2, the file and the cause named, no stack trace", () => {
  it.each(CORPUS.map((f) => [f.name, f.code]))(
    "%s",
    async (name, code) => {
      const cwd = path.join(dir, "corpus");
      const ja = await kpiCheck([name], cwd);
      expect({ code: ja.code, signal: ja.signal }).toEqual({ code: 2, signal: null });
      expect(ja.stderr).toMatch(new RegExp(`^kpi-check: ${name.replace(/\./g, "\\.")}: `));
      expect(ja.stderr).toMatch(CAUSES[name].ja);
      expect(ja.stderr).not.toMatch(STACK_TRACE);
      expect(ja.stderr).not.toMatch(/heap|memory/i);
      expect(ja.ms).toBeLessThan(TIME_BOUND_MS);

      const en = await kpiCheck([name, "--lang", "en", "--format", "json"], cwd);
      expect({ code: en.code, signal: en.signal }).toEqual({ code: 2, signal: null });
      expect(en.stderr).toMatch(new RegExp(`^kpi-check: ${name.replace(/\./g, "\\.")}: `));
      expect(en.stderr).toMatch(CAUSES[name].en);
      expect(en.stderr).not.toMatch(STACK_TRACE);
      const json = JSON.parse(en.stdout) as { files: { file: string; error?: { code?: string; message: string } }[] };
      expect(json.files).toHaveLength(1);
      expect(json.files[0]).toMatchObject({ file: name, error: { code } });
      expect(json.files[0].error!.message).toMatch(CAUSES[name].en);
      expect(en.ms).toBeLessThan(TIME_BOUND_MS);
    },
    2 * TIME_BOUND_MS + 5_000,
  );

  it(
    "refuses every hostile .xlsx of a folder and still checks the good report beside them",
    async () => {
      const run = await kpiCheck(["corpus", SAMPLE, "--format", "json"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      const json = JSON.parse(run.stdout) as { files: { file: string; error?: { code?: string }; findings?: unknown[] }[] };
      const xlsx = CORPUS.filter((f) => f.name.endsWith(".xlsx"));
      // A spreadsheet of another format in the folder is listed too, with what to do (never skipped in silence).
      const others = CORPUS.filter((f) => !f.name.endsWith(".xlsx"));
      expect(json.files).toHaveLength(xlsx.length + others.length + 1);
      for (const f of xlsx) {
        expect(run.stderr).toContain(`kpi-check: ${path.join("corpus", f.name)}: `);
        expect(json.files.find((r) => r.file === path.join("corpus", f.name))).toMatchObject({ error: { code: f.code } });
      }
      for (const f of others) {
        expect(json.files.find((r) => r.file === path.join("corpus", f.name))).toMatchObject({ error: { code: "not-xlsx" } });
      }
      const sample = json.files.find((r) => r.file === SAMPLE);
      expect(sample?.error).toBeUndefined();
      expect(sample?.findings?.length).toBeGreaterThan(0);
      expect(run.ms).toBeLessThan(TIME_BOUND_MS);
    },
    TIME_BOUND_MS + 5_000,
  );
});

// ---------------------------------------------------------------------------------------------
// Each limit on its own

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A minimal package with the given sheets (tab name -> sheet XML body inside <worksheet>) and extra parts. */
function pkg(sheets: Record<string, string>, extra: { name: string; data: Buffer }[] = []): Buffer {
  const names = Object.keys(sheets);
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        `<workbook ${MAIN} xmlns:r="${REL}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
          .map((_n, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join("")}</Relationships>`,
      ),
    },
    ...names.map((n, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(`<worksheet ${MAIN}>${sheets[n]}</worksheet>`) })),
    ...extra,
  ]);
}

function check(bytes: Buffer, limits: Partial<Limits> = {}) {
  return checkPackageLimits(bytes, listZipEntries(bytes)!, { ...LIMITS, ...limits });
}

function rows(count: number, cellsPerRow = 1): string {
  let xml = "<sheetData>";
  for (let r = 1; r <= count; r++) {
    xml += `<row r="${r}">`;
    for (let c = 0; c < cellsPerRow; c++) xml += `<c r="${String.fromCharCode(65 + c)}${r}"><v>1</v></c>`;
    xml += "</row>";
  }
  return xml + "</sheetData>";
}

/** Rewrites the central directory entry of `part`: the fields at the given offsets (32-bit, or 16 with `short`). */
function patchDirectory(bytes: Buffer, part: string, field: "method" | "uncompressed" | "compressed", value: number): Buffer {
  const out = Buffer.from(bytes);
  const entry = listZipEntries(out)!.find((e) => e.name === part)!;
  // Find the central directory record whose local header offset matches.
  for (let p = out.length - 22; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x02014b50 || out.readUInt32LE(p + 42) !== entry.localHeaderOffset) continue;
    if (field === "method") out.writeUInt16LE(value, p + 10);
    if (field === "compressed") out.writeUInt32LE(value, p + 20);
    if (field === "uncompressed") out.writeUInt32LE(value, p + 24);
    return out;
  }
  throw new Error(`no directory entry for ${part}`);
}

describe("the package limits (src/xlsx/limits.ts), each on its own", () => {
  // How fast the check runs is measured by `npm run bench`, never asserted here.
  it("lets the sample report and the blank template through", () => {
    for (const file of [SAMPLE, TEMPLATE]) {
      const bytes = fs.readFileSync(file);
      expect(classifyBytes(bytes, listZipEntries(bytes))).toBeNull();
      expect(checkPackageLimits(bytes, listZipEntries(bytes)!)).toBeNull();
    }
  });

  it("counts rows and cells of all the sheets together, and names the sheet where the count crossed the limit", () => {
    const bytes = pkg({ 活用状況: rows(6, 2), 事業1: rows(6, 2) });
    expect(check(bytes, { rows: 12, cells: 24 })).toBeNull();
    expect(check(bytes, { rows: 11 })).toEqual({ code: "too-many-rows", sheet: "事業1", limit: 11 });
    expect(check(bytes, { cells: 23 })).toEqual({ code: "too-many-cells", sheet: "事業1", limit: 23 });
    expect(check(bytes, { cells: 11 })).toEqual({ code: "too-many-cells", sheet: "活用状況", limit: 11 });
  });

  it("counts the cells merged areas cover (ExcelJS makes each one)", () => {
    const bytes = pkg({ S: `${rows(1)}<mergeCells count="2"><mergeCell ref="A1:B3"/><mergeCell ref="$C$1:$D$2"/></mergeCells>` });
    expect(check(bytes, { cells: 11 })).toBeNull(); // 1 + 6 + 4
    expect(check(bytes, { cells: 10 })).toMatchObject({ code: "too-many-cells", sheet: "S" });
    // A merge of whole columns ("A:B") counts as the whole grid height.
    expect(check(pkg({ S: '<mergeCells><mergeCell ref="A:B"/></mergeCells>' }))).toMatchObject({ code: "too-many-cells" });
  });

  it("counts the cells data validations cover, separately", () => {
    const column = pkg({
      S: `<dataValidations count="1"><dataValidation type="list" sqref="D5:D1048576 F5"><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
    });
    expect(check(column)).toBeNull(); // one whole column is allowed
    expect(check(column, { validationCells: 1_048_573 })).toBeNull(); // D5:D1048576 and F5
    expect(check(column, { validationCells: 1_048_572 })).toEqual({ code: "too-many-validation-cells", sheet: "S", limit: 1_048_572 });
    const three = pkg({ S: '<dataValidations><dataValidation sqref="A1:C1048576"/></dataValidations>' });
    expect(check(three)).toMatchObject({ code: "too-many-validation-cells" });
  });

  it("refuses references outside Excel's grid (rows, cells, merges, validations, column definitions)", () => {
    const outside = (body: string) => check(pkg({ S: body }));
    expect(outside('<sheetData><row r="1048577"/></sheetData>')).toEqual({ code: "outside-grid", sheet: "S", ref: "1048577" });
    expect(outside('<sheetData><row r="0"/></sheetData>')).toMatchObject({ code: "outside-grid" });
    expect(outside('<sheetData><row r="1"><c r="XFE1"/></row></sheetData>')).toEqual({ code: "outside-grid", sheet: "S", ref: "XFE1" });
    expect(outside('<sheetData><row r="1"><c r="XFD1"/></row></sheetData>')).toBeNull();
    expect(outside('<mergeCells><mergeCell ref="A1:A2000000"/></mergeCells>')).toMatchObject({ code: "outside-grid", ref: "A1:A2000000" });
    expect(outside('<dataValidations><dataValidation sqref="A1 ZZZZ1"/></dataValidations>')).toMatchObject({ code: "outside-grid" });
    expect(outside('<cols><col min="1" max="2000000000" width="9"/></cols>')).toMatchObject({ code: "outside-grid" });
    expect(outside('<cols><col min="1" max="16384" width="9"/></cols>')).toBeNull();
    // Cells without r follow on from the last one, as ExcelJS reads them.
    const many = `<sheetData><row r="1">${"<c><v>1</v></c>".repeat(16_385)}</row></sheetData>`;
    expect(outside(many)).toMatchObject({ code: "outside-grid", ref: "R1C16385" });
  });

  it("measures each sheet's used range on the cells with content, as read.ts does on the values", () => {
    const far = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="3000"><c r="BZ3000" t="s"><v>0</v></c></row></sheetData>';
    expect(check(pkg({ S: far }), { usedRangeCells: 3000 * 78 })).toBeNull();
    expect(check(pkg({ S: far }), { usedRangeCells: 3000 * 78 - 1 })).toEqual({
      code: "too-large",
      sheet: "S",
      range: "A1:BZ3000",
      limit: 3000 * 78 - 1,
    });
    // Formatted empty cells (<c …/>) are no content; each sheet has its own range.
    const formatted =
      '<sheetData><row r="1"><c r="B2"><f>1+1</f><v>2</v></c></row><row r="1048576"><c r="XFD1048576" s="3"/></row></sheetData>';
    expect(check(pkg({ S: formatted, T: far }), { usedRangeCells: 3000 * 78 })).toBeNull();
    expect(LIMITS.usedRangeCells).toBe(5_000_000);
  });

  it("reads attributes however they are quoted and spaced, and ignores look-alike elements", () => {
    const body = `<sheetData><row  r = '3' spans="1:2"><c t="s"  r='B3'><v>0</v></c><cols/><color/><colBreaks/></row></sheetData><mergeCells><mergeCell ref="A1:A3" /></mergeCells>`;
    expect(check(pkg({ S: body }), { cells: 4 })).toBeNull();
    expect(check(pkg({ S: body }), { cells: 3 })).toMatchObject({ code: "too-many-cells" });
    // A ">" inside a quoted value does not end the tag.
    expect(check(pkg({ S: `<sheetData><row r="1" x="a>b"><c r="XFE1"/></row></sheetData>` }))).toMatchObject({ code: "outside-grid" });
    expect(decodeCellRef("$AB$12")).toEqual({ row: 12, col: 28 });
    expect(decodeCellRef("A")).toEqual({ row: 0, col: 1 });
  });

  it("counts XML elements in all parts, and sheets in workbook.xml", () => {
    const bytes = pkg({ S: rows(10) });
    expect(check(bytes, { xmlElements: 1000 })).toBeNull();
    expect(check(bytes, { xmlElements: 20 })).toMatchObject({
      code: "too-many-elements",
      sheet: "S",
      part: "xl/worksheets/sheet1.xml",
      limit: 20,
    });
    expect(check(pkg({ A: "", B: "", C: "" }), { sheets: 2 })).toEqual({ code: "too-many-sheets", limit: 2 });
  });

  it("refuses a DTD (entity expansion, external entities) in any XML part", () => {
    expect(
      check(
        pkg({ S: "" }, [
          { name: "docProps/core.xml", data: Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>') },
        ]),
      ),
    ).toEqual({
      code: "doctype",
      part: "docProps/core.xml",
    });
  });

  it("checks the ZIP directory first: parts, sizes, ratio, total, method", () => {
    const bytes = pkg({ S: rows(2000) });
    const sheetSize = listZipEntries(bytes)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!.uncompressedSize;
    expect(check(bytes, { parts: 3 })).toEqual({ code: "too-many-parts", count: 4, limit: 3 });
    expect(check(bytes, { partBytes: 1000 })).toMatchObject({
      code: "part-too-large",
      part: "xl/worksheets/sheet1.xml",
      sheet: "S",
      inflated: sheetSize,
    });
    expect(check(bytes, { totalBytes: 1000 })).toMatchObject({ code: "package-too-large" });
    expect(check(bytes, { ratio: 2, ratioFloorBytes: 1000 })).toMatchObject({
      code: "zip-bomb",
      part: "xl/worksheets/sheet1.xml",
      sheet: "S",
    });
    expect(check(bytes, { fileBytes: 100 })).toMatchObject({ code: "file-too-large", bytes: bytes.length });
    expect(check(patchDirectory(bytes, "xl/worksheets/sheet1.xml", "method", 14))).toEqual({
      code: "zip-method",
      part: "xl/worksheets/sheet1.xml",
      method: 14,
    });
  });

  it("inflates every part against the size its directory entry claims", () => {
    const bytes = pkg({ S: rows(50) });
    const sheet = listZipEntries(bytes)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(check(patchDirectory(bytes, sheet.name, "uncompressed", sheet.uncompressedSize - 1))).toMatchObject({
      code: "size-mismatch",
      sheet: "S",
    });
    expect(check(patchDirectory(bytes, sheet.name, "uncompressed", sheet.uncompressedSize + 1))).toMatchObject({ code: "size-mismatch" });
    // Damaged compressed data.
    const damaged = Buffer.from(bytes);
    const start = sheet.localHeaderOffset + 30 + damaged.readUInt16LE(sheet.localHeaderOffset + 26);
    damaged.fill(0xff, start, start + 8);
    expect(check(damaged)).toMatchObject({ code: "corrupt-part", part: sheet.name });
  });

  it("gives every limit a message in both languages", () => {
    const bytes = pkg({ S: rows(3) });
    const problems = [
      check(bytes, { rows: 1 }),
      check(bytes, { cells: 1 }),
      check(bytes, { xmlElements: 2 }),
      check(bytes, { partBytes: 10 }),
      check(bytes, { totalBytes: 10 }),
      check(bytes, { parts: 1 }),
      check(bytes, { ratio: 1, ratioFloorBytes: 1 }),
    ];
    for (const problem of problems) {
      expect(problem).not.toBeNull();
      const text = describeProblem(problem!);
      expect(text.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(text.en).toMatch(/^[\x20-\x7e]+$/);
      expect(text.ja).not.toContain("undefined");
      expect(text.en).not.toContain("undefined");
    }
  });
});

describe("the limits table (src/xlsx/limits.ts)", () => {
  it("gives every enforced limit a problem of its code and a message in both languages, and the limits their values", () => {
    const enforced = (Object.keys(LIMIT_TABLE) as (keyof typeof LIMIT_TABLE)[]).filter(
      (name): name is EnforcedName => LIMIT_TABLE[name].code !== null,
    );
    expect(enforced).toHaveLength(11);
    const where = {
      part: "xl/worksheets/sheet1.xml",
      sheet: () => "Sheet1",
      compressed: 1000,
      inflated: 2_000_000,
      range: "A1:XFD1048576",
    };
    for (const name of enforced) {
      expect(LIMITS[name]).toBe(LIMIT_TABLE[name].value);
      expect(overLimit(LIMITS, name, LIMITS[name], where)).toBeNull();
      const problem = overLimit(LIMITS, name, LIMITS[name] + 1, where)!;
      expect(problem).toMatchObject({ code: LIMIT_TABLE[name].code });
      const text = describeProblem(problem);
      expect(text.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(text.en).toMatch(/^[\x20-\x7e]+$/);
      expect(`${text.ja} ${text.en}`).not.toMatch(/undefined|NaN/);
    }
    expect(LIMITS).toMatchObject({
      fileBytes: 100 * 1024 * 1024,
      parts: 10_000,
      ratio: 100,
      rows: 200_000,
      cells: 200_000,
      maxRow: 1_048_576,
    });
  });
});

describe("a cell's text longer than Excel allows", () => {
  it("is refused when read, naming the sheet and the cell; 32,767 characters are fine", () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("事業1");
    sheet.getCell("B23").value = "あ".repeat(LIMITS.textLength);
    expect(readCell(sheet.getCell("B23")).value).toHaveLength(LIMITS.textLength);
    sheet.getCell("B24").value = { richText: [{ text: "a".repeat(20_000) }, { text: "b".repeat(20_000) }] };
    let error: unknown;
    try {
      sheetToData(sheet, false, "report.xlsx");
    } catch (e) {
      error = e;
    }
    expect(isXlsxReadError(error)).toBe(true);
    expect(error).toMatchObject({ file: "report.xlsx", code: "text-too-long" });
    expect((error as { reason: { ja: string; en: string } }).reason).toEqual({
      ja: "シート「事業1」のセル B24 の文字列が長すぎます（40,000 文字。Excel のセルの上限 32,767 文字を超えています）",
      en: 'the text in cell B24 of sheet "事業1" is too long (40,000 characters; Excel\'s limit for a cell is 32,767)',
    });
    expect(() => readCell(sheet.getCell("B24"))).toThrow(/B24 of sheet "事業1" is too long/);
    // The browser demo reads its sheets through readCell: it refuses the same cell in the same words.
    expect(() => sheetsFromExcelJS(workbook)).toThrow(/B24 of sheet "事業1" is too long/);
  });
});

// ---------------------------------------------------------------------------------------------
// The DEFLATE decoder

describe("inflateRaw (src/xlsx/inflate.ts)", () => {
  const inflateAll = (data: Uint8Array, limit = Infinity) => {
    const chunks: Buffer[] = [];
    const result = inflateRaw(data, limit, (chunk) => {
      chunks.push(Buffer.from(chunk));
    });
    return { ...result, bytes: Buffer.concat(chunks) };
  };

  it("agrees with zlib on any bytes, at every level and strategy", () => {
    const { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 5000 }),
      // Repetitive data (long matches, far distances), as XML is.
      fc
        .tuple(
          fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(7), { maxLength: 3000 }),
        )
        .map(([words, picks]) => Buffer.concat(picks.map((i) => words[i % words.length]))),
    );
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED),
        (data, level, strategy) => {
          const compressed = zlib.deflateRawSync(data, { level, strategy });
          const out = inflateAll(compressed);
          expect(out.end).toBe("end");
          expect(out.size).toBe(data.length);
          expect(out.bytes.equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it("streams more than its window (stored blocks, chunks of 64 KiB) and stops past the limit", () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
    for (const level of [0, 6]) {
      const compressed = zlib.deflateRawSync(data, { level });
      expect(inflateAll(compressed).bytes.equals(data)).toBe(true);
      const limited = inflateAll(compressed, 100_000);
      expect(limited.end).toBe("limit");
      expect(limited.size).toBeGreaterThan(100_000);
      expect(limited.size).toBeLessThan(100_000 + 65_536 + 300);
    }
    let chunks = 0;
    expect(inflateRaw(zlib.deflateRawSync(data), Infinity, () => ++chunks < 2).end).toBe("stopped");
  });

  it("rejects truncated or invalid data with an InflateError, never reads past it", () => {
    const compressed = zlib.deflateRawSync(Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(300)));
    for (let cut = 0; cut < compressed.length; cut++) {
      let end: string | undefined;
      try {
        end = inflateRaw(compressed.subarray(0, cut), Infinity).end;
      } catch (error) {
        expect(error).toBeInstanceOf(InflateError);
        continue;
      }
      expect(end).not.toBe("end");
    }
    expect(() => inflateRaw(Uint8Array.from([0x07]), Infinity)).toThrow(InflateError); // block type 3
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
        try {
          inflateRaw(junk, 1 << 20);
        } catch (error) {
          expect(error).toBeInstanceOf(InflateError);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});

describe("zlibInflateRaw (src/node/inflate.ts, what the CLI checks packages with)", () => {
  const run = (inflate: typeof inflateRaw, data: Uint8Array, limit: number, stopAfter = Infinity) => {
    const chunks: Buffer[] = [];
    try {
      const { output, ...result } = inflate(data, limit, (chunk) => {
        chunks.push(Buffer.from(chunk));
        return chunks.length < stopAfter;
      });
      // zlib's also hands out the whole output: the same bytes as its chunks.
      if (output && result.end === "end") expect(Buffer.from(output).equals(Buffer.concat(chunks))).toBe(true);
      return { ...result, bytes: Buffer.concat(chunks) };
    } catch (error) {
      return { error: error instanceof InflateError };
    }
  };

  it("answers as inflateRaw does: the same bytes, the same end, InflateError for bad data", () => {
    const text = Buffer.from('<row r="1"><c r="A1" t="s"><v>12</v></c></row>'.repeat(4000));
    const compressed = zlib.deflateRawSync(text);
    for (const [limit, stopAfter] of [
      [text.length, Infinity],
      [text.length - 1, Infinity],
      [1000, Infinity],
      [text.length, 2],
      [0, Infinity],
    ]) {
      const ours = run(zlibInflateRaw, compressed, limit, stopAfter);
      const reference = run(inflateRaw, compressed, limit, stopAfter) as { end: string; size: number; bytes: Buffer };
      expect(ours).toMatchObject({ end: reference.end });
      const got = ours as { size: number; bytes: Buffer };
      if (reference.end === "end") expect(ours).toEqual(reference);
      // Past the limit both stop, zlib at the limit, the JavaScript decoder within a chunk of it;
      // told to stop, both have handed out a start of the text (their chunks end in other places).
      else if (reference.end === "limit") expect(got.size).toBeGreaterThan(limit);
      else expect(text.subarray(0, got.bytes.length).equals(got.bytes) && got.bytes.length > 0).toBe(true);
    }
    for (let cut = 0; cut < compressed.length; cut += 97) {
      const ours = run(zlibInflateRaw, compressed.subarray(0, cut), Infinity);
      expect(ours).toEqual({ error: true });
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
        const ours = run(zlibInflateRaw, junk, 1 << 20);
        const reference = run(inflateRaw, junk, 1 << 20);
        if ("error" in reference) expect(ours).toEqual({ error: true });
        else if (!("error" in ours)) expect(ours.bytes.equals(reference.bytes)).toBe(true);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it("gives the package checks the same answers as the JavaScript decoder", () => {
    const bytes = pkg({ S: rows(300, 3) });
    const sheet = listZipEntries(bytes)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, sheet.localHeaderOffset + 40, sheet.localHeaderOffset + 48);
    const cases: [Buffer, Partial<Limits>][] = [
      [bytes, {}],
      [bytes, { rows: 10 }],
      [bytes, { cells: 100 }],
      [patchDirectory(bytes, sheet.name, "uncompressed", sheet.uncompressedSize - 1), {}],
      [patchDirectory(bytes, sheet.name, "uncompressed", sheet.uncompressedSize + 1), {}],
      [damaged, {}],
    ];
    for (const [data, limits] of cases) {
      const entries = listZipEntries(data)!;
      const withZlib = checkPackageLimits(data, entries, { ...LIMITS, ...limits }, { inflate: zlibInflateRaw });
      expect(withZlib).toEqual(checkPackageLimits(data, entries, { ...LIMITS, ...limits }));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The XML read with string searches (notes, losses, names) stays linear on hostile input

// A quadratic scan of these 200,000 unterminated starts takes minutes; a linear one well under a
// second. The bound sits far from both, so a loaded machine never decides the outcome.
const LINEAR_BOUND_MS = 30_000;

describe("the XML parsers take linear time on hostile parts", () => {
  const timed = (run: () => void) => {
    const started = Date.now();
    run();
    return Date.now() - started;
  };

  it("notes: many <comment and <t starts with no end", () => {
    const rels = `<Relationships><Relationship Id="rId1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`;
    const parts: Record<string, string> = {
      "xl/workbook.xml": `<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      "xl/worksheets/_rels/sheet1.xml.rels": rels,
      "xl/comments1.xml": `<comments><commentList>${'<comment ref="A1"><text><t>x'.repeat(200_000)}`,
    };
    const ms = timed(() => {
      const notes = readNotesFromParts((name) => parts[name] ?? null, ["xl/comments1.xml"]);
      expect(notes.get("S")?.size ?? 0).toBe(0);
    });
    expect(ms).toBeLessThan(LINEAR_BOUND_MS);
    // Well-formed notes still read as before.
    parts["xl/comments1.xml"] =
      '<comments><commentList><comment ref="B2" authorId="0"><text><r><t>a&amp;</t></r><r><t xml:space="preserve"> b</t></r></text></comment></commentList></comments>';
    expect(readNotesFromParts((name) => parts[name] ?? null, ["xl/comments1.xml"]).get("S")).toEqual(new Map([["B2", "a& b"]]));
  });

  it("losses: many <definedName starts with no end", () => {
    const workbook = `<workbook><definedNames>${'<definedName name="x">'.repeat(200_000)}`;
    const ms = timed(() => findRoundTripLossesIn(["xl/workbook.xml"], (name) => (name === "xl/workbook.xml" ? workbook : null)));
    expect(ms).toBeLessThan(LINEAR_BOUND_MS);
    const good = '<workbook><definedNames><definedName name="Kpi" localSheetId="0">S!$A$1</definedName></definedNames></workbook>';
    expect(findRoundTripLossesIn(["xl/workbook.xml"], () => good).map((l) => l.feature)).toEqual(["defined-names"]);
  });

  it("the limits' sheet names: many <sheet starts with no end", () => {
    const bytes = writeZip([
      // 3.5 MB: under the size up to which the sheet names are read for the messages.
      { name: "xl/workbook.xml", data: Buffer.from(`<workbook><sheets>${'<sheet name="S" r:id="rId1"'.repeat(130_000)}`) },
      { name: "xl/_rels/workbook.xml.rels", data: Buffer.from("<Relationships>") },
    ]);
    const ms = timed(() => expect(checkPackageLimits(bytes, listZipEntries(bytes)!, { ...LIMITS, ratio: 1e9 })).toBeNull());
    expect(ms).toBeLessThan(LINEAR_BOUND_MS);
  });
});
