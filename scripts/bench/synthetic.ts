/**
 * Synthetic reports for the benchmark, in the template's canonical layout, from a fixed seed: the
 * same seed always gives the same workbooks, cell for cell.
 *
 * One generator of report content (projects, KPIs, values, explanations, and a share of the
 * mistakes people make) feeds two writers:
 *   - `syntheticWorkbook`: core WorkbookData through test/helpers/report-builder (core timing, syncs);
 *   - `syntheticSample`: the SampleReport shape that scripts/build-samples.ts turns into a styled
 *     .xlsx with ExcelJS, exactly as it builds samples/hanamaki-r6.xlsx (batch files).
 */
import type { SampleKpi, SampleReport, SampleSection, SampleText } from "../build-samples";
import type { Scalar, WorkbookData } from "../../src/core/workbook";
import { buildReport, DEFAULT_BLOCK, type BlockSpec, type ProjectSpec, type ReportSpec } from "../../test/helpers/report-builder";

/** mulberry32: a small, fast, well-spread 32-bit PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: Rng, low: number, high: number): number => low + rng() * (high - low);

const FIRST_YEAR = 2024;
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

interface KpiTemplate {
  name: string;
  unit: string;
  /** Typical size of the value. */
  scale: number;
  /** Lower is better (a reduction KPI). */
  lower?: boolean;
  /** One decimal place (percentages, minutes). */
  decimals?: boolean;
}

const KPI_TEMPLATES: readonly KpiTemplate[] = [
  { name: "公式LINEの登録者数", unit: "人", scale: 12000 },
  { name: "オンライン申請の利用件数", unit: "件", scale: 3500 },
  { name: "AIチャットボットの問合せ解決率", unit: "%", scale: 70, decimals: true },
  { name: "電子図書館の貸出冊数", unit: "冊", scale: 8000 },
  { name: "窓口の平均待ち時間の短縮", unit: "分", scale: 25, lower: true, decimals: true },
  { name: "紙の広報物の配布作業時間の削減", unit: "時間", scale: 900, lower: true },
  { name: "スマホ教室の参加者数", unit: "人", scale: 400 },
  { name: "キャッシュレス決済の導入店舗数", unit: "店舗", scale: 150 },
  { name: "デマンド交通の利用者数", unit: "人", scale: 6000 },
  { name: "救急隊の現場滞在時間", unit: "分", scale: 18, lower: true, decimals: true },
  { name: "母子手帳アプリの登録率", unit: "%", scale: 55, decimals: true },
  { name: "施設予約のオンライン化率", unit: "%", scale: 60, decimals: true },
  { name: "校務の超過勤務時間の削減", unit: "時間", scale: 1200, lower: true },
  { name: "観光アプリのダウンロード数", unit: "件", scale: 20000 },
  { name: "農地パトロールの出動日数", unit: "日", scale: 120, lower: true },
];

const PROJECT_NAMES: readonly string[] = [
  "デジタルツールを活用した情報発信強化",
  "行かない窓口の実現",
  "電子図書館の導入",
  "地域公共交通のデジタル化",
  "統合型校務支援システム導入",
  "救急医療の情報連携",
  "子育て支援アプリの導入",
  "観光デジタルマップの整備",
  "スマート農業の推進",
  "キャッシュレス決済の普及",
];

const ACHIEVED_TEXTS: readonly string[] = [
  "広報紙やイベントでの周知を重ねた結果、目標を上回った。引き続き機能の拡充と周知に取り組む。",
  "利用者の声をもとに画面と手順を見直したことで利用が伸びた。2025年度は対象手続を拡大する。",
  "関係団体と連携した説明会を開催し、想定を超える参加があった。",
];
const UNMET_TEXTS: readonly string[] = [
  "導入時期が当初の予定より遅れたため、利用が伸びなかった。2025年度は周知を強化する。",
  "システムの改修に時間を要し、目標に届かなかった。令和7年6月までに改修を終え、利用を促す。",
];
const UNMEASURED_TEXTS: readonly string[] = [
  "年度末に稼働したため計測できなかった。2025年度末に計測する。",
  "集計方法を調整中のため未計測。次年度に計測し報告する。",
];

/** One KPI block's content, before it is written in either layout. */
export interface KpiContent {
  name: string;
  kind: string;
  unit: string;
  baseYear: Scalar;
  baseValue: Scalar;
  /** Three years from FIRST_YEAR: [target, actual, status]. */
  years: [Scalar, Scalar, Scalar][];
  achieved: string | null;
  unmet: string | null;
  /** A count cell that does not match its text (written as a value, not a formula). */
  achievedCount: string | null;
  unmetCount: string | null;
}

export interface ProjectContent {
  number: number;
  title: string;
  cost: number;
  grant: Scalar;
  kpis: KpiContent[];
}

export interface ReportContent {
  projects: ProjectContent[];
}

/** The mistakes mixed in, each with its share of KPIs (about one KPI in eight has one). */
const FAULTS = [
  "status-wrong",
  "status-empty",
  "number-as-text",
  "fullwidth-digits",
  "explanation-missing",
  "count-wrong",
  "actual-missing",
  "kind-variant",
] as const;
const FAULT_RATE = 0.125;
const GRANT_FAULT_RATE = 0.05;

function round(value: number, decimals: boolean): number {
  return decimals ? Math.round(value * 10) / 10 : Math.round(value);
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9.,-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

function kpiContent(rng: Rng): KpiContent {
  const template = pick(rng, KPI_TEMPLATES);
  const decimals = template.decimals ?? false;
  const hasBase = template.lower || rng() < 0.5;
  const base = hasBase ? round(template.scale * between(rng, 0.8, 1.2), decimals) : null;
  const start = base ?? round(template.scale * between(rng, 0.4, 0.9), decimals);
  const step = template.lower ? between(rng, 0.85, 0.95) : between(rng, 1.05, 1.3);
  const targets = [1, 2, 3].map((k) => round(start * Math.pow(step, k), decimals));
  const unmeasured = rng() < 0.08;
  const actual = unmeasured ? "未計測" : round(targets[0] * between(rng, 0.85, 1.2), decimals);
  let status: Scalar;
  if (typeof actual === "string") status = "未計測";
  else status = (template.lower ? actual <= targets[0] : actual >= targets[0]) ? "達成" : "未達成";
  const kpi: KpiContent = {
    name: template.name,
    kind: rng() < 0.6 ? "アウトプット" : "アウトカム",
    unit: template.unit,
    baseYear: hasBase ? pick(rng, ["2023年度", "令和5年度", 2023]) : "なし",
    baseValue: base ?? "なし",
    years: [
      [targets[0], actual, status],
      [targets[1], null, null],
      [targets[2], null, null],
    ],
    achieved: status === "達成" ? pick(rng, ACHIEVED_TEXTS) : null,
    unmet: status === "未達成" ? pick(rng, UNMET_TEXTS) : status === "未計測" ? pick(rng, UNMEASURED_TEXTS) : null,
    achievedCount: null,
    unmetCount: null,
  };
  if (rng() < FAULT_RATE) applyFault(kpi, pick(rng, FAULTS), template);
  return kpi;
}

function applyFault(kpi: KpiContent, fault: (typeof FAULTS)[number], template: KpiTemplate): void {
  const first = kpi.years[0];
  switch (fault) {
    case "status-wrong":
      if (first[2] === "達成") first[2] = "未達成";
      else if (first[2] === "未達成") first[2] = "達成";
      break;
    case "status-empty":
      first[2] = null;
      break;
    case "number-as-text":
      if (typeof first[1] === "number") first[1] = `${first[1].toLocaleString("en-US")}${template.unit}`;
      break;
    case "fullwidth-digits":
      if (typeof first[0] === "number") first[0] = toFullWidth(String(first[0]));
      break;
    case "explanation-missing":
      kpi.achieved = null;
      kpi.unmet = null;
      break;
    case "count-wrong":
      if (kpi.achieved) kpi.achievedCount = `${kpi.achieved.length + 3}字`;
      else if (kpi.unmet) kpi.unmetCount = `${kpi.unmet.length - 2}字`;
      break;
    case "actual-missing":
      first[1] = null;
      first[2] = null;
      break;
    case "kind-variant":
      kpi.kind = kpi.kind === "アウトプット" ? "ｱｳﾄﾌﾟｯﾄ" : "Outcome";
      break;
  }
}

export interface SyntheticOptions {
  seed: number;
  /** Number of KPI sections (projects); one sheet each. */
  sections: number;
  /** KPIs in every section, or a range [min, max] drawn per section. */
  kpisPerSection: number | [number, number];
}

/** The content of one report: deterministic in the options. */
export function reportContent(options: SyntheticOptions): ReportContent {
  const rng = random(options.seed);
  const projects: ProjectContent[] = [];
  for (let n = 1; n <= options.sections; n++) {
    const count =
      typeof options.kpisPerSection === "number"
        ? options.kpisPerSection
        : options.kpisPerSection[0] + Math.floor(rng() * (options.kpisPerSection[1] - options.kpisPerSection[0] + 1));
    const cost = Math.round(between(rng, 0.5, 30) * 100_000) * 10 + (rng() < 0.3 ? 1 : 0);
    const grant: Scalar = rng() < GRANT_FAULT_RATE ? Math.floor(cost / 2) + 1000 : Math.floor(cost / 2);
    const title =
      PROJECT_NAMES[(n - 1) % PROJECT_NAMES.length] + (n > PROJECT_NAMES.length ? `（第${Math.ceil(n / PROJECT_NAMES.length)}期）` : "");
    projects.push({ number: n, title, cost, grant, kpis: Array.from({ length: count }, () => kpiContent(rng)) });
  }
  return { projects };
}

// ---------------------------------------------------------------------------------------------
// Writer 1: core WorkbookData (report-builder)

export function syntheticSpec(content: ReportContent): ReportSpec {
  const projects: Record<number, ProjectSpec> = {};
  for (const p of content.projects) projects[p.number] = { cost: p.cost, grant: p.grant };
  return {
    projects,
    sections: content.projects.map((p) => ({
      number: p.number,
      title: p.title,
      blocks: p.kpis.map((k): BlockSpec => ({
        name: k.name,
        kind: k.kind,
        unit: k.unit,
        baseYear: k.baseYear,
        baseValue: k.baseValue,
        years: k.years,
        firstYear: FIRST_YEAR,
        achieved: k.achieved,
        unmet: k.unmet,
        achievedCount: k.achievedCount ?? DEFAULT_BLOCK.achievedCount,
        unmetCount: k.unmetCount ?? DEFAULT_BLOCK.unmetCount,
      })),
    })),
  };
}

/** A report of `sections × kpisPerSection` KPIs as core WorkbookData (summary sheet + one sheet per section). */
export function syntheticWorkbook(options: SyntheticOptions): WorkbookData {
  return buildReport(syntheticSpec(reportContent(options)));
}

// ---------------------------------------------------------------------------------------------
// Writer 2: SampleReport, for scripts/build-samples.ts's ExcelJS writer

function text(label: string, body: string | null, count: string | null): SampleText {
  return { label, text: body, count: count ?? `${body?.length ?? 0}字` };
}

const ACHIEVED_LABEL = "【KPI達成】の場合 達成のための取組内容や工夫および 2025年度達成に向けた取組";
const UNMET_LABEL = "【KPI未達成又は未計測】の場合 達成（計測）できなかった理由および 2025年度達成に向けた取組";

/**
 * A report as scripts/build-samples.ts's data shape; `base` (samples/data/hanamaki-r6.json) lends
 * its instruction paragraphs, worked examples and summary texts, so files look like the real one.
 */
export function syntheticSample(options: SyntheticOptions, base: SampleReport): SampleReport {
  const content = reportContent(options);
  const sections: SampleSection[] = content.projects.map((p, i) => {
    const model = base.sections[i % base.sections.length];
    return {
      title: `(${p.number}) ${p.title}`,
      instructions: model.instructions,
      examples: model.examples,
      kpis: p.kpis.map((k, j): SampleKpi => ({
        label: `KPI${CIRCLED[j] ?? j + 1}`,
        name: k.name,
        kind: k.kind,
        unit: k.unit,
        baseline: { year: k.baseYear as string | number | null, value: k.baseValue as string | number | null },
        years: k.years.map(([target, actual, status], y) => ({
          year: FIRST_YEAR + y,
          target: target as string | number | null,
          actual: actual as string | number | null,
          status: status as string | null,
        })),
        achieved: text(ACHIEVED_LABEL, k.achieved, k.achievedCount),
        unachieved: text(UNMET_LABEL, k.unmet, k.unmetCount),
      })),
    };
  });
  return {
    source: `synthetic (seed ${options.seed})`,
    notes: [],
    summary: {
      title: base.summary.title,
      yearHeader: base.summary.yearHeader,
      projects: content.projects.map((p, i) => {
        const model = base.summary.projects[i % base.summary.projects.length];
        return {
          name: `(${p.number}) ${p.title}`,
          period: "R6",
          overview: model.overview,
          services: model.services,
          kpis: p.kpis.map((k, j) => `${CIRCLED[j] ?? j + 1}${k.name}`).join(" "),
          cost: p.cost,
          grant: typeof p.grant === "number" ? p.grant : 0,
        };
      }),
    },
    sections,
  };
}
