/**
 * Fiscal years as people type them, one parser for the task pane's setting and the CLI's --year:
 * a Western year (2025, FY2025, 2025年度) or a Reiwa one (令和7, 令和7年度, R7, 令和元年度), in half- or
 * full-width characters, with spaces around.
 */

/** The years a reporting year may be (the grant began in FY2021; the margin is for typos' sake). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** 令和 1 is fiscal year 2019. */
export const REIWA_OFFSET = 2018;

function isValidYear(year: unknown): year is number {
  return typeof year === "number" && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The year typed; null for "" (automatic); undefined for anything unreadable. */
export function parseYearInput(text: string): number | null | undefined {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/^FY\s*/i, "")
    .replace(/\s*年度?$/, "");
  if (t === "") return null;
  const reiwa = /^(?:令和|R)\s*(\d{1,2}|元)$/i.exec(t);
  const year = reiwa ? (reiwa[1] === "元" ? 1 : Number(reiwa[1])) + REIWA_OFFSET : /^\d{4}$/.test(t) ? Number(t) : NaN;
  return isValidYear(year) ? year : undefined;
}

/** A fiscal year as people read it: 「2024年度（令和6年度）」, "FY2024 (R6)" (令和元年度 for 2019). */
export function fiscalYearText(year: number): { ja: string; en: string } {
  const reiwa = year - REIWA_OFFSET;
  if (reiwa < 1) return { ja: `${year}年度`, en: `FY${year}` };
  return { ja: `${year}年度（令和${reiwa === 1 ? "元" : reiwa}年度）`, en: `FY${year} (R${reiwa})` };
}
