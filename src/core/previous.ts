/**
 * Last year's report, as the comparison rules (plan-value-changed, previous-value-changed, kpi-added,
 * kpi-removed) need it: a small plain-data digest — per project its (n), name and title cell; per KPI
 * its number, name, the framed items (太枠: KPI名, 種別, 単位, 基準年度, 基準値, each year's 目標値) and
 * each year's 実績値 and 達成状況 as written. No explanation texts, no formulas: it is small enough
 * to keep in a workbook's settings (the task pane) or to send to a worker thread (the CLI).
 *
 * The rules receive it through CheckOptions.previous and are silent without it. A digest that
 * comes from storage is read back with previous-schema.ts (zod), kept apart so that code that only
 * builds digests does not pull zod in.
 */
import { analyze } from "./analysis";
import { decimalToString } from "./decimal";
import type { CellField, ReportModel } from "./model";
import type { NumberReading } from "./numbers";
import { withoutProjectPrefix } from "./numbering";
import { textOf } from "./rule-helpers";
import { withoutNumber } from "./rules/summary-shared";
import type { Scalar } from "./workbook";

/** Bumped when a field changes meaning; a stored digest of another version is not used. */
export const DIGEST_VERSION = 1;

export interface PreviousYear {
  year: number;
  target: Scalar;
  actual: Scalar;
  status: Scalar;
}

export interface PreviousKpi {
  /** The number in the label: ① -> 1. */
  number: number;
  name: Scalar;
  kind: Scalar;
  unit: Scalar;
  /** 基準年度 and 基準値; null when the block had no baseline row. */
  baseline: { year: Scalar; value: Scalar } | null;
  years: PreviousYear[];
}

export interface PreviousProject {
  /** The section's (n); null when its title has none. */
  number: number | null;
  /** The section title without its "(n)" ("" when the section has no title). */
  name: string;
  /** Where the title was in last year's workbook. */
  title: { sheet: string; cell: string } | null;
  kpis: PreviousKpi[];
}

export interface PreviousDigest {
  version: typeof DIGEST_VERSION;
  /** Last year's reporting year: the years up to it were reported then. */
  reportingYear: number;
  /** Where the digest comes from (a file name), for people; optional. */
  source?: string;
  projects: PreviousProject[];
}

/**
 * A value cell as the rules read it: the value written, except a fraction shown as a percent under
 * 単位 % (0.862 as 86.2%), which reads as its percent (86.2) — so last year's percent-fraction,
 * fixed this year, is no change.
 */
export function valueAsRead(field: CellField, reading: NumberReading): Scalar {
  if (reading.kind === "number" && reading.issues.indexOf("percent-fraction") >= 0) return Number(decimalToString(reading.value));
  return field.value;
}

/**
 * The digest of a report model. Its reporting year is the one given, else derived from the report
 * as a check would (the latest year with actuals).
 */
export function digestOf(model: ReportModel, options: { reportingYear?: number; source?: string } = {}): PreviousDigest {
  const analysis = analyze(model, { reportingYear: options.reportingYear });
  const projects: PreviousProject[] = model.sections.map((section) => ({
    number: section.number,
    name: withoutProjectPrefix(textOf(section.title)),
    title: section.title ? { sheet: section.title.sheet, cell: section.title.cell } : null,
    kpis: [],
  }));
  const bySection = new Map(model.sections.map((section, i) => [section, projects[i]]));
  for (const facts of analysis.blocks) {
    const { block } = facts;
    bySection.get(facts.section)!.kpis.push({
      number: block.index,
      name: block.name.value,
      kind: block.kind.value,
      unit: block.unit.value,
      baseline:
        block.baseYear && block.baseValue && facts.base
          ? { year: block.baseYear.value, value: valueAsRead(block.baseValue, facts.base) }
          : null,
      years: facts.years.map((y) => ({
        year: y.entry.year,
        target: valueAsRead(y.entry.target, y.target),
        actual: valueAsRead(y.entry.actual, y.actual),
        status: y.entry.status.value,
      })),
    });
  }
  const digest: PreviousDigest = { version: DIGEST_VERSION, reportingYear: analysis.options.reportingYear, projects };
  if (options.source !== undefined) digest.source = options.source;
  return digest;
}

/** A project name as projects pair by: normalized as project-name-mismatch compares, without "(n)". */
export function projectNameKey(name: string): string {
  return withoutNumber(name);
}

/**
 * How well a report's projects match a digest's, for choosing last year's file among several:
 * the names (projectNameKey) both have, over the names either has (0 … 1). Unnamed projects do not count.
 */
export function projectOverlap(names: readonly string[], digest: PreviousDigest): number {
  const mine = new Set(names.map(projectNameKey).filter((key) => key !== ""));
  const theirs = new Set(digest.projects.map((p) => projectNameKey(p.name)).filter((key) => key !== ""));
  let shared = 0;
  mine.forEach((key) => {
    if (theirs.has(key)) shared++;
  });
  const either = mine.size + theirs.size - shared;
  return either === 0 ? 0 : shared / either;
}

/** The project names of a report model (section titles without "(n)"), for projectOverlap. */
export function projectNamesOf(model: ReportModel): string[] {
  return model.sections.map((section) => withoutProjectPrefix(textOf(section.title)));
}
