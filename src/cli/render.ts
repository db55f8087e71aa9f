/** The three output formats: text for people, json for programs, csv for Excel. */
import type { Finding, Lang, Severity, ValidationResult } from "../core/types";
import { skipMessage, type SkippedWrite } from "../core/writes";
import type { RoundTripLoss } from "../node/xlsx";
import { CSV_HEADER, DIRECTION_LABEL, MSG, SEVERITY_LABEL } from "./i18n";
import { ruleById } from "../core/rules";
import { ruleDocsUrl } from "../core/rule";
import type { PreviousUsed } from "./previous";
import { REPORT_VERSION, type JsonFileEntry, type JsonFinding, type JsonTotals } from "./report-schema";
import { kpiRecord, type KpiRecord } from "./rollup";

interface FixReport {
  output: string;
  written: number;
  skipped: SkippedWrite[];
  losses: RoundTripLoss[];
}

export type FileReport =
  | {
      file: string;
      result: ValidationResult;
      fix?: FixReport;
      sheetOrder: string[];
      /** --previous: the report compared with (null: none found); absent without --previous. */
      previous?: PreviousUsed | null;
    }
  | { file: string; error: { message: string; code?: string; years?: number[] } };

export function isFailure(report: FileReport): report is Extract<FileReport, { error: unknown }> {
  return "error" in report;
}

// ---------------------------------------------------------------------------------------------
// Text

export interface Style {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ANSI = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const SEVERITY_COLOR: Record<Severity, (text: string) => string> = { error: ANSI("31"), warning: ANSI("33"), info: ANSI("36") };

export const COLOR: Style = { severity: (s, text) => SEVERITY_COLOR[s](text), dim: ANSI("2"), bold: ANSI("1") };
export const PLAIN: Style = { severity: (_s, text) => text, dim: (text) => text, bold: (text) => text };

/** Columns a string takes in a terminal: East Asian wide and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Findings grouped by sheet, sheets in workbook order (unknown sheets last), each keeping the core's order. */
function groupBySheet(findings: readonly Finding[], sheetOrder: readonly string[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.sheet);
    if (list) list.push(finding);
    else groups.set(finding.sheet, [finding]);
  }
  const rank = (sheet: string) => {
    const i = sheetOrder.indexOf(sheet);
    return i < 0 ? sheetOrder.length : i;
  };
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function findingLines(findings: readonly Finding[], sheetOrder: readonly string[], lang: Lang, style: Style, indent: string): string[] {
  const lines: string[] = [];
  const sevWidth = Math.max(...findings.map((f) => displayWidth(SEVERITY_LABEL[lang][f.severity])));
  const cellWidth = Math.max(...findings.map((f) => f.cell.length));
  const ruleWidth = Math.max(...findings.map((f) => f.ruleId.length));
  for (const [sheet, list] of groupBySheet(findings, sheetOrder)) {
    lines.push(`${indent}${style.bold(`[${sheet}]`)}`);
    for (const f of list) {
      const severity = style.severity(f.severity, pad(SEVERITY_LABEL[lang][f.severity], sevWidth));
      lines.push(`${indent}  ${severity}  ${pad(f.cell, cellWidth)}  ${style.dim(pad(f.ruleId, ruleWidth))}  ${f.message}`);
    }
  }
  return lines;
}

function countsLine(stats: ValidationResult["stats"], lang: Lang): string {
  const separator = lang === "ja" ? "｜" : " | ";
  return (
    MSG.counts[lang](stats.errors, stats.warnings, stats.infos, stats.fixable) +
    separator +
    MSG.kpiCounts[lang](stats.kpis, stats.achieved, stats.unmet, stats.unmeasured)
  );
}

/** Why a file was not checked, as one line. */
function failureLine(report: Extract<FileReport, { error: unknown }>, lang: Lang): string {
  return report.error.code === "year-not-in-report"
    ? MSG.notCheckedLine[lang](report.error.message)
    : MSG.unreadableLine[lang](report.error.message);
}

/** The text block of one file (ends with its summary line). */
export function renderFileText(report: FileReport, lang: Lang, style: Style): string {
  if (isFailure(report)) {
    // The reason, once: no reporting year (none was read) and no counts (nothing was checked).
    return `${style.bold(report.file)}\n  ${style.severity("error", failureLine(report, lang))}\n`;
  }
  const { result, fix } = report;
  const lines: string[] = [];
  const source = MSG.yearSource[lang][result.reportingYearSource];
  lines.push(`${style.bold(report.file)}  ${style.dim(MSG.fileHeader[lang](result.reportingYear, source, result.rate))}`);
  if (report.previous !== undefined) {
    lines.push(`  ${report.previous ? MSG.previousLine[lang][report.previous.pairedBy](report.previous.file) : MSG.previousNone[lang]()}`);
  }
  if (fix) {
    lines.push(`  ${MSG.fixWritten[lang](fix.written, fix.output)}`);
    if (fix.skipped.length) {
      lines.push(`  ${style.severity("warning", MSG.fixSkipped[lang](fix.skipped.length))}`);
      for (const s of fix.skipped) lines.push(`    ${skipMessage(s)[lang]}`);
    }
    if (result.findings.length) lines.push(`  ${MSG.remaining[lang]()}`);
  }
  if (result.findings.length === 0) lines.push(`  ${MSG.noFindings[lang]()}`);
  else lines.push(...findingLines(result.findings, report.sheetOrder, lang, style, "  "));
  lines.push(`  → ${countsLine(result.stats, lang)}`);
  return lines.join("\n") + "\n";
}

/** The counts the closing total line adds up, kept as files pass (no report is held). */
class Totals {
  files = 0;
  failed = 0;
  readonly counts = { errors: 0, warnings: 0, infos: 0, fixable: 0, kpis: 0, achieved: 0, unmet: 0, unmeasured: 0 };

  add(report: FileReport): void {
    this.files++;
    if (isFailure(report)) {
      this.failed++;
      return;
    }
    const s = report.result.stats;
    const total = this.counts;
    total.errors += s.errors;
    total.warnings += s.warnings;
    total.infos += s.infos;
    total.fixable += s.fixable;
    total.kpis += s.kpis;
    total.achieved += s.achieved;
    total.unmet += s.unmet;
    total.unmeasured += s.unmeasured;
  }

  /** True when every file was read and none has an error. */
  valid(): boolean {
    return this.failed === 0 && this.counts.errors === 0;
  }

  json(): JsonTotals {
    return { files: this.files, unreadable: this.failed, ...this.counts };
  }

  text(lang: Lang, style: Style): string {
    // When no file was checked, there is nothing to add up: no line of zeros.
    if (this.files > 0 && this.failed === this.files) return `${style.bold(MSG.total[lang](this.files, this.failed))}\n`;
    const stats = { ...this.counts, projects: 0, byProject: [] };
    return `${style.bold(MSG.total[lang](this.files, this.failed))}: ${countsLine(stats, lang)}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

/** The rule's page (its meta.docs.url), relative to the package root. */
function docsOf(ruleId: string): string {
  return ruleById(ruleId)?.meta.docs.url ?? ruleDocsUrl(ruleId);
}

function findingJson(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
    messageId: f.messageId,
    data: f.data,
    docs: docsOf(f.ruleId),
    fixable: f.fixable,
    project: f.project,
    kpi: f.kpi,
  };
  if (f.fix) out.fix = f.fix;
  return out;
}

function jsonEntry(report: FileReport, lang: Lang): JsonFileEntry {
  if (isFailure(report)) return { file: report.file, valid: false, error: report.error };
  const { result, fix } = report;
  const entry: JsonFileEntry = {
    file: report.file,
    valid: result.stats.errors === 0,
    reportingYear: result.reportingYear,
    reportingYearSource: result.reportingYearSource,
    rate: result.rate,
    stats: result.stats,
    findings: result.findings.map(findingJson),
    kpis: result.kpis,
  };
  if (report.previous !== undefined) entry.previous = report.previous;
  if (fix) {
    entry.fixed = {
      output: fix.output,
      written: fix.written,
      skipped: fix.skipped.map((s) => ({ sheet: s.write.sheet, cell: s.write.cell, code: s.reason, reason: skipMessage(s)[lang] })),
      lost: fix.losses.map((l) => ({ feature: l.feature, message: l.messages[lang] })),
    };
  }
  return entry;
}

// The JSON document (report-schema.ts) is written piece by piece as files are checked, exactly as
// JSON.stringify(report, null, 2) would print it whole: a head, the entries, a tail with the
// validity and totals known only at the end.

const JSON_HEAD = `{\n  "version": ${JSON.stringify(REPORT_VERSION)},\n  "files": [`;

const ENTRY_PREFIX = '{\n  "files": [\n';
const ENTRY_END = "\n  ]\n}".length;

/** One file's entry; `index` 0 for the first. */
function renderJsonEntry(report: FileReport, lang: Lang, index: number): string {
  // Stringified inside a document of its own, the entry comes out indented as it must be: one pass.
  const whole = JSON.stringify({ files: [jsonEntry(report, lang)] }, null, 2);
  return (index === 0 ? "\n" : ",\n") + whole.slice(ENTRY_PREFIX.length, whole.length - ENTRY_END);
}

/** The end of the document: the run's validity and totals. */
function renderJsonTail(count: number, totals: Totals): string {
  const tail = { valid: totals.valid(), stats: totals.json() };
  // The tail's members, indented as members of the document ("{\n  ...\n}" without its braces).
  const members = JSON.stringify(tail, null, 2).slice(2, -2);
  return (count === 0 ? "]," : "\n  ],") + "\n" + members + "\n}\n";
}

export function renderJson(reports: readonly FileReport[], lang: Lang): string {
  const totals = new Totals();
  for (const report of reports) totals.add(report);
  return JSON_HEAD + reports.map((report, i) => renderJsonEntry(report, lang, i)).join("") + renderJsonTail(reports.length, totals);
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel reads the Japanese)

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One CSV field: quoted when needed; text Excel would run as a formula (=, +, -, @ …) gets a leading '. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What the run asked for, for the rows of files that were not checked (no year or rate read). */
export interface CsvContext {
  /** --year, when given. */
  year?: number;
  /** The grant rate used ("1/2" by default). */
  rate: string;
}

const DEFAULT_CSV_CONTEXT: CsvContext = { rate: "1/2" };

/**
 * The grant rate as a CSV cell: "1/2" would become 2 January in Excel, so 「2分の1」 in Japanese
 * (as grant documents write it) and "1/2 (50%)" in English.
 */
export function csvRate(rate: string, lang: Lang): string {
  const match = /^(\d+)\/(\d+)$/.exec(rate);
  if (!match) return rate;
  const [, n, d] = match;
  if (lang === "ja") return `${d}分の${n}`;
  const percent = Math.round((Number(n) / Number(d)) * 1000) / 10;
  return `${n}/${d} (${percent}%)`;
}

/** The 14 columns of CSV_HEADER, as one line. */
function csvRow(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** One KPI's row, from the record the roll-up lists too (rollup.ts's kpiRecord). */
function kpiRow(k: KpiRecord, lang: Lang): string {
  return csvRow([
    k.file,
    k.reportingYear,
    csvRate(k.rate, lang),
    k.project ?? "",
    k.projectName,
    k.kpi,
    k.name,
    k.unit,
    DIRECTION_LABEL[lang][k.direction],
    k.target,
    k.actual,
    k.status,
    k.computedStatus ?? "",
    "",
  ]);
}

/** The one row of a file without KPI rows: its year and rate, the reason in 備考 (note). */
function noteRow(file: string, year: number | undefined, rate: string, note: string, lang: Lang): string {
  return csvRow([file, year ?? "", csvRate(rate, lang), "", "", "", "", "", "", "", "", "", "", note]);
}

/** The CSV's first line (with the BOM). */
function renderCsvHead(lang: Lang): string {
  return "\uFEFF" + csvRow(CSV_HEADER[lang]);
}

/** One file's KPI rows; one row saying why for a file not checked, no report or no KPI. */
function renderCsvFile(report: FileReport, lang: Lang, context: CsvContext): string {
  if (isFailure(report)) return noteRow(report.file, context.year, context.rate, failureLine(report, lang), lang);
  const { result } = report;
  if (result.kpis.length === 0) {
    const notFound = result.findings.find((f) => f.ruleId === "template-not-found");
    const note = notFound ? notFound.message : MSG.csvNoKpi[lang]();
    return noteRow(report.file, notFound ? context.year : result.reportingYear, result.rate, note, lang);
  }
  let rows = "";
  for (const k of result.kpis) rows += kpiRow(kpiRecord(report.file, result, k), lang);
  return rows;
}

export function renderCsv(reports: readonly FileReport[], lang: Lang, context: CsvContext = DEFAULT_CSV_CONTEXT): string {
  return renderCsvHead(lang) + reports.map((report) => renderCsvFile(report, lang, context)).join("");
}

// ---------------------------------------------------------------------------------------------
// Streaming

/** Writes a run's output as the reports arrive (in input order), holding none of them. */
export interface OutputWriter {
  file(report: FileReport): void;
  end(): void;
}

export function createOutput(
  format: "text" | "json" | "csv",
  lang: Lang,
  style: Style,
  write: (chunk: string) => void,
  csvContext: CsvContext = DEFAULT_CSV_CONTEXT,
): OutputWriter {
  let count = 0;
  const totals = new Totals();
  if (format === "json") write(JSON_HEAD);
  else if (format === "csv") write(renderCsvHead(lang));
  return {
    file(report) {
      totals.add(report);
      if (format === "text") {
        write(renderFileText(report, lang, style) + "\n");
      } else if (format === "json") {
        write(renderJsonEntry(report, lang, count));
      } else {
        write(renderCsvFile(report, lang, csvContext));
      }
      count++;
    },
    end() {
      if (format === "text") write(totals.text(lang, style));
      else if (format === "json") write(renderJsonTail(count, totals));
    },
  };
}
