import { firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①'s actuals: F18 (2024), F20 (2025), F22 (2026); block ②'s 2024 actual F29.

export const cases: RuleCases = {
  valid: [
    { name: "the 2024 actual filled, later years empty", report: oneSection() },
    { name: "未計測", report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: "2025年度に計測する。" }]) },
    {
      name: "0 is a value",
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
    { name: "text that is not a number is number-format's finding", report: oneSection([{ years: firstYear(100, "集計中", null) }]) },
    {
      name: "Y = 2025 with both years filled",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, 210, "達成"],
            [300, null, null],
          ],
        },
      ]),
    },
  ],
  invalid: [
    {
      name: "no actual anywhere: Y is the first year",
      report: oneSection([{ years: firstYear(100, null, null), achieved: null }]),
      errors: [{ cell: "F18", messageId: "empty", severity: "error", messageIncludes: ["(1) KPI①の2024年度末 実績値が空欄です"] }],
    },
    {
      name: "another KPI's actual makes 2024 due",
      report: oneSection([{ years: firstYear(100, null, null), achieved: null }, {}]),
      errors: [{ cell: "F18", messageId: "empty" }],
    },
    {
      name: "an actual of spaces only is empty",
      report: oneSection([{ years: firstYear(100, "　", null), achieved: null }, {}]),
      errors: [{ cell: "F18", messageId: "empty" }],
    },
    {
      name: "another KPI's 2025 actual makes 2025 due for every KPI",
      report: oneSection([
        {},
        {
          years: [
            [100, 120, "達成"],
            [200, 210, "達成"],
            [300, null, null],
          ],
        },
      ]),
      errors: [{ cell: "F20", messageId: "empty", messageIncludes: ["(1) KPI①の2025年度末 実績値が空欄です"] }],
    },
    {
      name: "options.reportingYear 2025",
      report: oneSection(),
      options: { reportingYear: 2025 },
      errors: [{ cell: "F20", messageId: "empty" }],
    },
    {
      name: "options.reportingYear 2026: both later years",
      report: oneSection(),
      options: { reportingYear: 2026 },
      errors: [
        { cell: "F20", messageId: "empty" },
        { cell: "F22", messageId: "empty", messageIncludes: ["2026年度末"] },
      ],
    },
    {
      name: "in a second section on its own sheet",
      report: {
        sections: [
          { number: 1, blocks: [{}] },
          { number: 2, blocks: [{}, { years: firstYear(100, null, null), achieved: null }] },
        ],
      },
      errors: [{ sheet: "事業2", cell: "F29", messageId: "empty", messageIncludes: ["(2) KPI②"] }],
    },
  ],
};
