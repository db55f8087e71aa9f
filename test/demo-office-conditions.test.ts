/** @jest-environment node */
/**
 * What the Excel emulation (src/demo/office) models for the adapter's robustness tests: both
 * answers to calls on a null object's children (nullObjectChildren), Excel on the web's response
 * limit (responseLimitBytes), runs that wait for a cell edit (delayForCellEdit), hidden sheets.
 */
import { createOfficeEmulator, WEB_RESPONSE_LIMIT_BYTES } from "../src/demo/office/emulator";
import { demoWorkbookFromData } from "../src/demo/office/from-data";

function emulator(apiVersion = "1.13") {
  const workbook = demoWorkbookFromData({
    sheets: [{ name: "S", values: [["a", 1]], formulas: [[null, null]], numberFormats: [[null, null]] }],
  });
  return { workbook, emulator: createOfficeEmulator(workbook, { apiVersion }) };
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "(no error)";
  } catch (error) {
    return (error as { code: string }).code;
  }
}

test("nullObjectChildren: a null object's children are null objects, or the sync fails with ItemNotFound", async () => {
  const { emulator: e } = emulator();
  const read = () =>
    e.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("無い");
      sheet.load("name");
      const used = sheet.getUsedRangeOrNullObject();
      used.load("address");
      await context.sync();
      return [sheet.isNullObject, used.isNullObject];
    });
  expect(await read()).toEqual([true, true]);
  e.conditions.nullObjectChildren = "fail";
  expect(await codeOf(read)).toBe("ItemNotFound");
  // The null object's own properties are still read.
  const own = await e.Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject("無い");
    sheet.load("name");
    await context.sync();
    return sheet.isNullObject;
  });
  expect(own).toBe(true);
});

test("responseLimitBytes: 5 MB by default; past it the sync fails with ResponsePayloadSizeLimitExceeded", async () => {
  const { emulator: e } = emulator();
  expect(e.conditions.responseLimitBytes).toBe(WEB_RESPONSE_LIMIT_BYTES);
  const read = () =>
    e.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").load("values");
      await context.sync();
    });
  expect(await codeOf(read)).toBe("(no error)");
  e.conditions.responseLimitBytes = 10; // `"values":[["a",1]],` is 19 bytes
  expect(await codeOf(read)).toBe("ResponsePayloadSizeLimitExceeded");
});

test("delayForCellEdit (ExcelApi 1.11): the run waits for the cell edit to end; without it, or before 1.11, it fails", async () => {
  const { emulator: e, workbook } = emulator();
  e.conditions.cellEditMode = true;
  const write = (options?: object) => {
    const batch = async (context: Excel.RequestContext) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["b"]];
      await context.sync();
    };
    return options ? (e.Excel.run as (o: object, b: typeof batch) => Promise<void>)(options, batch) : e.Excel.run(batch as never);
  };
  expect(await codeOf(() => write())).toBe("InvalidOperationInCellEditMode");
  let done = false;
  const waiting = write({ delayForCellEdit: true }).then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done).toBe(false);
  e.conditions.cellEditMode = false;
  await waiting;
  expect(workbook.cell("S", "A1")?.value).toBe("b");

  const old = emulator("1.10").emulator;
  old.conditions.cellEditMode = true;
  expect(
    await codeOf(() => (old.Excel.run as (o: object, b: unknown) => Promise<void>)({ delayForCellEdit: true }, async () => undefined)),
  ).toBe(
    "(no error)", // nothing queued: no round trip
  );
});

test("hidden and very hidden sheets: visibility reads them; activating or selecting fails", async () => {
  const { emulator: e, workbook } = emulator();
  const hide = (visibility: string) =>
    e.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").visibility = visibility as Excel.SheetVisibility;
      await context.sync();
    });
  const show = () =>
    e.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.load("visibility");
      sheet.activate();
      sheet.getRange("B1").select();
      await context.sync();
      return sheet.visibility;
    });
  expect(await show()).toBe("Visible");
  for (const visibility of ["Hidden", "VeryHidden"]) {
    await hide(visibility);
    expect(await codeOf(show)).toBe("InvalidOperation");
    const seen = await e.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.load("visibility");
      await context.sync();
      return sheet.visibility;
    });
    expect(seen).toBe(visibility);
  }
  await hide("Visible");
  expect(await show()).toBe("Visible");
  expect(workbook.selection).toEqual({ sheet: "S", cell: "B1" });
});
