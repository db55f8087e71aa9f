import { firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: the 【KPI達成】 text B23, the 【KPI未達成又は未計測】 text B24.
const ACHIEVED = "周知を重ねた結果、目標を上回った。";
const UNMET = "周知が不足したため。2025年度は広報を強化する。";

export const cases: RuleCases = {
  valid: [
    { name: "achieved, text only in 【KPI達成】", report: oneSection() },
    {
      name: "missed, text only in 【KPI未達成又は未計測】",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: UNMET }]),
    },
    {
      name: "未計測, text only in 【KPI未達成又は未計測】",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: UNMET }]),
    },
    {
      name: "no outcome (no computed status, none written): both fields may hold text",
      report: oneSection([{ years: firstYear(100, "集計中", null), achieved: ACHIEVED, unmet: UNMET }]),
    },
    { name: "achieved, the other field only spaces", report: oneSection([{ unmet: "　" }]) },
    ...["－", "-", "ー", "―", "なし", "特になし", "該当なし", " 特に なし "].map((placeholder) => ({
      name: `achieved, the other field holds only the placeholder 「${placeholder}」`,
      report: oneSection([{ unmet: placeholder }]),
    })),
    {
      name: "missed, the 【KPI達成】 field holds only 「該当なし」",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: "該当なし", unmet: UNMET }]),
    },
  ],
  invalid: [
    {
      name: "achieved, yet the 【KPI未達成又は未計測】 field has text",
      report: oneSection([{ unmet: UNMET }]),
      errors: [
        {
          cell: "B24",
          messageId: "inUnmet",
          severity: "warning",
          messageIncludes: ["(1) KPI①は2024年度末に達成ですが、【KPI未達成又は未計測】の場合の欄に記述があります"],
        },
      ],
    },
    {
      name: "achieved with the text in the wrong field only",
      report: oneSection([{ achieved: null, unmet: ACHIEVED }]),
      errors: [{ cell: "B24", messageId: "inUnmet" }],
    },
    {
      name: "missed, yet the 【KPI達成】 field has text",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: ACHIEVED, unmet: UNMET }]),
      errors: [
        { cell: "B23", messageId: "inAchieved", messageIncludes: ["2024年度末が未達成ですが、【KPI達成】の場合の欄に記述があります"] },
      ],
    },
    {
      name: "未計測, yet the 【KPI達成】 field has text",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: ACHIEVED }]),
      errors: [{ cell: "B23", messageId: "inAchieved", messageIncludes: ["2024年度末が未計測ですが"] }],
    },
    {
      name: "未設定 target with 達成 written: the outcome reads 目標未設定",
      report: oneSection([{ years: firstYear("未設定", 50, "達成"), achieved: ACHIEVED }]),
      errors: [{ cell: "B23", messageId: "inAchieved", messageIncludes: ["2024年度末が目標未設定ですが"] }],
    },
    {
      name: "未設定 target and no status",
      report: oneSection([{ years: firstYear("未設定", 50, null), achieved: ACHIEVED }]),
      errors: [{ cell: "B23", messageId: "inAchieved", messageIncludes: ["目標未設定"] }],
    },
    {
      name: "the computed outcome decides, not a wrong status (computed 未達成, written 達成)",
      report: oneSection([{ years: firstYear(100, 80, "達成"), achieved: ACHIEVED }]),
      errors: [{ cell: "B23", messageId: "inAchieved", messageIncludes: ["未達成"] }],
    },
    {
      name: "the second block",
      report: oneSection([{}, { unmet: UNMET }]),
      errors: [{ cell: "B35", messageId: "inUnmet", messageIncludes: ["(1) KPI②"] }],
    },
  ],
};
