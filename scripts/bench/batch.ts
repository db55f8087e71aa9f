/**
 * The CLI over a round of reports: 2,000 synthetic .xlsx files (about 5 KPIs each, like a real
 * municipality's report), checked with `kpi-check --format json` on one thread and on every core,
 * next to the time ExcelJS alone takes to load the same files (the floor the checking adds to).
 *
 * The files are written once with src/fixtures/samples.ts's ExcelJS writer (the styled canonical
 * layout of samples/hanamaki-r6.xlsx) into a cache folder and reused by later runs.
 */
import { execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { buildHanamaki, loadReport } from "../../src/fixtures/samples";
import { reportContent, syntheticSample, type SyntheticOptions } from "../../src/fixtures/synthetic";
import { median } from "./stats";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "bin", "kpi-check.js");
const RSS_PROBE = path.join(__dirname, "rss-probe.js");
const RETAINED_HEAP = path.join(__dirname, "retained-heap.js");
/** Bump when the generator's output changes: a cache of another version is not reused. */
const GENERATOR_VERSION = 1;

interface BatchFiles {
  dir: string;
  files: string[];
  kpis: number;
  cached: boolean;
  generationMs: number;
}

/** File i's report: 1–3 projects of 2–3 KPIs (5 on average). */
function fileOptions(seed: number, i: number): SyntheticOptions {
  return { seed: seed * 100_003 + i, sections: 1 + (i % 3), kpisPerSection: [2, 3] };
}

function fileName(i: number): string {
  return `report-${String(i + 1).padStart(4, "0")}.xlsx`;
}

/** Writes files [from, to) of the set; run in a worker thread by generateFiles (exported: the worker calls it by name). */
export async function writeFiles(dir: string, seed: number, from: number, to: number): Promise<void> {
  const base = loadReport();
  for (let i = from; i < to; i++) {
    const buffer = await buildHanamaki(syntheticSample(fileOptions(seed, i), base)).xlsx.writeBuffer();
    fs.writeFileSync(path.join(dir, fileName(i)), Buffer.from(buffer as ArrayBuffer));
  }
}

/** A worker thread that runs TypeScript (tsx's register API), then calls `call` on `module`. */
function tsWorker(module: string, call: string, args: unknown[]): Promise<void> {
  const tsx = require.resolve("tsx/cjs/api");
  const code = `
    const { workerData, parentPort } = require("worker_threads");
    require(${JSON.stringify(tsx)}).register();
    Promise.resolve(require(workerData.module)[workerData.call](...workerData.args))
      .then(() => parentPort.postMessage("done"), (error) => { throw error; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { module, call, args } });
    worker.once("message", () => void worker.terminate().then(() => resolve()));
    worker.once("error", reject);
  });
}

async function batchFiles(seed: number, count: number, threads: number, log: (text: string) => void): Promise<BatchFiles> {
  const dir = process.env.KPI_BENCH_CACHE ?? path.join(os.tmpdir(), "kpi-check-bench", `v${GENERATOR_VERSION}-seed${seed}-${count}`);
  const marker = path.join(dir, "complete.json");
  const files = Array.from({ length: count }, (_, i) => path.join(dir, fileName(i)));
  let kpis = 0;
  for (let i = 0; i < count; i++) for (const p of reportContent(fileOptions(seed, i)).projects) kpis += p.kpis.length;

  const done = fs.existsSync(marker) && files.every((f) => fs.existsSync(f));
  if (done) return { dir, files, kpis, cached: true, generationMs: 0 };

  log(`generating ${count} report files in ${dir} …`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const start = performance.now();
  const chunk = Math.ceil(count / threads);
  const parts: Promise<void>[] = [];
  for (let from = 0; from < count; from += chunk) {
    parts.push(tsWorker(__filename, "writeFiles", [dir, seed, from, Math.min(count, from + chunk)]));
  }
  await Promise.all(parts);
  const generationMs = Math.round(performance.now() - start);
  fs.writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, seed, count, kpis }, null, 2) + "\n");
  return { dir, files, kpis, cached: false, generationMs };
}

/**
 * ExcelJS alone: read each file and load it into a Workbook, nothing else, on `threads` worker
 * threads (files dealt round-robin). Milliseconds from starting the threads to the last load.
 */
function loadOnly(files: readonly string[], threads: number): Promise<number> {
  const exceljs = require.resolve("exceljs");
  const code = `
    const { workerData, parentPort } = require("worker_threads");
    const fs = require("fs");
    const ExcelJS = require(workerData.exceljs);
    (async () => {
      for (const file of workerData.files) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(file));
      parentPort.postMessage("done");
    })();
  `;
  const start = performance.now();
  const runs: Promise<void>[] = [];
  for (let t = 0; t < threads; t++) {
    const share = files.filter((_, i) => i % threads === t);
    runs.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(code, { eval: true, workerData: { exceljs, files: share } });
        worker.once("message", () => void worker.terminate().then(() => resolve()));
        worker.once("error", reject);
      }),
    );
  }
  return Promise.all(runs).then(() => performance.now() - start);
}

interface CliRun {
  ms: number;
  exitCode: number | null;
  bytes: number;
  sha256: string;
  peakRssMb: number;
  /** CPU time of the whole process, every thread. */
  cpuMs: number;
  /**
   * From the last byte on stdout to the exit: what the run does after the check's output is out
   * (with --report, writing the roll-up). One thread's work, so steadier than the whole run's time.
   */
  tailMs: number;
  stderr: string;
}

/** `node bin/kpi-check.js --format json --jobs N [extra…] <dir>`: wall time, output digest, peak memory. */
function runCli(dir: string, jobs: number, extra: string[] = []): Promise<CliRun> {
  const rssFile = path.join(os.tmpdir(), `kpi-check-bench-rss-${process.pid}-${jobs}.txt`);
  const hash = createHash("sha256");
  let bytes = 0;
  let stderr = "";
  const start = performance.now();
  const child = spawn(process.execPath, ["--require", RSS_PROBE, CLI, "--format", "json", "--jobs", String(jobs), ...extra, dir], {
    env: { ...process.env, KPI_BENCH_RSS_FILE: rssFile, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lastDataAt = start;
  child.stdout.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
    lastDataAt = performance.now();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const end = performance.now();
      const ms = end - start;
      let probe = { peakRss: 0, cpuMs: 0 };
      try {
        probe = JSON.parse(fs.readFileSync(rssFile, "utf8")) as typeof probe;
        fs.rmSync(rssFile, { force: true });
      } catch {
        // no probe output: leave 0
      }
      resolve({
        ms,
        exitCode,
        bytes,
        sha256: hash.digest("hex"),
        peakRssMb: Math.round(probe.peakRss / 1e6),
        cpuMs: Math.round(probe.cpuMs),
        tailMs: Math.round(end - lastDataAt),
        stderr: stderr.slice(0, 2000),
      });
    });
  });
}

/**
 * The heap still in use after checking the first n files (garbage collected), for each n of
 * `checkpoints`, on one thread in a new process: what a file leaves behind.
 */
function retainedHeap(files: readonly string[], checkpoints: number[]): Record<string, number> {
  const list = path.join(os.tmpdir(), `kpi-check-bench-heap-${process.pid}.json`);
  fs.writeFileSync(list, JSON.stringify({ files: files.slice(0, Math.max(...checkpoints)), checkpoints }));
  try {
    const out = execFileSync(process.execPath, ["--expose-gc", RETAINED_HEAP, list], { encoding: "utf8", maxBuffer: 1 << 20 });
    return JSON.parse(out) as Record<string, number>;
  } finally {
    fs.rmSync(list, { force: true });
  }
}

/**
 * A folder beside the cache's files holding links named `names[i]` to `targets[i]`; made once, reused
 * while its last link is there. Not inside the files' folder: the batch runs check that folder
 * recursively, and would check the links too.
 */
function linkFolder(batch: BatchFiles, folder: string, targets: readonly string[], names: readonly string[]): string {
  fs.rmSync(path.join(batch.dir, folder), { recursive: true, force: true }); // where earlier versions put it
  const dir = `${batch.dir}-${folder}`;
  if (!fs.existsSync(path.join(dir, names[names.length - 1]))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    targets.forEach((target, i) => fs.symlinkSync(target, path.join(dir, names[i])));
  }
  return dir;
}

/** A folder holding links to the first `count` files, for the memory comparison. */
function subset(batch: BatchFiles, count: number): string {
  const targets = batch.files.slice(0, count);
  return linkFolder(
    batch,
    `first-${count}`,
    targets,
    targets.map((_, i) => fileName(i)),
  );
}

/** A folder holding links to every file twice (a-…, then b-…): the same batch run after itself. */
function twice(batch: BatchFiles): string {
  const names = ["a-", "b-"].flatMap((prefix) => batch.files.map((_, i) => prefix + fileName(i)));
  return linkFolder(batch, "twice", [...batch.files, ...batch.files], names);
}

export interface BatchResult {
  files: number;
  kpis: number;
  threads: number;
  runs: number;
  method: string;
  generation: { cached: boolean; ms: number; dir: string };
  excelJsLoadOnlyMs: Record<string, number>;
  cliMs: Record<string, number>;
  /** One thread's CLI time over all threads' CLI time. */
  speedup: number;
  /**
   * CPU time of the fastest CLI runs (all threads of the process) and the cores that kept busy
   * (CPU time over wall time): one worker is not one core, V8 compiles and collects on others.
   */
  cliCpuMs: Record<string, number>;
  coresBusy: Record<string, number>;
  /** CLI time over ExcelJS-load-only time, at the same number of threads. */
  overLoadOnly: Record<string, number>;
  peakRssMb: Record<string, number>;
  /** Heap in use after garbage collection, after checking the first n files (one thread). */
  retainedHeapMb: Record<string, number>;
  output: { identical: boolean; bytes: number; exitCode: number | null };
  /**
   * Speed once warm: the files twice over in one run, less the best time for them once. Every new
   * thread first spends seconds compiling the same code (docs/performance.md); this leaves that out.
   */
  afterWarmUp: { files: number; cliMs: Record<string, number>; secondHalfMs: Record<string, number>; speedup: number };
  /**
   * The roll-up (`--report FILE`): the same run on all cores with an HTML page and with a workbook
   * written, next to the run without (`runs` rounds, each running the three in turn): the time and
   * peak memory it adds, and the size of what it wrote.
   */
  rollup: {
    cliMs: Record<"none" | "html" | "xlsx", number>;
    /** The best run with the roll-up against the best without. */
    overheadPercent: Record<"html" | "xlsx", number>;
    /**
     * Each run with the roll-up against the run without it just before (the same round), the
     * median over the rounds: on a shared machine whose speed drifts, the steadier figure, and
     * the one the target is judged by.
     */
    pairedOverheadPercent: Record<"html" | "xlsx", number>;
    /** Median time after the check's output (tailMs): the roll-up's own writing, and the exit. */
    tailMs: Record<"none" | "html" | "xlsx", number>;
    peakRssMb: Record<"none" | "html" | "xlsx", number>;
    bytes: Record<"html" | "xlsx", number>;
    /** The JSON on stdout is the same with and without --report. */
    sameOutput: boolean;
  };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function measureBatch(seed: number, count: number, runs: number, log: (text: string) => void): Promise<BatchResult> {
  const threads = os.availableParallelism();
  const batch = await batchFiles(seed, count, threads, log);
  // Warm the file cache, so that no timed run reads from disk for the first time.
  for (const file of batch.files) fs.readFileSync(file);

  const best = (values: number[]) => Math.min(...values);
  const load1: number[] = [];
  const loadN: number[] = [];
  const cli1: CliRun[] = [];
  const cliN: CliRun[] = [];
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-check-bench-report-"));
  const reportFile = { html: path.join(reportDir, "rollup.html"), xlsx: path.join(reportDir, "rollup.xlsx") };
  const withReport: Record<"html" | "xlsx", CliRun[]> = { html: [], xlsx: [] };
  for (let r = 0; r < runs; r++) {
    log(`batch run ${r + 1}/${runs}: ExcelJS load only, 1 thread …`);
    load1.push(await loadOnly(batch.files, 1));
    log(`batch run ${r + 1}/${runs}: kpi-check --jobs 1 …`);
    cli1.push(await runCli(batch.dir, 1));
    log(`batch run ${r + 1}/${runs}: ExcelJS load only, ${threads} threads …`);
    loadN.push(await loadOnly(batch.files, threads));
    log(`batch run ${r + 1}/${runs}: kpi-check --jobs ${threads} …`);
    cliN.push(await runCli(batch.dir, threads));
    for (const kind of ["html", "xlsx"] as const) {
      log(`batch run ${r + 1}/${runs}: kpi-check --jobs ${threads} --report rollup.${kind} …`);
      withReport[kind].push(await runCli(batch.dir, threads, ["--report", reportFile[kind]]));
    }
  }
  const reportBytes = { html: fs.statSync(reportFile.html).size, xlsx: fs.statSync(reportFile.xlsx).size };
  fs.rmSync(reportDir, { recursive: true, force: true });
  const small = Math.max(1, Math.round(count / 10));
  const half = Math.max(1, Math.round(count / 2));
  log(`memory: kpi-check --jobs ${threads} over the first ${small} and ${half} files …`);
  const smallRun = await runCli(subset(batch, small), threads);
  const halfRun = await runCli(subset(batch, half), threads);
  log(`after warm-up: kpi-check --jobs 1 and --jobs ${threads} over the ${count} files twice …`);
  const twiceDir = twice(batch);
  const twice1 = await runCli(twiceDir, 1);
  const twiceN = await runCli(twiceDir, threads);
  log(`memory: heap retained after ${small} and ${count} files …`);
  const retained = retainedHeap(batch.files, [small, count]);

  const fastest = (list: CliRun[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
  const cli1Ms = fastest(cli1).ms;
  const cliNMs = fastest(cliN).ms;
  const load1Ms = best(load1);
  const loadNMs = best(loadN);
  const digests = new Set([...cli1, ...cliN].map((c) => c.sha256));
  const htmlMs = fastest(withReport.html).ms;
  const xlsxMs = fastest(withReport.xlsx).ms;
  const overhead = (ms: number) => round((ms / cliNMs - 1) * 100, 1);
  for (const run of [...cli1, ...cliN, twice1, twiceN])
    if (run.exitCode !== 1 && run.exitCode !== 0) log(`kpi-check exited ${run.exitCode}: ${run.stderr}`);
  return {
    files: batch.files.length,
    kpis: batch.kpis,
    threads,
    runs,
    method: `best of ${runs} runs; kpi-check is lib/cli (npm run build:cli) in a new process, output hashed; load-only is readFileSync + ExcelJS Workbook.xlsx.load per file on worker threads`,
    generation: { cached: batch.cached, ms: batch.generationMs, dir: batch.dir },
    excelJsLoadOnlyMs: { "1": Math.round(load1Ms), [String(threads)]: Math.round(loadNMs) },
    cliMs: { "1": Math.round(cli1Ms), [String(threads)]: Math.round(cliNMs) },
    speedup: round(cli1Ms / cliNMs),
    cliCpuMs: { "1": fastest(cli1).cpuMs, [String(threads)]: fastest(cliN).cpuMs },
    coresBusy: { "1": round(fastest(cli1).cpuMs / cli1Ms), [String(threads)]: round(fastest(cliN).cpuMs / cliNMs) },
    overLoadOnly: { "1": round(cli1Ms / load1Ms), [String(threads)]: round(cliNMs / loadNMs) },
    peakRssMb: {
      [`${small} files`]: smallRun.peakRssMb,
      [`${half} files`]: halfRun.peakRssMb,
      [`${count} files`]: Math.max(...cliN.map((c) => c.peakRssMb)),
      [`${count} files, --jobs 1`]: Math.max(...cli1.map((c) => c.peakRssMb)),
    },
    retainedHeapMb: retained,
    output: { identical: digests.size === 1, bytes: cli1[0].bytes, exitCode: cli1[0].exitCode },
    afterWarmUp: {
      files: 2 * batch.files.length,
      cliMs: { "1": Math.round(twice1.ms), [String(threads)]: Math.round(twiceN.ms) },
      secondHalfMs: { "1": Math.round(twice1.ms - cli1Ms), [String(threads)]: Math.round(twiceN.ms - cliNMs) },
      speedup: round((twice1.ms - cli1Ms) / (twiceN.ms - cliNMs)),
    },
    rollup: {
      cliMs: { none: Math.round(cliNMs), html: Math.round(htmlMs), xlsx: Math.round(xlsxMs) },
      overheadPercent: { html: overhead(htmlMs), xlsx: overhead(xlsxMs) },
      pairedOverheadPercent: {
        html: round(median(withReport.html.map((run, r) => (run.ms / cliN[r].ms - 1) * 100)), 1),
        xlsx: round(median(withReport.xlsx.map((run, r) => (run.ms / cliN[r].ms - 1) * 100)), 1),
      },
      tailMs: {
        none: Math.round(median(cliN.map((c) => c.tailMs))),
        html: Math.round(median(withReport.html.map((c) => c.tailMs))),
        xlsx: Math.round(median(withReport.xlsx.map((c) => c.tailMs))),
      },
      peakRssMb: {
        none: Math.max(...cliN.map((c) => c.peakRssMb)),
        html: Math.max(...withReport.html.map((c) => c.peakRssMb)),
        xlsx: Math.max(...withReport.xlsx.map((c) => c.peakRssMb)),
      },
      bytes: reportBytes,
      sameOutput: new Set([...cliN, ...withReport.html, ...withReport.xlsx].map((c) => c.sha256)).size === 1,
    },
  };
}
