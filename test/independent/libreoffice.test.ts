/**
 * An independent check of what --fix writes: LibreOffice (Debian's libreoffice-calc-nogui,
 * installed by .ci/run) recalculates every formula the fixes wrote, from a copy whose cached
 * results are removed, and its 合計, 交付金充当額 and N字 must equal the values our fixes cached.
 * Skipped, with a message, where soffice is not installed (a user's machine).
 */
import { execFileSync, spawnSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
const SAMPLE = path.join(__dirname, "../../samples/hanamaki-r6.xlsx");

/** Cells the fixes compute, by the kind of value they hold. */
interface Computed {
  sheet: string;
  cell: string;
  formula: string;
  cached: ExcelJS.CellValue;
}

async function brokenCopy(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SAMPLE);
  const summary = workbook.getWorksheet("活用状況")!;
  summary.getCell("G5").value = 1; // a wrong grant
  summary.getCell("G7").value = null; // an empty grant
  summary.getCell("F10").value = 5; // a wrong total typed over the SUM
  summary.getCell("G10").value = null;
  const section = workbook.getWorksheet("事業1")!;
  section.getCell("G23").value = "1字"; // a wrong count
  const file = path.join(dir, "in", "broken.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await workbook.xlsx.writeFile(file);
  return file;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const describeWithSoffice = SOFFICE ? describe : describe.skip;
if (!SOFFICE) console.log("LibreOffice (soffice) is not installed: the independent recalculation check is skipped.");

describeWithSoffice("LibreOffice recalculates what --fix wrote", () => {
  jest.setTimeout(180_000);

  it("gets the same 合計, 交付金充当額 and N字 as the values the fixes cached", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-lo-"));
    const input = await brokenCopy(dir);
    const out = path.join(dir, "out");
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await run(["--fix", "--out", out, "--format", "json", input], io)).toBeLessThan(2);

    // Our output: every formula cell with the result we cached.
    const fixed = new ExcelJS.Workbook();
    await fixed.xlsx.readFile(path.join(out, "broken.xlsx"));
    const computed: Computed[] = [];
    fixed.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula)
            computed.push({ sheet: sheet.name, cell: cell.address, formula: cell.formula, cached: cell.result as ExcelJS.CellValue });
        }),
      ),
    );
    const formulas = computed.map((c) => c.formula);
    expect(formulas).toEqual(
      expect.arrayContaining(["ROUNDDOWN(F5*1/2,0)", "ROUNDDOWN(F7*1/2,0)", "SUM(F5:F9)", "SUM(G5:G9)", 'LEN(B23)&"字"']),
    );

    // A copy without the cached results: LibreOffice has to compute every value itself.
    fixed.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
        }),
      ),
    );
    const stripped = path.join(dir, "stripped", "broken.xlsx");
    fs.mkdirSync(path.dirname(stripped), { recursive: true });
    await fixed.xlsx.writeFile(stripped);

    const csvDir = path.join(dir, "csv");
    const profile = `file://${path.join(dir, "lo-profile")}`;
    // Filter options: comma, UTF-8 (76), raw values (not as shown), every sheet (-1).
    const result = spawnSync(
      SOFFICE!,
      [
        `-env:UserInstallation=${profile}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        csvDir,
        stripped,
      ],
      { encoding: "utf8", timeout: 150_000 },
    );
    expect(result.status).toBe(0);
    const sheets = new Map<string, string[][]>();
    for (const file of fs.readdirSync(csvDir)) {
      const name = file.replace(/^broken-/, "").replace(/\.csv$/, "");
      sheets.set(name, parseCsv(fs.readFileSync(path.join(csvDir, file), "utf8")));
    }
    for (const c of computed) {
      const grid = sheets.get(c.sheet)!;
      const match = /^([A-Z]+)(\d+)$/.exec(c.cell)!;
      const col = match[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const recalculated = grid[Number(match[2]) - 1]?.[col] ?? "";
      expect(`${c.sheet}!${c.cell} ${recalculated}`).toBe(`${c.sheet}!${c.cell} ${String(c.cached)}`);
    }
    execFileSync("rm", ["-rf", dir]);
  });
});
