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
import { displayPath, isSameFile, realpathOr, type InputFile } from "./inputs";
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
  for (const file of files) if (isSameFile(absolute, file.absolute)) return { error: MSG.reportIsInput[lang](report.path) };
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

/** Writes the roll-up; resolves to null, or the error message (naming the path). */
export async function writeReport(plan: ReportPlan, rollup: Rollup, lang: Lang, meta: RollupMeta, cwd: string): Promise<string | null> {
  const shown = displayPath(plan.absolute, cwd);
  const temporary = `${plan.absolute}.${process.pid}.tmp`;
  try {
    let bytes: string | Buffer;
    if (plan.kind === "html") {
      bytes = renderRollupHtml(rollup, lang, meta);
    } else {
      // ExcelJS only when a workbook is asked for.
      const { renderRollupXlsx } = await import("./rollup-xlsx");
      bytes = await renderRollupXlsx(rollup, lang, meta);
    }
    fs.mkdirSync(path.dirname(plan.absolute), { recursive: true });
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, plan.absolute);
    return null;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return MSG.reportWriteFailed[lang](shown, detail);
  }
}
