/**
 * The summary table (活用状況), read as a table the way a person reads it: the header row holding
 * 事業名 maps the columns (事業名, 設定したKPI, 事業費, 交付金充当額, and an optional No./番号 column before
 * 事業名); below it, one project a row — or a band of rows merged vertically — down to the 合計
 * row, found by 合計 (any spacing, half or full width) in any of the row's leading text columns or
 * a merge covering them, or to the first empty row.
 */
import type { SheetGrid } from "../grid";
import { toA1 } from "../address";
import type { CellField, LayoutProblem, Summary, SummaryProject } from "../model";
import { projectNumberOf } from "../numbering";
import { isBlank } from "../text";
import type { Hit, LabelCache, SheetLabels } from "./labels";

/** What a No. column's header says, normalized (NFKC, no spaces). */
const NUMBER_HEADERS = new Set(["No", "No.", "NO", "NO.", "no", "no.", "№", "番号", "#"]);

export function readSummary(
  grid: SheetGrid,
  labels: SheetLabels,
  cache: LabelCache,
  problems: LayoutProblem[],
): { summary: Summary; rows: [number, number] } | null {
  for (const header of labels.projectHeaders) {
    const near = (hits: Hit[], depth: number) => hits.find((h) => h.row >= header.row && h.row <= header.row + depth && h.col > header.col);
    const cost = near(labels.costHeaders, 2);
    const grant = near(labels.grantHeaders, 2);
    const kpiList = near(labels.kpiListHeaders, 1);
    if (!cost && !grant && !kpiList) continue; // a stray 事業名, not the table's header
    const headerRows = [header, cost, grant, kpiList].filter((h): h is Hit => !!h).map((h) => h.row);
    const headerEnd = Math.max(...headerRows.map((r) => lastRowOf(grid, r, header.col)));

    const numberCol = numberColumn(grid, cache, header, headerEnd);
    const left = numberCol ?? header.col;
    const amountCols = [cost?.col, grant?.col].filter((c): c is number => c !== undefined);
    // The 合計 label stands in the leading columns (No., 事業名, or a merge starting there); 事業概要
    // and the other texts right of them are data, whatever they say.
    const textEnd = header.col + 1;
    const right = Math.max(left, ...amountCols, kpiList?.col ?? left, header.col);

    const projects: SummaryProject[] = [];
    let total: Summary["total"] = null;
    const optional = (hit: Hit | undefined, r: number): CellField | null => (hit ? grid.field(r, hit.col) : null);
    const bandStart = headerEnd + 1;
    let row = bandStart;
    let bandEnd = bandStart - 1; // the last row of the band seen so far (0-based)
    while (row < grid.rowEnd) {
      const bottom = bandBottom(grid, row, left, right);
      if (isEmptyBand(grid, row, bottom, left, right)) break;
      const name = grid.value(row, header.col);
      const nameText = typeof name === "string" ? cache.normalized(name) : "";
      let number = projectNumberOf(nameText);
      // A "(n)" name is a project, whatever follows its number.
      if (number === null && isTotalRow(grid, cache, row, left, textEnd)) {
        total = { label: totalLabel(grid, cache, row, left, textEnd), cost: optional(cost, row), grant: optional(grant, row) };
        break;
      }
      // An amount typed in: the 事業費 (the template computes 交付金充当額 from it, 0 while it is empty).
      const typedAmountCol = cost?.col ?? grant?.col;
      const amounts = typedAmountCol !== undefined && !isBlank(grid.value(row, typedAmountCol));
      // The blank form's rows ("(2)" and no name, or nothing but a No.) hold no project yet.
      const bareNumber = number !== null && nameText.replace(/^\(\d+\)/, "") === "";
      bandEnd = bottom;
      if ((isBlank(name) || bareNumber) && !amounts) {
        row = bottom + 1;
        continue;
      }
      if (number === null && numberCol !== undefined) number = plainNumber(grid.value(row, numberCol));
      projects.push({
        number,
        row: row + 1,
        name: grid.field(row, header.col),
        kpiList: optional(kpiList, row),
        cost: optional(cost, row),
        grant: optional(grant, row),
      });
      row = bottom + 1;
    }
    // A table of projects without its 合計 row: its totals cannot be checked, so say so where it
    // was expected (below the last project) rather than skip them in silence.
    if (!total && projects.length > 0 && (cost || grant)) problems.push({ sheet: grid.name, cell: toA1(row, left), label: "合計" });
    const yearLabel = cost && cost.row > header.row ? grid.field(header.row, cost.col) : null;
    return {
      summary: {
        sheet: grid.name,
        header: grid.field(header.row, header.col),
        fiscalYearLabel: yearLabel && !isBlank(yearLabel.value) ? yearLabel : null,
        projects,
        band: bandEnd >= bandStart ? { firstRow: bandStart + 1, lastRow: bandEnd + 1 } : null,
        total,
      },
      rows: [header.row, row],
    };
  }
  return null;
}

/** The last row a cell's merged area covers (the cell's own row when it is not merged). */
function lastRowOf(grid: SheetGrid, row: number, col: number): number {
  return grid.mergeAt(row, col)?.endRow ?? row;
}

/** The No./番号 column: the column left of 事業名 whose header says so, if any. */
function numberColumn(grid: SheetGrid, cache: LabelCache, header: Hit, headerEnd: number): number | undefined {
  if (header.col === 0) return undefined;
  for (let row = header.row; row <= headerEnd; row++) {
    const value = grid.value(row, header.col - 1);
    if (typeof value === "string" && NUMBER_HEADERS.has(cache.normalized(value))) return header.col - 1;
  }
  return undefined;
}

/** A project's rows: the row itself, or the band a vertical merge starting on it covers. */
function bandBottom(grid: SheetGrid, row: number, left: number, right: number): number {
  let bottom = row;
  for (let col = left; col <= right; col++) bottom = Math.max(bottom, lastRowOf(grid, row, col));
  return bottom;
}

function isEmptyBand(grid: SheetGrid, top: number, bottom: number, left: number, right: number): boolean {
  for (let row = top; row <= bottom; row++) {
    for (let col = left; col <= right; col++) {
      if (!isBlank(grid.value(row, col)) || grid.formula(row, col) !== null) return false;
    }
  }
  return true;
}

/** 合計 in any leading text column (「合計」「合　計」「合 計」; a merge keeps it in its top-left cell). */
function isTotalRow(grid: SheetGrid, cache: LabelCache, row: number, left: number, textEnd: number): boolean {
  return totalColumn(grid, cache, row, left, textEnd) !== null;
}

function totalColumn(grid: SheetGrid, cache: LabelCache, row: number, left: number, textEnd: number): number | null {
  for (let col = left; col < textEnd; col++) {
    const value = grid.value(row, col);
    if (typeof value === "string" && cache.normalized(value).startsWith("合計")) return col;
  }
  return null;
}

function totalLabel(grid: SheetGrid, cache: LabelCache, row: number, left: number, textEnd: number): CellField {
  return grid.field(row, totalColumn(grid, cache, row, left, textEnd) ?? left);
}

/** A No. cell's project number: 1, "1", "１", "(1)". */
function plainNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== "string") return null;
  const text = value.normalize("NFKC").trim();
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return projectNumberOf(text);
}
