/**
 * --previous FILE | DIR: which of last year's reports each input is compared with.
 *
 * - FILE: every input, with that one report ("given").
 * - DIR: each input with the report of the same file name in DIR ("name"); else with the one whose
 *   project names match best ("projects": the names both have, over the names either has; a file
 *   another input pairs with by name is not a candidate); else with none (null), which the output
 *   says. DIR is searched as input folders are (its subfolders too, unless --no-recursive).
 *
 * Last year's digest (src/core/previous.ts) is made here where this thread has read the file
 * anyway (FILE; DIR by project names), else by the thread that checks the input (DIR by name),
 * so a batch reads last year's files in parallel. Either way it travels as plain data.
 */
import * as fs from "fs";
import * as path from "path";
import { readReport } from "../core";
import { digestOf, projectNamesOf, projectOverlap, type PreviousDigest } from "../core/previous";
import type { Lang } from "../core/types";
import { isXlsxReadError, loadXlsx } from "../node/xlsx";
import { MSG } from "./i18n";
import { displayPath, expandInputs, type InputFile } from "./inputs";

export type PairedBy = "given" | "name" | "projects";

/** Which of last year's reports a file is compared with, as the output says it. */
export interface PreviousUsed {
  /** The path as shown to the user. */
  file: string;
  pairedBy: PairedBy;
}

/** What a check job needs of last year's report: plain data, it crosses to the worker. */
export interface PreviousJob extends PreviousUsed {
  absolute: string;
  /** Already made by the main thread; else the checking thread reads `absolute`. */
  digest?: PreviousDigest;
}

const CASE_INSENSITIVE = process.platform === "win32" || process.platform === "darwin";

function nameKey(file: string): string {
  const name = path.basename(file);
  return CASE_INSENSITIVE ? name.toLowerCase() : name;
}

function realpathOr(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/** Last year's report of a file, as the comparison rules take it; throws an XlsxReadError when it cannot be read. */
export async function loadDigest(absolute: string, display: string): Promise<PreviousDigest> {
  const loaded = await loadXlsx(absolute, { checkOnly: true });
  return digestOf(readReport(loaded.data), { source: display });
}

/** A previous file that cannot be read, in the user's language (the reason from the reader). */
export function previousUnreadable(display: string, error: unknown, lang: Lang): string {
  const reason = isXlsxReadError(error) ? error.reason[lang] : error instanceof Error ? error.message : String(error);
  return MSG.previousUnreadable[lang](display, reason);
}

/**
 * The previous report of each input (in input order; null: none found in DIR), or a usage error:
 * --previous names nothing, names a folder without .xlsx, or a single file that cannot be read.
 */
export async function planPrevious(
  arg: string,
  inputs: readonly InputFile[],
  options: { cwd: string; recursive: boolean; lang: Lang },
): Promise<{ jobs: (PreviousJob | null)[] } | { error: string }> {
  const { cwd, recursive, lang } = options;
  const absolute = path.resolve(cwd, arg);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return { error: MSG.previousNotFound[lang](arg) };
  }
  if (!stat.isDirectory()) {
    const display = displayPath(absolute, cwd);
    let digest: PreviousDigest;
    try {
      digest = await loadDigest(absolute, display);
    } catch (error) {
      return { error: previousUnreadable(display, error, lang) };
    }
    return { jobs: inputs.map(() => ({ file: display, pairedBy: "given" as const, absolute, digest })) };
  }

  const candidates = expandInputs([arg], cwd, { recursive }).files.filter((f) => !f.notXlsx);
  if (candidates.length === 0) return { error: MSG.previousEmptyFolder[lang](arg) };
  const realOf = new Map(candidates.map((c) => [c, realpathOr(c.absolute)]));
  const sameFile = (input: InputFile, candidate: InputFile) => realpathOr(input.absolute) === realOf.get(candidate);

  // By file name first; the files so taken are no candidates for the others.
  const byName = new Map<string, InputFile[]>();
  for (const c of candidates) {
    const key = nameKey(c.absolute);
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  const jobs: (PreviousJob | null)[] = inputs.map(() => null);
  const unpaired: number[] = [];
  const claimed = new Set<InputFile>();
  inputs.forEach((input, i) => {
    const same = (byName.get(nameKey(input.absolute)) ?? []).filter((c) => !sameFile(input, c));
    if (input.notXlsx || same.length !== 1) {
      if (!input.notXlsx) unpaired.push(i);
      return;
    }
    jobs[i] = { file: same[0].display, pairedBy: "name", absolute: same[0].absolute };
    claimed.add(same[0]);
  });
  if (unpaired.length === 0) return { jobs };

  // Then by project names: read the rest of DIR once (a file that cannot be read is no candidate).
  const digests: { candidate: InputFile; digest: PreviousDigest }[] = [];
  for (const candidate of candidates) {
    if (claimed.has(candidate)) continue;
    try {
      digests.push({ candidate, digest: await loadDigest(candidate.absolute, candidate.display) });
    } catch {
      // Not a report we can read: never the best match.
    }
  }
  for (const i of unpaired) {
    const input = inputs[i];
    let names: string[];
    try {
      names = projectNamesOf(readReport((await loadXlsx(input.absolute, { checkOnly: true })).data));
    } catch {
      continue; // checking it says why it cannot be read
    }
    let best: { candidate: InputFile; digest: PreviousDigest; score: number } | null = null;
    for (const { candidate, digest } of digests) {
      if (sameFile(input, candidate)) continue;
      const score = projectOverlap(names, digest);
      if (score > 0 && (!best || score > best.score)) best = { candidate, digest, score };
    }
    if (best) jobs[i] = { file: best.candidate.display, pairedBy: "projects", absolute: best.candidate.absolute, digest: best.digest };
  }
  return { jobs };
}
