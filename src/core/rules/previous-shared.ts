/**
 * The comparison with last year's report (CheckOptions.previous, a PreviousDigest) that the rules
 * plan-value-changed, previous-value-changed, kpi-added and kpi-removed share: which project and
 * which KPI of this year's report is which of last year's, worked out once per analysis.
 *
 * Projects pair by (n) and name (projectNameKey: as project-name-mismatch compares them), KPIs by
 * number and name (normalizeLabel). In three rounds: number and name both equal; then the name
 * alone (a renumbered project, a KPI moved up after one before it was deleted); then the number
 * alone, when the names are still alike (a typo fixed or made: 手続数 / 手続き数). A project of
 * either year left unpaired is not compared (a new or a finished project); a KPI left unpaired is
 * added or removed.
 */
import { blockReading, unitOf, type Analysis, type BlockFacts } from "../analysis";
import { compareDecimal } from "../decimal";
import type { KpiSection } from "../model";
import { readNumber, type NumberReading } from "../numbers";
import { projectNameKey, type PreviousDigest, type PreviousKpi, type PreviousProject } from "../previous";
import { textOf } from "../rule-helpers";
import { isBlank, normalizeLabel } from "../text";
import type { Localized } from "../types";
import type { Scalar } from "../workbook";
import { parseYearInput } from "../year";

export interface KpiPair {
  facts: BlockFacts;
  previous: PreviousKpi;
}

export interface ProjectPair {
  section: KpiSection;
  previous: PreviousProject;
  kpis: KpiPair[];
  /** This year's KPIs last year's project did not have. */
  added: BlockFacts[];
  /** Last year's KPIs this year's project does not have. */
  removed: PreviousKpi[];
}

export interface Comparison {
  digest: PreviousDigest;
  projects: ProjectPair[];
}

const cache = new WeakMap<Analysis, Comparison | null>();

/** The pairing of this year's report with last year's; null without a previous digest. */
export function comparisonOf(analysis: Analysis): Comparison | null {
  let comparison = cache.get(analysis);
  if (comparison === undefined) {
    comparison = analysis.options.previous ? compare(analysis, analysis.options.previous) : null;
    cache.set(analysis, comparison);
  }
  return comparison;
}

function compare(analysis: Analysis, digest: PreviousDigest): Comparison {
  const blocksBySection = new Map<KpiSection, BlockFacts[]>();
  for (const facts of analysis.blocks) {
    const list = blocksBySection.get(facts.section);
    if (list) list.push(facts);
    else blocksBySection.set(facts.section, [facts]);
  }
  const sections = analysis.model.sections.map((section) => ({
    section,
    number: section.number,
    key: projectNameKey(textOf(section.title)),
  }));
  const previous = digest.projects.map((project) => ({ project, number: project.number, key: projectNameKey(project.name) }));
  const projects: ProjectPair[] = [];
  for (const [mine, theirs] of pairUp(sections, previous).pairs) {
    const blocks = (blocksBySection.get(mine.section) ?? []).map((facts) => ({
      facts,
      number: facts.block.index as number | null,
      key: kpiNameKey(facts.block.name.value),
    }));
    const kpis = theirs.project.kpis.map((kpi) => ({ kpi, number: kpi.number as number | null, key: kpiNameKey(kpi.name) }));
    const paired = pairUp(blocks, kpis);
    projects.push({
      section: mine.section,
      previous: theirs.project,
      kpis: paired.pairs.map(([a, b]) => ({ facts: a.facts, previous: b.kpi })),
      added: paired.left.map((a) => a.facts),
      removed: paired.right.map((b) => b.kpi),
    });
  }
  return { digest, projects };
}

function kpiNameKey(value: Scalar): string {
  return isBlank(value) ? "" : normalizeLabel(String(value));
}

interface Pairable {
  number: number | null;
  /** The normalized name; "" when there is none. */
  key: string;
}

/**
 * Pairs two lists in three rounds (number and name; name; number with alike names), each item at
 * most once; the pairs come in the order of the left list, and what is left of each list in its order.
 */
function pairUp<A extends Pairable, B extends Pairable>(
  left: readonly A[],
  right: readonly B[],
): { pairs: [A, B][]; left: A[]; right: B[] } {
  const partner: (B | undefined)[] = left.map(() => undefined);
  const taken = new Set<B>();
  const round = (fits: (a: A, b: B) => boolean) => {
    left.forEach((a, i) => {
      if (partner[i]) return;
      for (const b of right) {
        if (taken.has(b) || !fits(a, b)) continue;
        partner[i] = b;
        taken.add(b);
        return;
      }
    });
  };
  round((a, b) => a.number !== null && a.number === b.number && a.key === b.key);
  round((a, b) => a.key !== "" && a.key === b.key);
  round((a, b) => a.number !== null && a.number === b.number && alike(a.key, b.key));
  const pairs: [A, B][] = [];
  const leftOver: A[] = [];
  left.forEach((a, i) => {
    const b = partner[i];
    if (b) pairs.push([a, b]);
    else leftOver.push(a);
  });
  return { pairs, left: leftOver, right: right.filter((b) => !taken.has(b)) };
}

/** Character pairs of a text ("abc" -> "ab", "bc"); a single character stands for itself. */
function bigrams(text: string): string[] {
  if (text.length < 2) return text === "" ? [] : [text];
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/**
 * Two names alike enough to be one name edited (Dice's coefficient over character pairs ≥ 0.5):
 * 手続数 and 手続き数 are; 利用者数 and 公開データ数 are not. Two unnamed items are alike.
 */
function alike(a: string, b: string): boolean {
  if (a === b) return true;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return false;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length) >= 0.5;
}

// ---------------------------------------------------------------------------------------------
// Comparing values: normalized as the rules read them.

/** True for a value nothing was written in: nothing to compare with. */
export function isEmptyValue(value: Scalar): boolean {
  return isBlank(value);
}

/** Two text items (KPI名, 種別, 単位) read the same: NFKC, spaces removed. */
export function sameText(a: Scalar, b: Scalar): boolean {
  return kpiNameKey(a) === kpiNameKey(b);
}

/** Two 単位 read the same. */
export function sameUnit(a: Scalar, b: Scalar): boolean {
  return unitOf(a) === unitOf(b);
}

/** Two 基準年度 read the same: the same fiscal year however written (2023, 2023年度, R5, 令和5年度), else the same text. */
export function sameYear(a: Scalar, b: Scalar): boolean {
  const ya = parseYearInput(kpiNameKey(a));
  const yb = parseYearInput(kpiNameKey(b));
  if (typeof ya === "number" && typeof yb === "number") return ya === yb;
  return kpiNameKey(a) === kpiNameKey(b);
}

type Role = "base" | "target" | "actual";

/** Last year's value of a cell, read under last year's 単位 as this year's cell is read under this year's. */
export function previousReading(value: Scalar, unit: Scalar, role: Role): NumberReading {
  return readNumber({ value, numberFormat: null }, blockReading(unitOf(unit))[role]);
}

/** Two readings of a value cell hold the same: equal numbers (exact decimal), the same word, or the same text. */
export function sameReading(a: NumberReading, b: NumberReading): boolean {
  if (a.kind === "number" && b.kind === "number") return compareDecimal(a.value, b.value) === 0;
  if (a.kind === "empty" || b.kind === "empty") return a.kind === b.kind;
  if (a.kind === "word" && b.kind === "word") return a.word === b.word;
  if (a.kind === "text" && b.kind === "text") return normalizeLabel(a.text) === normalizeLabel(b.text);
  return false;
}

/** "2025年度末 目標値" / "FY2025 target". */
export function yearField(year: number, what: "target" | "actual" | "status"): Localized {
  const ja = { target: "目標値", actual: "実績値", status: "達成状況" }[what];
  const en = { target: "target", actual: "actual", status: "status" }[what];
  return { ja: `${year}年度末 ${ja}`, en: `FY${year} ${en}` };
}
