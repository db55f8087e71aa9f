/** @jest-environment node */
/**
 * highlight / clearHighlight (src/excel/highlight.ts) on the demo's Excel emulation
 * (test/helpers/excel-emulator.ts): fills by severity, their exact restore (patterns included,
 * ExcelApi 1.9), the fills remembered in the document's settings, protected sheets, deleted
 * sheets, ExcelApi 1.1 hosts, and the round trips.
 */
import { HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY } from "../src/excel/excel-host";
import { parseSavedHighlights } from "../src/excel/highlight";
import type { SettingsStore } from "../src/host/workbook-host";
import { EmulatedExcel as BaseExcel, NULL_OBJECT_MODES, nullObjectChildren, type EmulatedExcelOptions } from "./helpers/excel-emulator";
import type { WorkbookData } from "../src/core";

/** The emulated Excel of the current NULL_OBJECT_MODES run (set by the describe.each below). */
let children: "null" | "fail" = "null";
class EmulatedExcel extends BaseExcel {
  constructor(data?: WorkbookData, options: EmulatedExcelOptions = {}) {
    super(data, { ...options, nullObjectChildren: children });
  }
}

function memorySettings(): SettingsStore & { data: Map<string, unknown>; saves: number } {
  const data = new Map<string, unknown>();
  const store = {
    data,
    saves: 0,
    get: (key: string) => (data.has(key) ? JSON.parse(JSON.stringify(data.get(key))) : null),
    set: (key: string, value: unknown) => {
      if (value === null) data.delete(key);
      else data.set(key, value);
    },
    save: async () => {
      store.saves++;
    },
  };
  return store;
}

/** Sheet S: A1 filled green (solid), A2 yellow with a red Gray50 pattern, A3 text without fill. */
async function filled(apiVersion = "1.13"): Promise<EmulatedExcel> {
  const excel = new EmulatedExcel({ sheets: [] }, { apiVersion });
  excel.addSheet("S");
  excel.put("S", { A1: { value: null, fill: "#00B050" }, A2: { value: null, fill: "#FFFF00" }, A3: { value: "x" } });
  await excel.setUp(async (context) => {
    const fill = context.workbook.worksheets.getItem("S").getRange("A2").format.fill;
    fill.pattern = "Gray50";
    fill.patternColor = "#FF0000";
    await context.sync();
  });
  return excel;
}

describe.each(NULL_OBJECT_MODES)("highlight / clearHighlight (calls on a null object's children give %s)", (mode) => {
  beforeAll(() => {
    children = nullObjectChildren(mode);
  });

  test.each([
    ["the fill sync fails after one fill", 1],
    ["the fill sync fails before any fill", 0],
  ])("%s: what was filled is remembered (in the settings too), so clearing restores the user's own fills", async (_, ranBefore) => {
    const excel = await filled();
    const original = excel.snapshot();
    const settings = memorySettings();
    const host = excel.host({ settings });
    excel.conditions.failSync({ code: "GeneralException", ranBefore });
    const error = await host
      .highlight([
        { sheet: "S", cell: "A1", severity: "error" },
        { sheet: "S", cell: "A2", severity: "warning" },
        { sheet: "S", cell: "A3", severity: "info" },
      ])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GeneralException" });
    expect(excel.cell("S", "A1").fill).toBe(ranBefore > 0 ? HIGHLIGHT_COLORS.error : "#00B050");
    expect(settings.get(HIGHLIGHT_SETTINGS_KEY)).toMatchObject({
      cells: expect.arrayContaining([expect.objectContaining({ cell: "A1" })]),
    });
    // A reloaded pane restores from the settings as well as this one does.
    await excel.host({ settings }).clearHighlight();
    expect(excel.snapshot()).toEqual(original);
    await host.clearHighlight();
    expect(excel.snapshot()).toEqual(original);
  });

  test("a failed restore (new highlights, some cells dropped) keeps what it could not restore remembered", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const host = excel.host();
    await host.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "error" },
    ]);
    excel.conditions.failSync({ code: "GeneralException", ranBefore: 1 });
    await expect(host.highlight([{ sheet: "S", cell: "A3", severity: "info" }])).rejects.toMatchObject({ code: "GeneralException" });
    await host.clearHighlight();
    expect(excel.snapshot()).toEqual(original);
  });

  test("the set-up: a patterned fill as Excel holds it", async () => {
    const excel = await filled();
    expect(excel.cell("S", "A1")).toMatchObject({ fill: "#00B050", pattern: null });
    expect(excel.cell("S", "A2")).toMatchObject({ fill: "#FFFF00", pattern: "Gray50", patternColor: "#FF0000" });
    expect(excel.syncs).toBe(0);
  });

  test("fills by severity and restores exactly (patterns too; no fill is cleared), two syncs each", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const host = excel.host();
    await host.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "warning" },
      { sheet: "S", cell: "A3", severity: "info" },
      { sheet: "S", cell: "A3", severity: "error" },
    ]);
    expect(host.lastSyncs).toBe(2);
    expect(excel.syncs).toBe(2);
    expect(excel.cell("S", "A1")).toMatchObject({ fill: HIGHLIGHT_COLORS.error, pattern: null });
    expect(excel.cell("S", "A2")).toMatchObject({ fill: HIGHLIGHT_COLORS.warning, pattern: null }); // solid while highlighted
    expect(excel.cell("S", "A3").fill).toBe(HIGHLIGHT_COLORS.error); // the most severe wins
    await host.clearHighlight();
    expect(host.lastSyncs).toBe(2);
    expect(excel.syncs).toBe(4);
    expect(excel.cell("S", "A3")).toMatchObject({ value: "x", fill: null });
    expect(excel.snapshot()).toEqual(original);
  });

  test("the number of syncs does not grow with the number of cells", async () => {
    for (const count of [3, 60]) {
      const excel = new EmulatedExcel();
      excel.addSheet("S");
      const host = excel.host();
      await host.highlight(Array.from({ length: count }, (_, i) => ({ sheet: "S", cell: `B${i + 1}`, severity: "warning" as const })));
      expect(excel.syncs).toBe(2);
      expect(excel.cell("S", `B${count}`).fill).toBe(HIGHLIGHT_COLORS.warning);
      await host.clearHighlight();
      expect(excel.syncs).toBe(4);
      expect(excel.snapshot()).toEqual({});
    }
  });

  test("a new highlight restores cells no longer listed and keeps the first original of the others", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const host = excel.host();
    await host.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "error" },
    ]);
    await host.highlight([{ sheet: "S", cell: "A2", severity: "info" }]);
    expect(excel.cell("S", "A1")).toEqual(original["S!A1"]);
    expect(excel.cell("S", "A2").fill).toBe(HIGHLIGHT_COLORS.info);
    await host.clearHighlight();
    expect(excel.snapshot()).toEqual(original);
  });

  test("a fill the user changed after highlighting is left as the user made it", async () => {
    const excel = await filled();
    const host = excel.host();
    await host.highlight([{ sheet: "S", cell: "A1", severity: "error" }]);
    excel.edit("S", "A1", { fill: "#7030A0" });
    await host.clearHighlight();
    expect(excel.cell("S", "A1")).toMatchObject({ fill: "#7030A0", pattern: null });
  });

  test("the original fills are saved in the document settings, so a new session can restore them", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const settings = memorySettings();
    await excel.host({ settings }).highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A3", severity: "warning" },
    ]);
    expect(settings.saves).toBe(1);
    expect(settings.get(HIGHLIGHT_SETTINGS_KEY)).toMatchObject({
      version: 1,
      cells: [
        { sheet: "S", cell: "A1" },
        { sheet: "S", cell: "A3" },
      ],
    });
    const reloaded = excel.host({ settings });
    await reloaded.clearHighlight();
    expect(excel.snapshot()).toEqual(original);
    expect(settings.data.has(HIGHLIGHT_SETTINGS_KEY)).toBe(false);
    expect(settings.saves).toBe(2);
  });

  test("saved highlights are untrusted: malformed entries are dropped, the well-formed ones still restored", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const settings = memorySettings();
    await excel.host({ settings }).highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "warning" },
    ]);
    const stored = settings.get(HIGHLIGHT_SETTINGS_KEY) as { version: number; cells: unknown[] };
    const good = stored.cells;
    const bad = [
      null,
      "S!A3",
      { sheet: "S", cell: "A3", applied: HIGHLIGHT_COLORS.error }, // no original
      { sheet: "S", cell: "A3", applied: HIGHLIGHT_COLORS.error, original: { color: 5 } },
      { sheet: "S", cell: "A3", applied: HIGHLIGHT_COLORS.error, original: { color: "#FFFFFF", pattern: "Bogus" } },
      { sheet: "S", cell: "not a cell", applied: HIGHLIGHT_COLORS.error, original: { color: null } },
      { sheet: "S", cell: "$a$3", applied: HIGHLIGHT_COLORS.error, original: { color: null } },
      { sheet: "", cell: "A3", applied: HIGHLIGHT_COLORS.error, original: { color: null } },
      { sheet: "S", cell: "A3", applied: 1, original: { color: null } },
    ];
    expect(parseSavedHighlights({ ...stored, cells: [...bad, ...good] })).toEqual(good);
    expect(parseSavedHighlights({ cells: "A1" })).toEqual([]);
    expect(parseSavedHighlights("{}")).toEqual([]);
    expect(parseSavedHighlights(null)).toEqual([]);

    settings.set(HIGHLIGHT_SETTINGS_KEY, { ...stored, cells: [bad[4], good[0], ...bad, good[1]] });
    const reloaded = excel.host({ settings });
    await reloaded.clearHighlight();
    expect(reloaded.lastSyncs).toBe(2);
    expect(excel.snapshot()).toEqual(original);
    expect(settings.data.has(HIGHLIGHT_SETTINGS_KEY)).toBe(false);
  });

  test("cells of a sheet protected against formatting are left alone (no AccessDenied), and restored once it is not", async () => {
    const excel = await filled();
    const original = excel.snapshot();
    const host = excel.host();
    await host.highlight([{ sheet: "S", cell: "A1", severity: "error" }]);
    excel.protect("S"); // Excel's defaults: formatting cells not allowed
    await host.highlight([{ sheet: "S", cell: "A3", severity: "error" }]);
    expect(excel.cell("S", "A3").fill).toBeNull();
    expect(excel.cell("S", "A1").fill).toBe(HIGHLIGHT_COLORS.error);
    await host.clearHighlight();
    expect(excel.cell("S", "A1").fill).toBe(HIGHLIGHT_COLORS.error); // still remembered
    excel.protect("S", null);
    excel.protect("S", { allowFormatCells: true }); // still protected, formatting allowed
    await host.clearHighlight();
    expect(excel.sheet("S").protected).toBe(true);
    expect(excel.snapshot()).toEqual(original);
  });

  test("ExcelApi 1.1 host: white reads as no fill; a deleted sheet's cells are skipped on 1.4+", async () => {
    const old = new EmulatedExcel({ sheets: [] }, { apiVersion: "1.1" });
    old.addSheet("S");
    old.put("S", { A1: { value: null, fill: "#00B050" } });
    const host = old.host();
    await host.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "B1", severity: "error" },
    ]);
    expect(old.cell("S", "B1").fill).toBe(HIGHLIGHT_COLORS.error);
    await host.clearHighlight();
    expect(old.cell("S", "A1")).toMatchObject({ fill: "#00B050", pattern: null });
    expect(old.cell("S", "B1").fill).toBeNull();

    const excel = new EmulatedExcel();
    excel.addSheet("S");
    excel.addSheet("T");
    const modern = excel.host();
    await modern.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "T", cell: "A1", severity: "error" },
    ]);
    excel.deleteSheet("T");
    await modern.clearHighlight();
    expect(excel.cell("S", "A1").fill).toBeNull();
  });
});
