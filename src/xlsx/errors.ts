/** The error every reader of .xlsx files (the CLI, the browser demo) throws for a file it cannot read. */
import type { Lang } from "../core/types";
import type { Localized } from "../core/types";
import type { FileKindProblem } from "./kind";

export type XlsxReadErrorCode =
  "not-found" | "is-directory" | "permission" | "busy" | "io" | FileKindProblem["code"] | "parse-failed" | "too-large" | "text-too-long";

/** A file that cannot be read as a workbook. `reason` says why, in Japanese and English. */
export class XlsxReadError extends Error {
  override readonly name = "XlsxReadError";
  constructor(
    readonly file: string,
    readonly code: XlsxReadErrorCode,
    readonly reason: Localized,
    /** The underlying error's message, when there is one (for --debug style output). */
    readonly detail?: string,
  ) {
    super(`${file}: ${reason.en}`);
  }

  /** "<file>: <reason>" in the given language. */
  describe(lang: Lang): string {
    return `${this.file}: ${this.reason[lang]}`;
  }
}

export function isXlsxReadError(error: unknown): error is XlsxReadError {
  return error instanceof XlsxReadError;
}

/** The error for bytes ExcelJS could not parse. */
export function parseFailed(file: string, error: unknown): XlsxReadError {
  const detail = error instanceof Error ? error.message : String(error);
  return new XlsxReadError(
    file,
    "parse-failed",
    {
      ja: `Excel ブックとして読み込めませんでした。ファイルが壊れている可能性があります（${detail}）`,
      en: `the workbook could not be read; the file may be damaged (${detail})`,
    },
    detail,
  );
}
