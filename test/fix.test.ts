import { applyWrites, fixWorkbook, SKIP_REASONS, skipMessage, validateWorkbook, type CellWrite, type SkippedWrite } from "../src/core";
import { PLAIN, renderFileText, renderJson, type FileReport } from "../src/cli/render";
import { buildReport, setCell } from "../src/fixtures/report-builder";

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

describe("skipped writes: one vocabulary", () => {
  const write = (sheet: string, cell: string, expected: CellWrite["expected"] = { value: null }): CellWrite => ({
    sheet,
    cell,
    expected,
    value: 1,
  });

  it("the core's applyWrites skips a missing sheet, a bad address and a changed cell, each with its reason", () => {
    const workbook = buildReport({ sections: [{ number: 1, blocks: [{}] }] });
    setCell(workbook, "事業1", "H2", "入力済み");
    const { applied, skipped } = applyWrites(workbook, [
      write("削除済み", "A1"),
      write("事業1", "ZZZZ1"),
      write("事業1", "H2", { value: null }),
      write("事業1", "H3", { value: null }),
    ]);
    expect(applied.map((w) => w.cell)).toEqual(["H3"]);
    expect(skipped.map((s) => [s.write.cell, s.reason, s.actual?.value])).toEqual([
      ["A1", "no-sheet", undefined],
      ["ZZZZ1", "bad-address", undefined],
      ["H2", "changed", "入力済み"],
    ]);
  });

  it("every reason has every wording, in both languages, naming the cell as a person reads it", () => {
    for (const reason of SKIP_REASONS) {
      for (const wording of ["state", "apply", "revert"] as const) {
        const text = skipMessage({ write: write("My sheet", "B2"), reason }, wording);
        expect([reason, wording, text.ja.startsWith("'My sheet'!B2")]).toEqual([reason, wording, true]);
        expect([reason, wording, text.en.startsWith("'My sheet'!B2")]).toEqual([reason, wording, true]);
        expect(text.ja).not.toBe(text.en);
      }
    }
    const all = SKIP_REASONS.flatMap((reason) =>
      (["state", "apply", "revert"] as const).map((w) => skipMessage({ write: write("S", "A1"), reason }, w).en),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('"changed" states what was expected and what was found; the pane\'s sentences say what was not done', () => {
    const skip: SkippedWrite = {
      write: write("事業1", "G18", { value: "達成" }),
      reason: "changed",
      actual: { value: null, formula: "=1+1", numberFormat: null },
    };
    expect(skipMessage(skip)).toEqual({
      ja: '事業1!G18 の内容がチェック後に変わっています（想定: "達成"、現在: =1+1）',
      en: '事業1!G18 changed after the check (expected "達成", found =1+1)',
    });
    expect(skipMessage({ ...skip, actual: { value: "" } }).en).toBe('事業1!G18 changed after the check (expected "達成", found (empty))');
    expect(skipMessage({ write: skip.write, reason: "changed" }).ja).toBe('事業1!G18 の内容がチェック後に変わっています（想定: "達成"）');
    expect(skipMessage(skip, "apply").ja).toBe("事業1!G18 は検証後に変更されたため書き込みませんでした");
    expect(skipMessage(skip, "revert").en).toBe("事業1!G18 was not restored: it changed after Apply");
  });

  it("the CLI prints a skipped fix write with the core's text, and JSON gives sheet, cell, code (the reason) and reason", () => {
    const result = validateWorkbook(buildReport({ sections: [{ number: 1, blocks: [{}] }] }));
    const skipped: SkippedWrite[] = [{ write: write("事業1", "C24"), reason: "merged" }];
    const report: FileReport = {
      file: "a.xlsx",
      result,
      sheetOrder: ["活用状況", "事業1"],
      fix: { output: "out/a.xlsx", written: 0, skipped, losses: [] },
    };
    expect(renderFileText(report, "ja", PLAIN)).toContain("\n    事業1!C24 は結合セルの左上以外のセルです\n");
    expect(renderFileText(report, "en", PLAIN)).toContain("\n    事業1!C24 is inside a merged area, not its top-left cell\n");
    const json = JSON.parse(renderJson([report], "en")) as { files: { fixed: { skipped: unknown[] } }[] };
    expect(json.files[0].fixed.skipped).toEqual([
      { sheet: "事業1", cell: "C24", code: "merged", reason: "事業1!C24 is inside a merged area, not its top-left cell" },
    ]);
  });
});
