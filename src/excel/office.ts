/// <reference types="office-js" />
/**
 * Small reads of the Office host: the UI language and requirement-set support. Safe to call where
 * Office.js is absent (tests, the browser demo before Office.onReady): they then answer from the
 * browser or say "not supported".
 */
import type { Lang } from "../core";

function office(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

/** "ja" when Office's display language is Japanese ("ja-JP"), else "en". Without Office: the browser's language, else "ja". */
export function displayLanguage(): Lang {
  let language: string | undefined;
  try {
    language = office()?.context?.displayLanguage;
  } catch {
    language = undefined;
  }
  if (typeof language !== "string" || language === "") {
    language = typeof navigator !== "undefined" && typeof navigator.language === "string" ? navigator.language : "ja";
  }
  return language.toLowerCase().startsWith("ja") ? "ja" : "en";
}

/** Office.context.requirements.isSetSupported(setName, version); false where it cannot be asked. */
export function isSetSupported(version: string, setName = "ExcelApi"): boolean {
  try {
    return Boolean(office()?.context?.requirements?.isSetSupported(setName, version));
  } catch {
    return false;
  }
}

/**
 * Calls `start` once Office.js has initialized the page (Office.onReady), the one way into the
 * host for the pane's and the ribbon's entry files. Where office.js is absent (a page opened
 * outside Office) it never calls, as Office.onReady would not either.
 */
export function onOfficeReady(start: () => void): void {
  const host = office();
  if (host) void host.onReady(() => start());
}
