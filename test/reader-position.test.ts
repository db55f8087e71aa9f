/**
 * Structure comes from position, not wording (template.md, variation 8): the shapes real municipal
 * reports take that a reader deciding by a text's first words gets wrong. Each case failed on the
 * reader that classified cells by text alone.
 */
import { fixWorkbook, validateWorkbook, type Finding, type WorkbookData } from "../src/core";
import { readChecked } from "./helpers/model-shape";
import { SheetBuilder, buildReport, edited, firstYear } from "../src/fixtures/report-builder";
import { YEN_FORMAT } from "../src/fixtures/template";

const brief = (findings: Finding[], ruleId?: string) =>
  findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`);

const TWO_BLOCKS = {
  sections: [
    { number: 1, blocks: [{ name: "観光客数" }, { name: "相談件数" }] },
    { number: 2, blocks: [{ name: "登録者数" }] },
  ],
};

describe("an explanation that starts with an enumeration is text, not a section title", () => {
  it.each([
    ["(1)観光協会と連携し周知した。(2)SNS広告を出した。"],
    ["（１）想定問答の整備が不十分であった。（２）周知が遅れた。"],
    ["(1)"],
    ["(2) 事業名のように見える短い文"],
  ])("%s in 【KPI達成】 of KPI①", (text) => {
    const workbook = edited(TWO_BLOCKS, [["事業1", "B23", text]]);
    const model = readChecked(workbook);
    expect(model.sections.map((s) => [s.sheet, s.number, s.blocks.map((b) => b.index)])).toEqual([
      ["事業1", 1, [1, 2]],
      ["事業2", 2, [1]],
    ]);
    expect(model.sections[0].blocks[0].achieved?.text).toMatchObject({ cell: "B23", value: text });
    const findings = validateWorkbook(workbook).findings;
    expect(brief(findings, "layout-label-missing")).toEqual([]);
    expect(brief(findings, "kpi-numbering")).toEqual([]);
    expect(brief(findings, "kpi-list-mismatch")).toEqual([]);
  });

  it("the block's own findings are still reported (an enumerated text in the wrong field)", () => {
    // KPI① achieved, its reasons typed as an enumeration into the 未達成 field, 達成 field left empty.
    const workbook = edited(TWO_BLOCKS, [
      ["事業1", "B23", null],
      ["事業1", "B24", "(1)観光協会と連携した。(2)SNS広告を出した。"],
    ]);
    const findings = validateWorkbook(workbook).findings;
    expect(brief(findings, "explanation-missing")).toEqual(["explanation-missing 事業1!B23"]);
    expect(brief(findings, "explanation-misplaced")).toEqual(["explanation-misplaced 事業1!B24"]);
  });

  it("a KPI name that starts with (1) stays the KPI's name", () => {
    const workbook = edited(TWO_BLOCKS, [["事業1", "A27", "(1)相談件数"]]);
    const model = readChecked(workbook);
    expect(model.sections[0].blocks.map((b) => b.name.value)).toEqual(["観光客数", "(1)相談件数"]);
  });
});

describe("label-like words typed into an explanation field are text", () => {
  const unmet = { sections: [{ number: 1, blocks: [{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: null }] }] };

  it.each([["KPI未達成の理由は、周知不足である。"], ["【KPI未達成の理由】周知不足。"], ["【KPI未達成又は未計測】の場合"], ["【KPI達成】"]])(
    "%s in the 【KPI達成】 field",
    (text) => {
      const workbook = edited(unmet, [["事業1", "B23", text]]);
      const [block] = readChecked(workbook).sections[0].blocks;
      expect(block.achieved).toMatchObject({ label: { cell: "A23" }, text: { cell: "B23", value: text }, count: { cell: "G23" } });
      expect(block.unmet).toMatchObject({ label: { cell: "A24" }, text: { cell: "B24", value: null }, count: { cell: "G24" } });
      const result = validateWorkbook(workbook);
      // The real empty field is reported, and the text standing in the other field.
      expect(brief(result.findings, "explanation-missing")).toEqual(["explanation-missing 事業1!B24"]);
      expect(brief(result.findings, "explanation-misplaced")).toEqual(["explanation-misplaced 事業1!B23"]);
      // Nothing reported or fixed outside the form (columns A–G).
      for (const f of result.findings) expect(f.cell).toMatch(/^[A-G]\d+$/);
      const fixed = fixWorkbook(workbook);
      for (const w of fixed.writes) expect(`${w.sheet}!${w.cell}`).toMatch(/^(事業1|活用状況)![A-G]\d+$/);
    },
  );
});

/** A summary sheet with a No. column before 事業名 (A), so 事業名 is B and the amounts G and H. */
function numberedSummary(options: { total: string; mergeTotal: boolean; totals: [number | null, number | null] }): WorkbookData {
  const base = buildReport(TWO_BLOCKS);
  const sheet = new SheetBuilder("活用状況");
  sheet.set("A1", "デジタル実装タイプ（デジタル田園都市国家構想交付金）の令和6年度活用状況");
  sheet.set("A3", "No.").set("B3", "事業名").set("C3", "事業期間").set("D3", "事業概要").set("E3", "具体サービス").set("F3", "設定したKPI");
  sheet.set("G3", "R6").set("G4", "事業費").set("H4", "交付金充当額");
  sheet.merges.push("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:H3");
  sheet.set("A5", 1).set("B5", "(1) テスト事業1").set("F5", "①観光客数 ②相談件数");
  sheet.set("G5", 1_000_000, { numberFormat: YEN_FORMAT }).set("H5", 500_000, { numberFormat: YEN_FORMAT });
  sheet.set("A6", 2).set("B6", "(2) テスト事業2").set("F6", "①登録者数");
  sheet.set("G6", 2_000_000, { numberFormat: YEN_FORMAT }).set("H6", 1_000_000, { numberFormat: YEN_FORMAT });
  sheet.set("A7", options.total);
  if (options.mergeTotal) sheet.merges.push("A7:F7");
  sheet.set("G7", options.totals[0], { numberFormat: YEN_FORMAT }).set("H7", options.totals[1], { numberFormat: YEN_FORMAT });
  return { sheets: [sheet.build(), ...base.sheets.slice(1)] };
}

describe("a summary table with a No. column before 事業名", () => {
  it.each([
    ["合計", true],
    ["合　計", true],
    ["合 計", false],
    ["　合　計　", false],
  ])("finds the 合計 row labelled %s in the No. column (merged: %s)", (total, mergeTotal) => {
    const workbook = numberedSummary({ total, mergeTotal, totals: [3_000_000, 1_500_000] });
    const summary = readChecked(workbook).summary!;
    expect(summary.projects.map((p) => [p.number, p.name.cell, p.cost?.cell, p.grant?.cell])).toEqual([
      [1, "B5", "G5", "H5"],
      [2, "B6", "G6", "H6"],
    ]);
    expect(summary.total).toMatchObject({ label: { cell: "A7" }, cost: { cell: "G7" }, grant: { cell: "H7" } });
    expect(validateWorkbook(workbook).findings).toEqual([]);
  });

  it("checks both totals: a wrong 合計 is reported, not silently skipped", () => {
    const workbook = numberedSummary({ total: "合　計", mergeTotal: true, totals: [2_999_999, null] });
    const findings = validateWorkbook(workbook).findings;
    expect(brief(findings, "total-mismatch")).toEqual(["total-mismatch 活用状況!G7", "total-mismatch 活用状況!H7"]);
  });
});

/** The canonical summary with every project row merged vertically over two rows. */
function tallSummary(): WorkbookData {
  const spec = { sections: [1, 2, 3].map((n) => ({ number: n, blocks: [{ name: `指標${n}` }] })) };
  const base = buildReport(spec);
  const sheet = new SheetBuilder("活用状況");
  sheet.set("A1", "デジタル実装タイプ（デジタル田園都市国家構想交付金）の令和6年度活用状況");
  sheet.set("A3", "事業名").set("B3", "事業期間").set("C3", "事業概要").set("D3", "具体サービス").set("E3", "設定したKPI").set("F3", "R6");
  sheet.set("F4", "事業費").set("G4", "交付金充当額");
  sheet.merges.push("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3");
  let row = 5;
  for (const n of [1, 2, 3]) {
    sheet
      .set(`A${row}`, `(${n}) テスト事業${n}`)
      .set(`B${row}`, "R6")
      .set(`C${row}`, "長い事業概要。".repeat(20))
      .set(`E${row}`, `①指標${n}`);
    sheet
      .set(`F${row}`, 1_000_000 * n, { numberFormat: YEN_FORMAT })
      .set(`G${row}`, n === 3 ? 1_400_000 : 500_000 * n, { numberFormat: YEN_FORMAT });
    for (const col of "ABCDEFG") sheet.merges.push(`${col}${row}:${col}${row + 1}`);
    row += 2;
  }
  sheet.set(`A${row}`, "合計");
  sheet.set(`F${row}`, 5_000_000, { numberFormat: YEN_FORMAT });
  sheet.set(`G${row}`, 2_900_000, { formula: "=SUM(G5:G10)", numberFormat: YEN_FORMAT });
  return { sheets: [sheet.build(), ...base.sheets.slice(1)] };
}

describe("summary rows two rows tall", () => {
  it("reads every project band and the 合計 row", () => {
    const workbook = tallSummary();
    const summary = readChecked(workbook).summary!;
    expect(summary.projects.map((p) => [p.number, p.row, p.cost?.cell])).toEqual([
      [1, 5, "F5"],
      [2, 7, "F7"],
      [3, 9, "F9"],
    ]);
    expect(summary.total).toMatchObject({ label: { cell: "A11" }, cost: { cell: "F11" }, grant: { cell: "G11" } });
    const findings = validateWorkbook(workbook).findings;
    expect(brief(findings, "section-missing")).toEqual([]);
    // Every band's grant is checked (the third is not half of 3,000,000), and so is each 合計
    // (事業費 5,000,000 against 6,000,000; 交付金充当額 2,900,000 is the sum as written).
    expect(brief(findings)).toEqual(["grant-rate 活用状況!G9", "total-mismatch 活用状況!F11"]);
  });
});

describe("when the reader cannot place a structure, it says so", () => {
  it("a summary table without its 合計 row: a layout finding where the row was expected", () => {
    const workbook = edited(TWO_BLOCKS, [
      ["活用状況", "A7", null],
      ["活用状況", "F7", null, { formula: null }],
      ["活用状況", "G7", null, { formula: null }],
    ]);
    const findings = validateWorkbook(workbook).findings;
    expect(brief(findings, "layout-label-missing")).toEqual(["layout-label-missing 活用状況!A7"]);
    expect(findings.find((f) => f.ruleId === "layout-label-missing")?.message).toContain("「合計」");
  });
});
