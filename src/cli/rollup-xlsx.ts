/**
 * The roll-up as a workbook (kpi-check --report FILE.xlsx), for people who live in Excel:
 *
 *   集計 (Summary)     the headline figures and the shares by 種別
 *   KPI一覧 (KPIs)     one row per KPI: target and actual as numbers where they are numbers
 *   指摘一覧 (Findings) one row per finding
 *   ファイル (Files)    one row per file, checked or not
 *
 * Every list has an autofilter, a frozen header row and widths that fit its texts. Written with
 * ExcelJS's streaming writer straight to the file, row by row (loaded only when asked for: a run
 * without --report never loads it in the main thread): on a round of 2,000 reports its in-memory
 * writer took a third of the whole run, most of it building each sheet's XML as one string and
 * compressing it in JavaScript; the streaming writer compresses with Node's zlib. A streamed sheet's
 * column widths go before its rows, so each list's rows are built once, measured, then written.
 * The figures come from rollup.ts.
 */
import * as fs from "fs";
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
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
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

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ExcelJS.Worksheet;

const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }];

/** A header row: bold on a fill. */
function headerRow(sheet: Sheet, values: string[]): void {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
  row.commit();
}

/** A list sheet: bold header on a fill, frozen, autofiltered, columns as wide as their texts. */
function listSheet(workbook: Workbook, name: string, header: string[], rows: readonly Cell[][]): void {
  // The widths first: a streamed sheet writes its columns before its rows.
  const widths = header.map((h) => displayWidth(h) + 2);
  for (const row of rows) {
    row.forEach((value, i) => {
      if (value === null) return;
      const width =
        typeof value === "number" ? String(value).length + 2 : displayWidth(value.length > 200 ? value.slice(0, 200) : value) + 2;
      if (width > widths[i]) widths[i] = width;
    });
  }
  const sheet = workbook.addWorksheet(name, { views: FROZEN_HEADER });
  sheet.columns = header.map((_, i) => ({ width: Math.min(MAX_WIDTH, Math.max(6, widths[i])) }));
  headerRow(sheet, header);
  for (const values of rows) {
    const row = sheet.addRow(values.map(cellValue));
    // One style object for every plain cell: ExcelJS finds a style's id by the object (a WeakMap),
    // and each new cell otherwise gets an empty one of its own that it renders to XML to look up:
    // 45% of the writer's time on 2,000 reports.
    row.eachCell((cell) => (cell.style = PLAIN_STYLE));
    row.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: header.length } };
  sheet.commit();
}

function summarySheet(workbook: Workbook, rollup: Rollup, lang: Lang, t: RollupText, meta: RollupMeta): void {
  const figures = rollup.figures();
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
  const shares: [string, number | null, string][] = [
    [t.kpiShare, a.achievedShare.ratio, t.kpiShareNote],
    [t.kpiShareStrict, a.achievedShareStrict.ratio, t.kpiShareStrictNote],
    [t.projectShare, a.projectShare.ratio, t.projectShareNote],
  ];
  const kindHead = byKindHeadings(t);

  const sheet = workbook.addWorksheet(t.sheets.summary, { views: FROZEN_HEADER });
  const labels = [...lines.map((l) => l[0]), ...shares.map((s) => s[0]), ...kindHead];
  sheet.columns = [
    { width: Math.min(MAX_WIDTH, Math.max(...labels.map((s) => displayWidth(s))) + 2) },
    { width: 14 },
    { width: 40 },
    ...kindHead.slice(3).map((h) => ({ width: Math.max(10, displayWidth(h) + 2) })),
  ];
  headerRow(sheet, [t.item, t.value, ""]);
  for (const [label, value, note] of lines) sheet.addRow([label, cellValue(value), note ?? null]).commit();
  for (const [label, ratio, note] of shares) {
    const row = sheet.addRow([label, ratio, note]);
    row.getCell(2).numFmt = PERCENT;
    row.commit();
  }
  sheet.addRow([]).commit();
  headerRow(sheet, kindHead);
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
    row.commit();
  }
  sheet.commit();
}

type WorkbookWriterClass = typeof ExcelJS.stream.xlsx.WorkbookWriter;

let writerClass: Promise<WorkbookWriterClass> | null = null;

/**
 * ExcelJS's streaming writer, loaded once, by itself: the package's entry ("exceljs") loads its
 * reader, CSV and in-memory workbook too, 0.3–0.5 s against 0.12–0.18 s for the writer alone (the
 * same class as ExcelJS.stream.xlsx.WorkbookWriter; the CLI's tests write and read back every
 * sheet through it). The run starts loading it as soon as it knows a workbook is asked for
 * (preloadRollupWriter), while the reports are being checked.
 */
export function loadWorkbookWriter(): Promise<WorkbookWriterClass> {
  writerClass ??= import("exceljs/lib/stream/xlsx/workbook-writer.js").then((module) => module.default);
  return writerClass;
}

/** Writes the roll-up workbook to `file`; resolves when the file is complete and closed. */
export async function writeRollupXlsx(rollup: Rollup, lang: Lang, meta: RollupMeta, file: string): Promise<void> {
  const WorkbookWriter = await loadWorkbookWriter();
  const t = ROLLUP_TEXT[lang];
  const output = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    output.once("close", resolve);
    output.once("error", reject);
  });
  closed.catch(() => undefined); // the commit below reports the same error
  // Inline strings rather than a shared-strings part: the part would hold every distinct text of
  // every sheet in memory until the end.
  const workbook = new WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "kpi-check";

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
    rollup.kpis.map((k): Cell[] => [
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
    ]),
  );

  listSheet(
    workbook,
    t.sheets.findings,
    [t.file, t.severityHeader, t.rule, t.sheet, t.cell, t.message, t.fixable],
    rollup
      .reportsErrorsFirst()
      .flatMap((f) =>
        f.findings.map((x): Cell[] => [f.file, t.severity[x.severity], x.ruleId, x.sheet, x.cell, x.message, x.fixable ? t.yes : ""]),
      ),
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
    rollup.files.map((f): Cell[] =>
      f.failure
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
          ],
    ),
  );
  await workbook.commit();
  await closed;
}
