/**
 * The ZIP container of an .xlsx (ECMA-376 Part 2, Open Packaging Conventions, stores a package as
 * a ZIP archive): reading its central directory, the CRC-32 its entries carry, and the one ZIP
 * writer of the project — the stored copy ExcelJS reads (src/xlsx/open.ts), the test fixtures
 * (test/helpers/xlsx-fixtures.ts) and the hostile corpus (src/fixtures/hostile-corpus.ts).
 *
 * Field offsets follow PKWARE's APPNOTE.TXT 6.3.x: 4.3.7 local file header, 4.3.12 central
 * directory header, 4.3.16 end of central directory record. No ZIP64 (an .xlsx within
 * LIMITS never needs it). Plain Uint8Array code without Node (a Node Buffer is a Uint8Array):
 * the browser demo runs it too, so the writer never compresses by itself; a caller that wants
 * deflated entries passes its own DEFLATE function (zlib in Node).
 */

export interface ZipEntry {
  name: string;
  /** APPNOTE 4.4.5: 0 stored, 8 deflated. */
  method: number;
  /** CRC-32 of the inflated bytes, as the directory records it. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lists the entries of a ZIP archive; null when the bytes are not a readable ZIP archive. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < END_RECORD) return null;
  const data = view(bytes);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const stop = Math.max(0, bytes.length - END_RECORD - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - END_RECORD; i >= stop; i--) {
    if (data.getUint32(i, true) === END_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.getUint16(eocd + 10, true);
  const size = data.getUint32(eocd + 12, true);
  const offset = data.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || offset + size > bytes.length) return null; // ZIP64 or truncated
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder("utf-8");
  const latin1 = new TextDecoder("latin1");
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + CENTRAL_HEADER > bytes.length || data.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const flags = data.getUint16(p + 8, true);
    const method = data.getUint16(p + 10, true);
    const crc32 = data.getUint32(p + 16, true);
    const compressedSize = data.getUint32(p + 20, true);
    const uncompressedSize = data.getUint32(p + 24, true);
    const nameLength = data.getUint16(p + 28, true);
    const extraLength = data.getUint16(p + 30, true);
    const commentLength = data.getUint16(p + 32, true);
    const localHeaderOffset = data.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + CENTRAL_HEADER, p + CENTRAL_HEADER + nameLength);
    // APPNOTE 4.4.4, bit 11: UTF-8 names. Part names of an .xlsx are ASCII either way.
    const name = (flags & UTF8_NAMES ? utf8 : latin1).decode(nameBytes);
    entries.push({ name, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    p += CENTRAL_HEADER + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's stored (compressed) bytes, or null when its local header is missing or runs past the end. */
export function compressedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const data = view(bytes);
  const p = entry.localHeaderOffset;
  if (p + LOCAL_HEADER > bytes.length || data.getUint32(p, true) !== LOCAL_SIGNATURE) return null;
  const start = p + LOCAL_HEADER + data.getUint16(p + 26, true) + data.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  return end > bytes.length ? null : bytes.subarray(start, end);
}

/** Whether the bytes start as a ZIP archive does ("PK"): only then is the directory worth reading. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (APPNOTE 4.4.7: the ISO 3309 / ITU-T V.42 polynomial, reflected: 0xEDB88320; as zlib's and PNG's)

const CRC_POLYNOMIAL = 0xedb88320;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? CRC_POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data`; pass the CRC-32 of the bytes before it as `crc` to continue it (as zlib.crc32 does). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * CRC-32 of the concatenation A‖B from crc(A), crc(B) and B's length, without B's bytes (zlib's
 * crc32_combine): how a stream of gigabytes gets its CRC from a few repeated pieces.
 */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  if (length2 <= 0) return crc1 >>> 0;
  const times = (matrix: number[], vector: number): number => {
    let sum = 0;
    for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i];
    return sum >>> 0;
  };
  const square = (target: number[], matrix: number[]) => {
    for (let n = 0; n < 32; n++) target[n] = times(matrix, matrix[n]);
  };
  const even = new Array<number>(32);
  const odd = new Array<number>(32);
  odd[0] = CRC_POLYNOMIAL;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row >>> 0;
  square(even, odd); // 2 zero bits
  square(odd, even); // 4 zero bits
  let length = length2;
  let crc = crc1 >>> 0;
  do {
    square(even, odd);
    if (length % 2 === 1) crc = times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    square(odd, even);
    if (length % 2 === 1) crc = times(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crc2) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** One entry to write. */
export type ZipPart = (
  | {
      name: string;
      /** The part's bytes, inflated: stored as they are (method 0) or deflated with WriteZipOptions.deflateRaw (method 8). */
      data: Uint8Array;
      method: 0 | 8;
      /** CRC-32 of `data` when the caller knows it already (a directory recorded it); computed otherwise. */
      crc32?: number;
    }
  | {
      name: string;
      /** Raw DEFLATE bytes (RFC 1951) made by the caller (streamed, or pieced together): written as method 8. */
      deflated: Uint8Array;
      /** CRC-32 and size of what `deflated` inflates to. */
      crc32: number;
      size: number;
    }
) & {
  /**
   * The inflated size the headers record, when it must differ from the true one: hostile test
   * files only (a zip bomb that hides its size).
   */
  declaredSize?: number;
};

export interface WriteZipOptions {
  /** Raw DEFLATE (RFC 1951), for parts with `data` and method 8; required only when there are such parts. */
  deflateRaw?: (data: Uint8Array) => Uint8Array;
}

const VERSION = 20; // APPNOTE 4.4.3: 2.0, what stored and deflated entries need
const UTF8_NAMES = 0x800;
/** APPNOTE 4.4.6, MS-DOS date and time: 1980-01-01 00:00, the earliest valid (so every copy is byte-identical). */
const DOS_TIME_1980 = 0x00210000;

interface PreparedEntry {
  name: Uint8Array;
  method: 0 | 8;
  body: Uint8Array;
  crc32: number;
  declaredSize: number;
}

const NAME_ENCODER = new TextEncoder();

function prepareEntry(part: ZipPart, options: WriteZipOptions): PreparedEntry {
  const name = NAME_ENCODER.encode(part.name);
  if ("deflated" in part) {
    return { name, method: 8, body: part.deflated, crc32: part.crc32 >>> 0, declaredSize: part.declaredSize ?? part.size };
  }
  const crc = part.crc32 ?? crc32(part.data);
  let body = part.data;
  if (part.method === 8) {
    if (!options.deflateRaw) throw new Error(`writeZip: ${part.name} is to be deflated, but no deflateRaw was given`);
    body = options.deflateRaw(part.data);
  }
  return { name, method: part.method, body, crc32: crc >>> 0, declaredSize: part.declaredSize ?? part.data.length };
}

/**
 * A ZIP archive of `parts`, in order: local headers and bytes, the central directory, the end
 * record; UTF-8 names (APPNOTE 4.4.4 bit 11), no extra fields, no comments.
 */
export function writeZip(parts: readonly ZipPart[], options: WriteZipOptions = {}): Uint8Array {
  if (parts.length > 0xffff) throw new Error(`writeZip: ${parts.length} entries need ZIP64`);
  const resolved = parts.map((part) => prepareEntry(part, options));
  let size = END_RECORD;
  for (const part of resolved) size += LOCAL_HEADER + CENTRAL_HEADER + 2 * part.name.length + part.body.length;
  if (size > 0xffffffff) throw new Error("writeZip: the archive needs ZIP64 (over 4 GiB)");
  const out = new Uint8Array(size);
  const data = view(out);
  const offsets: number[] = [];
  let at = 0;
  for (const part of resolved) {
    offsets.push(at);
    data.setUint32(at, LOCAL_SIGNATURE, true);
    data.setUint16(at + 4, VERSION, true);
    data.setUint16(at + 6, UTF8_NAMES, true);
    data.setUint16(at + 8, part.method, true);
    data.setUint32(at + 10, DOS_TIME_1980, true);
    data.setUint32(at + 14, part.crc32, true);
    data.setUint32(at + 18, part.body.length, true);
    data.setUint32(at + 22, part.declaredSize, true);
    data.setUint16(at + 26, part.name.length, true);
    out.set(part.name, at + LOCAL_HEADER);
    out.set(part.body, at + LOCAL_HEADER + part.name.length);
    at += LOCAL_HEADER + part.name.length + part.body.length;
  }
  const directory = at;
  resolved.forEach((part, i) => {
    data.setUint32(at, CENTRAL_SIGNATURE, true);
    data.setUint16(at + 4, VERSION, true);
    data.setUint16(at + 6, VERSION, true);
    data.setUint16(at + 8, UTF8_NAMES, true);
    data.setUint16(at + 10, part.method, true);
    data.setUint32(at + 12, DOS_TIME_1980, true);
    data.setUint32(at + 16, part.crc32, true);
    data.setUint32(at + 20, part.body.length, true);
    data.setUint32(at + 24, part.declaredSize, true);
    data.setUint16(at + 28, part.name.length, true);
    data.setUint32(at + 42, offsets[i], true);
    out.set(part.name, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + part.name.length;
  });
  data.setUint32(at, END_SIGNATURE, true);
  data.setUint16(at + 8, resolved.length, true);
  data.setUint16(at + 10, resolved.length, true);
  data.setUint32(at + 12, at - directory, true);
  data.setUint32(at + 16, directory, true);
  return out;
}
