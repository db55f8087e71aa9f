import type { CellField } from "../model";
import type { BlockFacts } from "../analysis";
import type { Rule, RuleContext } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { isBlank } from "../text";
import type { Localized } from "../types";

export const rule: Rule = {
  meta: {
    id: "kpi-required",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("kpi-required") },
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
      // The names are built only for a finding: most cells are filled.
      if (isBlank(block.name.value)) report(context, facts, block.name, { ja: "KPI名", en: "KPI name" });
      if (isBlank(block.kind.value)) report(context, facts, block.kind, { ja: "種別", en: "kind (種別)" });
      if (isBlank(block.unit.value)) report(context, facts, block.unit, { ja: "単位", en: "unit" });
      for (const y of block.years) {
        if (isBlank(y.target.value)) report(context, facts, y.target, { ja: `${y.year}年度末 目標値`, en: `FY${y.year} target` });
      }
    }
  },
};

function report(context: RuleContext, facts: BlockFacts, field: CellField, name: Localized): void {
  context.report({ messageId: "empty", at: field, ...context.where(facts), data: { kpi: kpiLabel(facts), field: name } });
}
