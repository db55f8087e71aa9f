/** @jest-environment node */
/** Office helpers, document settings and the pure conversions of the Excel adapter. */
import {
  contentOf,
  formulaOf,
  hiddenRowsOf,
  needsTextPrefix,
  normalizeCell,
  numberFormatOf,
  originOf,
  splitAreas,
  writeInput,
} from "../src/excel/convert";
import { countSyncs } from "../src/excel/excel-host";
import { HostError } from "../src/host/workbook-host";
import { displayLanguage, isSetSupported } from "../src/excel/office";
import { createDocumentSettings, type OfficeSettingsLike } from "../src/excel/settings";

type Global = { Office?: unknown };

afterEach(() => {
  delete (globalThis as Global).Office;
});

function installOffice(context: Record<string, unknown>): void {
  (globalThis as Global).Office = { context };
}

describe("office.ts", () => {
  test.each([
    ["ja-JP", "ja"],
    ["ja", "ja"],
    ["JA-jp", "ja"],
    ["en-US", "en"],
    ["zh-CN", "en"],
  ])("displayLanguage() for %s is %s", (language, expected) => {
    installOffice({ displayLanguage: language });
    expect(displayLanguage()).toBe(expected);
  });

  test("without Office: the browser's language, else ja", () => {
    expect(displayLanguage()).toBe(typeof navigator !== "undefined" && !navigator.language.startsWith("ja") ? "en" : "ja");
  });

  test("isSetSupported asks Office.context.requirements for ExcelApi", () => {
    const asked: string[] = [];
    installOffice({
      requirements: {
        isSetSupported: (set: string, version: string) => {
          asked.push(`${set} ${version}`);
          return version === "1.5";
        },
      },
    });
    expect(isSetSupported("1.5")).toBe(true);
    expect(isSetSupported("1.13")).toBe(false);
    expect(isSetSupported("1.1", "WordApi")).toBe(false);
    expect(asked).toEqual(["ExcelApi 1.5", "ExcelApi 1.13", "WordApi 1.1"]);
  });

  test("isSetSupported is false where Office or its requirements are missing", () => {
    expect(isSetSupported("1.1")).toBe(false);
    installOffice({});
    expect(isSetSupported("1.1")).toBe(false);
  });
});

describe("settings.ts", () => {
  function officeSettings(status: "succeeded" | "failed" = "succeeded") {
    const data = new Map<string, unknown>();
    const calls: string[] = [];
    const settings = {
      get: (key: string) => (data.has(key) ? data.get(key) : null),
      set: (key: string, value: unknown) => {
        calls.push(`set ${key}`);
        data.set(key, value);
      },
      remove: (key: string) => {
        calls.push(`remove ${key}`);
        data.delete(key);
      },
      saveAsync: (callback: (result: unknown) => void) => {
        calls.push("saveAsync");
        setTimeout(() => callback({ status, error: { name: "Save failed", message: "no", code: 5001 } }), 0);
      },
    };
    return { data, calls, settings: settings as unknown as OfficeSettingsLike };
  }

  test("get / set / save over Office.context.document.settings", async () => {
    const office = officeSettings();
    (globalThis as Global).Office = { context: { document: { settings: office.settings } } };
    const store = createDocumentSettings();
    expect(store.get("k")).toBeNull();
    store.set("k", { a: 1 });
    expect(store.get("k")).toEqual({ a: 1 });
    await store.save();
    store.set("k", null);
    expect(store.get("k")).toBeNull();
    expect(office.calls).toEqual(["set k", "saveAsync", "remove k"]);
  });

  test("a failed saveAsync rejects with a HostError", async () => {
    const store = createDocumentSettings(officeSettings("failed").settings);
    const error = await store.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("5001");
  });
});

describe("convert.ts", () => {
  test("originOf strips the sheet and $", () => {
    expect(originOf("Sheet1!$B$2:$H$40")).toBe("B2");
    expect(originOf("'事業 1'!C3")).toBe("C3");
    expect(originOf("'it''s'!$AA$10:$AB$12")).toBe("AA10");
  });

  test("splitAreas keeps commas inside quoted sheet names", () => {
    expect(splitAreas("Sheet1!A1:B2, Sheet1!$D$1:$D$4")).toEqual(["A1:B2", "D1:D4"]);
    expect(splitAreas("'a, b'!A1:B1,'a, b'!C3")).toEqual(["A1:B1", "C3"]);
    expect(splitAreas(undefined)).toEqual([]);
  });

  test("formulas: only text starting with =, and not a text constant equal to its value", () => {
    expect(formulaOf("=SUM(F5:F9)", 10)).toBe("=SUM(F5:F9)");
    expect(formulaOf(10, 10)).toBeNull();
    expect(formulaOf("達成", "達成")).toBeNull();
    expect(formulaOf("=not a formula", "=not a formula")).toBeNull();
    expect(formulaOf("", "")).toBeNull();
  });

  test("number formats: General and empty are null", () => {
    expect(numberFormatOf("General")).toBeNull();
    expect(numberFormatOf("")).toBeNull();
    expect(numberFormatOf("0.0%")).toBe("0.0%");
  });

  test("contentOf: empty is null, as holdsExpected compares", () => {
    expect(contentOf("", "", "General")).toEqual({ value: null, formula: null, numberFormat: null });
    expect(contentOf(3, "=1+2", "0")).toEqual({ value: 3, formula: "=1+2", numberFormat: "0" });
  });

  test("hiddenRowsOf: rows of the used range missing from the visible view", () => {
    expect(hiddenRowsOf("S!A3:C7", [["S!A3"], ["S!A5"], ["S!A7"]])).toEqual([4, 6]);
    expect(hiddenRowsOf("S!A3:C4", [["S!A3"], ["S!A4"]])).toEqual([]);
  });

  test("writeInput: null clears, text Excel would reinterpret gets the ' prefix, other values pass", () => {
    expect(writeInput(null)).toBe("");
    expect(writeInput(12)).toBe(12);
    expect(writeInput(false)).toBe(false);
    expect(writeInput("達成")).toBe("達成");
    for (const text of ["=A1", "+1", "-", "@x", "'a", "１２", "1/2", "true", "#REF!", " =A1"]) {
      expect(needsTextPrefix(text)).toBe(true);
      expect(writeInput(text)).toBe(`'${text}`);
    }
  });

  test("normalizeCell", () => {
    expect(normalizeCell("$g$18")).toBe("G18");
    expect(normalizeCell("A1:B2")).toBeNull();
  });

  test("countSyncs counts every context.sync and still calls it", async () => {
    let real = 0;
    const context = {
      sync: function <T>(value?: T): Promise<T> {
        real++;
        return Promise.resolve(value as T);
      },
    };
    const counter = countSyncs(context as never);
    await context.sync();
    await context.sync();
    expect(counter.count).toBe(2);
    expect(real).toBe(2);
  });
});
