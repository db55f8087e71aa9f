import { AMOUNT_FORMAT, edited, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Summary sheet 活用状況: project (n) on row 4+n (F 事業費, G 交付金充当額), then the 合計 row.
// The builder's 事業費 are odd (1,000,001 for (1), 2,000,001 for (2)), so every grant rounds down.
export const S = "活用状況";
export const two = (projects: ReportSpec["projects"] = {}, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  sections: [
    { number: 1, blocks: [{}] },
    { number: 2, blocks: [{}] },
  ],
  projects,
  ...extra,
});

export const cases: RuleCases = {
  valid: [
    { name: "rate 1/2: an odd 事業費 rounds down (1,000,001 → 500,000)", report: two() },
    {
      name: "rate 2/3 (666,667.33 → 666,667)",
      report: two({ 1: { grant: 666_667 }, 2: { grant: 1_333_334 } }),
      options: { rate: { numerator: 2, denominator: 3 } },
    },
    {
      name: "rate 3/4 (750,000.75 → 750,000)",
      report: two({ 1: { grant: 750_000 }, 2: { grant: 1_500_000 } }),
      options: { rate: { numerator: 3, denominator: 4 } },
    },
    { name: "an even 事業費", report: two({ 1: { cost: 2_136_200, grant: 1_068_100 } }) },
    {
      name: "the grant as the form's formula with its cached result",
      report: edited(two(), [[S, "G5", 500_000, { formula: "=ROUNDDOWN(F5*1/2,0)" }]]),
    },
    { name: "empty 事業費 and empty grant: nothing to compute", report: two({ 1: { cost: null, grant: null } }) },
    { name: "an unreadable 事業費 is amount-not-number's finding", report: two({ 1: { cost: "未定", grant: null } }) },
    { name: "a 事業費 typed as text is judged by its number", report: two({ 1: { cost: "1,000,001円", grant: 500_000 } }) },
    { name: "a right grant typed as text is amount-not-number's finding", report: two({ 1: { grant: "500,000円" } }) },
  ],
  invalid: [
    {
      name: "a grant rounded up",
      report: two({ 1: { grant: 500_001 } }),
      errors: [
        {
          sheet: S,
          cell: "G5",
          messageId: "mismatch",
          severity: "error",
          messageIncludes: ["交付金充当額 500001 が、事業費 1000001 × 1/2 の切り捨て 500000 と一致しません"],
        },
      ],
      output: { [`${S}!G5`]: { value: 500_000, formula: "=ROUNDDOWN(F5*1/2,0)", numberFormat: AMOUNT_FORMAT } },
    },
    {
      name: "an empty grant counts",
      report: two({ 2: { grant: null } }),
      errors: [
        {
          sheet: S,
          cell: "G6",
          messageId: "mismatch",
          messageIncludes: ["交付金充当額 （空欄） が", "事業費 2000001 × 1/2 の切り捨て 1000000"],
        },
      ],
      output: { [`${S}!G6`]: { value: 1_000_000, formula: "=ROUNDDOWN(F6*1/2,0)" } },
    },
    {
      name: "rate 2/3 set by the user",
      report: two({ 2: { grant: 1_333_334 } }),
      options: { rate: { numerator: 2, denominator: 3 } },
      errors: [
        {
          sheet: S,
          cell: "G5",
          messageId: "mismatch",
          messageIncludes: ["交付金充当額 500000 が、事業費 1000001 × 2/3 の切り捨て 666667"],
        },
      ],
      output: { [`${S}!G5`]: { value: 666_667, formula: "=ROUNDDOWN(F5*2/3,0)" } },
    },
    {
      name: "rate 3/4 set by the user, both rows",
      report: two(),
      options: { rate: { numerator: 3, denominator: 4 } },
      errors: [
        { sheet: S, cell: "G5", messageId: "mismatch", messageIncludes: ["× 3/4 の切り捨て 750000"] },
        { sheet: S, cell: "G6", messageId: "mismatch", messageIncludes: ["× 3/4 の切り捨て 1500000"] },
      ],
      output: {
        [`${S}!G5`]: { value: 750_000, formula: "=ROUNDDOWN(F5*3/4,0)" },
        [`${S}!G6`]: { value: 1_500_000, formula: "=ROUNDDOWN(F6*3/4,0)" },
      },
    },
    {
      name: "a wrong grant typed as text",
      report: two({ 1: { grant: "600,000円" } }),
      errors: [{ sheet: S, cell: "G5", messageId: "mismatch", messageIncludes: ["交付金充当額 600000 が"] }],
      output: { [`${S}!G5`]: { value: 500_000, formula: "=ROUNDDOWN(F5*1/2,0)" } },
    },
    {
      name: "a grant cell without a number format gets the amount format",
      report: edited(two(), [[S, "G5", 1, { numberFormat: null }]]),
      errors: [{ sheet: S, cell: "G5", messageId: "mismatch" }],
      output: { [`${S}!G5`]: { value: 500_000, formula: "=ROUNDDOWN(F5*1/2,0)", numberFormat: AMOUNT_FORMAT } },
    },
    {
      name: "writeMode value writes the value without a formula",
      report: two({ 1: { grant: 500_001 } }),
      options: { writeMode: "value" },
      errors: [{ sheet: S, cell: "G5", messageId: "mismatch" }],
      output: { [`${S}!G5`]: { value: 500_000, formula: null } },
    },
  ],
};
