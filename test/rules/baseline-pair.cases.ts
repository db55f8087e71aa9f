import { oneSection, type BlockSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";
import type { Scalar } from "../../src/core";

// Block ①: 基準年度 header E15, values E16 (year) and F16 (value). Block ② header E26.
const base = (baseYear: Scalar, baseValue: Scalar, extra: BlockSpec = {}) => oneSection([{ baseYear, baseValue, ...extra }]);

export const cases: RuleCases = {
  valid: [
    { name: "both なし", report: base("なし", "なし") },
    { name: "なし with stray spaces", report: base(" なし", "なし　") },
    { name: "a year as a number and a number", report: base(2023, 50) },
    { name: "2023年度", report: base("2023年度", 50) },
    { name: "令和5年度", report: base("令和5年度", 50) },
    { name: "R5", report: base("R5", 50) },
    { name: "R5年度末", report: base("R5年度末", 50) },
    { name: "令和元年度", report: base("令和元年度", 50) },
    { name: "full-width ２０２３", report: base("２０２３", 50) },
    { name: "平成30年度 (a baseline before 令和)", report: base("平成30年度", 50) },
    { name: "H30", report: base("H30", 50) },
    { name: "a value that is not a number is number-format's finding", report: base(2023, "約50") },
    { name: "a value written with ▲ is minus-sign's finding", report: base(2023, "▲3") },
  ],
  invalid: [
    {
      name: "no baseline row: anchored at the 基準年度 header cell",
      report: oneSection([{ noBaselineRow: true }]),
      errors: [{ cell: "E15", messageId: "noRow", severity: "error", messageIncludes: ["(1) KPI①に基準年度・基準値の記入行がありません"] }],
    },
    {
      name: "no baseline row in the second block",
      report: oneSection([{}, { noBaselineRow: true }]),
      errors: [{ cell: "E26", messageId: "noRow", messageIncludes: ["(1) KPI②"] }],
    },
    {
      name: "year なし, value filled",
      report: base("なし", 50),
      errors: [{ cell: "E16", messageId: "unpaired", messageIncludes: ["基準年度「なし」と基準値「50」が対になっていません"] }],
    },
    {
      name: "year filled, value なし",
      report: base(2023, "なし"),
      errors: [{ cell: "E16", messageId: "unpaired", messageIncludes: ["基準年度「2023」と基準値「なし」"] }],
    },
    {
      name: "both empty",
      report: base(null, null),
      errors: [{ cell: "E16", messageId: "bothEmpty", messageIncludes: ["基準年度・基準値が空欄です"] }],
    },
    {
      name: "year empty, value filled",
      report: base(null, 50),
      errors: [{ cell: "E16", messageId: "unpaired", messageIncludes: ["基準年度「（空欄）」と基準値「50」"] }],
    },
    {
      name: "year filled, value empty",
      report: base("令和5年度", null),
      errors: [{ cell: "E16", messageId: "unpaired", messageIncludes: ["基準値「（空欄）」"] }],
    },
    {
      name: "year なし, value empty",
      report: base("なし", null),
      errors: [{ cell: "E16", messageId: "unpaired" }],
    },
    {
      name: "a base year that is not a year",
      report: base("昨年", 50),
      errors: [{ cell: "E16", messageId: "notYear", messageIncludes: ["基準年度「昨年」が年度として読めません"] }],
    },
    {
      name: "a number out of the range of years",
      report: base(1800, 50),
      errors: [{ cell: "E16", messageId: "notYear" }],
    },
  ],
};
