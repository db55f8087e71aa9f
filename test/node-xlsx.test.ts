import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellWrite } from "../src/core/types";
import { skipMessage } from "../src/core/writes";
import * as zlib from "zlib";
import { applyWritesToXlsx, dateToSerial, loadXlsx, readCell, saveXlsx, workbookToData, XlsxReadError } from "../src/node/xlsx";
import { zlibInflateRaw } from "../src/node/inflate";
import { openPackage } from "../src/xlsx/open";
import { listZipEntries } from "../src/xlsx/zip";
import {
  buildFixtureFile,
  makeTempDir,
  oleFile,
  patchXlsx,
  readPart,
  readZip,
  readZipEntry,
  removeDir,
  writeBytes,
  writeZip,
} from "./helpers/xlsx-fixtures";
import { YEN_FORMAT } from "../src/fixtures/template";

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeDir(dir));

async function readWithExcelJS(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sorted<T>(object: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Everything of a workbook a fixed copy must keep, as plain JSON-able data keyed by location. */
function snapshot(workbook: ExcelJS.Workbook): Record<string, unknown> {
  const out: Record<string, unknown> = {
    sheets: workbook.worksheets.map((s) => s.name),
    definedNames: workbook.definedNames.model,
  };
  for (const sheet of workbook.worksheets) {
    const p = `${sheet.name}!`;
    out[p + "state"] = sheet.state;
    out[p + "tabColor"] = sheet.properties.tabColor;
    out[p + "views"] = sheet.views;
    out[p + "pageSetup"] = {
      printArea: sheet.pageSetup.printArea,
      orientation: sheet.pageSetup.orientation,
      fitToPage: sheet.pageSetup.fitToPage,
    };
    out[p + "merges"] = [...((sheet.model as { merges: string[] }).merges ?? [])].sort();
    out[p + "dataValidations"] = sorted(
      (sheet as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model,
    );
    out[p + "conditionalFormattings"] = (sheet as unknown as { conditionalFormattings: unknown }).conditionalFormattings;
    for (let c = 1; c <= sheet.columnCount; c++) {
      const col = sheet.getColumn(c);
      out[`${p}col${c}`] = { width: col.width, hidden: col.hidden, outlineLevel: col.outlineLevel };
    }
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.findRow(r);
      if (row) out[`${p}row${r}`] = { height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel };
    }
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const base = { type: cell.type, style: JSON.stringify(cell.style ?? {}), note: cell.note };
        if (cell.type === ExcelJS.ValueType.Formula) {
          // A shared-formula clone and its detached copy read the same: formula text and result.
          out[p + cell.address] = { ...base, formula: cell.formula, result: cell.result };
        } else if (cell.type === ExcelJS.ValueType.Merge) {
          out[p + cell.address] = { ...base, type: "merge", master: cell.master?.address };
        } else {
          out[p + cell.address] = { ...base, value: JSON.stringify(cell.value) };
        }
      }),
    );
  }
  return out;
}

describe("loadXlsx", () => {
  let fixture: string;
  beforeAll(async () => {
    fixture = await buildFixtureFile(dir, "load.xlsx");
  });

  it("reads every sheet densely from the used range's top-left, flattening values", async () => {
    const { data } = await loadXlsx(fixture);
    expect(data.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1", "リスト"]);
    const [summary, kpi, list] = data.sheets;
    expect(summary.origin).toBe("A1");
    expect(summary.values).toHaveLength(8);
    expect(summary.values.every((row) => row.length === 7)).toBe(true);
    expect(summary.formulas).toHaveLength(8);
    expect(summary.numberFormats).toHaveLength(8);
    // Merged cells: only the top-left holds the value.
    expect(summary.values[0][0]).toMatch(/^デジタル実装タイプ/);
    expect(summary.values[0].slice(1)).toEqual([null, null, null, null, null, null]);
    expect(summary.merges).toEqual(expect.arrayContaining(["A1:G1", "F3:G3", "A3:A4"]));
    // Amounts: numbers, text, formats.
    expect(summary.values[4][5]).toBe(4272400);
    expect(summary.values[5][5]).toBe("2,136,200円");
    expect(summary.numberFormats![4][5]).toBe(YEN_FORMAT);
    // Shared formula: master and clones all give their formula and cached result (0 included).
    expect(summary.formulas![4][6]).toBe("=ROUNDDOWN(F5*1/2,0)");
    expect(summary.formulas![5][6]).toBe("=ROUNDDOWN(F6*1/2,0)");
    expect(summary.formulas![6][6]).toBe("=ROUNDDOWN(F7*1/2,0)");
    expect(summary.values[4][6]).toBe(2136200);
    expect(summary.values[5][6]).toBe(0);
    expect(summary.values[6][6]).toBe(500000);
    expect(summary.formulas![7][5]).toBe("=SUM(F5:F7)");
    expect(summary.formulas![0][0]).toBeNull();

    const at = (address: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = m[1].charCodeAt(0) - 65;
      return { value: kpi.values[Number(m[2]) - 1][col], formula: kpi.formulas![Number(m[2]) - 1][col] };
    };
    expect(at("A5").value).toBe("※数値のみ記載してください"); // rich text
    expect(at("I15").value).toBe("記入要領"); // hyperlink
    expect(at("I16").value).toBe("#N/A"); // error
    expect(at("I17").value).toBe(dateToSerial(new Date(Date.UTC(2025, 2, 31)))); // date -> serial
    expect(at("I17").value).toBe(45747);
    expect(at("I18").value).toBe(true);
    expect(at("I19").value).toBe("=これは数式ではない");
    expect(at("I19").formula).toBeNull();
    expect(at("I20")).toEqual({ value: 0, formula: "=I21*0" });
    expect(at("G23")).toEqual({ value: "14字", formula: '=LEN(B23)&"字"' });
    expect(at("F16").value).toBe(0.5);
    expect(kpi.numberFormats![15][5]).toBe("0.0%");
    expect(at("H20").value).toBeNull(); // the bare <c r="H20"/>
    expect(kpi.hiddenRows).toEqual([26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]);
    expect(list.values).toEqual([["アウトプット"], ["アウトカム"]]);
  });

  it("starts the dense arrays at the used range's top-left cell", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("C4").value = "a";
    sheet.getCell("E7").value = 1;
    sheet.getCell("B2").numFmt = "0.0"; // formatted but empty: not part of the used range
    const file = path.join(dir, "origin.xlsx");
    await workbook.xlsx.writeFile(file);
    const { data } = await loadXlsx(file);
    expect(data.sheets[0].origin).toBe("C4");
    expect(data.sheets[0].values).toEqual([
      ["a", null, null],
      [null, null, null],
      [null, null, null],
      [null, null, 1],
    ]);
  });

  it("gives an empty sheet as no values", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("空");
    const file = path.join(dir, "empty-sheet.xlsx");
    await workbook.xlsx.writeFile(file);
    const { data } = await loadXlsx(file);
    expect(data.sheets).toEqual([expect.objectContaining({ name: "空", values: [], origin: "A1" })]);
  });

  it("takes numbers under a date-like format back as exact serial numbers", () => {
    for (const serial of [45747, 0.5, 82.7, 45747.25, 1.00001]) {
      const date = new Date(Math.round((serial - 25569) * 86400000));
      expect(dateToSerial(date)).toBe(serial);
    }
  });

  it("reports what a saved copy would lose", async () => {
    const file = await buildFixtureFile(dir, "losses.xlsx");
    expect((await loadXlsx(file)).losses).toEqual([]);
    patchXlsx(
      file,
      {
        "xl/workbook.xml": (xml) =>
          xml.replace(
            "</definedNames>",
            '<definedName name="税率">0.1</definedName><definedName name="範囲" localSheetId="1">\'事業1\'!$A$1:$B$2</definedName></definedNames>',
          ),
      },
      { "xl/charts/chart1.xml": "<c:chartSpace/>" },
    );
    const { losses } = await loadXlsx(file);
    expect(losses.map((l) => l.feature)).toEqual(["charts", "defined-names"]);
    expect(losses[1].messages.ja).toContain("税率");
    expect(losses[1].messages.ja).toContain("範囲");
  });
});

describe("loadXlsx hands ExcelJS the parts its checks inflated (src/xlsx/open.ts)", () => {
  const samples = ["hanamaki-r6.xlsx", "template-blank.xlsx"].map((name) => path.join(__dirname, "..", "samples", name));

  it.each(samples.map((file) => [path.basename(file), file]))(
    "reads %s as ExcelJS reads the file itself, to check and to fix",
    async (_name, file) => {
      const direct = workbookToData(await readWithExcelJS(file), file);
      for (const checkOnly of [false, true]) {
        const { data } = await loadXlsx(file, { checkOnly });
        expect(data).toEqual(direct);
      }
    },
  );

  it("reads the same cells whether or not it skips validations, conditional formats and their extensions", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("事業1");
    sheet.getCell("A1").value = "KPI①";
    sheet.getCell("E2").value = 120;
    sheet.getCell("F2").value = { formula: "E2*2", result: 240 };
    sheet.getCell("G2").value = "達成";
    sheet.getCell("G2").dataValidation = { type: "list", allowBlank: true, formulae: ['"達成,未達成,未計測"'] };
    sheet.addConditionalFormatting({
      ref: "E2:F2",
      rules: [
        { type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as never,
        { type: "cellIs", operator: "lessThan", priority: 2, formulae: [0], style: { font: { color: { argb: "FFFF0000" } } } },
      ],
    });
    const file = path.join(dir, "formats.xlsx");
    await workbook.xlsx.writeFile(file);
    const xml = readPart(file, "xl/worksheets/sheet1.xml");
    expect(xml).toContain("<conditionalFormatting");
    expect(xml).toContain("<extLst");
    expect(xml).toContain("<dataValidations");
    const full = await loadXlsx(file);
    const checkOnly = await loadXlsx(file, { checkOnly: true });
    expect(checkOnly.data).toEqual(full.data);
    expect(checkOnly.data.sheets[0].values[1].slice(4)).toEqual([120, 240, "達成"]);
  });

  it("rebuilds a valid stored ZIP: the same parts, names, bytes and CRC-32s, in the same order", () => {
    const bytes = fs.readFileSync(samples[0]);
    const entries = listZipEntries(bytes)!;
    const { problem, opened } = openPackage(bytes, { inflateRaw: zlibInflateRaw });
    expect(problem).toBeNull();
    expect(opened!.names).toEqual(entries.map((e) => e.name));
    const stored = Buffer.from(opened!.storedCopy());
    const again = listZipEntries(stored)!;
    expect(again.map((e) => [e.name, e.method, e.crc32])).toEqual(entries.map((e) => [e.name, 0, e.crc32]));
    for (const [i, entry] of again.entries()) {
      const original = readZipEntry(bytes, entries[i])!;
      const copy = readZipEntry(stored, entry)!;
      expect(copy.equals(original)).toBe(true);
      expect(zlib.crc32(copy)).toBe(entry.crc32);
    }
  });
});

describe("loadXlsx on input that is not a readable .xlsx", () => {
  async function failure(file: string): Promise<XlsxReadError> {
    try {
      await loadXlsx(file);
    } catch (error) {
      expect(error).toBeInstanceOf(XlsxReadError);
      return error as XlsxReadError;
    }
    throw new Error(`${file} loaded`);
  }

  it("a missing file", async () => {
    const error = await failure(path.join(dir, "nope.xlsx"));
    expect(error.code).toBe("not-found");
    expect(error.file).toBe(path.join(dir, "nope.xlsx"));
    expect(error.reason.ja).toBe("ファイルが見つかりません");
    expect(error.reason.en).toBe("file not found");
  });

  it("a folder", async () => {
    const error = await failure(dir);
    expect(error.code).toBe("is-directory");
  });

  it("a file over 100 MB, refused from its size before it is read", async () => {
    // Sparse: 150 MB of nothing on disk. Reading it would take a moment and the memory.
    const file = path.join(dir, "huge.xlsx");
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, 150 * 1024 * 1024);
    const error = await failure(file);
    expect(error.code).toBe("file-too-large");
    expect(error.reason.ja).toBe("ファイルが大きすぎます（150 MB。上限 100 MB）");
    expect(error.reason.en).toBe("the file is too large (150 MB; the limit is 100 MB)");
    fs.rmSync(file);
  });

  it("an empty file", async () => {
    const error = await failure(writeBytes(dir, "empty.xlsx", Buffer.alloc(0)));
    expect(error.code).toBe("empty");
    expect(error.reason.ja).toContain("空");
    expect(error.reason.en).toContain("empty");
  });

  it("a text (CSV) file renamed .xlsx", async () => {
    const error = await failure(writeBytes(dir, "csv.xlsx", "事業名,事業費\n(1) 窓口DX,4272400\n"));
    expect(error.code).toBe("not-zip");
    expect(error.reason.ja).toContain("Excel ブック (.xlsx) ではありません");
    expect(error.reason.ja).toContain("CSV");
    expect(error.reason.en).toContain("CSV");
  });

  it("an HTML file saved as .xls and renamed", async () => {
    const error = await failure(writeBytes(dir, "html.xlsx", "<html><body><table></table></body></html>"));
    expect(error.code).toBe("not-zip");
    expect(error.reason.en).toContain("HTML");
  });

  it("a password-protected workbook (encrypted OLE package)", async () => {
    const error = await failure(writeBytes(dir, "locked.xlsx", oleFile("EncryptionInfo")));
    expect(error.code).toBe("encrypted");
    expect(error.reason.ja).toContain("パスワード");
    expect(error.reason.en).toContain("password-protected");
  });

  it("an .xls (OLE with a Workbook stream), whatever its extension", async () => {
    const error = await failure(writeBytes(dir, "old.xlsx", oleFile("Workbook")));
    expect(error.code).toBe("xls");
    expect(error.reason.ja).toContain(".xls");
    expect(error.reason.en).toContain("Excel 97-2003");
  });

  it("another OLE file", async () => {
    const error = await failure(writeBytes(dir, "other.xlsx", oleFile("WordDocument")));
    expect(error.code).toBe("ole");
  });

  it("a truncated .xlsx", async () => {
    const good = await buildFixtureFile(dir, "whole.xlsx");
    const bytes = fs.readFileSync(good);
    const error = await failure(writeBytes(dir, "truncated.xlsx", bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(error.code).toBe("corrupt-zip");
    expect(error.reason.ja).toContain("壊れて");
  });

  it("a Word document renamed .xlsx", async () => {
    const zip = writeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.from("<w:document/>") },
    ]);
    const error = await failure(writeBytes(dir, "doc.xlsx", zip));
    expect(error.code).toBe("other-office");
    expect(error.reason.ja).toContain("Word");
  });

  it("a zip that is no Office file", async () => {
    const error = await failure(writeBytes(dir, "plain.xlsx", writeZip([{ name: "a.txt", data: Buffer.from("a") }])));
    expect(error.code).toBe("not-xlsx-zip");
  });

  it("a damaged workbook part", async () => {
    const good = await buildFixtureFile(dir, "damaged.xlsx");
    const parts = readZip(fs.readFileSync(good)).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { name: p.name, data: Buffer.from("<worksheet><sheetData><row r=") } : p,
    );
    const file = writeBytes(dir, "damaged.xlsx", writeZip(parts));
    const error = await failure(file);
    expect(error.code).toBe("parse-failed");
    expect(error.reason.ja).toContain("壊れている可能性");
  });

  it("has a readable message and no stack-trace-like reason", async () => {
    const error = await failure(writeBytes(dir, "empty2.xlsx", ""));
    expect(error.message).toBe(`${path.join(dir, "empty2.xlsx")}: the file is empty (0 bytes)`);
    expect(error.describe("ja")).toBe(`${path.join(dir, "empty2.xlsx")}: ファイルが空です（0 バイト）`);
  });
});

describe("applyWritesToXlsx", () => {
  const writes: CellWrite[] = [
    // A formula over the master of the shared formula G5:G7.
    {
      sheet: "活用状況",
      cell: "G5",
      expected: { value: 2136200, formula: "=ROUNDDOWN(F5*1/2,0)" },
      value: 2848266,
      formula: "=ROUNDDOWN(F5*2/3,0)",
    },
    // Text amount -> number with its format.
    { sheet: "活用状況", cell: "F6", expected: { value: "2,136,200円" }, value: 2136200, numberFormat: YEN_FORMAT },
    // A percent fraction -> plain number; F27 shares F16's style object and must keep 0.0%.
    { sheet: "事業1", cell: "F16", expected: { value: 0.5 }, value: 50, numberFormat: "0.0" },
    { sheet: "事業1", cell: "G18", expected: { value: "達成" }, value: "未達成" },
    { sheet: "事業1", cell: "G24", expected: { value: "112字" }, value: "0字", formula: '=LEN(B24)&"字"' },
    // Texts that look like formulas stay text.
    { sheet: "事業1", cell: "B24", expected: { value: null }, value: "=次年度（2025年度）に計測予定" },
    { sheet: "事業1", cell: "I23", expected: { value: "" }, value: "+81" },
    { sheet: "事業1", cell: "I24", expected: { value: null }, value: "-5" },
    { sheet: "事業1", cell: "I25", expected: { value: null }, value: "@家" },
    // A formula whose cached result is 0.
    { sheet: "事業1", cell: "I22", expected: { value: null, formula: null }, value: 0, formula: "=I21*0" },
  ];
  const skippedWrites: CellWrite[] = [
    { sheet: "事業1", cell: "G20", expected: { value: "達成" }, value: "未達成" }, // G20 is empty
    { sheet: "事業1", cell: "I20", expected: { value: 0, formula: "=I21*1" }, value: 1 }, // other formula
    { sheet: "事業1", cell: "C24", expected: { value: null }, value: "x" }, // inside B24:F24
    { sheet: "存在しない", cell: "A1", expected: { value: null }, value: "x" },
    { sheet: "事業1", cell: "ZZ", expected: { value: null }, value: "x" },
  ];
  const written = new Set(writes.map((w) => `${w.sheet}!${w.cell}`));

  let original: string;
  let output: string;
  let result: ReturnType<typeof applyWritesToXlsx>;

  beforeAll(async () => {
    original = await buildFixtureFile(dir, "original.xlsx");
    const { workbook } = await loadXlsx(original);
    result = applyWritesToXlsx(workbook, [...writes, ...skippedWrites]);
    output = path.join(dir, "fixed.xlsx");
    await workbook.xlsx.writeFile(output);
  });

  it("applies the writes whose cells still hold what they expect, and skips the others with a reason", () => {
    expect(result.applied).toEqual(writes);
    expect(result.skipped.map((s) => [s.write.cell, s.reason])).toEqual([
      ["G20", "changed"],
      ["I20", "changed"],
      ["C24", "merged"],
      ["A1", "no-sheet"],
      ["ZZ", "bad-address"],
    ]);
    expect(skipMessage(result.skipped[0]).ja).toBe('事業1!G20 の内容がチェック後に変わっています（想定: "達成"、現在: (空)）');
    expect(skipMessage(result.skipped[1]).en).toBe("事業1!I20 changed after the check (expected =I21*1, found =I21*0)");
  });

  it("writes values, formulas with their cached results, and number formats", async () => {
    const { data } = await loadXlsx(output);
    const get = (sheetName: string, address: string) => {
      const sheet = data.sheets.find((s) => s.name === sheetName)!;
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const r = Number(m[2]) - 1;
      const c = m[1].charCodeAt(0) - 65;
      return { value: sheet.values[r][c], formula: sheet.formulas![r][c], numberFormat: sheet.numberFormats![r][c] };
    };
    expect(get("活用状況", "G5")).toEqual({ value: 2848266, formula: "=ROUNDDOWN(F5*2/3,0)", numberFormat: YEN_FORMAT });
    // The shared formula's clones keep computing what they did.
    expect(get("活用状況", "G6")).toEqual({ value: 0, formula: "=ROUNDDOWN(F6*1/2,0)", numberFormat: YEN_FORMAT });
    expect(get("活用状況", "G7")).toEqual({ value: 500000, formula: "=ROUNDDOWN(F7*1/2,0)", numberFormat: YEN_FORMAT });
    expect(get("活用状況", "F6")).toEqual({ value: 2136200, formula: null, numberFormat: YEN_FORMAT });
    expect(get("事業1", "F16")).toEqual({ value: 50, formula: null, numberFormat: "0.0" });
    expect(get("事業1", "F27")).toEqual({ value: 0.5, formula: null, numberFormat: "0.0%" });
    expect(get("事業1", "G18").value).toBe("未達成");
    expect(get("事業1", "G24")).toEqual({ value: "0字", formula: '=LEN(B24)&"字"', numberFormat: null });
    expect(get("事業1", "B24").value).toBe("=次年度（2025年度）に計測予定");
    expect(get("事業1", "B24").formula).toBeNull();
    expect(get("事業1", "I23")).toEqual({ value: "+81", formula: null, numberFormat: null });
    expect(get("事業1", "I24").value).toBe("-5");
    expect(get("事業1", "I25").value).toBe("@家");
    expect(get("事業1", "I22")).toEqual({ value: 0, formula: "=I21*0", numberFormat: null });
  });

  it("stores the texts as strings and the formulas with <v> results in the XML", () => {
    const xml = readPart(output, "xl/worksheets/sheet2.xml");
    for (const address of ["B24", "I23", "I24", "I25"]) {
      expect(xml).toMatch(new RegExp(`<c r="${address}"[^>]* t="s"[^>]*><v>\\d+</v></c>`));
    }
    expect(xml).toMatch(/<c r="I22"[^>]*><f>I21\*0<\/f><v>0<\/v><\/c>/);
    expect(xml).toMatch(/<c r="G24"[^>]* t="str"[^>]*><f>LEN\(B24\)&amp;&quot;字&quot;<\/f><v>0字<\/v><\/c>/);
    const summaryXml = readPart(output, "xl/worksheets/sheet1.xml");
    expect(summaryXml).toMatch(/<c r="G5"[^>]*><f>ROUNDDOWN\(F5\*2\/3,0\)<\/f><v>2848266<\/v><\/c>/);
    expect(summaryXml).not.toContain('t="shared"');
    // Excel recalculates dependent formulas (totals) on open.
    expect(readPart(output, "xl/workbook.xml")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("keeps empty hidden grouped rows hidden and grouped", () => {
    const xml = readPart(output, "xl/worksheets/sheet2.xml");
    for (const r of [30, 32, 36]) {
      expect(xml).toMatch(new RegExp(`<row r="${r}"[^>]*hidden="1"[^>]*outlineLevel="1"`));
    }
  });

  it("keeps everything it did not write", async () => {
    const before = snapshot(await readWithExcelJS(original));
    const after = snapshot(await readWithExcelJS(output));
    // A written cell, or the row a write created (I25 was in no row before).
    const isWritten = (key: string) => written.has(key) || key === "事業1!row25";
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const differences: string[] = [];
    for (const key of keys) {
      if (isWritten(key)) continue;
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        differences.push(`${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`);
      }
    }
    expect(differences).toEqual([]);

    // Spot checks of what the snapshot covers, so a silently empty snapshot cannot pass.
    expect(before["事業1!row36"]).toEqual({ height: undefined, hidden: true, outlineLevel: 1 });
    expect(before["事業1!col9"]).toEqual(expect.objectContaining({ hidden: true, width: 14 }));
    expect(before["事業1!G18"]).toEqual(expect.objectContaining({ value: '"達成"' }));
    expect(Object.keys(before["事業1!dataValidations"] as object)).toEqual(
      expect.arrayContaining(["C16", "G18", "G20", "G22", "C27", "G29"]),
    );
    expect(before["事業1!merges"]).toEqual(expect.arrayContaining(["A1:G1", "B23:F23", "B34:F34"]));
    expect(before["事業1!B23"]).toEqual(expect.objectContaining({ note: "ここに説明を記入してください" }));
    expect(before["事業1!A5"]).toEqual(expect.objectContaining({ value: expect.stringContaining("richText") }));
    expect(before["事業1!pageSetup"]).toEqual(expect.objectContaining({ printArea: "A1:G36", fitToPage: true }));
    expect(before["リスト!state"]).toBe("hidden");
    expect(before["活用状況!views"]).toEqual([expect.objectContaining({ state: "frozen", ySplit: 4 })]);
    expect(before.definedNames).toEqual([{ name: "種別リスト", ranges: ["'リスト'!$A$1:$A$2"] }]);
    expect((before["事業1!conditionalFormattings"] as unknown[]).length).toBe(1);
    expect(before["活用状況!G6"]).toEqual(expect.objectContaining({ formula: "ROUNDDOWN(F6*1/2,0)", result: 0 }));
  });

  it("keeps the data validations, styles and comments in the XML too", () => {
    const before = readPart(original, "xl/worksheets/sheet2.xml");
    const after = readPart(output, "xl/worksheets/sheet2.xml");
    const validations = (xml: string) => (xml.match(/<dataValidation [^>]*>/g) ?? []).map((v) => v.replace(/sqref="[^"]*"/, "")).sort();
    expect(validations(after)).toEqual(validations(before));
    expect(after).toContain("<legacyDrawing");
    expect(readPart(output, "xl/comments2.xml")).toContain("ここに説明を記入してください");
  });

  it("survives a second load-apply-save cycle unchanged", async () => {
    const { workbook } = await loadXlsx(output);
    const again = applyWritesToXlsx(workbook, []);
    expect(again).toEqual({ applied: [], skipped: [] });
    const second = path.join(dir, "second.xlsx");
    await saveXlsx(workbook, second);
    expect(snapshot(await readWithExcelJS(second))).toEqual(snapshot(await readWithExcelJS(output)));
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("skips a write into a multi-cell array formula", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = 1;
    sheet.getCell("A2").value = 2;
    sheet.getCell("B1").value = { formula: "A1:A2*2", result: 2, shareType: "array", ref: "B1:B2" } as ExcelJS.CellValue;
    sheet.getCell("B2").value = 4;
    const file = path.join(dir, "array.xlsx");
    await workbook.xlsx.writeFile(file);
    const loaded = await loadXlsx(file);
    expect(readCell(loaded.workbook.getWorksheet("S")!.getCell("B2"))).toEqual({ value: 4, formula: null });
    const { applied, skipped } = applyWritesToXlsx(loaded.workbook, [{ sheet: "S", cell: "B2", expected: { value: 4 }, value: 5 }]);
    expect(applied).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(["array-formula"]);
  });
});
