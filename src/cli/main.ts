/**
 * kpi-check: checks 事業実施報告書 workbooks from the command line.
 *
 *   kpi-check [options] <file.xlsx|folder ...>
 *
 * Exit codes: 0 no errors (warnings and info allowed), 1 errors found, 2 an unreadable file or a
 * usage mistake. Messages name the file and the cause; a stack trace is never shown (set
 * KPI_CHECK_DEBUG=1 to see one for internal errors).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_RATE, formatRate } from "../core/rate";
import type { CheckOptions } from "../core/types";
import { parseCommandLine, sniffLang, UsageError, type CliOptions } from "./args";
import { MSG, USAGE } from "./i18n";
import { displayPath, expandInputs, PACKAGE_ROOT, planOutputs } from "./inputs";
import { checkFiles, defaultWorkerScript, type FileJob } from "./pool";
import type { PreviousJob } from "./previous";
import { COLOR, createOutput, isFailure, PLAIN } from "./render";
import { Rollup } from "./rollup";
import { planReport, preloadRollupWriter, runDate, writeReport, type ReportPlan } from "./rollup-output";

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Whether stdout is a terminal (colours are used only then, and only without NO_COLOR). */
  isTTY?: boolean;
  /** Whether stderr is a terminal (progress is shown only then, for many files). */
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** The directory relative paths are resolved against; process.cwd() by default. */
  cwd?: string;
}

/** From this many files on, a terminal sees progress ("123/2000") on stderr. */
const PROGRESS_MIN_FILES = 20;

const PROGRAM = "kpi-check";

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function run(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const stdout = io?.stdout ?? process.stdout;
  const stderr = io?.stderr ?? process.stderr;
  const env = io?.env ?? process.env;
  const isTTY = io?.isTTY ?? (io?.stdout ? false : Boolean(process.stdout.isTTY));
  const stderrIsTTY = io?.stderrIsTTY ?? (io?.stderr ? false : Boolean(process.stderr.isTTY));
  const cwd = io?.cwd ?? process.cwd();
  const fail = (message: string) => stderr.write(`${PROGRAM}: ${message}\n`);
  const debug = Boolean(env.KPI_CHECK_DEBUG);

  if (!io?.stdout) {
    // `kpi-check … | head`: a closed pipe is not an error worth a stack trace.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }

  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    const lang = sniffLang(argv);
    if (error instanceof UsageError) {
      fail(error.message);
      stderr.write(`${MSG.helpHint[lang]()}\n`);
      return 2;
    }
    fail(MSG.internalError[lang](errorText(error)));
    return 2;
  }
  const { lang } = options;

  if (options.help) {
    stdout.write(USAGE[lang]);
    return 0;
  }
  if (options.version) {
    stdout.write(`${PROGRAM} ${version()}\n`);
    return 0;
  }

  try {
    return await check(options, { stdout, stderr, isTTY, stderrIsTTY, env, cwd }, fail);
  } catch (error) {
    fail(MSG.internalError[lang](errorText(error)));
    if (debug && error instanceof Error && error.stack) stderr.write(error.stack + "\n");
    return 2;
  }
}

async function check(options: CliOptions, io: Required<CliIO>, fail: (message: string) => void): Promise<number> {
  const { lang, format } = options;
  const { files, problems } = expandInputs(options.inputs, io.cwd, { recursive: options.recursive });

  // --previous: which of last year's reports each file is compared with (undefined: no comparison).
  let previous: (PreviousJob | null)[] | undefined;
  if (options.previous !== undefined) {
    // Loaded here, not at the top: it reads workbooks (ExcelJS), which a run without --previous leaves to the workers.
    const { planPrevious } = await import("./previous");
    const planned = await planPrevious(options.previous, files, { cwd: io.cwd, recursive: options.recursive, lang });
    if ("error" in planned) {
      fail(planned.error);
      return 2;
    }
    previous = planned.jobs;
  }

  // --report: refused before anything is written when it would land on an input or a fixed copy.
  let reportPlan: ReportPlan | undefined;
  if (options.report) {
    const fixPlan = options.fix ? planOutputs(files, options.out!, io.cwd, lang) : null;
    const fixTargets = fixPlan && "targets" in fixPlan ? fixPlan.targets : [];
    const planned = planReport(options.report, options.inputs, files, fixTargets, io.cwd, options.recursive, lang);
    if ("error" in planned) {
      fail(planned.error);
      return 2;
    }
    reportPlan = planned;
    preloadRollupWriter(planned);
  }

  let targets: string[] | undefined;
  let outDir: string | undefined;
  if (options.fix) {
    const plan = planOutputs(files, options.out!, io.cwd, lang);
    if ("error" in plan) {
      fail(plan.error);
      return 2;
    }
    targets = plan.targets;
    outDir = plan.outDir;
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (error) {
      fail(MSG.outCreateFailed[lang](options.out!, (error as NodeJS.ErrnoException).code ?? errorText(error)));
      return 2;
    }
  }

  for (const problem of problems) fail(problem.message[lang]);

  const checkOptions: CheckOptions = { lang, reportingYear: options.year, rate: options.rate };
  const style = format === "text" && io.isTTY && !io.env.NO_COLOR ? COLOR : PLAIN;
  const jobs: FileJob[] = files.map((input, i) => ({
    input,
    target: targets?.[i],
    options: checkOptions,
    lang,
    cwd: io.cwd,
    ...(previous ? { previous: previous[i] } : {}),
  }));
  const csvContext = { year: options.year, rate: formatRate(options.rate ?? DEFAULT_RATE) };
  const output = createOutput(format, lang, style, (chunk) => io.stdout.write(chunk), csvContext);
  // A file not checked is said once where the reader looks: text on a terminal has it in the file's
  // block; json, csv and text sent to a file or a program have it on stderr too.
  const failuresOnStderr = !(format === "text" && io.isTTY);
  const progress = createProgress(io, files.length);
  const rollup = reportPlan ? new Rollup() : null;
  let failed = false;
  let errors = false;
  await checkFiles(jobs, {
    threads: threadCount(options.jobs, files.length),
    workerScript: defaultWorkerScript(),
    debug: Boolean(io.env.KPI_CHECK_DEBUG),
    onProgress: (done) => progress.update(done),
    onReport(_index, report, debugText) {
      const losses = !isFailure(report) && report.fix?.losses.length ? report.fix.losses : null;
      // The progress line steps aside for anything written to the terminal.
      if (io.isTTY || debugText || isFailure(report) || losses) progress.clear();
      if (debugText) io.stderr.write(debugText);
      if (isFailure(report)) {
        failed = true;
        if (failuresOnStderr) fail(`${report.file}: ${report.error.message}`);
      } else {
        if (report.result.stats.errors > 0) errors = true;
        if (losses) fail(MSG.losses[lang](report.fix!.output, losses.map((l) => l.messages[lang]).join(lang === "ja" ? "、" : ", ")));
      }
      output.file(report);
      rollup?.add(report);
      progress.show();
    },
  });
  progress.clear();
  output.end();
  if (reportPlan && rollup) {
    const error = await writeReport(reportPlan, rollup, lang, { date: runDate(), rate: csvContext.rate }, io.cwd);
    if (error) {
      fail(error);
      return 2;
    }
    io.stderr.write(`${MSG.reportWritten[lang](displayPath(reportPlan.absolute, io.cwd))}\n`);
  }

  if (problems.length > 0 || failed) return 2;
  return errors ? 1 : 0;
}

/**
 * Threads for a run: --jobs N, else every core when there are several files (one for a single
 * file), never more than the files.
 */
export function threadCount(jobs: number | undefined, files: number): number {
  const wanted = jobs ?? (files > 1 ? os.availableParallelism() : 1);
  return Math.max(1, Math.min(wanted, files));
}

interface Progress {
  update(done: number): void;
  /** Shows the line again after clear(). */
  show(): void;
  /** Removes the progress line (before other output; at the end). */
  clear(): void;
}

/** "123/2000" on a terminal's stderr, rewritten in place at most every 100 ms. */
function createProgress(io: Required<CliIO>, total: number): Progress {
  if (!io.stderrIsTTY || total < PROGRESS_MIN_FILES) return { update: () => undefined, show: () => undefined, clear: () => undefined };
  let shown = false;
  let last = 0;
  let done = 0;
  const draw = () => {
    last = Date.now();
    io.stderr.write(`\r${done}/${total}`);
    shown = true;
  };
  return {
    update(count) {
      done = count;
      if (!shown || done === total || Date.now() - last >= 100) draw();
    },
    show() {
      if (!shown && done > 0) draw();
    },
    clear() {
      if (!shown) return;
      io.stderr.write("\r\u001b[K");
      shown = false;
    },
  };
}
