import { fixWorkbook, validateWorkbook } from "../../src/core";
import { buildReport } from "../../src/fixtures/report-builder";
import { runRuleTests } from "../helpers/rule-tester";
import { S, cases, two } from "../../src/fixtures/rule-cases/grant-rate";

runRuleTests("grant-rate", cases);

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
