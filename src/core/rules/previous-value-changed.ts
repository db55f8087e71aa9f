import { statusText } from "../analysis";
import { valueAsRead } from "../previous";
import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl, shown } from "../rule";
import { comparisonOf, isEmptyValue, previousReading, sameReading, yearField } from "./previous-shared";

export const rule: Rule = {
  meta: {
    id: "previous-value-changed",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("previous-value-changed") },
    anchor: { ja: "今年度の報告書のそのセル", en: "this year's cell" },
    description: {
      ja: "前年度に報告済みの年度の実績値・達成状況は、前年度の報告書と同じ（前年度の報告書と比較する場合のみ）",
      en: "A year already reported last year keeps the 実績値 and 達成状況 reported then (only when compared with last year's report)",
    },
    messages: {
      changed: {
        ja: "{{kpi}}の{{field}}が前年度の報告書と異なります: 前年度「{{previous}}」→ 今年度「{{current}}」（報告済みの値です。誤りを訂正した場合を除き、前年度と同じに記入します）",
        en: '{{kpi}}: the {{field}} differs from last year\'s report: "{{previous}}" last year, "{{current}}" now (it was reported then; unless it corrects a mistake, it reads as last year)',
      },
    },
  },
  check(context) {
    const comparison = comparisonOf(context.analysis);
    if (!comparison) return;
    const reported = comparison.digest.reportingYear;
    for (const project of comparison.projects) {
      for (const { facts, previous } of project.kpis) {
        for (const y of facts.years) {
          const before = previous.years.find((p) => p.year === y.entry.year);
          if (!before || y.entry.year > reported) continue;
          const report = (field: typeof y.entry.actual, what: "actual" | "status", was: typeof before.actual, now: typeof was) =>
            context.report({
              messageId: "changed",
              at: field,
              ...context.where(facts),
              data: { kpi: kpiLabel(facts), field: yearField(y.entry.year, what), previous: shown(was), current: shown(now) },
            });
          if (!isEmptyValue(before.actual) && !sameReading(y.actual, previousReading(before.actual, previous.unit, "actual"))) {
            report(y.entry.actual, "actual", before.actual, valueAsRead(y.entry.actual, y.actual));
          }
          if (!isEmptyValue(before.status) && y.status !== statusText(before.status)) {
            report(y.entry.status, "status", before.status, y.entry.status.value);
          }
        }
      }
    }
  },
};
