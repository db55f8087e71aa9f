import type { PreviousDigest } from "./previous";
import type { CellContent, Scalar } from "./workbook";

export type Severity = "error" | "warning" | "info";
export type Lang = "ja" | "en";
/** Which way is better for a KPI. */
export type Direction = "higher" | "lower";
export type Status = "達成" | "未達成" | "未計測";
/** Text in both languages the product speaks. */
export type Localized = Record<Lang, string>;
/** A value substituted into a message: the same in both languages, or localized. */
export type MessageValue = string | number | Localized;

/** A grant rate as an exact fraction (1/2, 2/3, 3/4, …). */
export interface Rate {
  numerator: number;
  denominator: number;
}

/**
 * One cell write of a fix. `expected` is what the cell held when the finding was made: a writer
 * applies the write only while the cell still holds it, so nothing typed since is overwritten.
 * A formula write carries its computed result in `value`, so readers that do not recalculate
 * still see the right number.
 */
export interface CellWrite {
  sheet: string;
  cell: string;
  expected: CellContent;
  value: Scalar;
  formula?: string;
  numberFormat?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  sheet: string;
  /** A1 address without `$`. */
  cell: string;
  /** The message in the requested language. */
  message: string;
  messages: Localized;
  messageId: string;
  data: Record<string, MessageValue>;
  fixable: boolean;
  fix?: CellWrite[];
  /** The project's (n), when the finding belongs to one. */
  project: number | null;
  /** The KPI's number within its project (① -> 1), when the finding belongs to a KPI. */
  kpi: number | null;
}

export interface CheckOptions {
  /** Reporting fiscal year Y; derived from the workbook when omitted. */
  reportingYear?: number;
  /** Grant rate; 1/2 when omitted. */
  rate?: Rate;
  /** Per-KPI direction chosen by the user, keyed by kpiKey(project, kpi). */
  directions?: Record<string, Direction>;
  /** Language of Finding.message; "ja" when omitted. */
  lang?: Lang;
  /** Write computed cells as formulas (with cached results) or as plain values. Default "formula". */
  writeMode?: "formula" | "value";
  /** Last year's report (previous.ts): the comparison rules run only with it. */
  previous?: PreviousDigest;
}

export interface ResolvedOptions {
  reportingYear: number;
  reportingYearSource: "option" | "actuals" | "first-year";
  rate: Rate;
  directions: Record<string, Direction>;
  lang: Lang;
  writeMode: "formula" | "value";
  previous?: PreviousDigest;
}

export interface KpiSummaryRow {
  project: number | null;
  projectName: string;
  kpi: number;
  name: string;
  /** 種別 as written (アウトプット / アウトカム, or whatever the cell holds). */
  kind: string;
  unit: string;
  direction: Direction;
  sheet: string;
  cell: string;
  target: string;
  actual: string;
  status: string;
  computedStatus: Status | null;
  /** Year Y's outcome: the computed status where there is one, else the written status when valid. */
  outcome: Status | null;
}

export interface ProjectStats {
  project: number | null;
  name: string;
  kpis: number;
  achieved: number;
  unmet: number;
  unmeasured: number;
}

export interface Stats {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  projects: number;
  kpis: number;
  achieved: number;
  unmet: number;
  unmeasured: number;
  byProject: ProjectStats[];
}

export interface ValidationResult {
  reportingYear: number;
  reportingYearSource: ResolvedOptions["reportingYearSource"];
  rate: string;
  findings: Finding[];
  stats: Stats;
  kpis: KpiSummaryRow[];
  /**
   * The fiscal years of the report's KPI blocks (every year column read), ascending, each once.
   * validateWorkbook always sets it; optional only so results built by hand elsewhere stay valid.
   */
  years?: number[];
}

export function kpiKey(project: number | null, kpi: number): string {
  return `${project ?? "?"}:${kpi}`;
}
