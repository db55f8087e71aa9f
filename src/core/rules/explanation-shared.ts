import { WORD_UNSET, type BlockFacts } from "../analysis";

/** Which explanation year Y's outcome requires: the 【KPI達成】 field or the 【KPI未達成又は未計測】 one. */
export function requiredExplanation(facts: BlockFacts): "achieved" | "unmet" | null {
  const current = facts.current;
  if (!current) return null;
  if (current.target.kind === "word" && current.target.word === WORD_UNSET) return "unmet";
  if (facts.outcome === "達成") return "achieved";
  if (facts.outcome === "未達成" || facts.outcome === "未計測") return "unmet";
  return null;
}
