import { fixWorkbook, validateWorkbook } from "../../src/core";
import { AMOUNT_FORMAT, buildReport, edited, type ReportSpec } from "../helpers/report-builder";
import { runRuleTests } from "../helpers/rule-tester";

// Summary sheet 活用状況: project (n) on row 4+n (F 事業費, G 交付金充当額), then the 合計 row.
// The builder's 事業費 are odd (1,000,001 for (1), 2,000,001 for (2)), so every grant rounds down.
const S = "活用状況";
const two = (projects: ReportSpec["projects"] = {}, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  sections: [
    { number: 1, blocks: [{}] },
    { number: 2, blocks: [{}] },
  ],
  projects,
  ...extra,
});

runRuleTests("grant-rate", {
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
});

describe("grant-rate with fixWorkbook", () => {
  it("a wrong grant and the 合計 both end right", () => {
    const workbook = buildReport(two({ 1: { grant: 600_000 } }));
    const before = validateWorkbook(workbook).findings.map((f) => `${f.cell} ${f.ruleId}`);
    expect(before).toEqual(["G5 grant-rate"]); // the 合計's cached sum still agrees with the wrong grant

    const result = fixWorkbook(workbook);
    const summary = result.workbook.sheets.find((s) => s.name === S)!;
    expect(summary.values[4][6]).toBe(500_000);
    expect(summary.formulas?.[4][6]).toBe("=ROUNDDOWN(F5*1/2,0)");
    expect(summary.values[6][6]).toBe(1_500_000); // 合計 row 7: 500,000 + 1,000,000
    expect(summary.formulas?.[6][6]).toBe("=SUM(G5:G6)");
    expect(result.writes.map((w) => `${w.cell} ${String(w.expected.value)} → ${String(w.value)}`)).toEqual([
      "G5 600000 → 500000",
      "G7 1600000 → 1500000",
    ]);
    expect(result.passes).toBe(2);

    const after = validateWorkbook(result.workbook);
    expect(after.findings.filter((f) => f.fixable)).toEqual([]);
    expect(after.findings).toEqual([]);
    // The input is not modified.
    expect(workbook.sheets[0].values[4][6]).toBe(600_000);
  });

  it("rate 3/4 and a typed (non-formula) 合計: every grant and the 合計 end right", () => {
    const options = { rate: { numerator: 3, denominator: 4 } };
    const workbook = buildReport(two({ 1: { grant: 600_000 } }, { totalGrant: 1_600_000 }));
    const result = fixWorkbook(workbook, options);
    const summary = result.workbook.sheets.find((s) => s.name === S)!;
    expect([summary.values[4][6], summary.values[5][6], summary.values[6][6]]).toEqual([750_000, 1_500_000, 2_250_000]);
    expect(summary.formulas?.[6][6]).toBe("=SUM(G5:G6)");
    const after = validateWorkbook(result.workbook, options);
    expect(after.findings.filter((f) => f.fixable)).toEqual([]);
    expect(after.findings.filter((f) => f.ruleId === "grant-rate" || f.ruleId === "total-mismatch")).toEqual([]);
  });

  it("a grant typed as wrong text: amount-not-number and grant-rate fixes do not fight", () => {
    const workbook = buildReport(two({ 1: { grant: "600,000円" } }, { totalGrant: 1_500_000 }));
    const result = fixWorkbook(workbook);
    const summary = result.workbook.sheets.find((s) => s.name === S)!;
    expect(summary.values[4][6]).toBe(500_000);
    expect(summary.values[6][6]).toBe(1_500_000);
    expect(validateWorkbook(result.workbook).findings).toEqual([]);
  });
});
