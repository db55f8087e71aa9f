import { validateWorkbook } from "../src/core";
import { readChecked } from "./helpers/model-shape";
import { ReportModelSchema } from "../src/core/model-schema";
import { parseRange, toA1 } from "../src/core/address";
import type { SheetData, WorkbookData } from "../src/core/workbook";
import { BLANK_BLOCK, SheetBuilder, buildReport, writeBlock, writeSectionHeader } from "../src/fixtures/report-builder";
import { blockRow } from "../src/fixtures/template";

/** Moves a whole sheet down/right, as when a municipality inserts rows or columns above/left of the form. */
function shift(sheet: SheetData, rows: number, cols: number): SheetData {
  const pad = <T>(grid: T[][] | undefined, empty: T) =>
    grid && [...Array.from({ length: rows }, () => [] as T[]), ...grid.map((line) => [...Array<T>(cols).fill(empty), ...line])];
  return {
    ...sheet,
    values: pad(sheet.values, null)!,
    formulas: pad(sheet.formulas, null),
    numberFormats: pad(sheet.numberFormats, null),
    merges: sheet.merges?.map((m) => {
      const r = parseRange(m)!;
      return `${toA1(r.start.row + rows, r.start.col + cols)}:${toA1(r.end.row + rows, r.end.col + cols)}`;
    }),
  };
}

const twoBlocks = {
  sections: [
    {
      number: 1,
      blocks: [
        { name: "利用者数" },
        {
          name: "待ち時間の短縮",
          unit: "分",
          years: [
            [-5, -6, "達成"],
            [-10, null, null],
            [-15, null, null],
          ] as [number, number | null, string | null][],
        },
      ],
    },
  ],
};

describe("reader: canonical layout", () => {
  const model = readChecked(buildReport(twoBlocks));

  it("finds the summary table by its labels", () => {
    expect(model.summary?.sheet).toBe("活用状況");
    expect(model.summary?.projects).toHaveLength(1);
    expect(model.summary?.projects[0]).toMatchObject({ number: 1, row: 5 });
    expect(model.summary?.projects[0].cost).toMatchObject({ sheet: "活用状況", cell: "F5", value: 1000001 });
    expect(model.summary?.total?.grant).toMatchObject({ cell: "G6", formula: "=SUM(G5:G5)" });
    expect(model.summary?.fiscalYearLabel?.value).toBe("R6");
  });

  it("reads every block with each field's cell", () => {
    const [section] = model.sections;
    expect(section).toMatchObject({ sheet: "事業1", number: 1 });
    expect(section.blocks.map((b) => b.index)).toEqual([1, 2]);
    const b = section.blocks[1];
    expect(b.label.cell).toBe("A26");
    expect(b.name).toMatchObject({ cell: "A27", value: "待ち時間の短縮" });
    expect(b.kind.cell).toBe("C27");
    expect(b.unit).toMatchObject({ cell: "D27", value: "分" });
    expect(b.baseYear?.cell).toBe("E27");
    expect(b.baseValue?.cell).toBe("F27");
    expect(b.years.map((y) => [y.year, y.target.cell, y.actual.cell, y.status.cell])).toEqual([
      [2024, "E29", "F29", "G29"],
      [2025, "E31", "F31", "G31"],
      [2026, "E33", "F33", "G33"],
    ]);
    expect(b.achieved).toMatchObject({ text: { cell: "B34" }, count: { cell: "G34" } });
    expect(b.unmet).toMatchObject({ text: { cell: "B35" }, count: { cell: "G35" } });
  });

  it("produces a model that validates against its schema and serializes to JSON", () => {
    expect(() => ReportModelSchema.parse(JSON.parse(JSON.stringify(model)))).not.toThrow();
  });

  it("ignores the 記入例 rows and instruction paragraphs", () => {
    const cells = JSON.stringify(model);
    expect(cells).not.toContain("スマホ教室");
    expect(model.sections[0].blocks).toHaveLength(2);
  });
});

describe("reader: variations from template.md", () => {
  it("takes 【KPI達成の場合】, 令和 years, full-width labels and spaces", () => {
    const wb = buildReport({
      sections: [
        {
          number: 2,
          title: "公開型GIS導入",
          blocks: [
            {
              label: "ＫＰＩ ①",
              yearHeader: (year, what) => `令和${year - 2018}年度末　${what}`,
              achievedLabel: "【KPI達成の場合】 達成のための取組内容や工夫および 2025年度達成に向けた取組",
              unmetLabel: "[ KPI未達成又は未計測の場合 ] 達成（計測）できなかった理由",
            },
          ],
        },
      ],
    });
    const [block] = readChecked(wb).sections[0].blocks;
    expect(block.index).toBe(1);
    expect(block.years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(block.achieved?.text.cell).toBe("B23");
    expect(block.unmet?.text.cell).toBe("B24");
    expect(validateWorkbook(wb).findings).toEqual([]);
  });

  it("reads ⑪ and later, KPI11 written in digits, and blocks in hidden rows", () => {
    const sheet = new SheetBuilder("事業1");
    writeSectionHeader(sheet, 1, 1, "多数のKPI");
    const labels = ["KPI①", "KPI②", "KPI③", "KPI④", "KPI⑤", "KPI⑥", "KPI⑦", "KPI⑧", "KPI⑨", "KPI⑩", "KPI⑪", "KPI12", "ＫＰＩ１３"];
    labels.forEach((label, i) => writeBlock(sheet, blockRow(i), i + 1, { label, name: `指標${i + 1}` }));
    const data = sheet.build();
    data.hiddenRows = Array.from({ length: 33 }, (_, i) => blockRow(10) + i);
    const model = readChecked({ sheets: [data] });
    expect(model.sections[0].blocks.map((b) => b.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(model.sections[0].blocks[12].name.value).toBe("指標13");
  });

  it("reads a block without its baseline row (the year header on the name row) and reports the baseline missing", () => {
    const wb = buildReport({ sections: [{ number: 3, blocks: [{ noBaselineRow: true }, { noBaselineRow: true }] }] });
    const [a, b] = readChecked(wb).sections[0].blocks;
    expect(a.baseYear).toBeNull();
    expect(a.baselineHeader.cell).toBe("E15");
    expect(a.years[0]).toMatchObject({ year: 2024, header: { cell: "E16" }, target: { cell: "E17" } });
    expect(b.label.cell).toBe("A26");
    const findings = validateWorkbook(wb).findings.map((f) => `${f.ruleId} ${f.cell}`);
    expect(findings).toEqual(["baseline-pair E15", "baseline-pair E26"]);
  });

  it("reads a section shifted down and right (rows and columns inserted above and left)", () => {
    const wb = buildReport(twoBlocks);
    wb.sheets[1] = shift(wb.sheets[1], 3, 2);
    const [section] = readChecked(wb).sections;
    expect(section.blocks.map((b) => b.label.cell)).toEqual(["C18", "C29"]);
    expect(section.blocks[1].years[0].target.cell).toBe("G32");
    expect(section.blocks[1].achieved?.count?.cell).toBe("I37");
    expect(validateWorkbook(wb).findings).toEqual([]);
  });

  it("reads a sheet whose used range does not start at A1 (origin)", () => {
    const wb = buildReport(twoBlocks);
    const moved = shift(wb.sheets[1], 4, 1);
    // The same content, handed over as Excel hands a used range: dense from its top-left cell.
    wb.sheets[1] = { ...moved, origin: "A1" };
    const trimmed: SheetData = {
      ...moved,
      origin: "B5",
      values: moved.values.slice(4).map((r) => r.slice(1)),
      formulas: moved.formulas!.slice(4).map((r) => r.slice(1)),
      numberFormats: moved.numberFormats!.slice(4).map((r) => r.slice(1)),
    };
    const a = readChecked(wb);
    const b = readChecked({ sheets: [wb.sheets[0], trimmed] });
    expect(b.sections).toEqual(a.sections);
  });

  it("tolerates extra blank rows between blocks", () => {
    const sheet = new SheetBuilder("事業1");
    writeSectionHeader(sheet, 1, 1, "間隔の広い様式");
    writeBlock(sheet, 15, 1, {});
    writeBlock(sheet, 30, 2, {});
    const blocks = readChecked({ sheets: [sheet.build()] }).sections[0].blocks;
    expect(blocks.map((b) => [b.index, b.label.cell, b.achieved?.text.cell])).toEqual([
      [1, "A15", "B23"],
      [2, "A30", "B38"],
    ]);
  });

  it("reads the values below blank rows inserted under a heading row, and never takes an explanation for values", () => {
    const sheet = new SheetBuilder("事業1");
    writeSectionHeader(sheet, 1, 1, "行を挿入した様式");
    sheet.set("A15", "KPI①").set("C15", "種別").set("D15", "単位").set("E15", "基準年度").set("F15", "基準値");
    // Row 16 inserted (blank); the name row is 17.
    sheet.set("A17", "利用者数").set("C17", "アウトカム").set("D17", "人").set("E17", 2023).set("F17", 100);
    sheet.set("E18", "2024年度末 目標値").set("F18", "2024年度末 実績値").set("G18", "達成状況");
    // Row 19 inserted (blank); the values are on 20.
    sheet.set("E20", 120).set("F20", 130).set("G20", "達成");
    sheet.set("E21", "2025年度末 目標値").set("F21", "2025年度末 実績値").set("G21", "達成状況");
    // 2025's values left empty (row 22); row 23 is an explanation whose label was deleted: its text
    // and count are not 2025's values.
    sheet.set("B23", "周知を重ねた結果、目標を上回った。").set("G23", "17字");
    sheet.merges.push("B23:F23");
    sheet.set("A24", "【KPI未達成又は未計測】の場合").set("B24", "計測中").set("G24", "3字");
    const [block] = readChecked({ sheets: [sheet.build()] }).sections[0].blocks;
    expect([block.name, block.kind, block.baseValue].map((f) => [f!.cell, f!.value])).toEqual([
      ["A17", "利用者数"],
      ["C17", "アウトカム"],
      ["F17", 100],
    ]);
    expect(block.years.map((y) => [y.target.cell, y.target.value, y.status.cell, y.status.value])).toEqual([
      ["E20", 120, "G20", "達成"],
      ["E22", null, "G22", null],
    ]);
    expect(block.unmet?.text.cell).toBe("B24");
  });

  it("reads several sections on one sheet, each block under its own title", () => {
    const sheet = new SheetBuilder("KPI");
    writeSectionHeader(sheet, 1, 1, "一つ目");
    writeBlock(sheet, 15, 1, { name: "一つ目の指標" });
    writeSectionHeader(sheet, 30, 2, "二つ目");
    writeBlock(sheet, 44, 1, { name: "二つ目の指標A" });
    writeBlock(sheet, 55, 2, { name: "二つ目の指標B" });
    const model = readChecked({ sheets: [sheet.build()] });
    expect(model.sections.map((s) => [s.number, s.blocks.map((b) => b.name.value)])).toEqual([
      [1, ["一つ目の指標"]],
      [2, ["二つ目の指標A", "二つ目の指標B"]],
    ]);
  });

  it("skips the template's unused, empty blocks", () => {
    const sheet = new SheetBuilder("事業1");
    writeSectionHeader(sheet, 1, 1, "未使用欄あり");
    writeBlock(sheet, blockRow(0), 1, {});
    for (let i = 1; i < 10; i++) {
      writeBlock(sheet, blockRow(i), i + 1, BLANK_BLOCK);
    }
    const model = readChecked({ sheets: [sheet.build()] });
    expect(model.sections[0].blocks).toHaveLength(1);
  });

  it("reads a value from the top-left of a merged area even when the source repeats it in the other cells", () => {
    const wb = buildReport(twoBlocks);
    const sheet = wb.sheets[1];
    // ExcelJS reports a merged area's value in every cell of it; Excel only in the top-left.
    sheet.values[14][1] = sheet.values[14][0];
    sheet.values[22][2] = sheet.values[22][1];
    const model = readChecked(wb);
    expect(model.sections[0].blocks.map((b) => b.label.cell)).toEqual(["A15", "A26"]);
    expect(validateWorkbook(wb).findings).toEqual([]);
  });
});

describe("reader: the blank template's unused summary rows", () => {
  it("skips numbered rows with no name and no amount", () => {
    const wb = buildReport(twoBlocks);
    const summary = wb.sheets[0];
    summary.values.splice(6, 0, ["(2)", null, null, null, null, null, 0]);
    const model = readChecked(wb);
    expect(model.summary?.projects.map((p) => p.number)).toEqual([1]);
  });
});

describe("reader: what is not a report", () => {
  const cases: [string, WorkbookData][] = [
    ["no sheets", { sheets: [] }],
    ["an empty sheet", { sheets: [{ name: "Sheet1", values: [] }] }],
    [
      "a household budget",
      {
        sheets: [
          {
            name: "家計簿",
            values: [
              ["日付", "品目", "金額"],
              ["4/1", "米", 2000],
            ],
          },
        ],
      },
    ],
    ["ragged rows and odd values", { sheets: [{ name: "x", values: [[null], [true, 3, "KPI①"], [], ["#N/A", "事業名"]] }] }],
  ];
  it.each(cases)("%s → template-not-found, never an exception", (_name, workbook) => {
    const result = validateWorkbook(workbook);
    expect(result.findings.map((f) => [f.ruleId, f.sheet, f.cell])).toEqual([["template-not-found", workbook.sheets[0]?.name ?? "", "A1"]]);
  });

  it("says which label it could not find instead of reading a wrong cell", () => {
    const wb = buildReport(twoBlocks);
    wb.sheets[1].values[25][3] = "単 位 (件)"; // the second block's 単位 header rewritten
    const result = validateWorkbook(wb);
    const layout = result.findings.filter((f) => f.ruleId === "layout-label-missing");
    expect(layout.map((f) => [f.sheet, f.cell, f.data.label])).toEqual([["事業1", "A26", "単位"]]);
    expect(layout[0].message).toContain("「単位」");
    // The unread block is not counted as a missing KPI of the summary's list.
    expect(result.findings.filter((f) => f.ruleId === "kpi-list-mismatch")).toEqual([]);
    expect(readChecked(wb).sections[0].blocks).toHaveLength(1);
  });
});
