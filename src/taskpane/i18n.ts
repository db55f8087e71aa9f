/**
 * Every text the task pane shows, Japanese first, English (i18n-en.ts, loaded on demand) when
 * Office's display language is not Japanese. Finding messages come from the core (Finding.messages); everything else is here.
 */
import type { Direction, Lang, Severity } from "../core";
import { kpiName } from "../core/numbering";
import { fiscalYearText } from "../core/year";
import { SEVERITY_LABEL } from "../core/severity";
import type { SelfCheckStatus } from "../host/workbook-host";

export interface Strings {
  appTitle: string;
  langTag: string;

  // Toolbar
  validate: string;
  openFix: string;
  revert: string;
  revertHint: string;
  toolbarLabel: string;

  // Progress
  busy: Record<BusyText, string>;

  // Summary
  summaryHeading: string;
  notValidated: string;
  severity: Record<Severity, string>;
  count(n: number): string;
  reportingYear: string;
  year(year: number): string;
  yearWithSource(year: number, source: string): string;
  yearSource: Record<"option" | "actuals" | "first-year", string>;
  rate: string;
  projectTableCaption: string;
  /** The fold over the project table. */
  projectTableToggle(projects: number): string;
  projectColumn: string;
  kpiColumn: string;
  achieved: string;
  unmet: string;
  unmeasured: string;
  /** Findings that have a fix (not cells: one fix may write several cells, and totals follow). */
  fixableCount(n: number): string;

  // Findings
  findingsHeading: string;
  filterLegend: string;
  filterOption(severity: Severity, n: number): string;
  highlightToggle: string;
  highlightHint: string;
  workbookGroup: string;
  projectLevel: string;
  kpiLabel(kpi: number): string;
  noFindings: string;
  allFiltered: string;
  fixableTag: string;
  /** The expander under a finding that says what its rule checks. */
  aboutRule: string;
  ruleAnchor: string;
  ruleDocs: string;
  /** Appended to a fixable finding's accessible name. */
  fixableSuffix: string;
  findingLabel(severity: string, message: string, location: string): string;
  groupCount(n: number): string;
  orderLegend: string;
  order: Record<"severity" | "project", string>;
  /** The heading of one severity's findings in the by-severity list. */
  severityGroup(severity: Severity, n: number): string;
  /** The project and KPI a finding belongs to, for its accessible name in the by-severity list. */
  findingContextLabel(context: string): string;

  // Preview
  previewHeading: string;
  previewIntro: string;
  previewEmpty: string;
  previewCell: string;
  previewBefore: string;
  previewAfter: string;
  previewTickLabel(location: string): string;
  selectAll: string;
  selectNone: string;
  apply: string;
  applyCount(n: number): string;
  cancel: string;
  empty: string;
  formulaWithValue(formula: string, value: string): string;
  percentShown(percent: string): string;
  /** Cells written vs findings fixed: the two counts the preview and the summary give. */
  previewCounts(cells: number, findings: number): string;
  changeToFormula: string;
  changeToValue: string;
  changeFormula: string;
  changeToNumber: string;
  changeToText: string;
  changeFormat(format: string | null): string;
  sameValueNote(parts: string[]): string;

  // Outcomes
  validated(errors: number, warnings: number, infos: number): string;
  previewReady(n: number, findings: number): string;
  applied(n: number): string;
  appliedNone: string;
  reverted(n: number): string;
  revertedNone: string;
  /** Heads the cells not written; each cell's line is the core's skipMessage (src/core/writes.ts). */
  skippedHeading(n: number): string;
  nothingTicked: string;

  // Settings
  settingsHeading: string;
  settingsIntro: string;
  /** While the settings card's content loads (the first time it is opened). */
  settingsLoading: string;
  /** When it could not be loaded (the add-in's server out of reach). */
  settingsLoadFailed: string;
  yearLabel: string;
  yearHint(current: string): string;
  yearInvalid: string;
  yearNotInReport(year: number, years: number[]): string;
  rateLabel: string;
  rateOption: Record<string, string>;
  writeModeLabel: string;
  writeMode: Record<"formula" | "value", string>;
  directionsHeading: string;
  directionsIntro: string;
  directionAuto(current: string): string;
  directionAutoPlain: string;
  direction: Record<Direction, string>;
  directionSelectLabel(kpi: string): string;
  noKpis: string;
  /** The automatic check's switch in the settings (shown where the host raises change events). */
  autoCheckToggle: string;
  autoCheckHint: string;

  // Self-check (Settings > 動作確認)
  selfCheckHeading: string;
  selfCheckIntro: string;
  selfCheckRun: string;
  selfCheckCopy: string;
  selfCheckCopied: string;
  /** The clipboard refused: the text is in the box below to copy by hand. */
  selfCheckCopyFailed: string;
  selfCheckTextLabel: string;
  selfCheckStatus: Record<SelfCheckStatus, string>;
  selfCheckHandling: string;
  selfCheckDone(ok: number, others: number): string;
  selfCheckTextHeading: string;
  selfCheckTextDate: string;
  selfCheckTextVersion: string;
  selfCheckTextUserAgent: string;

  // Last year's report (Settings > 前年度の報告書と比較)
  previousHeading: string;
  previousPick: string;
  previousCurrent(source: string): string;
  previousClear: string;

  // Errors
  unexpectedError: string;
  /** One of the pane's own scripts could not be fetched from the add-in's server. */
  scriptLoadFailed: string;
  settingsSaveFailed: string;
  dismiss: string;
  startupFailed: string;
}

export type BusyText = "validate" | "preview" | "apply" | "revert" | "settings" | "highlight" | "selfCheck" | "previous";

const ja: Strings = {
  appTitle: "KPI報告チェッカー",
  langTag: "ja",

  validate: "検証",
  openFix: "自動入力・修正",
  revert: "元に戻す",
  revertHint: "直前の「適用」で書き込んだセルを元の内容に戻します",
  toolbarLabel: "操作",

  busy: {
    validate: "検証しています…",
    preview: "修正内容を準備しています…",
    apply: "セルに書き込んでいます…",
    revert: "元に戻しています…",
    settings: "設定を保存しています…",
    highlight: "セルに色を付けています…",
    selfCheck: "動作確認をしています（作業用シートを追加して削除します）…",
    previous: "前年度の報告書を読み込んでいます…",
  },

  summaryHeading: "検証結果",
  notValidated: "まだ検証していません。",
  severity: { error: SEVERITY_LABEL.error.ja, warning: SEVERITY_LABEL.warning.ja, info: SEVERITY_LABEL.info.ja },
  count: (n) => `${n}件`,
  reportingYear: "報告年度",
  year: (y) => `${y}年度`,
  yearWithSource: (y, source) => `${y}年度（${source}）`,
  yearSource: { option: "設定で指定", actuals: "実績値から判定", "first-year": "実績値なし・最初の年度" },
  rate: "補助率",
  projectTableCaption: "事業ごとのKPIの達成状況",
  projectTableToggle: (n) => `事業ごとのKPIの達成状況（${n}事業）`,
  projectColumn: "事業",
  kpiColumn: "KPI",
  achieved: "達成",
  unmet: "未達成",
  unmeasured: "未計測",
  fixableCount: (n) => `うち自動修正できる指摘 ${n}件`,

  findingsHeading: "指摘",
  filterLegend: "表示する指摘",
  filterOption: (s, n) => `${ja.severity[s]}（${n}）`,
  highlightToggle: "問題のあるセルに色を付ける",
  highlightHint: "オフにすると元の塗りつぶしに戻ります",
  workbookGroup: "全体",
  projectLevel: "事業全体",
  kpiLabel: (k) => kpiName(k).ja,
  noFindings: "問題は見つかりませんでした。",
  allFiltered: "選択した種類の指摘はありません。",
  fixableTag: "自動修正可",
  aboutRule: "このルールについて",
  ruleAnchor: "指摘するセル",
  ruleDocs: "ルールの説明ページ",
  fixableSuffix: "・自動修正可",
  findingLabel: (severity, message, location) => `${severity}: ${message}（${location}）`,
  groupCount: (n) => `${n}件`,
  orderLegend: "並べ方",
  order: { severity: "重大度順", project: "事業ごと" },
  severityGroup: (sev, n) => `${ja.severity[sev]} ${n}件`,
  findingContextLabel: (c) => `［${c}］`,

  previewHeading: "自動入力・修正の内容",
  previewIntro:
    "書き込むセルを確認し、不要なものはチェックを外してから「適用」を押してください。検証後に内容が変わったセルには書き込みません。",
  previewEmpty: "自動で入力・修正できる項目はありません。",
  previewCell: "セル",
  previewBefore: "現在",
  previewAfter: "修正後",
  previewTickLabel: (loc) => `${loc} に書き込む`,
  selectAll: "すべて選択",
  selectNone: "すべて解除",
  apply: "適用",
  applyCount: (n) => `${n}セルに適用`,
  cancel: "閉じる",
  empty: "（空欄）",
  formulaWithValue: (f, v) => `${f}（値: ${v}）`,
  percentShown: (p) => `（${p}と表示）`,
  previewCounts: (cells, findings) => `書き込むセル ${cells}個（自動修正できる指摘 ${findings}件の分）`,
  changeToFormula: "数式にします",
  changeToValue: "数式を値にします",
  changeFormula: "数式を置き換えます",
  changeToNumber: "文字列を数値にします",
  changeToText: "数値を文字列にします",
  changeFormat: (f) => `表示形式: ${f ?? "標準"}`,
  sameValueNote: (parts) => `値は変わりません（${parts.join("、")}）`,

  validated: (e, w, i) => `検証しました: エラー ${e}件・警告 ${w}件・情報 ${i}件`,
  previewReady: (n, f) =>
    n > 0
      ? `自動入力・修正で書き込むセルが ${n} 個あります（自動修正できる指摘 ${f}件の分）。内容を確認してください。`
      : "自動で入力・修正できる項目はありません。",
  applied: (n) => `${n}セルに書き込みました。`,
  appliedNone: "書き込んだセルはありません。",
  reverted: (n) => `${n}セルを元に戻しました。`,
  revertedNone: "元に戻したセルはありません。",
  skippedHeading: (n) => `${n}セルは書き込みませんでした:`,
  nothingTicked: "書き込むセルが選ばれていません。",

  settingsHeading: "設定",
  settingsIntro: "設定はこのブックに保存され、変更するとすぐに検証し直します。",
  settingsLoading: "設定を読み込んでいます…",
  settingsLoadFailed: "設定の画面を読み込めませんでした。ネットワークの接続を確かめ、「設定」を閉じてもう一度開いてください。",
  yearLabel: "報告年度",
  yearHint: (current) =>
    `西暦または令和で入力し、Enter で確定（例: 2025、令和7）。空欄にすると自動（実績値が入っている最新の年度）。現在: ${current}`,
  yearInvalid: "報告年度は西暦 4 桁（2000〜2100）または令和で入力してください（例: 2025、令和7）。",
  yearNotInReport: (y, years) =>
    `${fiscalYearText(y).ja}はこの報告書のKPIにありません。報告書にある年度: ${years.map((v) => fiscalYearText(v).ja).join("・")}`,
  rateLabel: "補助率",
  rateOption: {
    "1/2": "1/2（TYPE1・TYPE2・TYPE A）",
    "2/3": "2/3（TYPE3・TYPE V）",
    "3/4": "3/4（TYPES・TYPE S）",
  },
  writeModeLabel: "計算で埋めるセルの書き込み方",
  writeMode: { formula: "数式で書き込む（おすすめ）", value: "値で書き込む" },
  directionsHeading: "KPIの向き",
  directionsIntro: "達成の判定に使う向きです。自動判定が誤っている KPI だけ指定してください。",
  directionAuto: (current) => `自動（${current}）`,
  directionAutoPlain: "自動",
  direction: { higher: "増加が良い", lower: "減少が良い" },
  directionSelectLabel: (kpi) => `${kpi} の向き`,
  noKpis: "KPI が見つかりません。",
  autoCheckToggle: "入力に合わせて自動で点検",
  autoCheckHint: "セルを変更して手を止めると（約 1 秒後）、［検証］を押さなくても点検し直します。",

  selfCheckHeading: "動作確認",
  selfCheckIntro:
    "この Excel でのアドインの動作を確かめます。作業用シートを一時的に追加して確認し、終わると削除します（ほかのシートのセルは変更しません）。問い合わせの際は結果をコピーして添えてください。",
  selfCheckRun: "動作確認を実行",
  selfCheckCopy: "結果をコピー",
  selfCheckCopied: "結果をクリップボードにコピーしました。",
  selfCheckCopyFailed: "クリップボードにコピーできませんでした。下の欄の文字を選択してコピーしてください。",
  selfCheckTextLabel: "結果（問い合わせ用の文字）",
  selfCheckStatus: { ok: "OK", differs: "想定と異なる（対処済み）", unsupported: "未対応", failed: "失敗" },
  selfCheckHandling: "アドインの対応",
  selfCheckDone: (ok, others) => `動作確認が終わりました（OK ${ok} 件、その他 ${others} 件）。`,
  selfCheckTextHeading: "KPI報告チェッカー 動作確認",
  selfCheckTextDate: "日時",
  selfCheckTextVersion: "アドインの版",
  selfCheckTextUserAgent: "ユーザーエージェント",

  unexpectedError: "予期しないエラーが発生しました。もう一度お試しください。続く場合は作業ウィンドウを開き直してください。",
  scriptLoadFailed:
    "作業ウィンドウの部品をアドインのサーバーから読み込めませんでした。ネットワークの接続を確かめ、もう一度お試しください（「検証」を押すと読み込み直します）。",
  previousHeading: "前年度の報告書と比較",
  previousPick: "前年度の報告書と比較…",
  previousCurrent: (source) => `比較中: ${source}`,
  previousClear: "比較をやめる",
  settingsSaveFailed: "設定をブックに保存できませんでした（この作業ウィンドウの検証には反映しています）。",
  dismiss: "メッセージを閉じる",
  startupFailed: "KPI報告チェッカーを起動できませんでした。作業ウィンドウを開き直してください。",
};

/** The English table, once loaded: a Japanese pane never loads it. */
let english: Strings | null = null;

/** The pane's texts in `lang`; English only after loadStrings("en"). */
export function strings(lang: Lang): Strings {
  if (lang === "ja") return ja;
  if (!english) throw new Error('The English texts are not loaded yet: await loadStrings("en") first');
  return english;
}

/** Whether strings(lang) can answer now. */
export function hasStrings(lang: Lang): boolean {
  return lang === "ja" || english !== null;
}

/** Loads the texts for `lang` (English is a chunk of its own). Rejects when that chunk cannot be loaded. */
export async function loadStrings(lang: Lang): Promise<void> {
  if (lang === "ja" || english) return;
  english = (await import(/* webpackChunkName: "en" */ "./i18n-en")).en;
}
