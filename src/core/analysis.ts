import { DEFAULT_RATE } from "./rate";
import { compareDecimal, isNegative, isZero, type Decimal } from "./decimal";
import type { KpiBlock, KpiSection, KpiYear, ReportModel, SummaryProject } from "./model";
import { readNumber, type NumberReading, type ReadNumberOptions } from "./numbers";
import { isBlank, normalizeLabel, yearFromMatch } from "./text";
import type { Scalar } from "./workbook";
import { kpiKey, type CheckOptions, type Direction, type ResolvedOptions, type Status } from "./types";

/**
 * Facts the rules share, derived once from the model: normalized numbers, the KPI's direction,
 * the computed status of each year. Rules read these instead of re-deriving them, so every rule
 * of a run judges the same values.
 */
export interface YearFacts {
  entry: KpiYear;
  target: NumberReading;
  actual: NumberReading;
  /** The written status, NFKC with spaces removed ("" when empty). */
  status: string;
  /** Only for years up to Y. */
  computed: Status | null;
}

export interface BlockFacts {
  section: KpiSection;
  block: KpiBlock;
  project: number | null;
  base: NumberReading | null;
  direction: Direction;
  years: YearFacts[];
  /** Year Y's entry, when the block has that year. */
  current: YearFacts | null;
  /** Year Y's outcome: the computed status where there is one, else the written status when valid. */
  outcome: Status | null;
}

export interface Analysis {
  model: ReportModel;
  options: ResolvedOptions;
  blocks: BlockFacts[];
  /** Sections by their (n), in workbook order: lookups stay linear however many projects there are. */
  sectionsByNumber: Map<number, KpiSection[]>;
  /** Summary rows by their (n). */
  projectsByNumber: Map<number, SummaryProject>;
  /** Sheets where the reader could not read some block. */
  sheetsWithLayoutProblems: Set<string>;
}

export const STATUSES: readonly Status[] = ["達成", "未達成", "未計測"];
export const WORD_NONE = "なし";
export const WORD_UNMEASURED = "未計測";
export const WORD_UNSET = "未設定";
const REDUCTION_WORDS = /減少|削減|短縮|低減|縮減|抑制|ゼロ/;

function isPercentUnit(unit: string): boolean {
  return unit === "%" || unit === "パーセント";
}

const TARGET_WORDS: readonly string[] = [WORD_UNSET];
const ACTUAL_WORDS: readonly string[] = [WORD_UNMEASURED];
const BASE_WORDS: readonly string[] = [WORD_NONE];

/** How a block's value cells read: one set of options per block, shared by all its cells. */
export interface BlockReading {
  target: ReadNumberOptions;
  actual: ReadNumberOptions;
  base: ReadNumberOptions;
}

/** How the value cells of a block with this 単位 read (the unit normalized: unitOf). */
export function blockReading(unit: string): BlockReading {
  const units = [unit, "%"];
  const percentUnit = isPercentUnit(unit);
  return {
    target: { words: TARGET_WORDS, units, percentUnit },
    actual: { words: ACTUAL_WORDS, units, percentUnit },
    base: { words: BASE_WORDS, units, percentUnit },
  };
}

export function numberOf(reading: NumberReading | null | undefined): Decimal | null {
  return reading && reading.kind === "number" ? reading.value : null;
}

export function analyze(model: ReportModel, options: CheckOptions = {}): Analysis {
  const resolved = resolveOptions(model, options);
  const blocks: BlockFacts[] = [];
  const sectionsByNumber = new Map<number, KpiSection[]>();
  // A Map lookup hashes each block's key; a lookup on the options object would intern it.
  const directions = new Map(Object.entries(resolved.directions));
  for (const section of model.sections) {
    for (const block of section.blocks) blocks.push(blockFacts(section, block, resolved, directions));
    if (section.number === null) continue;
    const list = sectionsByNumber.get(section.number);
    if (list) list.push(section);
    else sectionsByNumber.set(section.number, [section]);
  }
  const projectsByNumber = new Map<number, SummaryProject>();
  for (const project of model.summary?.projects ?? []) {
    if (project.number !== null && !projectsByNumber.has(project.number)) projectsByNumber.set(project.number, project);
  }
  const sheetsWithLayoutProblems = new Set(model.layoutProblems.map((p) => p.sheet));
  return { model, options: resolved, blocks, sectionsByNumber, projectsByNumber, sheetsWithLayoutProblems };
}

/** A 単位 cell's value as the rules compare it. */
export function unitOf(value: Scalar): string {
  return typeof value === "string" ? normalizeLabel(value) : String(value ?? "");
}

/** A 達成状況 cell's value as the rules compare it: NFKC with spaces removed ("" when empty). */
export function statusText(value: Scalar): string {
  return typeof value === "string" ? normalizeLabel(value) : isBlank(value) ? "" : String(value);
}

function blockFacts(section: KpiSection, block: KpiBlock, options: ResolvedOptions, directions: Map<string, Direction>): BlockFacts {
  const reading = blockReading(unitOf(block.unit.value));
  const base = block.baseValue ? readNumber(block.baseValue, reading.base) : null;
  const Y = options.reportingYear;
  const years = block.years.map((entry) => ({
    entry,
    target: readNumber(entry.target, reading.target),
    actual: readNumber(entry.actual, reading.actual),
    status: statusText(entry.status.value),
    computed: null as Status | null,
  }));
  const current = years.find((y) => y.entry.year === Y) ?? null;
  const key = kpiKey(section.number, block.index);
  const name = typeof block.name.value === "string" ? normalizeLabel(block.name.value) : "";
  const target = numberOf(current?.target) ?? years.map((y) => numberOf(y.target)).find((d) => d !== null) ?? null;
  const direction = decideDirection(directions.size > 0 ? directions.get(key) : undefined, target, numberOf(base), name);
  for (const y of years) {
    if (y.entry.year <= Y) y.computed = computeStatus(y.target, y.actual, direction);
  }
  let outcome: Status | null = null;
  if (current) {
    outcome = current.computed ?? ((STATUSES as readonly string[]).includes(current.status) ? (current.status as Status) : null);
  }
  return { section, block, project: section.number, base, direction, years, current, outcome };
}

function decideDirection(userChoice: Direction | undefined, target: Decimal | null, base: Decimal | null, name: string): Direction {
  if (userChoice) return userChoice;
  if (target && isNegative(target)) return "lower";
  if (target && base && compareDecimal(target, base) < 0) return "lower";
  if (target && isZero(target) && REDUCTION_WORDS.test(name)) return "lower";
  return "higher";
}

function computeStatus(target: NumberReading, actual: NumberReading, direction: Direction): Status | null {
  if (actual.kind === "word" && actual.word === WORD_UNMEASURED) return "未計測";
  if (target.kind !== "number" || actual.kind !== "number") return null;
  const cmp = compareDecimal(actual.value, target.value);
  const met = direction === "higher" ? cmp >= 0 : cmp <= 0; // equal meets
  return met ? "達成" : "未達成";
}

const SUMMARY_YEAR = /^(令和|R|r)(\d{1,2}|元)/;

function resolveOptions(model: ReportModel, options: CheckOptions): ResolvedOptions {
  const base = {
    rate: options.rate ?? DEFAULT_RATE,
    directions: options.directions ?? {},
    lang: options.lang ?? "ja",
    writeMode: options.writeMode ?? "formula",
    ...(options.previous ? { previous: options.previous } : {}),
  } as const;
  if (options.reportingYear !== undefined) {
    return { ...base, reportingYear: options.reportingYear, reportingYearSource: "option" };
  }
  let latest: number | null = null;
  let first: number | null = null;
  for (const section of model.sections) {
    for (const block of section.blocks) {
      for (const y of block.years) {
        if (first === null || y.year < first) first = y.year;
        if (!isBlank(y.actual.value) && (latest === null || y.year > latest)) latest = y.year;
      }
    }
  }
  if (latest !== null) return { ...base, reportingYear: latest, reportingYearSource: "actuals" };
  if (first !== null) return { ...base, reportingYear: first, reportingYearSource: "first-year" };
  const label = model.summary?.fiscalYearLabel?.value;
  const match = typeof label === "string" ? SUMMARY_YEAR.exec(label.normalize("NFKC")) : null;
  if (match) return { ...base, reportingYear: yearFromMatch(match[1], match[2]), reportingYearSource: "first-year" };
  // Nothing to go on: the fiscal year that ended most recently (a report is written after it).
  const now = new Date();
  const fiscal = now.getMonth() >= 3 ? now.getFullYear() - 1 : now.getFullYear() - 2;
  return { ...base, reportingYear: fiscal, reportingYearSource: "first-year" };
}
