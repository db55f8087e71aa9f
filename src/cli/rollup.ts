/**
 * The roll-up of a run (`kpi-check --report FILE`): what a prefecture or the Cabinet Office needs
 * at the end of a round — which reports still have errors, how many KPIs were achieved, where.
 *
 * One home for the figures: the HTML page (rollup-html.ts) and the workbook (rollup-xlsx.ts) only
 * lay out what this module computes. It runs anywhere (no Node module) and accumulates as each
 * file's report arrives from the pool, keeping per-KPI rows, per-file counts and findings (a few
 * short strings each), never a whole report.
 *
 * The shares follow the national evaluation:
 *   KPI達成率            達成 ÷ (達成 + 未達成)
 *   同（未計測を含む）    達成 ÷ (達成 + 未達成 + 未計測): 未計測 counted as not achieved
 *   事業の達成割合        projects with at least one KPI 達成 ÷ projects with at least one KPI
 * each overall and for the KPIs of each 種別 (アウトプット / アウトカム). A KPI's status is its
 * outcome (the computed status where target and actual allow, else the status written when it is
 * one of the three): the same count as the JSON report's stats.achieved / unmet / unmeasured.
 */
import { SEVERITY_RANK } from "../core/severity";
import type { KpiSummaryRow, Severity, Stats, Status, ValidationResult } from "../core/types";
import type { FileReport } from "./render";

// ---------------------------------------------------------------------------------------------
// One KPI as the outputs show it (the CSV's rows and the roll-up's KPI table)

/** The 種別 of a KPI, read leniently (ｱｳﾄﾌﾟｯﾄ, Outcome …); "other" when blank or anything else. */
export type KpiKind = "output" | "outcome" | "other";

/** A KPI row of the core's result (KpiSummaryRow), with the file it came from and what the outputs derive from it. */
export interface KpiRecord extends KpiSummaryRow {
  file: string;
  /** Who reported: the file's name without folder and extension. */
  municipality: string;
  reportingYear: number;
  rate: string;
  kindClass: KpiKind;
  /** The reporting year's 目標値 / 実績値 as numbers, where they are numbers; null otherwise. */
  targetValue: number | null;
  actualValue: number | null;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function numberOf(text: string): number | null {
  return PLAIN_DECIMAL.test(text) ? Number(text) : null;
}

/** 種別 as a class: アウトプット / アウトカム in any width, or the English words. */
function kpiKind(kind: string): KpiKind {
  const text = kind.normalize("NFKC").replace(/\s/g, "").toLowerCase();
  if (text.includes("アウトプット") || text.includes("output")) return "output";
  if (text.includes("アウトカム") || text.includes("outcome")) return "outcome";
  return "other";
}

/** The file's name without its folders and extension: who sent the report. */
function municipalityOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]+$/, "") || name;
}

/** One KPI of a checked report, as every output lists it. */
export function kpiRecord(file: string, result: Pick<ValidationResult, "reportingYear" | "rate">, k: KpiSummaryRow): KpiRecord {
  return {
    ...k,
    file,
    municipality: municipalityOf(file),
    reportingYear: result.reportingYear,
    rate: result.rate,
    kindClass: kpiKind(k.kind),
    targetValue: numberOf(k.target),
    actualValue: numberOf(k.actual),
  };
}

// ---------------------------------------------------------------------------------------------
// What the roll-up keeps per file

export interface RollupFinding {
  severity: Severity;
  ruleId: string;
  sheet: string;
  cell: string;
  message: string;
  fixable: boolean;
}

/** A file's counts: the JSON report's stats without the per-project breakdown (all 0 for a file not checked). */
export type FileCounts = Omit<Stats, "byProject">;

const NO_COUNTS: FileCounts = { errors: 0, warnings: 0, infos: 0, fixable: 0, projects: 0, kpis: 0, achieved: 0, unmet: 0, unmeasured: 0 };

export interface RollupFile extends FileCounts {
  /** Position in the input order. */
  index: number;
  file: string;
  municipality: string;
  /** Set when the file was not checked: why. */
  failure?: { message: string; code?: string };
  reportingYear: number | null;
  rate: string | null;
  /** Its findings, errors first (the core's order within a severity). */
  findings: RollupFinding[];
}

export interface Share {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  ratio: number | null;
}

export interface KpiFigures {
  kpis: number;
  achieved: number;
  unmet: number;
  unmeasured: number;
  /** KPIs without a status (neither computable nor validly written). */
  undetermined: number;
  /** 達成 ÷ (達成 + 未達成). */
  achievedShare: Share;
  /** 達成 ÷ (達成 + 未達成 + 未計測): 未計測 counted as not achieved. */
  achievedShareStrict: Share;
  /** Projects with at least one such KPI. */
  projectsWithKpis: number;
  /** Projects with at least one such KPI achieved. */
  projectsAchieved: number;
  /** projectsAchieved ÷ projectsWithKpis. */
  projectShare: Share;
}

export interface RuleCount {
  ruleId: string;
  errors: number;
  warnings: number;
  infos: number;
  total: number;
}

export interface RollupFigures {
  /** Files given (checked or not). */
  files: number;
  checked: number;
  /** Files not checked (unreadable, not .xlsx, without the year asked for). */
  unreadable: number;
  /** Checked reports with at least one error. */
  withErrors: number;
  /** Checked reports with warnings but no error. */
  withWarningsOnly: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Projects, as the JSON report counts them (summary table or sections, the larger). */
  projects: number;
  /** The reporting years of the checked reports, ascending. */
  reportingYears: number[];
  all: KpiFigures;
  byKind: Record<"output" | "outcome", KpiFigures>;
  /** Findings by rule id, most first. */
  byRule: RuleCount[];
}

function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, ratio: denominator === 0 ? null : numerator / denominator };
}

class KpiTally {
  kpis = 0;
  achieved = 0;
  unmet = 0;
  unmeasured = 0;
  undetermined = 0;
  projectsWithKpis = 0;
  projectsAchieved = 0;

  count(outcome: Status | null): void {
    this.kpis++;
    if (outcome === "達成") this.achieved++;
    else if (outcome === "未達成") this.unmet++;
    else if (outcome === "未計測") this.unmeasured++;
    else this.undetermined++;
  }

  figures(): KpiFigures {
    return {
      kpis: this.kpis,
      achieved: this.achieved,
      unmet: this.unmet,
      unmeasured: this.unmeasured,
      undetermined: this.undetermined,
      achievedShare: share(this.achieved, this.achieved + this.unmet),
      achievedShareStrict: share(this.achieved, this.achieved + this.unmet + this.unmeasured),
      projectsWithKpis: this.projectsWithKpis,
      projectsAchieved: this.projectsAchieved,
      projectShare: share(this.projectsAchieved, this.projectsWithKpis),
    };
  }
}

type Tallies = { all: KpiTally; output: KpiTally; outcome: KpiTally };

const CLASSES = ["all", "output", "outcome"] as const;

/** Accumulates the roll-up of a run, one file's report at a time (in input order). */
export class Rollup {
  readonly files: RollupFile[] = [];
  readonly kpis: KpiRecord[] = [];
  private readonly tallies: Tallies = { all: new KpiTally(), output: new KpiTally(), outcome: new KpiTally() };
  private readonly rules = new Map<string, RuleCount>();
  private readonly years = new Set<number>();

  add(report: FileReport): void {
    const index = this.files.length;
    const municipality = municipalityOf(report.file);
    if ("error" in report) {
      this.files.push({
        index,
        file: report.file,
        municipality,
        failure: { message: report.error.message, code: report.error.code },
        reportingYear: null,
        rate: null,
        ...NO_COUNTS,
        findings: [],
      });
      return;
    }
    const { result } = report;
    const { byProject: _byProject, ...counts } = result.stats;
    const findings: RollupFinding[] = result.findings.map((f) => ({
      severity: f.severity,
      ruleId: f.ruleId,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      fixable: f.fixable,
    }));
    findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]); // stable: the core's order within
    for (const f of findings) {
      let rule = this.rules.get(f.ruleId);
      if (!rule) this.rules.set(f.ruleId, (rule = { ruleId: f.ruleId, errors: 0, warnings: 0, infos: 0, total: 0 }));
      if (f.severity === "error") rule.errors++;
      else if (f.severity === "warning") rule.warnings++;
      else rule.infos++;
      rule.total++;
    }
    this.files.push({
      index,
      file: report.file,
      municipality,
      reportingYear: result.reportingYear,
      rate: result.rate,
      ...counts,
      findings,
    });
    if (result.kpis.length > 0) this.years.add(result.reportingYear);

    // Per project of this file: has it a KPI (of each class), has it one achieved.
    const projects = new Map<string, { all: [boolean, boolean]; output: [boolean, boolean]; outcome: [boolean, boolean] }>();
    for (const k of result.kpis) {
      const record = kpiRecord(report.file, result, k);
      this.kpis.push(record);
      const key = String(k.project);
      let project = projects.get(key);
      if (!project) projects.set(key, (project = { all: [false, false], output: [false, false], outcome: [false, false] }));
      for (const c of CLASSES) {
        if (c !== "all" && record.kindClass !== c) continue;
        this.tallies[c].count(record.outcome);
        project[c][0] = true;
        if (record.outcome === "達成") project[c][1] = true;
      }
    }
    for (const project of projects.values()) {
      for (const c of CLASSES) {
        if (project[c][0]) this.tallies[c].projectsWithKpis++;
        if (project[c][1]) this.tallies[c].projectsAchieved++;
      }
    }
  }

  figures(): RollupFigures {
    const checked = this.files.filter((f) => !f.failure);
    const sum = (pick: (f: RollupFile) => number) => checked.reduce((total, f) => total + pick(f), 0);
    return {
      files: this.files.length,
      checked: checked.length,
      unreadable: this.files.length - checked.length,
      withErrors: checked.filter((f) => f.errors > 0).length,
      withWarningsOnly: checked.filter((f) => f.errors === 0 && f.warnings > 0).length,
      errors: sum((f) => f.errors),
      warnings: sum((f) => f.warnings),
      infos: sum((f) => f.infos),
      projects: sum((f) => f.projects),
      reportingYears: [...this.years].sort((a, b) => a - b),
      all: this.tallies.all.figures(),
      byKind: { output: this.tallies.output.figures(), outcome: this.tallies.outcome.figures() },
      byRule: [...this.rules.values()].sort((a, b) => b.errors - a.errors || b.total - a.total || (a.ruleId < b.ruleId ? -1 : 1)),
    };
  }

  /** The checked reports, those with errors first (most errors first), then by warnings; else input order. */
  reportsErrorsFirst(): RollupFile[] {
    return this.files.filter((f) => !f.failure).sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.index - b.index);
  }

  /** The files that were not checked, in input order. */
  failures(): RollupFile[] {
    return this.files.filter((f) => f.failure);
  }
}
