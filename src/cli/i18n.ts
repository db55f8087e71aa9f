/** Every text the CLI shows, in Japanese and English. */
import { fiscalYearText } from "../core/year";
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
フォルダを指定すると、その中（サブフォルダを含む）の .xlsx ファイルをすべてチェックします。
フォルダ内の .xls・.xlsm・.ods・.csv などは「チェックできないファイル」として一覧に出します
（Excel で開き、.xlsx 形式で保存し直してください）。

オプション:
  --format text|json|csv   出力形式（既定: text）。csv は KPI の一覧（UTF-8・BOM 付き）
  --year 年度              報告年度（例: 2025、R7、令和7年度、FY2025。既定: 実績値が入っている最新の年度）
                           報告書にない年度を指定すると、そのファイルは「指定の年度がない」として
                           報告書にある年度を示し、チェックしません（終了コード 2）
  --rate 1/2|2/3|3/4|n/d   補助率（既定: 1/2）
  --lang ja|en             表示言語（既定: ja）
  --fix --out DIR          自動修正できる項目を直したコピーを DIR に保存します（元のファイルは変更しません）
  --jobs N                 同時に処理するファイル数（既定: 複数ファイルなら CPU のコア数、1 ファイルなら 1）
  --previous FILE|DIR      前年度の報告書と比較します（太枠の項目の変更、報告済みの実績値・達成状況の変更、
                           KPI の追加・削除を警告）。DIR なら同じファイル名の報告書、なければ事業名が
                           最も一致する報告書と比較し、どれと比較したか（比較しなかったか）を表示します
  --report FILE.html|FILE.xlsx
                           取りまとめ（報告書・事業・KPI の集計、達成率、指摘の一覧、KPI 一覧）を
                           HTML（1 ファイルで完結・印刷向け）または Excel ブックで書き出します
  --no-recursive           フォルダのサブフォルダは探しません
  -h, --help               このヘルプを表示します
  -v, --version            バージョンを表示します

csv は KPI 1 件を 1 行とし、読み込めないファイル・報告書でないファイル・KPI のない報告書も
1 行にして「備考」に理由を書きます。

終了コード: 0 エラーなし（警告・情報のみ） / 1 エラーあり /
           2 チェックできないファイル（読み込めない・.xlsx でない・指定の年度がない）または使い方の誤り
`,
  en: `Usage: kpi-check [options] <file.xlsx | folder ...>

Checks the summary table and the KPI section (「3. 事業のKPI」) of a 事業実施報告書 (デジタル実装タイプ).
Without a file it checks the bundled sample samples/hanamaki-r6.xlsx.
A folder checks every .xlsx file in it and in its subfolders. Other spreadsheets in it (.xls, .xlsm,
.ods, .csv …) are listed as not checked (open them in Excel and save them again as .xlsx).

Options:
  --format text|json|csv   output format (default: text); csv lists the KPIs (UTF-8 with BOM)
  --year YEAR              reporting fiscal year, e.g. 2025, R7, 令和7年度, FY2025 (default: the latest
                           year with actuals); a file without that year is not checked: it is
                           reported with the years it has (exit code 2)
  --rate 1/2|2/3|3/4|n/d   grant rate (default: 1/2)
  --lang ja|en             language (default: ja)
  --fix --out DIR          save copies with the fixable problems fixed into DIR (the inputs are not changed)
  --jobs N                 files checked at once (default: one per CPU core for several files, 1 for one file)
  --previous FILE|DIR      compare with last year's report (warns of changed framed items, changed
                           reported actuals and statuses, KPIs added or removed); with DIR, the report
                           of the same file name, else the one whose project names match best; the
                           output says which file was used (or that none was)
  --report FILE.html|FILE.xlsx
                           also write a roll-up (reports, projects and KPIs counted, shares achieved,
                           findings, the KPI list) as one self-contained HTML page or an Excel workbook
  --no-recursive           do not search a folder's subfolders
  -h, --help               show this help
  -v, --version            show the version

csv has one row per KPI; a file that cannot be read, is no report or has no KPI gets one row too,
with the reason in the "note" column.

Exit codes: 0 no errors (warnings and info only) / 1 errors found /
            2 a file not checked (unreadable, not .xlsx, or without the year asked for) or bad usage
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
    (value: string) => `--year には報告年度を指定してください（例: 2024、R6、令和6年度、FY2024、指定値: ${value}）`,
    (value: string) => `--year must be a fiscal year such as 2024, R6, 令和6年度 or FY2024 (got ${value})`,
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
    (files: number, failed: number) => `合計（${files}ファイル${failed ? `、うちチェックできなかったもの ${failed}` : ""}）`,
    (files: number, failed: number) => `Total (${files} file${files === 1 ? "" : "s"}${failed ? `, ${failed} not checked` : ""})`,
  ),
  unreadableLine: t(
    (reason: string) => `読み込めません: ${reason}`,
    (reason: string) => `cannot be read: ${reason}`,
  ),
  notCheckedLine: t(
    (reason: string) => `チェックできません: ${reason}`,
    (reason: string) => `not checked: ${reason}`,
  ),
  notXlsx: t(
    (type: string) => `Excel ブック (.xlsx) ではありません（${type} ファイル）。Excel で開き、.xlsx 形式で保存し直してください`,
    (type: string) => `not an Excel workbook (.xlsx) but a ${type} file: open it in Excel and save it again as .xlsx`,
  ),
  yearNotInReport: t(
    (year: number, years: readonly number[]) =>
      `指定の報告年度 ${yearLabel("ja", year)} はこの報告書にありません（報告書にある年度: ${years.map((y) => yearLabel("ja", y)).join("、")}）。--year を確かめてください`,
    (year: number, years: readonly number[]) =>
      `the reporting year asked for, ${yearLabel("en", year)}, is not in this report (it has ${years.map((y) => yearLabel("en", y)).join(", ")}); check --year`,
  ),
  csvNoKpi: t(
    () => "KPI が 1 件も読み取れません（KPI が入力されていないか、「3. 事業のKPI」の欄が見つかりません）",
    () => "no KPI found (none entered, or no KPI section 「3. 事業のKPI」)",
  ),
  badPrevious: t(
    (value: string) => `--previous には前年度の報告書のファイルかフォルダを指定してください（指定値: ${value}）`,
    (value: string) => `--previous must name last year's report, a file or a folder (got ${value})`,
  ),
  previousNotFound: t(
    (value: string) => `--previous に指定した ${value} が見つかりません`,
    (value: string) => `--previous: ${value} not found`,
  ),
  previousEmptyFolder: t(
    (dir: string) => `--previous に指定したフォルダ ${dir} に .xlsx ファイルがありません`,
    (dir: string) => `--previous: the folder ${dir} holds no .xlsx file`,
  ),
  previousUnreadable: t(
    (file: string, reason: string) => `前年度の報告書 ${file} を読み込めません: ${reason}`,
    (file: string, reason: string) => `last year's report ${file} cannot be read: ${reason}`,
  ),
  previousLine: {
    ja: {
      given: (file: string) => `前年度の報告書: ${file}`,
      name: (file: string) => `前年度の報告書: ${file}（同じファイル名）`,
      projects: (file: string) => `前年度の報告書: ${file}（事業名が一致）`,
    },
    en: {
      given: (file: string) => `last year's report: ${file}`,
      name: (file: string) => `last year's report: ${file} (same file name)`,
      projects: (file: string) => `last year's report: ${file} (matching project names)`,
    },
  } as Record<Lang, Record<"given" | "name" | "projects", (file: string) => string>>,
  previousNone: t(
    () => "前年度の報告書: 対応するファイルがないため比較していません",
    () => "last year's report: no matching file, not compared",
  ),
  badReport: t(
    (value: string) => `--report には .html または .xlsx のファイルを指定してください（指定値: ${value}）`,
    (value: string) => `--report must name an .html or .xlsx file (got ${value})`,
  ),
  reportIsInput: t(
    (file: string) => `取りまとめの出力先 ${file} は点検する入力ファイルです。上書きしないよう、別のファイル名を指定してください`,
    (file: string) => `the roll-up ${file} is one of the input files; choose another name (inputs are never overwritten)`,
  ),
  reportInInput: t(
    (file: string, folder: string) =>
      `取りまとめの出力先 ${file} は入力フォルダ ${folder} の中にあり、次回の点検で報告書として読み込まれます。フォルダの外を指定してください`,
    (file: string, folder: string) =>
      `the roll-up ${file} is inside the input folder ${folder} and would be checked as a report next time; write it outside the folder`,
  ),
  reportIsFixOutput: t(
    (file: string) => `取りまとめの出力先 ${file} は --fix で修正したコピーの保存先と同じです。別のファイル名を指定してください`,
    (file: string) => `the roll-up ${file} is where --fix saves a fixed copy; choose another name`,
  ),
  reportNotFile: t(
    (file: string) => `取りまとめの出力先 ${file} はフォルダです。ファイル名を指定してください`,
    (file: string) => `the roll-up ${file} is a folder; give a file name`,
  ),
  reportWriteFailed: t(
    (file: string, detail: string) => `取りまとめ ${file} を書き出せません（${detail}）`,
    (file: string, detail: string) => `cannot write the roll-up ${file} (${detail})`,
  ),
  reportWritten: t(
    (file: string) => `取りまとめを書き出しました: ${file}`,
    (file: string) => `roll-up written: ${file}`,
  ),
};

/** 2024 as people read it: 「2024年度（令和6年度）」, "FY2024 (R6)". */
function yearLabel(lang: Lang, year: number): string {
  return fiscalYearText(year)[lang];
}

/**
 * The CSV's columns. Every row names its file, reporting year and grant rate; the target and actual
 * are the reporting year's; 達成状況 is as written, 達成状況（計算） as the rules compute it; 備考 says
 * why a file has no KPI rows (one row for it).
 */
export const CSV_HEADER: Record<Lang, string[]> = {
  ja: [
    "ファイル",
    "報告年度",
    "補助率",
    "事業番号",
    "事業名",
    "KPI番号",
    "KPI名",
    "単位",
    "方向",
    "報告年度の目標値",
    "報告年度の実績値",
    "達成状況",
    "達成状況（計算）",
    "備考",
  ],
  en: [
    "file",
    "reporting_year",
    "grant_rate",
    "project",
    "project_name",
    "kpi",
    "kpi_name",
    "unit",
    "direction",
    "target_in_reporting_year",
    "actual_in_reporting_year",
    "status",
    "computed_status",
    "note",
  ],
};

export const DIRECTION_LABEL: Record<Lang, Record<"higher" | "lower", string>> = {
  ja: { higher: "高いほど良い", lower: "低いほど良い" },
  en: { higher: "higher", lower: "lower" },
};
