import { parseA1 } from "./address";
import { analyze, type Analysis, type BlockFacts, type YearFacts } from "./analysis";
import { decimalToString } from "./decimal";
import type { KpiSection, ReportModel } from "./model";
import type { NumberReading } from "./numbers";
import { formatRate } from "./rate";
import { readReport } from "./reader";
import { withoutProjectPrefix } from "./numbering";
import { runRule } from "./rule";
import { SEVERITY_RANK } from "./severity";
import { rules } from "./rules";
import { textOf } from "./rule-helpers";
import type { CheckOptions, Finding, KpiSummaryRow, ProjectStats, Stats, ValidationResult } from "./types";
import type { WorkbookData } from "./workbook";

/** cells → grid → report model → findings. Never throws on a workbook it cannot read. */
export function validateWorkbook(workbook: WorkbookData, options: CheckOptions = {}): ValidationResult {
  return validateModel(readReport(workbook), options);
}

function validateModel(model: ReportModel, options: CheckOptions = {}): ValidationResult {
  const analysis = analyze(model, options);
  const findings: Finding[] = [];
  for (const rule of rules) runRule(rule, analysis, findings);
  const sheetOrder = new Map<string, number>();
  for (const s of model.sections) if (!sheetOrder.has(s.sheet)) sheetOrder.set(s.sheet, sheetOrder.size);
  if (model.summary) sheetOrder.set(model.summary.sheet, -1);
  // Sort keys are computed once per finding, not once per comparison (the sort is stable: equal
  // keys keep the rules' order).
  const keyed = findings.map((finding) => ({
    finding,
    sheet: sheetOrder.get(finding.sheet) ?? 999,
    cell: cellOrder(finding.cell),
    severity: SEVERITY_RANK[finding.severity],
  }));
  keyed.sort((a, b) => a.sheet - b.sheet || a.cell - b.cell || a.severity - b.severity);
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i].finding;
  const projectNames = new Map<KpiSection, string>();
  const kpis = analysis.blocks.map((facts) => summaryRow(facts, projectNames));
  return {
    reportingYear: analysis.options.reportingYear,
    reportingYearSource: analysis.options.reportingYearSource,
    rate: formatRate(analysis.options.rate),
    findings,
    stats: stats(analysis, findings),
    kpis,
    years: reportYears(analysis),
  };
}

/** Every year a KPI block of the report has a column for, ascending. */
function reportYears(analysis: Analysis): number[] {
  const years = new Set<number>();
  for (const facts of analysis.blocks) for (const y of facts.block.years) years.add(y.year);
  return [...years].sort((a, b) => a - b);
}

/** Row by row, then column by column: the order a person reads a sheet in. */
function cellOrder(cell: string): number {
  const position = parseA1(cell);
  return position ? position.row * 20000 + position.col : 0;
}

function shownReading(reading: NumberReading, raw: unknown): string {
  if (reading.kind === "number") return decimalToString(reading.value);
  if (reading.kind === "empty") return "";
  return String(raw ?? "");
}

function summaryRow(facts: BlockFacts, projectNames: Map<KpiSection, string>): KpiSummaryRow {
  const current: YearFacts | null = facts.current;
  let projectName = projectNames.get(facts.section);
  if (projectName === undefined) {
    projectName = withoutProjectPrefix(textOf(facts.section.title));
    projectNames.set(facts.section, projectName);
  }
  return {
    project: facts.project,
    projectName,
    kpi: facts.block.index,
    name: textOf(facts.block.name),
    kind: textOf(facts.block.kind),
    unit: textOf(facts.block.unit),
    direction: facts.direction,
    sheet: facts.block.label.sheet,
    cell: facts.block.label.cell,
    target: current ? shownReading(current.target, current.entry.target.value) : "",
    actual: current ? shownReading(current.actual, current.entry.actual.value) : "",
    status: current ? textOf(current.entry.status) : "",
    computedStatus: current?.computed ?? null,
    outcome: facts.outcome,
  };
}

function stats(analysis: Analysis, findings: Finding[]): Stats {
  const byProject = new Map<string, ProjectStats>();
  const summaryNames = new Map(analysis.model.summary?.projects.map((p) => [p.number, textOf(p.name)]) ?? []);
  for (const section of analysis.model.sections) {
    const key = `${section.number}`;
    if (!byProject.has(key)) {
      const name = textOf(section.title) || summaryNames.get(section.number) || section.sheet;
      byProject.set(key, { project: section.number, name, kpis: 0, achieved: 0, unmet: 0, unmeasured: 0 });
    }
  }
  const total = { achieved: 0, unmet: 0, unmeasured: 0 };
  for (const facts of analysis.blocks) {
    const project = byProject.get(`${facts.project}`)!;
    project.kpis++;
    const field =
      facts.outcome === "達成" ? "achieved" : facts.outcome === "未達成" ? "unmet" : facts.outcome === "未計測" ? "unmeasured" : null;
    if (field) {
      project[field]++;
      total[field]++;
    }
  }
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
    fixable: findings.filter((f) => f.fixable).length,
    projects: Math.max(analysis.model.summary?.projects.length ?? 0, byProject.size),
    kpis: analysis.blocks.length,
    ...total,
    byProject: [...byProject.values()],
  };
}
