/** @jest-environment node */
/// <reference types="office-js" />
/**
 * What the demo's Excel emulation does with writes where Excel's behaviour shows through (the
 * features the adapter's apply relies on, test/excel-apply.test.ts): Text-formatted cells, merged
 * area queries, manual calculation, tables and their calculated columns, a write stored otherwise.
 */
import type { ExcelRun } from "../src/excel/excel-host";
import { EmulatedExcel } from "./helpers/excel-emulator";

function sheetS(apiVersion = "1.13"): EmulatedExcel {
  const excel = new EmulatedExcel({ sheets: [] }, { apiVersion });
  excel.addSheet("S");
  return excel;
}

function run<T>(excel: EmulatedExcel, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return (excel.emulator.Excel.run as unknown as ExcelRun)(batch);
}

test("a Text (@) cell stores a number, a boolean or a formula entered into it as text (the formula is not calculated)", async () => {
  const excel = sheetS();
  excel.put("S", {
    A1: { value: null, numberFormat: "@" },
    A2: { value: null, numberFormat: "@" },
    A3: { value: null, numberFormat: "@" },
  });
  await run(excel, async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("A1").values = [[5]];
    sheet.getRange("A2").values = [[true]];
    sheet.getRange("A3").formulas = [["=1+1"]];
    await context.sync();
  });
  expect([excel.cell("S", "A1").value, excel.cell("S", "A2").value]).toEqual(["5", "TRUE"]);
  expect(excel.cell("S", "A3")).toMatchObject({ value: "=1+1", formula: null, numberFormat: "@" });
});

test("getMergedAreasOrNullObject returns the areas whose top-left lies in the range: none for a covered cell asked alone", async () => {
  const excel = sheetS();
  excel.sheet("S").merges.push("B2:D4");
  const [alone, above] = await run(excel, async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    const one = sheet.getRange("C3").getMergedAreasOrNullObject().load("address");
    const wide = sheet.getRange("A1:C3").getMergedAreasOrNullObject().load("address");
    await context.sync();
    return [one.isNullObject, wide.address];
  });
  expect([alone, above]).toEqual([true, "S!B2:D4"]);
});

test("manual calculation: writes leave formulas stale until Range.calculate (that range) or Application.calculate (everything)", async () => {
  const excel = sheetS();
  excel.put("S", { A1: { value: 1 }, A2: { value: 2, formula: "=A1*2" }, A3: { value: 3, formula: "=A1*3" } });
  excel.setCalculationMode("Manual");
  const read = () => [excel.cell("S", "A2").value, excel.cell("S", "A3").value];
  const mode = await run(excel, async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1").values = [[10]];
    const application = context.workbook.application.load("calculationMode");
    await context.sync();
    return application.calculationMode;
  });
  expect(mode).toBe("Manual");
  expect(read()).toEqual([2, 3]);
  await run(excel, async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A2").calculate();
    await context.sync();
  });
  expect(read()).toEqual([20, 3]);
  await run(excel, async (context) => {
    context.workbook.application.calculate("Recalculate");
    await context.sync();
  });
  expect(read()).toEqual([20, 30]);
});

test("setting the calculation mode needs ExcelApi 1.8; reading it 1.1", async () => {
  const excel = sheetS("1.7");
  const error = await run(excel, async (context) => {
    context.workbook.application.calculationMode = "Manual";
    await context.sync();
  }).catch((e: { code?: string }) => e.code);
  expect(error).toBe("ApiNotFound");
});

test("a formula entered into an empty column of a table fills the column (relative rows moved); not where the column has data", async () => {
  const excel = sheetS();
  excel.put("S", { A1: { value: "数" }, B1: { value: "倍" }, C1: { value: "注" }, A2: { value: 1 }, A3: { value: 2 }, C3: { value: "x" } });
  excel.addTable("S", "表1", "A1:C3");
  const [names, inTable, outside] = await run(excel, async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("B2").formulas = [["=A2*2+$A$2"]];
    sheet.getRange("C2").formulas = [["=A2"]];
    const tables = sheet.tables.load("items/name");
    const hit = sheet.getRange("B3").getTables(false).load("items/name");
    const miss = sheet.getRange("E5").getTables(false).load("items/name");
    await context.sync();
    return [tables.items.map((t) => t.name), hit.items.length, miss.items.length];
  });
  expect([names, inTable, outside]).toEqual([["表1"], 1, 0]);
  expect(excel.cell("S", "B3")).toMatchObject({ formula: "=A3*2+$A$2", value: 5 });
  expect(excel.cell("S", "C3")).toMatchObject({ formula: null, value: "x" });
});

test("conditions.misstore: the next write of the cell stores something else, once", async () => {
  const excel = sheetS();
  excel.conditions.misstore({ sheet: "S", cell: "a1", stored: { value: "other" } });
  for (const value of ["first", "second"]) {
    await run(excel, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[value]];
      await context.sync();
    });
    expect([value, excel.cell("S", "A1").value]).toEqual([value, value === "first" ? "other" : "second"]);
  }
});
