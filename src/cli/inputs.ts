/** Which files to check, and where their fixed copies go (never over an input). */
import * as fs from "fs";
import * as path from "path";
import type { Lang } from "../core/types";
import { MSG } from "./i18n";

/** The package root: src/cli and lib/cli are both two levels down. */
export const PACKAGE_ROOT = path.resolve(__dirname, "../..");
const DEFAULT_SAMPLE = path.join(PACKAGE_ROOT, "samples", "hanamaki-r6.xlsx");

export interface InputFile {
  /** The path as shown to the user (as typed, or folder + name). */
  display: string;
  /** The absolute path. */
  absolute: string;
}

export interface InputProblem {
  display: string;
  message: Record<Lang, string>;
}

/** True for the files a folder argument checks: *.xlsx, not Excel lock files (~$…) or macOS ._ files. */
export function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !name.startsWith("~$") && !name.startsWith("._");
}

/** For display: a path under the working directory as a relative path, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * Expands the arguments: a folder gives its .xlsx files (sorted); anything else is taken as a
 * file (a missing or unreadable one is reported when it is loaded). Duplicates are dropped.
 */
export function expandInputs(args: readonly string[], cwd: string): { files: InputFile[]; problems: InputProblem[] } {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (display: string, absolute: string) => {
    const key = samePathKey(absolute);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ display, absolute });
  };
  if (args.length === 0) {
    add(displayPath(DEFAULT_SAMPLE, cwd), DEFAULT_SAMPLE);
    return { files, problems };
  }
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(absolute).isDirectory();
    } catch {
      // Not there (or not readable): loading it reports why.
    }
    if (!isDirectory) {
      add(arg, absolute);
      continue;
    }
    let names: string[];
    try {
      names = fs
        .readdirSync(absolute, { withFileTypes: true })
        .filter((entry) => isWorkbookName(entry.name) && (entry.isFile() || entry.isSymbolicLink()))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ?? String(error);
      problems.push({ display: arg, message: { ja: MSG.folderUnreadable.ja(arg, detail), en: MSG.folderUnreadable.en(arg, detail) } });
      continue;
    }
    if (names.length === 0) {
      problems.push({ display: arg, message: { ja: MSG.emptyFolder.ja(arg), en: MSG.emptyFolder.en(arg) } });
      continue;
    }
    for (const name of names) add(path.join(arg, name), path.join(absolute, name));
  }
  return { files, problems };
}

const CASE_INSENSITIVE = process.platform === "win32" || process.platform === "darwin";

function samePathKey(absolute: string): string {
  const normal = path.normalize(absolute);
  return CASE_INSENSITIVE ? normal.toLowerCase() : normal;
}

function realpathOr(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    // The file may not exist yet: resolve its folder instead.
    try {
      return path.join(fs.realpathSync.native(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** True when the two paths name the same file (same path, through links, or the same inode). */
function isSameFile(a: string, b: string): boolean {
  if (samePathKey(path.resolve(a)) === samePathKey(path.resolve(b))) return true;
  if (samePathKey(realpathOr(a)) === samePathKey(realpathOr(b))) return true;
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino && x.ino !== 0;
  } catch {
    return false;
  }
}

/** Where the fixed copy of each input goes, or the reason --out cannot be used (a usage error). */
export function planOutputs(
  files: readonly InputFile[],
  out: string,
  cwd: string,
  lang: Lang,
): { outDir: string; targets: string[] } | { error: string } {
  const outDir = path.resolve(cwd, out);
  try {
    if (!fs.statSync(outDir).isDirectory()) return { error: MSG.outNotDir[lang](out) };
  } catch {
    // Not there yet: created before writing.
  }
  const targets: string[] = [];
  const byName = new Map<string, InputFile>();
  for (const file of files) {
    const name = path.basename(file.absolute);
    const target = path.join(outDir, name);
    if (isSameFile(target, file.absolute)) return { error: MSG.outIsInput[lang](out, file.display) };
    const key = CASE_INSENSITIVE ? name.toLowerCase() : name;
    const other = byName.get(key);
    if (other) return { error: MSG.outCollision[lang](name, other.display, file.display) };
    byName.set(key, file);
    targets.push(target);
  }
  return { outDir, targets };
}
