/**
 * What the demo's grid shows for a cell: its value under its number format, roughly as Excel would.
 * Covers what reports use — General, #,##0 with literal text ("円", "人"), decimals, %, and dates —
 * and falls back to General for the rest. Display only: the workbook keeps the value itself.
 */
import type { Scalar } from "../core/workbook";

interface Section {
  /** The section shows the value as General ("General\"円\""). */
  general: boolean;
  prefix: string;
  suffix: string;
  /** The digits pattern without literals: "#,##0.00". */
  pattern: string;
  percent: number;
  date: string | null;
  text: boolean;
}

/** Splits a format at ";" outside quotes and brackets. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === "[" && !quoted) bracket = true;
    else if (ch === "]" && !quoted) bracket = false;
    else if (ch === "\\" && !quoted && i + 1 < format.length) {
      current += ch + format[++i];
      continue;
    } else if (ch === ";" && !quoted && !bracket) {
      sections.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  sections.push(current);
  return sections;
}

const PLACEHOLDER = /[0#?.,]/;
const DATE_TOKEN = /^(y+|m+|d+|h+|s+|e|g+|aaaa?|ddd+)/i;

function parseSection(section: string): Section {
  let prefix = "";
  let suffix = "";
  let pattern = "";
  let percent = 0;
  let date = "";
  let isDate = false;
  let text = false;
  let general = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (!isDate && pattern === "" && !general && /^general/i.test(section.slice(i))) {
      general = true;
      pattern = "General";
      i += "general".length - 1;
      continue;
    }
    const literal = (s: string) => {
      if (pattern === "" && !isDate) prefix += s;
      else suffix += s;
      if (isDate) date += s;
    };
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end;
    } else if (ch === "\\" || ch === "!") {
      literal(section[i + 1] ?? "");
      i++;
    } else if (ch === "_") {
      literal(" ");
      i++;
    } else if (ch === "*") {
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      i = end < 0 ? section.length : end;
    } else if (ch === "@") {
      text = true;
      literal("@");
    } else if (ch === "%") {
      percent++;
      literal("%");
    } else if (PLACEHOLDER.test(ch) && !isDate && !general) {
      if (pattern !== "" && suffix !== "") {
        // Digits after a literal (as in 0"."0): keep them in the pattern, drop the literal between.
        suffix = "";
      }
      pattern += ch;
    } else {
      const token = DATE_TOKEN.exec(section.slice(i));
      if (token && pattern === "") {
        isDate = true;
        date += token[0];
        i += token[0].length - 1;
      } else literal(ch);
    }
  }
  return { general, prefix: isDate ? "" : prefix, suffix: isDate ? "" : suffix, pattern, percent, date: isDate ? date : null, text };
}

/** Excel's General: up to 11 significant characters, exponent for the very large and small. */
export function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return "#NUM!";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const power = Number(exponent);
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    return `${trimmed}E${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatNumber(value: number, section: Section, negativeSign: boolean): string {
  const pattern = section.pattern;
  const point = pattern.indexOf(".");
  const intPattern = point < 0 ? pattern : pattern.slice(0, point);
  const fracPattern = point < 0 ? "" : pattern.slice(point + 1).replace(/,/g, "");
  const maxDecimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPattern.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPattern);
  const minInt = (intPattern.match(/0/g) ?? []).length;
  // Trailing commas scale by 1,000 each.
  const scale = (/,+$/.exec(intPattern)?.[0].length ?? 0) * 3;
  let scaled = Math.abs(value) * Math.pow(100, section.percent);
  if (scale > 0) scaled /= Math.pow(10, scale);
  let fixed = scaled.toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    // Optional digits (#, ?) after the point show only when they are not trailing zeros.
    const [whole, digits] = fixed.split(".");
    let kept = digits;
    while (kept.length > minDecimals && kept.endsWith("0")) kept = kept.slice(0, -1);
    fixed = `${whole}.${kept}`;
  }
  const [whole, fraction] = fixed.split(".");
  let integer = whole;
  if (integer === "0" && minInt === 0) integer = "";
  integer = integer.padStart(minInt, "0");
  if (grouping) integer = groupThousands(integer);
  const body = fraction !== undefined ? `${integer}.${fraction}` : integer;
  const sign = negativeSign && value < 0 && /[1-9]/.test(body) ? "-" : "";
  return `${sign}${section.prefix}${body}${section.suffix}`;
}

/** Excel serial number -> "yyyy/m/d" (with the time when the format shows one). */
function formatDate(serial: number, format: string): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return String(serial);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const hasDay = /[yd]/i.test(format) || /m/.test(format.replace(/[hs]+:?m+|m+:?s+/gi, ""));
  const hasTime = /[hs]/i.test(format);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${date.getUTCHours()}:${pad(date.getUTCMinutes())}`;
  if (hasDay && hasTime) return `${y}/${m}/${d} ${time}`;
  if (hasTime) return time;
  return `${y}/${m}/${d}`;
}

/** The text the grid shows for a value under a number format. */
export function formatCellValue(value: Scalar | undefined, numberFormat: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const format = numberFormat && numberFormat !== "General" ? numberFormat : null;
  if (typeof value === "string") {
    if (!format) return value;
    const text = splitSections(format)[3];
    return text !== undefined ? parseSection(text).prefix.replace("@", value) : value;
  }
  if (!format) return formatGeneral(value);
  const sections = splitSections(format);
  let section = sections[0];
  let negativeSign = true;
  if (value < 0 && sections.length >= 2 && sections[1] !== "") {
    section = sections[1];
    negativeSign = false;
  } else if (value === 0 && sections.length >= 3 && sections[2] !== "") {
    section = sections[2];
  }
  const parsed = parseSection(section);
  if (parsed.date !== null) return formatDate(value, parsed.date);
  if (parsed.general) {
    const sign = negativeSign && value < 0 ? "-" : "";
    return `${sign}${parsed.prefix}${formatGeneral(Math.abs(value) * Math.pow(100, parsed.percent))}${parsed.suffix}`;
  }
  if (parsed.pattern === "") return parsed.prefix + parsed.suffix || formatGeneral(value);
  return formatNumber(value, parsed, negativeSign);
}
