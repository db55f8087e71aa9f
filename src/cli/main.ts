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
import * as path from "path";
import { fixWorkbook, validateWorkbook } from "../core";
import type { CheckOptions, Lang } from "../core/types";
import { applyWritesToXlsx, isXlsxReadError, loadXlsx, saveXlsx } from "../node/xlsx";
import { parseCommandLine, sniffLang, UsageError, type CliOptions } from "./args";
import { MSG, USAGE } from "./i18n";
import { expandInputs, PACKAGE_ROOT, planOutputs, displayPath, type InputFile } from "./inputs";
import { COLOR, isFailure, PLAIN, renderCsv, renderFileText, renderJson, renderTotalText, type FileReport } from "./render";

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Whether stdout is a terminal (colours are used only then, and only without NO_COLOR). */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** The directory relative paths are resolved against; process.cwd() by default. */
  cwd?: string;
}

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
    return await check(options, { stdout, stderr, isTTY, env, cwd }, fail);
  } catch (error) {
    fail(MSG.internalError[lang](errorText(error)));
    if (debug && error instanceof Error && error.stack) stderr.write(error.stack + "\n");
    return 2;
  }
}

async function check(options: CliOptions, io: Required<CliIO>, fail: (message: string) => void): Promise<number> {
  const { lang, format } = options;
  const { files, problems } = expandInputs(options.inputs, io.cwd);

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
  const reports: FileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    const report = await checkFile(files[i], targets?.[i], checkOptions, lang, io);
    if (isFailure(report)) fail(`${report.file}: ${report.error.message}`);
    else if (report.fix?.losses.length) {
      fail(MSG.losses[lang](report.fix.output, report.fix.losses.map((l) => l.messages[lang]).join(lang === "ja" ? "、" : ", ")));
    }
    reports.push(report);
    if (format === "text") io.stdout.write(renderFileText(report, lang, style) + "\n");
  }

  if (format === "text") io.stdout.write(renderTotalText(reports, lang, style));
  else if (format === "json") io.stdout.write(renderJson(reports, lang));
  else io.stdout.write(renderCsv(reports, lang));

  if (problems.length > 0 || reports.some(isFailure)) return 2;
  return reports.some((r) => !isFailure(r) && r.result.stats.errors > 0) ? 1 : 0;
}

async function checkFile(
  input: InputFile,
  target: string | undefined,
  options: CheckOptions,
  lang: Lang,
  io: Required<CliIO>,
): Promise<FileReport> {
  let loaded;
  try {
    loaded = await loadXlsx(input.absolute);
  } catch (error) {
    if (isXlsxReadError(error)) return { file: input.display, error: { message: error.reason[lang], code: error.code } };
    return { file: input.display, error: { message: MSG.internalError[lang](errorText(error)), code: "internal" } };
  }
  const sheetOrder = loaded.data.sheets.map((s) => s.name);
  try {
    if (!target) return { file: input.display, result: validateWorkbook(loaded.data, options), sheetOrder };

    const fixed = fixWorkbook(loaded.data, options);
    const { applied, skipped } = applyWritesToXlsx(loaded.workbook, fixed.writes);
    const output = displayPath(target, io.cwd);
    try {
      await saveXlsx(loaded.workbook, target);
    } catch (error) {
      return { file: input.display, error: { message: MSG.saveFailed[lang](output, errorText(error)), code: "save-failed" } };
    }
    // The remaining findings are those of the file as saved: read it back and check it again.
    const reread = await loadXlsx(target);
    const result = validateWorkbook(reread.data, { ...options, reportingYear: fixed.before.reportingYear });
    return {
      file: input.display,
      // Pinned to the year found before the fixes; report how it was found then.
      result: { ...result, reportingYearSource: fixed.before.reportingYearSource },
      sheetOrder,
      fix: { output, written: applied.length, skipped, losses: loaded.losses },
    };
  } catch (error) {
    if (isXlsxReadError(error)) return { file: input.display, error: { message: error.reason[lang], code: error.code } };
    if (io.env.KPI_CHECK_DEBUG && error instanceof Error && error.stack) io.stderr.write(error.stack + "\n");
    return { file: input.display, error: { message: MSG.internalError[lang](errorText(error)), code: "internal" } };
  }
}
