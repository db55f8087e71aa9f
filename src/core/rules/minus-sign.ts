import { decimalToNumber, decimalToString } from "../decimal";
import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { describeValueCell, valueCellsToCheck } from "../rule-helpers";

export const rule: Rule = {
  meta: {
    id: "minus-sign",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("minus-sign") },
    anchor: { ja: "そのセル", en: "the cell" },
    description: {
      ja: "マイナスは半角の「-」で書く（▲ △ − － ー などは不可）",
      en: 'A minus is written with ASCII "-", never ▲ △ − － ー',
    },
    messages: {
      minus: {
        ja: "{{kpi}}の{{year}}{{role}}「{{value}}」: マイナスは「-」で記入します（{{number}}）",
        en: '{{kpi}}: {{year}}{{role}} "{{value}}": write a minus as "-" ({{number}})',
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      for (const cell of valueCellsToCheck(facts)) {
        const { reading, field } = cell;
        if (reading.kind !== "number" || !reading.issues.includes("minus")) continue;
        context.report({
          messageId: "minus",
          at: field,
          ...context.where(facts),
          data: { ...describeValueCell(cell), number: decimalToString(reading.value) },
          fix: [context.valueWrite(field, decimalToNumber(reading.value))],
        });
      }
    }
  },
};
