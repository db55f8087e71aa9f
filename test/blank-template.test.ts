import * as path from "path";
import { readReport, validateWorkbook, type WorkbookData } from "../src/core";
import { loadXlsx } from "../src/node/xlsx";

// A municipality starts from the blank form: checking it must not bury them in findings about
// rows and blocks they have not reached yet.
describe("the blank template", () => {
  it("reads as a report with nothing entered: no KPI, and it does not pass", async () => {
    const { data } = await loadXlsx(path.join(__dirname, "../samples/template-blank.xlsx"));
    const result = validateWorkbook(data);
    const model = readReport(data);
    expect(model.summary).not.toBeNull();
    expect(model.sections.map((s) => s.sheet)).toEqual(["事業1"]);
    expect(result.stats.kpis).toBe(0);
    // An empty report is not a passing one: the first empty 事業名 and KPI名 say what is missing;
    // the other blank blocks and rows of the form stay silent.
    expect(result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.sheet}!${f.cell}`)).toEqual([
      "nothing-entered error 活用状況!A5",
      "nothing-entered error 事業1!A16",
    ]);
  });

  it("reports the first KPI once its name is typed", async () => {
    const { data } = await loadXlsx(path.join(__dirname, "../samples/template-blank.xlsx"));
    const sheet = data.sheets.find((s) => s.name === "事業1")!;
    sheet.values[15][0] = "オンライン申請件数"; // A16, KPI①'s name
    const result = validateWorkbook(data);
    expect(result.stats.kpis).toBe(1);
    const ids = new Set(result.findings.map((f) => f.ruleId));
    // The summary still has no project; the section now has its KPI, so only the summary's is left.
    expect(ids).toEqual(new Set(["kpi-required", "baseline-pair", "actual-missing", "status", "section-missing", "nothing-entered"]));
    expect(result.findings.filter((f) => f.ruleId === "nothing-entered").map((f) => `${f.sheet}!${f.cell}`)).toEqual(["活用状況!A5"]);
  });
});

// A total's fix sums the table's whole project band (rules.md): what the user enters later in
// rows (2)–(5) is summed too, and F and G keep the same range.
describe("the blank template's totals", () => {
  async function withProjectOne(): Promise<WorkbookData> {
    const { data } = await loadXlsx(path.join(__dirname, "../samples/template-blank.xlsx"));
    const summary = data.sheets[0];
    summary.values[4][0] = "(1) 窓口DX事業"; // A5
    summary.values[4][5] = 3_000_000; // F5, 事業費
    summary.values[4][6] = 1_500_000; // G5, =ROUNDDOWN(F5*1/2,0) recalculated
    return data;
  }

  it("reads the band (2)–(5) as the table's rows", async () => {
    const summary = readReport(await withProjectOne()).summary!;
    expect(summary.projects.map((p) => p.row)).toEqual([5]);
    expect(summary.band).toEqual({ firstRow: 5, lastRow: 9 });
  });

  it.each(["formula", "value"] as const)("a stale 合計 keeps its =SUM over the whole band (write mode %s)", async (writeMode) => {
    const data = await withProjectOne(); // F10 and G10 still cache 0: not recalculated since
    const totals = validateWorkbook(data, { writeMode }).findings.filter((f) => f.ruleId === "total-mismatch");
    expect(totals.map((f) => f.cell)).toEqual(["F10", "G10"]);
    expect(totals.map((f) => f.fix)).toEqual([
      [expect.objectContaining({ cell: "F10", formula: "=SUM(F5:F9)", value: 3_000_000 })],
      [expect.objectContaining({ cell: "G10", formula: "=SUM(G5:G9)", value: 1_500_000 })],
    ]);
  });

  it("a 合計 typed as a number is fixed with the band's SUM too", async () => {
    const data = await withProjectOne();
    data.sheets[0].formulas![9][5] = null;
    data.sheets[0].values[9][5] = 1;
    const [finding] = validateWorkbook(data).findings.filter((f) => f.ruleId === "total-mismatch" && f.cell === "F10");
    expect(finding.fix).toEqual([expect.objectContaining({ formula: "=SUM(F5:F9)", value: 3_000_000 })]);
    // In value mode a typed number stays a number.
    const [asValue] = validateWorkbook(data, { writeMode: "value" }).findings.filter(
      (f) => f.ruleId === "total-mismatch" && f.cell === "F10",
    );
    expect(asValue.fix?.[0].formula).toBeUndefined();
    expect(asValue.fix?.[0].value).toBe(3_000_000);
  });
});
