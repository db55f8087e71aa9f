import { AMOUNT_FORMAT, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Project (1) on row 5 of 活用状況 (F 事業費, G 交付金充当額), (2) on row 6.
const S = "活用状況";
const two = (projects: ReportSpec["projects"]): ReportSpec => ({
  sections: [
    { number: 1, blocks: [{}] },
    { number: 2, blocks: [{}] },
  ],
  projects,
});
const money = (value: number) => ({ value, numberFormat: AMOUNT_FORMAT });

export const cases: RuleCases = {
  valid: [
    { name: "numbers with the amount format", report: two({}) },
    { name: "numbers without a format", report: two({ 1: { cost: 2_136_200, grant: 1_068_100 } }) },
    { name: "empty amounts (grant-rate / total-mismatch judge them)", report: two({ 1: { cost: null, grant: null } }) },
  ],
  invalid: [
    {
      name: '"2,136,200円" typed as text',
      report: two({ 1: { cost: "2,136,200円", grant: 1_068_100 } }),
      errors: [
        {
          sheet: S,
          cell: "F5",
          messageId: "fixable",
          severity: "error",
          messageIncludes: ["事業費「2,136,200円」が文字列です", "数値 2136200"],
        },
      ],
      output: { [`${S}!F5`]: money(2_136_200) },
    },
    {
      name: "full-width digits in the grant",
      report: two({ 1: { cost: 2_136_200, grant: "１，０６８，１００円" } }),
      errors: [{ sheet: S, cell: "G5", messageId: "fixable", messageIncludes: ["交付金充当額「１，０６８，１００円」", "数値 1068100"] }],
      output: { [`${S}!G5`]: money(1_068_100) },
    },
    {
      name: "a plain number stored as text",
      report: two({ 2: { cost: "2000001", grant: 1_000_000 } }),
      errors: [{ sheet: S, cell: "F6", messageId: "fixable" }],
      output: { [`${S}!F6`]: money(2_000_001) },
    },
    {
      name: "spaces around the number and the yen sign",
      report: two({ 1: { cost: " 2,136,200 円 ", grant: 1_068_100 } }),
      errors: [{ sheet: S, cell: "F5", messageId: "fixable" }],
      output: { [`${S}!F5`]: money(2_136_200) },
    },
    {
      name: "both amounts of a row",
      report: two({ 1: { cost: "2,136,200円", grant: "1,068,100円" } }),
      errors: [
        { sheet: S, cell: "F5", messageId: "fixable" },
        { sheet: S, cell: "G5", messageId: "fixable" },
      ],
      output: { [`${S}!F5`]: money(2_136_200), [`${S}!G5`]: money(1_068_100) },
    },
    {
      name: "text that is not an amount has no fix",
      report: two({ 1: { cost: "未定", grant: null } }),
      errors: [{ sheet: S, cell: "F5", messageId: "invalid", messageIncludes: ["事業費「未定」は数値として読めません"] }],
    },
    {
      name: "a 合計 typed as text, even when it is the right sum",
      report: { ...two({}), totalCost: "3,000,003円" },
      errors: [{ sheet: S, cell: "F7", messageId: "fixable", messageIncludes: ["事業費「3,000,003円」が文字列です"] }],
      output: { [`${S}!F7`]: money(3_000_003) },
    },
    {
      name: "a boolean is not an amount",
      report: two({ 2: { cost: 2_000_001, grant: true } }),
      errors: [{ sheet: S, cell: "G6", messageId: "invalid" }],
    },
  ],
};
