import { edited, firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: 基準値 F16; 2024 target/actual E18/F18; 2025 E20/F20; 2026 E22/F22.
const actual = (value: string, unit = "件") => oneSection([{ unit, years: firstYear(100, value, "達成") }]);

export const cases: RuleCases = {
  valid: [
    { name: "numbers stored as numbers", report: oneSection() },
    { name: "a decimal", report: oneSection([{ unit: "%", years: firstYear(83, 82.7, "未達成"), unmet: "理由。" }]) },
    {
      name: "a negative number with ASCII minus",
      report: oneSection([
        {
          unit: "%",
          years: [
            [-5, -10, "達成"],
            [-25, null, null],
            [-50, null, null],
          ],
        },
      ]),
    },
    {
      name: "zero",
      report: oneSection([
        {
          name: "事故件数の削減",
          years: [
            [0, 0, "達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
    },
    { name: "なし as 基準値", report: oneSection([{ baseYear: "なし", baseValue: "なし" }]) },
    { name: "a numeric 基準値", report: oneSection([{ baseYear: 2023, baseValue: 50 }]) },
    {
      name: "未計測 as 実績値",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: "2025年度に計測する。" }]),
    },
    {
      name: "未設定 in the first year's 目標値",
      report: oneSection([{ years: firstYear("未設定", 50, "未達成"), achieved: null, unmet: "目標は2025年度に設定する。" }]),
    },
    {
      name: "empty actuals after Y",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, null, null],
            [300, null, null],
          ],
        },
      ]),
    },
    {
      name: "a fraction shown as a percent is percent-fraction's finding, not this one",
      report: edited(oneSection([{ unit: "%", years: firstYear(85, 0.862, "達成") }]), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
    },
    {
      name: "a minus look-alike is minus-sign's finding, not this one",
      report: oneSection([
        {
          unit: "%",
          years: [
            [-5, "▲10", "達成"],
            [-25, null, null],
            [-50, null, null],
          ],
        },
      ]),
    },
    {
      name: "a minus look-alike with separators is minus-sign's too",
      report: oneSection([
        {
          unit: "%",
          years: [
            [-5, "▲1,000", "達成"],
            [-25, null, null],
            [-50, null, null],
          ],
        },
      ]),
    },
  ],
  invalid: [
    {
      name: "a plain number stored as text is a warning (「16000」)",
      report: actual("16000"),
      errors: [{ cell: "F18", messageId: "storedAsText", severity: "warning", messageIncludes: ["2024年度末 実績値「16000」は文字列として入力された数値"] }],
      output: { F18: 16000 },
    },
    {
      name: "a decimal stored as text is a warning too",
      report: oneSection([{ unit: "%", years: firstYear(83, "82.7", "未達成"), achieved: null, unmet: "理由。" }]),
      errors: [{ cell: "F18", messageId: "storedAsText", severity: "warning" }],
      output: { F18: 82.7 },
    },
    {
      name: "text that is not a plain number stays an error (a stray space)",
      report: actual("120 "),
      errors: [{ cell: "F18", messageId: "fixable", severity: "error" }],
      output: { F18: 120 },
    },
    {
      name: "full-width digits",
      report: actual("１２０"),
      errors: [{ cell: "F18", messageId: "fixable", severity: "error", messageIncludes: ["2024年度末 実績値「１２０」", "（120）"] }],
      output: { F18: 120 },
    },
    {
      name: "a thousands separator",
      report: actual("1,234"),
      errors: [{ cell: "F18", messageId: "fixable", messageIncludes: ["「1,234」", "（1234）"] }],
      output: { F18: 1234 },
    },
    {
      name: "a trailing unit equal to 単位",
      report: actual("120件"),
      errors: [{ cell: "F18", messageId: "fixable", messageIncludes: ["「120件」", "（120）"] }],
      output: { F18: 120 },
    },
    {
      name: "a trailing % under 単位 %",
      report: oneSection([{ unit: "%", years: firstYear(85, "86.2%", "達成") }]),
      errors: [{ cell: "F18", messageId: "fixable", messageIncludes: ["「86.2%」", "（86.2）"] }],
      output: { F18: 86.2 },
    },
    {
      name: "full-width digits, separator and % together",
      report: oneSection([{ unit: "％", years: firstYear("１，０００％", "１，２００．５％", "達成") }]),
      errors: [
        { cell: "E18", messageId: "fixable", messageIncludes: ["2024年度末 目標値「１，０００％」", "（1000）"] },
        { cell: "F18", messageId: "fixable", messageIncludes: ["（1200.5）"] },
      ],
      output: { E18: 1000, F18: 1200.5 },
    },
    {
      name: "stray spaces",
      report: actual(" 120 "),
      errors: [{ cell: "F18", messageId: "fixable", messageIncludes: ["（120）"] }],
      output: { F18: 120 },
    },
    {
      name: "stray full-width space before a unit",
      report: actual("１２０　件"),
      errors: [{ cell: "F18", messageId: "fixable" }],
      output: { F18: 120 },
    },
    {
      name: "a number stored as text",
      report: actual("120"),
      errors: [{ cell: "F18", messageId: "storedAsText", severity: "warning", messageIncludes: ["「120」"] }],
      output: { F18: 120 },
    },
    {
      name: "a negative number stored as text (ASCII minus)",
      report: oneSection([
        {
          unit: "%",
          years: [
            [-5, "-10", "達成"],
            [-25, null, null],
            [-50, null, null],
          ],
        },
      ]),
      errors: [{ cell: "F18", messageId: "storedAsText", severity: "warning", messageIncludes: ["「-10」"] }],
      output: { F18: -10 },
    },
    {
      name: "a leading +",
      report: actual("+120"),
      errors: [{ cell: "F18", messageId: "fixable" }],
      output: { F18: 120 },
    },
    {
      name: "a later year's target with a separator",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            ["1,234", null, null],
            [300, null, null],
          ],
        },
      ]),
      errors: [{ cell: "E20", messageId: "fixable", messageIncludes: ["2025年度末 目標値「1,234」"] }],
      output: { E20: 1234 },
    },
    {
      name: "a 基準値 in full-width digits",
      report: oneSection([{ baseYear: 2023, baseValue: "５０", years: firstYear(100, 120, "達成") }]),
      errors: [{ cell: "F16", messageId: "fixable", messageIncludes: ["基準値「５０」", "（50）"] }],
      output: { F16: 50 },
    },
    {
      name: "other text has no fix",
      report: actual("約120"),
      errors: [{ cell: "F18", messageId: "invalid", messageIncludes: ["「約120」", "使える語: 未計測"] }],
    },
    {
      name: "spaces between digits are not stray: 「1 20」 has no fix",
      report: actual("1 20"),
      errors: [{ cell: "F18", messageId: "invalid", messageIncludes: ["「1 20」"] }],
    },
    {
      name: "a trailing unit other than 単位 has no fix",
      report: actual("120人"),
      errors: [{ cell: "F18", messageId: "invalid", messageIncludes: ["「120人」"] }],
    },
    {
      name: "なし in an actual is an error",
      report: actual("なし"),
      errors: [{ cell: "F18", messageId: "invalid", severity: "error", messageIncludes: ["実績値「なし」", "使える語: 未計測"] }],
    },
    {
      name: "#N/A text",
      report: actual("#N/A"),
      errors: [{ cell: "F18", messageId: "invalid", messageIncludes: ["「#N/A」"] }],
    },
    {
      name: "未設定 in a later year's target",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            ["未設定", null, null],
            [300, null, null],
          ],
        },
      ]),
      errors: [{ cell: "E20", messageId: "unsetLater", severity: "error", messageIncludes: ["2025年度末 目標値に「未設定」は使えません"] }],
    },
    {
      name: "未計測 in a target",
      report: oneSection([{ years: firstYear("未計測", 120, "達成") }]),
      errors: [{ cell: "E18", messageId: "invalid", messageIncludes: ["目標値「未計測」", "使える語: 未設定"] }],
    },
    {
      name: "a later target allows no word at all (the message does not offer なし)",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, null, null],
            ["未定", null, null],
          ],
        },
      ]),
      errors: [{ cell: "E22", messageId: "invalid", messageIncludes: ["2026年度末 目標値「未定」", "使える語: 数値のみ"] }],
    },
    {
      name: "a 基準値 that is not a number",
      report: oneSection([{ baseYear: 2023, baseValue: "不明" }]),
      errors: [{ cell: "F16", messageId: "invalid", messageIncludes: ["基準値「不明」", "使える語: なし"] }],
    },
    {
      name: "a boolean is not a number",
      report: oneSection([{ years: firstYear(100, true, "達成") }]),
      errors: [{ cell: "F18", messageId: "invalid" }],
    },
    {
      name: "fixable and unfixable cells in one block",
      report: oneSection([
        {
          years: [
            ["１００", "約120", "達成"],
            ["200件", null, null],
            [300, null, null],
          ],
        },
      ]),
      errors: [
        { cell: "E18", messageId: "fixable" },
        { cell: "F18", messageId: "invalid" },
        { cell: "E20", messageId: "fixable" },
      ],
      // F18 keeps "約120": output is every cell the fixes write, and F18 is not one of them.
      output: { E18: 100, E20: 200 },
    },
  ],
};
