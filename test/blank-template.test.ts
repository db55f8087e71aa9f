import * as path from "path";
import { readReport, validateWorkbook } from "../src/core";
import { loadXlsx } from "../src/node/xlsx";

// A municipality starts from the blank form: checking it must not bury them in findings about
// rows and blocks they have not reached yet.
describe("the blank template", () => {
  it("reads as a report with nothing entered: no KPI, no finding", async () => {
    const { data } = await loadXlsx(path.join(__dirname, "../samples/template-blank.xlsx"));
    const result = validateWorkbook(data);
    const model = readReport(data);
    expect(model.summary).not.toBeNull();
    expect(model.sections.map((s) => s.sheet)).toEqual(["事業1"]);
    expect(result.stats.kpis).toBe(0);
    expect(result.findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`)).toEqual([]);
  });

  it("reports the first KPI once its name is typed", async () => {
    const { data } = await loadXlsx(path.join(__dirname, "../samples/template-blank.xlsx"));
    const sheet = data.sheets.find((s) => s.name === "事業1")!;
    sheet.values[15][0] = "オンライン申請件数"; // A16, KPI①'s name
    const result = validateWorkbook(data);
    expect(result.stats.kpis).toBe(1);
    const ids = new Set(result.findings.map((f) => f.ruleId));
    expect(ids).toEqual(new Set(["kpi-required", "baseline-pair", "actual-missing", "status", "section-missing"]));
  });
});
