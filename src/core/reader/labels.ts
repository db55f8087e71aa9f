/**
 * Label recognition: which cells of a sheet hold the form's labels (KPI①, 種別, 2024年度末 目標値,
 * 【KPI達成】の場合, 事業名, (1) titles …), from their text alone. Where a label counts is decided by
 * the readers of the summary table and the sections, from the structure around it.
 */
import type { SheetGrid } from "../grid";
import { normalizeLabel, yearFromMatch } from "../text";

type HeaderKind = "kind" | "unit" | "baseYear" | "baseValue" | "target" | "actual" | "status";

export interface HeaderHit {
  col: number;
  kind: HeaderKind;
  year?: number;
}

export interface Hit {
  row: number;
  col: number;
}

export interface SheetLabels {
  kpiLabels: (Hit & { index: number })[];
  titles: (Hit & { number: number })[];
  kpiHeadings: Hit[];
  projectHeaders: Hit[];
  costHeaders: Hit[];
  grantHeaders: Hit[];
  kpiListHeaders: Hit[];
  /** Explanation labels by row. */
  explanations: Map<number, (Hit & { kind: "achieved" | "unmet" })[]>;
  /** Block and year headers, by row. */
  headers: Map<number, HeaderHit[]>;
}

// Labels are short; long texts (instructions, explanations) are never labels. A generous bound
// keeps the NFKC work off the long cells.
const MAX_LABEL_LENGTH = 120;
// Every label starts with one of these characters (after any spaces); testing for them skips the
// NFKC work on the many short data cells (なし, 件, names, short texts) without allocating.
const LABEL_CHARACTER = /^\s*[KkＫｋ【[［(（種単基達事合交設令RrＲ0-9０-９]/;
const KPI_LABEL = /^KPI(\d{1,3})$/;
/** "(n)" at the start of a normalized label text. */
const SECTION_TITLE = /^\((\d{1,3})\)/;
const YEAR_HEADER = /^(令和|R|r)?(\d{1,4}|元)年度末?の?(目標値|実績値)$/;
/** 【】[]「」『』〔〕（）(): brackets that labels are compared without. */
function isBracket(c: number): boolean {
  switch (c) {
    case 0x3010:
    case 0x3011:
    case 0x5b:
    case 0x5d:
    case 0x300c:
    case 0x300d:
    case 0x300e:
    case 0x300f:
    case 0x3014:
    case 0x3015:
    case 0xff08:
    case 0xff09:
    case 0x28:
    case 0x29:
      return true;
  }
  return false;
}

/**
 * Whether the text with its brackets removed contains `needle` (`anywhere`) or starts with it:
 * text.replace(BRACKETS, "").includes / startsWith, without building that string.
 */
function bareIncludes(text: string, needle: string, anywhere: boolean): boolean {
  for (let start = 0; start < text.length; start++) {
    if (isBracket(text.charCodeAt(start))) continue;
    let i = start;
    let j = 0;
    while (j < needle.length && i < text.length) {
      const c = text.charCodeAt(i);
      if (isBracket(c)) {
        i++;
        continue;
      }
      if (c !== needle.charCodeAt(j)) break;
      i++;
      j++;
    }
    if (j === needle.length) return true;
    if (!anywhere) return false;
  }
  return false;
}

/**
 * What each distinct label text is, worked out once per read: the same few texts (headers, year
 * headers, explanation labels) repeat on every sheet. One object per readReport call, so nothing
 * outlives the read it belongs to.
 */
export class LabelCache {
  private readonly normalizedTexts = new Map<string, string>();
  private readonly kinds = new Map<string, LabelKind | null>();

  /** normalizeLabel, remembered. */
  normalized(text: string): string {
    let label = this.normalizedTexts.get(text);
    if (label === undefined) {
      label = normalizeLabel(text);
      if (this.normalizedTexts.size < MAX_CACHED_LABELS) this.normalizedTexts.set(text, label);
    }
    return label;
  }

  /** What a raw cell text is as a label (null: not a label), remembered. */
  kindOf(text: string): LabelKind | null {
    let kind = this.kinds.get(text);
    if (kind === undefined) {
      kind = labelKind(this.normalized(text));
      if (this.kinds.size < MAX_CACHED_LABELS) this.kinds.set(text, kind);
    }
    return kind;
  }
}

// A bound on each cache: a hostile workbook of a million distinct short texts stays linear in memory.
const MAX_CACHED_LABELS = 4096;

/** One pass over the sheet's text cells: every cell whose text is a label, by kind. */
export function classifyLabels(grid: SheetGrid, cache: LabelCache): SheetLabels {
  const labels: SheetLabels = {
    kpiLabels: [],
    titles: [],
    kpiHeadings: [],
    projectHeaders: [],
    costHeaders: [],
    grantHeaders: [],
    kpiListHeaders: [],
    explanations: new Map(),
    headers: new Map(),
  };
  grid.forEachString((row, col, value) => {
    if (value.length > MAX_LABEL_LENGTH || !LABEL_CHARACTER.test(value)) return;
    const kind = cache.kindOf(value);
    if (kind) record(labels, row, col, kind);
  });
  return labels;
}

function addHeader(labels: SheetLabels, row: number, hit: HeaderHit): void {
  const list = labels.headers.get(row);
  if (list) list.push(hit);
  else labels.headers.set(row, [hit]);
}

/** What a label cell is, from its text alone; the same texts repeat, so each is worked out once a read. */
export type LabelKind =
  | { type: "header"; kind: HeaderKind; year?: number }
  | { type: "kpi"; index: number }
  | { type: "title"; number: number }
  | { type: "project" | "cost" | "grant" | "kpiList" | "kpiHeading" }
  | { type: "explanation"; kind: "achieved" | "unmet" };

function record(labels: SheetLabels, row: number, col: number, label: LabelKind): void {
  switch (label.type) {
    case "header":
      return addHeader(labels, row, label.year === undefined ? { col, kind: label.kind } : { col, kind: label.kind, year: label.year });
    case "kpi":
      labels.kpiLabels.push({ row, col, index: label.index });
      return;
    case "title":
      labels.titles.push({ row, col, number: label.number });
      return;
    case "project":
      labels.projectHeaders.push({ row, col });
      return;
    case "cost":
      labels.costHeaders.push({ row, col });
      return;
    case "grant":
      labels.grantHeaders.push({ row, col });
      return;
    case "kpiList":
      labels.kpiListHeaders.push({ row, col });
      return;
    case "kpiHeading":
      labels.kpiHeadings.push({ row, col });
      return;
    case "explanation": {
      const list = labels.explanations.get(row);
      if (list) list.push({ row, col, kind: label.kind });
      else labels.explanations.set(row, [{ row, col, kind: label.kind }]);
    }
  }
}

function labelKind(text: string): LabelKind | null {
  if (text === "") return null;
  // Each pattern is tried only where its first (or last) character allows it: most short cells
  // are data, and they leave here after a few character comparisons.
  const first = text.charCodeAt(0);
  if (text.length <= 4) {
    const fixed = fixedHeader(text);
    if (fixed) return { type: "header", kind: fixed };
  }
  let match = first === 0x4b /* K */ ? KPI_LABEL.exec(text) : null;
  if (match) return { type: "kpi", index: Number(match[1]) };
  match = text.charCodeAt(text.length - 1) === 0x5024 /* 値 */ ? YEAR_HEADER.exec(text) : null;
  if (match) {
    const year = match[1] ? yearFromMatch(match[1], match[2]) : Number(match[2]);
    return { type: "header", kind: match[3] === "目標値" ? "target" : "actual", year };
  }
  match = first === 0x28 /* ( */ ? SECTION_TITLE.exec(text) : null;
  if (match) return { type: "title", number: Number(match[1]) };
  switch (text) {
    case "事業名":
      return { type: "project" };
    case "事業費":
      return { type: "cost" };
    case "交付金充当額":
      return { type: "grant" };
    case "設定したKPI":
      return { type: "kpiList" };
  }
  if (text.includes("事業のKPI")) return { type: "kpiHeading" };
  if (first !== 0x4b /* K */ && first !== 0x3010 /* 【 */ && first !== 0x5b /* [ */) return null;
  if (text.startsWith("KPI") || text.startsWith("【KPI") || text.startsWith("[KPI")) {
    // Compared as if the brackets were removed (【KPI達成】の場合 -> KPI達成の場合), without removing them.
    if (bareIncludes(text, "記入例", true)) return null; // the form's worked examples are never data
    if (bareIncludes(text, "KPI未達成", false)) return { type: "explanation", kind: "unmet" };
    if (bareIncludes(text, "KPI達成", false)) return { type: "explanation", kind: "achieved" };
  }
  return null;
}

/** The block headers with fixed text (種別, 単位, 基準年度, 基準値, 達成状況). */
function fixedHeader(text: string): HeaderKind | undefined {
  switch (text) {
    case "種別":
      return "kind";
    case "単位":
      return "unit";
    case "基準年度":
      return "baseYear";
    case "基準値":
      return "baseValue";
    case "達成状況":
      return "status";
  }
  return undefined;
}
