/** The demo grid's number formats and what typing into a cell makes of it. */
import { editText, typedContent } from "../src/demo/cell-input";
import { applyTint, colorToHex, fillToHex } from "../src/demo/colors";
import { formatCellValue, formatGeneral } from "../src/demo/number-format";

const YEN = '#,##0"円"';

describe("formatCellValue", () => {
  it.each([
    [2136200, '#,##0"円"', "2,136,200円"],
    [-1234567, '#,##0"円"', "-1,234,567円"],
    [0, '#,##0"円"', "0円"],
    [0.862, "0.0%", "86.2%"],
    [0.5, "0%", "50%"],
    [1234.5, "#,##0.00", "1,234.50"],
    [3.14159, "0.00", "3.14"],
    [1.5, "0.0#", "1.5"],
    [7, '0"件"', "7件"],
    [12, 'General"人"', "12人"],
    [-5, "#,##0;[Red]\\-#,##0", "-5"],
    [-5, '#,##0;"▲"#,##0', "▲5"],
    [100, "#,##0_ ;[Red]\\-#,##0\\ ", "100 "],
    [1500000, "#,##0,", "1,500"],
    [45000, "yyyy/m/d", "2023/3/15"],
    [45000.5, "yyyy/mm/dd hh:mm", "2023/3/15 12:00"],
    [86.2, null, "86.2"],
    [86.2, "General", "86.2"],
    [1 / 3, null, "0.3333333333"],
    [123456789012, null, "1.23457E+11"],
    ["達成", null, "達成"],
    ["abc", "@", "abc"],
    [true, null, "TRUE"],
    [null, '#,##0"円"', ""],
  ])("%p under %p shows %p", (value, format, shown) => {
    expect(formatCellValue(value, format)).toBe(shown);
  });

  it("shows General numbers in at most 11 characters", () => {
    expect(formatGeneral(0.1 + 0.2)).toBe("0.3");
    expect(formatGeneral(1e-10)).toBe("1E-10");
    expect(formatGeneral(-42)).toBe("-42");
  });
});

describe("typing into a cell (Excel's rules, shared with the emulated API)", () => {
  it.each([
    ["", { value: null, formula: null, numberFormat: null }],
    ["達成", { value: "達成", formula: null, numberFormat: null }],
    ["1068100", { value: 1068100, formula: null, numberFormat: null }],
    ["=SUM(F5:F9)", { value: null, formula: "=SUM(F5:F9)", numberFormat: null }],
    ["'123", { value: "123", formula: null, numberFormat: null }],
    ["2,136,200円", { value: "2,136,200円", formula: null, numberFormat: null }],
  ])("%p is stored as %p", (text, content) => {
    expect(typedContent(undefined, text)).toEqual(content);
  });

  it("keeps a cell's format; a Text cell keeps digits as text", () => {
    expect(typedContent({ value: 1, numberFormat: YEN }, "2000")).toEqual({ value: 2000, formula: null, numberFormat: YEN });
    expect(typedContent({ value: "1", numberFormat: "@" }, "2000")).toEqual({ value: "2000", formula: null, numberFormat: "@" });
  });

  it("starts the editor with what is stored back the same", () => {
    expect(editText(undefined)).toBe("");
    expect(editText({ value: 226391242, formula: "=SUM(F5:F9)" })).toBe("=SUM(F5:F9)");
    expect(editText({ value: 0.862, numberFormat: "0.0%" })).toBe("86.2%");
    expect(editText({ value: "123" })).toBe("'123");
    expect(editText({ value: "未達成" })).toBe("未達成");
    expect(editText({ value: false })).toBe("FALSE");
    for (const cell of [{ value: 5000 }, { value: "5,000人" }, { value: "TRUE" }, { value: "123" }, { value: 0.25, numberFormat: "0%" }]) {
      expect(typedContent(cell, editText(cell)).value).toEqual(cell.value);
    }
  });
});

describe("fill colours", () => {
  it("reads ARGB, theme colours with tint, and the indexed palette", () => {
    expect(fillToHex({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } })).toBe("#DDEBF7");
    expect(fillToHex({ type: "pattern", pattern: "none" })).toBeNull();
    expect(fillToHex(undefined)).toBeNull();
    expect(colorToHex({ theme: 0 })).toBe("#FFFFFF");
    expect(colorToHex({ theme: 0, tint: -0.0499893185216834 })).toBe("#F2F2F2");
    expect(colorToHex({ indexed: 10 })).toBe("#FF0000");
    expect(applyTint("4472C4", 0.7999816888943144)).toBe("DAE3F3");
  });
});
