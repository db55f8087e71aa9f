import { firstYear, oneSection, type YearSpec } from "../helpers/report-builder";
import type { InvalidCase, RuleCases } from "../helpers/rule-tester";

// A reduction KPI: target -5, so -10 beats it. 2024 actual at F18.
const reduction = (first: YearSpec) => oneSection([{ unit: "%", years: [first, [-25, null, null], [-50, null, null]] }]);

const LOOKALIKES: [string, string][] = [
  ["▲", "black triangle"],
  ["△", "white triangle"],
  ["−", "U+2212 minus sign"],
  ["－", "full-width hyphen-minus"],
  ["ー", "katakana prolonged sound mark"],
  ["ｰ", "half-width prolonged sound mark"],
  ["‐", "hyphen"],
  ["–", "en dash"],
  ["—", "em dash"],
  ["―", "horizontal bar"],
  ["‒", "figure dash"],
];

const eachLookalike: InvalidCase[] = LOOKALIKES.map(([sign, name]) => ({
  name: `${sign} (${name})`,
  report: reduction([-5, `${sign}10`, "達成"]),
  errors: [{ cell: "F18", messageId: "minus", severity: "error", messageIncludes: [`実績値「${sign}10」`, "（-10）"] }],
  output: { F18: -10 },
}));

export const cases: RuleCases = {
  valid: [
    { name: "ASCII minus on a number", report: reduction([-5, -10, "達成"]) },
    { name: "ASCII minus in text is number-format's finding", report: reduction([-5, "-10", "達成"]) },
    { name: "positive numbers", report: oneSection() },
    { name: "a trailing triangle is not a minus (number-format reports the text)", report: reduction([-5, "10▲", "達成"]) },
    { name: "a triangle alone is not a number", report: reduction([-5, "▲", "達成"]) },
    { name: "a look-alike in the explanation text is not a value", report: oneSection([{ achieved: "窓口対応時間は△10%となった。" }]) },
  ],
  invalid: [
    ...eachLookalike,
    {
      name: "▲ with full-width digits",
      report: reduction([-5, "▲１０", "達成"]),
      errors: [{ cell: "F18", messageId: "minus", messageIncludes: ["「▲１０」", "（-10）"] }],
      output: { F18: -10 },
    },
    {
      name: "full-width minus, digits and decimal point",
      report: reduction([-5, "－１０．５", "達成"]),
      errors: [{ cell: "F18", messageId: "minus", messageIncludes: ["（-10.5）"] }],
      output: { F18: -10.5 },
    },
    {
      name: "△ with a separator and the unit",
      report: reduction([-5, "△1,000%", "達成"]),
      errors: [{ cell: "F18", messageId: "minus", messageIncludes: ["（-1000）"] }],
      output: { F18: -1000 },
    },
    {
      name: "▲ and a space",
      report: reduction([-5, "▲ 10", "達成"]),
      errors: [{ cell: "F18", messageId: "minus" }],
      output: { F18: -10 },
    },
    {
      name: "a target written with △",
      report: reduction(["△5", -10, "達成"]),
      errors: [{ cell: "E18", messageId: "minus", messageIncludes: ["2024年度末 目標値「△5」", "（-5）"] }],
      output: { E18: -5 },
    },
    {
      name: "a later year's target",
      report: oneSection([
        {
          unit: "%",
          years: [
            [-5, -10, "達成"],
            ["▲25", null, null],
            [-50, null, null],
          ],
        },
      ]),
      errors: [{ cell: "E20", messageId: "minus", messageIncludes: ["2025年度末 目標値「▲25」"] }],
      output: { E20: -25 },
    },
    {
      name: "a 基準値 written with ▲",
      report: oneSection([{ unit: "%", baseYear: 2023, baseValue: "▲3", years: firstYear(-5, -10, "達成") }]),
      errors: [{ cell: "F16", messageId: "minus", messageIncludes: ["基準値「▲3」", "（-3）"] }],
      output: { F16: -3 },
    },
    {
      name: "target and actual both",
      report: reduction(["▲5", "▲10", "達成"]),
      errors: [
        { cell: "E18", messageId: "minus" },
        { cell: "F18", messageId: "minus" },
      ],
      output: { E18: -5, F18: -10 },
    },
  ],
};
