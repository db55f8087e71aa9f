import { buildReport, edited, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// The summary's 事業名 of project (n) is on row 4+n of 活用状況 (A); the section title is A1 of 事業n.
const S = "活用状況";
const named = (number: number, title: string, summaryName: string): ReportSpec => ({
  sections: [{ number, title, blocks: [{}] }],
  projects: { [number]: { name: summaryName } },
});

export const cases: RuleCases = {
  valid: [
    { name: "the same name", report: buildReport({ sections: [{ number: 1, blocks: [{}] }] }) },
    { name: "full-width brackets and digits (NFKC)", report: named(1, "テスト事業１", "（１） テスト事業1") },
    { name: "spaces do not count", report: named(1, "デジタル ツールを活用した情報発信強化", "(1)デジタルツールを活用した　情報発信強化") },
    { name: "full-width letters (NFKC)", report: named(2, "ＧＩＳ導入", "(2) GIS導入") },
    {
      name: "a section without a title is not compared",
      report: edited({ sections: [{ number: 1, blocks: [{}] }], projects: { 1: { name: "(1) 別の名前" } } }, [["事業1", "A1", null]]),
    },
    {
      name: "a summary row without (n) is not paired",
      report: { sections: [{ number: 1, blocks: [{}] }], projects: { 1: { name: "別の名前" } } },
    },
  ],
  invalid: [
    {
      name: "the seed's (5): 公務 vs 校務",
      report: named(5, "統合型校務支援システム導入", "(5) 統合型公務支援システム導入"),
      errors: [
        {
          sheet: S,
          cell: "A5",
          messageId: "mismatch",
          severity: "warning",
          messageIncludes: ["活用状況「(5) 統合型公務支援システム導入」", "事業5「(5) 統合型校務支援システム導入」"],
        },
      ],
    },
    {
      name: "names swapped between two rows: paired by (n), not by name",
      report: {
        sections: [
          { number: 1, title: "公開型GIS導入", blocks: [{}] },
          { number: 2, title: "行政手続きオンライン化推進", blocks: [{}] },
        ],
        projects: { 1: { name: "(1) 行政手続きオンライン化推進" }, 2: { name: "(2) 公開型GIS導入" } },
      },
      errors: [
        { sheet: S, cell: "A5", messageId: "mismatch", messageIncludes: ["事業1「(1) 公開型GIS導入」"] },
        { sheet: S, cell: "A6", messageId: "mismatch", messageIncludes: ["事業2「(2) 行政手続きオンライン化推進」"] },
      ],
    },
    {
      name: "the second project's row",
      report: {
        sections: [
          { number: 1, blocks: [{}] },
          { number: 2, title: "公開型GIS導入", blocks: [{}] },
        ],
        projects: { 2: { name: "(2) 公開型GISの導入" } },
      },
      errors: [{ sheet: S, cell: "A6", messageId: "mismatch", messageIncludes: ["「(2) 公開型GISの導入」"] }],
    },
  ],
};
