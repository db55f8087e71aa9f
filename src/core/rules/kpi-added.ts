import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl, shown } from "../rule";
import { comparisonOf } from "./previous-shared";

export const rule: Rule = {
  meta: {
    id: "kpi-added",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("kpi-added") },
    anchor: { ja: "KPI番号のセル", en: "the KPI label cell" },
    description: {
      ja: "前年度の報告書の同じ事業になかったKPIがある（実施計画書の変更で追加した場合を除き、KPIは毎年同じ。前年度の報告書と比較する場合のみ）",
      en: "A KPI that last year's report of the same project did not have (KPIs stay the same every year unless the plan changed; only when compared with last year's report)",
    },
    messages: {
      added: {
        ja: "{{kpi}}「{{name}}」は前年度の報告書の{{project}}にないKPIです（実施計画書を変更していなければ、前年度と同じKPIを報告します）",
        en: '{{kpi}} "{{name}}" is not in last year\'s report of {{project}} (unless the plan was changed, the KPIs are those of last year)',
      },
    },
  },
  check(context) {
    const comparison = comparisonOf(context.analysis);
    if (!comparison) return;
    for (const project of comparison.projects) {
      for (const facts of project.added) {
        context.report({
          messageId: "added",
          at: facts.block.label,
          ...context.where(facts),
          data: { kpi: kpiLabel(facts), name: shown(facts.block.name.value), project: project.section.sheet },
        });
      }
    }
  },
};
