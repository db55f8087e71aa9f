/**
 * Nothing is lost: every workbook `kpi-check --fix` writes is compared with its input, cell by
 * cell and part by part. Only the cells the fixes name may differ; values, formulas, styles,
 * merges, hidden and grouped rows, column widths, data validations, number formats, notes,
 * defined names and the other sheets are kept.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixWorkbook } from "../../src/core";
import { run } from "../../src/cli/main";
import { loadXlsx } from "../../src/node/xlsx";

const SAMPLES = path.join(__dirname, "../../samples");

async function brokenSample(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(SAMPLES, "hanamaki-r6.xlsx"));
  const summary = workbook.getWorksheet("活用状況")!;
  summary.getCell("G5").value = 1;
  summary.getCell("F6").value = "192,610,000円";
  summary.getCell("B12").note = "担当: 企画課"; // a note the fix must keep
  workbook.definedNames.add("'活用状況'!$A$3:$G$10", "活用状況表");
  const section = workbook.getWorksheet("事業2")!;
  section.getCell("F51").value = "▲10"; // (2) KPI④'s actual written with ▲
  section.getCell("G51").value = "未達成";
  const extra = workbook.addWorksheet("メモ");
  extra.getCell("A1").value = "=1+1 と入力された文字";
  extra.getCell("A2").value = { formula: "SUM(1,2)", result: 3 };
  const file = path.join(dir, "in", "hanamaki-broken.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await workbook.xlsx.writeFile(file);
  return file;
}

function cellSnapshot(cell: ExcelJS.Cell): string {
  return JSON.stringify({ value: cell.value, style: cell.style, note: cell.note ?? null });
}

async function snapshot(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = new Map<string, { cells: Map<string, string>; parts: string }>();
  workbook.eachSheet((sheet) => {
    const cells = new Map<string, string>();
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => cells.set(cell.address, cellSnapshot(cell))),
    );
    const rows: unknown[] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push([r, row.hidden, row.outlineLevel, row.height ?? null]);
    }
    const parts = JSON.stringify({
      merges: [...((sheet.model as { merges?: string[] }).merges ?? [])].sort(),
      rows,
      columns: (sheet.columns ?? []).map((c) => [c.width ?? null, c.hidden ?? false, c.outlineLevel ?? 0]),
      validations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
      state: sheet.state,
      views: sheet.views,
    });
    sheets.set(sheet.name, { cells, parts });
  });
  return { names: [...sheets.keys()], sheets, definedNames: JSON.stringify(workbook.definedNames.model) };
}

describe("kpi-check --fix keeps everything it does not fix", () => {
  jest.setTimeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-keep-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => Promise<string>][] = [
    ["the sample report", async () => path.join(SAMPLES, "hanamaki-r6.xlsx")],
    ["the blank template", async () => path.join(SAMPLES, "template-blank.xlsx")],
    ["a broken copy with notes, names and another sheet", () => brokenSample(dir)],
  ];

  it.each(cases)("%s: only the fixed cells differ", async (_name, make) => {
    const input = await make();
    const before = fs.readFileSync(input);
    const out = path.join(dir, "out-" + path.basename(input, ".xlsx"));
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await run(["--fix", "--out", out, input], io)).toBeLessThan(2);
    const output = path.join(out, path.basename(input));

    // The input is never touched.
    expect(fs.readFileSync(input).equals(before)).toBe(true);

    const { data } = await loadXlsx(input);
    const fixed = new Set(fixWorkbook(data).writes.map((w) => `${w.sheet}!${w.cell}`));
    const a = await snapshot(input);
    const b = await snapshot(output);
    expect(b.names).toEqual(a.names);
    expect(b.definedNames).toEqual(a.definedNames);
    const changed: string[] = [];
    for (const [name, sheet] of a.sheets) {
      const other = b.sheets.get(name)!;
      expect(other.parts).toEqual(sheet.parts);
      const addresses = new Set([...sheet.cells.keys(), ...other.cells.keys()]);
      for (const address of addresses) {
        const x = sheet.cells.get(address);
        const y = other.cells.get(address);
        // A cell ExcelJS lists with nothing in it equals one it does not list.
        const empty = (s: string | undefined) => !s || JSON.parse(s).value === null;
        if (x === y || (empty(x) && empty(y) && JSON.parse(x ?? "{}").style === undefined)) continue;
        if (x !== y) changed.push(`${name}!${address}`);
      }
    }
    expect(changed.filter((c) => !fixed.has(c))).toEqual([]);
    expect(new Set(changed)).toEqual(fixed);
  });
});
