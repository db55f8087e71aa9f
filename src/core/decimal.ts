/**
 * Exact decimal arithmetic, for the comparisons and the grant computation the rules make: 82.7 < 83
 * and 0.1 + 0.2 = 0.3 must hold exactly, as they do on paper.
 *
 * No BigInt: the task pane runs in EdgeHTML webviews (ES2017), where BigInt does not exist and
 * cannot be polyfilled. Integers are canonical digit strings; the few operations the rules need run
 * on safe JS numbers when the operands are short (the usual case) and on base-10^7 limbs otherwise.
 */
export interface Decimal {
  /**
   * The digits as an integer, in canonical text: value = units / 10^scale. An optional "-", then
   * no leading zeros ("0" for zero, never "-0"), so equal integers are equal strings.
   */
  units: string;
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
  return trim(signed(sign === "-", stripLeadingZeros(digits)), scale);
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
  // String() of such integers is canonical (no exponent; -0 prints "0").
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return { units: String(value), scale: 0 };
  const text = String(value);
  const dot = text.indexOf(".");
  if (dot > 0 && text.length <= 17 && SHORT_DECIMAL.test(text)) {
    const digits = text.slice(0, dot) + text.slice(dot + 1);
    if (digits.length - (digits.charCodeAt(0) === 0x2d ? 1 : 0) <= 15) {
      return { units: String(Number(digits)), scale: text.length - dot - 1 };
    }
  }
  return parseDecimal(String(Number(value.toPrecision(15))));
}

/** Drops trailing zeros of the fraction: 1.50 and 1.5 are one value with one form. */
function trim(units: string, scale: number): Decimal {
  if (units === "0") return { units, scale: scale > 0 ? 0 : scale };
  let end = units.length;
  while (scale > 0 && units.charCodeAt(end - 1) === 0x30) {
    end--;
    scale--;
  }
  return { units: units.slice(0, end), scale };
}

/** units × 10^n (n ≥ 0), keeping zero canonical. */
function shiftLeft(units: string, n: number): string {
  return n === 0 || units === "0" ? units : units + "0".repeat(n);
}

function align(a: Decimal, b: Decimal): [string, string] {
  if (a.scale === b.scale) return [a.units, b.units];
  if (a.scale > b.scale) return [a.units, shiftLeft(b.units, a.scale - b.scale)];
  return [shiftLeft(a.units, b.scale - a.scale), b.units];
}

/** -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  const xNegative = isNegativeInteger(x);
  if (xNegative !== isNegativeInteger(y)) return xNegative ? -1 : 1;
  const order = compareMagnitudes(magnitude(x), magnitude(y));
  return xNegative ? 0 - order : order; // not -order: that gives -0 for equal values
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y] = align(a, b);
  return trim(addIntegers(x, y), Math.max(a.scale, b.scale));
}

/** a × factor, factor an integer (a RangeError otherwise). */
export function multiplyDecimal(a: Decimal, factor: number): Decimal {
  return trim(multiplyIntegers(a.units, integerText(factor)), a.scale);
}

export function isNegative(a: Decimal): boolean {
  return isNegativeInteger(a.units);
}

export function isZero(a: Decimal): boolean {
  return a.units === "0";
}

export const ZERO: Decimal = { units: "0", scale: 0 };

/**
 * Excel's ROUNDDOWN(value × numerator / denominator, 0): truncation toward zero, exactly. The
 * integer comes back as Decimal units (canonical text), so `{ units, scale: 0 }` is the decimal.
 */
export function roundDownProduct(value: Decimal, numerator: number, denominator: number): string {
  const top = multiplyIntegers(value.units, integerText(numerator));
  const divisor = integerText(denominator);
  if (divisor === "0") throw new RangeError("Division by zero");
  if (value.scale < 0) throw new RangeError("Negative scale");
  // Truncating by 10^scale (dropping digits) and then by the denominator truncates by their
  // product: floor(floor(x / m) / n) = floor(x / (m·n)) for non-negative integers.
  const digits = magnitude(top);
  const shifted = digits.length > value.scale ? digits.slice(0, digits.length - value.scale) : "0";
  const quotient = divideMagnitudes(shifted, magnitude(divisor));
  return signed(isNegativeInteger(top) !== isNegativeInteger(divisor), quotient);
}

export function decimalToString(d: Decimal): string {
  const negative = isNegativeInteger(d.units);
  let digits = magnitude(d.units);
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

// ---- Signed integers as canonical text ----------------------------------------------------

function isNegativeInteger(units: string): boolean {
  return units.charCodeAt(0) === 0x2d;
}

function magnitude(units: string): string {
  return isNegativeInteger(units) ? units.slice(1) : units;
}

function signed(negative: boolean, digits: string): string {
  return negative && digits !== "0" ? "-" + digits : digits;
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 0x30) start++;
  return digits === "" ? "0" : digits.slice(start);
}

function addIntegers(x: string, y: string): string {
  const xNegative = isNegativeInteger(x);
  const yNegative = isNegativeInteger(y);
  const a = magnitude(x);
  const b = magnitude(y);
  if (xNegative === yNegative) return signed(xNegative, addMagnitudes(a, b));
  const order = compareMagnitudes(a, b);
  if (order === 0) return "0";
  return order > 0 ? signed(xNegative, subtractMagnitudes(a, b)) : signed(yNegative, subtractMagnitudes(b, a));
}

function multiplyIntegers(x: string, y: string): string {
  return signed(isNegativeInteger(x) !== isNegativeInteger(y), multiplyMagnitudes(magnitude(x), magnitude(y)));
}

const MAX_SAFE = 9007199254740991;

/**
 * The exact digits of an integer-valued number, even beyond 2^53 where String() rounds them
 * (2^60 prints as 1152921504606847000): such a double is m × 2^e with m safe.
 */
function integerText(value: number): string {
  if (!Number.isInteger(value)) throw new RangeError(`The number ${value} is not an integer`);
  let rest = Math.abs(value);
  let exponent = 0;
  while (rest > MAX_SAFE) {
    rest /= 2; // exact: a double above 2^53 is an even integer
    exponent++;
  }
  let digits = String(rest);
  for (; exponent > 0; exponent -= 20) digits = multiplyMagnitudes(digits, String(2 ** Math.min(exponent, 20)));
  return signed(value < 0, digits);
}

// ---- Non-negative integers: canonical digit strings --------------------------------------
// Up to 15 digits every sum, product of ≤ 15 digits in all, and quotient is exact in a double.

const SAFE_DIGITS = 15;

function compareMagnitudes(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function addMagnitudes(a: string, b: string): string {
  if (a.length <= SAFE_DIGITS && b.length <= SAFE_DIGITS) return String(Number(a) + Number(b));
  return fromLimbs(addLimbs(toLimbs(a), toLimbs(b)));
}

/** a - b for a ≥ b. */
function subtractMagnitudes(a: string, b: string): string {
  if (a.length <= SAFE_DIGITS) return String(Number(a) - Number(b));
  return fromLimbs(subtractLimbs(toLimbs(a), toLimbs(b)));
}

function multiplyMagnitudes(a: string, b: string): string {
  if (a === "0" || b === "0") return "0";
  if (a.length + b.length <= SAFE_DIGITS) return String(Number(a) * Number(b));
  return fromLimbs(multiplyLimbs(toLimbs(a), toLimbs(b)));
}

/** floor(a / b) for b > 0. */
function divideMagnitudes(a: string, b: string): string {
  if (compareMagnitudes(a, b) < 0) return "0";
  if (a.length <= SAFE_DIGITS) {
    const x = Number(a);
    const y = Number(b);
    return String((x - (x % y)) / y); // % and the division of an exact multiple are exact
  }
  if (b.length <= LIMB_DIGITS) return fromLimbs(divideLimbsBySmall(toLimbs(a), Number(b)));
  return longDivide(a, toLimbs(b));
}

// ---- Base-10^7 limbs, least significant first, no zero limb on top ([] is zero) ------------
// 10^7: a limb product plus a limb and a carry stays below 2^53.

const LIMB = 1e7;
const LIMB_DIGITS = 7;

function toLimbs(digits: string): number[] {
  const limbs: number[] = [];
  for (let end = digits.length; end > 0; end -= LIMB_DIGITS) {
    limbs.push(Number(digits.slice(Math.max(0, end - LIMB_DIGITS), end)));
  }
  return normalize(limbs);
}

function fromLimbs(limbs: number[]): string {
  if (limbs.length === 0) return "0";
  let text = String(limbs[limbs.length - 1]);
  for (let i = limbs.length - 2; i >= 0; i--) text += String(limbs[i]).padStart(LIMB_DIGITS, "0");
  return text;
}

function normalize(limbs: number[]): number[] {
  while (limbs.length > 0 && limbs[limbs.length - 1] === 0) limbs.pop();
  return limbs;
}

function compareLimbs(a: number[], b: number[]): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function addLimbs(a: number[], b: number[]): number[] {
  const sum: number[] = [];
  let carry = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const digit = (a[i] || 0) + (b[i] || 0) + carry;
    carry = digit >= LIMB ? 1 : 0;
    sum.push(digit - carry * LIMB);
  }
  if (carry) sum.push(carry);
  return sum;
}

/** a - b for a ≥ b. */
function subtractLimbs(a: number[], b: number[]): number[] {
  const difference: number[] = [];
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    const digit = a[i] - (b[i] || 0) - borrow;
    borrow = digit < 0 ? 1 : 0;
    difference.push(digit + borrow * LIMB);
  }
  return normalize(difference);
}

function multiplyLimbs(a: number[], b: number[]): number[] {
  const product: number[] = new Array<number>(a.length + b.length).fill(0);
  for (let i = 0; i < a.length; i++) {
    let carry = 0;
    for (let j = 0; j < b.length; j++) {
      const t = product[i + j] + a[i] * b[j] + carry;
      carry = Math.floor(t / LIMB);
      product[i + j] = t - carry * LIMB;
    }
    product[i + b.length] = carry; // not yet written: row i - 1 ends one limb lower
  }
  return normalize(product);
}

/** floor(a / divisor) for 0 < divisor ≤ 10^7. */
function divideLimbsBySmall(a: number[], divisor: number): number[] {
  const quotient: number[] = new Array<number>(a.length).fill(0);
  let remainder = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const current = remainder * LIMB + a[i];
    remainder = current % divisor;
    quotient[i] = (current - remainder) / divisor;
  }
  return normalize(quotient);
}

/** floor(a / divisor) for a divisor over 10^7: schoolbook, one decimal digit at a time. */
function longDivide(a: string, divisor: number[]): string {
  let quotient = "";
  let remainder: number[] = [];
  for (let i = 0; i < a.length; i++) {
    remainder = addLimbs(multiplyLimbs(remainder, [10]), normalize([a.charCodeAt(i) - 0x30]));
    let digit = 0;
    while (compareLimbs(remainder, divisor) >= 0) {
      remainder = subtractLimbs(remainder, divisor);
      digit++;
    }
    quotient += String(digit);
  }
  return stripLeadingZeros(quotient);
}
