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
import { EmulatedExcel } from "./helpers/excel-emulator";
import { edited, firstYear, oneSection } from "../src/fixtures/report-builder";

const WRONG_STATUS = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

describe("selectCell", () => {
  test("activates the sheet and selects the cell in one sync", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
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

  test("a missing sheet raises ItemNotFound, translated", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
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

describe("the host as a whole", () => {
  test("lastSyncs is the last operation's, whichever it was; validate, fix and revert leave the workbook as it was", async () => {
    const excel = new EmulatedExcel(WRONG_STATUS);
    const original = excel.snapshot();
    const host = excel.host();
    expect(host.lastSyncs).toBe(0);

    const { workbook, syncs } = await host.readWorkbook();
    expect([syncs, host.lastSyncs]).toEqual([1, 1]);
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
    expect(excel.syncs).toBe(1 + 2 + 1 + 1 + 2);

    // A failed operation counts too.
    excel.conditions.cellEditMode = true;
    await expect(host.readWorkbook()).rejects.toBeInstanceOf(HostError);
    expect(host.lastSyncs).toBe(1);
  });
});
