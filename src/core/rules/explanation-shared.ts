import { WORD_UNSET, type BlockFacts } from "../analysis";
import type { CellField } from "../model";
import { isBlank, normalizeLabel } from "../text";

/**
 * What staff type to fill an explanation field they think does not apply: a dash or a "none".
 * Alone in the field it is an empty field — never misplaced text, and never an explanation.
 */
const PLACEHOLDERS = new Set(["－", "-", "ー", "―", "‐", "−", "—", "–", "なし", "特になし", "該当なし"].map(normalizeLabel));

/** True when the explanation cell is empty or holds only a placeholder (「－」「なし」「特になし」…). */
export function isEmptyExplanation(field: CellField): boolean {
  if (isBlank(field.value)) return true;
  return typeof field.value === "string" && PLACEHOLDERS.has(normalizeLabel(field.value));
}

/** Which explanation year Y's outcome requires: the 【KPI達成】 field or the 【KPI未達成又は未計測】 one. */
export function requiredExplanation(facts: BlockFacts): "achieved" | "unmet" | null {
  const current = facts.current;
  if (!current) return null;
  if (current.target.kind === "word" && current.target.word === WORD_UNSET) return "unmet";
  if (facts.outcome === "達成") return "achieved";
  if (facts.outcome === "未達成" || facts.outcome === "未計測") return "unmet";
  return null;
}
