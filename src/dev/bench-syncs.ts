/**
 * Excel round trips, counted through the add-in's own adapter (src/excel/excel-host.ts) over the
 * browser demo's Excel API emulator: one validation (readWorkbook, then the core) and one
 * fix-apply (applyWrites of every fix the core proposes), on synthetic reports of several sizes.
 * The emulator counts each context.sync() that sends work, as Excel does (workbook.syncs).
 * The "syncs" part of `npm run bench` (scripts/bench.ts); test/bench-syncs.test.ts holds it to its target.
 */
import { fixWorkbook, validateWorkbook } from "../core";
import { installOfficeEmulator } from "../demo/office/emulator";
import { demoWorkbookFromData } from "../demo/office/from-data";
import { createExcelHost, DEFAULT_SHEETS_PER_SYNC, type ExcelRun } from "../excel/excel-host";
import { buildReport } from "../fixtures/report-builder";
import { reportContent, syntheticSpec } from "../fixtures/synthetic";

export interface SyncSize {
  kpis: number;
  kpisPerSheet: number;
  sheets: number;
  /** Round trips of one validation (reading every sheet; the core then runs locally). */
  validation: number;
  /** Round trips of applying every proposed fix in one batch. */
  fixApply: number;
  writes: number;
  applied: number;
}

export interface SyncResult {
  method: string;
  apiVersion: string;
  sheetsPerSync: number;
  sizes: SyncSize[];
}

const API_VERSION = "1.13";

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
      validation,
      fixApply,
      writes: writes.length,
      applied: outcome.applied.length,
    };
  } finally {
    emulator.uninstall();
  }
}

export async function measureSyncs(seed: number): Promise<SyncResult> {
  const sizes: SyncSize[] = [];
  for (const kpis of [10, 100, 1_000]) sizes.push(await syncsAt(seed, kpis, 10));
  // The same 1,000 KPIs with 20 to a section (the form's most: ⑪–⑳ sit in hidden rows), so the
  // count of sheets, not of KPIs, is seen to decide the round trips.
  sizes.push(await syncsAt(seed, 1_000, 20));
  return {
    method:
      "createExcelHost over installOfficeEmulator (src/demo/office) on a plain object; DemoWorkbook from core WorkbookData (from-data.ts); syncs counted by the emulator",
    apiVersion: API_VERSION,
    sheetsPerSync: DEFAULT_SHEETS_PER_SYNC,
    sizes,
  };
}
