import type { BlockFacts } from "../analysis";
import type { CellField } from "../model";
import type { NumberReading } from "../numbers";
import { valueAsRead, type PreviousKpi } from "../previous";
import type { Rule, RuleContext } from "../rule";
import { kpiLabel, ruleDocsUrl, shown } from "../rule";
import type { Localized } from "../types";
import type { Scalar } from "../workbook";
import { comparisonOf, isEmptyValue, previousReading, sameReading, sameText, sameUnit, sameYear, yearField } from "./previous-shared";

const FIELD = {
  name: { ja: "KPI名", en: "KPI name" },
  kind: { ja: "種別", en: "kind (種別)" },
  unit: { ja: "単位", en: "unit (単位)" },
  baseYear: { ja: "基準年度", en: "baseline year (基準年度)" },
  baseValue: { ja: "基準値", en: "baseline value (基準値)" },
} as const;

export const rule: Rule = {
  meta: {
    id: "plan-value-changed",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("plan-value-changed") },
    anchor: { ja: "今年度の報告書のそのセル", en: "this year's cell" },
    description: {
      ja: "太枠の項目（KPI名・種別・単位・基準年度・基準値・各年度の目標値）は実施計画書からの転記のため、計画を変更していなければ前年度の報告書と同じ（前年度の報告書と比較する場合のみ）",
      en: "The framed items (KPI name, 種別, 単位, 基準年度, 基準値, every year's target) are transcribed from the 実施計画書: unless the plan changed, they read as in last year's report (only when compared with last year's report)",
    },
    messages: {
      changed: {
        ja: "{{kpi}}の{{field}}が前年度の報告書と異なります: 前年度「{{previous}}」→ 今年度「{{current}}」（実施計画書を変更していなければ、前年度と同じに記入します）",
        en: '{{kpi}}: the {{field}} differs from last year\'s report: "{{previous}}" last year, "{{current}}" now (unless the plan was changed, it reads as last year)',
      },
    },
  },
  check(context) {
    const comparison = comparisonOf(context.analysis);
    if (!comparison) return;
    for (const project of comparison.projects) {
      for (const { facts, previous } of project.kpis) checkKpi(context, facts, previous);
    }
  },
};

function checkKpi(context: RuleContext, facts: BlockFacts, previous: PreviousKpi): void {
  const { block } = facts;
  const report = (field: CellField, what: Localized, before: Scalar, now: Scalar) => {
    context.report({
      messageId: "changed",
      at: field,
      ...context.where(facts),
      data: { kpi: kpiLabel(facts), field: what, previous: shown(before), current: shown(now) },
    });
  };
  const text = (field: CellField, what: Localized, before: Scalar, same: (a: Scalar, b: Scalar) => boolean) => {
    if (!isEmptyValue(before) && !same(field.value, before)) report(field, what, before, field.value);
  };
  const value = (field: CellField, reading: NumberReading, what: Localized, before: Scalar, role: "base" | "target") => {
    if (isEmptyValue(before)) return;
    if (!sameReading(reading, previousReading(before, previous.unit, role))) report(field, what, before, valueAsRead(field, reading));
  };
  text(block.name, FIELD.name, previous.name, sameText);
  text(block.kind, FIELD.kind, previous.kind, sameText);
  text(block.unit, FIELD.unit, previous.unit, sameUnit);
  // A block without its baseline row (either year) has nothing to compare: baseline-pair says so.
  if (block.baseYear && block.baseValue && facts.base && previous.baseline) {
    text(block.baseYear, FIELD.baseYear, previous.baseline.year, sameYear);
    value(block.baseValue, facts.base, FIELD.baseValue, previous.baseline.value, "base");
  }
  for (const y of facts.years) {
    const before = previous.years.find((p) => p.year === y.entry.year);
    if (before) value(y.entry.target, y.target, yearField(y.entry.year, "target"), before.target, "target");
  }
}
