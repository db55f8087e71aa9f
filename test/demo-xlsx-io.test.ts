/**
 * The demo's .xlsx in and out: the sheets it shows are what the CLI reads from the same file, and
 * the download writes back exactly the cells the demo changed, keeping everything else.
 */
import ExcelJS from "exceljs";
import { skipMessage, validateWorkbook } from "../src/core";
import { loadXlsx } from "../src/node/xlsx";
import { applyDemoChanges, columnWidthToPixels, downloadName, netChanges, patchBetween, sheetsFromExcelJS } from "../src/demo/xlsx-io";
import { DemoWorkbook } from "../src/demo/workbook-model";
import { openFileBytes, restoreDroppedNotes, type OpenedFile } from "../src/demo/zip-parts";
import { classifyBytes } from "../src/xlsx/kind";
import { inflateRaw, type InflateSink } from "../src/xlsx/inflate";
import { listZipEntries } from "../src/xlsx/zip";
import { YEN_FORMAT } from "../src/fixtures/template";
import { buildFixtureFile, makeTempDir, readZip, removeDir, writeZip } from "./helpers/xlsx-fixtures";
import * as fs from "fs";
import * as path from "path";

const SEED = path.join(__dirname, "..", "samples", "hanamaki-r6.xlsx");

let dir: string;
let fixture: string;
beforeAll(async () => {
  dir = makeTempDir("kpi-demo-io-");
  fixture = await buildFixtureFile(dir);
});
afterAll(() => removeDir(dir));

async function excel(bytes: Uint8Array | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const data = typeof bytes === "string" ? fs.readFileSync(bytes) : Buffer.from(bytes);
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

/** What the browser sees: the bytes as a plain Uint8Array (not a Buffer). */
function browserBytes(file: string): Uint8Array {
  const buffer = fs.readFileSync(file);
  const bytes = new Uint8Array(buffer.length);
  bytes.set(buffer);
  return bytes;
}

async function demoOf(file: string): Promise<DemoWorkbook> {
  return DemoWorkbook.fromSheets(sheetsFromExcelJS(await excel(file)));
}

describe("sheetsFromExcelJS", () => {
  it.each([
    ["the sample report", () => SEED],
    ["the fixture workbook", () => fixture],
  ])("gives the core the same findings as the CLI for %s", async (_name, file) => {
    const demo = await demoOf(file());
    const cli = await loadXlsx(file());
    const shown = validateWorkbook(demo.toWorkbookData());
    const read = validateWorkbook(cli.data);
    expect(shown.findings.map((f) => [f.ruleId, f.sheet, f.cell, f.message])).toEqual(
      read.findings.map((f) => [f.ruleId, f.sheet, f.cell, f.message]),
    );
    expect(shown.stats).toEqual(read.stats);
  });

  it("keeps a protected sheet's unlocked cells, empty ones too", async () => {
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet("保護");
    sheet.getCell("A1").value = "見出し";
    sheet.getCell("B2").protection = { locked: false };
    await sheet.protect("", {});
    const file = path.join(dir, "protected.xlsx");
    await source.xlsx.writeFile(file);
    const demo = await demoOf(file);
    expect(demo.sheet("保護")!.protected).toBe(true);
    expect(demo.cell("保護", "B2")).toEqual({ value: null, formula: null, numberFormat: null, fill: null, locked: false });
    expect(demo.cell("保護", "A1")?.locked).toBeUndefined();
  });

  it("keeps merges, hidden rows, column widths, fills, formats and formulas", async () => {
    const demo = await demoOf(fixture);
    const summary = demo.sheet("活用状況")!;
    const kpi = demo.sheet("事業1")!;
    expect(summary.merges).toEqual(expect.arrayContaining(["A1:G1", "A3:A4", "F3:G3"]));
    expect([...kpi.hiddenRows].sort((a, b) => a - b)).toEqual([26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]);
    expect(summary.columnWidths.get(0)).toBe(columnWidthToPixels(38));
    expect(kpi.columnWidths.get(8)).toBe(0); // column I is hidden
    expect(summary.cells.get("A3")).toMatchObject({ value: "事業名", fill: "#DDEBF7" });
    expect(summary.cells.get("F5")).toMatchObject({ value: 4272400, numberFormat: YEN_FORMAT });
    expect(summary.cells.get("G6")).toMatchObject({ formula: "=ROUNDDOWN(F6*1/2,0)", value: 0 });
    expect(kpi.cells.get("I17")?.value).toBe(45747); // a date as its serial number
    expect(kpi.cells.get("A5")?.value).toBe("※数値のみ記載してください"); // rich text as its text
    expect(kpi.cells.has("B1")).toBe(false); // inside the merge A1:G1, no value
  });
});

describe("applyDemoChanges", () => {
  it("writes the changed cells into the file's workbook and nothing else", async () => {
    const demo = await demoOf(fixture);
    demo.setCells(
      [
        // The add-in: a formula over a shared formula's master, a value, a format, a fill.
        { sheet: "活用状況", cell: "G5", content: { formula: "=ROUNDDOWN(F5*2/3,0)", value: 2848266 } },
        { sheet: "事業1", cell: "G18", content: { value: "未達成" } },
        { sheet: "活用状況", cell: "F6", content: { value: 2136200, numberFormat: YEN_FORMAT } },
        { sheet: "事業1", cell: "C16", content: { fill: "#FFC7CE" } },
      ],
      "addin",
    );
    // The user: a text, then a change made and taken back.
    demo.setCells([{ sheet: "事業1", cell: "B23", content: { value: "窓口の待ち時間が半分になった。" } }], "user");
    demo.setCells([{ sheet: "事業1", cell: "E16", content: { value: "2022年度" } }], "user");
    demo.setCells([{ sheet: "事業1", cell: "E16", content: { value: "2023年度" } }], "user");
    // Recalculation: a formula's result only.
    demo.setCells([{ sheet: "活用状況", cell: "G8", content: { value: 3348266 } }], "user");
    // The highlight, put on and taken off.
    demo.setCells([{ sheet: "事業1", cell: "D16", content: { fill: "#FFEB9C" } }], "addin");
    demo.setCells([{ sheet: "事業1", cell: "D16", content: { fill: null } }], "addin");
    // Inside a merge (not its top-left): not writable.
    demo.setCells([{ sheet: "事業1", cell: "C1", content: { value: "x" } }], "user");

    const target = await excel(fixture);
    const result = applyDemoChanges(target, demo);
    expect(result.written.sort()).toEqual(["事業1!B23", "事業1!C16", "事業1!G18", "活用状況!F6", "活用状況!G5", "活用状況!G8"].sort());
    expect(result.skipped.map((s) => `${s.write.sheet}!${s.write.cell}`)).toEqual(["事業1!C1"]);
    expect(result.skipped[0].reason).toBe("merged");
    expect(skipMessage(result.skipped[0]).ja).toMatch(/結合セル/);

    const out = path.join(dir, "saved.xlsx");
    await target.xlsx.writeFile(out);
    const saved = await excel(out);
    const original = await excel(fixture);
    const summary = saved.getWorksheet("活用状況")!;
    const kpi = saved.getWorksheet("事業1")!;
    expect(summary.getCell("G5").value).toEqual({ formula: "ROUNDDOWN(F5*2/3,0)", result: 2848266 });
    // The master's clones keep computing what they did.
    expect(summary.getCell("G6").formula).toBe("ROUNDDOWN(F6*1/2,0)");
    expect(summary.getCell("G7").formula).toBe("ROUNDDOWN(F7*1/2,0)");
    expect(summary.getCell("G8").value).toEqual({ formula: "SUM(G5:G7)", result: 3348266 });
    expect(summary.getCell("F6").value).toBe(2136200);
    expect(summary.getCell("F6").numFmt).toBe(YEN_FORMAT);
    expect(kpi.getCell("G18").value).toBe("未達成");
    expect(kpi.getCell("C16").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } });
    // Only C16 changed colour: its neighbours sharing the style kept theirs.
    expect(kpi.getCell("D16").fill).toEqual(original.getWorksheet("事業1")!.getCell("D16").fill);
    expect(kpi.getCell("B23").value).toBe("窓口の待ち時間が半分になった。");
    expect(kpi.getCell("B23").note).toBe("ここに説明を記入してください");
    expect(kpi.getCell("E16").value).toBe("2023年度");
    expect(kpi.getCell("G18").dataValidation).toEqual(original.getWorksheet("事業1")!.getCell("G18").dataValidation);
    expect(kpi.getRow(30).hidden).toBe(true);
    expect(target.calcProperties.fullCalcOnLoad).toBe(true);
  });

  it("writes nothing when nothing changed", async () => {
    const demo = await demoOf(SEED);
    expect(netChanges(demo)).toEqual([]);
    expect(applyDemoChanges(await excel(SEED), demo)).toEqual({ written: [], skipped: [] });
  });

  it("compares cells as Excel shows them", () => {
    expect(patchBetween({ value: 1, numberFormat: "General" }, { value: 1, numberFormat: null })).toEqual({});
    expect(patchBetween({ value: "" }, undefined)).toEqual({});
    expect(patchBetween({ value: 1, fill: "#ffc7ce" }, { value: 1, fill: "#FFC7CE" })).toEqual({});
    expect(patchBetween(undefined, { value: "達成" })).toEqual({ value: "達成", formula: null });
  });

  it("names the download after the file", () => {
    expect(downloadName("報告書.xlsx", "_修正済み")).toBe("報告書_修正済み.xlsx");
    expect(downloadName("report.XLSX", "_corrected")).toBe("report_corrected.xlsx");
  });
});

describe("in the browser's terms (Uint8Array, the JavaScript DEFLATE decoder)", () => {
  it("tells files apart from plain bytes as the CLI does from a Buffer", () => {
    const bytes = browserBytes(SEED);
    expect(classifyBytes(bytes, listZipEntries(bytes))).toBeNull();
    const csv = new TextEncoder().encode("事業名,事業費\n");
    expect(classifyBytes(csv, null)).toEqual({ code: "not-zip", looksLike: "text" });
    expect(classifyBytes(bytes.subarray(0, 600), listZipEntries(bytes.subarray(0, 600)))).toEqual({ code: "corrupt-zip" });
    // Opening refuses what classifyBytes refuses, with the same problem.
    expect(openFileBytes(csv)).toEqual({ problem: { code: "not-zip", looksLike: "text" } });
    expect(openFileBytes(bytes.subarray(0, 600))).toEqual({ problem: { code: "corrupt-zip" } });
  });

  it("opens a file inflating each part once, and ExcelJS reads the stored copy as it reads the file", async () => {
    const bytes = browserBytes(SEED);
    const inflated: Uint8Array[] = [];
    const counting = (input: Uint8Array, limit: number, sink?: InflateSink) => {
      inflated.push(input);
      return inflateRaw(input, limit, sink);
    };
    const opened = opening(openFileBytes(bytes, counting));
    const deflated = listZipEntries(bytes)!.filter((entry) => entry.method === 8);
    expect(deflated.length).toBeGreaterThan(5);
    expect(inflated).toHaveLength(deflated.length);
    // Each part once: every call inflated another entry's bytes (they lie at different offsets).
    expect(new Set(inflated.map((input) => input.byteOffset)).size).toBe(deflated.length);
    expect(listZipEntries(opened.stored)!.every((entry) => entry.method === 0)).toBe(true);
    expect(sheetsFromExcelJS(await excel(opened.stored))).toEqual(sheetsFromExcelJS(await excel(bytes)));
  });

  it("puts back the notes of empty cells that ExcelJS drops", async () => {
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet("事業1");
    sheet.getCell("A1").value = "KPI①";
    sheet.getCell("B2").note = "空欄のセルのメモ";
    const file = path.join(dir, "notes.xlsx");
    await source.xlsx.writeFile(file);
    const opened = opening(openFileBytes(browserBytes(file)));
    const loaded = await excel(opened.stored);
    expect(loaded.getWorksheet("事業1")!.getCell("B2").note).toBeUndefined();
    expect(restoreDroppedNotes(loaded, opened)).toBe(1);
    expect(loaded.getWorksheet("事業1")!.getCell("B2").note).toBe("空欄のセルのメモ");
  });

  it("tells what a saved copy loses, as the CLI does", async () => {
    expect(opening(openFileBytes(browserBytes(SEED))).losses).toEqual([]);
    const parts = readZip(fs.readFileSync(SEED));
    parts.push({ name: "xl/charts/chart1.xml", data: Buffer.from("<c:chartSpace/>") });
    const file = path.join(dir, "chart.xlsx");
    fs.writeFileSync(file, writeZip(parts));
    const losses = opening(openFileBytes(browserBytes(file))).losses;
    expect(losses.map((loss) => loss.feature)).toEqual(["charts"]);
    expect(losses[0].messages.ja).toBe("グラフ");
    expect((await loadXlsx(file)).losses).toEqual(losses);
  });
});

/** The file openFileBytes opened (failing the test when it refused the bytes). */
function opening(result: ReturnType<typeof openFileBytes>): OpenedFile {
  if (result.problem) throw new Error(`not opened: ${result.problem.code}`);
  return result.file;
}
