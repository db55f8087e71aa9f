/**
 * The adapter's change events (src/excel/changes.ts) over the demo's Excel emulation: delivered
 * for the user's edits and the add-in's writes (told apart from ExcelApi 1.14), through the
 * collection's event (ExcelApi 1.9) or each sheet's with onAdded (1.7–1.8), removed on stop, and
 * not offered below ExcelApi 1.7.
 */
import type { WorkbookChange } from "../src/host/workbook-host";
import { EmulatedExcel } from "./helpers/excel-emulator";

function twoSheets(apiVersion: string): EmulatedExcel {
  return new EmulatedExcel(
    {
      sheets: [
        { name: "活用状況", values: [["事業費", 100]] },
        { name: "事業1", values: [["KPI", 1]] },
      ],
    },
    { apiVersion },
  );
}

/** Lets the emulator deliver its events (a task later). */
const delivered = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe.each([["1.13"], ["1.8"], ["1.14"]])("ExcelApi %s", (apiVersion) => {
  it("tells the user's edits, with sheet and address; stop removes every handler", async () => {
    const excel = twoSheets(apiVersion);
    const host = excel.host();
    const seen: WorkbookChange[] = [];
    const before = excel.syncs;
    const stop = await host.watchChanges!((change) => seen.push(change));
    expect(excel.syncs - before).toBe(apiVersion === "1.8" ? 2 : 1);
    expect(excel.emulator.events.size).toBe(apiVersion === "1.8" ? 3 : 1);

    excel.workbook.setCells([{ sheet: "事業1", cell: "B1", content: { value: "▲" } }], "user");
    await delivered();
    expect(seen).toEqual([{ sheet: "事業1", address: "B1", byThisAddin: apiVersion === "1.14" ? false : null }]);

    await stop();
    expect(excel.emulator.events.size).toBe(0);
    excel.workbook.setCells([{ sheet: "事業1", cell: "B1", content: { value: 2 } }], "user");
    await delivered();
    expect(seen).toHaveLength(1);
  });

  it("tells the add-in's own writes too, as its own where the host can tell (1.14)", async () => {
    const excel = twoSheets(apiVersion);
    const host = excel.host();
    const seen: WorkbookChange[] = [];
    const stop = await host.watchChanges!((change) => seen.push(change));
    await host.readWorkbook();
    await host.applyWrites([{ sheet: "活用状況", cell: "B1", expected: { value: 100, formula: null }, value: 200 }]);
    await host.highlight([{ sheet: "事業1", cell: "B1", severity: "error" }]);
    await delivered();
    const own = apiVersion === "1.14" ? true : null;
    expect(seen).toEqual([
      { sheet: "活用状況", address: "B1", byThisAddin: own },
      { sheet: "事業1", address: "B1", byThisAddin: own },
    ]);
    await stop();
  });
});

it("hears a sheet added later through onAdded at ExcelApi 1.7–1.8", async () => {
  const excel = twoSheets("1.8");
  const host = excel.host();
  const seen: WorkbookChange[] = [];
  await host.watchChanges!((change) => seen.push(change));
  const added = excel.addSheet("事業2");
  excel.emulator.events.sheetAdded(added);
  await delivered();
  await delivered(); // the handler's batch
  expect(seen).toEqual([{ sheet: "事業2", address: null, byThisAddin: null }]);
  excel.workbook.setCells([{ sheet: "事業2", cell: "A1", content: { value: 1 } }], "user");
  await delivered();
  expect(seen[1]).toEqual({ sheet: "事業2", address: "A1", byThisAddin: null });
});

it("raises no event for a formula's value changing on recalculation", async () => {
  const excel = twoSheets("1.13");
  const seen: WorkbookChange[] = [];
  await excel.host().watchChanges!((change) => seen.push(change));
  excel.put("事業1", { C1: { value: 1, formula: "=B1" } });
  excel.workbook.setCells([{ sheet: "事業1", cell: "C1", content: { value: 5 } }], "user"); // recalculated
  await delivered();
  expect(seen).toEqual([]);
});

it("is not offered below ExcelApi 1.7", () => {
  expect(twoSheets("1.6").host().watchChanges).toBeUndefined();
  expect(twoSheets("1.7").host().watchChanges).toBeDefined();
});
