/**
 * kpi-check --jobs: the built CLI (lib/cli, `npm run build:cli`) checks a folder on worker threads
 * and prints exactly what it prints on one thread, in input order, with the same exit codes; a
 * file that cannot be read, or that kills its worker, is reported and the others go on. From the
 * TypeScript sources (jest) the same run happens in-process.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCommandLine } from "../src/cli/args";
import { LARGE_FILE_BYTES } from "../src/cli/pool";
import { threadCount } from "../src/cli/main";
import { runCli } from "./helpers/cli-run";
import { renderCsv, renderJson, type FileReport } from "../src/cli/render";
import { buildReportFile, makeTempDir, removeDir, writeBytes } from "./helpers/xlsx-fixtures";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "kpi-check.js");
const SAMPLE = path.join(ROOT, "samples", "hanamaki-r6.xlsx");
const BLANK = path.join(ROOT, "samples", "template-blank.xlsx");
/** Tests that spawn the built CLI (a second or more each, far more on a busy machine). */
const SPAWNS = 120_000;
/** Tests that check folders in-process, on worker threads. */
const IN_PROCESS = 60_000;

let dir: string;
let mixed: string; // good files, files with errors, an unreadable one
let valid: string; // readable files only, some with errors
let clean: string; // no errors at all

beforeAll(async () => {
  // The CLI under test is the compiled one (what `npm test` builds first); tsc is incremental.
  const build = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build:cli failed: ${build.stdout}${build.stderr}`);

  dir = makeTempDir("kpi-jobs-");
  mixed = path.join(dir, "mixed");
  valid = path.join(dir, "valid");
  clean = path.join(dir, "clean");
  for (const folder of [mixed, valid, clean]) fs.mkdirSync(folder);
  // The large sample first and small files after it: the small ones finish first on another thread.
  fs.copyFileSync(SAMPLE, path.join(mixed, "a-sample.xlsx"));
  await buildReportFile(mixed, "b-clean.xlsx");
  writeBytes(mixed, "c-broken.xlsx", "番号,名前\n1,テスト\n");
  await buildReportFile(mixed, "d-wrong-status.xlsx", { status: "未達成" });
  fs.copyFileSync(BLANK, path.join(mixed, "e-blank.xlsx"));
  await buildReportFile(mixed, "f-cost-text.xlsx", { cost: "1,000,000円" });
  for (const name of ["a-sample.xlsx", "b-clean.xlsx", "d-wrong-status.xlsx", "f-cost-text.xlsx"]) {
    fs.copyFileSync(path.join(mixed, name), path.join(valid, name));
  }
  for (const name of ["one", "two", "three"]) await buildReportFile(clean, `${name}.xlsx`);
}, SPAWNS);

afterAll(() => removeDir(dir));

interface Spawned {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[], preload?: string): Spawned {
  const result = spawnSync(process.execPath, [...(preload ? ["--require", preload] : []), CLI, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", KPI_CHECK_DEBUG: "" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A preloaded script that notes every worker thread started (workers inherit --require). */
function workerProbe(log: string, crashOn?: string): string {
  const file = path.join(dir, `probe-${path.basename(log)}.js`);
  fs.writeFileSync(
    file,
    `const { isMainThread, parentPort } = require("worker_threads");
     if (!isMainThread) {
       require("fs").appendFileSync(${JSON.stringify(log)}, "worker\\n");
       ${crashOn ? `parentPort.on("message", (m) => { if (m.job.input.display.endsWith(${JSON.stringify(crashOn)})) process.exit(7); });` : ""}
     }`,
  );
  return file;
}

function workersStarted(log: string): number {
  return fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0;
}

describe("--jobs 2 against --jobs 1, built CLI", () => {
  it(
    "the same JSON, in input order, with the unreadable file reported and exit code 2",
    () => {
      const one = cli(["--format", "json", "--jobs", "1", "mixed"]);
      const log = path.join(dir, "workers-json.log");
      const two = cli(["--format", "json", "--jobs", "2", "mixed"], workerProbe(log));
      expect(workersStarted(log)).toBe(2);
      expect(two.out).toBe(one.out);
      expect(two.code).toBe(2);
      expect(one.code).toBe(2);
      const files = (JSON.parse(two.out) as { files: { file: string; error?: { code: string } }[] }).files;
      expect(files.map((f) => f.file)).toEqual(
        ["a-sample.xlsx", "b-clean.xlsx", "c-broken.xlsx", "d-wrong-status.xlsx", "e-blank.xlsx", "f-cost-text.xlsx"].map((n) =>
          path.join("mixed", n),
        ),
      );
      expect(files[2].error?.code).toEqual(expect.any(String));
      expect(files.filter((f) => f.error)).toHaveLength(1);
      // Named once on stderr, as on one thread.
      expect(two.err).toBe(one.err);
      expect(two.err.match(/c-broken\.xlsx/g)).toHaveLength(1);
    },
    SPAWNS,
  );

  it(
    "the same text and CSV output",
    () => {
      for (const format of ["text", "csv"]) {
        const one = cli(["--format", format, "--jobs", "1", "--lang", "en", "mixed"]);
        const two = cli(["--format", format, "--jobs", "2", "--lang", "en", "mixed"]);
        expect(two.out).toBe(one.out);
        expect(two.code).toBe(one.code);
      }
    },
    SPAWNS,
  );

  it(
    "exit code 1 when files have errors and all were read, 0 when none has errors",
    () => {
      const withErrors = [cli(["--jobs", "1", "valid"]), cli(["--jobs", "2", "valid"])];
      expect(withErrors.map((r) => r.code)).toEqual([1, 1]);
      expect(withErrors[1].out).toBe(withErrors[0].out);
      const noErrors = [cli(["--jobs", "1", "clean"]), cli(["--jobs", "2", "clean"])];
      expect(noErrors.map((r) => r.code)).toEqual([0, 0]);
      expect(noErrors[1].out).toBe(noErrors[0].out);
    },
    SPAWNS,
  );

  it(
    "all cores by default for a folder; one thread for a single file",
    () => {
      const many = path.join(dir, "workers-default.log");
      const folder = cli(["--format", "json", "clean"], workerProbe(many));
      expect(folder.code).toBe(0);
      expect(workersStarted(many)).toBe(Math.min(os.availableParallelism(), 3));
      const single = path.join(dir, "workers-single.log");
      expect(cli(["--format", "json", path.join("clean", "one.xlsx")], workerProbe(single)).code).toBe(0);
      expect(workersStarted(single)).toBe(0);
    },
    SPAWNS,
  );

  it(
    "a file that kills its worker is an internal error; the other files are checked",
    () => {
      const log = path.join(dir, "workers-crash.log");
      const crashed = cli(["--format", "json", "--jobs", "2", "valid"], workerProbe(log, "b-clean.xlsx"));
      expect(crashed.code).toBe(2);
      const files = (JSON.parse(crashed.out) as { files: { file: string; error?: { code: string; message: string }; stats?: unknown }[] })
        .files;
      expect(files.map((f) => path.basename(f.file))).toEqual(["a-sample.xlsx", "b-clean.xlsx", "d-wrong-status.xlsx", "f-cost-text.xlsx"]);
      expect(files[1].error).toEqual({ code: "internal", message: expect.stringContaining("exit code 7") });
      expect(files.filter((f) => f.stats)).toHaveLength(3);
      // The lost worker was replaced.
      expect(workersStarted(log)).toBeGreaterThanOrEqual(3);
      const normal = JSON.parse(cli(["--format", "json", "--jobs", "1", "valid"]).out) as { files: unknown[] };
      expect(files[0]).toEqual(normal.files[0]);
      expect(files[2]).toEqual(normal.files[2]);
    },
    SPAWNS,
  );

  it(
    "a file over LARGE_FILE_BYTES is checked alone, in its place in the output",
    () => {
      const big = path.join(dir, "big");
      fs.mkdirSync(big);
      for (const name of ["a.xlsx", "c.xlsx", "d.xlsx"]) fs.copyFileSync(path.join(clean, "one.xlsx"), path.join(big, name));
      writeBytes(big, "b-large.xlsx", Buffer.alloc(LARGE_FILE_BYTES + 1, 0x41));
      const one = cli(["--format", "json", "--jobs", "1", "big"]);
      const two = cli(["--format", "json", "--jobs", "2", "big"]);
      expect(two.out).toBe(one.out);
      expect(two.code).toBe(2);
      const files = (JSON.parse(two.out) as { files: { file: string; error?: unknown }[] }).files;
      expect(files.map((f) => path.basename(f.file))).toEqual(["a.xlsx", "b-large.xlsx", "c.xlsx", "d.xlsx"]);
      expect(files.map((f) => Boolean(f.error))).toEqual([false, true, false, false]);
    },
    SPAWNS,
  );

  it(
    "--fix on worker threads writes the same copies as on one thread",
    () => {
      const out1 = path.join(dir, "fixed-1");
      const out2 = path.join(dir, "fixed-2");
      const one = cli(["--format", "json", "--jobs", "1", "--fix", "--out", out1, "valid"]);
      const two = cli(["--format", "json", "--jobs", "2", "--fix", "--out", out2, "valid"]);
      expect(two.code).toBe(one.code);
      expect(two.out.split("fixed-2").join("fixed-1")).toBe(one.out);
      expect(fs.readdirSync(out2).sort()).toEqual(fs.readdirSync(out1).sort());
      const second = cli(["--format", "json", "--jobs", "1", out2]);
      const first = cli(["--format", "json", "--jobs", "1", out1]);
      expect(second.out.split("fixed-2").join("fixed-1")).toBe(first.out);
    },
    SPAWNS,
  );
});

describe("--jobs from the TypeScript sources (in-process)", () => {
  const inProcess = (args: string[], stderrIsTTY = false) => runCli(args, { stderrIsTTY, cwd: dir });

  it(
    "prints what the built CLI prints, whatever --jobs says",
    async () => {
      const built = cli(["--format", "json", "--jobs", "2", "mixed"]);
      const here = await inProcess(["--format", "json", "--jobs", "2", "mixed"]);
      expect(here.out).toBe(built.out);
      expect(here.code).toBe(built.code);
    },
    SPAWNS,
  );

  it(
    "shows progress on a terminal's stderr for many files, and clears it",
    async () => {
      const many = path.join(dir, "many");
      fs.mkdirSync(many);
      for (let i = 0; i < 20; i++) fs.copyFileSync(path.join(clean, "one.xlsx"), path.join(many, `r${String(i).padStart(2, "0")}.xlsx`));
      const shown = await inProcess(["--format", "csv", "many"], true);
      expect(shown.code).toBe(0);
      expect(shown.err).toContain("\r20/20");
      expect(shown.err.endsWith("\r\u001b[K")).toBe(true);
      expect((await inProcess(["--format", "csv", "many"], false)).err).toBe("");
      expect((await inProcess(["--format", "csv", "clean"], true)).err).toBe(""); // few files: no progress
    },
    IN_PROCESS,
  );

  it(
    "rejects a --jobs that is not a whole number from 1 to 256",
    async () => {
      for (const bad of ["0", "x", "1.5", "257"]) {
        const { code, err } = await inProcess(["--jobs", bad, "clean"]);
        expect(code).toBe(2);
        expect(err).toContain(`--jobs には 1 から 256 までの整数を指定してください（指定値: ${bad}）`);
      }
      expect((await inProcess(["--jobs", "-1", "clean"])).code).toBe(2); // read as an option: "needs a value"
      expect(parseCommandLine(["--jobs", "４", "x.xlsx"]).jobs).toBe(4);
      expect(parseCommandLine(["x.xlsx"]).jobs).toBeUndefined();
    },
    IN_PROCESS,
  );

  it("threads: --jobs, else every core for several files, one for one; never more than the files", () => {
    expect(threadCount(undefined, 1)).toBe(1);
    expect(threadCount(undefined, 50)).toBe(Math.min(os.availableParallelism(), 50));
    expect(threadCount(8, 3)).toBe(3);
    expect(threadCount(1, 50)).toBe(1);
  });
});

describe("streamed output is the whole-document output", () => {
  const report = (file: string, kpis: number): FileReport => ({
    file,
    sheetOrder: [],
    result: {
      reportingYear: 2024,
      reportingYearSource: "actuals",
      rate: "1/2",
      findings: [],
      stats: { errors: 0, warnings: 0, infos: 0, fixable: 0, projects: 1, kpis, achieved: kpis, unmet: 0, unmeasured: 0, byProject: [] },
      kpis: [],
    },
  });
  const failure: FileReport = { file: "bad.xlsx", error: { message: '壊れています\n"引用"', code: "parse-failed" } };

  it("JSON: exactly JSON.stringify(report, null, 2)", () => {
    for (const reports of [[], [report("a.xlsx", 1)], [report("a.xlsx", 1), failure, report("c.xlsx", 3)]]) {
      const text = renderJson(reports, "ja");
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + "\n");
      expect((JSON.parse(text) as { files: unknown[] }).files).toHaveLength(reports.length);
    }
    expect(JSON.parse(renderJson([], "ja"))).toEqual({
      version: "1.0",
      files: [],
      valid: true,
      stats: { files: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0, fixable: 0, kpis: 0, achieved: 0, unmet: 0, unmeasured: 0 },
    });
    const mixed = JSON.parse(renderJson([report("a.xlsx", 1), failure], "ja")) as {
      valid: boolean;
      stats: { files: number; unreadable: number };
    };
    expect(mixed).toMatchObject({ valid: false, stats: { files: 2, unreadable: 1 } });
  });

  it("CSV: a BOM, the header, one CRLF line per KPI, one line for a file without KPIs or not read", () => {
    const csv = renderCsv([report("a.xlsx", 1), failure], "en");
    expect(csv.startsWith("\uFEFFfile,reporting_year,grant_rate,project,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    // a.xlsx has no KPI row (kpis: []): one row saying so; bad.xlsx one row with its reason.
    const lines = csv.split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^a\.xlsx,2024,1\/2 \(50%\),(,){10}"no KPI found \(none entered/);
    expect(lines[2]).toBe('bad.xlsx,,1/2 (50%),,,,,,,,,,,"cannot be read: 壊れています\n""引用"""');
  });
});
