import { numberOf } from "../analysis";
import { compareDecimal, ZERO } from "../decimal";
import { formatKpiValue } from "../number-text";
import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { normalizeLabel } from "../text";

const DECREASE_WORDS = /減少|削減|短縮|低減|縮減|抑制/;

export const rule: Rule = {
  meta: {
    id: "decrease-sign",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("decrease-sign") },
    anchor: { ja: "報告年度の目標値のセル", en: "year Y's 目標値 cell" },
    description: {
      ja: "減少を目指すKPIで基準値がない場合、目標値は「-」付きの減少幅で書く",
      en: 'A reduction KPI without a numeric baseline writes its target as a negative change ("-")',
    },
    messages: {
      positive: {
        ja: "{{kpi}}「{{name}}」は減少を目指す指標ですが、{{year}}年度末 目標値が {{target}}（正の値）で基準値がありません。減少幅は「-」を付けて記入します（例: -{{target}}）",
        en: '{{kpi}} "{{name}}" aims at a decrease, but its FY{{year}} target is {{target}} (positive) with no baseline; write a reduction with "-" (e.g. -{{target}})',
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const name = typeof facts.block.name.value === "string" ? normalizeLabel(facts.block.name.value) : "";
      if (!DECREASE_WORDS.test(name) || !facts.current || numberOf(facts.base)) continue;
      const target = numberOf(facts.current.target);
      if (!target || compareDecimal(target, ZERO) <= 0) continue;
      context.report({
        messageId: "positive",
        at: facts.current.entry.target,
        ...context.where(facts),
        data: {
          kpi: kpiLabel(facts),
          name: String(facts.block.name.value),
          year: facts.current.entry.year,
          target: formatKpiValue(target),
        },
      });
    }
  },
};
