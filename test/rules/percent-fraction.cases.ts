import { edited, firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// 2024 target E18, actual F18; 基準値 F16.
const percentKpi = (unit: string) => oneSection([{ unit, years: firstYear(85, 0.862, "達成") }]);

export const cases: RuleCases = {
  valid: [
    { name: "a percentage written as a plain number", report: oneSection([{ unit: "%", years: firstYear(85, 86.2, "達成") }]) },
    {
      name: "the same fraction under unit 件 is just a number",
      report: edited(percentKpi("件"), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
    },
    {
      name: "a fraction under unit % without a percent format",
      report: edited(percentKpi("%"), [["事業1", "F18", 0.862, { numberFormat: "0.000" }]]),
    },
    {
      name: "a literal % in quotes is not a percent format",
      report: edited(oneSection([{ unit: "%", years: firstYear(85, 86.2, "達成") }]), [["事業1", "F18", 86.2, { numberFormat: '0.0"%"' }]]),
    },
    {
      name: "a percentage typed as text is number-format's finding",
      report: oneSection([{ unit: "%", years: firstYear(85, "86.2%", "達成") }]),
    },
  ],
  invalid: [
    {
      name: "0.862 under 0.0% with unit % is 86.2",
      report: edited(percentKpi("%"), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
      errors: [
        { cell: "F18", messageId: "fraction", severity: "warning", messageIncludes: ["2024年度末 実績値は 0.862", "86.2 と記入します"] },
      ],
      output: { F18: { value: 86.2, numberFormat: "General" } },
    },
    {
      name: "unit written full-width ％",
      report: edited(percentKpi("％"), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
      errors: [{ cell: "F18", messageId: "fraction" }],
      output: { F18: { value: 86.2, numberFormat: "General" } },
    },
    {
      name: "unit パーセント",
      report: edited(percentKpi("パーセント"), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
      errors: [{ cell: "F18", messageId: "fraction" }],
      output: { F18: { value: 86.2, numberFormat: "General" } },
    },
    {
      name: "a one-decimal fraction (0.5 → 50, not 5)",
      report: edited(oneSection([{ unit: "%", baseYear: 2023, baseValue: 0.5, years: firstYear(85, 86.2, "達成") }]), [
        ["事業1", "F16", 0.5, { numberFormat: "0%" }],
      ]),
      errors: [{ cell: "F16", messageId: "fraction", messageIncludes: ["基準値は 0.5", "50 と記入します"] }],
      output: { F16: { value: 50, numberFormat: "General" } },
    },
    {
      name: "a whole 1 under 0% is 100",
      report: edited(oneSection([{ unit: "%", years: firstYear(1, 100, "達成") }]), [["事業1", "E18", 1, { numberFormat: "0%" }]]),
      errors: [{ cell: "E18", messageId: "fraction", messageIncludes: ["100 と記入します"] }],
      output: { E18: { value: 100, numberFormat: "General" } },
    },
    {
      name: "target and actual both",
      report: edited(percentKpi("%"), [
        ["事業1", "E18", 0.85, { numberFormat: "0%" }],
        ["事業1", "F18", 0.862, { numberFormat: "0.0%" }],
      ]),
      errors: [
        { cell: "E18", messageId: "fraction", messageIncludes: ["目標値は 0.85", "85 と記入します"] },
        { cell: "F18", messageId: "fraction" },
      ],
      output: { E18: { value: 85, numberFormat: "General" }, F18: { value: 86.2, numberFormat: "General" } },
    },
  ],
};
