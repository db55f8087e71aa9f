import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { circled } from "../numbering";

export const rule: Rule = {
  meta: {
    id: "kpi-numbering",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("kpi-numbering") },
    anchor: { ja: "KPI番号のセル", en: "the KPI label cell" },
    description: { ja: "KPI番号が飛んでいる・重複している（① ② ④、② ②）", en: "KPI labels skip or repeat (① ② ④, ② ②)" },
    messages: {
      skipped: {
        ja: "KPI{{label}}の前に KPI{{missing}} がありません（番号が飛んでいます）",
        en: "KPI {{index}} follows KPI {{previous}}: the numbering skips {{missing}}",
      },
      repeated: {
        ja: "KPI{{label}}が重複しているか、順番が前後しています",
        en: "KPI {{index}} repeats or is out of order",
      },
    },
  },
  check(context) {
    for (const section of context.analysis.model.sections) {
      let previous = 0;
      for (const block of section.blocks) {
        const where = { at: block.label, project: section.number, kpi: block.index };
        const data = { label: circled(block.index), index: block.index, previous };
        if (block.index <= previous) {
          context.report({ ...where, messageId: "repeated", data });
        } else if (block.index > previous + 1) {
          const missing = [];
          for (let n = previous + 1; n < block.index; n++) missing.push(circled(n));
          context.report({ ...where, messageId: "skipped", data: { ...data, missing: missing.join("") } });
        }
        previous = Math.max(previous, block.index);
      }
    }
  },
};
