import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { isEmptyExplanation, requiredExplanation } from "./explanation-shared";

export const rule: Rule = {
  meta: {
    id: "explanation-misplaced",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("explanation-misplaced") },
    anchor: { ja: "記述が書かれている側の記述欄", en: "the cell holding the misplaced text" },
    description: {
      ja: "記述が結果と反対の欄に書かれている（達成なのに【KPI未達成又は未計測】欄に記述がある、またはその逆）。「－」「なし」「特になし」「該当なし」だけの欄は空欄として扱う",
      en: "Text stands in the field for the other outcome (achieved, yet the 未達成 field has text, or the reverse); a field holding only a placeholder (－, なし, 特になし, 該当なし) counts as empty",
    },
    messages: {
      inUnmet: {
        ja: "{{kpi}}は{{year}}年度末に達成ですが、【KPI未達成又は未計測】の場合の欄に記述があります",
        en: "{{kpi}} was achieved in FY{{year}}, yet the 【KPI未達成又は未計測】 field has text",
      },
      inAchieved: {
        ja: "{{kpi}}は{{year}}年度末が{{outcome}}ですが、【KPI達成】の場合の欄に記述があります",
        en: "{{kpi}} is {{outcome}} for FY{{year}}, yet the 【KPI達成】 field has text",
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const required = requiredExplanation(facts);
      if (!required) continue;
      const other = required === "achieved" ? facts.block.unmet : facts.block.achieved;
      if (!other || isEmptyExplanation(other.text)) continue;
      const current = facts.current!;
      // As explanation-missing words it: a 未設定 target is 目標未設定, whatever status is written.
      const outcome = current.target.kind === "word" ? "目標未設定" : (facts.outcome ?? "目標未設定");
      context.report({
        messageId: required === "achieved" ? "inUnmet" : "inAchieved",
        at: other.text,
        ...context.where(facts),
        data: { kpi: kpiLabel(facts), year: current.entry.year, outcome },
      });
    }
  },
};
