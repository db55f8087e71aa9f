/**
 * The .xlsx reader without ExcelJS (src/xlsx/sheet-data.ts, the task pane's previous report)
 * against the CLI's (ExcelJS, src/node/xlsx.ts): the same data, the same digest, the same findings,
 * the same reasons for a file it cannot read.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readReport, validateWorkbook, type WorkbookData } from "../src/core";
import { digestOf } from "../src/core/previous";
import { SAMPLES_DIR } from "../src/fixtures/samples";
import { loadXlsx, XlsxReadError } from "../src/node/xlsx";
import { readXlsxData } from "../src/xlsx/sheet-data";
import { buildFixtureWorkbook, buildReportWorkbook, makeTempDir, oleFile, removeDir } from "./helpers/xlsx-fixtures";

let dir: string;
beforeAll(() => {
  dir = makeTempDir("sheet-data-");
});
afterAll(() => removeDir(dir));

async function write(name: string, workbook: ExcelJS.Workbook): Promise<string> {
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function bothReads(file: string): Promise<{ exceljs: WorkbookData; mine: WorkbookData }> {
  const exceljs = (await loadXlsx(file, { checkOnly: true })).data;
  const mine = readXlsxData(new Uint8Array(fs.readFileSync(file)), file);
  return { exceljs, mine };
}

function expectSameChecks(exceljs: WorkbookData, mine: WorkbookData, source: string): void {
  expect(digestOf(readReport(mine), { source })).toEqual(digestOf(readReport(exceljs), { source }));
  expect(validateWorkbook(mine).findings).toEqual(validateWorkbook(exceljs).findings);
}

const samples = fs.readdirSync(SAMPLES_DIR).filter((name) => name.endsWith(".xlsx"));

describe("readXlsxData", () => {
  it.each(samples)("samples/%s: the same data, digest and findings as the ExcelJS reader", async (name) => {
    const { exceljs, mine } = await bothReads(path.join(SAMPLES_DIR, name));
    expect(mine).toEqual(exceljs);
    expectSameChecks(exceljs, mine, name);
  });

  it("the fixture workbook (shared formula, merges, rich text, hyperlink, error, date, boolean, hidden rows)", async () => {
    const { exceljs, mine } = await bothReads(await write("fixture.xlsx", buildFixtureWorkbook()));
    expect(mine).toEqual(exceljs);
    expectSameChecks(exceljs, mine, "fixture.xlsx");
  });

  it.each([
    ["clean", {}],
    ["with mistakes", { cost: "1,000,000円", status: "未達成" }],
  ] as const)("a builder-made report (%s)", async (_label, options) => {
    const { exceljs, mine } = await bothReads(await write(`report-${_label}.xlsx`, buildReportWorkbook(options)));
    expect(mine).toEqual(exceljs);
    expectSameChecks(exceljs, mine, "report.xlsx");
  });

  it.each([
    ["not-zip", Buffer.from("a,b,c\n1,2,3\n")],
    ["empty", Buffer.alloc(0)],
    ["xls", oleFile("Workbook")],
    ["corrupt-zip", Buffer.from("PK\u0003\u0004 truncated")],
  ])("a file that is not a readable .xlsx gives the CLI's reason (%s)", async (code, bytes) => {
    const file = path.join(dir, `bad-${code}.xlsx`);
    fs.writeFileSync(file, bytes);
    const cli = await loadXlsx(file).then(
      () => null,
      (error: unknown) => error,
    );
    expect(cli).toBeInstanceOf(XlsxReadError);
    let mine: unknown = null;
    try {
      readXlsxData(new Uint8Array(bytes), file);
    } catch (error) {
      mine = error;
    }
    expect(mine).toBeInstanceOf(XlsxReadError);
    expect((mine as XlsxReadError).code).toBe(code);
    expect((mine as XlsxReadError).reason).toEqual((cli as XlsxReadError).reason);
  });
});
