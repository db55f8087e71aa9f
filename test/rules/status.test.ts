import { validateWorkbook, type CheckOptions } from "../../src/core";
import { buildReport, oneSection, type ReportSpec } from "../../src/fixtures/report-builder";
import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/status";

runRuleTests("status", cases);

describe("the direction a status is judged in", () => {
  const direction = (report: ReportSpec, options: CheckOptions = {}) =>
    validateWorkbook(buildReport(report), options).kpis.map((k) => k.direction);

  it("uses year Y's target when it is a number", () => {
    // 2024 target -5 (lower), 2025 target 10 (higher): with Y = 2025 the 2025 target decides.
    const report = oneSection([
      {
        years: [
          [-5, -10, "達成"],
          [10, 12, "達成"],
          [20, null, null],
        ],
      },
    ]);
    expect(direction(report, { reportingYear: 2024 })).toEqual(["lower"]);
    expect(direction(report, { reportingYear: 2025 })).toEqual(["higher"]);
  });

  it("falls back to the first numeric target when year Y's is 未設定", () => {
    const report = oneSection([
      {
        years: [
          ["未設定", 50, "未達成"],
          [-5, null, null],
          [-10, null, null],
        ],
        achieved: null,
        unmet: "理由。",
      },
    ]);
    expect(direction(report)).toEqual(["lower"]);
  });

  it("keys the user's choice by project and KPI", () => {
    const report: ReportSpec = {
      sections: [
        { number: 1, blocks: [{}, {}] },
        { number: 2, blocks: [{}, {}] },
      ],
    };
    expect(direction(report, { directions: { "2:1": "lower" } })).toEqual(["higher", "higher", "lower", "higher"]);
  });
});
