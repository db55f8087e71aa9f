/**
 * Test fixtures built with ExcelJS (and, where Excel writes XML that ExcelJS cannot produce, patched
 * at the XML level): a small report-like workbook with every feature a fixed copy must keep.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import {
  BLOCK_HEADERS,
  COST_HEADER,
  GRANT_HEADER,
  KIND_LIST,
  SECTION_HEADING,
  STATUS_HEADER,
  STATUS_LIST,
  SUMMARY_HEADERS,
  SUMMARY_SHEET,
  SUMMARY_TITLE,
  SUMMARY_YEAR_HEADER,
  TOTAL_LABEL,
  YEN_FORMAT,
  blockRow,
  countFormula,
  kpiLabel,
  sectionSheetName,
  yearHeader,
} from "../../src/fixtures/template";
import { compressedBytes, listZipEntries, writeZip as writeZipArchive, type ZipEntry } from "../../src/xlsx/zip";

// ---------------------------------------------------------------------------------------------
// Temp dirs

export function makeTempDir(prefix = "kpi-check-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// ZIP rewriting (for XML Excel writes and ExcelJS cannot)

/** Writes a ZIP archive of the given parts, in order, each deflated by zlib (src/xlsx/zip.ts's writer). */
export function writeZip(parts: { name: string; data: Buffer }[]): Buffer {
  const zip = writeZipArchive(
    parts.map((part) => ({ name: part.name, data: part.data, method: 8 as const })),
    { deflateRaw: (data) => zlib.deflateRawSync(data) },
  );
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** One entry's bytes, inflated; null when it cannot be read (unknown method, damaged). */
export function readZipEntry(buffer: Buffer, entry: ZipEntry): Buffer | null {
  const stored = compressedBytes(buffer, entry);
  if (!stored) return null;
  const data = Buffer.from(stored.buffer, stored.byteOffset, stored.length);
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data);
  } catch {
    return null;
  }
  return null;
}

/** All parts of a ZIP archive, in order. */
export function readZip(buffer: Buffer): { name: string; data: Buffer }[] {
  const entries = listZipEntries(buffer);
  if (!entries) throw new Error("not a zip archive");
  return entries
    .filter((e) => !e.name.endsWith("/"))
    .map((e) => {
      const data = readZipEntry(buffer, e);
      if (!data) throw new Error(`cannot read ${e.name}`);
      return { name: e.name, data };
    });
}

/** The text of one part of an .xlsx file. */
export function readPart(file: string, name: string): string {
  const part = readZip(fs.readFileSync(file)).find((p) => p.name === name);
  if (!part) throw new Error(`${file} has no part ${name}`);
  return part.data.toString("utf8");
}

/** Rewrites parts of an .xlsx file in place: `edits` map a part name to a text transform; `add` adds parts. */
export function patchXlsx(file: string, edits: Record<string, (xml: string) => string>, add: Record<string, string> = {}): void {
  const parts = readZip(fs.readFileSync(file)).map((part) => {
    const edit = edits[part.name];
    if (!edit) return part;
    const before = part.data.toString("utf8");
    const after = edit(before);
    if (after === before) throw new Error(`patch of ${part.name} changed nothing`);
    return { name: part.name, data: Buffer.from(after, "utf8") };
  });
  for (const [name, text] of Object.entries(add)) parts.push({ name, data: Buffer.from(text, "utf8") });
  fs.writeFileSync(file, writeZip(parts));
}

// ---------------------------------------------------------------------------------------------
// The fixture workbook

/** Cells whose removal leaves rows 30, 32 and 36 of 事業1 empty (hidden, grouped, without cells). */
export const EMPTY_ROW_MARKERS = ["A30", "A32", "A36"];

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };

/**
 * A report-like workbook: a summary sheet (with a shared formula, amounts as text and numbers,
 * a total, a frozen header), a KPI sheet (merges, drop-downs, N字 formulas, hidden grouped rows,
 * a note, a print area, odd values: rich text, hyperlink, error, date, boolean, "=text"), and a
 * hidden list sheet behind a defined name.
 */
export function buildFixtureWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "kpi-check tests";

  // --- Summary sheet ------------------------------------------------------------------------
  const summary = workbook.addWorksheet(SUMMARY_SHEET, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 4 }],
    properties: { tabColor: { argb: "FF00B050" } },
  });
  summary.getCell("A1").value = SUMMARY_TITLE;
  summary.getCell("A1").font = { bold: true, size: 14, name: "游ゴシック" };
  summary.mergeCells("A1:G1");
  SUMMARY_HEADERS.forEach((text, i) => {
    const cell = summary.getCell(3, i + 1);
    cell.value = text;
    cell.fill = headerFill;
    cell.border = box;
    summary.mergeCells(3, i + 1, 4, i + 1);
  });
  summary.getCell("F3").value = SUMMARY_YEAR_HEADER;
  summary.mergeCells("F3:G3");
  summary.getCell("F4").value = COST_HEADER;
  summary.getCell("G4").value = GRANT_HEADER;
  const projects: [string, number | string][] = [
    ["(1) 窓口DX推進事業", 4272400],
    ["(2) 子育て支援アプリ導入事業", "2,136,200円"],
    ["(3) 統合型校務支援システム導入", 1000001],
  ];
  projects.forEach(([name, cost], i) => {
    const r = 5 + i;
    summary.getCell(r, 1).value = name;
    summary.getCell(r, 2).value = "R6";
    summary.getCell(r, 5).value = "①相談件数 ②利用者数";
    summary.getCell(r, 6).value = cost;
    summary.getCell(r, 6).numFmt = typeof cost === "string" ? "@" : YEN_FORMAT;
    summary.getCell(r, 6).border = box;
    summary.getCell(r, 7).border = box;
    summary.getCell(r, 7).numFmt = YEN_FORMAT;
  });
  // G5:G7 as one shared formula (Excel writes filled-down formulas this way).
  summary.getCell("G5").value = { formula: "ROUNDDOWN(F5*1/2,0)", result: 2136200, shareType: "shared", ref: "G5:G7" } as ExcelJS.CellValue;
  summary.getCell("G6").value = { sharedFormula: "G5", result: 0 } as ExcelJS.CellValue;
  summary.getCell("G7").value = { sharedFormula: "G5", result: 500000 } as ExcelJS.CellValue;
  summary.getCell("A8").value = TOTAL_LABEL;
  summary.getCell("F8").value = { formula: "SUM(F5:F7)", result: 5272401 };
  summary.getCell("G8").value = { formula: "SUM(G5:G7)", result: 2636200 };
  summary.getCell("F8").numFmt = YEN_FORMAT;
  summary.getCell("G8").numFmt = YEN_FORMAT;
  summary.getColumn(1).width = 38;
  summary.getColumn(5).width = 30;
  summary.getColumn(6).width = 16;
  summary.getColumn(7).width = 16;
  summary.getRow(3).height = 24;

  // --- KPI sheet ----------------------------------------------------------------------------
  const kpi = workbook.addWorksheet(sectionSheetName(1));
  kpi.getCell("A1").value = "(1) 窓口DX推進事業";
  kpi.mergeCells("A1:G1");
  kpi.getCell("A3").value = SECTION_HEADING;
  kpi.getCell("A5").value = {
    richText: [{ text: "※", font: { color: { argb: "FFFF0000" } } }, { text: "数値のみ記載してください" }],
  };
  kpi.mergeCells("A5:G5");
  kpi.getCell("A5").alignment = { wrapText: true, vertical: "top" };
  kpi.getRow(5).height = 40;
  kpi.getCell("A12").value = "記入例";
  kpi.getCell("B12").value = "（記入例）窓口の待ち時間を短縮した";
  kpi.getCell("G12").value = { formula: countFormula(12), result: "17字" };

  const block = (r: number, label: string, name: string) => {
    kpi.getCell(r, 1).value = label;
    kpi.mergeCells(r, 1, r, 2);
    kpi.getCell(r, 3).value = BLOCK_HEADERS.kind;
    kpi.getCell(r, 4).value = BLOCK_HEADERS.unit;
    kpi.getCell(r, 5).value = BLOCK_HEADERS.baseYear;
    kpi.getCell(r, 6).value = BLOCK_HEADERS.baseValue;
    for (let c = 1; c <= 7; c++) kpi.getCell(r, c).fill = headerFill;
    kpi.getCell(r + 1, 1).value = name;
    kpi.mergeCells(r + 1, 1, r + 1, 2);
    kpi.getCell(r + 1, 3).value = "アウトカム";
    kpi.getCell(r + 1, 4).value = "%";
    kpi.getCell(r + 1, 5).value = "2023年度";
    kpi.getCell(r + 1, 6).value = 0.5;
    kpi.getCell(r + 1, 6).numFmt = "0.0%";
    kpi.getCell(r + 2, 5).value = yearHeader(2024, "目標値");
    kpi.getCell(r + 2, 6).value = yearHeader(2024, "実績値");
    kpi.getCell(r + 2, 7).value = STATUS_HEADER;
    kpi.getCell(r + 3, 5).value = 83;
    kpi.getCell(r + 3, 6).value = 82.7;
    kpi.getCell(r + 3, 7).value = "達成";
    kpi.getCell(r + 8, 1).value = "【KPI達成】の場合";
    kpi.getCell(r + 8, 2).value = "窓口の待ち時間が短縮された。";
    kpi.mergeCells(r + 8, 2, r + 8, 6);
    kpi.getCell(r + 8, 7).value = { formula: countFormula(r + 8), result: "14字" };
    kpi.getCell(r + 9, 1).value = "【KPI未達成又は未計測】の場合";
    kpi.mergeCells(r + 9, 2, r + 9, 6);
    kpi.getCell(r + 9, 7).value = "112字";
    for (const c of [3, 7]) {
      kpi.getCell(r + 1, c).border = box;
      kpi.getCell(r + 3, c).border = box;
    }
    kpi.getCell(r + 1, 3).dataValidation = { type: "list", allowBlank: true, formulae: [KIND_LIST] };
    for (const rr of [r + 3, r + 5, r + 7]) {
      kpi.getCell(rr, 7).dataValidation = {
        type: "list",
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: "達成状況",
        error: "達成・未達成・未計測から選んでください",
        formulae: [STATUS_LIST],
      };
    }
  };
  block(blockRow(0), kpiLabel(1), "窓口の平均待ち時間の短縮率");
  block(blockRow(1), kpiLabel(11), "オンライン申請の利用者数");
  // Block ⑪ sits in hidden, grouped rows (26..35) like the template's spare blocks.
  for (let r = 26; r <= 36; r++) {
    kpi.getRow(r).hidden = true;
    kpi.getRow(r).outlineLevel = 1;
  }
  // Rows 30, 32 (the block's empty 2025/2026 value rows) and 36 (the blank row after it) hold no
  // cells. ExcelJS only writes a row with cells, so they get marker cells that `buildFixtureFile`
  // removes from the XML, leaving `<row r="36" hidden="1" outlineLevel="1">` as Excel writes it.
  for (const address of EMPTY_ROW_MARKERS) kpi.getCell(address).value = "__EMPTY_ROW_MARKER__";
  // H20: a marker replaced by `<c r="H20"/>` (no style, no value), as some generators write; it must read as empty.
  kpi.getCell("H20").value = "__BARE_CELL_MARKER__";

  kpi.getCell("B23").note = "ここに説明を記入してください";
  kpi.getCell("I15").value = { text: "記入要領", hyperlink: "https://www.chisou.go.jp/" };
  kpi.getCell("I16").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  kpi.getCell("I17").value = new Date(Date.UTC(2025, 2, 31));
  kpi.getCell("I17").numFmt = "yyyy/m/d";
  kpi.getCell("I18").value = true;
  kpi.getCell("I19").value = "=これは数式ではない";
  kpi.getCell("I20").value = { formula: "I21*0", result: 0 };
  kpi.getCell("I21").value = 0.1;
  kpi.getColumn(1).width = 12;
  kpi.getColumn(2).width = 9;
  kpi.getColumn(5).width = 18;
  kpi.getColumn(9).width = 14;
  kpi.getColumn(9).hidden = true;
  kpi.addConditionalFormatting({
    ref: "G18",
    rules: [
      {
        type: "cellIs",
        operator: "equal",
        formulae: ['"未達成"'],
        priority: 1,
        style: { font: { color: { argb: "FF9C0006" } } },
      },
    ],
  });
  kpi.pageSetup.printArea = "A1:G36";
  kpi.pageSetup.orientation = "portrait";
  kpi.pageSetup.fitToPage = true;

  // --- Hidden list sheet --------------------------------------------------------------------
  const list = workbook.addWorksheet("リスト", { state: "hidden" });
  list.getCell("A1").value = "アウトプット";
  list.getCell("A2").value = "アウトカム";
  workbook.definedNames.add("'リスト'!$A$1:$A$2", "種別リスト");
  return workbook;
}

/**
 * Writes the fixture to `dir/name` and patches it the way Excel writes what ExcelJS cannot:
 * rows 30, 32 and 36 of 事業1 become empty hidden grouped rows, H20 a bare `<c r="H20"/>`.
 */
export async function buildFixtureFile(dir: string, name = "fixture.xlsx"): Promise<string> {
  const file = path.join(dir, name);
  await buildFixtureWorkbook().xlsx.writeFile(file);
  patchXlsx(file, {
    "xl/worksheets/sheet2.xml": (xml) =>
      EMPTY_ROW_MARKERS.reduce((text, address) => text.replace(new RegExp(`<c r="${address}"[^>]*>.*?</c>`), ""), xml).replace(
        /<c r="H20"[^>]*>.*?<\/c>/,
        '<c r="H20"/>',
      ),
  });
  return file;
}

/** Writes a file with the given bytes and returns its path. */
export function writeBytes(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The header of an OLE compound file followed by a directory entry name (UTF-16LE). */
export function oleFile(streamName: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  return Buffer.concat([header, Buffer.from(streamName, "utf16le"), Buffer.alloc(64)]);
}

// ---------------------------------------------------------------------------------------------
// A small report in the canonical layout (src/fixtures/template.ts)

export interface ReportOptions {
  /** 事業費 of project (1); the 交付金充当額 is always the 1/2 grant of 1,000,000. */
  cost?: number | string;
  /** The 2024 achievement status as written. */
  status?: string;
}

/**
 * One project, one KPI, laid out like the national template: a clean report (no errors) by
 * default; `cost` and `status` put mistakes in it.
 */
export function buildReportWorkbook(options: ReportOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  summary.getCell("A1").value = SUMMARY_TITLE;
  SUMMARY_HEADERS.forEach((text, i) => {
    summary.getCell(3, i + 1).value = text;
    summary.mergeCells(3, i + 1, 4, i + 1);
  });
  summary.getCell("F3").value = SUMMARY_YEAR_HEADER;
  summary.mergeCells("F3:G3");
  summary.getCell("F4").value = COST_HEADER;
  summary.getCell("G4").value = GRANT_HEADER;
  summary.getCell("A5").value = "(1) 窓口DX推進事業";
  summary.getCell("B5").value = "R6";
  summary.getCell("C5").value = "窓口の手続をオンライン化する";
  summary.getCell("D5").value = "オンライン申請";
  summary.getCell("E5").value = "①オンライン申請件数";
  summary.getCell("F5").value = options.cost ?? 1000000;
  summary.getCell("G5").value = { formula: "ROUNDDOWN(F5*1/2,0)", result: 500000 };
  summary.getCell("A6").value = TOTAL_LABEL;
  summary.getCell("F6").value = { formula: "SUM(F5:F5)", result: 1000000 };
  summary.getCell("G6").value = { formula: "SUM(G5:G5)", result: 500000 };
  for (const address of ["F5", "G5", "F6", "G6"]) summary.getCell(address).numFmt = YEN_FORMAT;

  const kpi = workbook.addWorksheet(sectionSheetName(1));
  kpi.getCell("A1").value = "(1) 窓口DX推進事業";
  kpi.getCell("A3").value = SECTION_HEADING;
  kpi.getCell("A5").value = "※数値のみ記載してください。";
  kpi.mergeCells("A5:G5");
  kpi.getCell("A12").value = "【KPI達成】の場合（記入例）";
  kpi.getCell("B12").value = "（記入例）目標を上回った。";
  kpi.getCell("G12").value = "13字";
  kpi.getCell("A13").value = "【KPI未達成又は未計測】の場合（記入例）";
  kpi.getCell("B13").value = "（記入例）2025年6月に計測予定。";
  kpi.getCell("G13").value = "18字";
  const set = (address: string, value: ExcelJS.CellValue) => {
    kpi.getCell(address).value = value;
  };
  set("A15", kpiLabel(1));
  kpi.mergeCells("A15:B15");
  set("C15", BLOCK_HEADERS.kind);
  set("D15", BLOCK_HEADERS.unit);
  set("E15", BLOCK_HEADERS.baseYear);
  set("F15", BLOCK_HEADERS.baseValue);
  set("A16", "オンライン申請件数");
  kpi.mergeCells("A16:B16");
  set("C16", "アウトカム");
  set("D16", "件");
  set("E16", "2023年度");
  set("F16", 100);
  const years = [2024, 2025, 2026];
  years.forEach((year, i) => {
    const r = 17 + 2 * i;
    set(`E${r}`, yearHeader(year, "目標値"));
    set(`F${r}`, yearHeader(year, "実績値"));
    set(`G${r}`, STATUS_HEADER);
    set(`E${r + 1}`, 120 + 20 * i);
  });
  set("F18", 130);
  set("G18", options.status ?? "達成");
  const achieved = "オンライン申請の周知により、申請件数が目標を上回った。";
  set("A23", "【KPI達成】の場合、その要因");
  set("B23", achieved);
  kpi.mergeCells("B23:F23");
  set("G23", { formula: countFormula(23), result: `${achieved.length}字` });
  set("A24", "【KPI未達成又は未計測】の場合、その要因と今後の取組");
  kpi.mergeCells("B24:F24");
  set("G24", { formula: countFormula(24), result: "0字" });
  return workbook;
}

export async function buildReportFile(dir: string, name = "report.xlsx", options: ReportOptions = {}): Promise<string> {
  const file = path.join(dir, name);
  await buildReportWorkbook(options).xlsx.writeFile(file);
  return file;
}
