import { fixWorkbook, validateWorkbook } from "../src/core";
import { buildReport, setCell } from "./helpers/report-builder";

describe("fixWorkbook", () => {
  const report = () =>
    buildReport({
      sections: [
        { number: 1, blocks: [{}] },
        { number: 2, blocks: [{}] },
      ],
    });

  it("writes each cell once, expecting what the cell held before any fix", () => {
    const workbook = report();
    setCell(workbook, "活用状況", "G5", 1, { numberFormat: '#,##0"円"' }); // a wrong grant; 合計 G7 is a SUM now stale
    const { writes, after, passes } = fixWorkbook(workbook);
    expect(writes.map((w) => `${w.sheet}!${w.cell}`)).toEqual(["活用状況!G5"]);
    expect(writes[0]).toMatchObject({ expected: { value: 1 }, value: 500000, formula: "=ROUNDDOWN(F5*1/2,0)" });
    expect(after.findings.filter((f) => f.fixable)).toEqual([]);
    expect(passes).toBeGreaterThanOrEqual(1);
  });

  it("leaves out a cell that a later pass brings back to what it held", () => {
    const workbook = report();
    // The 合計 caches the right total (500,000 + 1,000,000) while one grant is wrong: the first pass
    // rewrites the 合計 to the sum of the wrong grants, the second pass back to what it was.
    setCell(workbook, "活用状況", "G5", 1, { numberFormat: '#,##0"円"' });
    setCell(workbook, "活用状況", "G7", 1_500_000, { formula: "=SUM(G5:G6)", numberFormat: '#,##0"円"' });
    const before = validateWorkbook(workbook).findings.map((f) => `${f.ruleId} ${f.cell}`);
    expect(before).toEqual(expect.arrayContaining(["grant-rate G5", "total-mismatch G7"]));
    const { writes } = fixWorkbook(workbook);
    expect(writes.map((w) => w.cell)).toEqual(["G5"]);
  });

  it("does not modify its input", () => {
    const workbook = report();
    setCell(workbook, "活用状況", "G5", 1);
    const copy = JSON.stringify(workbook);
    fixWorkbook(workbook);
    expect(JSON.stringify(workbook)).toBe(copy);
  });
});
