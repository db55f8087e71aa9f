/**
 * The core's exact decimals without BigInt (src/core/decimal.ts, number-text.ts) give what the
 * BigInt code they replaced gave, for every input: that code, verbatim below, is the oracle (BigInt
 * is fine in Node; the task pane's ES2017 webview is what lacks it). Values reach far beyond 2^53,
 * with many decimal places, around the 15-digit fast paths and the 10^7 limb boundaries.
 *
 * fast-check with a fixed seed: FC_NUM_RUNS cases per property (2,000 by default, 300 in a
 * unit-only run, KPI_TEST_QUICK), FC_SEED the seed.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import {
  addDecimal,
  compareDecimal,
  decimalFromNumber,
  decimalToNumber,
  decimalToString,
  isNegative,
  isZero,
  multiplyDecimal,
  parseDecimal,
  roundDownProduct,
  ZERO,
  type Decimal,
} from "../src/core/decimal";
import { formatAmount, formatKpiValue, formatNumber } from "../src/core/number-text";

const RUNS = Number(process.env.FC_NUM_RUNS ?? (process.env.KPI_TEST_QUICK ? 300 : 2_000));
const SEED = Number(process.env.FC_SEED ?? 20261124);
const TIMEOUT = 30_000 + RUNS * 10;
const options = { numRuns: RUNS, seed: SEED };

// ---------------------------------------------------------------------------------------------
// The oracle: the BigInt implementation as it was, verbatim but for names.

interface BigDecimal {
  units: bigint;
  scale: number;
}

const reference = (() => {
  const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
  const SHORT_DECIMAL = /^-?\d+\.\d+$/;
  const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;
  function trim(d: BigDecimal): BigDecimal {
    let { units, scale } = d;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    return { units, scale };
  }
  function align(a: BigDecimal, b: BigDecimal): [bigint, bigint] {
    if (a.scale === b.scale) return [a.units, b.units];
    if (a.scale > b.scale) return [a.units, b.units * 10n ** BigInt(a.scale - b.scale)];
    return [a.units * 10n ** BigInt(b.scale - a.scale), b.units];
  }
  const ref = {
    parseDecimal(text: string): BigDecimal | null {
      const match = DECIMAL_PATTERN.exec(text);
      if (!match) return null;
      const [, sign, intPart = "", fracPart = "", exp] = match;
      if (intPart === "" && fracPart === "") return null;
      let digits = intPart + fracPart;
      let scale = fracPart.length - (exp ? Number(exp) : 0);
      if (scale < 0) {
        digits += "0".repeat(-scale);
        scale = 0;
      }
      let units = BigInt(digits === "" ? "0" : digits);
      if (sign === "-") units = -units;
      return trim({ units, scale });
    },
    decimalFromNumber(value: number): BigDecimal | null {
      if (!Number.isFinite(value)) return null;
      if (Number.isInteger(value) && Math.abs(value) < 1e15) return { units: BigInt(value), scale: 0 };
      const text = String(value);
      const dot = text.indexOf(".");
      if (dot > 0 && text.length <= 17 && SHORT_DECIMAL.test(text)) {
        const digits = text.slice(0, dot) + text.slice(dot + 1);
        if (digits.length - (digits.charCodeAt(0) === 0x2d ? 1 : 0) <= 15) {
          return { units: BigInt(Number(digits)), scale: text.length - dot - 1 };
        }
      }
      return ref.parseDecimal(String(Number(value.toPrecision(15))));
    },
    compareDecimal(a: BigDecimal, b: BigDecimal): number {
      const [x, y] = align(a, b);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    addDecimal(a: BigDecimal, b: BigDecimal): BigDecimal {
      const [x, y] = align(a, b);
      return trim({ units: x + y, scale: Math.max(a.scale, b.scale) });
    },
    multiplyDecimal(a: BigDecimal, factor: bigint): BigDecimal {
      return trim({ units: a.units * factor, scale: a.scale });
    },
    roundDownProduct(value: BigDecimal, numerator: number, denominator: number): bigint {
      const top = value.units * BigInt(numerator);
      const bottom = 10n ** BigInt(value.scale) * BigInt(denominator);
      return top / bottom;
    },
    decimalToString(d: BigDecimal): string {
      const negative = d.units < 0n;
      let digits = (negative ? -d.units : d.units).toString();
      if (d.scale > 0) {
        digits = digits.padStart(d.scale + 1, "0");
        digits = digits.slice(0, digits.length - d.scale) + "." + digits.slice(digits.length - d.scale);
      }
      return (negative ? "-" : "") + digits;
    },
    formatNumber(d: BigDecimal): string {
      const text = ref.decimalToString(d);
      const negative = text.startsWith("-");
      const unsigned = negative ? text.slice(1) : text;
      const dot = unsigned.indexOf(".");
      const integer = dot < 0 ? unsigned : unsigned.slice(0, dot);
      const fraction = dot < 0 ? "" : unsigned.slice(dot);
      return (negative ? "-" : "") + integer.replace(THOUSANDS, ",") + fraction;
    },
    formatKpiValue(d: BigDecimal): string {
      if (d.scale <= 0) return ref.formatNumber(d);
      const unit = 10n ** BigInt(d.scale);
      return d.units % unit === 0n ? ref.formatNumber({ units: d.units / unit, scale: 0 }) : ref.decimalToString(d);
    },
  };
  return ref;
})();

/** The new form of an oracle decimal: the same digits as canonical text. */
const asText = (d: BigDecimal): Decimal => ({ units: d.units.toString(), scale: d.scale });

// ---------------------------------------------------------------------------------------------
// Generators

const TWO_53 = 2n ** 53n;
/** Integers from tiny to 90 digits, weighted toward the edges the implementation has. */
const bigIntegers: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -999n, max: 999n }),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
  fc.bigInt({ min: -(10n ** 90n), max: 10n ** 90n }),
  // Around 2^53, 10^15 (the fast paths) and powers of 10^7 (the limbs), both signs.
  fc
    .tuple(
      fc.constantFrom(TWO_53, 10n ** 15n, 10n ** 16n, 10n ** 7n, 10n ** 14n, 10n ** 21n, 10n ** 28n, 10n ** 35n),
      fc.bigInt({ min: -3n, max: 3n }),
      fc.boolean(),
    )
    .map(([edge, offset, negative]) => (negative ? -(edge + offset) : edge + offset)),
  // Every length equally: sums and products land on each side of the 15-digit fast paths.
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.boolean())
    .chain(([length, negative]) =>
      fc.bigInt({ min: 10n ** BigInt(length - 1), max: 10n ** BigInt(length) - 1n }).map((n) => (negative ? -n : n)),
    ),
  // Long runs of 9s and of zeros: carries and borrows across every limb.
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom("9", "0"), fc.boolean())
    .map(([n, digit, negative]) => BigInt((negative ? "-1" : "1") + digit.repeat(n))),
);
const scales = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 }));
/** An oracle decimal, trimmed as every parsed one is. */
const decimals: fc.Arbitrary<BigDecimal> = fc
  .tuple(bigIntegers, scales)
  .map(([units, scale]) => reference.parseDecimal(reference.decimalToString({ units, scale }))!);
/** Units with any scale, trailing zeros kept: what a caller may build ({ units, scale: d.scale - 2 }). */
const untrimmed: fc.Arbitrary<BigDecimal> = fc.tuple(bigIntegers, scales).map(([units, scale]) => ({ units, scale }));

const digitRun = (max: number) => fc.string({ unit: fc.constantFrom("0", "0", "1", "5", "9"), maxLength: max });
/** Decimal literals and near misses, as cells and CLI input hold them. */
const literals: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "", "-", "+"),
      fc.oneof(digitRun(4), digitRun(50)),
      fc.option(fc.oneof(digitRun(3), digitRun(40)), { nil: undefined }),
      fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.integer({ min: 0, max: 60 })), { nil: undefined }),
    )
    .map(
      ([sign, int, frac, exp]) =>
        sign + int + (frac === undefined ? "" : "." + frac) + (exp === undefined ? "" : exp[0] + exp[1] + String(exp[2])),
    ),
  bigIntegers.map(String),
  fc.constantFrom("", ".", "-", "+.", "e5", "1e", "1.2.3", "--1", " 1", "1,000", "0x10", "Infinity", "NaN", "-0", "-0.000", "000.000e-3"),
);
const numbers: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.double({ min: -1e20, max: 1e20, noNaN: true }),
  fc.integer({ min: -99999999, max: 99999999 }).map((n) => n / 1000),
  fc.constantFrom(0.1 + 0.2, 1e15, -1e15, 2 ** 53, 2 ** 60, 1e21, 1e300, 5e-324, -0, 1 / 3),
);
/** Integer numbers for factors and rates: small, past 10^7 (long division), past 2^53 (inexact String()). */
const integerNumbers: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.constantFrom(9_999_999, 10_000_000, 10_000_001, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
  // Every length up to 16 digits equally, odd ones too: a product of 16 digits in all can pass 2^53.
  fc
    .integer({ min: 1, max: 16 })
    .chain((length) => fc.integer({ min: 10 ** (length - 1), max: Math.min(10 ** length - 1, Number.MAX_SAFE_INTEGER) })),
  fc.constantFrom(2 ** 53, 2 ** 60, -(2 ** 70), 1e21, 1.5e300),
  fc.double({ min: -1e30, max: 1e30, noNaN: true }).map(Math.trunc),
);

// ---------------------------------------------------------------------------------------------

describe("decimal: the same results as the BigInt code", () => {
  test(
    "parseDecimal",
    () => {
      fc.assert(
        fc.property(literals, (text) => {
          const expected = reference.parseDecimal(text);
          expect(parseDecimal(text)).toEqual(expected && asText(expected));
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "decimalFromNumber",
    () => {
      fc.assert(
        fc.property(numbers, (value) => {
          const expected = reference.decimalFromNumber(value);
          expect(decimalFromNumber(value)).toEqual(expected && asText(expected));
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "compareDecimal, isNegative, isZero",
    () => {
      // Equal values with different digits are common only when built so: compare with itself too.
      const pairs = fc.oneof(
        fc.tuple(decimals, decimals),
        decimals.map((d) => [d, d] as const),
        fc
          .tuple(decimals, fc.integer({ min: 1, max: 30 }))
          .map(([d, n]) => [d, { units: d.units * 10n ** BigInt(n), scale: d.scale + n }] as const),
      );
      fc.assert(
        fc.property(pairs, ([a, b]) => {
          expect(compareDecimal(asText(a), asText(b))).toBe(reference.compareDecimal(a, b));
          expect(compareDecimal(asText(b), asText(a))).toBe(reference.compareDecimal(b, a));
          expect(isNegative(asText(a))).toBe(a.units < 0n);
          expect(isZero(asText(a))).toBe(a.units === 0n);
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "addDecimal",
    () => {
      const pairs = fc.oneof(
        fc.tuple(decimals, decimals),
        decimals.map((d) => [d, { units: -d.units, scale: d.scale }] as const), // cancels to zero
      );
      fc.assert(
        fc.property(pairs, ([a, b]) => {
          expect(addDecimal(asText(a), asText(b))).toEqual(asText(reference.addDecimal(a, b)));
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "multiplyDecimal",
    () => {
      // Also 15 to 17 digits in all, where a product leaves (or stays in) the exact range of a double.
      const nearSafe = fc
        .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 15, max: 17 }), scales, fc.boolean())
        .chain(([length, total, scale, negative]) =>
          fc
            .tuple(
              fc.bigInt({ min: 10n ** BigInt(total - length - 1), max: 10n ** BigInt(total - length) - 1n }),
              fc.integer({ min: 10 ** (length - 1), max: 10 ** length - 1 }),
            )
            .map(([units, factor]): [BigDecimal, number] => [{ units: negative ? -units : units, scale }, factor]),
        );
      fc.assert(
        fc.property(fc.oneof(fc.tuple(untrimmed, integerNumbers), nearSafe), ([a, factor]) => {
          expect(multiplyDecimal(asText(a), factor)).toEqual(asText(reference.multiplyDecimal(a, BigInt(factor))));
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "roundDownProduct truncates toward zero",
    () => {
      const rates = fc.oneof(
        fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 })),
        fc.tuple(
          integerNumbers,
          integerNumbers.filter((n) => n !== 0),
        ),
      );
      fc.assert(
        fc.property(decimals, rates, (value, [numerator, denominator]) => {
          const expected = reference.roundDownProduct(value, numerator, denominator).toString();
          expect(roundDownProduct(asText(value), numerator, denominator)).toBe(expected);
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "decimalToString, decimalToNumber and the message formats",
    () => {
      fc.assert(
        fc.property(fc.oneof(decimals, untrimmed), (d) => {
          const text = reference.decimalToString(d);
          expect(decimalToString(asText(d))).toBe(text);
          expect(decimalToNumber(asText(d))).toBe(Number(text));
          expect(formatNumber(asText(d))).toBe(reference.formatNumber(d));
          expect(formatAmount(asText(d))).toBe(`${reference.formatNumber(d)}円`);
          expect(formatKpiValue(asText(d))).toBe(reference.formatKpiValue(d));
        }),
        options,
      );
    },
    TIMEOUT,
  );
});

describe("decimal: examples", () => {
  test("exact where floats are not", () => {
    expect(decimalToString(addDecimal(parseDecimal("0.1")!, parseDecimal("0.2")!))).toBe("0.3");
    expect(compareDecimal(parseDecimal("82.7")!, parseDecimal("83")!)).toBe(-1);
    expect(compareDecimal(parseDecimal("9007199254740993")!, parseDecimal("9007199254740992")!)).toBe(1);
    expect(roundDownProduct(parseDecimal("-1000001")!, 1, 2)).toBe("-500000");
    expect(roundDownProduct(parseDecimal("123456789012345678901234567.89")!, 2, 3)).toBe("82304526008230452600823045");
    expect(multiplyDecimal(parseDecimal("1.5")!, 2 ** 60)).toEqual({ units: "1729382256910270464", scale: 0 });
  });

  test("canonical units: no -0, no leading or (within the scale) trailing zeros", () => {
    expect(parseDecimal("-0.00")).toEqual(ZERO);
    expect(parseDecimal("007.50")).toEqual({ units: "75", scale: 1 });
    expect(addDecimal(parseDecimal("-2.5")!, parseDecimal("2.5")!)).toEqual(ZERO);
    expect(multiplyDecimal(parseDecimal("-3")!, 0)).toEqual(ZERO);
  });

  test("throws where BigInt threw", () => {
    expect(() => roundDownProduct(parseDecimal("1")!, 1, 0)).toThrow(RangeError);
    expect(() => multiplyDecimal(parseDecimal("1")!, 0.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------

describe("no BigInt in the code the task pane runs", () => {
  // EdgeHTML has no BigInt and it cannot be polyfilled: neither the global nor a literal such as
  // 10n may appear. Found in the syntax tree, so comments and strings do not count.
  const ROOT = path.join(__dirname, "..", "src");
  const DIRS = ["core", "excel", "host", "taskpane", "commands"];
  const BIGINT_NAMES = new Set(["BigInt", "BigInt64Array", "BigUint64Array"]);

  function sources(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    });
  }

  function bigIntTokens(text: string): string[] {
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isBigIntLiteral(node) || (ts.isIdentifier(node) && BIGINT_NAMES.has(node.text))) found.push(node.getText(file));
      ts.forEachChild(node, visit);
    };
    const file = ts.createSourceFile("scanned.ts", text, ts.ScriptTarget.Latest, true);
    visit(file);
    return found;
  }

  test("the scan sees a literal and the global, not comments or strings", () => {
    expect(bigIntTokens("const a = 10n ** BigInt(2); // 10n\nconst s = `BigInt ${a} 3n`;")).toEqual(["10n", "BigInt"]);
  });

  test("src/core, excel, host, taskpane and commands", () => {
    const files = DIRS.flatMap((dir) => sources(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files
      .map((file) => ({ file: path.relative(ROOT, file), tokens: bigIntTokens(fs.readFileSync(file, "utf8")) }))
      .filter(({ tokens }) => tokens.length > 0);
    expect(offenders).toEqual([]);
  });
});
