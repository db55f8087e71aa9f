import type { CellField, ReportModel, SummaryProject } from "../model";
import { readNumber } from "../numbers";
import type { Decimal } from "../decimal";
import type { Localized } from "../types";
import { normalizeLabel } from "../text";

/** The form's amount format: 2,136,200円. */
export const AMOUNT_FORMAT = '#,##0"円"';

export const COST_TEXT: Localized = { ja: "事業費", en: "project cost (事業費)" };
export const GRANT_TEXT: Localized = { ja: "交付金充当額", en: "grant amount (交付金充当額)" };

export interface AmountCell {
  /** Null for the 合計 row. */
  project: SummaryProject | null;
  column: Localized;
  kind: "cost" | "grant";
  field: CellField;
}

export function amountCells(model: ReportModel): AmountCell[] {
  const cells: AmountCell[] = [];
  for (const project of model.summary?.projects ?? []) {
    if (project.cost) cells.push({ project, column: COST_TEXT, kind: "cost", field: project.cost });
    if (project.grant) cells.push({ project, column: GRANT_TEXT, kind: "grant", field: project.grant });
  }
  const total = model.summary?.total;
  if (total?.cost) cells.push({ project: null, column: COST_TEXT, kind: "cost", field: total.cost });
  if (total?.grant) cells.push({ project: null, column: GRANT_TEXT, kind: "grant", field: total.grant });
  return cells;
}

/** An amount as the rules judge it: a number, or text that normalizes to one; null otherwise. */
export function amountOf(field: CellField | null): Decimal | null {
  if (!field) return null;
  const reading = readNumber(field, { units: ["円"] });
  return reading.kind === "number" ? reading.value : null;
}

/** True when the cell holds something that is not an amount (so sums cannot be judged). */
export function isUnreadableAmount(field: CellField | null): boolean {
  if (!field) return false;
  const reading = readNumber(field, { units: ["円"] });
  return reading.kind === "text" || reading.kind === "word";
}

/**
 * Project names and KPI names compare after NFKC with spaces and zero-width characters removed:
 * exactly normalizeLabel, which skips ICU for the common characters.
 */
export function comparableName(text: string): string {
  return normalizeLabel(text);
}

/** "(1) 事業名" -> "事業名". */
export function withoutNumber(text: string): string {
  return comparableName(text).replace(/^\(\d+\)/, "");
}
