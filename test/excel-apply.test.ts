/** @jest-environment node */
/**
 * applyWrites (src/excel/apply.ts) on the demo's Excel emulation (test/helpers/excel-emulator.ts):
 * which cells are written and which skipped (and why), the revert, the two round trips, and a
 * write batch that fails part-way (the emulation's failSync: Excel batches are not transactions).
 */
import { fixWorkbook, skipMessage, validateWorkbook, type CellWrite, type Scalar } from "../src/core";
import { HostError } from "../src/host/workbook-host";
import { EmulatedExcel } from "./helpers/excel-emulator";
import { edited, firstYear, oneSection } from "../src/fixtures/report-builder";

const WRONG_STATUS = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

function write(sheet: string, cell: string, expected: Scalar, value: Scalar, extra: Partial<CellWrite> = {}): CellWrite {
  return { sheet, cell, expected: { value: expected }, value, ...extra };
}

function sheetS(apiVersion = "1.13"): EmulatedExcel {
  const excel = new EmulatedExcel({ sheets: [] }, { apiVersion });
  excel.addSheet("S");
  return excel;
}

describe("applyWrites", () => {
  test("two syncs whatever the number of writes", async () => {
    for (const count of [1, 30]) {
      const excel = sheetS();
      const writes = Array.from({ length: count }, (_, i) => write("S", `B${i + 1}`, null, i + 1));
      const outcome = await excel.host().applyWrites(writes);
      expect(outcome.applied).toHaveLength(count);
      expect(outcome.syncs).toBe(2);
      expect(excel.syncs).toBe(2);
      expect(excel.cell("S", `B${count}`).value).toBe(count);
    }
  });

  test("no writes: no sync", async () => {
    const excel = sheetS();
    const outcome = await excel.host().applyWrites([]);
    expect(outcome).toEqual({ applied: [], skipped: [], revert: [], syncs: 0 });
    expect(excel.syncs).toBe(0);
  });

  test("the core's fixes land in exactly the named cells; read again, the finding is gone", async () => {
    const data = edited(
      {
        sections: [{ number: 1, blocks: [{ years: firstYear(100, 80, "達成") }, { kind: "ｱｳﾄﾌﾟｯﾄ" }] }],
        projects: { 1: { grant: "1,000,000円" } },
      },
      [],
    );
    const excel = new EmulatedExcel(data);
    const host = excel.host();
    const { workbook } = await host.readWorkbook();
    const fixes = fixWorkbook(workbook).writes; // one write per cell, formulas included
    expect(fixes.map((w) => `${w.sheet}!${w.cell}`).sort()).toEqual(["事業1!C27", "事業1!G18", "活用状況!G5", "活用状況!G6"]);
    const before = excel.snapshot();
    const outcome = await host.applyWrites(fixes);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.syncs).toBe(2);
    const after = excel.snapshot();
    const touched = new Set(fixes.map((w) => `${w.sheet}!${w.cell}`));
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (touched.has(key)) continue;
      expect([key, after[key]]).toEqual([key, before[key]]);
    }
    expect([...new Set(excel.addinChanges())].sort()).toEqual([...touched].sort());
    expect(excel.cell("事業1", "G18")).toMatchObject({ value: "未達成", formula: null });
    const again = validateWorkbook((await host.readWorkbook()).workbook).findings;
    expect(again.filter((f) => f.fixable)).toEqual([]);
  });

  test("a cell changed since validation is skipped with what it holds now, and left untouched", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    const host = excel.host();
    const { workbook } = await host.readWorkbook();
    const fix = validateWorkbook(workbook).findings.find((f) => f.ruleId === "status")!.fix!;
    excel.edit("事業1", "G18", { value: "未計測" }); // the user types meanwhile
    const other = write("事業1", "H1", null, "ok");
    const outcome = await host.applyWrites([...fix, other]);
    expect(outcome.skipped).toEqual([{ write: fix[0], reason: "changed", actual: { value: "未計測", formula: null, numberFormat: null } }]);
    expect(outcome.applied).toEqual([other]);
    expect(excel.cell("事業1", "G18").value).toBe("未計測");
    expect(excel.addinChanges()).toEqual(["事業1!H1"]);
  });

  test("revert restores values, formulas and number formats exactly, and expects what was written", async () => {
    const excel = sheetS();
    excel.put("S", {
      A1: { value: 10 },
      A2: { value: 20 },
      A3: { value: 10, formula: "=SUM(A1:A1)", numberFormat: "0.0" },
      B1: { value: "2,136,200円" },
      B2: { value: 0.862, numberFormat: "0.0%" },
    });
    const original = excel.snapshot();
    const host = excel.host();
    const writes: CellWrite[] = [
      {
        sheet: "S",
        cell: "A3",
        expected: { value: 10, formula: "=SUM(A1:A1)" },
        value: 30,
        formula: "=SUM(A1:A2)",
        numberFormat: '#,##0"円"',
      },
      write("S", "B1", "2,136,200円", 2136200, { numberFormat: '#,##0"円"' }),
      write("S", "B2", 0.862, 86.2, { numberFormat: "General" }),
      write("S", "C1", null, "=これは文字"),
    ];
    const outcome = await host.applyWrites(writes);
    expect(outcome.applied).toEqual(writes);
    expect(excel.cell("S", "A3")).toMatchObject({ value: 30, formula: "=SUM(A1:A2)", numberFormat: '#,##0"円"' });
    expect(excel.cell("S", "C1")).toMatchObject({ value: "=これは文字", formula: null });
    expect(outcome.revert).toEqual([
      {
        sheet: "S",
        cell: "A3",
        expected: { value: 30, formula: "=SUM(A1:A2)", numberFormat: '#,##0"円"' },
        value: 10,
        formula: "=SUM(A1:A1)",
        numberFormat: "0.0",
      },
      {
        sheet: "S",
        cell: "B1",
        expected: { value: 2136200, formula: null, numberFormat: '#,##0"円"' },
        value: "2,136,200円",
        numberFormat: "General",
      },
      { sheet: "S", cell: "B2", expected: { value: 86.2, formula: null, numberFormat: null }, value: 0.862, numberFormat: "0.0%" },
      { sheet: "S", cell: "C1", expected: { value: "=これは文字", formula: null, numberFormat: null }, value: null },
    ]);
    const back = await host.applyWrites(outcome.revert);
    expect(back.skipped).toEqual([]);
    expect(back.syncs).toBe(2);
    expect(excel.snapshot()).toEqual(original);
  });

  test.each(["=1+1", "+81-3-1234-5678", "-", "-5", "@home", "'quoted", "001", "10%", "2025/4/1", "TRUE", "#N/A", "12字", "達成"])(
    "text %p is written so that Excel keeps it as that text, without touching the number format",
    async (text) => {
      const excel = sheetS();
      const outcome = await excel.host().applyWrites([write("S", "D4", null, text)]);
      expect(outcome.applied).toHaveLength(1);
      expect(excel.cell("S", "D4")).toMatchObject({ value: text, formula: null, numberFormat: null });
      expect(outcome.revert[0].expected).toEqual({ value: text, formula: null, numberFormat: null });
    },
  );

  test("a protected sheet's locked cells are skipped (an unlocked one is written); nothing fails", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    excel.protect("事業1"); // Excel's defaults: formatting cells not allowed
    excel.put("事業1", { H2: { value: null, locked: false }, H3: { value: null, locked: false } }); // H3: unlocked, but formatting is not allowed
    const writes = [
      write("事業1", "G18", "達成", "未達成"),
      write("事業1", "H2", null, "入力欄"),
      write("事業1", "H3", null, 5, { numberFormat: "0.0" }),
      write("活用状況", "H1", null, "free"),
    ];
    const outcome = await excel.host().applyWrites(writes);
    expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([
      ["G18", "protected"],
      ["H3", "protected"],
    ]);
    expect(outcome.applied.map((w) => w.cell)).toEqual(["H2", "H1"]);
    expect(excel.cell("事業1", "G18").value).toBe("達成");
    expect(excel.cell("事業1", "H2").value).toBe("入力欄");
    expect(excel.cell("事業1", "H3")).toMatchObject({ value: null, numberFormat: null });
    expect(outcome.syncs).toBe(2);
  });

  test("a protected sheet that allows formatting cells: an unlocked cell takes a value and a number format", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    excel.protect("事業1", { allowFormatCells: true });
    excel.put("事業1", { H3: { value: null, locked: false } });
    const outcome = await excel
      .host()
      .applyWrites([write("事業1", "G18", "達成", "未達成"), write("事業1", "H3", null, 5, { numberFormat: "0.0" })]);
    expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([["G18", "protected"]]);
    expect(excel.cell("事業1", "H3")).toMatchObject({ value: 5, numberFormat: "0.0" });
  });

  test("a renamed/deleted sheet gives no-sheet, a covered cell of a merged area gives merged, a non-address bad-address", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    expect(excel.sheet("事業1").merges).toContain("A15:B15");
    const outcome = await excel.host().applyWrites([
      write("削除済み", "A1", null, 1),
      write("事業1", "B15", null, "x"), // A15:B15 is merged
      write("事業1", "A15", "KPI①", "KPI①"),
      write("事業1", "A15:B15", null, "x"),
    ]);
    expect(outcome.skipped.map((s) => [s.write.sheet, s.write.cell, s.reason])).toEqual([
      ["削除済み", "A1", "no-sheet"],
      ["事業1", "B15", "merged"],
      ["事業1", "A15:B15", "bad-address"],
    ]);
    expect(outcome.applied.map((w) => w.cell)).toEqual(["A15"]);
  });

  test("two writes to one cell: the second must expect what the first wrote; one revert restores the original", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: "a" } });
    const outcome = await excel.host().applyWrites([write("S", "A1", "a", "b"), write("S", "A1", "a", "c"), write("S", "A1", "b", "d")]);
    expect(outcome.applied.map((w) => w.value)).toEqual(["b", "d"]);
    expect(outcome.skipped.map((s) => [s.write.value, s.reason, s.actual?.value])).toEqual([["c", "changed", "b"]]);
    expect(excel.cell("S", "A1").value).toBe("d");
    expect(outcome.revert).toEqual([{ sheet: "S", cell: "A1", expected: { value: "d", formula: null, numberFormat: null }, value: "a" }]);
  });

  test("a failing write sync restores the whole batch and raises a translated HostError", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    excel.put("事業1", { H1: { value: 1, numberFormat: "0.00" } });
    const host = excel.host();
    const original = excel.snapshot();
    // G18's value and H1's number format run, then the sync fails (the user started editing a cell).
    excel.conditions.failSync({ code: "InvalidOperationInCellEditMode", ranBefore: 2 });
    const error = await host
      .applyWrites([
        write("事業1", "G18", "達成", "未達成"),
        write("事業1", "H1", 1, 2, { numberFormat: "0" }),
        write("事業1", "H2", null, "x"),
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    const hostError = error as HostError;
    expect(hostError.code).toBe("InvalidOperationInCellEditMode");
    expect(hostError.userMessage.ja).toMatch(/Enter.*Esc/);
    expect(hostError.userMessage.ja).toContain("元の内容に戻しました");
    expect(hostError.detail).toMatchObject({ restored: true });
    expect(excel.addinChanges().slice(0, 2).sort()).toEqual(["事業1!G18", "事業1!H1"]); // part of the batch did land …
    expect(excel.snapshot()).toEqual(original); // … and was put back
    expect(excel.syncs).toBe(3);
    expect(host.lastSyncs).toBe(3);
  });

  test("a failing restore is reported as such", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    excel.conditions.failSync({ code: "GeneralException" }); // the write sync: nothing of it lands
    excel.conditions.failSync({ code: "AccessDenied" }); // the restore
    const host = excel.host();
    const error = (await host.applyWrites([write("事業1", "G18", "達成", "未達成")]).catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("GeneralException");
    expect(error.userMessage.ja).toContain("事業1!G18");
    expect(error.detail).toMatchObject({ restored: false });
    expect(excel.conditions.pendingFaults).toBe(0);
    expect(host.lastSyncs).toBe(3);
    expect(excel.cell("事業1", "G18").value).toBe("達成");
  });

  test("ExcelApi 1.1 host: same two syncs, no protection or merge checks asked of it", async () => {
    // The emulation fails the sync with ApiNotFound on any API newer than 1.1.
    const excel = new EmulatedExcel(WRONG_STATUS, { apiVersion: "1.1" });
    const outcome = await excel.host().applyWrites([write("事業1", "G18", "達成", "未達成")]);
    expect(outcome.applied).toHaveLength(1);
    expect(outcome.syncs).toBe(2);
    expect(excel.cell("事業1", "G18").value).toBe("未達成");
  });

  test("ExcelApi 1.1 host (no getItemOrNullObject): a sheet not among the known names is skipped as no-sheet, nothing queued on it", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS, { apiVersion: "1.1" });
    const outcome = await excel.host().applyWrites([write("無い", "A1", null, 1), write("事業1", "G18", "達成", "未達成")]);
    expect(outcome.skipped.map((s) => [s.write.sheet, s.write.cell, s.reason])).toEqual([["無い", "A1", "no-sheet"]]);
    expect(outcome.applied.map((w) => `${w.sheet}!${w.cell}`)).toEqual(["事業1!G18"]);
    expect(excel.cell("事業1", "G18").value).toBe("未達成");
    expect(Object.keys(excel.snapshot()).filter((key) => key.startsWith("無い!"))).toEqual([]);
  });
});

describe("applyWrites: what is written is what was meant", () => {
  test("a Text (@) cell: a formula or number gets a number format first (General, or the fix's own), so Excel stores it as meant", async () => {
    const excel = sheetS();
    excel.put("S", {
      A1: { value: 10 },
      A2: { value: 20 },
      A3: { value: "合計", numberFormat: "@" },
      B1: { value: "2,136,200円", numberFormat: "@" },
      B2: { value: "x", numberFormat: "@" },
    });
    const original = excel.snapshot();
    const host = excel.host();
    const writes: CellWrite[] = [
      write("S", "A3", "合計", 30, { formula: "=SUM(A1:A2)" }),
      write("S", "B1", "2,136,200円", 2136200, { numberFormat: '#,##0"円"' }),
      write("S", "B2", "x", 7),
    ];
    const outcome = await host.applyWrites(writes);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.syncs).toBe(2);
    expect(excel.cell("S", "A3")).toMatchObject({ value: 30, formula: "=SUM(A1:A2)", numberFormat: null });
    expect(excel.cell("S", "B1")).toMatchObject({ value: 2136200, formula: null, numberFormat: '#,##0"円"' });
    expect(excel.cell("S", "B2")).toMatchObject({ value: 7, formula: null, numberFormat: null });
    // The revert puts the Text format back along with the text.
    expect(outcome.revert.map((w) => [w.cell, w.value, w.numberFormat])).toEqual([
      ["A3", "合計", "@"],
      ["B1", "2,136,200円", "@"],
      ["B2", "x", "@"],
    ]);
    const back = await host.applyWrites(outcome.revert);
    expect(back.skipped).toEqual([]);
    expect(back.syncs).toBe(2);
    expect(excel.snapshot()).toEqual(original);
  });

  test("a Text (@) cell keeps a text write as that text, without an apostrophe, and keeps its format", async () => {
    const excel = sheetS();
    excel.put("S", { C1: { value: null, numberFormat: "@" }, C2: { value: "001", numberFormat: "@" } });
    const original = excel.snapshot();
    const host = excel.host();
    const outcome = await host.applyWrites([write("S", "C1", null, "001"), write("S", "C2", "001", 5)]);
    expect(outcome.skipped).toEqual([]);
    expect(excel.cell("S", "C1")).toMatchObject({ value: "001", formula: null, numberFormat: "@" });
    expect(excel.cell("S", "C2")).toMatchObject({ value: 5, numberFormat: null });
    await host.applyWrites(outcome.revert);
    expect(excel.snapshot()).toEqual(original); // "001" back as text in its Text cell, not "'001"
  });

  test("a Text (@) cell on a protected sheet that forbids formatting: skipped as text-format, not stored as text", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: null, numberFormat: "@", locked: false } });
    excel.protect("S");
    const outcome = await excel.host().applyWrites([write("S", "A1", null, 5, { formula: "=2+3" })]);
    expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([["A1", "text-format"]]);
    expect(excel.cell("S", "A1")).toMatchObject({ value: null, formula: null, numberFormat: "@" });
  });

  test("every write is read back: a cell that holds something else is reported as not applied, and the revert restores it", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: 1 }, A2: { value: 2 }, B1: { value: "old" } });
    const original = excel.snapshot();
    excel.conditions.misstore({ sheet: "S", cell: "B1", stored: { value: "other" } });
    excel.conditions.misstore({ sheet: "S", cell: "B2", stored: { value: "=SUM(A1:A2)" } }); // the formula as literal text
    const host = excel.host();
    const writes = [
      write("S", "B1", "old", "new"),
      write("S", "B2", null, 3, { formula: "=SUM(A1:A2)" }),
      write("S", "B3", null, 5, { formula: "=A1/A3" }), // Excel says #DIV/0!, the fix meant 5
      write("S", "B4", null, 4),
    ];
    const outcome = await host.applyWrites(writes);
    expect(outcome.syncs).toBe(2);
    expect(outcome.applied).toEqual([writes[3]]);
    expect(outcome.skipped).toEqual([
      { write: writes[0], reason: "mismatch", actual: { value: "other", formula: null, numberFormat: null } },
      { write: writes[1], reason: "mismatch", actual: { value: "=SUM(A1:A2)", formula: null, numberFormat: null } },
      { write: writes[2], reason: "mismatch", actual: { value: "#DIV/0!", formula: "=A1/A3", numberFormat: null } },
    ]);
    const message = skipMessage(outcome.skipped[0], "apply");
    expect(message.ja).toMatch(/^S!B1 /);
    expect(message.ja).toContain("元に戻す");
    expect(message.en).toMatch(/^S!B1 /);
    // The revert's baseline is what was there before, whatever was read back.
    expect(outcome.revert.map((w) => [w.cell, w.value, w.formula])).toEqual([
      ["B1", "old", undefined],
      ["B2", null, undefined],
      ["B3", null, undefined],
      ["B4", null, undefined],
    ]);
    const back = await host.applyWrites(outcome.revert);
    expect(back.skipped).toEqual([]);
    expect(excel.snapshot()).toEqual(original);
  });

  test("the read-back accepts what Excel normalises: formula case and spaces, a number's float noise", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: 1 }, A2: { value: 2 } });
    excel.conditions.misstore({ sheet: "S", cell: "B1", stored: { value: 3, formula: "=SUM(A1:A2)" } });
    const outcome = await excel
      .host()
      .applyWrites([write("S", "B1", null, 3, { formula: "=sum( a1:a2 )" }), write("S", "B2", null, 0.1 + 0.2)]);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.applied).toHaveLength(2);
  });

  test("manual calculation: what was written is recalculated before it is read back (its dependents too), in the same two syncs", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: 10 }, A2: { value: 20, formula: "=A1*2" } });
    excel.setCalculationMode("Manual");
    const host = excel.host();
    const outcome = await host.applyWrites([write("S", "A1", 10, 15), write("S", "B1", null, 16, { formula: "=A1+1" })]);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.syncs).toBe(2);
    expect(excel.cell("S", "B1")).toMatchObject({ value: 16, formula: "=A1+1" });
    expect(excel.cell("S", "A2").value).toBe(30); // the dependent, as re-validation will read it
    expect(outcome.revert.find((w) => w.cell === "B1")?.expected).toEqual({ value: 16, formula: "=A1+1", numberFormat: null });
  });

  test("a covered cell of a merged area is found from merges whose top-left lies above-left of it (a one-cell query finds none)", async () => {
    const excel = sheetS();
    excel.sheet("S").merges.push("B2:D4");
    excel.put("S", { B2: { value: "top" } });
    const outcome = await excel
      .host()
      .applyWrites([write("S", "C3", null, "x"), write("S", "D4", null, 1), write("S", "B2", "top", "new")]);
    expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([
      ["C3", "merged"],
      ["D4", "merged"],
    ]);
    expect(outcome.applied.map((w) => w.cell)).toEqual(["B2"]);
    expect(excel.cell("S", "B2").value).toBe("new");
    expect(outcome.syncs).toBe(2);
  });

  test.each(["1.13", "1.8"])(
    "ExcelApi %s: a formula for a cell of an Excel table is written as its value (no calculated column), or skipped without one",
    async (apiVersion) => {
      const excel = sheetS(apiVersion);
      excel.put("S", { A1: { value: "数" }, B1: { value: "倍" }, A2: { value: 10 }, A3: { value: 20 }, A4: { value: 30 } });
      excel.addTable("S", "表1", "A1:B4");
      const writes = [write("S", "B2", null, 20, { formula: "=A2*2" }), write("S", "B3", null, null, { formula: "=A3*2" })];
      const outcome = await excel.host().applyWrites(writes);
      expect(outcome.syncs).toBe(2);
      expect(outcome.applied).toEqual([{ sheet: "S", cell: "B2", expected: { value: null }, value: 20 }]);
      expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([["B3", "table"]]);
      expect(excel.cell("S", "B2")).toMatchObject({ value: 20, formula: null });
      expect([excel.cell("S", "B3").formula, excel.cell("S", "B4").formula]).toEqual([null, null]);
      expect(skipMessage(outcome.skipped[0], "apply").ja).toMatch(/^S!B3 .*テーブル/);
    },
  );

  test("a formula outside any table is written as a formula where the host can tell (ExcelApi 1.9+)", async () => {
    const excel = sheetS();
    excel.put("S", { A1: { value: "数" }, A2: { value: 10 } });
    excel.addTable("S", "表1", "A1:A2");
    const outcome = await excel.host().applyWrites([write("S", "D2", null, 20, { formula: "=A2*2" })]);
    expect(outcome.skipped).toEqual([]);
    expect(excel.cell("S", "D2")).toMatchObject({ value: 20, formula: "=A2*2" });
  });
});
