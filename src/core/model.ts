/**
 * The report model: what the reader found in the workbook, as plain types. Every field carries the
 * cell it was read from, so a finding can always name its sheet and cell. The reader builds it from
 * SheetGrid fields only, so it holds by construction; a model that comes from outside is checked
 * with model-schema.ts.
 */
import type { Scalar } from "./workbook";

export interface CellField {
  sheet: string;
  /** A1 address without `$`. */
  cell: string;
  value: Scalar;
  formula: string | null;
  numberFormat: string | null;
}

export interface SummaryProject {
  number: number | null;
  /** 1-based row of the project's first row. */
  row: number;
  name: CellField;
  kpiList: CellField | null;
  cost: CellField | null;
  grant: CellField | null;
}

export interface Summary {
  sheet: string;
  header: CellField;
  fiscalYearLabel: CellField | null;
  projects: SummaryProject[];
  /**
   * The table's project rows (1-based, inclusive): every row between the header and the 合計 row,
   * the form's empty rows included, so a total sums the whole band. Null when the table has none.
   */
  band: { firstRow: number; lastRow: number } | null;
  total: { label: CellField; cost: CellField | null; grant: CellField | null } | null;
}

export interface KpiYear {
  year: number;
  header: CellField;
  target: CellField;
  actual: CellField;
  status: CellField;
}

export interface Explanation {
  label: CellField;
  text: CellField;
  count: CellField | null;
}

export interface KpiBlock {
  /** The number in the label: ① -> 1, KPI11 -> 11. */
  index: number;
  label: CellField;
  name: CellField;
  kind: CellField;
  unit: CellField;
  /** The 基準年度 and 基準値 header cells, on the KPI label's row. */
  baselineHeader: CellField;
  baseValueHeader: CellField;
  /** Null when the block has no baseline value row (the year header sits on the name row). */
  baseYear: CellField | null;
  baseValue: CellField | null;
  years: KpiYear[];
  achieved: Explanation | null;
  unmet: Explanation | null;
}

export interface KpiSection {
  sheet: string;
  number: number | null;
  title: CellField | null;
  blocks: KpiBlock[];
  /** The KPI名 cell of the first block the form ships blank (nothing typed in it); null when none. */
  blankBlockName: CellField | null;
}

/** A label the reader expected and could not find; the block or table around it is not read. */
export interface LayoutProblem {
  sheet: string;
  cell: string;
  label: string;
}

export interface ReportModel {
  firstSheet: string | null;
  summary: Summary | null;
  sections: KpiSection[];
  layoutProblems: LayoutProblem[];
}
