import { WORD_NONE, WORD_UNMEASURED, WORD_UNSET, type BlockFacts } from "./analysis";
import { decimalToNumber, decimalToString, type Decimal } from "./decimal";
import type { CellField } from "./model";
import type { NumberReading } from "./numbers";
import { kpiLabel, shown } from "./rule";
import type { Localized, MessageValue } from "./types";

export type ValueRole = "base" | "target" | "actual";

export interface ValueCell {
  facts: BlockFacts;
  field: CellField;
  reading: NumberReading;
  role: ValueRole;
  year: number | null;
  /** Words this cell may hold instead of a number. */
  allowedWords: string[];
}

export const ROLE_TEXT: Record<ValueRole, Localized> = {
  base: { ja: "基準値", en: "baseline value" },
  target: { ja: "目標値", en: "target" },
  actual: { ja: "実績値", en: "actual" },
};

const valueCellCache = new WeakMap<BlockFacts, ValueCell[]>();

/** Every 基準値 / 目標値 / 実績値 cell of a block, with how it reads (built once per block, shared by the rules). */
export function valueCells(facts: BlockFacts): ValueCell[] {
  let cells = valueCellCache.get(facts);
  if (!cells) {
    cells = buildValueCells(facts);
    valueCellCache.set(facts, cells);
  }
  return cells;
}

function buildValueCells(facts: BlockFacts): ValueCell[] {
  const cells: ValueCell[] = [];
  if (facts.block.baseValue && facts.base) {
    cells.push({ facts, field: facts.block.baseValue, reading: facts.base, role: "base", year: null, allowedWords: [WORD_NONE] });
  }
  const firstYear = facts.years[0]?.entry.year;
  for (const y of facts.years) {
    const unset = y.entry.year === firstYear ? [WORD_UNSET] : [];
    cells.push({ facts, field: y.entry.target, reading: y.target, role: "target", year: y.entry.year, allowedWords: unset });
    cells.push({ facts, field: y.entry.actual, reading: y.actual, role: "actual", year: y.entry.year, allowedWords: [WORD_UNMEASURED] });
  }
  return cells;
}

export function yearText(year: number | null): Localized {
  if (year === null) return { ja: "", en: "" };
  return { ja: `${year}年度末 `, en: `FY${year} ` };
}

export function showDecimal(d: Decimal): string {
  return decimalToString(d);
}

export { decimalToNumber };

/** The text of an explanation cell ("" when empty or not text). */
export function textOf(field: CellField | null | undefined): string {
  if (!field || field.value === null) return "";
  return typeof field.value === "string" ? field.value : String(field.value);
}

/** The message data every value-cell rule shows: which KPI, which year, which field, what it holds. */
export function describeValueCell(cell: ValueCell): Record<"kpi" | "year" | "role" | "value", MessageValue> {
  return { kpi: kpiLabel(cell.facts), year: yearText(cell.year), role: ROLE_TEXT[cell.role], value: shown(cell.field.value) };
}
