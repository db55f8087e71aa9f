/** @jest-environment node */
/**
 * readWorkbook (src/excel/read.ts) on the demo's Excel emulation (test/helpers/excel-emulator.ts):
 * what the adapter reads, in how many round trips, on ExcelApi 1.1, 1.4 and 1.5+ hosts, and what
 * it does when the host refuses the one-sync read or any read at all.
 */
import { validateWorkbook, type WorkbookData } from "../src/core";
import { MAX_MERGED_AREAS } from "../src/demo/office/proxies";
import { HostError } from "../src/host/workbook-host";
import { EmulatedExcel } from "./helpers/excel-emulator";
import { buildReport, edited, firstYear, oneSection, type ReportSpec } from "../src/fixtures/report-builder";

/** WorkbookData with empty cells as null, the origin spelled out, merges sorted: comparable. */
function normalized(workbook: WorkbookData): WorkbookData {
  return {
    sheets: workbook.sheets.map((s) => ({
      name: s.name,
      origin: s.origin ?? "A1",
      values: s.values.map((row) => row.map((v) => (v === "" ? null : v))),
      formulas: (s.formulas ?? []).map((row) => row.map((f) => f ?? null)),
      numberFormats: (s.numberFormats ?? []).map((row) => row.map((f) => f ?? null)),
      merges: [...(s.merges ?? [])].sort(),
      hiddenRows: [...(s.hiddenRows ?? [])],
    })),
  };
}

function report(sections: number): ReportSpec {
  return { sections: Array.from({ length: sections }, (_, i) => ({ number: i + 1, blocks: [{}, {}] })) };
}

const WRONG_STATUS = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

describe("readWorkbook", () => {
  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
  ])("ExcelApi 1.5+: %s in exactly one sync, content as the sheets hold it", async (_, sections) => {
    const data = buildReport(report(sections));
    expect(data.sheets).toHaveLength(sections + 1);
    expect(data.sheets.some((s) => (s.merges ?? []).length > 0)).toBe(true); // merged areas are read too
    const excel = new EmulatedExcel(data, { apiVersion: "1.13" });
    const host = excel.host();
    const outcome = await host.readWorkbook();
    expect(outcome.syncs).toBe(1);
    expect(excel.syncs).toBe(1);
    expect(host.lastSyncs).toBe(1);
    expect(normalized(outcome.workbook)).toEqual(normalized(data));
  });

  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
  ])("ExcelApi 1.1 only: %s in exactly two syncs (names, then ranges)", async (_, sections) => {
    const data = buildReport(report(sections));
    const excel = new EmulatedExcel(data, { apiVersion: "1.1" });
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(excel.syncs).toBe(2);
    // No merged areas without ExcelApi 1.13; everything else the same.
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("ExcelApi 1.4 (no getFirst/getNextOrNullObject): two syncs, empty sheets as null objects", async () => {
    const excel = new EmulatedExcel(buildReport(report(2)), { apiVersion: "1.4" });
    excel.addSheet("空白");
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(excel.syncs).toBe(2);
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1", "事業2", "空白"]);
    expect(outcome.workbook.sheets[3]).toMatchObject({ origin: "A1", values: [], formulas: [], numberFormats: [] });
  });

  test("more sheets than sheetsPerSync: one more sync, never more", async () => {
    const data = buildReport(report(19));
    const excel = new EmulatedExcel(data);
    const host = excel.host({ sheetsPerSync: 8 });
    const outcome = await host.readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(excel.syncs).toBe(2);
    expect(normalized(outcome.workbook)).toEqual(normalized(data));
    // The next validation of the same workbook chains as many sheets as it found: one sync.
    const again = await host.readWorkbook();
    expect(again.syncs).toBe(1);
    expect(excel.syncs).toBe(3);
    expect(normalized(again.workbook)).toEqual(normalized(data));
  });

  test("converts Excel's arrays: origin from the used range, formulas only for =…, General as null, errors as text, hidden rows", async () => {
    const excel = new EmulatedExcel();
    const sheet = excel.addSheet("My Sheet");
    excel.put("My Sheet", {
      C3: { value: "見出し" },
      D3: { value: 1234, numberFormat: '#,##0"円"' },
      C4: { value: "#N/A", formula: "=NA()" },
      D4: { value: "=not a formula" }, // text typed as '=not a formula
      C6: { value: true },
    });
    sheet.merges = ["C5:D5"];
    sheet.hiddenRows = new Set([5]);
    excel.addSheet("Empty");
    const { workbook } = await excel.host().readWorkbook();
    expect(workbook.sheets[0]).toEqual({
      name: "My Sheet",
      origin: "C3",
      values: [
        ["見出し", 1234],
        ["#N/A", "=not a formula"],
        ["", ""],
        [true, ""],
      ],
      formulas: [
        [null, null],
        ["=NA()", null],
        [null, null],
        [null, null],
      ],
      numberFormats: [
        [null, '#,##0"円"'],
        [null, null],
        [null, null],
        [null, null],
      ],
      merges: ["C5:D5"],
      hiddenRows: [5],
    });
    expect(workbook.sheets[1]).toEqual({
      name: "Empty",
      origin: "A1",
      values: [],
      formulas: [],
      numberFormats: [],
      merges: [],
      hiddenRows: [],
    });
  });

  test("when the host rejects the one-sync batch (more than 512 merged areas), reads again the plain way (names, ranges)", async () => {
    const data = buildReport(report(2));
    // A sheet whose used range holds more merged areas than getMergedAreasOrNullObject returns.
    const rows = MAX_MERGED_AREAS + 1;
    data.sheets.push({
      name: "結合",
      values: Array.from({ length: rows }, (_, r) => [`行${r + 1}`, null, null, r === 0 ? "x" : null]),
      formulas: Array.from({ length: rows }, () => [null, null, null, null]),
      numberFormats: Array.from({ length: rows }, () => [null, null, null, null]),
      merges: Array.from({ length: rows }, (_, r) => `B${r + 1}:C${r + 1}`),
    });
    const excel = new EmulatedExcel(data);
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(3);
    expect(excel.syncs).toBe(3);
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("an error the plain read cannot avoid (Excel in cell-edit mode) is raised as a translated HostError, without a retry", async () => {
    const excel = new EmulatedExcel(buildReport(report(1)));
    excel.conditions.cellEditMode = true;
    const host = excel.host();
    const error = await host.readWorkbook().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("InvalidOperationInCellEditMode");
    expect((error as HostError).userMessage.ja).toContain("Enter");
    expect(host.lastSyncs).toBe(1);
    expect(excel.syncs).toBe(1);

    excel.conditions.cellEditMode = false; // the user pressed Enter
    expect((await host.readWorkbook()).workbook.sheets).toHaveLength(2);
  });

  test("the data read feeds the core: a wrong 達成状況 is found at its cell", async () => {
    const { workbook } = await new EmulatedExcel(WRONG_STATUS).host().readWorkbook();
    const finding = validateWorkbook(workbook).findings.find((f) => f.ruleId === "status");
    expect(finding).toMatchObject({ sheet: "事業1", cell: "G18", severity: "error", fixable: true });
    expect(finding!.fix).toEqual([expect.objectContaining({ sheet: "事業1", cell: "G18", value: "未達成" })]);
  });
});
