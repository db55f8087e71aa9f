/**
 * Exact decimal arithmetic on BigInt, for the comparisons and the grant computation the rules
 * make: 82.7 < 83 and 0.1 + 0.2 = 0.3 must hold exactly, as they do on paper.
 */
export interface Decimal {
  /** The digits as an integer: value = units / 10^scale. */
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses "-12.50", "1e+21", ".5"; null when it is not a decimal literal. */
export function parseDecimal(text: string): Decimal | null {
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
}

const SHORT_DECIMAL = /^-?\d+\.\d+$/;

/**
 * A spreadsheet number as the decimal a person sees: Excel keeps 15 significant digits, so the
 * binary noise of 0.1 + 0.2 (0.30000000000000004) is not part of the value.
 */
export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  // Fast paths, same result: an integer under 10^15 is exact in 15 digits; a number whose
  // shortest form has at most 15 digits (and no exponent) reads back from toPrecision(15) as
  // itself (15 digits always round-trip through a double), and that form has no trailing zeros.
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return { units: BigInt(value), scale: 0 };
  const text = String(value);
  const dot = text.indexOf(".");
  if (dot > 0 && text.length <= 17 && SHORT_DECIMAL.test(text)) {
    const digits = text.slice(0, dot) + text.slice(dot + 1);
    if (digits.length - (digits.charCodeAt(0) === 0x2d ? 1 : 0) <= 15) {
      return { units: BigInt(Number(digits)), scale: text.length - dot - 1 };
    }
  }
  return parseDecimal(String(Number(value.toPrecision(15))));
}

function trim(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  if (a.scale === b.scale) return [a.units, b.units];
  if (a.scale > b.scale) return [a.units, b.units * 10n ** BigInt(a.scale - b.scale)];
  return [a.units * 10n ** BigInt(b.scale - a.scale), b.units];
}

/** -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y] = align(a, b);
  return trim({ units: x + y, scale: Math.max(a.scale, b.scale) });
}

export function multiplyDecimal(a: Decimal, factor: bigint): Decimal {
  return trim({ units: a.units * factor, scale: a.scale });
}

export function isNegative(a: Decimal): boolean {
  return a.units < 0n;
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** Excel's ROUNDDOWN(value × numerator / denominator, 0): truncation toward zero, exactly. */
export function roundDownProduct(value: Decimal, numerator: number, denominator: number): bigint {
  const top = value.units * BigInt(numerator);
  const bottom = 10n ** BigInt(value.scale) * BigInt(denominator);
  return top / bottom; // BigInt division truncates toward zero, as ROUNDDOWN does
}

export function decimalToString(d: Decimal): string {
  const negative = d.units < 0n;
  let digits = (negative ? -d.units : d.units).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, "0");
    digits = digits.slice(0, digits.length - d.scale) + "." + digits.slice(digits.length - d.scale);
  }
  return (negative ? "-" : "") + digits;
}

/** The JS number for a cell write; exact for the magnitudes a report holds. */
export function decimalToNumber(d: Decimal): number {
  return Number(decimalToString(d));
}
