/** KPI sections (a "(n)" title and its blocks) and the KPI blocks in them. */
import { toA1 } from "../address";
import type { SheetGrid } from "../grid";
import type { CellField, Explanation, KpiBlock, KpiSection, KpiYear, LayoutProblem } from "../model";
import { isBlank } from "../text";
import type { HeaderHit, Hit, SheetLabels } from "./labels";

/**
 * Reads the KPI sections of one sheet. Structure comes from position, never from a text's first
 * words: blocks are found first (a KPI label with the block's headings beside it), and a "(n) …"
 * text is a section title only where the template puts titles, outside every block and in the
 * section's first column (the block label column). An explanation or KPI name that begins
 * 「(1)」 is data, whatever its length.
 */
export function readSections(
  grid: SheetGrid,
  labels: SheetLabels,
  summaryRows: [number, number] | null,
  sections: KpiSection[],
  problems: LayoutProblem[],
): void {
  const inSummary = (row: number) => !!summaryRows && row >= summaryRows[0] && row <= summaryRows[1];
  const byPosition = (a: Hit, b: Hit) => a.row - b.row || a.col - b.col;
  // A "KPI①" with none of the block's headings beside it is text, not a block.
  const starts = labels.kpiLabels.filter((l) => !inSummary(l.row) && hasBlockHeading(labels, l)).sort(byPosition);
  const candidates = labels.titles.filter((t) => !inSummary(t.row)).sort(byPosition);
  if (starts.length === 0 && candidates.length === 0) return;

  // Each block reaches to the next block's label row: what lies between (a title, the next
  // section's heading and worked examples) is not read as part of it (see readBlock).
  const read = starts.map((label, i) => {
    let next = i + 1;
    while (next < starts.length && starts[next].row === label.row) next++;
    const end = next < starts.length ? starts[next].row : grid.rowEnd;
    return { label, ...readBlock(grid, labels, label, end, problems) };
  });

  const titles = candidates.filter((t) => isTitlePosition(t, read));
  const sheetSections: { startRow: number; section: KpiSection; hasHeading: boolean }[] = titles.map((t) => ({
    startRow: t.row,
    section: { sheet: grid.name, number: t.number, title: grid.field(t.row, t.col), blocks: [], blankBlockName: null },
    hasHeading: false,
  }));
  for (const heading of labels.kpiHeadings) {
    // A section counts as one when a 「3. 事業のKPI」 heading follows its title (few headings per sheet).
    const owner = lastBefore(sheetSections, heading.row);
    if (owner) owner.hasHeading = true;
  }

  let untitled: KpiSection | null = null;
  let ownerIndex = -1;
  for (const { label, block, blankName } of read) {
    while (ownerIndex + 1 < sheetSections.length && sheetSections[ownerIndex + 1].startRow < label.row) ownerIndex++;
    const owner = ownerIndex >= 0 ? sheetSections[ownerIndex] : undefined;
    if (!block) {
      // A block the form ships blank: where the first KPI of a section with none would be typed.
      if (blankName && owner) owner.section.blankBlockName ??= blankName;
      else if (blankName && untitled) untitled.blankBlockName ??= blankName;
      continue;
    }
    if (owner) {
      owner.section.blocks.push(block);
    } else {
      // Blocks above any title: a section on its own sheet without its title row.
      if (!untitled) {
        const digits = /\d+/.exec(grid.name.normalize("NFKC"));
        const number = digits ? Number(digits[0]) : NaN;
        untitled = {
          sheet: grid.name,
          number: Number.isSafeInteger(number) ? number : null,
          title: null,
          blocks: [],
          blankBlockName: null,
        };
        sections.push(untitled);
      }
      untitled.blocks.push(block);
    }
  }
  for (const { section, hasHeading } of sheetSections) {
    if (section.blocks.length > 0 || hasHeading) sections.push(section);
  }
}

/** Whether the label's row holds any of the block's headings (種別, 単位, 基準年度, 基準値) right of it. */
function hasBlockHeading(labels: SheetLabels, label: Hit): boolean {
  for (const h of labels.headers.get(label.row) ?? NO_HEADERS) {
    if (h.col > label.col && (h.kind === "kind" || h.kind === "unit" || h.kind === "baseYear" || h.kind === "baseValue")) return true;
  }
  return false;
}

/**
 * A "(n)" cell is a title where the template puts titles: outside every block's rows, and not
 * right of the block label column of the section it would open (the next block's, else the last).
 */
function isTitlePosition(title: Hit, blocks: readonly { label: Hit; lastRow: number }[]): boolean {
  let column: number | null = null;
  for (const { label, lastRow } of blocks) {
    if (title.row >= label.row && title.row <= lastRow) return false;
    if (label.row > title.row && column === null) column = label.col;
  }
  if (column === null && blocks.length > 0) column = blocks[blocks.length - 1].label.col;
  return column === null || title.col <= column;
}

function lastBefore<T extends { startRow: number }>(items: T[], row: number): T | undefined {
  let found: T | undefined;
  for (const item of items) {
    if (item.startRow < row) found = item;
    else break;
  }
  return found;
}

/**
 * One KPI block, read from its label's position: the headings on the label's row fix the columns,
 * the rows below hold the values, the year headings and the two explanation rows (labels in the
 * block's label column, text in the merged area right of it, the count in the block's last
 * column). `lastRow` is the block's last row, read or not, so that no text inside it is taken for
 * a title.
 */
function readBlock(
  grid: SheetGrid,
  labels: SheetLabels,
  label: Hit & { index: number },
  end: number,
  problems: LayoutProblem[],
): { block: KpiBlock | null; lastRow: number; blankName?: CellField } {
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
  const complete = kindCol !== undefined && unitCol !== undefined && baseYearCol !== undefined && baseValueCol !== undefined;
  const nameRow = complete
    ? valuesRowBelow(grid, labels, label.row, [label.col, kindCol!, unitCol!, baseYearCol!, baseValueCol!], label.col, end)
    : label.row + 1;
  // The explanation rows: their labels stand in the block's label column, below the name row.
  const explanationRows: { row: number; hit: Hit & { kind: "achieved" | "unmet" } }[] = [];
  for (let row = nameRow + 1; row < end; row++) {
    for (const hit of labels.explanations.get(row) ?? NO_EXPLANATIONS) {
      if (hit.col === label.col) explanationRows.push({ row, hit });
    }
  }
  const lastRow = explanationRows.length > 0 ? explanationRows[explanationRows.length - 1].row : nameRow;
  if (!complete) {
    const cell = toA1(label.row, label.col);
    if (kindCol === undefined) problems.push({ sheet: grid.name, cell, label: "種別" });
    if (unitCol === undefined) problems.push({ sheet: grid.name, cell, label: "単位" });
    if (baseYearCol === undefined) problems.push({ sheet: grid.name, cell, label: "基準年度" });
    if (baseValueCol === undefined) problems.push({ sheet: grid.name, cell, label: "基準値" });
    return { block: null, lastRow };
  }
  // Year headings stand above the explanation rows: text quoting 「2025年度末 目標値」 in an
  // explanation is data.
  const yearsEnd = explanationRows.length > 0 ? explanationRows[0].row : end;

  const years: KpiYear[] = [];
  let lastValueRow = nameRow;
  let statusCol: number | undefined;
  for (let row = nameRow; row < yearsEnd; row++) {
    const hits = labels.headers.get(row);
    if (!hits) continue;
    let hasTarget = false;
    for (const target of hits) {
      // Year headings stand right of the label column: a KPI name quoting one is the name.
      if (target.kind !== "target" || target.col <= label.col) continue;
      hasTarget = true;
      const actual = hits.find((h) => h.kind === "actual" && h.col > target.col);
      const status = hits.find((h) => h.kind === "status" && h.col > (actual?.col ?? target.col));
      if (!actual || !status) {
        problems.push({ sheet: grid.name, cell: toA1(row, target.col), label: !actual ? "実績値" : "達成状況" });
        continue;
      }
      statusCol ??= status.col;
      const valueRow = valuesRowBelow(grid, labels, row, [target.col, actual.col, status.col], label.col, yearsEnd);
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
    return { block: null, lastRow: Math.max(lastRow, lastValueRow) };
  }
  if (!isSortedByYear(years)) years.sort((a, b) => a.year - b.year);
  const baselineMissing = labels.headers.get(nameRow)?.some((h) => h.kind === "target" && h.col > label.col) ?? false;

  let achieved: Explanation | null = null;
  let unmet: Explanation | null = null;
  for (const { row, hit } of explanationRows) {
    if (row <= lastValueRow) continue;
    const explanation = readExplanation(grid, hit, statusCol!);
    if (hit.kind === "achieved") achieved ??= explanation;
    else unmet ??= explanation;
  }

  const block: KpiBlock = {
    index: label.index,
    label: grid.field(label.row, label.col),
    name: grid.field(nameRow, label.col),
    kind: grid.field(nameRow, kindCol!),
    unit: grid.field(nameRow, unitCol!),
    baselineHeader: grid.field(label.row, baseYearCol!),
    baseValueHeader: grid.field(label.row, baseValueCol!),
    baseYear: baselineMissing ? null : grid.field(nameRow, baseYearCol!),
    baseValue: baselineMissing ? null : grid.field(nameRow, baseValueCol!),
    years,
    achieved,
    unmet,
  };
  const blockEnd = Math.max(lastRow, lastValueRow);
  return isUnusedBlock(block) ? { block: null, lastRow: blockEnd, blankName: block.name } : { block, lastRow: blockEnd };
}

const NO_EXPLANATIONS: (Hit & { kind: "achieved" | "unmet" })[] = [];
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

/**
 * One explanation row: the label, the text right of it (a merged area in the form), and the `N字`
 * count in the block's columns right of the text — the first cell holding "N字" or a formula, else
 * the block's last column (under 達成状況). A count that would fall outside the block is none:
 * nothing outside the form is ever read as, or fixed as, a form cell.
 */
function readExplanation(grid: SheetGrid, hit: Hit, statusCol: number): Explanation {
  const textCol = grid.nextColumn(hit.row, hit.col);
  const afterText = grid.nextColumn(hit.row, textCol);
  let countCol: number | null = null;
  for (let col = afterText; col <= statusCol; col++) {
    const value = grid.value(hit.row, col);
    if (grid.formula(hit.row, col) || (typeof value === "string" && CHAR_COUNT.test(value))) {
      countCol = col;
      break;
    }
  }
  if (countCol === null && statusCol >= afterText) countCol = statusCol;
  return {
    label: grid.field(hit.row, hit.col),
    text: grid.field(hit.row, textCol),
    count: countCol === null ? null : grid.field(hit.row, countCol),
  };
}

/** The form ships ten empty blocks; one with nothing typed in is not a KPI. */
function isUnusedBlock(block: KpiBlock): boolean {
  const empty = (f: CellField | null | undefined) => !f || isBlank(f.value);
  if (!empty(block.name) || !empty(block.kind) || !empty(block.unit) || !empty(block.baseYear) || !empty(block.baseValue)) return false;
  for (const y of block.years) if (!empty(y.target) || !empty(y.actual) || !empty(y.status)) return false;
  return empty(block.achieved?.text) && empty(block.unmet?.text);
}
