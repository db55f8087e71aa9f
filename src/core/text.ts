/** Text normalization shared by the reader and the rules. */

// Zero-width and BOM characters that survive NFKC and hide in copied text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /\s+/g;

/** NFKC, all white space and zero-width characters removed: the form labels and names are compared in. */
export function normalizeLabel(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(WHITESPACE, "");
}

/** The cell's text, or "" for a non-string / empty cell. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  return "";
}

/** True for null, undefined and strings that are empty or only white space. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.replace(INVISIBLE, "").trim() === "";
  return false;
}

/** Excel's LEN: UTF-16 code units. */
export function excelLen(text: string): number {
  return text.length;
}

/** Converts 令和/R/Western year notations to a Western year: "令和6" -> 2024, "R6" -> 2024, "2024" -> 2024. */
export function westernYear(era: string | undefined, digits: string): number {
  const n = Number(digits);
  if (era === undefined || era === "") return n;
  // 令和元年 = 2019
  return 2018 + n;
}

/** Pattern for a year written Western or 令和 style, after NFKC. Group 1: era (令和|R) or empty, group 2: digits or 元. */
export const YEAR_SOURCE = "(令和|R|r)?(\\d{1,4}|元)";

/** Parses a year group pair from YEAR_SOURCE; 元 counts as 1. */
export function yearFromMatch(era: string | undefined, digits: string): number {
  return westernYear(era, digits === "元" ? "1" : digits);
}
