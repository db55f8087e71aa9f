/** @jest-environment node */
/**
 * readWorkbook (src/excel/read.ts) on the demo's Excel emulation (test/helpers/excel-emulator.ts):
 * what the adapter reads, in how many round trips, on ExcelApi 1.1, 1.4 and 1.5+ hosts, and what
 * it does when the host refuses the one-sync read or any read at all. Every test runs under both
 * answers Excel may give to calls on a null object's children (NULL_OBJECT_MODES): the adapter
 * never makes such calls, so both give the same result.
 */
import { validateWorkbook, type WorkbookData } from "../src/core";
import { MAX_MERGED_AREAS } from "../src/demo/office/proxies";
import { HostError } from "../src/host/workbook-host";
import { RangeProxy } from "../src/demo/office/proxies";
import { EmulatedExcel, NULL_OBJECT_MODES, nullObjectChildren, type EmulatedExcelOptions } from "./helpers/excel-emulator";
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

describe.each(NULL_OBJECT_MODES)("readWorkbook (calls on a null object's children give %s)", (mode) => {
  const withMode = (options: EmulatedExcelOptions = {}): EmulatedExcelOptions => ({
    ...options,
    nullObjectChildren: nullObjectChildren(mode),
  });
  const emulated = (data?: WorkbookData, options?: EmulatedExcelOptions) => new EmulatedExcel(data, withMode(options));

  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
    ["160 sheets", 159],
  ])(
    "ExcelApi 1.5+: %s: names then ranges on the first read, then exactly one sync, content as the sheets hold it",
    async (_, sections) => {
      const data = buildReport(report(sections));
      expect(data.sheets).toHaveLength(sections + 1);
      expect(data.sheets.some((s) => (s.merges ?? []).length > 0)).toBe(true); // merged areas are read too
      const excel = emulated(data, { apiVersion: "1.13" });
      const host = excel.host();
      const first = await host.readWorkbook();
      expect(first.syncs).toBe(2);
      expect(normalized(first.workbook)).toEqual(normalized(data));
      const outcome = await host.readWorkbook(); // the names are known now
      expect(outcome.syncs).toBe(1);
      expect(excel.syncs).toBe(3);
      expect(host.lastSyncs).toBe(1);
      expect(normalized(outcome.workbook)).toEqual(normalized(data));
    },
  );

  test("a sheet deleted or renamed since the last read: the failed sync is followed by the names, then the ranges", async () => {
    const data = buildReport(report(2));
    const excel = emulated(data);
    const host = excel.host();
    await host.readWorkbook();
    excel.deleteSheet("事業2");
    const outcome = await host.readWorkbook();
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1"]);
    expect(outcome.syncs).toBe(3); // the known names' read fails (ItemNotFound), names, ranges
    excel.sheet("事業1").name = "事業一";
    expect((await host.readWorkbook()).workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業一"]);
    expect((await host.readWorkbook()).syncs).toBe(1);
  });

  test("a sheet added since the last read is read too (one more sync), its place kept", async () => {
    const data = buildReport(report(1));
    const excel = emulated(data);
    const host = excel.host();
    await host.readWorkbook();
    excel.addSheet("追加");
    excel.put("追加", { B2: { value: 5 } });
    const outcome = await host.readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1", "追加"]);
    expect(outcome.workbook.sheets[2]).toMatchObject({ origin: "B2", values: [[5]] });
    expect((await host.readWorkbook()).syncs).toBe(1);
  });

  test("past Excel on the web's response limit: read again sheet by sheet, large used ranges in row blocks", async () => {
    const data = buildReport(report(2));
    const rows = 3_000;
    data.sheets.push({
      name: "大きい",
      values: Array.from({ length: rows }, (_, r) => [`行${r + 1}`, r, r % 7 === 0 ? "長い文字列".repeat(3) : null]),
      formulas: Array.from({ length: rows }, () => [null, null, null]),
      numberFormats: Array.from({ length: rows }, () => [null, null, null]),
      merges: ["C2:C3"],
      hiddenRows: [5, 2999],
    });
    const excel = emulated(data);
    excel.conditions.responseLimitBytes = 60_000; // a whole-workbook read is about 300 kB here
    const host = excel.host();
    const outcome = await host.readWorkbook();
    expect(normalized(outcome.workbook)).toEqual(normalized(data));
    expect(outcome.syncs).toBeGreaterThan(3);
    expect(excel.syncs).toBe(outcome.syncs);
    // The next read goes the same way (without trying the whole workbook again first).
    expect(normalized((await host.readWorkbook()).workbook)).toEqual(normalized(data));
  });

  test("a values that comes back null (a range past the cells Excel returns) is a clear message naming the sheet, not a TypeError", async () => {
    const data = buildReport(report(1));
    const excel = emulated(data);
    const values = jest.spyOn(RangeProxy.prototype, "values", "get").mockImplementation(function (this: RangeProxy) {
      const address = this._loaded.get("address");
      return typeof address === "string" && address.startsWith("事業1!")
        ? (null as unknown as unknown[][])
        : (this._loaded.get("values") as unknown[][]);
    });
    try {
      const error = (await excel
        .host()
        .readWorkbook()
        .catch((e: unknown) => e)) as HostError;
      expect(error).toBeInstanceOf(HostError);
      expect(error.code).toBe("ValuesUnavailable");
      expect(error.userMessage.ja).toContain("「事業1」");
      expect(error.userMessage.en).toContain('"事業1"');
    } finally {
      values.mockRestore();
    }
  });

  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
  ])("ExcelApi 1.1 only: %s in exactly two syncs (names, then ranges)", async (_, sections) => {
    const data = buildReport(report(sections));
    const excel = emulated(data, { apiVersion: "1.1" });
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(excel.syncs).toBe(2);
    // No merged areas without ExcelApi 1.13; everything else the same.
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("ExcelApi 1.4: two syncs, then one; empty sheets read as empty", async () => {
    const excel = emulated(buildReport(report(2)), { apiVersion: "1.4" });
    excel.addSheet("空白");
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(excel.syncs).toBe(2);
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1", "事業2", "空白"]);
    expect(outcome.workbook.sheets[3]).toMatchObject({ origin: "A1", values: [], formulas: [], numberFormats: [] });
  });

  test("converts Excel's arrays: origin from the used range, formulas only for =…, General as null, errors as text, hidden rows", async () => {
    const excel = emulated();
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
    const excel = emulated(data);
    const outcome = await excel.host().readWorkbook();
    expect(outcome.syncs).toBe(3); // names, the failed ranges, the ranges without merged areas
    expect(excel.syncs).toBe(3);
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("an error the plain read cannot avoid (Excel in cell-edit mode, no delayForCellEdit before ExcelApi 1.11) is raised as a translated HostError, without a retry", async () => {
    const excel = emulated(buildReport(report(1)), { apiVersion: "1.10" });
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
    const { workbook } = await emulated(WRONG_STATUS).host().readWorkbook();
    const finding = validateWorkbook(workbook).findings.find((f) => f.ruleId === "status");
    expect(finding).toMatchObject({ sheet: "事業1", cell: "G18", severity: "error", fixable: true });
    expect(finding!.fix).toEqual([expect.objectContaining({ sheet: "事業1", cell: "G18", value: "未達成" })]);
  });
});
