/**
 * The roll-up as a workbook (kpi-check --report FILE.xlsx), for people who live in Excel:
 *
 *   集計 (Summary)     the headline figures and the shares by 種別
 *   KPI一覧 (KPIs)     one row per KPI: target and actual as numbers where they are numbers
 *   指摘一覧 (Findings) one row per finding
 *   ファイル (Files)    one row per file, checked or not
 *
 * Every list has an autofilter, a frozen header row and widths that fit its texts. Written with
 * ExcelJS (loaded only when asked for: a run without --report never loads it in the main thread).
 * The figures come from rollup.ts.
 */
import type ExcelJS from "exceljs";
import type { Lang } from "../core/types";
import { fiscalYearText } from "../core/year";
import { csvRate, displayWidth } from "./render";
import type { KpiFigures, Rollup } from "./rollup";
import { byKindHeadings, ROLLUP_TEXT, statusLabel, type RollupText } from "./rollup-i18n";
import type { RollupMeta } from "./rollup-html";

type Cell = string | number | null;

/** The longest text a cell holds (Excel's limit). */
const MAX_CELL_TEXT = 32767;
const MAX_WIDTH = 60;
const PERCENT = "0.0%";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };

/** Text safe in the workbook's XML: no control characters XML 1.0 forbids, at most Excel's cell limit. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
}

function cellValue(value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  return typeof value === "number" ? value : cleanText(value);
}

/** A list sheet: bold header on a fill, frozen, autofiltered, columns as wide as their texts. */
function listSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Iterable<Cell[]>,
  formats: Record<number, string> = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }] });
  const widths = header.map((h) => displayWidth(h) + 2);
  const headRow = sheet.addRow(header);
  headRow.font = { bold: true };
  headRow.eachCell((cell) => (cell.fill = HEADER_FILL));
  let count = 0;
  for (const row of rows) {
    sheet.addRow(row.map(cellValue));
    count++;
    row.forEach((value, i) => {
      if (value === null) return;
      const width =
        typeof value === "number" ? String(value).length + 2 : displayWidth(value.length > 200 ? value.slice(0, 200) : value) + 2;
      if (width > widths[i]) widths[i] = width;
    });
  }
  header.forEach((_, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(MAX_WIDTH, Math.max(6, widths[i]));
    if (formats[i]) column.numFmt = formats[i];
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + count, column: header.length } };
  return sheet;
}

function summarySheet(workbook: ExcelJS.Workbook, rollup: Rollup, lang: Lang, t: RollupText, meta: RollupMeta): void {
  const figures = rollup.figures();
  const sheet = workbook.addWorksheet(t.sheets.summary, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }] });
  const head = sheet.addRow([t.item, t.value, ""]);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  const years = figures.reportingYears.map((y) => fiscalYearText(y)[lang]).join(lang === "ja" ? "・" : ", ") || t.noYear;
  const a = figures.all;
  const lines: [string, Cell, string?][] = [
    [t.title, meta.date],
    [t.reportingYear, years],
    [t.rate, csvRate(meta.rate, lang)],
    [t.reports, figures.files, t.reportsNote(figures.checked, figures.unreadable)],
    [t.failures, figures.unreadable],
    [t.projects, figures.projects],
    [t.kpis, a.kpis],
    [t.withErrors, figures.withErrors, t.withErrorsNote(figures.withWarningsOnly)],
    [t.errors, figures.errors],
    [t.warnings, figures.warnings],
    [t.infos, figures.infos],
    [t.achieved, a.achieved],
    [t.unmet, a.unmet],
    [t.unmeasured, a.unmeasured],
    [t.undetermined, a.undetermined],
  ];
  for (const [label, value, note] of lines) sheet.addRow([label, cellValue(value), note ?? null]);
  const shares: [string, number | null, string][] = [
    [t.kpiShare, a.achievedShare.ratio, t.kpiShareNote],
    [t.kpiShareStrict, a.achievedShareStrict.ratio, t.kpiShareStrictNote],
    [t.projectShare, a.projectShare.ratio, t.projectShareNote],
  ];
  for (const [label, ratio, note] of shares) sheet.addRow([label, ratio, note]).getCell(2).numFmt = PERCENT;

  sheet.addRow([]);
  const kindHead = byKindHeadings(t);
  const kindRow = sheet.addRow(kindHead);
  kindRow.font = { bold: true };
  kindRow.eachCell((cell) => (cell.fill = HEADER_FILL));
  const kinds: [string, KpiFigures][] = [
    [t.all, figures.all],
    [t.output, figures.byKind.output],
    [t.outcome, figures.byKind.outcome],
  ];
  for (const [label, f] of kinds) {
    const row = sheet.addRow([
      label,
      f.kpis,
      f.achieved,
      f.unmet,
      f.unmeasured,
      f.achievedShare.ratio,
      f.achievedShareStrict.ratio,
      f.projectsWithKpis,
      f.projectsAchieved,
      f.projectShare.ratio,
    ]);
    for (const c of [6, 7, 10]) row.getCell(c).numFmt = PERCENT;
  }
  sheet.getColumn(1).width = Math.min(
    MAX_WIDTH,
    Math.max(...[...lines.map((l) => l[0]), ...shares.map((s) => s[0]), ...kindHead].map((s) => displayWidth(s))) + 2,
  );
  sheet.getColumn(2).width = 14;
  sheet.getColumn(3).width = 40;
  for (let c = 4; c <= kindHead.length; c++) sheet.getColumn(c).width = Math.max(10, displayWidth(kindHead[c - 1]) + 2);
}

/** The roll-up workbook. */
export async function buildRollupWorkbook(rollup: Rollup, lang: Lang, meta: RollupMeta): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import("exceljs");
  const t = ROLLUP_TEXT[lang];
  const workbook = new Excel.Workbook();
  workbook.creator = "kpi-check";
  workbook.title = t.title;

  summarySheet(workbook, rollup, lang, t, meta);

  listSheet(
    workbook,
    t.sheets.kpis,
    [
      t.file,
      t.municipality,
      t.reportingYear,
      t.project,
      t.projectName,
      t.kpi,
      t.kpiName,
      t.kind,
      t.unit,
      t.direction,
      t.target,
      t.actual,
      t.statusWritten,
      t.statusComputed,
      t.counted,
    ],
    (function* () {
      for (const k of rollup.kpis) {
        yield [
          k.file,
          k.municipality,
          k.reportingYear,
          k.project,
          k.projectName,
          k.kpi,
          k.name,
          k.kind,
          k.unit,
          t.directionValue[k.direction],
          k.targetValue ?? (k.target === "" ? null : k.target),
          k.actualValue ?? (k.actual === "" ? null : k.actual),
          k.status,
          statusLabel(k.computedStatus, lang),
          statusLabel(k.outcome, lang),
        ];
      }
    })(),
  );

  listSheet(
    workbook,
    t.sheets.findings,
    [t.file, t.severityHeader, t.rule, t.sheet, t.cell, t.message, t.fixable],
    (function* () {
      for (const f of rollup.reportsErrorsFirst())
        for (const x of f.findings) yield [f.file, t.severity[x.severity], x.ruleId, x.sheet, x.cell, x.message, x.fixable ? t.yes : ""];
    })(),
  );

  listSheet(
    workbook,
    t.sheets.files,
    [
      t.file,
      t.municipality,
      t.state,
      t.reportingYear,
      t.errors,
      t.warnings,
      t.infos,
      t.projects,
      t.kpis,
      t.achieved,
      t.unmet,
      t.unmeasured,
      t.reason,
    ],
    (function* () {
      for (const f of rollup.files) {
        yield f.failure
          ? [f.file, f.municipality, t.unreadableState, null, null, null, null, null, null, null, null, null, f.failure.message]
          : [
              f.file,
              f.municipality,
              t.checkedState,
              f.reportingYear,
              f.errors,
              f.warnings,
              f.infos,
              f.projects,
              f.kpis,
              f.achieved,
              f.unmet,
              f.unmeasured,
              "",
            ];
      }
    })(),
  );
  return workbook;
}

/** The workbook's bytes. */
export async function renderRollupXlsx(rollup: Rollup, lang: Lang, meta: RollupMeta): Promise<Buffer> {
  const workbook = await buildRollupWorkbook(rollup, lang, meta);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
