import { parseDecimal, type Decimal } from "../../src/core/decimal";
import { formatAmount, formatKpiValue, formatNumber } from "../../src/core/number-text";

const d = (text: string): Decimal => parseDecimal(text)!;

describe("number-text: numbers in messages", () => {
  test.each([
    ["0", "0"],
    ["999", "999"],
    ["1000", "1,000"],
    ["3000000", "3,000,000"],
    ["-1234567", "-1,234,567"],
    ["1234567.5", "1,234,567.5"],
    ["0.1234", "0.1234"],
    ["123456789012345678901234.5", "123,456,789,012,345,678,901,234.5"],
  ])("formatNumber(%s) = %s", (text, shownText) => {
    expect(formatNumber(d(text))).toBe(shownText);
  });

  test("formatAmount adds 円 to the exact decimal", () => {
    expect(formatAmount(d("3000000"))).toBe("3,000,000円");
    expect(formatAmount(d("1234567.5"))).toBe("1,234,567.5円");
  });

  test("formatKpiValue groups integers only, whatever the scale", () => {
    expect(formatKpiValue(d("16000"))).toBe("16,000");
    expect(formatKpiValue({ units: "160000", scale: 1 })).toBe("16,000");
    expect(formatKpiValue(d("1234.5"))).toBe("1234.5");
    expect(formatKpiValue(d("-5"))).toBe("-5");
    expect(formatKpiValue(d("82.7"))).toBe("82.7");
  });
});
