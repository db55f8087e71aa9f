/**
 * npm run bench: how fast the checker is where users feel it, as ONE JSON document on stdout
 * (progress goes to stderr). See docs/performance.md for what each figure means.
 *
 *   syncs   Excel round trips of one validation and one fix-apply (10, 100, 1,000 KPIs)
 *   core    validation time of src/core alone (100, 1,000, 10,000 KPIs)
 *   batch   kpi-check over 2,000 report files, 1 thread and all cores, vs ExcelJS loading alone;
 *           and on all cores with --report .html / .xlsx (the roll-up's time and memory)
 *   bundle  gzip size of the task pane's JavaScript (office.js excluded)
 *   pane    how soon the pane shows and first checks, in the demo in Chromium (with and without
 *           CPU and network limits); skipped, saying why, where Chromium is not installed
 *
 * Options: --only syncs,core,batch,bundle,pane  --files N (2000)  --runs N (batch repetitions, 3;
 *          the pane opens at least 5 times per condition)
 *          --seed N. Everything is generated from the seed: the same seed, the same workbooks.
 * The batch files are written once into a cache folder (os.tmpdir()/kpi-check-bench/…, or
 * KPI_BENCH_CACHE) and reused.
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { measureBatch, type BatchResult } from "./bench/batch";
import { measureBundle, type BundleResult } from "./bench/bundle";
import { measureCore, type CoreResult } from "./bench/core";
import { measurePane } from "./bench/pane";
import { measureSyncs, type SyncResult } from "../src/dev/bench-syncs";

const ROOT = path.resolve(__dirname, "..");
const SECTIONS = ["syncs", "core", "batch", "bundle", "pane"] as const;
type Section = (typeof SECTIONS)[number];

interface Target {
  met: boolean;
  target: string;
  measured: string;
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

function buildCli(): void {
  log("npm run build:cli …");
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`build:cli failed:\n${result.stdout}${result.stderr}`);
}

function syncTarget(result: SyncResult): Target {
  const sizes = result.sizes.filter((s) => s.kpisPerSheet === 10);
  const met = sizes.every((s) => s.validation === 1 && s.fixApply <= 2 && s.fixApply === sizes[0].fixApply);
  return {
    met,
    target: "1 sync per validation, at most 2 per fix-apply, the same at 10 and 1,000 KPIs",
    measured: sizes.map((s) => `${s.kpis} KPIs (${s.sheets} sheets): ${s.validation} + ${s.fixApply}`).join("; "),
  };
}

function coreTargets(result: CoreResult): Target[] {
  const largest = result.sizes[result.sizes.length - 1];
  return [
    {
      met: largest.medianMs < 200,
      target: `${largest.kpis.toLocaleString("en-US")} KPIs validated in under 200 ms (median)`,
      measured: `${largest.medianMs} ms (min ${largest.minMs} ms)`,
    },
    {
      met: result.perKpiGrowth <= 1.5,
      target: `per-KPI time at ${largest.kpis.toLocaleString("en-US")} KPIs within 1.5× of that at ${result.sizes[0].kpis}`,
      measured: `${result.perKpiGrowth}× (${result.sizes.map((s) => `${s.perKpiUs} µs`).join(" → ")})`,
    },
  ];
}

function batchTargets(result: BatchResult): Target[] {
  const n = String(result.threads);
  const sizes = Object.values(result.peakRssMb);
  const retained = Object.values(result.retainedHeapMb);
  return [
    {
      met: result.threads < 2 || result.speedup >= 1.6,
      target: "all cores used: at least 1.6× faster than one thread on 2 cores",
      measured:
        `${result.speedup}× on ${result.threads} cores (${result.cliMs["1"]} ms → ${result.cliMs[n]} ms); ` +
        `after warm-up (the second ${result.files} of ${result.afterWarmUp.files} in one run) ${result.afterWarmUp.speedup}×`,
    },
    {
      met: result.overLoadOnly["1"] <= 1.3 && result.overLoadOnly[n] <= 1.3,
      target: "total within 1.3× of loading the same files with ExcelJS alone",
      measured: `${result.overLoadOnly["1"]}× on 1 thread, ${result.overLoadOnly[n]}× on ${n}`,
    },
    {
      // Flat: a file leaves nothing behind (the heap after garbage collection does not grow with the
      // files), and the peak stops growing once V8 has sized its heaps (the first few hundred files).
      met: retained[retained.length - 1] - retained[1] <= 5 && sizes[2] <= sizes[1] * 1.15,
      target:
        "memory stays flat across files: the heap retained after all files within 5 MB of that after a tenth, and the peak for all files within 1.15× of that for half",
      measured:
        Object.entries(result.retainedHeapMb)
          .map(([k, v]) => `${v} MB retained after ${k} files`)
          .join(", ") +
        "; peak " +
        Object.entries(result.peakRssMb)
          .map(([k, v]) => `${k}: ${v} MB`)
          .join(", "),
    },
    {
      met: result.output.identical,
      target: "the same output, in input order, on one thread and on all",
      measured: result.output.identical ? "identical JSON" : "outputs differ",
    },
    {
      met:
        result.rollup.pairedOverheadPercent.html <= 10 &&
        result.rollup.pairedOverheadPercent.xlsx <= 10 &&
        result.rollup.peakRssMb.html <= result.rollup.peakRssMb.none * 1.15 &&
        result.rollup.peakRssMb.xlsx <= result.rollup.peakRssMb.none * 1.15 &&
        result.rollup.sameOutput,
      target: `the roll-up (--report .html / .xlsx) adds at most 10% to the batch time on ${n} cores, peak memory within 1.15× of the run without, the same JSON on stdout`,
      measured:
        `${signed(result.rollup.pairedOverheadPercent.html)}% (html, ${Math.round(result.rollup.bytes.html / 1024)} KB), ` +
        `${signed(result.rollup.pairedOverheadPercent.xlsx)}% (xlsx, ${Math.round(result.rollup.bytes.xlsx / 1024)} KB), ` +
        `the median of ${result.runs} paired runs (best against best: ${signed(result.rollup.overheadPercent.html)}% / ` +
        `${signed(result.rollup.overheadPercent.xlsx)}%); written after the check in ${result.rollup.tailMs.html} / ` +
        `${result.rollup.tailMs.xlsx} ms (${result.rollup.tailMs.none} ms without); peak ` +
        `${result.rollup.peakRssMb.none} → ${result.rollup.peakRssMb.html} / ${result.rollup.peakRssMb.xlsx} MB; ` +
        (result.rollup.sameOutput ? "identical JSON" : "outputs differ"),
    },
  ];
}

/** +7, -3.8: a run with the roll-up can come out faster than one without, within the runs' spread. */
function signed(n: number): string {
  return n < 0 ? String(n) : `+${n}`;
}

function bundleTarget(result: BundleResult): Target {
  return {
    met: result.gzipKB <= 40 && !result.contains.exceljs && !result.contains.demo,
    target: "task pane JavaScript at most 40 KB gzip at first load (the scripts taskpane.html loads), without ExcelJS or the demo host",
    measured: `${result.gzipKB} KB gzip at first load (${result.firstCheckGzipKB} KB with the engine fetched at start for the first check, ${result.allGzipKB} KB with every chunk loaded on demand); exceljs ${result.contains.exceljs ? "in" : "not in"} it, src/demo ${result.contains.demo ? "in" : "not in"} it`,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      files: { type: "string" },
      runs: { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  const only = new Set((values.only ?? SECTIONS.join(",")).split(",").map((s) => s.trim()) as Section[]);
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown part "${s}" (${SECTIONS.join(", ")})`);
  const seed = Number(values.seed ?? 20261124);
  const files = Number(values.files ?? 2000);
  const runs = Number(values.runs ?? 3);

  const started = performance.now();
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    seed,
  };
  const targets: Record<string, Target | Target[]> = {};

  // Core first: its timings are taken in a heap that no other part has filled (the syncs part
  // leaves the demo's Excel emulation and its workbooks behind, which made later GCs slower).
  if (only.has("core")) {
    log("core …");
    const core = measureCore(seed);
    report.core = core;
    targets.core = coreTargets(core);
  }
  if (only.has("syncs")) {
    log("syncs …");
    const syncs = await measureSyncs(seed);
    report.syncs = syncs;
    targets.syncs = syncTarget(syncs);
  }
  if (only.has("batch")) {
    buildCli();
    const batch = await measureBatch(seed, files, runs, log);
    report.batch = batch;
    targets.batch = batchTargets(batch);
  }
  if (only.has("bundle")) {
    const bundle = measureBundle(log);
    report.bundle = bundle;
    targets.bundle = bundleTarget(bundle);
  }
  if (only.has("pane")) {
    // No target: a figure to compare versions by (docs/performance.md).
    report.pane = await measurePane(log, Math.max(runs, 5));
  }
  report.targets = targets;
  report.loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
  report.seconds = Math.round((performance.now() - started) / 1000);
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
