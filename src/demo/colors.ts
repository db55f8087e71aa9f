/**
 * ExcelJS fill -> "#RRGGBB" for the grid: explicit ARGB colours, theme colours of the default Office
 * theme with their tint, and the legacy indexed palette. Display only; null when there is no fill.
 */
import type { Fill } from "exceljs";

/** The default Office theme (2013+): lt1, dk1, lt2, dk2, accent1…6, hyperlink, followed hyperlink. */
const THEME = ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72"];

/** Excel's legacy palette (indexed colours 0–63). */
// prettier-ignore
const INDEXED = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
  "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
  "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
  "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
  "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
  "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
];

interface ColorLike {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

function rgbToHsl(hex: string): [number, number, number] {
  const r = parseInt(hex.slice(0, 2), 16) / 255;
  const g = parseInt(hex.slice(2, 4), 16) / 255;
  const b = parseInt(hex.slice(4, 6), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? ((g - b) / d + (g < b ? 6 : 0)) / 6 : max === g ? ((b - r) / d + 2) / 6 : ((r - g) / d + 4) / 6;
  return [h, s, l];
}

function hslToHex(h: number, s: number, l: number): string {
  const hue = (p: number, q: number, t: number) => {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  let r = l;
  let g = l;
  let b = l;
  if (s !== 0) {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    r = hue(p, q, h + 1 / 3);
    g = hue(p, q, h);
    b = hue(p, q, h - 1 / 3);
  }
  const part = (v: number) =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, "0");
  return (part(r) + part(g) + part(b)).toUpperCase();
}

/** Excel's tint: darker towards black (tint < 0) or lighter towards white (tint > 0), in HSL lightness. */
export function applyTint(hex: string, tint: number): string {
  if (!tint) return hex.toUpperCase();
  const [h, s, l] = rgbToHsl(hex);
  const lum = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  return hslToHex(h, s, lum);
}

export function colorToHex(color: ColorLike | undefined): string | null {
  if (!color) return null;
  if (typeof color.argb === "string" && /^[0-9a-f]{6,8}$/i.test(color.argb)) {
    const hex = color.argb.length === 8 ? color.argb.slice(2) : color.argb;
    return "#" + applyTint(hex, color.tint ?? 0);
  }
  if (typeof color.theme === "number" && THEME[color.theme]) return "#" + applyTint(THEME[color.theme], color.tint ?? 0);
  if (typeof color.indexed === "number" && INDEXED[color.indexed]) return "#" + INDEXED[color.indexed];
  return null;
}

/** The colour a cell's fill shows, or null for none. */
export function fillToHex(fill: Fill | undefined): string | null {
  if (!fill) return null;
  if (fill.type === "pattern") {
    if (!fill.pattern || fill.pattern === "none") return null;
    // A solid fill shows its foreground colour; other patterns mostly their foreground too.
    return colorToHex(fill.fgColor as ColorLike | undefined) ?? colorToHex(fill.bgColor as ColorLike | undefined);
  }
  if (fill.type === "gradient") return colorToHex(fill.stops?.[0]?.color as ColorLike | undefined);
  return null;
}
