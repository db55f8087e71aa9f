/**
 * A minimal, defensive ZIP reader: lists the central directory (src/xlsx/kind.ts, shared with the
 * browser demo) and inflates single entries (here: zlib).
 * Used only to inspect an .xlsx before ExcelJS reads it (is it a zip at all, which parts does it
 * hold, does a part use a feature ExcelJS drops), so it never needs to be fast or complete.
 */
import * as zlib from "zlib";
import type { ZipEntry } from "../xlsx/kind";

export { listZipEntries, type ZipEntry } from "../xlsx/kind";

const LOCAL_SIGNATURE = 0x04034b50;

/** Inflates one entry; null when it cannot be read (unknown method, damaged, larger than `limit`). */
export function readZipEntry(buffer: Buffer, entry: ZipEntry, limit = 512 * 1024 * 1024): Buffer | null {
  const p = entry.localHeaderOffset;
  if (p + 30 > buffer.length || buffer.readUInt32LE(p) !== LOCAL_SIGNATURE) return null;
  const start = p + 30 + buffer.readUInt16LE(p + 26) + buffer.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) return null;
  const data = buffer.subarray(start, end);
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch {
    return null;
  }
  return null;
}
