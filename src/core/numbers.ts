import { decimalFromNumber, parseDecimal, multiplyDecimal, type Decimal } from "./decimal";
import type { CellField } from "./model";

/**
 * How a value cell (基準値, 目標値, 実績値, 事業費 …) reads as a number. Rules judge the
 * normalized value, and a fix writes exactly that value, so the fixes of one run agree.
 */
export type NumberIssue =
  | "minus" // a minus look-alike (▲ △ − － ー …) instead of ASCII "-"
  | "fullwidth" // full-width digits or signs
  | "separator" // thousands separators
  | "unit" // a trailing unit (the KPI's 単位, %, 円)
  | "space" // stray spaces or invisible characters
  | "plus" // a leading "+"
  | "text" // a plain number stored as text
  | "percent-fraction"; // under 単位 %, 0.862 shown as 86.2%

export type NumberReading =
  | { kind: "empty" }
  | { kind: "number"; value: Decimal; issues: NumberIssue[] }
  | { kind: "word"; word: string }
  | { kind: "text"; text: string };

// Every character people type for a minus in Japanese documents, other than ASCII "-".
const MINUS_LOOKALIKES = "▲△−－ー‐–—‒―﹣⁻₋ｰ";
const MINUS_SET = new Set(MINUS_LOOKALIKES);
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]/g;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const SEPARATED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** True when a number format shows the value as a percentage (a % outside quotes). */
function isPercentFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  return format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .includes("%");
}

export interface ReadNumberOptions {
  /** Words accepted as they are (なし, 未計測, 未設定). */
  words?: readonly string[];
  /** Trailing units that may be stripped (the KPI's 単位, "%", "円"). */
  units?: readonly string[];
  /** The KPI's 単位 is %: a fraction under a percent format counts as its percent. */
  percentUnit?: boolean;
}

// Shared by every reading that has them: most cells are empty or plain numbers. Frozen, as no
// reading's issues may change once read.
const EMPTY: NumberReading = Object.freeze({ kind: "empty" });
const NO_ISSUES = Object.freeze([]) as unknown as NumberIssue[];

export function readNumber(field: Pick<CellField, "value" | "numberFormat">, options: ReadNumberOptions = {}): NumberReading {
  const { value } = field;
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "number") {
    const decimal = decimalFromNumber(value);
    if (!decimal) return { kind: "text", text: String(value) };
    if (options.percentUnit && isPercentFormat(field.numberFormat)) {
      return { kind: "number", value: fromPercentFraction(decimal), issues: ["percent-fraction"] };
    }
    return { kind: "number", value: decimal, issues: NO_ISSUES };
  }
  if (typeof value === "boolean") return { kind: "text", text: value ? "TRUE" : "FALSE" };
  return readNumberText(value, options);
}

function fromPercentFraction(d: Decimal): Decimal {
  // × 100 exactly: shift the scale instead of multiplying a float.
  return d.scale >= 2 ? { units: d.units, scale: d.scale - 2 } : multiplyDecimal(d, 100);
}

export function readNumberText(raw: string, options: ReadNumberOptions = {}): NumberReading {
  const issues = new Set<NumberIssue>();
  // Spaces around the number, its sign and its unit are stray; spaces between digits are not
  // (「1 20」 may be two numbers), so such text stays text.
  let text = raw.replace(INVISIBLE, "").trim();
  if (text === "") return { kind: "empty" };
  if (text !== raw) issues.add("space");

  const word = text.normalize("NFKC").replace(SPACES, "");
  if (options.words?.includes(word)) return { kind: "word", word };

  let negative = false;
  const first = text[0];
  if (MINUS_SET.has(first)) {
    negative = true;
    issues.add("minus");
    text = text.slice(1);
  } else if (first === "-") {
    negative = true;
    text = text.slice(1);
  } else if (first === "+" || first === "＋") {
    issues.add("plus");
    text = text.slice(1);
  }
  const withoutLeadingSpace = text.replace(/^\s+/, ""); // trimStart: ES2019
  if (text !== withoutLeadingSpace) issues.add("space");
  text = withoutLeadingSpace;

  const ascii = text.normalize("NFKC");
  if (ascii !== text) issues.add("fullwidth");
  text = ascii;

  for (const unit of options.units ?? []) {
    const u = unit.normalize("NFKC").replace(SPACES, "");
    if (u !== "" && text.length > u.length && text.endsWith(u)) {
      text = text.slice(0, -u.length);
      issues.add("unit");
      const withoutTrailingSpace = text.replace(/\s+$/, ""); // trimEnd: ES2019
      if (text !== withoutTrailingSpace) issues.add("space");
      text = withoutTrailingSpace;
      break;
    }
  }

  if (SEPARATED_NUMBER.test(text)) {
    issues.add("separator");
    text = text.replace(/,/g, "");
  }
  if (!PLAIN_NUMBER.test(text)) return { kind: "text", text: raw };

  issues.add("text");
  const value = parseDecimal((negative ? "-" : "") + text);
  if (!value) return { kind: "text", text: raw };
  return { kind: "number", value, issues: [...issues] };
}
