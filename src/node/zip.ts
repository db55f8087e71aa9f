/**
 * A minimal, defensive ZIP reader: lists the central directory and inflates single entries.
 * Used only to inspect an .xlsx before ExcelJS reads it (is it a zip at all, which parts does it
 * hold, does a part use a feature ExcelJS drops), so it never needs to be fast or complete.
 */
import * as zlib from "zlib";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Lists the entries of a ZIP archive; null when the buffer is not a readable ZIP archive. */
export function listZipEntries(buffer: Buffer): ZipEntry[] | null {
  if (buffer.length < 22) return null;
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= stop; i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || offset + size > buffer.length) return null; // ZIP64 or truncated
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const uncompressedSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const localHeaderOffset = buffer.readUInt32LE(p + 42);
    const nameBytes = buffer.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 names. Part names of an .xlsx are ASCII either way.
    const name = nameBytes.toString(flags & 0x800 ? "utf8" : "latin1");
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

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
