import { AMOUNT_FORMAT, edited, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Two projects: rows 5 and 6 (事業費 1,000,001 and 2,000,001; grants 500,000 and 1,000,000); 合計 on row 7.
const S = "活用状況";
const sections = (n: number): ReportSpec["sections"] => Array.from({ length: n }, (_, i) => ({ number: i + 1, blocks: [{}] }));
const two = (extra: Partial<ReportSpec> = {}): ReportSpec => ({ sections: sections(2), ...extra });

export const cases: RuleCases = {
  valid: [
    { name: "the form's SUM formulas with their results", report: two() },
    { name: "right totals typed as numbers", report: two({ totalCost: 3_000_002, totalGrant: 1_500_000 }) },
    { name: "one project", report: { sections: sections(1) } },
    {
      name: "project amounts typed as text are summed by their numbers",
      report: two({ projects: { 1: { cost: "1,000,001円", grant: "500,000円" } }, totalCost: 3_000_002, totalGrant: 1_500_000 }),
    },
    {
      name: "an unreadable project amount: its own finding comes first",
      report: two({ projects: { 1: { cost: "未定", grant: null } }, totalCost: 123 }),
    },
    {
      name: "no 合計 row at all: nothing to compare",
      report: edited(two(), [
        [S, "A7", null],
        [S, "F7", null],
        [S, "G7", null],
      ]),
    },
  ],
  invalid: [
    {
      name: "a 事業費 total that is not the sum",
      report: two({ totalCost: 123 }),
      errors: [
        {
          sheet: S,
          cell: "F7",
          messageId: "mismatch",
          severity: "error",
          messageIncludes: ["合計の事業費 123 が、各事業の合計 3000002 と一致しません"],
        },
      ],
      output: { [`${S}!F7`]: { value: 3_000_002, formula: "=SUM(F5:F6)", numberFormat: AMOUNT_FORMAT } },
    },
    {
      name: "a missing 交付金充当額 total",
      report: two({ totalGrant: null }),
      errors: [{ sheet: S, cell: "G7", messageId: "missing", messageIncludes: ["合計の交付金充当額が空欄です（各事業の合計は 1500000）"] }],
      output: { [`${S}!G7`]: { value: 1_500_000, formula: "=SUM(G5:G6)" } },
    },
    {
      name: "both totals wrong",
      report: two({ totalCost: 3_000_000, totalGrant: 1_500_001 }),
      errors: [
        { sheet: S, cell: "F7", messageId: "mismatch", messageIncludes: ["3000000", "3000002"] },
        { sheet: S, cell: "G7", messageId: "mismatch", messageIncludes: ["1500001", "1500000"] },
      ],
      output: {
        [`${S}!F7`]: { value: 3_000_002, formula: "=SUM(F5:F6)" },
        [`${S}!G7`]: { value: 1_500_000, formula: "=SUM(G5:G6)" },
      },
    },
    {
      name: "three projects: the range covers rows 5 to 7",
      report: { sections: sections(3), totalCost: 0 },
      errors: [{ sheet: S, cell: "F8", messageId: "mismatch", messageIncludes: ["各事業の合計 6000003"] }],
      output: { [`${S}!F8`]: { value: 6_000_003, formula: "=SUM(F5:F7)" } },
    },
    {
      name: "a SUM formula whose cached result is stale",
      report: edited(two(), [[S, "F7", 2_000_000, { formula: "=SUM(F5:F6)", numberFormat: AMOUNT_FORMAT }]]),
      errors: [{ sheet: S, cell: "F7", messageId: "mismatch", messageIncludes: ["合計の事業費 2000000"] }],
      output: { [`${S}!F7`]: { value: 3_000_002, formula: "=SUM(F5:F6)" } },
    },
    {
      name: "an empty project amount counts as 0",
      report: two({ projects: { 2: { cost: null, grant: null } }, totalCost: 3_000_002, totalGrant: 1_500_000 }),
      errors: [
        { sheet: S, cell: "F7", messageId: "mismatch", messageIncludes: ["各事業の合計 1000001"] },
        { sheet: S, cell: "G7", messageId: "mismatch", messageIncludes: ["各事業の合計 500000"] },
      ],
      output: {
        [`${S}!F7`]: { value: 1_000_001, formula: "=SUM(F5:F6)" },
        [`${S}!G7`]: { value: 500_000, formula: "=SUM(G5:G6)" },
      },
    },
    {
      name: "a total typed as text that is not the sum",
      report: two({ totalCost: "3,000,003円" }),
      errors: [{ sheet: S, cell: "F7", messageId: "mismatch", messageIncludes: ["合計の事業費 3000003"] }],
      output: { [`${S}!F7`]: { value: 3_000_002, formula: "=SUM(F5:F6)" } },
    },
    {
      name: "a total cell without a number format gets the amount format",
      report: edited(two(), [[S, "G7", null, { numberFormat: null }]]),
      errors: [{ sheet: S, cell: "G7", messageId: "missing" }],
      output: { [`${S}!G7`]: { value: 1_500_000, formula: "=SUM(G5:G6)", numberFormat: AMOUNT_FORMAT } },
    },
    {
      name: "writeMode value writes the sum without a formula",
      report: two({ totalCost: 123 }),
      options: { writeMode: "value" },
      errors: [{ sheet: S, cell: "F7", messageId: "mismatch" }],
      output: { [`${S}!F7`]: { value: 3_000_002, formula: null } },
    },
  ],
};
