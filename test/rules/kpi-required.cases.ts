import { firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: name A16, 種別 C16, 単位 D16; targets E18 (2024), E20 (2025), E22 (2026). Block ② starts at row 26.

export const cases: RuleCases = {
  valid: [
    { name: "every field filled", report: oneSection() },
    {
      name: "a target of 0 is not empty",
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
    {
      name: "未設定 fills the first year's target",
      report: oneSection([{ years: firstYear("未設定", 50, "未達成"), achieved: null, unmet: "目標は次年度に設定する。" }]),
    },
    {
      name: "an unused block of the form (nothing typed in) is not a KPI",
      report: oneSection([
        {},
        {
          name: null,
          kind: null,
          unit: null,
          baseYear: null,
          baseValue: null,
          years: [
            [null, null, null],
            [null, null, null],
            [null, null, null],
          ],
          achieved: null,
          unmet: null,
        },
      ]),
    },
    { name: "empty actuals and statuses are other rules' findings", report: oneSection([{ years: firstYear(100, null, null) }]) },
  ],
  invalid: [
    {
      name: "empty KPI name",
      report: oneSection([{ name: null }]),
      errors: [{ cell: "A16", messageId: "empty", severity: "error", messageIncludes: ["(1) KPI①のKPI名が空欄です"] }],
    },
    {
      name: "a name of spaces only is empty",
      report: oneSection([{ name: "　 " }]),
      errors: [{ cell: "A16", messageId: "empty" }],
    },
    {
      name: "empty 種別",
      report: oneSection([{ kind: null }]),
      errors: [{ cell: "C16", messageId: "empty", messageIncludes: ["種別が空欄です"] }],
    },
    {
      name: "empty 単位",
      report: oneSection([{ unit: null }]),
      errors: [{ cell: "D16", messageId: "empty", messageIncludes: ["単位が空欄です"] }],
    },
    {
      name: "empty 2025 target",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [null, null, null],
            [300, null, null],
          ],
        },
      ]),
      errors: [{ cell: "E20", messageId: "empty", messageIncludes: ["2025年度末 目標値が空欄です"] }],
    },
    {
      name: "every target empty",
      report: oneSection([
        {
          years: [
            [null, 120, "達成"],
            [null, null, null],
            [null, null, null],
          ],
        },
      ]),
      errors: [
        { cell: "E18", messageId: "empty", messageIncludes: ["2024年度末 目標値"] },
        { cell: "E20", messageId: "empty" },
        { cell: "E22", messageId: "empty", messageIncludes: ["2026年度末 目標値"] },
      ],
    },
    {
      name: "the second block's fields",
      report: oneSection([{}, { kind: null, unit: "" }]),
      errors: [
        { cell: "C27", messageId: "empty", messageIncludes: ["(1) KPI②の種別"] },
        { cell: "D27", messageId: "empty" },
      ],
    },
  ],
};
