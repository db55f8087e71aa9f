/**
 * Rebuilds a package from the parts the limit check already inflated (src/xlsx/limits.ts), stored
 * without compression, for ExcelJS to read: the same parts, byte for byte, in the same order, so
 * ExcelJS (through JSZip and pako) does not inflate every part a second time. A plain ZIP archive
 * (APPNOTE 6.3: local headers, central directory, end record), with each part's CRC-32 taken from
 * the original directory.
 */
import type { ZipEntry } from "./kind";

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const VERSION = 20; // 2.0: what stored entries need
const UTF8_NAMES = 0x800;

/**
 * A stored ZIP archive of `entries`, each with its bytes from `parts` (every entry must have them).
 * The limits keep it small enough for 32-bit offsets (LIMITS.totalBytes) and the entry count
 * (LIMITS.parts) under 65,535.
 */
export function storedPackage(entries: readonly ZipEntry[], parts: ReadonlyMap<ZipEntry, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((entry) => encoder.encode(entry.name));
  let size = 22;
  entries.forEach((entry, i) => {
    const data = parts.get(entry);
    if (!data) throw new Error(`no bytes for part ${entry.name}`);
    size += 30 + 46 + 2 * names[i].length + data.length;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((entry, i) => {
    const data = parts.get(entry)!;
    offsets.push(at);
    view.setUint32(at, LOCAL_SIGNATURE, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, UTF8_NAMES, true);
    view.setUint16(at + 8, 0, true); // stored
    view.setUint32(at + 14, entry.crc32, true);
    view.setUint32(at + 18, data.length, true);
    view.setUint32(at + 22, data.length, true);
    view.setUint16(at + 26, names[i].length, true);
    out.set(names[i], at + 30);
    out.set(data, at + 30 + names[i].length);
    at += 30 + names[i].length + data.length;
  });
  const directory = at;
  entries.forEach((entry, i) => {
    const length = parts.get(entry)!.length;
    view.setUint32(at, CENTRAL_SIGNATURE, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, VERSION, true);
    view.setUint16(at + 8, UTF8_NAMES, true);
    view.setUint16(at + 10, 0, true);
    view.setUint32(at + 16, entry.crc32, true);
    view.setUint32(at + 20, length, true);
    view.setUint32(at + 24, length, true);
    view.setUint16(at + 28, names[i].length, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, END_SIGNATURE, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
