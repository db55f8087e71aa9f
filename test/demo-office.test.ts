/** @jest-environment node */
/**
 * The browser demo's Excel emulation (src/demo/office) running the REAL adapter and task pane
 * logic: createExcelHost and TaskpaneController with their defaults (Excel.run, Office.context),
 * over Office / Excel / OfficeExtension globals installed on globalThis, over a DemoWorkbook built
 * from the core's WorkbookData.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { fixWorkbook, validateWorkbook, type Scalar, type WorkbookData } from "../src/core";
import { installOfficeEmulator, type OfficeEmulator, type OfficeEmulatorOptions } from "../src/demo/office";
import { OfficeError } from "../src/demo/office/errors";
import { demoWorkbookFromData, sheetsFromWorkbookData } from "../src/demo/office/from-data";
import { normalizeCell } from "../src/demo/office/state";
import type { DemoWorkbook, WorkbookEvent } from "../src/demo/workbook-model";
import { createExcelHost, HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY } from "../src/excel/excel-host";
import { HostError } from "../src/host/workbook-host";
import { createDocumentSettings } from "../src/excel/settings";
import { TaskpaneController } from "../src/taskpane/controller";
import { buildReport, edited, firstYear, type ReportSpec } from "../src/fixtures/report-builder";

// ---------------------------------------------------------------------------------------------
// Helpers

let emulator: OfficeEmulator | null = null;

function install(workbook: DemoWorkbook, options: OfficeEmulatorOptions = {}): OfficeEmulator {
  emulator = installOfficeEmulator(globalThis, workbook, options);
  return emulator;
}

afterEach(() => {
  emulator?.uninstall();
  emulator = null;
});

function report(sections: number): ReportSpec {
  return {
    sections: Array.from({ length: sections }, (_, i) => ({
      number: i + 1,
      // Some findings to compare: a wrong 達成状況 in every third section.
      blocks: i % 3 === 0 ? [{ years: firstYear(100, 80, "達成") }, {}] : [{}, {}],
    })),
  };
}

/** Every non-empty cell as the core sees it, by "sheet!A1"; merges sorted; hidden rows. */
function coreView(workbook: WorkbookData) {
  const cells: Record<string, { value: Scalar; formula: string | null; numberFormat: string | null }> = {};
  const sheets: Record<string, { merges: string[]; hiddenRows: number[] }> = {};
  for (const sheet of workbook.sheets) {
    const origin = /^([A-Z]+)(\d+)$/.exec(sheet.origin ?? "A1")!;
    const col0 = [...origin[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row0 = Number(origin[2]) - 1;
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const formula = sheet.formulas?.[r]?.[c] ?? null;
        const numberFormat = sheet.numberFormats?.[r]?.[c] ?? null;
        if ((value === null || value === "") && !formula && !numberFormat) return;
        let col = "";
        for (let n = col0 + c + 1; n > 0; n = Math.floor((n - 1) / 26)) col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
        cells[`${sheet.name}!${col}${row0 + r + 1}`] = { value: value === "" ? null : value, formula, numberFormat };
      }),
    );
    sheets[sheet.name] = { merges: [...(sheet.merges ?? [])].sort(), hiddenRows: [...(sheet.hiddenRows ?? [])] };
  }
  return { cells, sheets };
}

/** Every cell of the page's workbook, every field spelled out (empty cells left out). */
function snapshot(workbook: DemoWorkbook) {
  const out: Record<string, ReturnType<typeof normalizeCell>> = {};
  for (const sheet of workbook.sheets) {
    for (const [address, cell] of sheet.cells) {
      const normal = normalizeCell(cell);
      if (normal.value === null && !normal.formula && !normal.numberFormat && !normal.fill && normal.locked) continue;
      out[`${sheet.name}!${address}`] = normal;
    }
  }
  return out;
}

function events(workbook: DemoWorkbook): WorkbookEvent[] {
  const seen: WorkbookEvent[] = [];
  workbook.on((event) => seen.push(event));
  return seen;
}

/** A report whose fixes write all three formulas the evaluator must compute: ROUNDDOWN, SUM, LEN&"字". */
const FIXABLE = edited(
  {
    sections: [
      { number: 1, blocks: [{ years: firstYear(100, 80, "達成"), achievedCount: "5字" }, { kind: "ｱｳﾄﾌﾟｯﾄ" }] },
      { number: 2, blocks: [{}] },
    ],
    projects: { 1: { grant: 400000 } },
    totalCost: 5,
  },
  [],
);

// ---------------------------------------------------------------------------------------------
// Read

describe("readWorkbook over the emulation", () => {
  test.each([
    // A session's first read: the sheet names, then the used ranges (one sync once names are known).
    ["1.13", 5, 2],
    ["1.13", 40, 2],
    ["1.1", 5, 2],
    ["1.1", 40, 2],
    ["1.13", 140, 2],
  ])("ExcelApi %s, %i sheets: the source's content and findings, in %i sync(s)", async (apiVersion, sheets, syncs) => {
    const data = buildReport(report(sheets - 1));
    data.sheets[1].hiddenRows = [3];
    expect(data.sheets).toHaveLength(sheets);
    const workbook = demoWorkbookFromData(data);
    install(workbook, { apiVersion });
    const host = createExcelHost();

    const outcome = await host.readWorkbook();

    expect(outcome.syncs).toBe(syncs);
    expect(host.lastSyncs).toBe(syncs);
    expect(workbook.syncs).toBe(syncs);
    const read = coreView(outcome.workbook);
    const source = coreView(data);
    expect(read.cells).toEqual(source.cells);
    // ExcelApi 1.1 has neither merged areas (1.13) nor visible views (1.3): the adapter reads none.
    if (apiVersion === "1.1") for (const sheet of Object.values(source.sheets)) Object.assign(sheet, { merges: [], hiddenRows: [] });
    expect(read.sheets).toEqual(source.sheets);
    const findings = validateWorkbook(outcome.workbook).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(validateWorkbook(data).findings);
  });

  test("sheet names needing quotes, an origin away from A1, merged cells, empty sheets", async () => {
    const workbook = demoWorkbookFromData({
      sheets: [
        {
          name: "事業 1",
          origin: "C3",
          values: [
            ["見出し", 1234, "covered"],
            ["#N/A", "=not a formula", null],
          ],
          formulas: [
            [null, null, null],
            ["=NA()", null, null],
          ],
          numberFormats: [
            [null, '#,##0"円"', null],
            [null, null, null],
          ],
          merges: ["D3:E3"],
        },
        { name: "空白", values: [] },
      ],
    });
    install(workbook);
    const { workbook: read, syncs } = await createExcelHost().readWorkbook();
    expect(syncs).toBe(2); // the sheet names, then the used ranges
    expect(read.sheets[0]).toEqual({
      name: "事業 1",
      origin: "C3",
      values: [
        ["見出し", 1234, ""], // E3 is covered by D3:E3: Excel reads it empty
        ["#N/A", "=not a formula", ""],
      ],
      formulas: [
        [null, null, null],
        ["=NA()", null, null],
      ],
      numberFormats: [
        [null, '#,##0"円"', null],
        [null, null, null],
      ],
      merges: ["D3:E3"],
      hiddenRows: [],
    });
    expect(read.sheets[1]).toMatchObject({ name: "空白", origin: "A1", values: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Apply

describe("applyWrites over the emulation", () => {
  test("fixWorkbook's writes land in the page's workbook, formulas computed like the core cached them; revert restores every cell", async () => {
    const workbook = demoWorkbookFromData(FIXABLE);
    const original = snapshot(workbook);
    install(workbook);
    const host = createExcelHost();
    const { workbook: read } = await host.readWorkbook();
    const { writes } = fixWorkbook(read);
    const formulas = writes.filter((w) => w.formula).map((w) => w.formula!.replace(/\(.*$/, ""));
    expect(formulas.sort()).toEqual(["=LEN", "=ROUNDDOWN", "=SUM", "=SUM"]);

    const seen = events(workbook);
    const before = workbook.syncs;
    const outcome = await host.applyWrites(writes);

    expect(outcome.skipped).toEqual([]);
    expect(outcome.applied).toEqual(writes);
    expect(outcome.syncs).toBe(2);
    expect(workbook.syncs - before).toBe(2);
    for (const write of writes) {
      const cell = normalizeCell(workbook.cell(write.sheet, write.cell));
      // The formula's value is the emulator's own computation; it equals what the core cached.
      expect([write.cell, cell.value, cell.formula]).toEqual([write.cell, write.value, write.formula ?? null]);
      if (write.numberFormat) expect(cell.numberFormat).toBe(write.numberFormat);
    }
    // Only the written cells changed, and the page heard of them once, as the add-in's.
    const after = snapshot(workbook);
    const written = new Set(writes.map((w) => `${w.sheet}!${w.cell}`));
    for (const key of new Set([...Object.keys(original), ...Object.keys(after)])) {
      if (!written.has(key)) expect([key, after[key]]).toEqual([key, original[key]]);
    }
    const cellEvents = seen.filter((e) => e.type === "cells");
    expect(cellEvents).toHaveLength(1);
    expect(cellEvents[0].type === "cells" && cellEvents[0].changes.every((c) => c.source === "addin")).toBe(true);

    // Read again: nothing fixable is left, and the page's own view agrees with the adapter's.
    const again = await host.readWorkbook();
    const findings = validateWorkbook(again.workbook).findings;
    expect(findings.filter((f) => f.fixable)).toEqual([]);
    expect(findings).toEqual(validateWorkbook(workbook.toWorkbookData()).findings);

    const back = await host.applyWrites(outcome.revert);
    expect(back.skipped).toEqual([]);
    expect(back.syncs).toBe(2);
    expect(snapshot(workbook)).toEqual(original);
  });

  test("a cell the user changed after the read is skipped as changed and keeps the user's value", async () => {
    const workbook = demoWorkbookFromData(FIXABLE);
    install(workbook);
    const host = createExcelHost();
    const { workbook: read } = await host.readWorkbook();
    const { writes } = fixWorkbook(read);
    workbook.setCells([{ sheet: "事業1", cell: "G18", content: { value: "未計測" } }], "user");

    const outcome = await host.applyWrites(writes);

    const g18 = writes.find((w) => w.cell === "G18")!;
    expect(outcome.skipped).toEqual([{ write: g18, reason: "changed", actual: { value: "未計測", formula: null, numberFormat: null } }]);
    expect(outcome.applied).toHaveLength(writes.length - 1);
    expect(workbook.cell("事業1", "G18")).toEqual({ value: "未計測" });
    expect(workbook.history.filter((c) => c.cell === "G18").map((c) => c.source)).toEqual(["user"]);
  });

  test("the task pane: a cell typed into between preview and apply is reported, in Japanese", async () => {
    const workbook = demoWorkbookFromData(FIXABLE);
    install(workbook);
    const controller = new TaskpaneController(createExcelHost({ settings: createDocumentSettings() }), createDocumentSettings(), "ja");
    await controller.openPreview();
    workbook.setCells([{ sheet: "事業1", cell: "C27", content: { value: "アウトカム" } }], "user");
    await controller.applyPreview();
    expect(controller.state.notice).toMatchObject({ kind: "warning", details: ["事業1!C27 は検証後に変更されたため書き込みませんでした"] });
    expect(workbook.cell("事業1", "C27")?.value).toBe("アウトカム");
    expect(workbook.cell("事業1", "G18")?.value).toBe("未達成");
  });
});

describe("a protected sheet", () => {
  function protectedReport() {
    const workbook = demoWorkbookFromData(FIXABLE, { protectedSheets: ["事業1"] });
    // One unlocked input cell, as templates have.
    workbook.sheet("事業1")!.cells.set("H2", { value: null, locked: false });
    return workbook;
  }

  test("ExcelApi 1.2+: the adapter skips the locked cells; the pane says why, in Japanese; the sheet is unchanged", async () => {
    const workbook = protectedReport();
    const original = snapshot(workbook);
    install(workbook);
    const host = createExcelHost({ settings: createDocumentSettings() });
    const controller = new TaskpaneController(host, createDocumentSettings(), "ja");
    await controller.openPreview();
    await controller.applyPreview();

    const notice = controller.state.notice!;
    expect(notice.kind).toBe("warning");
    expect(notice.details).toEqual([
      "事業1!G18 はシートが保護されているため書き込みませんでした",
      "事業1!G23 はシートが保護されているため書き込みませんでした",
      "事業1!C27 はシートが保護されているため書き込みませんでした",
    ]);
    const after = snapshot(workbook);
    for (const key of Object.keys({ ...original, ...after }).filter((k) => k.startsWith("事業1!"))) {
      expect([key, after[key]]).toEqual([key, original[key]]);
    }
    expect(workbook.cell("活用状況", "G5")).toMatchObject({ value: 500000, formula: "=ROUNDDOWN(F5*1/2,0)" });

    // The unlocked cell can be written.
    const outcome = await host.applyWrites([{ sheet: "事業1", cell: "H2", expected: { value: null }, value: "入力" }]);
    expect(outcome.applied).toHaveLength(1);
    expect(workbook.cell("事業1", "H2")).toMatchObject({ value: "入力", locked: false });
  });

  test("ExcelApi 1.1 (no protection API): the write fails with AccessDenied, the restore leaves nothing half-written, the pane says so", async () => {
    const workbook = protectedReport();
    const original = snapshot(workbook);
    install(workbook, { apiVersion: "1.1" });
    const controller = new TaskpaneController(createExcelHost(), createDocumentSettings(), "ja", { log: () => undefined });
    await controller.openPreview();
    const seen = events(workbook);
    await controller.applyPreview();

    // 活用状況's writes ran before the locked cell failed the batch, then were put back.
    const changes = seen.flatMap((e) => (e.type === "cells" ? e.changes : []));
    expect(changes.some((c) => c.sheet === "活用状況" && c.cell === "G5" && c.after?.value === 500000)).toBe(true);
    expect(snapshot(workbook)).toEqual(original);
    const notice = controller.state.notice!;
    expect(notice.kind).toBe("error");
    expect(notice.text).toContain("シートが保護されているか、ブックが読み取り専用で開かれています");
    // The restore re-writes every cell of the batch, the locked one too, so Excel refuses it again:
    // the adapter cannot tell that everything was put back and asks the user to check.
    expect(notice.text).toContain("次のセルを確認してください");
  });

  test("ExcelApi 1.1: the adapter's error, as the host raises it", async () => {
    const workbook = protectedReport();
    install(workbook, { apiVersion: "1.1" });
    const host = createExcelHost();
    const error = await host
      .applyWrites([
        { sheet: "事業1", cell: "G18", expected: { value: "達成" }, value: "未達成" },
        { sheet: "活用状況", cell: "H1", expected: { value: null }, value: "x" },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("AccessDenied");
    expect(((error as HostError).detail as { error: unknown }).error).toBeInstanceOf(OfficeError);
    expect(host.lastSyncs).toBe(3); // the targets' read, the failed write, the failed restore
    expect(workbook.cell("活用状況", "H1")).toBeUndefined(); // never reached: the locked cell failed first
    expect(workbook.cell("事業1", "G18")?.value).toBe("達成");
  });
});

// ---------------------------------------------------------------------------------------------
// Navigation and highlight

describe("selectCell, highlight, clearHighlight", () => {
  test("selectCell activates the sheet and selects the cell, in one sync", async () => {
    const workbook = demoWorkbookFromData(FIXABLE);
    install(workbook);
    const seen = events(workbook);
    const host = createExcelHost();
    await host.selectCell("事業1", "$g$18");
    expect(workbook.activeSheet).toBe("事業1");
    expect(workbook.selection).toEqual({ sheet: "事業1", cell: "G18" });
    expect(seen.filter((e) => e.type !== "sync")).toEqual([
      { type: "active-sheet", sheet: "事業1" },
      { type: "selection", sheet: "事業1", cell: "G18" },
    ]);
    expect(host.lastSyncs).toBe(1);
    expect(workbook.syncs).toBe(1);

    const error = (await host.selectCell("無い", "A1").catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("ItemNotFound");
    expect(error.userMessage.ja).toContain("もう一度「点検」");
  });

  test("highlight fills by severity and remembers the fills in the document settings; clearHighlight restores them", async () => {
    const workbook = demoWorkbookFromData(FIXABLE);
    workbook.setCells([{ sheet: "事業1", cell: "A15", content: { fill: "#00b050" } }], "load");
    const original = snapshot(workbook);
    const { settings } = install(workbook);
    const host = createExcelHost({ settings: createDocumentSettings() });

    await host.highlight([
      { sheet: "事業1", cell: "A15", severity: "error" },
      { sheet: "事業1", cell: "G18", severity: "warning" },
      { sheet: "事業1", cell: "H40", severity: "info" },
    ]);
    expect(host.lastSyncs).toBe(2);
    expect(workbook.cell("事業1", "A15")?.fill).toBe(HIGHLIGHT_COLORS.error);
    expect(workbook.cell("事業1", "G18")?.fill).toBe(HIGHLIGHT_COLORS.warning);
    expect(workbook.cell("事業1", "H40")?.fill).toBe(HIGHLIGHT_COLORS.info);
    expect(settings.get(HIGHLIGHT_SETTINGS_KEY)).toMatchObject({
      version: 1,
      cells: [{ cell: "A15", original: { color: "#00B050" } }, {}, {}],
    });

    // A new pane (the page reloaded it) restores from the settings.
    await createExcelHost({ settings: createDocumentSettings() }).clearHighlight();
    expect(snapshot(workbook)).toEqual(original);
    expect(settings.has(HIGHLIGHT_SETTINGS_KEY)).toBe(false);
  });

  test("cells of a protected sheet are not coloured (formatting is not allowed), without an error", async () => {
    const workbook = demoWorkbookFromData(FIXABLE, { protectedSheets: ["事業1"] });
    const original = snapshot(workbook);
    install(workbook);
    const host = createExcelHost();
    await host.highlight([
      { sheet: "事業1", cell: "G18", severity: "error" },
      { sheet: "活用状況", cell: "G5", severity: "error" },
    ]);
    expect(workbook.cell("事業1", "G18")?.fill).toBeUndefined();
    expect(workbook.cell("活用状況", "G5")?.fill).toBe(HIGHLIGHT_COLORS.error);
    await host.clearHighlight();
    expect(snapshot(workbook)).toEqual(original);
  });
});

// ---------------------------------------------------------------------------------------------
// The whole pane, start to finish

test("the task pane validates, previews, applies and reverts through the emulation", async () => {
  const workbook = demoWorkbookFromData(FIXABLE);
  const original = snapshot(workbook);
  install(workbook);
  const controller = new TaskpaneController(createExcelHost({ settings: createDocumentSettings() }), createDocumentSettings(), "ja");
  await controller.validate();
  expect(controller.state.result!.stats.fixable).toBeGreaterThan(0);
  await controller.openPreview();
  await controller.applyPreview();
  expect(controller.state.notice).toMatchObject({ kind: "success", text: "6セルに書き込みました。" });
  expect(controller.state.result!.stats.fixable).toBe(0);
  await controller.revert();
  expect(snapshot(workbook)).toEqual(original);
  await controller.setHighlight(true);
  expect(workbook.cell("事業1", "G18")?.fill).toBe(HIGHLIGHT_COLORS.error);
  await controller.setHighlight(false);
  expect(snapshot(workbook)).toEqual(original);
});

// ---------------------------------------------------------------------------------------------
// The add-in's bundles never include the demo

test("nothing under src/core, src/excel, src/taskpane or src/commands imports src/demo", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name)) files.push(path);
    }
  };
  for (const dir of ["core", "excel", "taskpane", "commands"]) walk(join(__dirname, "..", "src", dir));
  const offenders = files.filter((file) => /from\s+["'][^"']*\/demo(\/|["'])/.test(readFileSync(file, "utf8")));
  expect(offenders).toEqual([]);
});

test("sheetsFromWorkbookData: empty cells left out, General as no format, protection as asked", () => {
  const [sheet] = sheetsFromWorkbookData(
    {
      sheets: [
        {
          name: "S",
          origin: "B2",
          values: [[1, "", null, "x"]],
          formulas: [[null, null, "=A1", null]],
          numberFormats: [["General", null, null, "@"]],
          merges: ["B2:C2"],
          hiddenRows: [4],
        },
      ],
    },
    { protectedSheets: ["S"] },
  );
  expect([...sheet.cells]).toEqual([
    ["B2", { value: 1 }],
    ["D2", { value: null, formula: "=A1" }],
    ["E2", { value: "x", numberFormat: "@" }],
  ]);
  expect(sheet).toMatchObject({ merges: ["B2:C2"], protected: true });
  expect([...sheet.hiddenRows]).toEqual([4]);
});
