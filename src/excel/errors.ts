/**
 * Office.js errors -> HostError with a message the user can act on, chosen by the error's code
 * (OfficeExtension.Error.code; its `message` is localized by Office and not meant for users).
 *
 * Codes: Excel.ErrorCodes and OfficeExtension.ErrorCodes as listed in @types/office-js and in the
 * runtime (excel-web-16.00.debug.js: CoreErrorCodes.requestPayloadSizeLimitExceeded ...), and
 * the table in "Error handling with the Excel JavaScript API" (learn.microsoft.com,
 * office-js-docs-pr docs/excel/excel-add-ins-error-handling.md). "PayloadTooLarge" is not an
 * Office.js code; it is accepted as an alias because some hosts/proxies report HTTP 413 that way.
 */
import type { Localized } from "../core";
import { HostError } from "../host/workbook-host";

export type ErrorKind =
  "access-denied" | "cell-edit-mode" | "merged" | "too-large" | "not-found" | "inactive-workbook" | "api-not-found" | "unknown";

/** Error code -> kind. Codes not listed fall to "unknown" (or "merged" by their message). */
export const ERROR_CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  AccessDenied: "access-denied",
  InvalidOperationInCellEditMode: "cell-edit-mode",
  MergedRangeConflict: "merged",
  RequestPayloadSizeLimitExceeded: "too-large",
  ResponsePayloadSizeLimitExceeded: "too-large",
  PayloadTooLarge: "too-large",
  RangeExceedsLimit: "too-large",
  ItemNotFound: "not-found",
  InactiveWorkbook: "inactive-workbook",
  ApiNotFound: "api-not-found",
  ApiNotAvailable: "api-not-found",
};

/** Codes whose message decides: an InvalidOperation about merged cells is a merge conflict. */
const MERGE_BY_MESSAGE = new Set(["InvalidOperation", "InvalidArgument", "GeneralException"]);
const MERGE_WORDS = /merge|結合/i;

const MESSAGES: Record<Exclude<ErrorKind, "unknown">, Localized> = {
  "access-denied": {
    ja:
      "Excel が変更を許可しませんでした。シートが保護されているか、ブックが読み取り専用で開かれています。" +
      "［校閲］→［シート保護の解除］で保護を解除するか、［編集を有効にする］を押して編集できる状態で開き直してから、もう一度お試しください。",
    en:
      "Excel did not allow the change: the sheet is protected or the workbook is open read-only. " +
      "Unprotect the sheet (Review > Unprotect Sheet) or open the workbook for editing (Enable Editing), then try again.",
  },
  "cell-edit-mode": {
    ja: "セルを編集中のため、Excel が操作を受け付けませんでした。Enter キーまたは Esc キーを押してセルの編集を終えてから、もう一度お試しください。",
    en: "Excel is busy because a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.",
  },
  merged: {
    ja:
      "結合されたセルと重なるため、Excel が操作を受け付けませんでした。結合セルでは左上のセルに入力してください。" +
      "必要なら［セルを結合して中央揃え］でいったん結合を解除してから、もう一度お試しください。",
    en:
      "Excel refused the change because it overlaps merged cells. Enter values in the top-left cell of a merged area, " +
      "or unmerge the cells (Merge & Center), then try again.",
  },
  "too-large": {
    ja:
      "一度にやり取りするデータが Excel の上限（Excel on the web では 5MB）を超えました。" +
      "報告書と関係のないシートや、表から離れたセルに残った値・書式を削除してから、もう一度お試しください。",
    en:
      "The data exchanged with Excel exceeded its size limit (5 MB in Excel on the web). Delete sheets unrelated to the " +
      "report and stray values or formatting far from the tables, then try again.",
  },
  "not-found": {
    ja: "対象のシートまたはセルが見つかりません。点検の後にシート名が変更されたか、シートが削除された可能性があります。もう一度「点検」を実行してください。",
    en: "The sheet or cell was not found: it may have been renamed or deleted since the check. Run the check again.",
  },
  "inactive-workbook": {
    ja: "別のブックが前面にあるため操作できませんでした。報告書のブックをクリックして前面に出してから、もう一度お試しください。",
    en: "Another workbook is active. Click the report's workbook to bring it to the front, then try again.",
  },
  "api-not-found": {
    ja: "お使いの Excel はこの操作に対応していません。Excel（Microsoft 365）を最新の状態に更新してから、もう一度お試しください。",
    en: "This version of Excel does not support the operation. Update Excel (Microsoft 365), then try again.",
  },
};

function unknownMessage(code: string): Localized {
  return {
    ja: `Excel でエラーが発生しました（エラーコード: ${code}）。もう一度お試しください。繰り返し起きる場合は、このエラーコードを添えて担当者にお問い合わせください。`,
    en: `Excel reported an error (code: ${code}). Try again; if it keeps happening, contact support and quote this code.`,
  };
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { code?: unknown; message?: unknown; errorLocation?: unknown } | null;
}

/** The error's code: OfficeExtension.Error.code, else debugInfo.code, else "Unknown". */
export function errorCodeOf(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as ErrorLike;
    if (typeof e.code === "string" && e.code !== "") return e.code;
    if (typeof e.code === "number") return String(e.code);
    if (typeof e.debugInfo?.code === "string" && e.debugInfo.code !== "") return e.debugInfo.code;
  }
  return "Unknown";
}

function messagesOf(error: unknown): string {
  if (!error || typeof error !== "object") return typeof error === "string" ? error : "";
  const e = error as ErrorLike;
  return [e.message, e.debugInfo?.message, e.debugInfo?.code].filter((m) => typeof m === "string").join(" ");
}

export function errorKindOf(code: string, message = ""): ErrorKind {
  const kind = ERROR_CODE_KINDS[code];
  if (kind) return kind;
  if (MERGE_BY_MESSAGE.has(code) && MERGE_WORDS.test(message)) return "merged";
  return "unknown";
}

/** The user's message for an error code (and its Office message, which only decides merges). */
export function hostErrorMessage(code: string, message = ""): Localized {
  const kind = errorKindOf(code, message);
  return kind === "unknown" ? unknownMessage(code) : MESSAGES[kind];
}

/** Any thrown value -> HostError (a HostError passes through unchanged). */
export function toHostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  const code = errorCodeOf(error);
  return new HostError(code, hostErrorMessage(code, messagesOf(error)), error);
}
