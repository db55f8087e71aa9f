import type { Rule } from "../rule";
import { kpiLabel, shown, ruleDocsUrl } from "../rule";
import { textOf } from "../rule-helpers";
import { excelLen, isBlank } from "../text";

const COUNT = /^(\d+)字$/;

/** The number a count cell states, or null when it states none. */
function statedCount(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const match = COUNT.exec(value.normalize("NFKC").replace(/\s+/g, ""));
  return match ? Number(match[1]) : null;
}

export const rule: Rule = {
  meta: {
    id: "char-count",
    severity: "info",
    fixable: true,
    docs: { url: ruleDocsUrl("char-count") },
    anchor: { ja: "「N字」のセル", en: "the `N字` cell" },
    description: {
      ja: "記述欄の右の「N字」は記述の文字数（Excel の LEN）と一致する",
      en: "The `N字` cell next to an explanation is the text's length (Excel's LEN)",
    },
    messages: {
      mismatch: {
        ja: "{{kpi}}の{{field}}の文字数が「{{stated}}」になっていますが、記述は{{actual}}字です",
        en: '{{kpi}}: the {{field}} count says "{{stated}}" but the text has {{actual}} characters',
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const fields = [
        [facts.block.achieved, { ja: "【KPI達成】の場合", en: "【KPI達成】" }],
        [facts.block.unmet, { ja: "【KPI未達成又は未計測】の場合", en: "【KPI未達成又は未計測】" }],
      ] as const;
      for (const [explanation, name] of fields) {
        if (!explanation?.count || explanation.count.formula) continue; // a formula counts by itself
        const length = excelLen(textOf(explanation.text));
        if (length === 0 && isBlank(explanation.count.value)) continue; // nothing written, nothing counted
        if (statedCount(explanation.count.value) === length) continue;
        context.report({
          messageId: "mismatch",
          at: explanation.count,
          ...context.where(facts),
          data: { kpi: kpiLabel(facts), field: name, stated: shown(explanation.count.value), actual: length },
          fix: [context.computedWrite(explanation.count, `=LEN(${explanation.text.cell})&"字"`, `${length}字`)],
        });
      }
    }
  },
};
