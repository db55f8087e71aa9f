import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";

// The explanation fields' labels: without one, its text is not read and the explanation rules cannot judge it.
const EXPLANATION_LABELS = { achieved: "【KPI達成】の場合", unmet: "【KPI未達成又は未計測】の場合" } as const;

export const rule: Rule = {
  meta: {
    id: "layout-label-missing",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("layout-label-missing") },
    anchor: {
      ja: "見出しが見つからなかったKPI欄のKPI番号セル（または年度見出しのセル）",
      en: "the KPI label cell of the block (or the year header cell) whose heading is missing",
    },
    description: {
      ja: "KPI欄の見出し（種別・単位・基準年度・基準値・目標値・実績値・達成状況・記述欄）や活用状況の表の「合計」行が見つからず、その部分を読み取れない",
      en: "A KPI block's heading (種別, 単位, 基準年度, 基準値, 目標値, 実績値, 達成状況, explanation labels) or the summary table's 合計 row is missing, so that part cannot be read",
    },
    messages: {
      missing: {
        ja: "見出し「{{label}}」が見つからないため、この欄を読み取れません（様式の見出しを消したり書き換えたりしていないか確認してください）",
        en: 'The heading "{{label}}" was not found, so this part cannot be read (check the template\'s headings are intact)',
      },
    },
  },
  check(context) {
    const { model, blocks } = context.analysis;
    // Problems already reported, by sheet, cell and label: a lookup per block, not a scan.
    const reported = new Set<string>();
    for (const problem of model.layoutProblems) {
      context.report({ messageId: "missing", at: problem, data: { label: problem.label } });
      reported.add(`${problem.sheet}\u0000${problem.cell}\u0000${problem.label}`);
    }
    for (const facts of blocks) {
      for (const kind of ["achieved", "unmet"] as const) {
        if (facts.block[kind]) continue;
        const at = facts.block.label;
        const label = EXPLANATION_LABELS[kind];
        if (reported.has(`${at.sheet}\u0000${at.cell}\u0000${label}`)) continue;
        context.report({ messageId: "missing", at, ...context.where(facts), data: { label } });
      }
    }
  },
};
