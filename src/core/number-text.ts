/**
 * Numbers as people write them in a message: the one home for the rules' number formatting.
 * Works on the core's exact Decimal (never a float), so 1234567.5 reads 1,234,567.5.
 */
import { decimalToString, isNegative, isZero, type Decimal } from "./decimal";

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** Thousands separators in the integer part: 3000000 -> "3,000,000", -1234567.5 -> "-1,234,567.5". */
export function formatNumber(d: Decimal): string {
  const text = decimalToString(d);
  const negative = text.startsWith("-");
  const unsigned = negative ? text.slice(1) : text;
  const dot = unsigned.indexOf(".");
  const integer = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? "" : unsigned.slice(dot);
  return (negative ? "-" : "") + integer.replace(THOUSANDS, ",") + fraction;
}

/** An amount of money (事業費, 交付金充当額) in a message: "3,000,000円". */
export function formatAmount(d: Decimal): string {
  return `${formatNumber(d)}円`;
}

/**
 * A KPI value (基準値, 目標値, 実績値) in a message: its unit is the KPI's own, so no 円; an integer
 * gets thousands separators (16000 -> "16,000"), a decimal stays as written (82.7, 1234.5).
 */
export function formatKpiValue(d: Decimal): string {
  if (d.scale <= 0) return formatNumber(d);
  // An integer when units is divisible by 10^scale: a nonzero value then has more than `scale`
  // digits (units are canonical text, no leading zeros) and the last `scale` of them are zeros.
  if (isZero(d)) return formatNumber({ units: "0", scale: 0 });
  const kept = d.units.length - d.scale;
  const integral = kept > (isNegative(d) ? 1 : 0) && /^0*$/.test(d.units.slice(kept));
  return integral ? formatNumber({ units: d.units.slice(0, kept), scale: 0 }) : decimalToString(d);
}
