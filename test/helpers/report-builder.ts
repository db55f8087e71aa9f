/**
 * Builds report workbooks as plain WorkbookData in the template's canonical layout, for tests:
 * every field defaults to a valid value, so a case states only what it changes.
 */
import { parseA1, toA1 } from "../../src/core/address";
import type { Scalar, SheetData, WorkbookData } from "../../src/core/workbook";

export type YearSpec = [target: Scalar, actual: Scalar, status: Scalar];

export interface BlockSpec {
  label?: string;
  name?: Scalar;
  kind?: Scalar;
  unit?: Scalar;
  baseYear?: Scalar;
  baseValue?: Scalar;
  /** The year header sits on the name row (section (3) of the seed). */
  noBaselineRow?: boolean;
  years?: YearSpec[];
  firstYear?: number;
  /** "{year}年度末 目標値" by default; a function to spell the headers otherwise. */
  yearHeader?: (year: number, what: "目標値" | "実績値") => string;
  achieved?: Scalar;
  unmet?: Scalar;
  /** "auto" (default): a LEN formula with its cached result; otherwise the value written. */
  achievedCount?: Scalar | "auto";
  unmetCount?: Scalar | "auto";
  achievedLabel?: string;
  unmetLabel?: string;
}

export interface SectionSpec {
  number: number;
  title?: string;
  blocks: BlockSpec[];
  sheet?: string;
}

export interface ProjectSpec {
  name?: Scalar;
  kpiList?: Scalar;
  cost?: Scalar;
  grant?: Scalar;
}

export interface ReportSpec {
  sections: SectionSpec[];
  /** Summary rows by project number; defaults derive from the sections. Null: no summary sheet. */
  projects?: Record<number, ProjectSpec> | null;
  totalCost?: Scalar | "auto";
  totalGrant?: Scalar | "auto";
}

export const DEFAULT_BLOCK: Required<Omit<BlockSpec, "label" | "yearHeader" | "achievedLabel" | "unmetLabel">> = {
  name: "テスト指標",
  kind: "アウトプット",
  unit: "件",
  baseYear: "なし",
  baseValue: "なし",
  noBaselineRow: false,
  years: [
    [100, 120, "達成"],
    [200, null, null],
    [300, null, null],
  ],
  firstYear: 2024,
  achieved: "周知を重ねた結果、目標を上回った。",
  unmet: null,
  achievedCount: "auto",
  unmetCount: "auto",
};

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** A sheet under construction: absolute addresses, turned into dense arrays at the end. */
export class SheetBuilder {
  private cells = new Map<string, { value: Scalar; formula?: string; numberFormat?: string }>();
  merges: string[] = [];
  hiddenRows: number[] = [];
  constructor(readonly name: string) {}

  set(cell: string, value: Scalar, extra: { formula?: string; numberFormat?: string } = {}): this {
    this.cells.set(cell, { value, ...extra });
    return this;
  }

  build(): SheetData {
    let maxRow = 0;
    let maxCol = 0;
    for (const cell of this.cells.keys()) {
      const p = parseA1(cell)!;
      maxRow = Math.max(maxRow, p.row + 1);
      maxCol = Math.max(maxCol, p.col + 1);
    }
    const values: Scalar[][] = Array.from({ length: maxRow }, () => Array<Scalar>(maxCol).fill(null));
    const formulas: (string | null)[][] = Array.from({ length: maxRow }, () => Array<string | null>(maxCol).fill(null));
    const numberFormats: (string | null)[][] = Array.from({ length: maxRow }, () => Array<string | null>(maxCol).fill(null));
    for (const [cell, content] of this.cells) {
      const p = parseA1(cell)!;
      values[p.row][p.col] = content.value;
      formulas[p.row][p.col] = content.formula ?? null;
      numberFormats[p.row][p.col] = content.numberFormat ?? null;
    }
    return { name: this.name, values, formulas, numberFormats, merges: this.merges, hiddenRows: this.hiddenRows };
  }
}

export const BLOCK_START_ROW = 15;
export const BLOCK_PITCH = 11;

/** Writes one block whose KPI label sits at (1-based) row r, column A. */
export function writeBlock(sheet: SheetBuilder, r: number, index: number, spec: BlockSpec): void {
  const b = { ...DEFAULT_BLOCK, ...spec };
  const header = b.yearHeader ?? ((year: number, what: string) => `${year}年度末 ${what}`);
  sheet.set(`A${r}`, spec.label ?? `KPI${CIRCLED[index - 1] ?? index}`);
  sheet.merges.push(`A${r}:B${r}`, `A${r + 1}:B${r + 1}`);
  sheet.set(`C${r}`, "種別").set(`D${r}`, "単位").set(`E${r}`, "基準年度").set(`F${r}`, "基準値");
  sheet
    .set(`A${r + 1}`, b.name)
    .set(`C${r + 1}`, b.kind)
    .set(`D${r + 1}`, b.unit);
  let row = r + 1;
  if (!b.noBaselineRow) {
    sheet.set(`E${r + 1}`, b.baseYear).set(`F${r + 1}`, b.baseValue);
    row = r + 2;
  }
  b.years.forEach(([target, actual, status], i) => {
    const year = b.firstYear + i;
    sheet.set(`E${row}`, header(year, "目標値")).set(`F${row}`, header(year, "実績値")).set(`G${row}`, "達成状況");
    sheet
      .set(`E${row + 1}`, target)
      .set(`F${row + 1}`, actual)
      .set(`G${row + 1}`, status);
    row += 2;
  });
  const explanationRow = r + 8;
  const explanations: [string, Scalar, Scalar | "auto"][] = [
    [spec.achievedLabel ?? "【KPI達成】の場合 達成のための取組内容や工夫および 2025年度達成に向けた取組", b.achieved, b.achievedCount],
    [spec.unmetLabel ?? "【KPI未達成又は未計測】の場合 達成（計測）できなかった理由および 2025年度達成に向けた取組", b.unmet, b.unmetCount],
  ];
  explanations.forEach(([label, text, count], i) => {
    const rr = explanationRow + i;
    sheet.set(`A${rr}`, label).set(`B${rr}`, text);
    sheet.merges.push(`B${rr}:F${rr}`);
    if (count === "auto") {
      const length = typeof text === "string" ? text.length : text === null ? 0 : String(text).length;
      sheet.set(`G${rr}`, `${length}字`, { formula: `=LEN(B${rr})&"字"` });
    } else {
      sheet.set(`G${rr}`, count);
    }
  });
}

export function blockRow(position: number): number {
  return BLOCK_START_ROW + BLOCK_PITCH * position;
}

export function writeSectionHeader(sheet: SheetBuilder, top: number, number: number, title: string): void {
  sheet.set(`A${top}`, `(${number}) ${title}`);
  sheet.set(`A${top + 2}`, "3. 事業のKPI");
  sheet.set(
    `A${top + 4}`,
    "KPI目標値（3か年分）、KPI実績値（2024年度末）及び事業実施前の基準値・基準年度（いずれも数値のみ…）を記入してください。",
  );
  sheet.set(`A${top + 11}`, "【KPI達成】の場合の記入例 達成のための取組内容や工夫および 2025年度達成に向けた取組");
  sheet.set(`B${top + 11}`, "「スマホ教室を開催する企業や団体と連携したサービスの紹介」と…").set(`G${top + 11}`, "219字");
  sheet.set(`A${top + 12}`, "【KPI未達成又は未計測】の場合の記入例 達成（計測）できなかった理由および 2025年度達成に向けた取組");
  sheet.set(`B${top + 12}`, "2024年10月末に実装を予定していたが…").set(`G${top + 12}`, "233字");
}

export const AMOUNT_FORMAT = '#,##0"円"';

export function buildReport(spec: ReportSpec): WorkbookData {
  const sheets: SheetData[] = [];
  if (spec.projects !== null) sheets.push(buildSummary(spec));
  for (const section of spec.sections) {
    const sheet = new SheetBuilder(section.sheet ?? `事業${section.number}`);
    writeSectionHeader(sheet, 1, section.number, section.title ?? `テスト事業${section.number}`);
    section.blocks.forEach((block, i) => writeBlock(sheet, blockRow(i), i + 1, block));
    sheets.push(sheet.build());
  }
  return { sheets };
}

function buildSummary(spec: ReportSpec): SheetData {
  const sheet = new SheetBuilder("活用状況");
  sheet.set("A1", "デジタル実装タイプ（デジタル田園都市国家構想交付金）の令和6年度活用状況");
  sheet.set("A3", "事業名").set("B3", "事業期間").set("C3", "事業概要").set("D3", "具体サービス").set("E3", "設定したKPI").set("F3", "R6");
  sheet.set("F4", "事業費").set("G4", "交付金充当額");
  sheet.merges.push("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3");
  let row = 5;
  let costSum = 0;
  let grantSum = 0;
  for (const section of spec.sections) {
    const p = spec.projects?.[section.number] ?? {};
    const kpiList = section.blocks.map((b, i) => `${CIRCLED[i]}${b.name ?? DEFAULT_BLOCK.name}`).join(" ");
    const cost = p.cost === undefined ? 1_000_000 * section.number + 1 : p.cost;
    const grant = p.grant === undefined && typeof cost === "number" ? Math.floor(cost / 2) : (p.grant ?? null);
    sheet.set(`A${row}`, p.name ?? `(${section.number}) ${section.title ?? `テスト事業${section.number}`}`);
    sheet.set(`B${row}`, "R6").set(`E${row}`, p.kpiList === undefined ? kpiList : p.kpiList);
    sheet.set(`F${row}`, cost, { numberFormat: AMOUNT_FORMAT }).set(`G${row}`, grant, { numberFormat: AMOUNT_FORMAT });
    if (typeof cost === "number") costSum += cost;
    if (typeof grant === "number") grantSum += grant;
    row++;
  }
  const last = row - 1;
  sheet.set(`A${row}`, "合計");
  const total = (col: string, spec: Scalar | "auto" | undefined, sum: number) => {
    if (spec === undefined || spec === "auto")
      sheet.set(`${col}${row}`, sum, { formula: `=SUM(${col}5:${col}${last})`, numberFormat: AMOUNT_FORMAT });
    else sheet.set(`${col}${row}`, spec, { numberFormat: AMOUNT_FORMAT });
  };
  total("F", spec.totalCost, costSum);
  total("G", spec.totalGrant, grantSum);
  return sheet.build();
}

/** Overwrites one cell of built workbook data (value, and optionally formula / number format). */
export function setCell(
  workbook: WorkbookData,
  sheetName: string,
  cell: string,
  value: Scalar,
  extra: { formula?: string | null; numberFormat?: string | null } = {},
): WorkbookData {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const p = parseA1(cell)!;
  while (sheet.values.length <= p.row) sheet.values.push([]);
  sheet.values[p.row][p.col] = value;
  sheet.formulas ??= [];
  while (sheet.formulas.length <= p.row) sheet.formulas.push([]);
  sheet.formulas[p.row][p.col] = extra.formula ?? null;
  if (extra.numberFormat !== undefined) {
    sheet.numberFormats ??= [];
    while (sheet.numberFormats.length <= p.row) sheet.numberFormats.push([]);
    sheet.numberFormats[p.row][p.col] = extra.numberFormat;
  }
  return workbook;
}

export { toA1 };

/** A report with one section (1) holding the given blocks. */
export function oneSection(blocks: BlockSpec[] = [{}], extra: Omit<ReportSpec, "sections"> = {}): ReportSpec {
  return { sections: [{ number: 1, blocks }], ...extra };
}

/** The default three years with the first (2024) replaced. */
export function firstYear(target: Scalar, actual: Scalar, status: Scalar): YearSpec[] {
  return [[target, actual, status], ...DEFAULT_BLOCK.years.slice(1)];
}

export type CellEdit = [sheet: string, cell: string, value: Scalar, extra?: { formula?: string | null; numberFormat?: string | null }];

/** Builds a report, then overwrites cells (setCell for each edit). */
export function edited(spec: ReportSpec, edits: CellEdit[]): WorkbookData {
  const workbook = buildReport(spec);
  for (const [sheet, cell, value, extra] of edits) setCell(workbook, sheet, cell, value, extra);
  return workbook;
}
