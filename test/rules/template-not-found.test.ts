import { fixWorkbook, validateWorkbook, type WorkbookData } from "../../src/core";
import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/template-not-found";

runRuleTests("template-not-found", cases);

describe("validateWorkbook on workbooks it cannot read", () => {
  const odd: [string, WorkbookData][] = [
    ["no sheets", { sheets: [] }],
    ["an empty sheet", { sheets: [{ name: "Sheet1", values: [] }] }],
    ["a sheet of empty rows", { sheets: [{ name: "Sheet1", values: [[], [null, ""], []] }] }],
    ["a sheet with an origin far away", { sheets: [{ name: "Sheet1", origin: "XFA1048570", values: [["x"]] }] }],
    [
      "a sheet with ragged formulas and formats",
      { sheets: [{ name: "Sheet1", values: [["x", 1], ["y"]], formulas: [[null, "=1"]], numberFormats: [[null]] }] },
    ],
  ];
  for (const [name, workbook] of odd) {
    it(`never throws: ${name}`, () => {
      expect(() => validateWorkbook(workbook)).not.toThrow();
      expect(() => fixWorkbook(workbook)).not.toThrow();
      expect(validateWorkbook(workbook).findings.map((f) => f.ruleId)).toEqual(["template-not-found"]);
    });
  }
});
