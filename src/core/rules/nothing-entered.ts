import { parseA1, toA1 } from "../address";
import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { textOf } from "../rule-helpers";

export const rule: Rule = {
  meta: {
    id: "nothing-entered",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("nothing-entered") },
    anchor: {
      ja: "最初の空欄の事業名セル、または事業のKPI欄の最初の空欄のKPI名セル",
      en: "the first empty 事業名 cell, or the section's first empty KPI name cell",
    },
    description: {
      ja: "事業もKPIも入っていない報告書は提出できない（活用状況に事業が 1 件もない、または事業のKPI欄のKPIがすべて空欄）。入力済みのKPIの後の空欄のKPI欄は指摘しない",
      en: "A report with nothing entered cannot be submitted (no project in the summary, or a section whose KPI blocks are all empty); blank blocks after filled ones are not reported",
    },
    messages: {
      noProject: {
        ja: "活用状況の表に事業が入力されていません。事業名・事業費などを入力してください",
        en: "No project is entered in the summary table: enter each project's 事業名, 事業費 and the rest",
      },
      noKpi: {
        ja: "{{section}}のKPI欄にKPIが入力されていません。KPI名・種別・単位・目標値などを入力してください",
        en: "No KPI is entered in the KPI section of {{section}}: enter each KPI's name, 種別, 単位, targets and the rest",
      },
    },
  },
  check(context) {
    const { model } = context.analysis;
    const summary = model.summary;
    if (summary && summary.projects.length === 0 && summary.band) {
      // The first row of the table's band, in the 事業名 column.
      const header = parseA1(summary.header.cell);
      if (header)
        context.report({ messageId: "noProject", at: { sheet: summary.sheet, cell: toA1(summary.band.firstRow - 1, header.col) } });
    }
    for (const section of model.sections) {
      if (section.blocks.length > 0 || !section.blankBlockName) continue;
      const name = textOf(section.title) || section.sheet;
      context.report({ messageId: "noKpi", at: section.blankBlockName, project: section.number, data: { section: name } });
    }
  },
};
