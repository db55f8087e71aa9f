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
  /**
   * Set for a file found in a folder that is a spreadsheet but not .xlsx (".xls", ".ods" …): it is
   * not loaded, but reported as not checked, with what to do, so that no file is silently left out.
   */
  notXlsx?: string;
}

export interface InputProblem {
  display: string;
  message: Record<Lang, string>;
}

/** True for files a folder search skips without a word: Excel lock files (~$…) and macOS ._ files. */
function isScratchName(name: string): boolean {
  return name.startsWith("~$") || name.startsWith("._");
}

/** True for the files a folder argument checks: *.xlsx, not Excel lock files (~$…) or macOS ._ files. */
export function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !isScratchName(name);
}

/**
 * Spreadsheets a folder may hold that are not .xlsx workbooks: listed as not checked, with the
 * advice to save them again as .xlsx. .xlsm (a workbook with macros) is among them: the national
 * template is a plain .xlsx, and a fixed copy could not keep the macros.
 */
const OTHER_SPREADSHEET = /\.(xls|xlsm|xlsb|xltx|xltm|ods|fods|csv|tsv|numbers)$/i;

/** The extension (".xls") of a spreadsheet file that is not .xlsx, else undefined. */
export function otherSpreadsheetType(name: string): string | undefined {
  if (isScratchName(name)) return undefined;
  const match = OTHER_SPREADSHEET.exec(name);
  return match ? `.${match[1].toLowerCase()}` : undefined;
}

/** For display: a path under the working directory as a relative path, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

export interface ExpandOptions {
  /** Search subfolders too (the default); false for --no-recursive. */
  recursive?: boolean;
}

/** A folder's entries (files and folders), sorted by name; links followed. */
function listFolder(absolute: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    let isFile = entry.isFile();
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(path.join(absolute, entry.name));
        isFile = stat.isFile();
        isDirectory = stat.isDirectory();
      } catch {
        isFile = true; // a broken link: loading it says why
      }
    }
    if (isFile) files.push(entry.name);
    else if (isDirectory) folders.push(entry.name);
  }
  return { files: files.sort(), folders: folders.sort() };
}

/**
 * Expands the arguments: a folder gives its .xlsx files (sorted; subfolders too unless
 * recursive is false), and its other spreadsheets (.xls, .ods, .csv …) as files to report not
 * checked; anything else is taken as a file (a missing or unreadable one is reported when it is
 * loaded). Duplicates are dropped.
 */
export function expandInputs(
  args: readonly string[],
  cwd: string,
  { recursive = true }: ExpandOptions = {},
): { files: InputFile[]; problems: InputProblem[] } {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    const key = samePathKey(file.absolute);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  if (args.length === 0) {
    add({ display: displayPath(DEFAULT_SAMPLE, cwd), absolute: DEFAULT_SAMPLE });
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
      add({ display: arg, absolute });
      continue;
    }
    const found: InputFile[] = [];
    const visited = new Set<string>();
    const walk = (display: string, folder: string): void => {
      const real = realpathOr(folder);
      if (visited.has(real)) return; // a link back up the tree
      visited.add(real);
      let listing: { files: string[]; folders: string[] };
      try {
        listing = listFolder(folder);
      } catch (error) {
        const detail = (error as NodeJS.ErrnoException).code ?? String(error);
        problems.push({ display, message: { ja: MSG.folderUnreadable.ja(display, detail), en: MSG.folderUnreadable.en(display, detail) } });
        return;
      }
      for (const name of listing.files) {
        const other = otherSpreadsheetType(name);
        if (isWorkbookName(name)) found.push({ display: path.join(display, name), absolute: path.join(folder, name) });
        else if (other) found.push({ display: path.join(display, name), absolute: path.join(folder, name), notXlsx: other });
      }
      if (recursive) for (const name of listing.folders) walk(path.join(display, name), path.join(folder, name));
    };
    const before = problems.length;
    walk(arg, absolute);
    if (found.length === 0 && problems.length === before) {
      problems.push({ display: arg, message: { ja: MSG.emptyFolder.ja(arg), en: MSG.emptyFolder.en(arg) } });
      continue;
    }
    for (const file of found) add(file);
  }
  return { files, problems };
}

const CASE_INSENSITIVE = process.platform === "win32" || process.platform === "darwin";

function samePathKey(absolute: string): string {
  const normal = path.normalize(absolute);
  return CASE_INSENSITIVE ? normal.toLowerCase() : normal;
}

export function realpathOr(file: string): string {
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
export function isSameFile(a: string, b: string): boolean {
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

/**
 * isSameFile(target, ·) for many candidates at once: the target is resolved and stat'ed once, and
 * each candidate costs a path comparison and at most one stat (isSameFile's realpaths took half a
 * second over 2,000 inputs). Where the target has no inode to compare (it does not exist, or the
 * file system reports 0), each candidate falls back to isSameFile.
 */
export function sameFileAs(target: string): (other: string) => boolean {
  const key = samePathKey(path.resolve(target));
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  return (other) => {
    if (samePathKey(path.resolve(other)) === key) return true;
    if (!stat || stat.ino === 0) return isSameFile(target, other);
    const candidate = fs.statSync(other, { throwIfNoEntry: false });
    return candidate !== undefined && candidate.dev === stat.dev && candidate.ino === stat.ino;
  };
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
