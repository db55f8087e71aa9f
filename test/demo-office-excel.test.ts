/** @jest-environment node */
/**
 * The Excel semantics of the demo's emulation (src/demo/office), driven directly through
 * Excel.run: load-before-read, values taken at sync, null objects, typed input, protection,
 * non-transactional batches, requirement sets, protection options, fill patterns, the 512 merged
 * areas limit, cell-edit mode and injected sync failures, addresses, recalculation, sync counting, and the
 * Office globals (onReady, display language, requirements, document settings).
 */

import { createOfficeEmulator, installOfficeEmulator, type OfficeEmulator, type OfficeEmulatorOptions } from "../src/demo/office";
import { OfficeError } from "../src/demo/office/errors";
import { demoWorkbookFromData } from "../src/demo/office/from-data";
import { quoteSheetName } from "../src/demo/office/state";
import { DemoWorkbook, emptySheet, type DemoCell, type WorkbookEvent } from "../src/demo/workbook-model";
import { errorKindOf } from "../src/excel/errors";
import { displayLanguage, isSetSupported } from "../src/excel/office";
import { createDocumentSettings } from "../src/excel/settings";

function book(cells: Record<string, DemoCell> = {}, extra: Partial<ReturnType<typeof emptySheet>> = {}): DemoWorkbook {
  const sheet = { ...emptySheet("S"), ...extra };
  for (const [address, cell] of Object.entries(cells)) sheet.cells.set(address, cell);
  return DemoWorkbook.fromSheets([sheet, emptySheet("事業 1"), emptySheet("Locked")]);
}

function excel(workbook: DemoWorkbook, options: OfficeEmulatorOptions = {}) {
  return createOfficeEmulator(workbook, options).Excel;
}

/** The code of what `run` throws (synchronously or by rejecting). */
async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as OfficeError).code ?? String(error);
  }
  return "(no error)";
}

describe("load before read", () => {
  test("a property neither loaded-and-synced nor set throws PropertyNotLoaded; isNullObject too", async () => {
    const workbook = book({ A1: { value: 1 } });
    await excel(workbook).run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B2");
      expect(await codeOf(() => range.values)).toBe("PropertyNotLoaded");
      expect(await codeOf(() => range.isNullObject)).toBe("PropertyNotLoaded");
      range.load("values");
      expect(await codeOf(() => range.values)).toBe("PropertyNotLoaded"); // loaded, not yet synced
      await context.sync();
      expect(range.values).toEqual([
        [1, ""],
        ["", ""],
      ]);
      expect(range.isNullObject).toBe(false);
      expect(await codeOf(() => range.formulas)).toBe("PropertyNotLoaded");
      expect(await codeOf(() => range.format.fill.color)).toBe("PropertyNotLoaded");
      let thrown: unknown;
      try {
        void range.address;
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OfficeError);
      expect(thrown).toMatchObject({ name: "RichApi.Error", debugInfo: { code: "PropertyNotLoaded", errorLocation: "Range.address" } });
    });
  });

  test("values are taken when the query runs: a later edit shows only after another load and sync", async () => {
    const workbook = book({ A1: { value: "before" } });
    await excel(workbook).run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1");
      range.load("values");
      await context.sync();
      workbook.setCells([{ sheet: "S", cell: "A1", content: { value: "after" } }], "user");
      expect(range.values).toEqual([["before"]]);
      range.load("values");
      await context.sync();
      expect(range.values).toEqual([["after"]]);
    });
  });

  test("a value set is readable at once (as Office.js keeps it on the proxy) and written at sync", async () => {
    const workbook = book();
    await excel(workbook).run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("B2");
      range.values = [["x"]];
      expect(range.values).toEqual([["x"]]);
      expect(workbook.cell("S", "B2")).toBeUndefined();
      await context.sync();
      expect(workbook.cell("S", "B2")).toEqual({ value: "x" });
    });
  });

  test("load forms: 'a, b', arrays, paths, { select }, nested objects, and load() of everything", async () => {
    const workbook = book({ A1: { value: 2, numberFormat: "0.0", fill: "#FF0000" } });
    await excel(workbook).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const a = sheet.getRange("A1").load("values, numberFormat");
      const b = sheet.getRange("A1").load(["address", "format/fill/color"]);
      const c = sheet.getRange("A1").load({ select: "rowIndex,columnIndex" });
      const d = sheet.getRange("A1").load({ format: { fill: { pattern: true } } });
      const e = sheet.getRange("A1").load();
      const ws = sheet.load();
      await context.sync();
      expect([a.values, a.numberFormat]).toEqual([[[2]], [["0.0"]]]);
      expect([b.address, b.format.fill.color]).toEqual(["S!A1", "#FF0000"]);
      expect([c.rowIndex, c.columnIndex]).toEqual([0, 0]);
      expect(d.format.fill.pattern).toBe("Solid");
      expect(e.toJSON()).toMatchObject({ address: "S!A1", values: [[2]], formulas: [[2]], rowCount: 1, valueTypes: [["Double"]] });
      expect(ws.toJSON()).toEqual({ id: expect.any(String), name: "S", position: 0, visibility: "Visible" });
    });
  });

  test("a property the emulation does not have fails the sync (ApiNotFound), naming it", async () => {
    const workbook = book();
    const error = await excel(workbook)
      .run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").load("text");
        await context.sync();
      })
      .catch((e: OfficeError) => e);
    expect(error).toMatchObject({ code: "ApiNotFound", debugInfo: { errorLocation: "Range.text" } });
  });
});

describe("null objects and missing items", () => {
  test("…OrNullObject: isNullObject after sync, properties undefined, objects got from it null too, writing to it fails", async () => {
    const workbook = book();
    await excel(workbook).run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("無い").load("name");
      const range = sheet.getRange("A1").load("values");
      const used = context.workbook.worksheets.getItem("S").getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect([sheet.isNullObject, range.isNullObject, used.isNullObject]).toEqual([true, true, true]);
      expect(sheet.name).toBeUndefined();
      expect(range.values).toBeUndefined();
      range.values = [[1]];
      expect(await codeOf(() => context.sync())).toBe("ItemNotFound");
    });
  });

  test("getItem of a missing sheet fails the sync with ItemNotFound, an OfficeExtension.Error", async () => {
    const emulator = createOfficeEmulator(book());
    const error = await emulator.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("無い").load("name");
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(emulator.OfficeExtension.Error);
    expect(error).toMatchObject({ code: "ItemNotFound", debugInfo: { code: "ItemNotFound" } });
  });

  test("getUsedRange: A1 for an empty sheet; values only, or formatting too", async () => {
    const workbook = book({ B2: { value: 1 }, D5: { value: null, fill: "#FFFF00" } });
    await excel(workbook).run(async (context) => {
      const sheets = context.workbook.worksheets;
      const empty = sheets.getItem("事業 1").getUsedRange().load("address");
      const values = sheets.getItem("S").getUsedRange(true).load("address");
      const all = sheets.getItem("S").getUsedRange().load("address");
      await context.sync();
      expect([empty.address, values.address, all.address]).toEqual(["'事業 1'!A1", "S!B2", "S!B2:D5"]);
    });
  });

  test("worksheets: items/name, getFirst / getNextOrNullObject to the end", async () => {
    const workbook = book();
    await excel(workbook).run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const first = sheets.getFirst().load("name");
      const second = first.getNextOrNullObject().load("name");
      const past = second.getNextOrNullObject().getNextOrNullObject().load("name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["S", "事業 1", "Locked"]);
      expect(sheets.items[1].isNullObject).toBe(false);
      expect([first.name, second.name, past.isNullObject]).toEqual(["S", "事業 1", true]);
    });
  });
});

describe("typed input, as Excel stores it", () => {
  test.each<[unknown, Partial<DemoCell> | undefined]>([
    ["'=1+1", { value: "=1+1" }],
    ["'001", { value: "001" }],
    ["'", undefined],
    ["123", { value: 123 }],
    ["-12.5", { value: -12.5 }],
    ["1,234", { value: 1234, numberFormat: "#,##0" }],
    ["10%", { value: 0.1, numberFormat: "0%" }],
    ["2025/4/1", { value: 45748, numberFormat: "yyyy/m/d" }],
    ["TRUE", { value: true }],
    ["=1+2", { value: 3, formula: "=1+2" }],
    ["=IF(1,2,3)", { value: "#NAME?", formula: "=IF(1,2,3)" }],
    ["+81-3", { value: 78, formula: "=+81-3" }],
    ["-", { value: "-" }],
    ["達成", { value: "達成" }],
    [5, { value: 5 }],
    [false, { value: false }],
    ["", undefined],
  ])("values = [[%p]] stores %p", async (input, stored) => {
    const workbook = book({ C3: { value: "old" } });
    await excel(workbook).run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("C3").values = [[input]];
      await context.sync();
    });
    expect(workbook.cell("S", "C3") && Object.fromEntries(Object.entries(workbook.cell("S", "C3")!).filter(([, v]) => v !== null))).toEqual(
      stored,
    );
  });

  test("a Text (@) cell keeps input as typed; formulas = [['=…']] is a formula; numbers stay numbers", async () => {
    const workbook = book({ A1: { value: null, numberFormat: "@" }, B1: { value: 2 } });
    await excel(workbook).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1").values = [["001"]];
      sheet.getRange("A2").formulas = [["=B1*1.5"]];
      sheet.getRange("A3").formulas = [[7]];
      const read = sheet.getRange("A1:A3").load("values, formulas, numberFormat, valueTypes");
      await context.sync();
      expect(read.values).toEqual([["001"], [3], [7]]);
      expect(read.formulas).toEqual([["001"], ["=B1*1.5"], [7]]);
      expect(read.numberFormat).toEqual([["@"], ["General"], ["General"]]);
      expect(read.valueTypes).toEqual([["String"], ["Double"], ["Double"]]);
    });
  });

  test("null leaves a cell alone; a wrong shape fails with InvalidArgument before anything is written", async () => {
    const workbook = book({ A1: { value: "keep" } });
    const run = excel(workbook);
    await run.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[null, "new"]];
      await context.sync();
    });
    expect([workbook.cell("S", "A1")?.value, workbook.cell("S", "B1")?.value]).toEqual(["keep", "new"]);
    const code = await codeOf(() =>
      run.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [["x"]];
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
    expect(workbook.cell("S", "A1")?.value).toBe("keep");
  });

  test("writes recalculate formulas before anything is read back in the same batch", async () => {
    const workbook = book({
      A1: { value: 1 },
      A2: { value: 2 },
      A3: { value: 3, formula: "=SUM(A1:A2)" },
      A4: { value: 6, formula: "=A3*2" },
    });
    await excel(workbook).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const before = sheet.getRange("A3:A4").load("values");
      sheet.getRange("A1").values = [[10]];
      const after = sheet.getRange("A3:A4").load("values");
      await context.sync();
      expect(before.values).toEqual([[3], [6]]);
      expect(after.values).toEqual([[12], [24]]);
    });
    expect(workbook.cell("S", "A4")).toEqual({ value: 24, formula: "=A3*2" });
  });
});

describe("protection, merged cells, failing batches", () => {
  function protectedBook() {
    const workbook = book({ A1: { value: "a" } });
    const locked = workbook.sheet("Locked")!;
    locked.protected = true;
    locked.cells.set("B2", { value: "locked" });
    locked.cells.set("C3", { value: null, locked: false });
    return workbook;
  }

  test("a locked cell of a protected sheet fails the sync with AccessDenied; what ran before stays done, loads are not delivered", async () => {
    const workbook = protectedBook();
    const seen: WorkbookEvent[] = [];
    workbook.on((e) => seen.push(e));
    await excel(workbook).run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem("S").getRange("A1").values = [["first"]];
      sheets.getItem("Locked").getRange("B2").values = [["second"]];
      sheets.getItem("S").getRange("A2").values = [["third"]];
      const read = sheets.getItem("S").getRange("A1").load("values");
      const error = await context.sync().catch((e: OfficeError) => e);
      expect(error).toMatchObject({ code: "AccessDenied", debugInfo: { errorLocation: "Range.values" } });
      expect(await codeOf(() => read.values)).toBe("PropertyNotLoaded");
    });
    expect(workbook.cell("S", "A1")?.value).toBe("first");
    expect(workbook.cell("Locked", "B2")?.value).toBe("locked");
    expect(workbook.cell("S", "A2")).toBeUndefined();
    expect(seen.filter((e) => e.type === "cells")).toHaveLength(1);
  });

  test("an unlocked cell takes content, but no formatting: a protected sheet allows none", async () => {
    const workbook = protectedBook();
    const run = excel(workbook);
    await run.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Locked").getRange("C3");
      range.values = [["ok"]];
      range.format.protection.load("locked");
      const protection = context.workbook.worksheets.getItem("Locked").protection.load("protected, options");
      await context.sync();
      expect(range.format.protection.locked).toBe(false);
      expect(protection.protected).toBe(true);
      expect(protection.options.allowFormatCells).toBe(false);
    });
    expect(workbook.cell("Locked", "C3")).toMatchObject({ value: "ok", locked: false });
    const formatting = await codeOf(() =>
      run.run(async (context) => {
        context.workbook.worksheets.getItem("Locked").getRange("C3").numberFormat = [["0.0"]];
        await context.sync();
      }),
    );
    const fill = await codeOf(() =>
      run.run(async (context) => {
        context.workbook.worksheets.getItem("Locked").getRange("C3").format.fill.color = "#FF0000";
        await context.sync();
      }),
    );
    expect([formatting, fill]).toEqual(["AccessDenied", "AccessDenied"]);
  });

  test("a covered cell of a merged area: reads empty; written alone, Excel refuses it (a merge conflict)", async () => {
    const workbook = book({ A1: { value: "top" }, B1: { value: "hidden" } }, { merges: ["A1:B1"] });
    const run = excel(workbook);
    await run.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1").load("values, formulas");
      const merged = range.getMergedAreasOrNullObject().load("address, areaCount");
      await context.sync();
      expect(range.values).toEqual([["top", ""]]);
      expect(range.formulas).toEqual([["top", ""]]);
      expect([merged.address, merged.areaCount]).toEqual(["S!A1:B1", 1]);
    });
    const error = (await run
      .run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("B1").values = [["x"]];
        await context.sync();
      })
      .catch((e: unknown) => e)) as OfficeError;
    expect(error.code).toBe("InvalidOperation");
    expect(errorKindOf(error.code, error.message)).toBe("merged");
    expect(workbook.cell("S", "B1")?.value).toBe("hidden");
  });

  test("an API newer than the emulated ExcelApi fails the sync with ApiNotFound", async () => {
    const workbook = book({ A1: { value: 1 } });
    const code = await codeOf(() =>
      excel(workbook, { apiVersion: "1.3" }).run(async (context) => {
        context.workbook.worksheets.getItem("S").getUsedRangeOrNullObject().load("address");
        await context.sync();
      }),
    );
    expect(code).toBe("ApiNotFound");
    const pattern = await codeOf(() =>
      excel(workbook, { apiVersion: "1.8" }).run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").format.fill.load("pattern");
        await context.sync();
      }),
    );
    expect(pattern).toBe("ApiNotFound");
  });
});

describe("what the page's model has no field for: protection options, fill patterns", () => {
  test("protect({ allowFormatCells }) lets an unlocked cell be formatted, never locked or unlocked; unprotect; protecting twice fails", async () => {
    const workbook = book({ C3: { value: null, locked: false } });
    const run = excel(workbook);
    await run.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.protection.protect({ allowFormatCells: true });
      const range = sheet.getRange("C3");
      range.numberFormat = [["0.0"]];
      range.format.fill.color = "#FF0000";
      const protection = sheet.protection.load("protected, options");
      await context.sync();
      expect(protection.protected).toBe(true);
      expect(protection.options).toMatchObject({ allowFormatCells: true, allowSort: false, selectionMode: "Normal" });
    });
    expect(workbook.cell("S", "C3")).toMatchObject({ numberFormat: "0.0", fill: "#FF0000", locked: false });
    const codes = [];
    for (const change of [
      (s: Excel.Worksheet) => (s.getRange("C3").format.protection.locked = true),
      (s: Excel.Worksheet) => (s.getRange("A1").values = [["locked cell"]]),
      (s: Excel.Worksheet) => s.protection.protect(),
    ]) {
      codes.push(
        await codeOf(() =>
          run.run(async (context) => {
            change(context.workbook.worksheets.getItem("S") as unknown as Excel.Worksheet);
            await context.sync();
          }),
        ),
      );
    }
    expect(codes).toEqual(["AccessDenied", "AccessDenied", "InvalidOperation"]);
    await run.run(async (context) => {
      context.workbook.worksheets.getItem("S").protection.unprotect();
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["free"]];
      await context.sync();
    });
    expect(workbook.sheet("S")!.protected).toBe(false);
    expect(workbook.cell("S", "A1")?.value).toBe("free");
  });

  test("pattern and patternColor are kept (ExcelApi 1.9); Solid drops the pattern, None and clear() the fill; a page edit of the fill drops it", async () => {
    const workbook = book({ A1: { value: null, fill: "#FFFF00" } });
    const run = excel(workbook);
    const read = () =>
      run.run(async (context) => {
        const fill = context.workbook.worksheets.getItem("S").getRange("A1").format.fill.load("color, pattern, patternColor");
        await context.sync();
        return [fill.color, fill.pattern, fill.patternColor];
      });
    const set = (change: (fill: Excel.RangeFill) => void) =>
      run.run(async (context) => {
        change(context.workbook.worksheets.getItem("S").getRange("A1").format.fill as unknown as Excel.RangeFill);
        await context.sync();
      });
    expect(await read()).toEqual(["#FFFF00", "Solid", null]);
    await set((fill) => {
      fill.pattern = "Gray50";
      fill.patternColor = "red";
    });
    expect(await read()).toEqual(["#FFFF00", "Gray50", "#FF0000"]);
    expect(workbook.cell("S", "A1")).toEqual({ value: null, fill: "#FFFF00" }); // the page's cell: its colour only
    await set((fill) => (fill.color = "#00B050"));
    expect(await read()).toEqual(["#00B050", "Gray50", "#FF0000"]); // a new background keeps the pattern
    await set((fill) => (fill.pattern = "Solid"));
    expect(await read()).toEqual(["#00B050", "Solid", null]);
    await set((fill) => (fill.pattern = "Gray25"));
    workbook.setCells([{ sheet: "S", cell: "A1", content: { fill: "#7030A0" } }], "user");
    expect(await read()).toEqual(["#7030A0", "Solid", null]);
    await set((fill) => (fill.pattern = "Checker"));
    await set((fill) => fill.clear());
    expect(await read()).toEqual(["#FFFFFF", "None", null]);
    await set((fill) => (fill.pattern = "Checker"));
    await set((fill) => (fill.pattern = "None"));
    expect(await read()).toEqual(["#FFFFFF", "None", null]);
    expect(await codeOf(() => set((fill) => (fill.pattern = "Stripes" as Excel.FillPattern)))).toBe("InvalidArgument");
  });

  test("getMergedAreasOrNullObject fails past 512 merged areas in the range (as documented), not at 512", async () => {
    const merges = (count: number) => Array.from({ length: count }, (_, r) => `A${r + 1}:B${r + 1}`);
    const load = (workbook: DemoWorkbook) =>
      codeOf(() =>
        excel(workbook).run(async (context) => {
          context.workbook.worksheets.getItem("S").getRange("A1:B600").getMergedAreasOrNullObject().load("areaCount");
          await context.sync();
        }),
      );
    expect(await load(book({}, { merges: merges(512) }))).toBe("(no error)");
    expect(await load(book({}, { merges: merges(513) }))).toBe("GeneralException");
  });
});

describe("host conditions: cell-edit mode, failing syncs", () => {
  test("in cell-edit mode every sync fails with InvalidOperationInCellEditMode and nothing of it runs", async () => {
    const workbook = book({ A1: { value: 1 } });
    const emulator = createOfficeEmulator(workbook);
    emulator.conditions.cellEditMode = true;
    const write = () =>
      emulator.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [[2]];
        await context.sync();
      });
    expect(await codeOf(write)).toBe("InvalidOperationInCellEditMode");
    expect(workbook.cell("S", "A1")?.value).toBe(1);
    expect(workbook.syncs).toBe(1);
    emulator.conditions.cellEditMode = false;
    await write();
    expect(workbook.cell("S", "A1")?.value).toBe(2);
  });

  test("failSync: the next sync that writes fails with the code, after ranBefore of its changes; loads do not count", async () => {
    const workbook = book();
    const emulator = createOfficeEmulator(workbook);
    const batch = () =>
      emulator.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("S");
        sheet.getRange("A1").load("values");
        await context.sync(); // a read: not the fault's sync
        sheet.getRange("A1").values = [["a"]];
        sheet.getRange("A2").load("values");
        sheet.getRange("A2").values = [["b"]];
        sheet.getRange("A3").values = [["c"]];
        await context.sync();
      });
    emulator.conditions.failSync({ code: "GeneralException", ranBefore: 2 });
    expect(emulator.conditions.pendingFaults).toBe(1);
    const error = (await batch().catch((e: unknown) => e)) as OfficeError;
    expect(error).toBeInstanceOf(OfficeError);
    expect(error.code).toBe("GeneralException");
    expect(emulator.conditions.pendingFaults).toBe(0);
    expect(["A1", "A2", "A3"].map((a) => workbook.cell("S", a)?.value ?? null)).toEqual(["a", "b", null]);

    for (const [ranBefore, expected] of [
      [0, [null, null, null]],
      [9, ["a", "b", "c"]], // every change ran, the sync still fails
    ] as const) {
      const fresh = book();
      const emulated = createOfficeEmulator(fresh);
      emulated.conditions.failSync({ code: "AccessDenied", ranBefore });
      const code = await codeOf(() =>
        emulated.Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("S");
          for (const [address, value] of [
            ["A1", "a"],
            ["A2", "b"],
            ["A3", "c"],
          ])
            sheet.getRange(address).values = [[value]];
          await context.sync();
        }),
      );
      expect([ranBefore, code, ["A1", "A2", "A3"].map((a) => fresh.cell("S", a)?.value ?? null)]).toEqual([
        ranBefore,
        "AccessDenied",
        expected,
      ]);
    }
  });

  test("failSync on 'any': the very next sync fails, a read included; faults are taken in order", async () => {
    const workbook = book({ A1: { value: 1 } });
    const emulator = createOfficeEmulator(workbook);
    emulator.conditions.failSync({ code: "ItemNotFound", on: "any", message: "gone" });
    emulator.conditions.failSync({ code: "AccessDenied" });
    const read = () =>
      emulator.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
        await context.sync();
        return range.values;
      });
    expect(await read().catch((e: OfficeError) => [e.code, e.message])).toEqual(["ItemNotFound", "gone"]);
    expect(await read()).toEqual([[1]]); // the write fault waits for a sync that writes
    expect(emulator.conditions.pendingFaults).toBe(1);
  });
});

describe("fills, selection, addresses", () => {
  test("no fill reads white with pattern None; a colour is Solid; clear() removes it", async () => {
    const workbook = book();
    await excel(workbook).run(async (context) => {
      const fill = context.workbook.worksheets.getItem("S").getRange("A1").format.fill;
      fill.load("color, pattern");
      await context.sync();
      expect([fill.color, fill.pattern]).toEqual(["#FFFFFF", "None"]);
      fill.color = "#ffc7ce";
      fill.load("color, pattern");
      await context.sync();
      expect([fill.color, fill.pattern]).toEqual(["#FFC7CE", "Solid"]);
      expect(workbook.cell("S", "A1")).toEqual({ value: null, fill: "#FFC7CE" });
      fill.clear();
      await context.sync();
    });
    expect(workbook.cell("S", "A1")).toBeUndefined();
  });

  test("select() selects (and activates) the range's sheet", async () => {
    const workbook = book();
    await excel(workbook).run(async (context) => {
      context.workbook.worksheets.getItem("事業 1").getRange("b2:c3").select();
      await context.sync();
    });
    expect(workbook.selection).toEqual({ sheet: "事業 1", cell: "B2:C3" });
    expect(workbook.activeSheet).toBe("事業 1");
  });

  test.each([
    ["S", "S"],
    ["事業1", "事業1"],
    ["Sheet1", "Sheet1"],
    ["事業 1", "'事業 1'"],
    ["It's", "'It''s'"],
    ["2024", "'2024'"],
    ["AB12", "'AB12'"],
    ["R1C1", "'R1C1'"],
    ["a-b", "'a-b'"],
  ])("sheet %p is written %p in addresses", (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });

  test("rowIndex / columnIndex / rowCount / columnCount, getColumn and the visible view of hidden rows", async () => {
    const workbook = book({ B2: { value: 1 }, C5: { value: 2 } }, { hiddenRows: new Set([3, 4]) });
    await excel(workbook).run(async (context) => {
      const used = context.workbook.worksheets
        .getItem("S")
        .getUsedRange(true)
        .load("address, rowIndex, columnIndex, rowCount, columnCount");
      const view = used.getColumn(0).getVisibleView().load("cellAddresses, rowCount");
      await context.sync();
      expect([used.address, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual(["S!B2:C5", 1, 1, 4, 2]);
      expect(view.cellAddresses).toEqual([["S!B2"], ["S!B5"]]);
      expect(view.rowCount).toBe(2);
    });
  });
});

describe("syncs and Excel.run", () => {
  test("one countSync per round trip, none for an empty sync; Excel.run syncs what the batch left queued", async () => {
    const workbook = book();
    const seen: WorkbookEvent[] = [];
    workbook.on((e) => seen.push(e));
    const run = excel(workbook);
    const result = await run.run(async (context) => {
      await context.sync(); // nothing queued
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
      context.workbook.worksheets.getItem("S").getRange("A2").values = [[2]];
      return "done"; // not synced by the batch itself
    });
    expect(result).toBe("done");
    expect(workbook.syncs).toBe(1);
    expect(workbook.cell("S", "A2")?.value).toBe(2);
    const cells = seen.filter((e): e is Extract<WorkbookEvent, { type: "cells" }> => e.type === "cells");
    expect(cells).toHaveLength(1);
    expect(cells[0].changes.map((c) => [c.cell, c.source])).toEqual([
      ["A1", "addin"],
      ["A2", "addin"],
    ]);
  });

  test("a batch that does not return a promise is refused; a batch's own error passes through", async () => {
    const run = excel(book());
    expect(await codeOf(() => run.run((() => undefined) as never))).toBe("RunMustReturnPromise");
    const mine = new Error("mine");
    await expect(
      run.run(async () => {
        throw mine;
      }),
    ).rejects.toBe(mine);
  });

  test("the context's sync can be wrapped (the adapter counts syncs that way)", async () => {
    const workbook = book();
    let calls = 0;
    await excel(workbook).run(async (context) => {
      const original = context.sync;
      context.sync = function <T>(value?: T) {
        calls++;
        return original.call(context, value) as Promise<T>;
      };
      context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await context.sync();
    });
    expect(calls).toBe(2); // the batch's, and Excel.run's own final one (empty: no round trip)
    expect(workbook.syncs).toBe(1);
  });
});

describe("the Office globals", () => {
  let emulator: OfficeEmulator | null = null;
  afterEach(() => emulator?.uninstall());

  test("onReady, display language, requirement sets, as the add-in's office.ts reads them", async () => {
    emulator = installOfficeEmulator(globalThis, book(), { apiVersion: "1.9" });
    const office = (globalThis as unknown as { Office: OfficeEmulator["Office"] }).Office;
    const called: unknown[] = [];
    await expect(office.onReady((info) => called.push(info))).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
    expect(called).toEqual([{ host: "Excel", platform: "OfficeOnline" }]);
    expect(office.HostType.Excel).toBe("Excel");
    const reasons: string[] = [];
    office.initialize = (reason) => reasons.push(reason);
    await Promise.resolve();
    expect(reasons).toEqual(["inserted"]);
    expect(displayLanguage()).toBe("ja");
    expect([isSetSupported("1.1"), isSetSupported("1.9"), isSetSupported("1.10"), isSetSupported("1.13")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(isSetSupported("1.1", "WordApi")).toBe(false);
    emulator.uninstall();
    expect((globalThis as { Office?: unknown }).Office).toBeUndefined();
    emulator = installOfficeEmulator(globalThis, book(), { displayLanguage: "en-US" });
    expect(displayLanguage()).toBe("en");
  });

  test("document settings through the add-in's createDocumentSettings: JSON copies, saveAsync calls back", async () => {
    const store = new Map<string, unknown>();
    emulator = installOfficeEmulator(globalThis, book(), { settings: store });
    const settings = createDocumentSettings();
    const value = { highlight: true, list: [1, 2] };
    settings.set("k", value);
    value.list.push(3);
    expect(settings.get("k")).toEqual({ highlight: true, list: [1, 2] });
    await expect(settings.save()).resolves.toBeUndefined();
    expect(store.get("k")).toEqual({ highlight: true, list: [1, 2] });
    settings.set("k", null);
    expect(settings.get("k")).toBeNull();
    expect(store.has("k")).toBe(false);
  });

  test("demoWorkbookFromData + the emulation: the Excel global reads the page's workbook", async () => {
    const workbook = demoWorkbookFromData({ sheets: [{ name: "S", values: [[1, 2]] }] });
    emulator = installOfficeEmulator(globalThis, workbook);
    const Excel = (globalThis as unknown as { Excel: OfficeEmulator["Excel"] }).Excel;
    const values = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1").load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([[1, 2]]);
  });
});
