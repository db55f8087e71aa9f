import { firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: the 【KPI達成】 text B23, the 【KPI未達成又は未計測】 text B24. Block ②: B34, B35.
const UNMET = "周知が不足したため。2025年度は広報を強化する。";

export const cases: RuleCases = {
  valid: [
    { name: "achieved with the 【KPI達成】 text", report: oneSection() },
    {
      name: "missed with the 【KPI未達成又は未計測】 text",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: UNMET }]),
    },
    {
      name: "未計測 with the 【KPI未達成又は未計測】 text",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: UNMET }]),
    },
    {
      name: "未設定 target with the 【KPI未達成又は未計測】 text",
      report: oneSection([{ years: firstYear("未設定", 50, "未達成"), achieved: null, unmet: UNMET }]),
    },
    {
      name: "no computed status and no valid written status: nothing is required",
      report: oneSection([{ years: firstYear(100, "集計中", null), achieved: null }]),
    },
    {
      name: "no computed status: the written status decides (達成)",
      report: oneSection([{ years: firstYear(100, "集計中", "達成") }]),
    },
    {
      name: "the section (2) label spelling 【KPI達成の場合】",
      report: oneSection([{ achievedLabel: "【KPI達成の場合】 達成のための取組内容や工夫" }]),
    },
  ],
  invalid: [
    {
      name: "achieved, the 【KPI達成】 text empty",
      report: oneSection([{ achieved: null }]),
      errors: [
        {
          cell: "B23",
          messageId: "achieved",
          severity: "error",
          messageIncludes: ["(1) KPI①は2024年度末に達成のため、【KPI達成】の場合の記述"],
        },
      ],
    },
    {
      name: "a placeholder alone (なし) is no explanation",
      report: oneSection([{ achieved: "なし" }]),
      errors: [{ cell: "B23", messageId: "achieved" }],
    },
    {
      name: "a placeholder alone (－) in the 【KPI未達成又は未計測】 field is no explanation",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: "－" }]),
      errors: [{ cell: "B24", messageId: "unmet" }],
    },
    {
      name: "a text of spaces only is empty",
      report: oneSection([{ achieved: "　 " }]),
      errors: [{ cell: "B23", messageId: "achieved" }],
    },
    {
      name: "未達成, the 【KPI未達成又は未計測】 text empty",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null }]),
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["2024年度末が未達成のため、【KPI未達成又は未計測】の場合の記述"] }],
    },
    {
      name: "未計測, the 【KPI未達成又は未計測】 text empty",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null }]),
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["2024年度末が未計測のため"] }],
    },
    {
      name: "未設定 target, the 【KPI未達成又は未計測】 text empty",
      report: oneSection([{ years: firstYear("未設定", 50, "未達成"), achieved: null }]),
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["2024年度末が目標未設定のため"] }],
    },
    {
      name: "未設定 target: a 達成 written does not make 【KPI達成】 the required field",
      report: oneSection([{ years: firstYear("未設定", 50, "達成") }]),
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["目標未設定"] }],
    },
    {
      name: "a wrong status does not change which explanation is required (computed 達成, written 未達成)",
      report: oneSection([{ years: firstYear(100, 120, "未達成"), achieved: null, unmet: UNMET }]),
      errors: [{ cell: "B23", messageId: "achieved" }],
    },
    {
      name: "a wrong status does not change which explanation is required (computed 未達成, written 達成)",
      report: oneSection([{ years: firstYear(100, 80, "達成") }]),
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["未達成"] }],
    },
    {
      name: "no computed status: the written 未達成 decides",
      report: oneSection([{ years: firstYear(100, "集計中", "未達成"), achieved: null }]),
      errors: [{ cell: "B24", messageId: "unmet" }],
    },
    {
      name: "year Y's outcome (options.reportingYear 2025)",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, 190, "未達成"],
            [300, null, null],
          ],
        },
      ]),
      options: { reportingYear: 2025 },
      errors: [{ cell: "B24", messageId: "unmet", messageIncludes: ["2025年度末が未達成"] }],
    },
    {
      name: "the second block",
      report: oneSection([{}, { achieved: null }]),
      errors: [{ cell: "B34", messageId: "achieved", messageIncludes: ["(1) KPI②"] }],
    },
  ],
};
