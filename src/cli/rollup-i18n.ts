/** The words of the roll-up (kpi-check --report), in Japanese and English: page and workbook alike. */
import type { Lang, Severity } from "../core/types";

export interface RollupText {
  title: string;
  generated: (date: string) => string;
  yearsRate: (years: string, rate: string) => string;
  noYear: string;
  headline: string;
  reports: string;
  reportsNote: (checked: number, unreadable: number) => string;
  projects: string;
  kpis: string;
  withErrors: string;
  withErrorsNote: (warningsOnly: number) => string;
  findingsTotal: string;
  achieved: string;
  unmet: string;
  unmeasured: string;
  undetermined: string;
  kpiShare: string;
  kpiShareNote: string;
  kpiShareStrict: string;
  kpiShareStrictNote: string;
  projectShare: string;
  projectShareNote: string;
  byKindTitle: string;
  all: string;
  output: string;
  outcome: string;
  kindHeader: string;
  projectsWithKpis: string;
  projectsAchieved: string;
  chartKpis: string;
  chartKpisNote: string;
  chartRules: string;
  noFindings: string;
  reportList: string;
  reportListNote: string;
  file: string;
  municipality: string;
  errors: string;
  warnings: string;
  infos: string;
  severity: Record<Severity, string>;
  severityHeader: string;
  rule: string;
  sheet: string;
  cell: string;
  message: string;
  fixable: string;
  yes: string;
  noProblems: string;
  failures: string;
  failuresNone: string;
  reason: string;
  kpiTable: string;
  kpiTableNote: string;
  filter: string;
  filterAll: string;
  shown: (n: number, total: number) => string;
  sortHint: string;
  reportingYear: string;
  rate: string;
  project: string;
  projectName: string;
  kpi: string;
  kpiName: string;
  kind: string;
  unit: string;
  direction: string;
  directionValue: Record<"higher" | "lower", string>;
  target: string;
  actual: string;
  statusWritten: string;
  statusComputed: string;
  counted: string;
  state: string;
  checkedState: string;
  unreadableState: string;
  item: string;
  value: string;
  sheets: { summary: string; kpis: string; findings: string; files: string };
}

export const ROLLUP_TEXT: Record<Lang, RollupText> = {
  ja: {
    title: "KPI報告 取りまとめ",
    generated: (date) => `作成 ${date}（kpi-check --report）`,
    yearsRate: (years, rate) => `報告年度 ${years}・補助率 ${rate}`,
    noYear: "—",
    headline: "概要",
    reports: "報告書",
    reportsNote: (checked, unreadable) => `点検 ${checked}・読めない ${unreadable}`,
    projects: "事業",
    kpis: "KPI",
    withErrors: "エラーのある報告書",
    withErrorsNote: (w) => `警告のみ ${w}`,
    findingsTotal: "指摘",
    achieved: "達成",
    unmet: "未達成",
    unmeasured: "未計測",
    undetermined: "判定できない",
    kpiShare: "KPI達成率",
    kpiShareNote: "達成 ÷（達成＋未達成）",
    kpiShareStrict: "KPI達成率（未計測を未達成とみなす）",
    kpiShareStrictNote: "達成 ÷（達成＋未達成＋未計測）",
    projectShare: "KPIを1つ以上達成した事業の割合",
    projectShareNote: "達成したKPIのある事業 ÷ KPIのある事業",
    byKindTitle: "種別ごと（アウトプット・アウトカム）",
    all: "全体",
    output: "アウトプット",
    outcome: "アウトカム",
    kindHeader: "区分",
    projectsWithKpis: "KPIのある事業",
    projectsAchieved: "1つ以上達成した事業",
    chartKpis: "報告書ごとのKPI（達成・未達成・未計測）",
    chartKpisNote: "団体はファイル名です。",
    chartRules: "ルールごとの指摘",
    noFindings: "指摘はありません",
    reportList: "報告書ごとの指摘",
    reportListNote: "エラーの多い報告書から順に並べています。",
    file: "ファイル",
    municipality: "団体",
    errors: "エラー",
    warnings: "警告",
    infos: "情報",
    severity: { error: "エラー", warning: "警告", info: "情報" },
    severityHeader: "重大度",
    rule: "ルール",
    sheet: "シート",
    cell: "セル",
    message: "内容",
    fixable: "自動修正",
    yes: "可",
    noProblems: "問題は見つかりませんでした",
    failures: "点検できなかったファイル",
    failuresNone: "ありません",
    reason: "理由",
    kpiTable: "KPI一覧",
    kpiTableNote: "見出しをクリックすると並べ替えます。",
    filter: "絞り込み",
    filterAll: "すべての状況",
    shown: (n, total) => `${n} / ${total} 件`,
    sortHint: "クリックで並べ替え",
    reportingYear: "報告年度",
    rate: "補助率",
    project: "事業番号",
    projectName: "事業名",
    kpi: "KPI番号",
    kpiName: "KPI名",
    kind: "種別",
    unit: "単位",
    direction: "方向",
    directionValue: { higher: "高いほど良い", lower: "低いほど良い" },
    target: "目標値",
    actual: "実績値",
    statusWritten: "達成状況（記入）",
    statusComputed: "達成状況（計算）",
    counted: "集計上の状況",
    state: "状態",
    checkedState: "点検済み",
    unreadableState: "点検できない",
    item: "項目",
    value: "値",
    sheets: { summary: "集計", kpis: "KPI一覧", findings: "指摘一覧", files: "ファイル" },
  },
  en: {
    title: "KPI reports: roll-up",
    generated: (date) => `Made ${date} (kpi-check --report)`,
    yearsRate: (years, rate) => `reporting year ${years}, grant rate ${rate}`,
    noYear: "—",
    headline: "Overview",
    reports: "Reports",
    reportsNote: (checked, unreadable) => `${checked} checked, ${unreadable} not readable`,
    projects: "Projects",
    kpis: "KPIs",
    withErrors: "Reports with errors",
    withErrorsNote: (w) => `${w} with warnings only`,
    findingsTotal: "Findings",
    achieved: "achieved",
    unmet: "not achieved",
    unmeasured: "not measured",
    undetermined: "undetermined",
    kpiShare: "KPIs achieved",
    kpiShareNote: "achieved ÷ (achieved + not achieved)",
    kpiShareStrict: "KPIs achieved (not measured counted as not achieved)",
    kpiShareStrictNote: "achieved ÷ (achieved + not achieved + not measured)",
    projectShare: "Projects with at least one KPI achieved",
    projectShareNote: "projects with a KPI achieved ÷ projects with a KPI",
    byKindTitle: "By type (output, outcome)",
    all: "All",
    output: "Output",
    outcome: "Outcome",
    kindHeader: "Type",
    projectsWithKpis: "Projects with KPIs",
    projectsAchieved: "with one achieved",
    chartKpis: "KPIs per report (achieved, not achieved, not measured)",
    chartKpisNote: "Municipalities are named by file.",
    chartRules: "Findings by rule",
    noFindings: "No findings",
    reportList: "Findings per report",
    reportListNote: "Reports with the most errors first.",
    file: "File",
    municipality: "Municipality",
    errors: "Errors",
    warnings: "Warnings",
    infos: "Info",
    severity: { error: "error", warning: "warning", info: "info" },
    severityHeader: "Severity",
    rule: "Rule",
    sheet: "Sheet",
    cell: "Cell",
    message: "Message",
    fixable: "Fixable",
    yes: "yes",
    noProblems: "no problems found",
    failures: "Files not checked",
    failuresNone: "none",
    reason: "Reason",
    kpiTable: "KPI list",
    kpiTableNote: "Click a heading to sort.",
    filter: "Filter",
    filterAll: "any status",
    shown: (n, total) => `${n} of ${total}`,
    sortHint: "click to sort",
    reportingYear: "Reporting year",
    rate: "Grant rate",
    project: "Project",
    projectName: "Project name",
    kpi: "KPI",
    kpiName: "KPI name",
    kind: "Type",
    unit: "Unit",
    direction: "Direction",
    directionValue: { higher: "higher is better", lower: "lower is better" },
    target: "Target",
    actual: "Actual",
    statusWritten: "Status (written)",
    statusComputed: "Status (computed)",
    counted: "Status counted",
    state: "State",
    checkedState: "checked",
    unreadableState: "not checked",
    item: "Item",
    value: "Value",
    sheets: { summary: "Summary", kpis: "KPIs", findings: "Findings", files: "Files" },
  },
};

/** A status as shown: the Japanese word, or its English. */
/** The columns of the figures by 種別 (all, アウトプット, アウトカム), the same on the page and in the workbook. */
export function byKindHeadings(t: RollupText): string[] {
  return [
    t.kindHeader,
    t.kpis,
    t.achieved,
    t.unmet,
    t.unmeasured,
    t.kpiShare,
    t.kpiShareStrict,
    t.projectsWithKpis,
    t.projectsAchieved,
    t.projectShare,
  ];
}

export function statusLabel(status: string | null, lang: Lang): string {
  if (status === null) return "";
  if (lang === "ja") return status;
  return status === "達成" ? "achieved" : status === "未達成" ? "not achieved" : status === "未計測" ? "not measured" : status;
}

/** A share as a percentage with one decimal ("—" when there is nothing to divide). */
export function percentText(ratio: number | null): string {
  return ratio === null ? "—" : `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
