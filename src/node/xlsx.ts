/**
 * .xlsx files <-> WorkbookData with ExcelJS, for the CLI: reading files from disk (with the reasons a
 * file cannot be read; the package opened by src/xlsx/open.ts with zlib, and the parts so inflated
 * handed to ExcelJS), saving fixed copies. What does not need Node — cells to WorkbookData,
 * applying a fix's writes, telling an .xlsx from other files — lives in src/xlsx/, shared with the
 * browser demo, and is re-exported here unchanged.
 *
 * ExcelJS 4.4.0 pitfalls (test/node-xlsx.test.ts exercises each; src/xlsx/read.ts and write.ts say how):
 * merged cells answer the master's value; `cell.value.result` drops falsy results; date-formatted
 * numbers come back as JS Dates; a shared-formula master cannot be overwritten without breaking its
 * clones; style objects are shared between cells; a row without cells loses hidden/outlineLevel on
 * save; a multi-cell array formula cannot be partly overwritten.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { WorkbookData } from "../core/workbook";
import { XlsxReadError, parseFailed } from "../xlsx/errors";
import { workbookToData } from "../xlsx/read";
import { prepareForSave } from "../xlsx/write";
import { LIMITS, overLimit } from "../xlsx/limits";
import { zlibInflateRaw } from "./inflate";
import { describeProblem } from "../xlsx/kind";
import { findRoundTripLossesIn, type RoundTripLoss } from "../xlsx/losses";
import { readNotesFromParts, restoreNotes } from "../xlsx/notes";
import { openPackage } from "../xlsx/open";
import type { ZipEntry } from "../xlsx/zip";

export type { RoundTripLoss } from "../xlsx/losses";
export { XlsxReadError, isXlsxReadError } from "../xlsx/errors";
export { dateToSerial, readCell, workbookToData } from "../xlsx/read";
export { applyWritesToXlsx } from "../xlsx/write";

// ---------------------------------------------------------------------------------------------
// Errors

function fsError(file: string, error: unknown): XlsxReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new XlsxReadError(file, "not-found", { ja: "ファイルが見つかりません", en: "file not found" }, detail);
    case "EISDIR":
      return new XlsxReadError(file, "is-directory", { ja: "ファイルではなくフォルダです", en: "this is a folder, not a file" }, detail);
    case "EACCES":
    case "EPERM":
      return new XlsxReadError(
        file,
        "permission",
        { ja: "ファイルを読む権限がありません", en: "permission denied: the file cannot be read" },
        detail,
      );
    case "EBUSY":
      return new XlsxReadError(
        file,
        "busy",
        {
          ja: "ファイルが他のアプリで使用中です。Excel で閉じてからやり直してください",
          en: "the file is in use by another program; close it in Excel and try again",
        },
        detail,
      );
    default:
      return new XlsxReadError(
        file,
        "io",
        { ja: `ファイルを読めません（${code ?? detail}）`, en: `the file cannot be read (${code ?? detail})` },
        detail,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadedXlsx {
  workbook: ExcelJS.Workbook;
  data: WorkbookData;
  /** Features of the file that a copy saved through ExcelJS would lose (warn before --fix writes). */
  losses: RoundTripLoss[];
}

const SYNC_READ_BYTES = 1024 * 1024;

/**
 * Worksheet elements a check never reads, skipped when loading only to check: data validations
 * and conditional formats cost ExcelJS an object per covered cell. Not when the workbook is to be
 * saved: ExcelJS writes back only what it read.
 */
const CHECK_ONLY_LOAD = { ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst"] };

/**
 * Parts a check needs ExcelJS to read: all but the theme, which ExcelJS keeps only to write it back
 * (and buffers in a fresh 1 MB block per file).
 */
function isReadForChecks(entry: ZipEntry): boolean {
  return !/^\/?xl\/theme\//i.test(entry.name);
}

export interface LoadOptions {
  /**
   * Only to be checked, never saved: skips what only a saved copy needs (putting back the notes
   * ExcelJS drops, looking for features a copy would lose; `losses` is then empty). Saving a
   * workbook loaded this way would drop those notes.
   */
  checkOnly?: boolean;
}

/**
 * Reads an .xlsx. Anything that is not a readable .xlsx (missing, empty, .xls, password-protected,
 * a renamed CSV, a damaged file, too large, …) throws an XlsxReadError with the reason, never a
 * raw error.
 */
export async function loadXlsx(file: string, options: LoadOptions = {}): Promise<LoadedXlsx> {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    // Refused before a byte is read: the file's size is known from the directory entry.
    const tooLarge = overLimit(LIMITS, "fileBytes", stat.size);
    if (tooLarge) throw new XlsxReadError(file, tooLarge.code, describeProblem(tooLarge));
    // A report (tens of KB) is read at once: the asynchronous read's four trips through libuv's
    // thread pool cost more than reading it (docs/performance.md). A large file, perhaps on a
    // slow share, is read without blocking the thread.
    buffer = stat.size <= SYNC_READ_BYTES ? fs.readFileSync(file) : await fs.promises.readFile(file);
  } catch (error) {
    if (error instanceof XlsxReadError) throw error;
    throw fsError(file, error);
  }
  // Checked and inflated once, with zlib (src/xlsx/open.ts).
  const { problem, opened } = openPackage(buffer, { inflateRaw: zlibInflateRaw });
  if (problem) throw new XlsxReadError(file, problem.code, describeProblem(problem));

  const workbook = new ExcelJS.Workbook();
  try {
    // The parts the check inflated, stored: ExcelJS need not inflate them again. Checking only,
    // it also skips what no check reads and a saved copy would need.
    // A Uint8Array, not a Buffer: JSZip then hands out the stored parts without copying them byte
    // by byte. ExcelJS types its parameter as its own ArrayBuffer-like Buffer.
    const stored = opened.storedCopy(options.checkOnly ? isReadForChecks : undefined);
    await workbook.xlsx.load(stored as unknown as ArrayBuffer, options.checkOnly ? CHECK_ONLY_LOAD : undefined);
  } catch (error) {
    throw parseFailed(file, error);
  }
  if (options.checkOnly) return { workbook, data: workbookToData(workbook, file), losses: [] };

  // To be saved: put back the notes ExcelJS dropped, and say what a saved copy would lose. Both
  // read the parts the check already inflated.
  restoreNotes(workbook, readNotesFromParts(opened.text, opened.names));
  return { workbook, data: workbookToData(workbook, file), losses: findRoundTripLossesIn(opened.names, opened.text) };
}

// ---------------------------------------------------------------------------------------------
// Saving

/** prepareForSave, then write to a temporary file beside `file` and rename it into place. */
export async function saveXlsx(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  prepareForSave(workbook);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
