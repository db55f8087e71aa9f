import { toA1 } from "./address";
import { SheetGrid } from "./grid";
import {
  type CellField,
  type Explanation,
  type KpiBlock,
  type KpiSection,
  type KpiYear,
  type LayoutProblem,
  type ReportModel,
  type Summary,
  type SummaryProject,
} from "./model";
import { isBlank, normalizeLabel, yearFromMatch } from "./text";
import type { WorkbookData } from "./workbook";

/**
 * Reads the national template by its labels, never by fixed addresses: the summary table and
 * every KPI section and block, wherever they sit. One pass classifies each short text cell;
 * the tables are then assembled from those hits, so the work is linear in the workbook's size.
 */
export function readReport(workbook: WorkbookData): ReportModel {
  const model: ReportModel = {
    firstSheet: workbook.sheets[0]?.name ?? null,
    summary: null,
    sections: [],
    layoutProblems: [],
  };
  for (const sheet of workbook.sheets) {
    const grid = new SheetGrid(sheet);
    const labels = classifyLabels(grid);
    let summaryRows: [number, number] | null = null;
    if (!model.summary) {
      const found = readSummary(grid, labels);
      if (found) {
        model.summary = found.summary;
        summaryRows = found.rows;
      }
    }
    readSections(grid, labels, summaryRows, model.sections, model.layoutProblems);
  }
  normalizedLabels.clear();
  labelKinds.clear();
  return model;
}

// ---------------------------------------------------------------------------------------------
// Label classification

type HeaderKind = "kind" | "unit" | "baseYear" | "baseValue" | "target" | "actual" | "status";

interface HeaderHit {
  col: number;
  kind: HeaderKind;
  year?: number;
}

interface Hit {
  row: number;
  col: number;
}

interface SheetLabels {
  kpiLabels: (Hit & { index: number })[];
  titles: (Hit & { number: number })[];
  kpiHeadings: Hit[];
  projectHeaders: Hit[];
  costHeaders: Hit[];
  grantHeaders: Hit[];
  kpiListHeaders: Hit[];
  /** Explanation labels by row. */
  explanations: Map<number, (Hit & { kind: "achieved" | "unmet" })[]>;
  /** Block and year headers, by row. */
  headers: Map<number, HeaderHit[]>;
}

// Labels are short; long texts (instructions, explanations) are never labels. A generous bound
// keeps the NFKC work off the long cells.
const MAX_LABEL_LENGTH = 120;
// Every label starts with one of these characters (after any spaces); testing for them skips the
// NFKC work on the many short data cells (なし, 件, names, short texts) without allocating.
const LABEL_CHARACTER = /^\s*[KkＫｋ【[［(（種単基達事合交設令RrＲ0-9０-９]/;
const KPI_LABEL = /^KPI(\d{1,3})$/;
const SECTION_TITLE = /^\((\d{1,3})\)/;
const YEAR_HEADER = /^(令和|R|r)?(\d{1,4}|元)年度末?の?(目標値|実績値)$/;
/** 【】[]「」『』〔〕（）(): brackets that labels are compared without. */
function isBracket(c: number): boolean {
  switch (c) {
    case 0x3010:
    case 0x3011:
    case 0x5b:
    case 0x5d:
    case 0x300c:
    case 0x300d:
    case 0x300e:
    case 0x300f:
    case 0x3014:
    case 0x3015:
    case 0xff08:
    case 0xff09:
    case 0x28:
    case 0x29:
      return true;
  }
  return false;
}

/**
 * Whether the text with its brackets removed contains `needle` (`anywhere`) or starts with it:
 * text.replace(BRACKETS, "").includes / startsWith, without building that string.
 */
function bareIncludes(text: string, needle: string, anywhere: boolean): boolean {
  for (let start = 0; start < text.length; start++) {
    if (isBracket(text.charCodeAt(start))) continue;
    let i = start;
    let j = 0;
    while (j < needle.length && i < text.length) {
      const c = text.charCodeAt(i);
      if (isBracket(c)) {
        i++;
        continue;
      }
      if (c !== needle.charCodeAt(j)) break;
      i++;
      j++;
    }
    if (j === needle.length) return true;
    if (!anywhere) return false;
  }
  return false;
}

function classifyLabels(grid: SheetGrid): SheetLabels {
  const labels: SheetLabels = {
    kpiLabels: [],
    titles: [],
    kpiHeadings: [],
    projectHeaders: [],
    costHeaders: [],
    grantHeaders: [],
    kpiListHeaders: [],
    explanations: new Map(),
    headers: new Map(),
  };
  grid.forEachString((row, col, value) => {
    if (value.length > MAX_LABEL_LENGTH || !LABEL_CHARACTER.test(value)) return;
    let kind = labelKinds.get(value);
    if (kind === undefined) {
      kind = labelKind(normalized(value));
      if (labelKinds.size < MAX_CACHED_LABELS) labelKinds.set(value, kind);
    }
    if (kind) record(labels, row, col, kind);
  });
  return labels;
}

// The same few label texts repeat on every sheet (headers, year headers, explanation labels):
// each is normalized once per run of the reader, not once per cell. Cleared by readReport.
const normalizedLabels = new Map<string, string>();
const MAX_CACHED_LABELS = 4096;

function normalized(text: string): string {
  let label = normalizedLabels.get(text);
  if (label === undefined) {
    label = normalizeLabel(text);
    if (normalizedLabels.size < MAX_CACHED_LABELS) normalizedLabels.set(text, label);
  }
  return label;
}

function addHeader(labels: SheetLabels, row: number, hit: HeaderHit): void {
  const list = labels.headers.get(row);
  if (list) list.push(hit);
  else labels.headers.set(row, [hit]);
}

/** What a label cell is, from its text alone; the same texts repeat, so each is worked out once a read. */
type LabelKind =
  | { type: "header"; kind: HeaderKind; year?: number }
  | { type: "kpi"; index: number }
  | { type: "title"; number: number }
  | { type: "project" | "cost" | "grant" | "kpiList" | "kpiHeading" }
  | { type: "explanation"; kind: "achieved" | "unmet" };

// Raw cell text -> its kind (null: not a label). Cleared by readReport, like normalizedLabels.
const labelKinds = new Map<string, LabelKind | null>();

function record(labels: SheetLabels, row: number, col: number, label: LabelKind): void {
  switch (label.type) {
    case "header":
      return addHeader(labels, row, label.year === undefined ? { col, kind: label.kind } : { col, kind: label.kind, year: label.year });
    case "kpi":
      labels.kpiLabels.push({ row, col, index: label.index });
      return;
    case "title":
      labels.titles.push({ row, col, number: label.number });
      return;
    case "project":
      labels.projectHeaders.push({ row, col });
      return;
    case "cost":
      labels.costHeaders.push({ row, col });
      return;
    case "grant":
      labels.grantHeaders.push({ row, col });
      return;
    case "kpiList":
      labels.kpiListHeaders.push({ row, col });
      return;
    case "kpiHeading":
      labels.kpiHeadings.push({ row, col });
      return;
    case "explanation": {
      const list = labels.explanations.get(row);
      if (list) list.push({ row, col, kind: label.kind });
      else labels.explanations.set(row, [{ row, col, kind: label.kind }]);
    }
  }
}

function labelKind(text: string): LabelKind | null {
  if (text === "") return null;
  // Each pattern is tried only where its first (or last) character allows it: most short cells
  // are data, and they leave here after a few character comparisons.
  const first = text.charCodeAt(0);
  if (text.length <= 4) {
    const fixed = fixedHeader(text);
    if (fixed) return { type: "header", kind: fixed };
  }
  let match = first === 0x4b /* K */ ? KPI_LABEL.exec(text) : null;
  if (match) return { type: "kpi", index: Number(match[1]) };
  match = text.charCodeAt(text.length - 1) === 0x5024 /* 値 */ ? YEAR_HEADER.exec(text) : null;
  if (match) {
    const year = match[1] ? yearFromMatch(match[1], match[2]) : Number(match[2]);
    return { type: "header", kind: match[3] === "目標値" ? "target" : "actual", year };
  }
  match = first === 0x28 /* ( */ ? SECTION_TITLE.exec(text) : null;
  if (match) return { type: "title", number: Number(match[1]) };
  switch (text) {
    case "事業名":
      return { type: "project" };
    case "事業費":
      return { type: "cost" };
    case "交付金充当額":
      return { type: "grant" };
    case "設定したKPI":
      return { type: "kpiList" };
  }
  if (text.includes("事業のKPI")) return { type: "kpiHeading" };
  if (first !== 0x4b /* K */ && first !== 0x3010 /* 【 */ && first !== 0x5b /* [ */) return null;
  if (text.startsWith("KPI") || text.startsWith("【KPI") || text.startsWith("[KPI")) {
    // Compared as if the brackets were removed (【KPI達成】の場合 -> KPI達成の場合), without removing them.
    if (bareIncludes(text, "記入例", true)) return null; // the form's worked examples are never data
    if (bareIncludes(text, "KPI未達成", false)) return { type: "explanation", kind: "unmet" };
    if (bareIncludes(text, "KPI達成", false)) return { type: "explanation", kind: "achieved" };
  }
  return null;
}

/** The block headers with fixed text (種別, 単位, 基準年度, 基準値, 達成状況). */
function fixedHeader(text: string): HeaderKind | undefined {
  switch (text) {
    case "種別":
      return "kind";
    case "単位":
      return "unit";
    case "基準年度":
      return "baseYear";
    case "基準値":
      return "baseValue";
    case "達成状況":
      return "status";
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Summary table

function readSummary(grid: SheetGrid, labels: SheetLabels): { summary: Summary; rows: [number, number] } | null {
  for (const header of labels.projectHeaders) {
    const near = (hits: Hit[], depth: number) => hits.find((h) => h.row >= header.row && h.row <= header.row + depth && h.col > header.col);
    const cost = near(labels.costHeaders, 2);
    const grant = near(labels.grantHeaders, 2);
    const kpiList = near(labels.kpiListHeaders, 1);
    if (!cost && !grant && !kpiList) continue; // a stray 事業名, not the table's header
    const headerRows = [header, cost, grant, kpiList].filter((h): h is Hit => !!h).map((h) => h.row);
    let row = Math.max(...headerRows) + 1;
    const projects: SummaryProject[] = [];
    let total: Summary["total"] = null;
    const optional = (hit: Hit | undefined, r: number): CellField | null => (hit ? grid.field(r, hit.col) : null);
    for (; row < grid.rowEnd; row++) {
      const name = grid.value(row, header.col);
      if (isBlank(name)) break;
      const text = normalizeLabel(String(name));
      if (text.startsWith("合計")) {
        total = { label: grid.field(row, header.col), cost: optional(cost, row), grant: optional(grant, row) };
        break;
      }
      const number = SECTION_TITLE.exec(text);
      // The blank form's numbered rows ("(2)" with no name and no amount) are not projects.
      if (number && text.length === number[0].length && (!cost || isBlank(grid.value(row, cost.col)))) continue;
      projects.push({
        number: number ? Number(number[1]) : null,
        row: row + 1,
        name: grid.field(row, header.col),
        kpiList: optional(kpiList, row),
        cost: optional(cost, row),
        grant: optional(grant, row),
      });
    }
    const yearLabel = cost && cost.row > header.row ? grid.field(header.row, cost.col) : null;
    return {
      summary: {
        sheet: grid.name,
        header: grid.field(header.row, header.col),
        fiscalYearLabel: yearLabel && !isBlank(yearLabel.value) ? yearLabel : null,
        projects,
        total,
      },
      rows: [header.row, row],
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// KPI sections and blocks

function readSections(
  grid: SheetGrid,
  labels: SheetLabels,
  summaryRows: [number, number] | null,
  sections: KpiSection[],
  problems: LayoutProblem[],
): void {
  const inSummary = (row: number) => !!summaryRows && row >= summaryRows[0] && row <= summaryRows[1];
  const nameCells = new Set(labels.kpiLabels.map((l) => `${l.row + 1}:${l.col}`));
  // A "(n) …" cell is a section title unless it is a summary row or a KPI's name.
  const titles = labels.titles
    .filter((t) => !inSummary(t.row) && !nameCells.has(`${t.row}:${t.col}`))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const kpiLabels = labels.kpiLabels.filter((l) => !inSummary(l.row)).sort((a, b) => a.row - b.row || a.col - b.col);
  if (kpiLabels.length === 0 && titles.length === 0) return;

  const sheetSections: { startRow: number; section: KpiSection; hasHeading: boolean }[] = titles.map((t) => ({
    startRow: t.row,
    section: { sheet: grid.name, number: t.number, title: grid.field(t.row, t.col), blocks: [] },
    hasHeading: false,
  }));
  for (const heading of labels.kpiHeadings) {
    // A section counts as one when a 「3. 事業のKPI」 heading follows its title (few headings per sheet).
    const owner = lastBefore(sheetSections, heading.row);
    if (owner) owner.hasHeading = true;
  }
  let untitled: KpiSection | null = null;
  const boundaries = [...kpiLabels.map((l) => l.row), ...titles.map((t) => t.row)].sort((a, b) => a - b);

  // Labels are sorted by row, so the next boundary and the owning section only move forward.
  let next = 0;
  let ownerIndex = -1;
  for (const label of kpiLabels) {
    while (next < boundaries.length && boundaries[next] <= label.row) next++;
    const end = next < boundaries.length ? boundaries[next] : grid.rowEnd;
    while (ownerIndex + 1 < sheetSections.length && sheetSections[ownerIndex + 1].startRow < label.row) ownerIndex++;
    const block = readBlock(grid, labels, label, end, problems);
    if (!block) continue;
    const owner = ownerIndex >= 0 ? sheetSections[ownerIndex] : undefined;
    if (owner) {
      owner.section.blocks.push(block);
    } else {
      // Blocks above any title: a section on its own sheet without its title row.
      if (!untitled) {
        const digits = /\d+/.exec(grid.name.normalize("NFKC"));
        const number = digits ? Number(digits[0]) : NaN;
        untitled = { sheet: grid.name, number: Number.isSafeInteger(number) ? number : null, title: null, blocks: [] };
        sections.push(untitled);
      }
      untitled.blocks.push(block);
    }
  }
  for (const { section, hasHeading } of sheetSections) {
    if (section.blocks.length > 0 || hasHeading) sections.push(section);
  }
}

function lastBefore<T extends { startRow: number }>(items: T[], row: number): T | undefined {
  let found: T | undefined;
  for (const item of items) {
    if (item.startRow < row) found = item;
    else break;
  }
  return found;
}

function readBlock(
  grid: SheetGrid,
  labels: SheetLabels,
  label: Hit & { index: number },
  end: number,
  problems: LayoutProblem[],
): KpiBlock | null {
  // The first heading of each kind right of the label.
  let kindCol: number | undefined;
  let unitCol: number | undefined;
  let baseYearCol: number | undefined;
  let baseValueCol: number | undefined;
  for (const h of labels.headers.get(label.row) ?? NO_HEADERS) {
    if (h.col <= label.col) continue;
    if (h.kind === "kind") kindCol ??= h.col;
    else if (h.kind === "unit") unitCol ??= h.col;
    else if (h.kind === "baseYear") baseYearCol ??= h.col;
    else if (h.kind === "baseValue") baseValueCol ??= h.col;
  }
  if (kindCol === undefined || unitCol === undefined || baseYearCol === undefined || baseValueCol === undefined) {
    // A "KPI①" with none of the block's headings beside it is text, not a block.
    if (kindCol === undefined && unitCol === undefined && baseYearCol === undefined && baseValueCol === undefined) return null;
    const cell = toA1(label.row, label.col);
    if (kindCol === undefined) problems.push({ sheet: grid.name, cell, label: "種別" });
    if (unitCol === undefined) problems.push({ sheet: grid.name, cell, label: "単位" });
    if (baseYearCol === undefined) problems.push({ sheet: grid.name, cell, label: "基準年度" });
    if (baseValueCol === undefined) problems.push({ sheet: grid.name, cell, label: "基準値" });
    return null;
  }
  const nameRow = valuesRowBelow(grid, labels, label.row, [label.col, kindCol, unitCol, baseYearCol, baseValueCol], label.col, end);

  const years: KpiYear[] = [];
  let lastValueRow = nameRow;
  let statusCol: number | undefined;
  for (let row = nameRow; row < end; row++) {
    const hits = labels.headers.get(row);
    if (!hits) continue;
    let hasTarget = false;
    for (const target of hits) {
      if (target.kind !== "target" || target.col < label.col) continue;
      hasTarget = true;
      const actual = hits.find((h) => h.kind === "actual" && h.col > target.col);
      const status = hits.find((h) => h.kind === "status" && h.col > (actual?.col ?? target.col));
      if (!actual || !status) {
        problems.push({ sheet: grid.name, cell: toA1(row, target.col), label: !actual ? "実績値" : "達成状況" });
        continue;
      }
      statusCol ??= status.col;
      const valueRow = valuesRowBelow(grid, labels, row, [target.col, actual.col, status.col], label.col, end);
      years.push({
        year: target.year!,
        header: grid.field(row, target.col),
        target: grid.field(valueRow, target.col),
        actual: grid.field(valueRow, actual.col),
        status: grid.field(valueRow, status.col),
      });
      lastValueRow = Math.max(lastValueRow, valueRow);
    }
    // A year whose 目標値 heading is gone: say so rather than drop the year unnoticed.
    const orphan = hasTarget ? undefined : hits.find((h) => h.kind === "actual" && h.col > label.col);
    if (orphan) problems.push({ sheet: grid.name, cell: toA1(row, orphan.col), label: "目標値" });
  }
  if (years.length === 0) {
    problems.push({ sheet: grid.name, cell: toA1(label.row, label.col), label: "目標値" });
    return null;
  }
  if (!isSortedByYear(years)) years.sort((a, b) => a.year - b.year);
  const baselineMissing = labels.headers.get(nameRow)?.some((h) => h.kind === "target") ?? false;

  let achieved: Explanation | null = null;
  let unmet: Explanation | null = null;
  for (let row = lastValueRow + 1; row < end; row++) {
    for (const hit of labels.explanations.get(row) ?? []) {
      if (hit.col < label.col) continue;
      const explanation = readExplanation(grid, hit, statusCol);
      if (hit.kind === "achieved") achieved ??= explanation;
      else unmet ??= explanation;
    }
  }

  const block: KpiBlock = {
    index: label.index,
    label: grid.field(label.row, label.col),
    name: grid.field(nameRow, label.col),
    kind: grid.field(nameRow, kindCol!),
    unit: grid.field(nameRow, unitCol!),
    baselineHeader: grid.field(label.row, baseYearCol!),
    baseYear: baselineMissing ? null : grid.field(nameRow, baseYearCol!),
    baseValue: baselineMissing ? null : grid.field(nameRow, baseValueCol!),
    years,
    achieved,
    unmet,
  };
  return isUnusedBlock(block) ? null : block;
}

const NO_HEADERS: HeaderHit[] = [];

function holdsSomething(grid: SheetGrid, row: number, col: number): boolean {
  return !isBlank(grid.value(row, col)) || grid.formula(row, col) !== null;
}

/**
 * The row holding the values under a heading row: the row below it, as in the form; or, when rows
 * were inserted between them, the first row below that is not blank. The block's columns from
 * `left` to the last value column are looked at. A row further down is taken only if every row
 * skipped is blank there, no heading or explanation row comes first, and it holds something in the
 * value columns and nothing else: an explanation whose label was deleted holds its text left of
 * them, and values left empty must not borrow the next filled row.
 */
function valuesRowBelow(grid: SheetGrid, labels: SheetLabels, headingRow: number, valueCols: number[], left: number, end: number): number {
  const below = headingRow + 1;
  // The usual case, a values row with values, answered from the value columns alone.
  for (const col of valueCols) if (holdsSomething(grid, below, col)) return below;
  let right = left;
  for (const col of valueCols) if (col > right) right = col;
  const isBlankRow = (row: number) => {
    for (let col = left; col <= right; col++) if (holdsSomething(grid, row, col)) return false;
    return true;
  };
  if (!isBlankRow(below)) return below;
  for (let row = below + 1; row < end; row++) {
    if (labels.headers.has(row) || labels.explanations.has(row)) return below;
    if (isBlankRow(row)) continue;
    for (let col = left; col <= right; col++) {
      if (holdsSomething(grid, row, col) && !valueCols.includes(col)) return below;
    }
    return row;
  }
  return below;
}

function isSortedByYear(years: KpiYear[]): boolean {
  for (let i = 1; i < years.length; i++) if (years[i - 1].year > years[i].year) return false;
  return true;
}

const CHAR_COUNT = /^\s*\d+\s*字\s*$/;

function readExplanation(grid: SheetGrid, hit: Hit, statusCol: number | undefined): Explanation {
  const textCol = grid.nextColumn(hit.row, hit.col);
  const afterText = grid.nextColumn(hit.row, textCol);
  // The count sits right of the text: the first cell holding "N字" or a formula, else the
  // block's last column (under 達成状況), as in the form.
  let countCol: number | undefined;
  const lastCol = Math.max(statusCol ?? afterText, afterText);
  for (let col = afterText; col <= lastCol; col++) {
    const value = grid.value(hit.row, col);
    if (grid.formula(hit.row, col) || (typeof value === "string" && CHAR_COUNT.test(value))) {
      countCol = col;
      break;
    }
  }
  countCol ??= statusCol !== undefined && statusCol >= afterText ? statusCol : afterText;
  return {
    label: grid.field(hit.row, hit.col),
    text: grid.field(hit.row, textCol),
    count: grid.field(hit.row, countCol),
  };
}

/** The form ships ten empty blocks; one with nothing typed in is not a KPI. */
function isUnusedBlock(block: KpiBlock): boolean {
  const empty = (f: CellField | null | undefined) => !f || isBlank(f.value);
  if (!empty(block.name) || !empty(block.kind) || !empty(block.unit) || !empty(block.baseYear) || !empty(block.baseValue)) return false;
  for (const y of block.years) if (!empty(y.target) || !empty(y.actual) || !empty(y.status)) return false;
  return empty(block.achieved?.text) && empty(block.unmet?.text);
}
