/**
 * One file's check (or fix), as the main thread and the workers both run it: load with ExcelJS,
 * validate (or fix, save, re-read and validate), and return the FileReport the output needs.
 * Never throws: a file that cannot be read or saved is a FileReport with an error.
 */
import { fixWorkbook, readReport, validateWorkbook, type WorkbookData } from "../core";
import type { CheckOptions, Lang } from "../core/types";
import { applyWritesToXlsx, isXlsxReadError, loadXlsx, saveXlsx } from "../node/xlsx";
import { MSG } from "./i18n";
import { displayPath, type InputFile } from "./inputs";
import { loadDigest, previousUnreadable, type PreviousJob } from "./previous";
import type { FileReport } from "./render";

export interface CheckFileOptions {
  input: InputFile;
  /** Where the fixed copy goes (--fix); undefined to check only. */
  target?: string;
  options: CheckOptions;
  lang: Lang;
  /** For showing the output path. */
  cwd: string;
  /** Receives an internal error's stack (KPI_CHECK_DEBUG); none when omitted. */
  debug?: (text: string) => void;
  /** --previous: last year's report to compare with (null: none found); absent without --previous. */
  previous?: PreviousJob | null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The fiscal years the report's KPI blocks have, ascending. */
function reportYears(data: WorkbookData): number[] {
  const years = new Set<number>();
  for (const section of readReport(data).sections) for (const block of section.blocks) for (const y of block.years) years.add(y.year);
  return [...years].sort((a, b) => a - b);
}

export async function checkFile({ input, target, options: given, lang, cwd, debug, previous }: CheckFileOptions): Promise<FileReport> {
  if (input.notXlsx) return { file: input.display, error: { message: MSG.notXlsx[lang](input.notXlsx), code: "not-xlsx" } };
  let loaded;
  try {
    loaded = await loadXlsx(input.absolute, { checkOnly: !target });
  } catch (error) {
    if (isXlsxReadError(error)) return { file: input.display, error: { message: error.reason[lang], code: error.code } };
    return { file: input.display, error: { message: MSG.internalError[lang](errorText(error)), code: "internal" } };
  }
  const sheetOrder = loaded.data.sheets.map((s) => s.name);
  // --previous: the report compared with, said in the output; its digest goes into the options.
  let options = given;
  const compared = previous === undefined ? {} : { previous: previous && { file: previous.file, pairedBy: previous.pairedBy } };
  if (previous) {
    try {
      options = { ...given, previous: previous.digest ?? (await loadDigest(previous.absolute, previous.file)) };
    } catch (error) {
      return { file: input.display, error: { message: previousUnreadable(previous.file, error, lang), code: "previous-unreadable" } };
    }
  }
  try {
    const asked = options.reportingYear;
    if (asked !== undefined) {
      // A year none of the KPI blocks has (a typo, or last year's report): say so rather than
      // report every KPI of that year as missing. A workbook without KPI blocks is checked as usual.
      const years = reportYears(loaded.data);
      if (years.length > 0 && !years.includes(asked)) {
        return { file: input.display, error: { message: MSG.yearNotInReport[lang](asked, years), code: "year-not-in-report", years } };
      }
    }
    if (!target) return { file: input.display, result: validateWorkbook(loaded.data, options), sheetOrder, ...compared };

    const fixed = fixWorkbook(loaded.data, options);
    const { applied, skipped } = applyWritesToXlsx(loaded.workbook, fixed.writes);
    const output = displayPath(target, cwd);
    try {
      await saveXlsx(loaded.workbook, target);
    } catch (error) {
      return { file: input.display, error: { message: MSG.saveFailed[lang](output, errorText(error)), code: "save-failed" } };
    }
    // The remaining findings are those of the file as saved: read it back and check it again.
    const reread = await loadXlsx(target, { checkOnly: true });
    const result = validateWorkbook(reread.data, { ...options, reportingYear: fixed.before.reportingYear });
    return {
      file: input.display,
      // Pinned to the year found before the fixes; report how it was found then.
      result: { ...result, reportingYearSource: fixed.before.reportingYearSource },
      sheetOrder,
      ...compared,
      fix: { output, written: applied.length, skipped, losses: loaded.losses },
    };
  } catch (error) {
    if (isXlsxReadError(error)) return { file: input.display, error: { message: error.reason[lang], code: error.code } };
    if (debug && error instanceof Error && error.stack) debug(error.stack + "\n");
    return { file: input.display, error: { message: MSG.internalError[lang](errorText(error)), code: "internal" } };
  }
}
