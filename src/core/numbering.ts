/**
 * How the form numbers things: projects as "(n)" (half- or full-width brackets and digits), KPIs
 * as ①…㊿. One home for both, so a message, the pane and the CLI never spell them differently.
 */
import type { Localized } from "./types";

/** ① … ⑳ (U+2460…), ㉑ … ㉟ (U+3251…), ㊱ … ㊿ (U+32B1…); plain digits past 50. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(0x32b1 + n - 36);
  return String(n);
}

/** One circled number, any of the three blocks circled() writes. */
export const CIRCLED_NUMBER = /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/;

/** "KPI①" in Japanese, "KPI 1" in English. */
export function kpiName(kpi: number): Localized {
  return { ja: `KPI${circled(kpi)}`, en: `KPI ${kpi}` };
}

/** "(2) KPI③" / "(2) KPI 3": a KPI named with its project where it has one. */
export function kpiLabelText(project: number | null, kpi: number): Localized {
  const prefix = project === null ? "" : `(${project}) `;
  const name = kpiName(kpi);
  return { ja: prefix + name.ja, en: prefix + name.en };
}

/** A project's "(n)" at the start of a text: half- or full-width brackets and digits, spaces around. */
const PROJECT_PREFIX = /^\s*[(（]\s*([\d０-９]+)\s*[)）]\s*/;

/** The n of a text that starts with "(n)", or null. */
export function projectNumberOf(text: string): number | null {
  const match = PROJECT_PREFIX.exec(text);
  if (!match) return null;
  const n = Number(match[1].normalize("NFKC"));
  return Number.isSafeInteger(n) ? n : null;
}

/** The text without its leading "(n)". */
export function withoutProjectPrefix(text: string): string {
  return text.replace(PROJECT_PREFIX, "");
}

/** "(n) name" for a project; a name that already carries its (n) is kept as it is. */
export function projectTitle(project: number | null, name: string): string {
  if (project === null) return name;
  if (!name) return `(${project})`;
  return PROJECT_PREFIX.test(name) ? name : `(${project}) ${name}`;
}
