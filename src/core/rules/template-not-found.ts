import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";

export const rule: Rule = {
  meta: {
    id: "template-not-found",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("template-not-found") },
    anchor: { ja: "最初のシートの A1", en: "A1 of the first sheet" },
    description: {
      ja: "活用状況の表も事業のKPI欄も見つからない（報告書の様式ではない）",
      en: "Neither a summary table nor a KPI section can be found (not a report in the national template)",
    },
    messages: {
      notFound: {
        ja: "報告書の様式が見つかりません。「事業名」「事業費」の表、または「KPI①」「種別」「単位」の欄がありません",
        en: "No report template found: no table headed 事業名/事業費 and no KPI block headed KPI①/種別/単位",
      },
    },
  },
  check(context) {
    const { model } = context.analysis;
    if (model.summary || model.sections.length > 0) return;
    context.report({ messageId: "notFound", at: { sheet: model.firstSheet ?? "", cell: "A1" } });
  },
};
