import { WORD_NONE, WORD_UNMEASURED, WORD_UNSET, type BlockFacts } from "./analysis";
import type { CellField } from "./model";
import type { NumberReading } from "./numbers";
import { kpiLabel, shown } from "./rule";
import type { Localized, MessageValue } from "./types";

type ValueRole = "base" | "target" | "actual";

export interface ValueCell {
  facts: BlockFacts;
  field: CellField;
  reading: NumberReading;
  role: ValueRole;
  year: number | null;
  /** Words this cell may hold instead of a number (shared lists: never modify). */
  allowedWords: readonly string[];
}

const ROLE_TEXT: Record<ValueRole, Localized> = {
  base: { ja: "基準値", en: "baseline value" },
  target: { ja: "目標値", en: "target" },
  actual: { ja: "実績値", en: "actual" },
};

const valueCellCache = new WeakMap<BlockFacts, ValueCell[]>();

/** Every 基準値 / 目標値 / 実績値 cell of a block, with how it reads (built once per block, shared by the rules). */
function valueCells(facts: BlockFacts): ValueCell[] {
  let cells = valueCellCache.get(facts);
  if (!cells) {
    cells = buildValueCells(facts);
    valueCellCache.set(facts, cells);
  }
  return cells;
}

const BASE_WORDS: readonly string[] = [WORD_NONE];
const FIRST_TARGET_WORDS: readonly string[] = [WORD_UNSET];
const TARGET_WORDS: readonly string[] = [];
const ACTUAL_WORDS: readonly string[] = [WORD_UNMEASURED];
const NO_CELLS: readonly ValueCell[] = [];

/** Empty, a number written as a plain number, or a word the cell allows: nothing to report. */
function isPlain(reading: NumberReading, allowedWords: readonly string[]): boolean {
  if (reading.kind === "empty") return true;
  if (reading.kind === "number") return reading.issues.length === 0;
  return reading.kind === "word" && allowedWords.includes(reading.word);
}

/**
 * The block's value cells when one of them may be reported (text, a word the cell does not allow,
 * a number with an issue), else none. The value-cell rules (number-format, minus-sign,
 * percent-fraction) report only on such cells, and most blocks have none: they skip building them.
 */
export function valueCellsToCheck(facts: BlockFacts): readonly ValueCell[] {
  if (facts.block.baseValue && facts.base && !isPlain(facts.base, BASE_WORDS)) return valueCells(facts);
  const firstYear = facts.years[0]?.entry.year;
  for (const y of facts.years) {
    if (!isPlain(y.target, y.entry.year === firstYear ? FIRST_TARGET_WORDS : TARGET_WORDS)) return valueCells(facts);
    if (!isPlain(y.actual, ACTUAL_WORDS)) return valueCells(facts);
  }
  return NO_CELLS;
}

function buildValueCells(facts: BlockFacts): ValueCell[] {
  const cells: ValueCell[] = [];
  if (facts.block.baseValue && facts.base) {
    cells.push({ facts, field: facts.block.baseValue, reading: facts.base, role: "base", year: null, allowedWords: BASE_WORDS });
  }
  const firstYear = facts.years[0]?.entry.year;
  for (const y of facts.years) {
    const unset = y.entry.year === firstYear ? FIRST_TARGET_WORDS : TARGET_WORDS;
    cells.push({ facts, field: y.entry.target, reading: y.target, role: "target", year: y.entry.year, allowedWords: unset });
    cells.push({ facts, field: y.entry.actual, reading: y.actual, role: "actual", year: y.entry.year, allowedWords: ACTUAL_WORDS });
  }
  return cells;
}

function yearText(year: number | null): Localized {
  if (year === null) return { ja: "", en: "" };
  return { ja: `${year}年度末 `, en: `FY${year} ` };
}

/** The text of an explanation cell ("" when empty or not text). */
export function textOf(field: CellField | null | undefined): string {
  if (!field || field.value === null) return "";
  return typeof field.value === "string" ? field.value : String(field.value);
}

/** The message data every value-cell rule shows: which KPI, which year, which field, what it holds. */
export function describeValueCell(cell: ValueCell): Record<"kpi" | "year" | "role" | "value", MessageValue> {
  return { kpi: kpiLabel(cell.facts), year: yearText(cell.year), role: ROLE_TEXT[cell.role], value: shown(cell.field.value) };
}
