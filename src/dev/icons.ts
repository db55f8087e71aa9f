/**
 * Draws the add-in's icons and writes them to assets/ (committed; run `npm run icons`, which is
 * scripts/make-icons.ts, only to change the design).
 *
 * The design: a small table (dark header row, grid) with a bold green check mark over its lower right
 * corner, outlined in white so it stays readable on the ribbon at 16 px. Pure Node: the shapes are
 * supersampled per pixel (anti-aliasing), lines and edges are snapped to whole pixels so the small
 * sizes stay crisp, and the PNG encoder below is hand-written over zlib (8-bit RGBA, no metadata, so
 * the same drawing always gives the same pixels).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { crc32 } from "../xlsx/zip";

/** Ribbon (16, 32, 80), IconUrl (32), HighResolutionIconUrl (64), store/admin listings (128). */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
/** The template's larger logo (task pane header, support page). */
export const LOGO = { file: "logo-filled.png", size: 256 } as const;

export function iconFileName(size: number): string {
  return `icon-${size}.png`;
}

type Rgb = readonly [number, number, number];
type Inside = (x: number, y: number) => boolean;
interface Layer {
  color: Rgb;
  inside: Inside;
}

const COLORS = {
  border: [0x44, 0x50, 0x5c],
  sheet: [0xff, 0xff, 0xff],
  header: [0x3a, 0x5f, 0x85],
  grid: [0x8a, 0x97, 0xa4],
  halo: [0xff, 0xff, 0xff],
  check: [0x10, 0x7c, 0x3c],
} satisfies Record<string, Rgb>;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Inside {
  return (x, y) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function rect(x0: number, y0: number, x1: number, y1: number): Inside {
  return (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
}

/** A polyline stroked with round caps and joins: every point within `half` of a segment. */
function stroke(points: ReadonlyArray<readonly [number, number]>, half: number): Inside {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - half, Math.max(...xs) + half, Math.min(...ys) - half, Math.max(...ys) + half];
  return (x, y) => {
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half) return true;
    }
    return false;
  };
}

function both(a: Inside, b: Inside): Inside {
  return (x, y) => a(x, y) && b(x, y);
}

/** The drawing at `size`×`size` pixels, as layers painted bottom to top (pixel coordinates). */
function layers(size: number): Layer[] {
  const px = (u: number) => Math.round(u * size);
  const line = Math.max(1, Math.round(size / 20));
  // The table.
  const x0 = px(0.05);
  const y0 = px(0.1);
  const x1 = px(0.81);
  const y1 = px(0.83);
  const radius = Math.max(0.5, size * 0.05);
  const inner = roundedRect(x0 + line, y0 + line, x1 - line, y1 - line, Math.max(0, radius - line));
  const headerBottom = px(0.3);
  const columns = size >= 32 ? [0.33, 0.57] : [0.41];
  const rows = size >= 32 ? [0.49, 0.66] : [0.56];
  const grid: Inside[] = [
    ...columns.map((u) => rect(px(u), headerBottom, px(u) + line, y1)),
    ...rows.map((u) => rect(x0, px(u), x1, px(u) + line)),
  ];
  // The check mark: short stroke down to the corner, long stroke up to the right.
  const check: Array<[number, number]> = [
    [0.41 * size, 0.64 * size],
    [0.6 * size, 0.83 * size],
    [0.94 * size, 0.38 * size],
  ];
  const half = 0.085 * size;
  const halo = Math.max(1, 0.06 * size);
  return [
    { color: COLORS.border, inside: roundedRect(x0, y0, x1, y1, radius) },
    { color: COLORS.sheet, inside: inner },
    { color: COLORS.header, inside: both(inner, rect(x0, y0, x1, headerBottom)) },
    ...grid.map((g) => ({ color: COLORS.grid, inside: both(inner, g) })),
    { color: COLORS.halo, inside: stroke(check, half + halo) },
    { color: COLORS.check, inside: stroke(check, half) },
  ];
}

/** The icon's pixels, RGBA, row by row (straight, not premultiplied, alpha). */
export function renderIcon(size: number): Uint8Array {
  // 8×8 samples where every pixel counts, 4×4 on the large sizes (plenty at that scale, and 4× faster).
  const samples = size <= 32 ? 8 : 4;
  const drawing = layers(size);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const fx = x + (sx + 0.5) / samples;
          const fy = y + (sy + 0.5) / samples;
          for (let i = drawing.length - 1; i >= 0; i--) {
            if (drawing[i].inside(fx, fy)) {
              const [cr, cg, cb] = drawing[i].color;
              r += cr;
              g += cg;
              b += cb;
              covered++;
              break;
            }
          }
        }
      }
      const o = (y * size + x) * 4;
      if (covered > 0) {
        out[o] = Math.round(r / covered);
        out[o + 1] = Math.round(g / covered);
        out[o + 2] = Math.round(b / covered);
        out[o + 3] = Math.round((covered * 255) / (samples * samples));
      }
    }
  }
  return out;
}

// --- PNG ---------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG chunks carry the CRC-32 of ZIP and zlib (PNG spec, 5.3): the project's one implementation. */
export { crc32 };

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA, non-interlaced PNG: signature, IHDR, one IDAT (each row with filter 0), IEND. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/** Reads back an 8-bit RGBA non-interlaced PNG (any filter), as written by encodePng. */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error("only 8-bit RGBA non-interlaced PNGs are supported");
    } else if (type === "IDAT") {
      idat.push(data);
    }
    pos += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? rgba[y * stride + i - 4] : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? rgba[(y - 1) * stride + i - 4] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rgba[y * stride + i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Every file make-icons writes, with its size. */
export function iconFiles(): Array<{ file: string; size: number }> {
  return [...ICON_SIZES.map((size) => ({ file: iconFileName(size), size })), { file: LOGO.file, size: LOGO.size }];
}

export function writeIcons(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return iconFiles().map(({ file, size }) => {
    const target = path.join(dir, file);
    fs.writeFileSync(target, encodePng(size, size, renderIcon(size)));
    return target;
  });
}
