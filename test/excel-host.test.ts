/** @jest-environment node */
/**
 * The Office.js adapter (src/excel/excel-host.ts) on the demo's Excel emulation (src/demo/office,
 * through test/helpers/excel-emulator.ts), the one Excel fake of the adapter's tests: this file
 * has the host as a whole (selectCell, lastSyncs across operations, a validate-fix-revert round);
 * each operation has its own file: test/excel-read.test.ts, test/excel-apply.test.ts,
 * test/excel-highlight.test.ts. What the emulation models of Excel is tested in
 * test/demo-office-excel.test.ts.
 */
import { fixWorkbook, validateWorkbook } from "../src/core";
import { HostError } from "../src/host/workbook-host";
import { EmulatedExcel, NULL_OBJECT_MODES, nullObjectChildren } from "./helpers/excel-emulator";
import { edited, firstYear, oneSection } from "../src/fixtures/report-builder";

const WRONG_STATUS = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

describe.each(NULL_OBJECT_MODES)("selectCell (calls on a null object's children give %s)", (mode) => {
  const emulated = () => new EmulatedExcel(WRONG_STATUS, { nullObjectChildren: nullObjectChildren(mode) });

  test("activates the sheet and selects the cell in one sync", async () => {
    const excel = emulated();
    const seen: string[] = [];
    excel.workbook.on((event) => {
      if (event.type === "active-sheet") seen.push(`activate ${event.sheet}`);
      if (event.type === "selection") seen.push(`select ${event.sheet}!${event.cell}`);
    });
    const host = excel.host();
    await host.selectCell("事業1", "$g$18");
    expect(seen).toEqual(["activate 事業1", "select 事業1!G18"]);
    expect(excel.workbook.selection).toEqual({ sheet: "事業1", cell: "G18" });
    expect(excel.syncs).toBe(1);
    expect(host.lastSyncs).toBe(1);
  });

  test.each([["Hidden"], ["VeryHidden"]] as const)(
    "a %s sheet: says the sheet is hidden, naming the sheet and the cell",
    async (visibility) => {
      const excel = emulated();
      excel.hide("事業1", visibility);
      const error = (await excel
        .host()
        .selectCell("事業1", "g18")
        .catch((e: unknown) => e)) as HostError;
      expect(error).toBeInstanceOf(HostError);
      expect(error.code).toBe("SheetHidden");
      expect(error.userMessage.ja).toContain("「事業1」");
      expect(error.userMessage.ja).toContain("G18");
      expect(error.userMessage.ja).toContain("非表示");
      expect(error.userMessage.en).toContain('"事業1"');
      expect(error.userMessage.en).toContain("G18");
      expect(error.userMessage.en).toContain("hidden");
      expect(excel.workbook.selection).toBeNull();
    },
  );

  test("a missing sheet raises ItemNotFound, translated", async () => {
    const excel = emulated();
    const error = (await excel
      .host()
      .selectCell("無い", "A1")
      .catch((e: unknown) => e)) as HostError;
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe("ItemNotFound");
    expect(error.userMessage.ja).toContain("もう一度「点検」");
    expect(excel.workbook.selection).toBeNull();
  });
});

describe.each(NULL_OBJECT_MODES)("the host as a whole (calls on a null object's children give %s)", (mode) => {
  const emulated = (apiVersion = "1.13") => new EmulatedExcel(WRONG_STATUS, { apiVersion, nullObjectChildren: nullObjectChildren(mode) });

  test("a user editing a cell: runs wait for the edit to end (delayForCellEdit, ExcelApi 1.11), not an error", async () => {
    const excel = emulated();
    const host = excel.host();
    excel.conditions.cellEditMode = true;
    let settled = false;
    const reading = host.readWorkbook().then((outcome) => {
      settled = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    excel.conditions.cellEditMode = false; // the user pressed Enter
    const outcome = await reading;
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1"]);
    // Before ExcelApi 1.11 there is no such option: the run fails with the cell-edit message.
    const old = emulated("1.10");
    old.conditions.cellEditMode = true;
    const error = (await old
      .host()
      .readWorkbook()
      .catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("InvalidOperationInCellEditMode");
  });

  test("lastSyncs is the last operation's, whichever it was; validate, fix and revert leave the workbook as it was", async () => {
    const excel = emulated("1.10");
    const original = excel.snapshot();
    const host = excel.host();
    expect(host.lastSyncs).toBe(0);

    const { workbook, syncs } = await host.readWorkbook();
    expect([syncs, host.lastSyncs]).toEqual([2, 2]); // the sheet names, then the used ranges
    const { writes } = fixWorkbook(workbook);
    const applied = await host.applyWrites(writes);
    expect([applied.syncs, host.lastSyncs]).toEqual([2, 2]);
    expect(excel.cell("事業1", "G18").value).toBe("未達成");
    await host.selectCell("事業1", "G18");
    expect(host.lastSyncs).toBe(1);
    expect(validateWorkbook((await host.readWorkbook()).workbook).findings.filter((f) => f.fixable)).toEqual([]);

    const reverted = await host.applyWrites(applied.revert);
    expect(reverted.skipped).toEqual([]);
    expect(excel.snapshot()).toEqual(original);
    expect(excel.syncs).toBe(2 + 2 + 1 + 1 + 2);

    // A failed operation counts too.
    excel.conditions.cellEditMode = true;
    await expect(host.readWorkbook()).rejects.toBeInstanceOf(HostError);
    expect(host.lastSyncs).toBe(1);
  });
});
