/**
 * Where the roll-up (--report FILE) goes, and writing it. Like --fix's copies, it never lands on
 * an input: not on an input file, not on a fixed copy, and a workbook roll-up not inside an input
 * folder (the next run over that folder would check it as a report). An existing roll-up is
 * replaced, as --fix replaces an existing copy in --out; the file is written whole under a
 * temporary name first, so a failed run never leaves half a roll-up.
 */
import * as fs from "fs";
import * as path from "path";
import type { Lang } from "../core/types";
import type { ReportKind } from "./args";
import { MSG } from "./i18n";
import { displayPath, isSameFile, realpathOr, sameFileAs, type InputFile } from "./inputs";
import type { Rollup } from "./rollup";
import { renderRollupHtml, type RollupMeta } from "./rollup-html";

export interface ReportPlan {
  absolute: string;
  kind: ReportKind;
}

function isInside(folder: string, file: string, recursive: boolean): boolean {
  const relative = path.relative(realpathOr(folder), realpathOr(file));
  if (!relative || relative.startsWith("..") || path.isAbsolute(relative)) return false;
  return recursive || !relative.includes(path.sep);
}

/** The roll-up's absolute path, or why it cannot be written there (a usage error: exit 2). */
export function planReport(
  report: { path: string; kind: ReportKind },
  args: readonly string[],
  files: readonly InputFile[],
  fixTargets: readonly string[],
  cwd: string,
  recursive: boolean,
  lang: Lang,
): ReportPlan | { error: string } {
  const absolute = path.resolve(cwd, report.path);
  if (fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) return { error: MSG.reportNotFile[lang](report.path) };
  // Every input exists, so a roll-up path that does not (yet) cannot be one.
  if (fs.lstatSync(absolute, { throwIfNoEntry: false })) {
    const isReport = sameFileAs(absolute);
    for (const file of files) if (isReport(file.absolute)) return { error: MSG.reportIsInput[lang](report.path) };
  }
  for (const target of fixTargets) if (isSameFile(absolute, target)) return { error: MSG.reportIsFixOutput[lang](report.path) };
  if (report.kind === "xlsx") {
    for (const arg of args) {
      const folder = path.resolve(cwd, arg);
      if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
      if (isInside(folder, absolute, recursive)) return { error: MSG.reportInInput[lang](report.path, arg) };
    }
  }
  return { absolute, kind: report.kind };
}

/** The run's date as people write it: 2026-03-31 14:05. */
export function runDate(date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Starts loading what writing this roll-up needs (ExcelJS for a workbook), while the run checks. */
export function preloadRollupWriter(plan: ReportPlan): void {
  // A failure here shows again, with its message, when writeReport loads the same module.
  if (plan.kind === "xlsx") void import("./rollup-xlsx").then((writer) => writer.loadWorkbookWriter()).catch(() => undefined);
}

/** Removes a half-written roll-up; leaves alone whatever is not a file (it was never ours). */
function removePartial(file: string): void {
  try {
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) fs.rmSync(file);
  } catch {
    // Nothing more to do: the message names the roll-up that could not be written.
  }
}

/** Writes the roll-up; resolves to null, or the error message (naming the path). */
export async function writeReport(plan: ReportPlan, rollup: Rollup, lang: Lang, meta: RollupMeta, cwd: string): Promise<string | null> {
  const shown = displayPath(plan.absolute, cwd);
  const temporary = `${plan.absolute}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(plan.absolute), { recursive: true });
    if (plan.kind === "html") {
      fs.writeFileSync(temporary, renderRollupHtml(rollup, lang, meta));
    } else {
      // ExcelJS only when a workbook is asked for.
      const { writeRollupXlsx } = await import("./rollup-xlsx");
      await writeRollupXlsx(rollup, lang, meta, temporary);
    }
    fs.renameSync(temporary, plan.absolute);
    return null;
  } catch (error) {
    removePartial(temporary);
    const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return MSG.reportWriteFailed[lang](shown, detail);
  }
}
