/** Text normalization shared by the reader and the rules. */
import { REIWA_OFFSET } from "./year";

// Zero-width and BOM characters that survive NFKC and hide in copied text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /\s+/g;

/** NFKC, all white space and zero-width characters removed: the form labels and names are compared in. */
export function normalizeLabel(text: string): string {
  // One scan over the characters: those that are their own NFKC form are kept as they are, the
  // few common ones that are not (spaces, ①…⑳, full-width ASCII) are mapped here, and anything
  // else goes the full way. Nothing is allocated unless the text changes.
  let out: string | null = null;
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isStableCharacter(c)) continue;
    const replacement = mappedCharacter(c);
    if (replacement === null) return text.normalize("NFKC").replace(INVISIBLE, "").replace(WHITESPACE, "");
    out = (out ?? "") + text.slice(kept, i) + replacement;
    kept = i + 1;
  }
  return out === null ? text : out + text.slice(kept);
}

/** What normalizeLabel makes of a space (nothing), ① … ⑳ (1 … 20) or full-width ASCII (Ａ -> A); null for any other character. */
function mappedCharacter(c: number): string | null {
  if (c === 0x20 || c === 0x3000) return "";
  if (c >= 0x2460 && c <= 0x2473) return String(c - 0x245f);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return null;
}

/**
 * Characters that are their own NFKC form, are not white space, and never follow another
 * character in a canonical decomposition (so no two of them compose): printable ASCII, kana, CJK
 * unified ideographs, CJK punctuation such as 、。「」【】. A text made of them (and of spaces,
 * ①…⑳ and full-width ASCII, which map to them) normalizes without ICU.
 * test/bench-core.test.ts checks every one of these claims against String.prototype.normalize.
 */
export function isStableCharacter(c: number): boolean {
  if (c >= 0x21 && c <= 0x7e) return true;
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK unified ideographs
  if (c >= 0x3041 && c <= 0x3096) return true; // hiragana
  if (c >= 0x30a1 && c <= 0x30fa) return true; // katakana
  if (c >= 0x30fc && c <= 0x30fe) return true; // ー ヽ ヾ
  if (c >= 0x3001 && c <= 0x301f && c !== 0x3004) return true; // 、。〃 々〆〇 〈〉《》「」『』【】〒〓〔〕…
  return c === 0x309d || c === 0x309e; // ゝ ゞ
}

/** True for null, undefined and strings that are empty or only white space. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  // Most text starts with a visible character: answer without allocating.
  const first = value.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x3040 && first <= 0x9fff)) return false;
  return value.replace(INVISIBLE, "").trim() === "";
}

/** Excel's LEN: UTF-16 code units. */
export function excelLen(text: string): number {
  return text.length;
}

/** Converts 令和/R/Western year notations to a Western year: "令和6" -> 2024, "R6" -> 2024, "2024" -> 2024. */
function westernYear(era: string | undefined, digits: string): number {
  const n = Number(digits);
  if (era === undefined || era === "") return n;
  return REIWA_OFFSET + n; // 令和元年 = 2019
}

/** Pattern for a year written Western or 令和 style, after NFKC. Group 1: era (令和|R) or empty, group 2: digits or 元. */
export const YEAR_SOURCE = "(令和|R|r)?(\\d{1,4}|元)";

/** Parses a year group pair from YEAR_SOURCE; 元 counts as 1. */
export function yearFromMatch(era: string | undefined, digits: string): number {
  return westernYear(era, digits === "元" ? "1" : digits);
}

/**
 * Every match of a global regular expression in `text`, as String.prototype.matchAll gives them
 * (ES2020: not in the pane's oldest webviews, so written out here).
 */
export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`matchesOf needs a global regular expression: ${pattern}`);
  const found: RegExpExecArray[] = [];
  const re = new RegExp(pattern.source, pattern.flags); // its own lastIndex: the caller's pattern is shared
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    found.push(m);
    if (m[0] === "") re.lastIndex++; // an empty match would repeat forever
  }
  return found;
}
