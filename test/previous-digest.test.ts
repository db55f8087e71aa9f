/** The previous report digest (src/core/previous.ts) and its schema for storage (previous-schema.ts). */
import { readReport, validateWorkbook } from "../src/core";
import { digestOf, DIGEST_VERSION } from "../src/core/previous";
import { parsePreviousDigest } from "../src/core/previous-schema";
import { edited, oneSection } from "../src/fixtures/report-builder";

const model = readReport(
  edited(oneSection([{ name: "満足度", unit: "%", baseYear: 2023, baseValue: 50 }, { name: "利用者数" }]), [
    ["事業1", "E18", 0.6, { numberFormat: "0%" }],
  ]),
);

describe("digestOf", () => {
  it("keeps what the comparison needs, plain data, a percent stored as a fraction read as its percent", () => {
    const digest = digestOf(model, { source: "last.xlsx" });
    expect(digest).toEqual({
      version: DIGEST_VERSION,
      reportingYear: 2024,
      source: "last.xlsx",
      projects: [
        {
          number: 1,
          name: "テスト事業1",
          title: { sheet: "事業1", cell: "A1" },
          kpis: [
            {
              number: 1,
              name: "満足度",
              kind: "アウトプット",
              unit: "%",
              baseline: { year: 2023, value: 50 },
              years: [
                { year: 2024, target: 60, actual: 120, status: "達成" },
                { year: 2025, target: 200, actual: null, status: null },
                { year: 2026, target: 300, actual: null, status: null },
              ],
            },
            expect.objectContaining({ number: 2, name: "利用者数", baseline: { year: "なし", value: "なし" } }),
          ],
        },
      ],
    });
  });

  it("reads back through the schema as it was written; anything else is refused", () => {
    const digest = digestOf(model);
    expect(parsePreviousDigest(JSON.parse(JSON.stringify(digest)))).toEqual(digest);
    expect(parsePreviousDigest({ ...digest, version: 2 })).toBeNull();
    expect(parsePreviousDigest({ ...digest, projects: [{ number: 1 }] })).toBeNull();
    expect(parsePreviousDigest("not a digest")).toBeNull();
  });

  it("a report compared with its own digest has no comparison finding", () => {
    const workbook = edited(oneSection([{}, { name: "満足度" }]), []);
    const previous = digestOf(readReport(workbook));
    const findings = validateWorkbook(workbook, { previous }).findings;
    expect(findings.filter((f) => /changed|kpi-added|kpi-removed/.test(f.ruleId))).toEqual([]);
  });
});
