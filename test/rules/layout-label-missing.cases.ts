import { edited, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: KPI label A15 with headers C15 種別, D15 単位, E15 基準年度, F15 基準値; year headers on rows 17/19/21
// (E 目標値, F 実績値, G 達成状況); explanation labels A23, A24. Block ② starts at row 26.
const S = "事業1";
const without = (...cells: string[]) =>
  edited(
    oneSection([{}, {}]),
    cells.map((cell) => [S, cell, null] as [string, string, null]),
  );

export const cases: RuleCases = {
  valid: [
    { name: "the canonical layout", report: oneSection([{}, {}]) },
    {
      name: "label spellings: 【KPI達成の場合】, half-width brackets",
      report: oneSection([{ achievedLabel: "【KPI達成の場合】", unmetLabel: "[KPI未達成又は未計測]の場合" }]),
    },
    { name: "令和 year headers", report: oneSection([{ yearHeader: (year, what) => `令和${year - 2018}年度末 ${what}` }]) },
    { name: "a block without its baseline row is baseline-pair's finding", report: oneSection([{ noBaselineRow: true }]) },
    {
      name: "the instruction rows and 記入例 rows are not blocks",
      report: edited(oneSection(), [[S, "A12", "【KPI達成】の場合の記入例"]]),
    },
  ],
  invalid: [
    {
      name: "the 種別 header of a block deleted",
      report: without("C15"),
      errors: [{ cell: "A15", messageId: "missing", severity: "error", messageIncludes: ["見出し「種別」が見つからない"] }],
    },
    {
      name: "the 単位 and 基準値 headers of the second block deleted",
      report: without("D26", "F26"),
      errors: [
        { cell: "A26", messageId: "missing", messageIncludes: ["「単位」"] },
        { cell: "A26", messageId: "missing", messageIncludes: ["「基準値」"] },
      ],
    },
    {
      name: "a year's 実績値 header deleted: anchored at its 目標値 header",
      report: without("F19"),
      errors: [{ cell: "E19", messageId: "missing", messageIncludes: ["「実績値」"] }],
    },
    {
      name: "a year's 達成状況 header deleted",
      report: without("G17"),
      errors: [{ cell: "E17", messageId: "missing", messageIncludes: ["「達成状況」"] }],
    },
    {
      name: "every year header of a block deleted",
      report: without("E17", "F17", "G17", "E19", "F19", "G19", "E21", "F21", "G21"),
      errors: [{ cell: "A15", messageId: "missing", messageIncludes: ["「目標値」"] }],
    },
    {
      name: "the 【KPI達成】 label deleted",
      report: without("A23"),
      errors: [{ cell: "A15", messageId: "missing", messageIncludes: ["「【KPI達成】の場合」"] }],
    },
    {
      name: "the 【KPI未達成又は未計測】 label rewritten",
      report: edited(oneSection([{}, {}]), [[S, "A35", "理由"]]),
      errors: [{ cell: "A26", messageId: "missing", messageIncludes: ["「【KPI未達成又は未計測】の場合」"] }],
    },
  ],
};
