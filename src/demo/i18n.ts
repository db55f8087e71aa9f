/** The demo page's own words (the task pane has its own, src/taskpane/i18n.ts). */
import type { Lang } from "../core/types";

export interface DemoStrings {
  langTag: string;
  title: string;
  subtitle: string;
  open: string;
  download: string;
  /** Appended to the file name of a saved copy. */
  fileSuffix: string;
  localOnly: string;
  dropHint: string;
  loading(name: string): string;
  opened(name: string): string;
  notOpened(name: string, reason: string): string;
  noSheets: string;
  onlyOneFile: string;
  seedName: string;
  saved(name: string, cells: number): string;
  savedUnchanged(name: string): string;
  notSaved(reason: string): string;
  skippedOnSave(cells: string[]): string;
  /** What a saved copy of the open file loses (charts, macros, …). */
  losses(list: string[]): string;
  nothingLoaded: string;
  syncs(count: number): string;
  syncsTitle: string;
  workbookLabel: string;
  sheetTabsLabel: string;
  paneTitle: string;
  paneLabel: string;
  gridLabel(sheet: string): string;
  /** Rows from…to (1-based) are hidden. */
  hiddenRows(from: number, to: number): string;
  hiddenSheet: string;
  protectedCell(where: string): string;
  truncated(rows: number, cols: number): string;
  editHint: string;
  nameBoxLabel: string;
  formulaBarLabel: string;
  editorLabel(where: string): string;
  otherLanguage: string;
  otherLanguageHref: string;
  dismiss: string;
}

const ja: DemoStrings = {
  langTag: "ja",
  title: "KPI報告チェッカー",
  subtitle: "ブラウザ版デモ",
  open: "ファイルを開く…",
  download: "修正したブックを保存",
  fileSuffix: "_修正済み",
  localOnly: "ファイルはこのブラウザの中だけで処理され、どこにも送信されません。",
  dropHint: "ここに .xlsx ファイルをドロップすると開きます",
  loading: (name) => `「${name}」を読み込んでいます…`,
  opened: (name) => `「${name}」を開きました。右の作業ウィンドウが点検します。`,
  notOpened: (name, reason) => `「${name}」を開けませんでした: ${reason}`,
  noSheets: "ワークシートが 1 枚もありません",
  onlyOneFile: "一度に開けるファイルは 1 つです。最初のファイルを開きます。",
  seedName: "hanamaki-r6.xlsx（サンプル報告書）",
  saved: (name, cells) => `「${name}」を保存しました（変更したセル ${cells} 個を反映）。`,
  savedUnchanged: (name) => `「${name}」を保存しました（変更したセルはありません）。`,
  notSaved: (reason) => `保存できませんでした: ${reason}`,
  skippedOnSave: (cells) => `書き込めなかったセル: ${cells.join("、")}`,
  losses: (list) => `注意: 保存したブックでは次の要素が失われます: ${list.join("、")}`,
  nothingLoaded: "ブックが開かれていません",
  syncs: (count) => `Excel API 同期 ${count} 回`,
  syncsTitle: "作業ウィンドウが Excel API（このページのエミュレーター）と往復した回数（context.sync）",
  workbookLabel: "ブック",
  sheetTabsLabel: "シート",
  paneTitle: "作業ウィンドウ（アドインと同じコード）",
  paneLabel: "KPI報告チェッカーの作業ウィンドウ",
  gridLabel: (sheet) => `シート「${sheet}」`,
  hiddenRows: (from, to) => (from === to ? `${from} 行目は非表示です` : `${from}〜${to} 行目は非表示です`),
  hiddenSheet: "非表示",
  protectedCell: (where) => `${where} は保護されたシートのロックされたセルです。変更できません。`,
  truncated: (rows, cols) => `大きなシートのため、先頭の ${rows} 行 × ${cols} 列だけを表示しています。`,
  editHint: "セルをダブルクリック（または F2）で編集、Enter で確定、Esc で取り消し",
  nameBoxLabel: "選択中のセル",
  formulaBarLabel: "セルの内容",
  editorLabel: (where) => `${where} の内容を編集`,
  otherLanguage: "English",
  otherLanguageHref: "?lang=en",
  dismiss: "閉じる",
};

const en: DemoStrings = {
  langTag: "en",
  title: "KPI Report Checker",
  subtitle: "browser demo",
  open: "Open a file…",
  download: "Save the corrected workbook",
  fileSuffix: "_corrected",
  localOnly: "Files are processed inside this browser only and are never sent anywhere.",
  dropHint: "Drop an .xlsx file here to open it",
  loading: (name) => `Loading "${name}"…`,
  opened: (name) => `Opened "${name}". The task pane on the right checks it.`,
  notOpened: (name, reason) => `"${name}" could not be opened: ${reason}`,
  noSheets: "the workbook has no worksheet",
  onlyOneFile: "One file at a time: opening the first one.",
  seedName: "hanamaki-r6.xlsx (sample report)",
  saved: (name, cells) => `Saved "${name}" (${cells} changed cell${cells === 1 ? "" : "s"} written).`,
  savedUnchanged: (name) => `Saved "${name}" (no cell was changed).`,
  notSaved: (reason) => `The workbook could not be saved: ${reason}`,
  skippedOnSave: (cells) => `Cells not written: ${cells.join(", ")}`,
  losses: (list) => `Note: the saved workbook loses: ${list.join(", ")}`,
  nothingLoaded: "no workbook is open",
  syncs: (count) => `Excel API syncs: ${count}`,
  syncsTitle: "Round trips (context.sync) between the task pane and the Excel API (this page's emulator)",
  workbookLabel: "Workbook",
  sheetTabsLabel: "Sheets",
  paneTitle: "Task pane (the add-in's own code)",
  paneLabel: "KPI Report Checker task pane",
  gridLabel: (sheet) => `Sheet "${sheet}"`,
  hiddenRows: (from, to) => (from === to ? `row ${from} is hidden` : `rows ${from}–${to} are hidden`),
  hiddenSheet: "hidden",
  protectedCell: (where) => `${where} is a locked cell on a protected sheet and cannot be changed.`,
  truncated: (rows, cols) => `A large sheet: only the first ${rows} rows × ${cols} columns are shown.`,
  editHint: "Double-click a cell (or F2) to edit, Enter to confirm, Esc to cancel",
  nameBoxLabel: "Selected cell",
  formulaBarLabel: "Cell contents",
  editorLabel: (where) => `Edit ${where}`,
  otherLanguage: "日本語",
  otherLanguageHref: "?lang=ja",
  dismiss: "Close",
};

export function demoStrings(lang: Lang): DemoStrings {
  return lang === "en" ? en : ja;
}

/** ?lang=en|ja (default ja). */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get("lang") === "en" ? "en" : "ja";
}
