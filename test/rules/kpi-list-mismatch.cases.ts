import { buildReport, type BlockSpec, type ReportSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// The summary's 設定したKPI of project (1) is 活用状況!E5.
const S = "活用状況";
const listed = (names: string[], kpiList: string | null): ReportSpec => ({
  sections: [{ number: 1, blocks: names.map((name): BlockSpec => ({ name })) }],
  projects: { 1: { kpiList } },
});

function withoutSheet(name: string) {
  const workbook = buildReport({
    sections: [
      { number: 1, blocks: [{}] },
      { number: 2, blocks: [{}, {}] },
    ],
  });
  return { sheets: workbook.sheets.filter((s) => s.name !== name) };
}

export const cases: RuleCases = {
  valid: [
    { name: "the builder's list", report: { sections: [{ number: 1, blocks: [{ name: "利用者数" }, { name: "満足度" }] }] } },
    {
      name: "a trailing （年度末） note in the list is ignored",
      report: listed(["利用者数", "手続き数"], "①利用者数（年度末） ②手続き数"),
    },
    {
      name: "a trailing (年度末) note in the block name is ignored",
      report: listed(["利用者数(年度末)", "手続き数"], "①利用者数 ②手続き数"),
    },
    {
      name: "the seed's (解決率) note on one side only",
      report: listed(["AIチャットボットによる回答完了率"], "①AIチャットボットによる回答完了率(解決率)"),
    },
    { name: "full-width and half-width brackets mixed", report: listed(["回答完了率（解決率）"], "①回答完了率(解決率)") },
    { name: "two trailing notes", report: listed(["利用者数"], "①利用者数（年度末）（累計）") },
    {
      name: "full-width letters and spaces (NFKC, spaces removed)",
      report: listed(["ＬＩＮＥ 登録者数", "公開 データ数"], "①LINE登録者数　②公開データ数"),
    },
    { name: "items on separate lines", report: listed(["利用者数", "満足度"], "①利用者数\n②満足度") },
    { name: "items written 「KPI①名称 KPI②名称」", report: listed(["利用者数", "満足度"], "KPI①利用者数 KPI②満足度") },
    { name: "items written 「ＫＰＩ①名称」 in full width", report: listed(["利用者数", "満足度"], "ＫＰＩ①利用者数　ＫＰＩ②満足度") },
    { name: "one name per line, without numbers", report: listed(["利用者数", "満足度"], "利用者数\n満足度") },
    { name: "a project without a KPI section is section-missing's finding", report: withoutSheet("事業2") },
  ],
  invalid: [
    {
      name: "a name differs (the seed's (3): 手続数 vs 手続き数)",
      report: listed(["オンライン申請対応手続き数", "オンラインによる申請数"], "①オンライン申請対応手続数 ②オンラインによる申請数"),
      errors: [
        {
          sheet: S,
          cell: "E5",
          messageId: "names",
          severity: "warning",
          messageIncludes: ["①「オンライン申請対応手続数」⇔ KPI①「オンライン申請対応手続き数」"],
        },
      ],
    },
    {
      name: "two names differ: the message lists each pair",
      report: listed(["出動日数", "利用者数", "満足度"], "①出勤日数 ②利用者数 ③満足率"),
      errors: [
        { sheet: S, cell: "E5", messageId: "names", messageIncludes: ["①「出勤日数」⇔ KPI①「出動日数」", "③「満足率」⇔ KPI③「満足度」"] },
      ],
    },
    {
      name: "a note in the middle of the name is not ignored",
      report: listed(["利用者数"], "①利用（年度末）者数"),
      errors: [{ sheet: S, cell: "E5", messageId: "names" }],
    },
    {
      name: "the list names more KPIs than the section has",
      report: listed(["利用者数", "手続き数"], "①利用者数 ②手続き数 ③満足度"),
      errors: [
        {
          sheet: S,
          cell: "E5",
          messageId: "count",
          messageIncludes: ["設定したKPIは3件ですが、事業1のKPIは2件です", "③「満足度」⇔ KPI③「（なし）」"],
        },
      ],
    },
    {
      name: "the list names fewer KPIs than the section has",
      report: listed(["利用者数", "手続き数"], "①利用者数"),
      errors: [
        {
          sheet: S,
          cell: "E5",
          messageId: "count",
          messageIncludes: ["設定したKPIは1件ですが、事業1のKPIは2件です", "②「（なし）」⇔ KPI②「手続き数」"],
        },
      ],
    },
    {
      name: "an empty list",
      report: listed(["利用者数"], null),
      errors: [{ sheet: S, cell: "E5", messageId: "count", messageIncludes: ["設定したKPIは0件"] }],
    },
    {
      name: "the second project's row",
      report: {
        sections: [
          { number: 1, blocks: [{ name: "利用者数" }] },
          { number: 2, blocks: [{ name: "公開データ数" }] },
        ],
        projects: { 2: { kpiList: "①公開型GISの公開データレイヤ数" } },
      },
      errors: [{ sheet: S, cell: "E6", messageId: "names" }],
    },
  ],
};
