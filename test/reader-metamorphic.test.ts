/**
 * Metamorphic property of the reader (template.md, variation 8): replacing every free-text cell —
 * explanations, KPI names, 事業概要, 具体サービス — with generated administrative prose never changes
 * the structure read (sections, blocks, every field's address), and no fix ever targets a cell
 * outside the form. The prose is built from what real reports hold and what fools a reader that
 * decides by wording: enumerations (「(1)」「（１）」「1.」「①」), the form's own labels quoted
 * (【KPI達成】, KPI①, 合計, 記入例, 2025年度末 目標値 …), full/half-width mixes and line breaks.
 *
 * fast-check with a fixed seed: FC_NUM_RUNS cases per property (200 by default), FC_SEED the seed.
 */
import fc from "fast-check";
import * as path from "path";
import { fixWorkbook, readReport, type ReportModel, type Scalar, type WorkbookData } from "../src/core";
import { parseA1 } from "../src/core/address";
import type { CellField } from "../src/core/model";
import { loadXlsx } from "../src/node/xlsx";
import { buildReport, type ReportSpec } from "../src/fixtures/report-builder";

const RUNS = Number(process.env.FC_NUM_RUNS ?? 200);
const SEED = Number(process.env.FC_SEED ?? 20261124);
const SAMPLES = path.join(__dirname, "..", "samples");

// ---------------------------------------------------------------------------------------------
// Generated prose

const ENUMERATIONS = ["(1)", "（１）", "(2)", "（２）", "1.", "１．", "①", "②", "1)", "・", "ア．", "(注)"];
const FORM_WORDS = [
  "KPI",
  "KPI①",
  "KPI11",
  "【KPI達成】",
  "【KPI達成】の場合",
  "【KPI未達成又は未計測】の場合",
  "KPI未達成の理由は、",
  "【KPI未達成の理由】",
  "合計",
  "合　計",
  "記入例",
  "目標値",
  "実績値",
  "2025年度末 目標値",
  "令和7年度末 実績値",
  "達成状況",
  "種別",
  "単位",
  "基準年度",
  "基準値",
  "事業名",
  "事業費",
  "交付金充当額",
  "設定したKPI",
  "3. 事業のKPI",
  "(2) 事業名",
  "なし",
  "未計測",
  "達成",
  "未達成",
  "アウトプット",
  "100字",
];
const PROSE = [
  "観光協会と連携し周知を行った。",
  "SNS広告を実施した。",
  "想定問答の整備が不十分であった。",
  "次年度に計測する予定である。",
  "令和7年6月に調査を行う。",
  "システム改修が遅れたため",
  "利用者アンケートの結果、満足度が向上した",
  "窓口の待ち時間を短縮した",
  "目標値を上回った",
];
const SEPARATORS = ["", " ", "　", "\n", "、", "。", "「", "」", "：", "\r\n"];

/** ASCII to full width (Ａ, １, （): the mixes copied text arrives in. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const fragment = fc.oneof(
  fc.constantFrom(...ENUMERATIONS),
  fc.constantFrom(...FORM_WORDS),
  fc.constantFrom(...PROSE),
  fc.constantFrom(...FORM_WORDS).map(fullWidth),
  fc.constantFrom(...SEPARATORS),
);

/** A non-empty text: one label-like word alone, or several fragments run together. */
const prose: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...FORM_WORDS, ...ENUMERATIONS),
    fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
  )
  .filter((text) => text.trim() !== "");

// ---------------------------------------------------------------------------------------------
// Workbooks and their free-text cells

interface Base {
  name: string;
  workbook: WorkbookData;
  /** Cells holding free text: "sheet!A1". */
  textCells: string[];
}

function modelTextCells(workbook: WorkbookData, model: ReportModel): string[] {
  const cells: CellField[] = [];
  for (const section of model.sections) {
    for (const block of section.blocks) {
      cells.push(block.name);
      if (block.achieved) cells.push(block.achieved.text);
      if (block.unmet) cells.push(block.unmet.text);
    }
  }
  const keys = cells.map((f) => `${f.sheet}!${f.cell}`);
  // 事業概要 and 具体サービス of each project row: the columns whose header says so.
  const summary = model.summary;
  if (summary) {
    const sheet = workbook.sheets.find((s) => s.name === summary.sheet)!;
    const header = parseA1(summary.header.cell)!;
    const row = sheet.values[header.row] ?? [];
    row.forEach((value, col) => {
      if (value !== "事業概要" && value !== "具体サービス") return;
      for (const project of summary.projects) keys.push(`${summary.sheet}!${String.fromCharCode(65 + col)}${project.row}`);
    });
  }
  return keys;
}

function base(name: string, workbook: WorkbookData): Base {
  return { name, workbook, textCells: modelTextCells(workbook, readReport(workbook)) };
}

const LAYOUTS: [string, ReportSpec][] = [
  ["one section, three blocks", { sections: [{ number: 1, blocks: [{}, { name: "相談件数" }, { name: "待ち時間", unit: "分" }] }] }],
  [
    "three sections, a block without its baseline row",
    {
      sections: [
        { number: 1, blocks: [{}, {}] },
        { number: 2, blocks: [{ noBaselineRow: true, baseYear: null, baseValue: null }] },
        { number: 3, blocks: [{ achieved: null, unmet: "計測できなかった。" }] },
      ],
    },
  ],
  ["no summary", { sections: [{ number: 1, blocks: [{}, {}] }], projects: null }],
];

/** The blank template with its first blocks filled in as a municipality would. */
function filledTemplate(workbook: WorkbookData): WorkbookData {
  const sheet = workbook.sheets.find((s) => s.name === "事業1")!;
  const set = (cell: string, value: Scalar) => {
    const p = parseA1(cell)!;
    while (sheet.values.length <= p.row) sheet.values.push([]);
    sheet.values[p.row][p.col] = value;
  };
  [15, 26, 37].forEach((r, i) => {
    set(`A${r + 1}`, `指標${i + 1}`);
    set(`C${r + 1}`, "アウトカム");
    set(`D${r + 1}`, "件");
    set(`E${r + 1}`, "なし");
    set(`F${r + 1}`, "なし");
    set(`E${r + 3}`, 100);
    set(`F${r + 3}`, 90 + i * 10);
    set(`G${r + 3}`, i === 0 ? "未達成" : "達成");
    set(`E${r + 5}`, 200);
    set(`E${r + 7}`, 300);
    set(`B${r + 8}`, "取組を進めた。");
    set(`B${r + 9}`, "周知が遅れた。");
  });
  const summary = workbook.sheets[0];
  summary.values[4][0] = "(1) テスト事業";
  summary.values[4][5] = 1_000_000;
  return workbook;
}

let bases: Base[] = [];

beforeAll(async () => {
  const sample = (await loadXlsx(path.join(SAMPLES, "hanamaki-r6.xlsx"), { checkOnly: true })).data;
  const blank = (await loadXlsx(path.join(SAMPLES, "template-blank.xlsx"), { checkOnly: true })).data;
  bases = [
    base("the sample report", sample),
    base("the blank template, filled in", filledTemplate(blank)),
    ...LAYOUTS.map(([name, spec]) => base(name, buildReport(spec))),
  ];
}, 60_000);

// ---------------------------------------------------------------------------------------------
// What must not change

/** Every structural fact of a model: sections, blocks and the address of each field (no values). */
function structure(model: ReportModel): unknown {
  const at = (f: CellField | null | undefined) => (f ? `${f.sheet}!${f.cell}` : null);
  return {
    summary: model.summary && {
      sheet: model.summary.sheet,
      header: at(model.summary.header),
      projects: model.summary.projects.map((p) => [p.number, p.row, at(p.name), at(p.kpiList), at(p.cost), at(p.grant)]),
      band: model.summary.band,
      total: model.summary.total && [at(model.summary.total.label), at(model.summary.total.cost), at(model.summary.total.grant)],
    },
    sections: model.sections.map((s) => ({
      sheet: s.sheet,
      number: s.number,
      title: at(s.title),
      blocks: s.blocks.map((b) => ({
        index: b.index,
        fields: [b.label, b.name, b.kind, b.unit, b.baselineHeader, b.baseYear, b.baseValue].map(at),
        years: b.years.map((y) => [y.year, at(y.header), at(y.target), at(y.actual), at(y.status)]),
        explanations: [b.achieved, b.unmet].map((e) => e && [at(e.label), at(e.text), at(e.count)]),
      })),
    })),
    layoutProblems: model.layoutProblems,
  };
}

/** Every cell the reader placed as a form cell. */
function formCells(model: ReportModel): Set<string> {
  const cells = new Set<string>();
  const add = (f: CellField | null | undefined) => f && cells.add(`${f.sheet}!${f.cell}`);
  if (model.summary) {
    for (const p of model.summary.projects) [p.name, p.kpiList, p.cost, p.grant].forEach(add);
    if (model.summary.total) [model.summary.total.label, model.summary.total.cost, model.summary.total.grant].forEach(add);
  }
  for (const s of model.sections) {
    for (const b of s.blocks) {
      [b.label, b.name, b.kind, b.unit, b.baselineHeader, b.baseYear, b.baseValue].forEach(add);
      for (const y of b.years) [y.header, y.target, y.actual, y.status].forEach(add);
      for (const e of [b.achieved, b.unmet]) if (e) [e.label, e.text, e.count].forEach(add);
    }
  }
  return cells;
}

function withTexts(workbook: WorkbookData, cells: string[], texts: string[]): WorkbookData {
  const sheets = workbook.sheets.map((s) => ({ ...s, values: s.values.map((row) => (row ? row.slice() : [])) }));
  cells.forEach((key, i) => {
    const bang = key.lastIndexOf("!");
    const sheet = sheets.find((s) => s.name === key.slice(0, bang))!;
    const p = parseA1(key.slice(bang + 1))!;
    while (sheet.values.length <= p.row) sheet.values.push([]);
    sheet.values[p.row][p.col] = texts[i % texts.length];
  });
  return { sheets };
}

describe("free text never changes the structure read", () => {
  it(`sections, blocks and every field's address are unchanged (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(prose, { minLength: 1, maxLength: 40 }), (which, texts) => {
        const { workbook, textCells } = bases[which % bases.length];
        const mutated = withTexts(workbook, textCells, texts);
        expect(structure(readReport(mutated))).toEqual(structure(readReport(workbook)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`no fix targets a cell outside the form (${Math.ceil(RUNS / 4)} cases)`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(prose, { minLength: 1, maxLength: 40 }), (which, texts) => {
        const { workbook, textCells } = bases[which % bases.length];
        const mutated = withTexts(workbook, textCells, texts);
        // The form is what the reader finds in the workbook before any text changed.
        const inForm = formCells(readReport(workbook));
        for (const write of fixWorkbook(mutated).writes) expect(inForm).toContain(`${write.sheet}!${write.cell}`);
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: SEED },
    );
  });

  it("the generator does produce the texts that fooled the old reader", () => {
    const seen = fc.sample(prose, { numRuns: 2000, seed: SEED });
    for (const needle of ["(1)", "（１）", "【KPI達成】", "合計", "KPI未達成の理由は、", "2025年度末 目標値"]) {
      expect(seen.some((t) => t.includes(needle))).toBe(true);
    }
    expect(seen.some((t) => t.includes("\n"))).toBe(true);
    expect(seen.some((t) => /[Ａ-Ｚ０-９]/.test(t))).toBe(true);
  });
});
