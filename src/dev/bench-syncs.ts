/**
 * Excel round trips, counted through the add-in's own adapter (src/excel/excel-host.ts) over the
 * browser demo's Excel API emulator: the first validation of a session (the sheet names are read
 * first), a validation once they are known (readWorkbook, then the core) and one fix-apply
 * (applyWrites of every fix the core proposes), on synthetic reports of several sizes; and the
 * automatic check after one edit of the user (autoCheckAt, on the sample and 1,000 KPIs).
 * The emulator counts each context.sync() that sends work, as Excel does (workbook.syncs).
 * The "syncs" part of `npm run bench` (scripts/bench.ts); test/bench-syncs.test.ts holds it to its target.
 */
import * as path from "path";
import { parseA1, toA1 } from "../core/address";
import { fixWorkbook, validateWorkbook, type WorkbookData } from "../core";
import { installOfficeEmulator } from "../demo/office/emulator";
import { demoWorkbookFromData } from "../demo/office/from-data";
import { createExcelHost, type ExcelRun } from "../excel/excel-host";
import { buildReport } from "../fixtures/report-builder";
import { reportContent, syntheticSpec } from "../fixtures/synthetic";

export interface SyncSize {
  kpis: number;
  kpisPerSheet: number;
  sheets: number;
  /** Round trips of the session's first validation: the sheet names, then every sheet. */
  firstValidation: number;
  /** Round trips of one validation once the sheet names are known (reading every sheet; the core then runs locally). */
  validation: number;
  /** Round trips of applying every proposed fix in one batch. */
  fixApply: number;
  writes: number;
  applied: number;
}

/** The automatic check after one edit of the user: its read and check, once the change event arrived. */
export interface AutoCheckSize {
  report: string;
  kpis: number;
  /** Round trips of the re-check (the sheet names are known by then). */
  syncs: number;
  /** Milliseconds of the re-check (read and check), after the change event arrived; the debounce not counted. */
  ms: number;
}

export interface SyncResult {
  method: string;
  apiVersion: string;
  sizes: SyncSize[];
  autoCheck?: AutoCheckSize[];
}

const API_VERSION = "1.13";
const SAMPLE = path.join(__dirname, "..", "..", "samples", "hanamaki-r6.xlsx");

/** Round trips for a report of `kpis` KPIs, `kpisPerSheet` to a section sheet. */
export async function syncsAt(seed: number, kpis: number, kpisPerSheet: number): Promise<SyncSize> {
  const content = reportContent({ seed, sections: Math.max(1, Math.round(kpis / kpisPerSheet)), kpisPerSection: kpisPerSheet });
  // At least one fixable mistake at every size: KPI ① of project (1) has the wrong 達成状況.
  const first = content.projects[0].kpis[0].years[0];
  first[2] = first[2] === "達成" ? "未達成" : "達成";
  const data = buildReport(syntheticSpec(content));

  const workbook = demoWorkbookFromData(data);
  const emulator = installOfficeEmulator({}, workbook, { apiVersion: API_VERSION });
  try {
    const host = createExcelHost({
      run: emulator.Excel.run as unknown as ExcelRun,
      isSetSupported: (version) => emulator.Office.context.requirements.isSetSupported("ExcelApi", version),
    });
    let before = workbook.syncs;
    const first = await host.readWorkbook();
    validateWorkbook(first.workbook);
    const firstValidation = workbook.syncs - before;
    if (firstValidation !== first.syncs) throw new Error(`sync counts disagree: emulator ${firstValidation}, adapter ${first.syncs}`);
    before = workbook.syncs;
    const read = await host.readWorkbook();
    validateWorkbook(read.workbook);
    const validation = workbook.syncs - before;
    if (validation !== read.syncs) throw new Error(`sync counts disagree: emulator ${validation}, adapter ${read.syncs}`);

    const { writes } = fixWorkbook(read.workbook);
    before = workbook.syncs;
    const outcome = await host.applyWrites(writes);
    const fixApply = workbook.syncs - before;
    if (fixApply !== outcome.syncs) throw new Error(`sync counts disagree: emulator ${fixApply}, adapter ${outcome.syncs}`);
    return {
      kpis: content.projects.reduce((n, p) => n + p.kpis.length, 0),
      kpisPerSheet,
      sheets: data.sheets.length,
      firstValidation,
      validation,
      fixApply,
      writes: writes.length,
      applied: outcome.applied.length,
    };
  } finally {
    emulator.uninstall();
  }
}

/**
 * One automatic check: the workbook read and checked once (so the sheet names are known), then the
 * user renames the first KPI in the grid (a "user" change); once its change event reaches the
 * adapter (watchChanges), what the pane's automatic check does is timed: one readWorkbook and the
 * core's check (test/taskpane-autocheck.test.ts holds the pane to one read per automatic check).
 */
export async function autoCheckAt(report: string, data: WorkbookData): Promise<AutoCheckSize> {
  const workbook = demoWorkbookFromData(data);
  const emulator = installOfficeEmulator({}, workbook, { apiVersion: API_VERSION });
  let stop: (() => Promise<void>) | null = null;
  try {
    const host = createExcelHost({
      run: emulator.Excel.run as unknown as ExcelRun,
      isSetSupported: (version) => emulator.Office.context.requirements.isSetSupported("ExcelApi", version),
    });
    const checked = validateWorkbook((await host.readWorkbook()).workbook);
    const kpi = checked.kpis[0];
    const label = kpi ? parseA1(kpi.cell) : null;
    if (!kpi || !label) throw new Error(`${report}: no KPI to edit`);
    let heard: () => void = () => undefined;
    const changed = new Promise<void>((resolve) => (heard = resolve));
    stop = await host.watchChanges!(() => heard());
    workbook.setCells([{ sheet: kpi.sheet, cell: toA1(label.row + 1, label.col), content: { value: `${kpi.name}（改）` } }], "user");
    await changed;
    const before = workbook.syncs;
    const started = performance.now();
    const result = validateWorkbook((await host.readWorkbook()).workbook);
    const ms = Math.round(performance.now() - started);
    if (result.kpis[0]?.name === kpi.name) throw new Error(`${report}: the edit was not read`);
    return { report, kpis: checked.kpis.length, syncs: workbook.syncs - before, ms };
  } finally {
    await stop?.();
    emulator.uninstall();
  }
}

export async function measureSyncs(seed: number): Promise<SyncResult> {
  const sizes: SyncSize[] = [];
  for (const kpis of [10, 100, 1_000]) sizes.push(await syncsAt(seed, kpis, 10));
  // The same 1,000 KPIs with 20 to a section (the form's most: ⑪–⑳ sit in hidden rows), so the
  // count of sheets, not of KPIs, is seen to decide the round trips.
  sizes.push(await syncsAt(seed, 1_000, 20));
  const { loadXlsx } = await import("../node/xlsx");
  const sample = (await loadXlsx(SAMPLE)).data;
  const thousand = buildReport(syntheticSpec(reportContent({ seed, sections: 100, kpisPerSection: 10 })));
  const autoCheck = [await autoCheckAt("hanamaki-r6.xlsx", sample), await autoCheckAt("1,000 KPIs", thousand)];
  return {
    method:
      "createExcelHost over installOfficeEmulator (src/demo/office) on a plain object; DemoWorkbook from core WorkbookData (from-data.ts); syncs counted by the emulator",
    apiVersion: API_VERSION,
    sizes,
    autoCheck,
  };
}
