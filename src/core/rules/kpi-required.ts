import type { CellField } from "../model";
import type { Rule } from "../rule";
import { kpiLabel } from "../rule";
import { isBlank } from "../text";
import type { Localized } from "../types";

export const rule: Rule = {
  meta: {
    id: "kpi-required",
    severity: "error",
    fixable: false,
    anchor: { ja: "空欄のセル", en: "the empty cell" },
    description: {
      ja: "KPI名・種別・単位・各年度の目標値は必須",
      en: "KPI name, kind (種別), unit and every year's target are required",
    },
    messages: {
      empty: { ja: "{{kpi}}の{{field}}が空欄です", en: "{{kpi}}: {{field}} is empty" },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const { block } = facts;
      const required: [CellField, Localized][] = [
        [block.name, { ja: "KPI名", en: "KPI name" }],
        [block.kind, { ja: "種別", en: "kind (種別)" }],
        [block.unit, { ja: "単位", en: "unit" }],
        ...block.years.map((y): [CellField, Localized] => [y.target, { ja: `${y.year}年度末 目標値`, en: `FY${y.year} target` }]),
      ];
      for (const [field, name] of required) {
        if (!isBlank(field.value)) continue;
        context.report({ messageId: "empty", at: field, ...context.where(facts), data: { kpi: kpiLabel(facts), field: name } });
      }
    }
  },
};
