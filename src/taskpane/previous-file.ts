/**
 * Last year's report, picked on the user's PC and read in the pane (nothing is uploaded): the
 * .xlsx reader without ExcelJS (src/xlsx/sheet-data.ts, the CLI's limits) and the digest the
 * comparison rules take. The controller loads this module only when the user picks a file: it is a
 * chunk of its own ("previous"), so the pane's first script does not carry the reader.
 */
import { readReport } from "../core";
import { digestOf, type PreviousDigest } from "../core/previous";
import type { Lang, Localized } from "../core/types";
import { isXlsxReadError, parseFailed } from "../xlsx/errors";
import { readXlsxData } from "../xlsx/sheet-data";

/**
 * Why a picked file cannot be compared with, naming it: the reader's reason (the CLI's words).
 * Here rather than in i18n.ts: only this chunk says it, and the pane's first script stays small.
 */
const UNREADABLE: Record<Lang, (file: string, reason: string) => string> = {
  ja: (file, reason) => `前年度の報告書「${file}」を読めません: ${reason}`,
  en: (file, reason) => `Last year's report "${file}" cannot be read: ${reason}`,
};
const NO_REPORT: Localized = { ja: "報告書の様式が見つかりません", en: "no report layout was found" };

/** The digest of the file, or the notice saying why it cannot be read. */
export function readPreviousFile(name: string, bytes: Uint8Array, lang: Lang): { digest: PreviousDigest } | { problem: string } {
  let reason: Localized;
  try {
    const digest = digestOf(readReport(readXlsxData(bytes, name)), { source: name });
    if (digest.projects.length > 0) return { digest };
    reason = NO_REPORT;
  } catch (error) {
    reason = (isXlsxReadError(error) ? error : parseFailed(name, error)).reason;
  }
  return { problem: UNREADABLE[lang](name, reason[lang]) };
}
