/**
 * One vocabulary for the outcome of cell writes, shared by every writer (the core's applyWrites,
 * the .xlsx writer of the CLI and the demo's download, the Excel adapter) and every reader of
 * their outcome (the task pane, the CLI's text and JSON): why a write was skipped, and how to say
 * so in both languages.
 */
import { cellLocation } from "./address";
import type { CellWrite, Localized } from "./types";
import type { CellContent, Scalar } from "./workbook";

/** Why a write was not made. Writers never force a write: they skip it and say why. */
export const SKIP_REASONS = [
  /** The cell no longer holds what the write expected (someone typed, a co-author edited). */
  "changed",
  /** The sheet was renamed or deleted. */
  "no-sheet",
  /** The cell is locked on a protected sheet (or the protection forbids the format change). */
  "protected",
  /** The cell is inside a merged area but not its top-left. */
  "merged",
  /**
   * The cell is formatted as Text ("@"), so a number or formula would be stored as text, and the
   * sheet's protection does not let the writer change the format first.
   */
  "text-format",
  /** The cell is inside an Excel table and the write is a formula with no value to write instead. */
  "table",
  /** The cell is part of a multi-cell array formula. */
  "array-formula",
  /** The write's cell is not an A1 address. */
  "bad-address",
  /**
   * The write was made, but the cell read back holds something else (a formula stored as text, an
   * error, another value): not applied. `actual` is what it holds; a revert puts back what it held before.
   */
  "mismatch",
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedWrite {
  write: CellWrite;
  reason: SkipReason;
  /** What the cell holds now, when the writer could read it. */
  actual?: CellContent;
}

export interface WriteOutcome {
  applied: CellWrite[];
  skipped: SkippedWrite[];
}

/**
 * How a skip is told:
 * - "state": the cell's condition, for a list under a heading that already says the cells were not
 *   written (the CLI's --fix, the demo's download); "changed" shows what was expected and found;
 * - "apply" / "revert": a whole sentence for the task pane after Apply or Revert.
 */
export type SkipWording = "state" | "apply" | "revert";

interface SkipSubject {
  /** The cell as a person reads it: 事業1!G18, 'My sheet'!A1. */
  at: string;
  sheet: string;
  expected: CellContent;
  /** What the write puts into the cell. */
  meant: CellContent;
  actual?: CellContent;
}

type SkipText = (subject: SkipSubject) => Localized;

const EMPTY: Localized = { ja: "(空)", en: "(empty)" };

/** A cell's content as the skip texts show it: its formula (with "="), a quoted text, a number, or (空). */
function shown(content: CellContent, lang: keyof Localized): string {
  const formula = content.formula ? (content.formula.startsWith("=") ? content.formula : `=${content.formula}`) : null;
  if (formula) return formula;
  const value: Scalar | undefined = content.value;
  return value === null || value === undefined || value === "" ? EMPTY[lang] : JSON.stringify(value);
}

function changedState({ at, expected, actual }: SkipSubject): Localized {
  if (!actual) {
    return {
      ja: `${at} の内容がチェック後に変わっています（想定: ${shown(expected, "ja")}）`,
      en: `${at} changed after the check (expected ${shown(expected, "en")})`,
    };
  }
  return {
    ja: `${at} の内容がチェック後に変わっています（想定: ${shown(expected, "ja")}、現在: ${shown(actual, "ja")}）`,
    en: `${at} changed after the check (expected ${shown(expected, "en")}, found ${shown(actual, "en")})`,
  };
}

/** Every text of every skip reason: one row per reason, one column per wording. */
const SKIP_TEXTS: Readonly<Record<SkipReason, Readonly<Record<SkipWording, SkipText>>>> = {
  changed: {
    state: changedState,
    apply: ({ at }) => ({
      ja: `${at} は検証後に変更されたため書き込みませんでした`,
      en: `${at} was not written: it changed after the check`,
    }),
    revert: ({ at }) => ({
      ja: `${at} は適用後に変更されたため元に戻しませんでした`,
      en: `${at} was not restored: it changed after Apply`,
    }),
  },
  "no-sheet": {
    state: ({ at, sheet }) => ({ ja: `${at}: シート「${sheet}」がありません`, en: `${at}: there is no sheet "${sheet}"` }),
    apply: ({ at }) => ({
      ja: `${at} はシートが見つからない（名前の変更・削除）ため書き込みませんでした`,
      en: `${at} was not written: the sheet was renamed or deleted`,
    }),
    revert: ({ at }) => ({
      ja: `${at} はシートが見つからない（名前の変更・削除）ため元に戻せませんでした`,
      en: `${at} could not be restored: the sheet was renamed or deleted`,
    }),
  },
  protected: {
    state: ({ at }) => ({ ja: `${at} はシートが保護されています`, en: `${at} is on a protected sheet` }),
    apply: ({ at }) => ({
      ja: `${at} はシートが保護されているため書き込みませんでした`,
      en: `${at} was not written: the sheet is protected`,
    }),
    revert: ({ at }) => ({
      ja: `${at} はシートが保護されているため元に戻せませんでした`,
      en: `${at} could not be restored: the sheet is protected`,
    }),
  },
  merged: {
    state: ({ at }) => ({ ja: `${at} は結合セルの左上以外のセルです`, en: `${at} is inside a merged area, not its top-left cell` }),
    apply: ({ at }) => ({
      ja: `${at} は結合されたセルの左上以外のため書き込みませんでした`,
      en: `${at} was not written: it is inside a merged area, not its top-left cell`,
    }),
    revert: ({ at }) => ({
      ja: `${at} は結合されたセルの左上以外のため元に戻せませんでした`,
      en: `${at} could not be restored: it is inside a merged area, not its top-left cell`,
    }),
  },
  "text-format": {
    state: ({ at }) => ({ ja: `${at} は表示形式が「文字列」（@）です`, en: `${at} is formatted as Text (@)` }),
    apply: ({ at }) => ({
      ja: `${at} は表示形式が「文字列」（@）で、シートの保護により表示形式を変えられないため書き込みませんでした（数値や数式が文字として入ってしまうため）`,
      en: `${at} was not written: the cell is formatted as Text (@) and the sheet's protection does not allow changing its format (a number or formula would be stored as text)`,
    }),
    revert: ({ at }) => ({
      ja: `${at} は表示形式が「文字列」（@）で、シートの保護により表示形式を変えられないため元に戻せませんでした`,
      en: `${at} could not be restored: the cell is formatted as Text (@) and the sheet's protection does not allow changing its format`,
    }),
  },
  table: {
    state: ({ at }) => ({ ja: `${at} は Excel のテーブル内のセルです`, en: `${at} is inside an Excel table` }),
    apply: ({ at }) => ({
      ja: `${at} は Excel のテーブル内のため書き込みませんでした（数式は列全体に自動で入力されるおそれがあり、代わりに書く値もありません）`,
      en: `${at} was not written: it is inside an Excel table (a formula could fill the whole column, and there is no value to write instead)`,
    }),
    revert: ({ at }) => ({
      ja: `${at} は Excel のテーブル内のため元に戻せませんでした`,
      en: `${at} could not be restored: it is inside an Excel table`,
    }),
  },
  "array-formula": {
    state: ({ at }) => ({ ja: `${at} は配列数式の範囲内です`, en: `${at} is part of an array formula` }),
    apply: ({ at }) => ({
      ja: `${at} は配列数式の範囲内のため書き込みませんでした`,
      en: `${at} was not written: it is part of an array formula`,
    }),
    revert: ({ at }) => ({
      ja: `${at} は配列数式の範囲内のため元に戻せませんでした`,
      en: `${at} could not be restored: it is part of an array formula`,
    }),
  },
  mismatch: {
    state: ({ at, meant, actual }) => ({
      ja: `${at} に書き込んだ内容が意図どおりに入っていません（書き込み: ${shown(meant, "ja")}、現在: ${actual ? shown(actual, "ja") : "?"}）`,
      en: `${at} does not hold what was written (wrote ${shown(meant, "en")}, found ${actual ? shown(actual, "en") : "?"})`,
    }),
    apply: ({ at, meant, actual }) => ({
      ja: `${at} は書き込み後の内容が意図と異なるため適用できませんでした（書き込み: ${shown(meant, "ja")}、現在: ${actual ? shown(actual, "ja") : "?"}）。「元に戻す」で元の内容に戻せます`,
      en: `${at} was not applied: it holds something other than what was written (wrote ${shown(meant, "en")}, found ${actual ? shown(actual, "en") : "?"}). Undo puts back what it held before`,
    }),
    revert: ({ at, meant, actual }) => ({
      ja: `${at} は元に戻した内容が意図どおりに入っていません（戻す内容: ${shown(meant, "ja")}、現在: ${actual ? shown(actual, "ja") : "?"}）。セルを確認してください`,
      en: `${at} was not restored as meant (meant ${shown(meant, "en")}, found ${actual ? shown(actual, "en") : "?"}); please check the cell`,
    }),
  },
  "bad-address": {
    state: ({ at }) => ({ ja: `${at}: セル番地が正しくありません`, en: `${at}: invalid cell address` }),
    apply: ({ at }) => ({ ja: `${at} はセル番地が正しくないため書き込みませんでした`, en: `${at} was not written: invalid cell address` }),
    revert: ({ at }) => ({
      ja: `${at} はセル番地が正しくないため元に戻せませんでした`,
      en: `${at} could not be restored: invalid cell address`,
    }),
  },
};

/** Why a write was skipped, in both languages, naming its cell. */
export function skipMessage(skip: SkippedWrite, wording: SkipWording = "state"): Localized {
  const { write } = skip;
  const subject: SkipSubject = {
    at: cellLocation(write.sheet, write.cell),
    sheet: write.sheet,
    expected: write.expected,
    meant: { value: write.value, formula: write.formula ?? null },
  };
  if (skip.actual) subject.actual = skip.actual;
  // A reason this build does not know (a host of another version) reads as the commonest one.
  const texts = SKIP_TEXTS[skip.reason] ?? SKIP_TEXTS.changed;
  return texts[wording](subject);
}
