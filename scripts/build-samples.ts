/**
 * Builds the sample workbooks shipped in samples/:
 *   - samples/hanamaki-r6.xlsx   the real FY2024 report of one city, from samples/data/hanamaki-r6.json
 *   - samples/template-blank.xlsx the empty canonical template (formulas, drop-downs, hidden KPI⑪–⑳)
 *
 * Run with `npm run samples`. The layout is the canonical reconstruction of the national form: summary
 * sheet 「活用状況」 (header rows 3–4, one project a row from row 5, 合計 row after the last), one sheet
 * 事業n per KPI section (title A1, instructions A5:A10, 記入例 rows 12–13, KPI blocks every 11 rows
 * from row 15). Output is deterministic in content (fixed creator and dates; only the zip entries'
 * timestamps change), so rebuilding never changes a cell; test/samples.test.ts checks that.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

// ───────────────────────────── data file shape ─────────────────────────────

/** A KPI value cell: a number, a text such as なし / 未計測 / 未設定, or empty (null). */
export type SampleValue = number | string | null;

/** One row of the summary table 「活用状況」. */
export interface SampleProject {
  /** 事業名, with its "(n) " prefix, e.g. "(1) デジタルツールを活用した情報発信強化". */
  name: string;
  /** 事業期間, e.g. "R6". */
  period: string;
  /** 事業概要. */
  overview: string;
  /** 具体サービス. */
  services: string;
  /** 設定したKPI, e.g. "①… ②…". */
  kpis: string;
  /** 事業費 in yen. */
  cost: number;
  /** 交付金充当額 in yen. */
  grant: number;
}

export interface SampleSummary {
  /** A1 of the summary sheet. */
  title: string;
  /** The fiscal-year header over 事業費/交付金充当額 (F3:G3), e.g. "R6". */
  yearHeader: string;
  projects: SampleProject[];
}

/** A labelled text with its printed character count: 記入例 rows and explanation rows. */
export interface SampleText {
  /** Column A label, exactly as printed (spellings differ between sections). */
  label: string;
  /** Column B text; null when the cell is empty. */
  text: string | null;
  /** Column G count exactly as printed, e.g. "289字" (not recomputed). */
  count: string;
}

export interface SampleYear {
  /** Western fiscal year: the header reads `${year}年度末 目標値` etc. */
  year: number;
  target: SampleValue;
  actual: SampleValue;
  /** 達成状況: 達成 / 未達成 / 未計測, or null when empty. */
  status: string | null;
}

export interface SampleKpi {
  /** KPI①, KPI②, … */
  label: string;
  name: string;
  /** 種別: アウトプット / アウトカム. */
  kind: string;
  /** 単位. */
  unit: string;
  /** 基準年度 / 基準値; null when the block has no baseline row at all. */
  baseline: { year: SampleValue; value: SampleValue } | null;
  /** Exactly three years: the report year and the two after it. */
  years: SampleYear[];
  /** 【KPI達成】の場合 … row. */
  achieved: SampleText;
  /** 【KPI未達成又は未計測】の場合 … row. */
  unachieved: SampleText;
}

export interface SampleSection {
  /** A1 of the section sheet, e.g. "(1) デジタルツールを活用した情報発信強化". */
  title: string;
  /** The six instruction paragraphs (A5:A10), verbatim. */
  instructions: string[];
  /** The two 記入例 rows (rows 12–13). */
  examples: SampleText[];
  kpis: SampleKpi[];
}

/** samples/data/hanamaki-r6.json */
export interface SampleReport {
  /** Where the transcription comes from (documentation only). */
  source: string;
  /** Transcription notes (documentation only). */
  notes: string[];
  summary: SampleSummary;
  sections: SampleSection[];
}

// ───────────────────────────── constants ─────────────────────────────

const ROOT = path.resolve(__dirname, "..");
export const DATA_FILE = path.join(ROOT, "samples", "data", "hanamaki-r6.json");
export const SAMPLES_DIR = path.join(ROOT, "samples");
export const HANAMAKI_FILE = "hanamaki-r6.xlsx";
export const BLANK_FILE = "template-blank.xlsx";

export const SUMMARY_SHEET = "活用状況";
export const SUMMARY_TITLE = "デジタル実装タイプ（デジタル田園都市国家構想交付金）の令和6年度活用状況";
export const SECTION_HEADING = "3. 事業のKPI";
/** First KPI block row and the pitch between blocks. */
export const FIRST_BLOCK_ROW = 15;
export const BLOCK_PITCH = 11;
/** Blocks of the blank template; those after VISIBLE_BLOCKS sit in hidden, grouped rows. */
export const BLANK_BLOCKS = 20;
export const VISIBLE_BLOCKS = 10;
export const YEN_FORMAT = '#,##0"円"';
export const KIND_LIST = '"アウトプット,アウトカム"';
export const STATUS_LIST = '"達成,未達成,未計測"';

const FIXED_DATE = new Date(Date.UTC(2025, 5, 30, 0, 0, 0));
const CREATOR = "KPI報告チェッカー (scripts/build-samples.ts)";
const FONT_NAME = "游ゴシック";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const REPORT_YEAR = 2024;
const SPACER_HEIGHT = 12;

/** Labels of the blank template: those of section (1) of the canonical form. */
const BLANK_ACHIEVED_LABEL = "【KPI達成】の場合 達成のための取組内容や工夫および 2025年度達成に向けた取組";
const BLANK_UNACHIEVED_LABEL = "【KPI未達成又は未計測】の場合 達成（計測）できなかった理由および 2025年度達成に向けた取組";

/** Column widths (A–G) of the two sheet kinds. */
const SUMMARY_WIDTHS = [34, 9, 60, 60, 44, 16, 16];
const SECTION_WIDTHS = [34, 12, 14, 12, 20, 20, 12];

// ───────────────────────────── styling helpers ─────────────────────────────

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const EXAMPLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } };

interface CellStyle {
  bold?: boolean;
  size?: number;
  wrap?: boolean;
  align?: "left" | "center" | "right";
  border?: boolean;
  fill?: ExcelJS.Fill;
  numFmt?: string;
}

/** Writes a value (or leaves it empty) with the sample's styling. */
function put(ws: ExcelJS.Worksheet, address: string, value: ExcelJS.CellValue, style: CellStyle = {}): ExcelJS.Cell {
  const cell = ws.getCell(address);
  if (value !== null && value !== undefined) cell.value = value;
  cell.font = { name: FONT_NAME, size: style.size ?? 10, bold: style.bold ?? false };
  cell.alignment = {
    vertical: style.wrap ? "top" : "middle",
    horizontal: style.align ?? "left",
    wrapText: style.wrap ?? false,
  };
  if (style.border) cell.border = BOX;
  if (style.fill) cell.fill = style.fill;
  if (style.numFmt) cell.numFmt = style.numFmt;
  return cell;
}

/** Styles every cell of a range (so merged areas get their borders), then merges it. */
function mergeStyled(ws: ExcelJS.Worksheet, range: string, style: CellStyle): void {
  const [from, to] = range.split(":");
  const a = ws.getCell(from);
  const b = ws.getCell(to);
  for (let r = Number(a.row); r <= Number(b.row); r++) {
    for (let c = Number(a.col); c <= Number(b.col); c++) {
      const cell = ws.getCell(r, c);
      if (style.border) cell.border = BOX;
      if (style.fill) cell.fill = style.fill;
    }
  }
  ws.mergeCells(range);
}

/** Approximate display width of a text in column-width units (full-width characters count 2). */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 1.1 : 2;
  return w;
}

/** A row height that shows `text` wrapped in a cell `width` units wide (10pt lines). */
function wrappedHeight(texts: Array<{ text: string | null; width: number }>, minLines = 1): number {
  let lines = minLines;
  for (const { text, width } of texts) {
    if (!text) continue;
    lines = Math.max(lines, Math.ceil(displayWidth(text) / Math.max(1, width - 1)));
  }
  return Math.round(lines * 13.5 + 5);
}

function sumWidths(widths: number[], fromCol: number, toCol: number): number {
  let s = 0;
  for (let c = fromCol; c <= toCol; c++) s += widths[c - 1];
  return s;
}

function listValidation(formula: string): ExcelJS.DataValidation {
  return { type: "list", allowBlank: true, showErrorMessage: true, formulae: [formula] };
}

function setWidths(ws: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  return wb;
}

function addSheet(wb: ExcelJS.Workbook, name: string, outlined = false): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    properties: outlined ? { outlineLevelRow: 1, outlineProperties: { summaryBelow: false, summaryRight: false } } : {},
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "normal", zoomScale: 100 }],
  });
}

// ───────────────────────────── summary sheet ─────────────────────────────

interface SummaryRowInput {
  name: string;
  period: string | null;
  overview: string | null;
  services: string | null;
  kpis: string | null;
  cost: ExcelJS.CellValue;
  grant: ExcelJS.CellValue;
}

function writeSummary(
  wb: ExcelJS.Workbook,
  title: string,
  yearHeader: string,
  rows: SummaryRowInput[],
  totals: { cost: number; grant: number },
): void {
  const ws = addSheet(wb, SUMMARY_SHEET);
  setWidths(ws, SUMMARY_WIDTHS);
  put(ws, "A1", title, { bold: true, size: 14 });
  ws.getRow(1).height = 24;

  const head: CellStyle = { bold: true, align: "center", border: true, fill: HEADER_FILL };
  const headers: Array<[string, string]> = [
    ["A", "事業名"],
    ["B", "事業期間"],
    ["C", "事業概要"],
    ["D", "具体サービス"],
    ["E", "設定したKPI"],
  ];
  for (const [col, label] of headers) {
    put(ws, `${col}3`, label, head);
    mergeStyled(ws, `${col}3:${col}4`, head);
  }
  put(ws, "F3", yearHeader, head);
  mergeStyled(ws, "F3:G3", head);
  put(ws, "F4", "事業費", head);
  put(ws, "G4", "交付金充当額", head);

  const text: CellStyle = { wrap: true, border: true };
  const money: CellStyle = { border: true, align: "right", numFmt: YEN_FORMAT };
  rows.forEach((p, i) => {
    const r = 5 + i;
    put(ws, `A${r}`, p.name, text);
    put(ws, `B${r}`, p.period, { ...text, align: "center" });
    put(ws, `C${r}`, p.overview, text);
    put(ws, `D${r}`, p.services, text);
    put(ws, `E${r}`, p.kpis, text);
    put(ws, `F${r}`, p.cost, money);
    put(ws, `G${r}`, p.grant, money);
    const height = wrappedHeight([
      { text: p.name, width: SUMMARY_WIDTHS[0] },
      { text: p.overview, width: SUMMARY_WIDTHS[2] },
      { text: p.services, width: SUMMARY_WIDTHS[3] },
      { text: p.kpis, width: SUMMARY_WIDTHS[4] },
    ]);
    ws.getRow(r).height = Math.max(height, 20);
  });
  const t = 5 + rows.length;
  const last = t - 1;
  put(ws, `A${t}`, "合計", { bold: true, border: true, fill: HEADER_FILL });
  for (const col of ["B", "C", "D", "E"]) put(ws, `${col}${t}`, null, { border: true, fill: HEADER_FILL });
  put(ws, `F${t}`, { formula: `SUM(F5:F${last})`, result: totals.cost }, { ...money, bold: true, fill: HEADER_FILL });
  put(ws, `G${t}`, { formula: `SUM(G5:G${last})`, result: totals.grant }, { ...money, bold: true, fill: HEADER_FILL });
  ws.getRow(t).height = 20;
}

// ───────────────────────────── section sheets ─────────────────────────────

/** What one KPI block holds; values null leave the cell empty. */
interface BlockInput {
  label: string;
  name: string | null;
  kind: string | null;
  unit: string | null;
  /** null = the block has no baseline row (the 2024 header moves up onto the name row). */
  baseline: { year: SampleValue; value: SampleValue } | null;
  years: SampleYear[];
  achieved: { label: string; text: string | null; count: ExcelJS.CellValue };
  unachieved: { label: string; text: string | null; count: ExcelJS.CellValue };
}

function writeSectionHead(
  ws: ExcelJS.Worksheet,
  title: string,
  instructions: string[],
  examples: Array<{ label: string; text: string | null; count: ExcelJS.CellValue }>,
): void {
  setWidths(ws, SECTION_WIDTHS);
  put(ws, "A1", title, { bold: true, size: 14 });
  ws.getRow(1).height = 24;
  put(ws, "A3", SECTION_HEADING, { bold: true, size: 12 });
  const fullWidth = sumWidths(SECTION_WIDTHS, 1, 7);
  instructions.forEach((para, i) => {
    const r = 5 + i;
    put(ws, `A${r}`, para, { wrap: true });
    ws.mergeCells(`A${r}:G${r}`);
    ws.getRow(r).height = wrappedHeight([{ text: para, width: fullWidth }]);
  });
  examples.forEach((ex, i) => {
    const r = 12 + i;
    writeTextRow(ws, r, ex, EXAMPLE_FILL);
  });
}

/** A label / B:F text / G count row (記入例 and explanation rows). */
function writeTextRow(
  ws: ExcelJS.Worksheet,
  r: number,
  row: { label: string; text: string | null; count: ExcelJS.CellValue },
  fill: ExcelJS.Fill,
): void {
  put(ws, `A${r}`, row.label, { wrap: true, border: true, fill, bold: true });
  put(ws, `B${r}`, row.text, { wrap: true, border: true });
  mergeStyled(ws, `B${r}:F${r}`, { border: true });
  put(ws, `G${r}`, row.count, { border: true, align: "right" });
  ws.getRow(r).height = wrappedHeight(
    [
      { text: row.label, width: SECTION_WIDTHS[0] },
      { text: row.text, width: sumWidths(SECTION_WIDTHS, 2, 6) },
    ],
    3,
  );
}

function writeBlock(ws: ExcelJS.Worksheet, r: number, b: BlockInput): void {
  const head: CellStyle = { bold: true, align: "center", border: true, fill: HEADER_FILL };
  const val: CellStyle = { align: "center", border: true, fill: INPUT_FILL };

  // r: header row
  put(ws, `A${r}`, b.label, { ...head, align: "left" });
  mergeStyled(ws, `A${r}:B${r}`, head);
  put(ws, `C${r}`, "種別", head);
  put(ws, `D${r}`, "単位", head);
  put(ws, `E${r}`, "基準年度", head);
  put(ws, `F${r}`, "基準値", head);

  // r+1: name row
  const n = r + 1;
  put(ws, `A${n}`, b.name, { wrap: true, border: true });
  mergeStyled(ws, `A${n}:B${n}`, { border: true });
  put(ws, `C${n}`, b.kind, val).dataValidation = listValidation(KIND_LIST);
  put(ws, `D${n}`, b.unit, val);
  ws.getRow(n).height = wrappedHeight([{ text: b.name, width: sumWidths(SECTION_WIDTHS, 1, 2) }], 2);

  let y: number;
  if (b.baseline) {
    put(ws, `E${n}`, b.baseline.year, val);
    put(ws, `F${n}`, b.baseline.value, val);
    y = r + 2;
  } else {
    y = r + 1; // the 2024 header shares the name row
  }
  for (const yr of b.years) {
    put(ws, `E${y}`, `${yr.year}年度末 目標値`, head);
    put(ws, `F${y}`, `${yr.year}年度末 実績値`, head);
    put(ws, `G${y}`, "達成状況", head);
    put(ws, `E${y + 1}`, yr.target, val);
    put(ws, `F${y + 1}`, yr.actual, val);
    put(ws, `G${y + 1}`, yr.status, val).dataValidation = listValidation(STATUS_LIST);
    y += 2;
  }
  writeTextRow(ws, r + 8, b.achieved, HEADER_FILL);
  writeTextRow(ws, r + 9, b.unachieved, HEADER_FILL);
  // The spacer row gets an explicit height so it is written (and can be hidden with its block).
  ws.getRow(r + 10).height = SPACER_HEIGHT;
}

export function blockRow(index: number): number {
  return FIRST_BLOCK_ROW + BLOCK_PITCH * index;
}

// ───────────────────────────── the two workbooks ─────────────────────────────

export function buildHanamaki(data: SampleReport): ExcelJS.Workbook {
  const wb = newWorkbook();
  const projects = data.summary.projects;
  writeSummary(
    wb,
    data.summary.title,
    data.summary.yearHeader,
    projects.map((p) => ({ ...p })),
    {
      cost: projects.reduce((s, p) => s + p.cost, 0),
      grant: projects.reduce((s, p) => s + p.grant, 0),
    },
  );
  data.sections.forEach((sec, i) => {
    const ws = addSheet(wb, `事業${i + 1}`);
    writeSectionHead(ws, sec.title, sec.instructions, sec.examples);
    sec.kpis.forEach((k, j) => {
      writeBlock(ws, blockRow(j), {
        label: k.label,
        name: k.name,
        kind: k.kind,
        unit: k.unit,
        baseline: k.baseline,
        years: k.years,
        achieved: k.achieved,
        unachieved: k.unachieved,
      });
    });
  });
  return wb;
}

export function buildBlank(data: SampleReport): ExcelJS.Workbook {
  const wb = newWorkbook();
  const rows: SummaryRowInput[] = [1, 2, 3, 4, 5].map((n) => ({
    name: `(${n})`,
    period: null,
    overview: null,
    services: null,
    kpis: null,
    cost: null,
    grant: { formula: `ROUNDDOWN(F${4 + n}*1/2,0)`, result: 0 },
  }));
  writeSummary(wb, SUMMARY_TITLE, data.summary.yearHeader, rows, { cost: 0, grant: 0 });

  const first = data.sections[0];
  const ws = addSheet(wb, "事業1", true);
  writeSectionHead(ws, "(1) ", first.instructions, first.examples);
  const lenCount = (row: number): ExcelJS.CellValue => ({ formula: `LEN(B${row})&"字"`, result: "0字" });
  for (let i = 0; i < BLANK_BLOCKS; i++) {
    const r = blockRow(i);
    writeBlock(ws, r, {
      label: `KPI${CIRCLED[i]}`,
      name: null,
      kind: null,
      unit: null,
      baseline: { year: null, value: null },
      years: [0, 1, 2].map((d) => ({ year: REPORT_YEAR + d, target: null, actual: null, status: null })),
      achieved: { label: BLANK_ACHIEVED_LABEL, text: null, count: lenCount(r + 8) },
      unachieved: { label: BLANK_UNACHIEVED_LABEL, text: null, count: lenCount(r + 9) },
    });
    if (i >= VISIBLE_BLOCKS) {
      for (let row = r; row < r + BLOCK_PITCH; row++) {
        ws.getRow(row).outlineLevel = 1;
        ws.getRow(row).hidden = true;
      }
    }
  }
  return wb;
}

// ───────────────────────────── data loading ─────────────────────────────

function fail(where: string, what: string): never {
  throw new Error(`${DATA_FILE}: ${where}: ${what}`);
}

function isValue(v: unknown): v is SampleValue {
  return v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

function checkText(t: unknown, where: string): void {
  const o = t as SampleText;
  if (!o || typeof o.label !== "string" || !(o.text === null || typeof o.text === "string")) fail(where, "bad text row");
  if (typeof o.count !== "string" || !/^\d+字$/.test(o.count)) fail(where, `bad count ${String(o.count)}`);
}

/** Light structural check of the data file, so a typo there fails loudly instead of silently. */
export function validateReport(raw: unknown): SampleReport {
  const d = raw as SampleReport;
  if (!d || !d.summary || !Array.isArray(d.summary.projects) || !Array.isArray(d.sections)) fail("root", "bad shape");
  d.summary.projects.forEach((p, i) => {
    for (const k of ["name", "period", "overview", "services", "kpis"] as const) {
      if (typeof p[k] !== "string") fail(`summary.projects[${i}].${k}`, "not a string");
    }
    if (typeof p.cost !== "number" || typeof p.grant !== "number") fail(`summary.projects[${i}]`, "amounts must be numbers");
  });
  d.sections.forEach((s, i) => {
    const w = `sections[${i}]`;
    if (typeof s.title !== "string") fail(w, "no title");
    if (!Array.isArray(s.instructions) || s.instructions.length !== 6) fail(w, "needs 6 instruction paragraphs");
    if (!Array.isArray(s.examples) || s.examples.length !== 2) fail(w, "needs 2 記入例 rows");
    s.examples.forEach((e, j) => checkText(e, `${w}.examples[${j}]`));
    if (!Array.isArray(s.kpis) || s.kpis.length === 0) fail(w, "no KPIs");
    s.kpis.forEach((k, j) => {
      const kw = `${w}.kpis[${j}]`;
      for (const f of ["label", "name", "kind", "unit"] as const) if (typeof k[f] !== "string") fail(kw, `${f} not a string`);
      if (k.baseline !== null && (!k.baseline || !isValue(k.baseline.year) || !isValue(k.baseline.value))) fail(kw, "bad baseline");
      if (!Array.isArray(k.years) || k.years.length !== 3) fail(kw, "needs 3 years");
      k.years.forEach((y, n) => {
        if (typeof y.year !== "number" || !isValue(y.target) || !isValue(y.actual)) fail(`${kw}.years[${n}]`, "bad year");
        if (!(y.status === null || typeof y.status === "string")) fail(`${kw}.years[${n}]`, "bad status");
      });
      checkText(k.achieved, `${kw}.achieved`);
      checkText(k.unachieved, `${kw}.unachieved`);
    });
  });
  return d;
}

export function loadReport(file: string = DATA_FILE): SampleReport {
  return validateReport(JSON.parse(fs.readFileSync(file, "utf8")));
}

// ───────────────────────────── entry points ─────────────────────────────

/** Writes both sample workbooks into outDir and returns their paths. */
export async function buildSamples(outDir: string, data: SampleReport = loadReport()): Promise<{ hanamaki: string; blank: string }> {
  fs.mkdirSync(outDir, { recursive: true });
  const hanamaki = path.join(outDir, HANAMAKI_FILE);
  const blank = path.join(outDir, BLANK_FILE);
  await buildHanamaki(data).xlsx.writeFile(hanamaki);
  await buildBlank(data).xlsx.writeFile(blank);
  return { hanamaki, blank };
}

if (require.main === module) {
  buildSamples(SAMPLES_DIR).then(
    ({ hanamaki, blank }) => {
      console.log(`wrote ${path.relative(process.cwd(), hanamaki)}`);
      console.log(`wrote ${path.relative(process.cwd(), blank)}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
