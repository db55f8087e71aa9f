import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { isEmptyExplanation, requiredExplanation } from "./explanation-shared";

export const rule: Rule = {
  meta: {
    id: "explanation-missing",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("explanation-missing") },
    anchor: { ja: "空欄の記述欄", en: "the empty explanation cell" },
    description: {
      ja: "達成なら【KPI達成】の場合、未達成・未計測・未設定なら【KPI未達成又は未計測】の場合の記述が必要（「－」「なし」「特になし」「該当なし」だけでは記述になりません）",
      en: "An achieved KPI needs the 【KPI達成】 text; a missed, unmeasured or unset one needs the 【KPI未達成又は未計測】 text (a placeholder such as －, なし, 特になし or 該当なし alone is no explanation)",
    },
    messages: {
      achieved: {
        ja: "{{kpi}}は{{year}}年度末に達成のため、【KPI達成】の場合の記述（取組内容や工夫）が必要です",
        en: "{{kpi}} was achieved in FY{{year}}: the 【KPI達成】 explanation (what was done) is required",
      },
      unmet: {
        ja: "{{kpi}}は{{year}}年度末が{{outcome}}のため、【KPI未達成又は未計測】の場合の記述（理由と今後の取組）が必要です",
        en: "{{kpi}} is {{outcome}} for FY{{year}}: the 【KPI未達成又は未計測】 explanation (why, and what next) is required",
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const required = requiredExplanation(facts);
      if (!required) continue;
      const explanation = required === "achieved" ? facts.block.achieved : facts.block.unmet;
      if (!explanation || !isEmptyExplanation(explanation.text)) continue;
      const current = facts.current!;
      const outcome = current.target.kind === "word" ? "目標未設定" : (facts.outcome ?? "");
      context.report({
        messageId: required,
        at: explanation.text,
        ...context.where(facts),
        data: { kpi: kpiLabel(facts), year: current.entry.year, outcome },
      });
    }
  },
};
