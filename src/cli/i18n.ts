/** Every text the CLI shows, in Japanese and English. */
import { SEVERITIES, SEVERITY_LABEL as LABEL } from "../core/severity";
import type { Lang, Severity } from "../core/types";

/** The core's severity words; lower case in English, as command-line tools print them. */
export const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  ja: Object.fromEntries(SEVERITIES.map((s) => [s, LABEL[s].ja])) as Record<Severity, string>,
  en: Object.fromEntries(SEVERITIES.map((s) => [s, LABEL[s].en.toLowerCase()])) as Record<Severity, string>,
};

export const USAGE: Record<Lang, string> = {
  ja: `使い方: kpi-check [オプション] <ファイル.xlsx | フォルダ ...>

事業実施報告書（デジタル実装タイプ）の活用状況の表と「3. 事業のKPI」をチェックします。
ファイルを指定しないと、同梱のサンプル samples/hanamaki-r6.xlsx をチェックします。
フォルダを指定すると、その中の .xlsx ファイルをすべてチェックします。

オプション:
  --format text|json|csv   出力形式（既定: text）。csv は KPI の一覧（UTF-8・BOM 付き）
  --year YYYY              報告年度（西暦。既定: 実績値が入っている最新の年度）
  --rate 1/2|2/3|3/4|n/d   補助率（既定: 1/2）
  --lang ja|en             表示言語（既定: ja）
  --fix --out DIR          自動修正できる項目を直したコピーを DIR に保存します（元のファイルは変更しません）
  --jobs N                 同時に処理するファイル数（既定: 複数ファイルなら CPU のコア数、1 ファイルなら 1）
  -h, --help               このヘルプを表示します
  -v, --version            バージョンを表示します

終了コード: 0 エラーなし（警告・情報のみ） / 1 エラーあり / 2 読み込めないファイルまたは使い方の誤り
`,
  en: `Usage: kpi-check [options] <file.xlsx | folder ...>

Checks the summary table and the KPI section (「3. 事業のKPI」) of a 事業実施報告書 (デジタル実装タイプ).
Without a file it checks the bundled sample samples/hanamaki-r6.xlsx.
A folder checks every .xlsx file in it.

Options:
  --format text|json|csv   output format (default: text); csv lists the KPIs (UTF-8 with BOM)
  --year YYYY              reporting fiscal year (default: the latest year with actuals)
  --rate 1/2|2/3|3/4|n/d   grant rate (default: 1/2)
  --lang ja|en             language (default: ja)
  --fix --out DIR          save copies with the fixable problems fixed into DIR (the inputs are not changed)
  --jobs N                 files checked at once (default: one per CPU core for several files, 1 for one file)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors (warnings and info only) / 1 errors found / 2 unreadable file or bad usage
`,
};

type Template<A extends unknown[]> = Record<Lang, (...args: A) => string>;

function t<A extends unknown[]>(ja: (...args: A) => string, en: (...args: A) => string): Template<A> {
  return { ja, en };
}

export const MSG = {
  helpHint: t(
    () => "使い方は kpi-check --help を参照してください",
    () => "see kpi-check --help",
  ),
  unknownOption: t(
    (name: string) => `不明なオプションです: ${name}`,
    (name: string) => `unknown option: ${name}`,
  ),
  missingValue: t(
    (name: string) => `オプション ${name} には値が必要です`,
    (name: string) => `option ${name} needs a value`,
  ),
  noValueAllowed: t(
    (name: string) => `オプション ${name} に値は指定できません`,
    (name: string) => `option ${name} takes no value`,
  ),
  badArgs: t(
    (detail: string) => `引数が正しくありません（${detail}）`,
    (detail: string) => `invalid arguments (${detail})`,
  ),
  badFormat: t(
    (value: string) => `--format には text, json, csv のいずれかを指定してください（指定値: ${value}）`,
    (value: string) => `--format must be text, json or csv (got ${value})`,
  ),
  badLang: t(
    (value: string) => `--lang には ja または en を指定してください（指定値: ${value}）`,
    (value: string) => `--lang must be ja or en (got ${value})`,
  ),
  badYear: t(
    (value: string) => `--year には西暦の年度を 4 桁で指定してください（例: 2024、指定値: ${value}）`,
    (value: string) => `--year must be a four-digit fiscal year such as 2024 (got ${value})`,
  ),
  badRate: t(
    (value: string) => `--rate には補助率を分数で指定してください（例: 1/2, 2/3, 3/4、指定値: ${value}）`,
    (value: string) => `--rate must be a fraction such as 1/2, 2/3 or 3/4 (got ${value})`,
  ),
  badJobs: t(
    (value: string) => `--jobs には 1 から 256 までの整数を指定してください（指定値: ${value}）`,
    (value: string) => `--jobs must be a whole number from 1 to 256 (got ${value})`,
  ),
  fixNeedsOut: t(
    () => "--fix には出力先のフォルダ --out DIR が必要です（元のファイルは上書きしません）",
    () => "--fix needs an output folder, --out DIR (the input files are never overwritten)",
  ),
  outNeedsFix: t(
    () => "--out は --fix と一緒に指定してください",
    () => "--out is only used with --fix",
  ),
  outNotDir: t(
    (dir: string) => `出力先 ${dir} はフォルダではありません`,
    (dir: string) => `the output ${dir} is not a folder`,
  ),
  outIsInput: t(
    (dir: string, file: string) => `出力先 ${dir} に保存すると入力ファイル ${file} を上書きしてしまいます。別のフォルダを指定してください`,
    (dir: string, file: string) => `saving into ${dir} would overwrite the input file ${file}; choose another folder`,
  ),
  outCollision: t(
    (name: string, a: string, b: string) => `${a} と ${b} は同じ名前 ${name} のため、出力先で上書きし合います。別々に実行してください`,
    (name: string, a: string, b: string) =>
      `${a} and ${b} share the name ${name} and would overwrite each other in the output folder; run them separately`,
  ),
  outCreateFailed: t(
    (dir: string, detail: string) => `出力先 ${dir} を作成できません（${detail}）`,
    (dir: string, detail: string) => `cannot create the output folder ${dir} (${detail})`,
  ),
  emptyFolder: t(
    (dir: string) => `フォルダ ${dir} に .xlsx ファイルがありません`,
    (dir: string) => `the folder ${dir} holds no .xlsx file`,
  ),
  folderUnreadable: t(
    (dir: string, detail: string) => `フォルダ ${dir} を読めません（${detail}）`,
    (dir: string, detail: string) => `cannot read the folder ${dir} (${detail})`,
  ),
  internalError: t(
    (detail: string) => `チェック中に内部エラーが発生しました（${detail}）`,
    (detail: string) => `an internal error occurred while checking (${detail})`,
  ),
  saveFailed: t(
    (file: string, detail: string) => `修正したファイル ${file} を保存できません（${detail}）`,
    (file: string, detail: string) => `cannot save the fixed file ${file} (${detail})`,
  ),
  losses: t(
    (file: string, list: string) => `注意: 修正したファイル ${file} では次の要素が失われます: ${list}`,
    (file: string, list: string) => `note: the fixed copy ${file} loses: ${list}`,
  ),
  yearSource: {
    ja: { option: "指定", actuals: "実績値から判定", "first-year": "実績値なし・最初の年度" },
    en: { option: "given", actuals: "from the actuals", "first-year": "no actuals: the first year" },
  } as Record<Lang, Record<"option" | "actuals" | "first-year", string>>,
  fileHeader: t(
    (year: number, source: string, rate: string) => `報告年度 ${year}年度（${source}）・補助率 ${rate}`,
    (year: number, source: string, rate: string) => `reporting year FY${year} (${source}), grant rate ${rate}`,
  ),
  noFindings: t(
    () => "問題は見つかりませんでした",
    () => "no problems found",
  ),
  fixWritten: t(
    (n: number, out: string) => `修正: ${n}セルを書き込みました → ${out}`,
    (n: number, out: string) => `fixed: wrote ${n} cell${n === 1 ? "" : "s"} -> ${out}`,
  ),
  fixSkipped: t(
    (n: number) => `書き込めなかったセル: ${n}`,
    (n: number) => `cells not written: ${n}`,
  ),
  remaining: t(
    () => "残りの指摘:",
    () => "remaining findings:",
  ),
  counts: t(
    (e: number, w: number, i: number, fixable: number) =>
      `エラー ${e}件・警告 ${w}件・情報 ${i}件` + (fixable ? `（うち自動修正できるもの ${fixable}件）` : ""),
    (e: number, w: number, i: number, fixable: number) =>
      `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} info` + (fixable ? ` (${fixable} fixable)` : ""),
  ),
  kpiCounts: t(
    (kpis: number, a: number, u: number, m: number) => `KPI ${kpis}件: 達成 ${a}・未達成 ${u}・未計測 ${m}`,
    (kpis: number, a: number, u: number, m: number) =>
      `${kpis} KPI${kpis === 1 ? "" : "s"}: ${a} achieved, ${u} not achieved, ${m} not measured`,
  ),
  total: t(
    (files: number, failed: number) => `合計（${files}ファイル${failed ? `、うち読み込めないもの ${failed}` : ""}）`,
    (files: number, failed: number) => `Total (${files} file${files === 1 ? "" : "s"}${failed ? `, ${failed} unreadable` : ""})`,
  ),
  unreadableLine: t(
    (reason: string) => `読み込めません: ${reason}`,
    (reason: string) => `cannot be read: ${reason}`,
  ),
};

export const CSV_HEADER: Record<Lang, string[]> = {
  ja: ["ファイル", "事業番号", "事業名", "KPI番号", "KPI名", "単位", "方向", "目標値", "実績値", "達成状況", "判定"],
  en: ["file", "project", "project_name", "kpi", "kpi_name", "unit", "direction", "target", "actual", "status", "computed_status"],
};

export const DIRECTION_LABEL: Record<Lang, Record<"higher" | "lower", string>> = {
  ja: { higher: "高いほど良い", lower: "低いほど良い" },
  en: { higher: "higher", lower: "lower" },
};
