import type { Rule } from "../rule";

export const rule: Rule = {
  meta: {
    id: "layout-label-missing",
    severity: "error",
    fixable: false,
    description: {
      ja: "KPI欄の見出し（種別・単位・基準年度・基準値・目標値・実績値・達成状況・記述欄）が見つからず、その部分を読み取れない",
      en: "A KPI block's heading (種別, 単位, 基準年度, 基準値, 目標値, 実績値, 達成状況, explanation labels) is missing, so that part cannot be read",
    },
    messages: {
      missing: {
        ja: "見出し「{{label}}」が見つからないため、この欄を読み取れません（様式の見出しを消したり書き換えたりしていないか確認してください）",
        en: "The heading \"{{label}}\" was not found, so this part cannot be read (check the template's headings are intact)",
      },
    },
  },
  check(context) {
    for (const problem of context.analysis.model.layoutProblems) {
      context.report({ messageId: "missing", at: problem, data: { label: problem.label } });
    }
  },
};
