import { SheetGrid } from "./grid";
import {
  ReportModelSchema,
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
  return ReportModelSchema.parse(model);
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
const BRACKETS = /[【】[\]「」『』〔〕（）()]/g;
const FIXED_HEADERS: Record<string, HeaderKind> = {
  種別: "kind",
  単位: "unit",
  基準年度: "baseYear",
  基準値: "baseValue",
  達成状況: "status",
};

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
    classifyCell(labels, row, col, normalizeLabel(value));
  });
  return labels;
}

function addHeader(labels: SheetLabels, row: number, hit: HeaderHit): void {
  const list = labels.headers.get(row);
  if (list) list.push(hit);
  else labels.headers.set(row, [hit]);
}

function classifyCell(labels: SheetLabels, row: number, col: number, text: string): void {
  if (text === "") return;
  const fixed = FIXED_HEADERS[text];
  if (fixed) return addHeader(labels, row, { col, kind: fixed });
  let match = KPI_LABEL.exec(text);
  if (match) {
    labels.kpiLabels.push({ row, col, index: Number(match[1]) });
    return;
  }
  match = YEAR_HEADER.exec(text);
  if (match) {
    const year = match[1] ? yearFromMatch(match[1], match[2]) : Number(match[2]);
    addHeader(labels, row, { col, kind: match[3] === "目標値" ? "target" : "actual", year });
    return;
  }
  match = SECTION_TITLE.exec(text);
  if (match) {
    labels.titles.push({ row, col, number: Number(match[1]) });
    return;
  }
  switch (text) {
    case "事業名":
      labels.projectHeaders.push({ row, col });
      return;
    case "事業費":
      labels.costHeaders.push({ row, col });
      return;
    case "交付金充当額":
      labels.grantHeaders.push({ row, col });
      return;
    case "設定したKPI":
      labels.kpiListHeaders.push({ row, col });
      return;
  }
  if (text.includes("事業のKPI")) {
    labels.kpiHeadings.push({ row, col });
    return;
  }
  if (text.startsWith("KPI") || text.startsWith("【KPI") || text.startsWith("[KPI")) {
    const bare = text.replace(BRACKETS, "");
    if (bare.includes("記入例")) return; // the form's worked examples are never data
    const kind = bare.startsWith("KPI未達成") ? "unmet" : bare.startsWith("KPI達成") ? "achieved" : null;
    if (!kind) return;
    const list = labels.explanations.get(row);
    if (list) list.push({ row, col, kind });
    else labels.explanations.set(row, [{ row, col, kind }]);
  }
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
        untitled = { sheet: grid.name, number: digits ? Number(digits[0]) : null, title: null, blocks: [] };
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
  const header = labels.headers.get(label.row) ?? [];
  const column = (kind: HeaderKind) => header.find((h) => h.kind === kind && h.col > label.col)?.col;
  const kindCol = column("kind");
  const unitCol = column("unit");
  const baseYearCol = column("baseYear");
  const baseValueCol = column("baseValue");
  const missing = (
    [
      ["種別", kindCol],
      ["単位", unitCol],
      ["基準年度", baseYearCol],
      ["基準値", baseValueCol],
    ] as const
  ).filter(([, col]) => col === undefined);
  // A "KPI①" with none of the block's headings beside it is text, not a block.
  if (missing.length === 4) return null;
  if (missing.length > 0) {
    for (const [name] of missing) problems.push({ sheet: grid.name, cell: grid.field(label.row, label.col).cell, label: name });
    return null;
  }
  const nameRow = label.row + 1;

  const years: KpiYear[] = [];
  let lastValueRow = nameRow;
  let statusCol: number | undefined;
  for (let row = nameRow; row < end; row++) {
    const hits = labels.headers.get(row);
    if (!hits) continue;
    for (const target of hits) {
      if (target.kind !== "target" || target.col < label.col) continue;
      const actual = hits.find((h) => h.kind === "actual" && h.col > target.col);
      const status = hits.find((h) => h.kind === "status" && h.col > (actual?.col ?? target.col));
      if (!actual || !status) {
        problems.push({ sheet: grid.name, cell: grid.field(row, target.col).cell, label: !actual ? "実績値" : "達成状況" });
        continue;
      }
      statusCol ??= status.col;
      years.push({
        year: target.year!,
        header: grid.field(row, target.col),
        target: grid.field(row + 1, target.col),
        actual: grid.field(row + 1, actual.col),
        status: grid.field(row + 1, status.col),
      });
      lastValueRow = Math.max(lastValueRow, row + 1);
    }
  }
  if (years.length === 0) {
    problems.push({ sheet: grid.name, cell: grid.field(label.row, label.col).cell, label: "目標値" });
    return null;
  }
  years.sort((a, b) => a.year - b.year);
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
  const fields: (CellField | null | undefined)[] = [block.name, block.kind, block.unit, block.baseYear, block.baseValue];
  for (const y of block.years) fields.push(y.target, y.actual, y.status);
  fields.push(block.achieved?.text, block.unmet?.text);
  return fields.every((f) => !f || isBlank(f.value));
}
