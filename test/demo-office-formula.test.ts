/** @jest-environment node */
/** The demo's formula evaluator (src/demo/office/formula.ts) and recalculate(workbook). */
import { computeFormulas, evaluateFormula, recalculate, roundDown, workbookGrid } from "../src/demo/office/formula";
import type { Scalar } from "../src/core/workbook";
import { DemoWorkbook, emptySheet, type DemoCell, type WorkbookEvent } from "../src/demo/workbook-model";

const CELLS: Record<string, Scalar> = { A1: 10, A2: "達成", A3: null, A4: "12", A5: true, A6: "#N/A", A7: 0.5 };

function value(formula: string, cells: Record<string, Scalar> = CELLS, other: Record<string, Scalar> = { A1: 7 }): Scalar {
  return evaluateFormula(formula, "S", (sheet, address) => (sheet === "S" ? cells[address] : other[address]) ?? null, ["S", "事業 1"]);
}

describe("evaluateFormula", () => {
  test.each<[string, Scalar]>([
    ["=1+2*3", 7],
    ["=(1+2)*3", 9],
    ["=-2*3", -6],
    ["=--2", 2],
    ["=+A1", 10],
    ["=10/4", 2.5],
    ["=1/0", "#DIV/0!"],
    ["=0.1+0.2", 0.30000000000000004], // full float precision
    ['=0.1+0.2&""', "0.3"], // as Excel turns a number into text
    ['="a"&"b"&1', "ab1"],
    ['=1+2&"字"', "3字"], // & binds looser than +
    ['="say ""hi"""', 'say "hi"'],
    ["=A1", 10],
    ["=$A$1*2", 20],
    ["=A3", 0], // an empty cell shows 0
    ["=A3+1", 1],
    ['=A3&"x"', "x"],
    ["=A4+1", 13], // text that reads as a number takes part
    ["=A2+1", "#VALUE!"],
    ["=A6+1", "#N/A"], // errors propagate
    ["=A5+1", 2],
    ["=SUM(A1:A5,A7)", 10.5], // text ("12" too), booleans and empty cells in a range are skipped
    ["=SUM(A1,A4)", 10], // a reference is a range
    ['=SUM(1,"2",TRUE)', 4], // direct arguments are converted
    ['=SUM("x")', "#VALUE!"],
    ["=SUM(A1:A7,A6)", "#N/A"],
    ["=ROUNDDOWN(3.99,0)", 3],
    ["=ROUNDDOWN(-3.99,0)", -3], // toward zero
    ["=ROUNDDOWN(1.239,2)", 1.23],
    ["=ROUNDDOWN(1234.5,-2)", 1200],
    ["=ROUNDDOWN(4.35*100,0)", 435], // 434.99999999999994 in floats; Excel rounds to 15 digits first
    ["=ROUNDDOWN(1000001*1/2,0)", 500000],
    ["=ROUNDDOWN(A7)", "#VALUE!"],
    ['=LEN("達成した")', 4],
    ['=LEN("𠮷野家")', 4], // UTF-16 code units, as Excel counts
    ['=LEN(A2)&"字"', "2字"],
    ["=LEN(A3)", 0],
    ["=LEN(1.5)", 3],
    ["=sum(a1:a1)", 10],
    ["='事業 1'!A1*2", 14],
    ["=事業 1!A1", "#NAME?"],
    ["=無い!A1", "#REF!"],
    ["=A1:A2", "#VALUE!"],
    ["=IF(A1,1,2)", "#NAME?"],
    ["=TODAY()", "#NAME?"],
    ["=名前", "#NAME?"],
    ["=1+", "#NAME?"],
    ["=1=1", "#NAME?"],
    ['="open', "#NAME?"],
    ["=TRUE", true],
  ])("%s -> %p", (formula, expected) => {
    expect(value(formula)).toBe(expected);
  });

  test("roundDown keeps the digits asked, toward zero", () => {
    expect(roundDown(2.675, 2)).toBe(2.67);
    expect(roundDown(-0.5, 0)).toBe(0); // Excel has no negative zero
    expect(roundDown(123456789.987, 1)).toBe(123456789.9);
  });
});

function book(cells: Record<string, DemoCell>, other: Record<string, DemoCell> = {}): DemoWorkbook {
  const s = emptySheet("S");
  for (const [address, cell] of Object.entries(cells)) s.cells.set(address, cell);
  const t = emptySheet("T");
  for (const [address, cell] of Object.entries(other)) t.cells.set(address, cell);
  return DemoWorkbook.fromSheets([s, t]);
}

describe("computeFormulas / recalculate", () => {
  test("every formula computed once, in dependency order, whatever the cells' order", () => {
    const workbook = book(
      { A1: { value: 0, formula: "=A2+1" }, A2: { value: 0, formula: "=A3*2" }, A3: { value: 5 } },
      { B1: { value: 0, formula: '=S!A1&"件"' } },
    );
    const values = Object.fromEntries(computeFormulas(workbookGrid(workbook)).map((c) => [`${c.sheet}!${c.address}`, c.value]));
    expect(values).toEqual({ "S!A1": 11, "S!A2": 10, "T!B1": "11件" });
  });

  test("a cycle is #REF!, and so is a cell using it", () => {
    const workbook = book({
      B1: { value: 0, formula: "=B2" },
      B2: { value: 0, formula: "=B1+1" },
      C1: { value: 0, formula: "=B1" },
      D1: { value: 0, formula: "=D1" },
    });
    const values = Object.fromEntries(computeFormulas(workbookGrid(workbook)).map((c) => [c.address, c.value]));
    expect(values).toEqual({ B1: "#REF!", B2: "#REF!", C1: "#REF!", D1: "#REF!" });
  });

  test("a formula beyond the evaluator keeps the value Excel cached; entered new, it is #NAME?", () => {
    const workbook = book({
      A1: { value: 2, formula: "=IF(B1>0,2,3)" },
      A2: { value: 45000, formula: "=TODAY()" },
      A3: { value: 0, formula: "=A1*10" },
      A4: { value: null, formula: "=VLOOKUP(1,B:C,2)" },
      A5: { value: "x", formula: "=税率" },
    });
    const values = Object.fromEntries(computeFormulas(workbookGrid(workbook)).map((c) => [c.address, c.value]));
    expect(values).toEqual({ A1: 2, A2: 45000, A3: 20, A4: "#NAME?", A5: "x" });
  });

  test("a range larger than the sheet's content reads only the cells that exist", () => {
    const workbook = book({ A1: { value: 1 }, A100000: { value: 2 }, B1: { value: 0, formula: "=SUM(A1:A1048576)" } });
    expect(computeFormulas(workbookGrid(workbook))).toEqual([{ sheet: "S", address: "B1", value: 3 }]);
  });

  test("recalculate after a user edit: one setCells with the formula values that changed, as the user's; nothing when nothing changed", () => {
    const workbook = book({
      F5: { value: 100 },
      F6: { value: 200 },
      F7: { value: 300, formula: "=SUM(F5:F6)" },
      G5: { value: 50, formula: "=ROUNDDOWN(F5*1/2,0)" },
      B9: { value: "abc" },
      G9: { value: "3字", formula: '=LEN(B9)&"字"' },
    });
    const seen: WorkbookEvent[] = [];
    workbook.on((e) => seen.push(e));
    workbook.setCells([{ sheet: "S", cell: "F5", content: { value: 101 } }], "user");
    const changes = recalculate(workbook);
    expect(changes.map((c) => [c.cell, c.after?.value, c.source])).toEqual([["F7", 301, "user"]]);
    expect(workbook.cell("S", "F7")).toEqual({ value: 301, formula: "=SUM(F5:F6)" });
    expect(workbook.cell("S", "G5")?.value).toBe(50); // ROUNDDOWN(50.5) is still 50
    expect(seen.filter((e) => e.type === "cells")).toHaveLength(2); // the edit, the recalculation
    expect(recalculate(workbook)).toEqual([]);
    expect(seen.filter((e) => e.type === "cells")).toHaveLength(2);
    workbook.setCells([{ sheet: "S", cell: "B9", content: { value: "長い説明文です" } }], "user");
    expect(recalculate(workbook, "load").map((c) => [c.cell, c.after?.value, c.source])).toEqual([["G9", "7字", "load"]]);
  });
});
