/**
 * The core alone: validateWorkbook (read → model → analysis → rules → findings) on synthetic
 * reports of several sizes, 10 KPIs to a section, one sheet per section.
 *
 * The JIT is warmed on a mid-size report first, then each size is validated several times in a
 * row, garbage collection included as it comes (a forced full collection before each run would
 * shrink V8's young generation and charge the run for regrowing it, which no user sees). The
 * median of the runs is the figure; the minimum is shown next to it because other processes on
 * the machine can only make a run slower.
 */
import { validateWorkbook } from "../../src/core";
import { syntheticWorkbook } from "../../src/fixtures/synthetic";
import { median } from "./stats";

interface CoreSize {
  kpis: number;
  sheets: number;
  runs: number;
  medianMs: number;
  minMs: number;
  /** medianMs per KPI, in microseconds. */
  perKpiUs: number;
  findings: number;
}

export interface CoreResult {
  method: string;
  sizes: CoreSize[];
  /** perKpiUs at the largest size over perKpiUs at the smallest (1.0: perfectly linear). */
  perKpiGrowth: number;
}

const KPIS_PER_SECTION = 10;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export function measureCore(seed: number, sizes: readonly number[] = [100, 1_000, 10_000]): CoreResult {
  const warm = syntheticWorkbook({ seed: seed + 1, sections: 100, kpisPerSection: KPIS_PER_SECTION });
  for (let i = 0; i < 30; i++) validateWorkbook(warm);

  const results: CoreSize[] = [];
  for (const kpis of sizes) {
    const sections = Math.max(1, Math.round(kpis / KPIS_PER_SECTION));
    const workbook = syntheticWorkbook({ seed, sections, kpisPerSection: KPIS_PER_SECTION });
    // More runs where a run is short; at least 11 everywhere.
    const runs = Math.max(11, Math.min(101, Math.round(100_000 / kpis) | 1));
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = validateWorkbook(workbook);
      times.push(performance.now() - start);
      findings = result.findings.length;
    }
    const middle = median(times);
    results.push({
      kpis: sections * KPIS_PER_SECTION,
      sheets: workbook.sheets.length,
      runs,
      medianMs: round(middle),
      minMs: round(Math.min(...times)),
      perKpiUs: round((middle / (sections * KPIS_PER_SECTION)) * 1000),
      findings,
    });
  }
  return {
    method:
      "validateWorkbook on synthetic WorkbookData (report-builder layout, 10 KPIs per section sheet); JIT warmed; runs back to back; median",
    sizes: results,
    perKpiGrowth: round(results[results.length - 1].perKpiUs / results[0].perKpiUs),
  };
}
