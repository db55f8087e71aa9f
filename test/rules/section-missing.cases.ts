import type { WorkbookData } from "../../src/core";
import { buildReport, setCell, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Summary rows: (1) on 活用状況 row 5, (2) on row 6. Sections: sheets 事業1, 事業2 (title A1, first KPI A15).
const S = "活用状況";
const two: ReportSpec = {
  sections: [
    { number: 1, blocks: [{}] },
    { number: 2, blocks: [{}] },
  ],
};

/** The two-project report without one sheet. */
function dropSheet(name: string): WorkbookData {
  const workbook = buildReport(two);
  return { sheets: workbook.sheets.filter((s) => s.name !== name) };
}

/** Both sections, but the summary of a report with section (1) only. */
function summaryOfOne(): WorkbookData {
  const workbook = buildReport(two);
  workbook.sheets[0] = buildReport({ sections: [two.sections[0]] }).sheets[0];
  return workbook;
}

export const cases: RuleCases = {
  valid: [
    { name: "rows and sections pair one to one", report: two },
    {
      name: "the order does not matter",
      report: {
        sections: [
          { number: 2, blocks: [{}] },
          { number: 1, blocks: [{}] },
        ],
      },
    },
    { name: "no summary sheet", report: { ...two, projects: null } },
    { name: "a summary without any KPI section (the summary alone is checked)", report: { sections: [] } },
    { name: "a section without a title pairs by its sheet's number", report: setCell(buildReport(two), "事業2", "A1", null) },
  ],
  invalid: [
    {
      name: "a summary row without its KPI section",
      report: dropSheet("事業2"),
      errors: [
        {
          sheet: S,
          cell: "A6",
          messageId: "noSection",
          severity: "warning",
          messageIncludes: ["活用状況の事業「(2) テスト事業2」", "(2) が見つかりません"],
        },
      ],
    },
    {
      name: "a KPI section without its summary row: anchored at the section title",
      report: summaryOfOne(),
      errors: [
        {
          sheet: "事業2",
          cell: "A1",
          messageId: "noSummaryRow",
          messageIncludes: ["事業のKPI欄「(2) テスト事業2」", "活用状況の行 (2) がありません"],
        },
      ],
    },
    {
      name: "an untitled section without its summary row: anchored at its first KPI label",
      report: setCell(summaryOfOne(), "事業2", "A1", null),
      errors: [{ sheet: "事業2", cell: "A15", messageId: "noSummaryRow", messageIncludes: ["「事業2」"] }],
    },
    {
      name: "a summary row without (n) pairs with nothing: its section is reported",
      report: { sections: [two.sections[0]], projects: { 1: { name: "テスト事業1" } } },
      errors: [{ cell: "A1", messageId: "noSummaryRow", messageIncludes: ["(1)"] }],
    },
    {
      name: "a renumbered summary row: both sides reported",
      report: setCell(buildReport(two), S, "A6", "(3) テスト事業2"),
      errors: [
        { sheet: S, cell: "A6", messageId: "noSection", messageIncludes: ["(3)"] },
        { sheet: "事業2", cell: "A1", messageId: "noSummaryRow", messageIncludes: ["(2)"] },
      ],
    },
  ],
};
