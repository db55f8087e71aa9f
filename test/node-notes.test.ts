import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadXlsx, saveXlsx } from "../src/node/xlsx";

// ExcelJS alone drops a note whose cell holds nothing else; the loader puts it back.
describe("notes on empty cells", () => {
  it("survive a load and save", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-notes-"));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("活用状況");
    sheet.getCell("A1").value = "事業名";
    sheet.getCell("B12").note = "担当: 企画課 <内線 123> & 確認済";
    sheet.getCell("C3").value = 5;
    sheet.getCell("C3").note = "値のあるセルの注記";
    const input = path.join(dir, "in.xlsx");
    await workbook.xlsx.writeFile(input);

    const loaded = await loadXlsx(input);
    expect(loaded.workbook.getWorksheet("活用状況")!.getCell("B12").note).toBe("担当: 企画課 <内線 123> & 確認済");
    const output = path.join(dir, "out.xlsx");
    await saveXlsx(loaded.workbook, output);
    const again = await loadXlsx(output);
    const notes = again.workbook.getWorksheet("活用状況")!;
    expect(notes.getCell("B12").note).toBe("担当: 企画課 <内線 123> & 確認済");
    expect(JSON.stringify(notes.getCell("C3").note)).toContain("値のあるセルの注記");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
