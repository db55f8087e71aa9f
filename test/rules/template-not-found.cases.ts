import type { WorkbookData } from "../../src/core";
import { buildReport } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

const unrelated: WorkbookData = {
  sheets: [
    { name: "メモ", values: [["会議の議事録"], [null, "KPIについて話した"]] },
    { name: "Sheet2", values: [["事業名"]] },
  ],
};

export const cases: RuleCases = {
  valid: [
    { name: "a full report", report: { sections: [{ number: 1, blocks: [{}] }] } },
    { name: "a summary table alone", report: { sections: [] } },
    { name: "KPI sections alone (no summary sheet)", report: { sections: [{ number: 1, blocks: [{}] }], projects: null } },
    {
      name: "a report whose first sheet is unrelated",
      report: {
        sheets: [{ name: "表紙", values: [["事業実施報告書"]] }, ...buildReport({ sections: [{ number: 1, blocks: [{}] }] }).sheets],
      },
    },
  ],
  invalid: [
    {
      name: "a workbook with an unrelated sheet: A1 of the first sheet",
      report: unrelated,
      errors: [{ sheet: "メモ", cell: "A1", messageId: "notFound", severity: "error", messageIncludes: ["報告書の様式が見つかりません"] }],
    },
    {
      name: "an empty sheet",
      report: { sheets: [{ name: "Sheet1", values: [] }] },
      errors: [{ sheet: "Sheet1", cell: "A1", messageId: "notFound" }],
    },
    {
      name: "a lone KPI label without the block's headings",
      report: { sheets: [{ name: "Sheet1", values: [["KPI①"]] }] },
      errors: [{ sheet: "Sheet1", cell: "A1", messageId: "notFound" }],
    },
    {
      name: "a workbook without sheets: A1 with no sheet name",
      report: { sheets: [] },
      errors: [{ sheet: "", cell: "A1", messageId: "notFound" }],
    },
  ],
};
