/**
 * A small raw DEFLATE decoder (RFC 1951), for looking inside a package before ExcelJS does
 * (src/xlsx/limits.ts): it streams the inflated bytes to a callback in chunks, keeps only the
 * 32 KiB window a DEFLATE stream may refer back to, and stops as soon as the output passes a
 * limit. So it can measure a part that claims 1 KiB and inflates to gigabytes, or count the rows
 * of a sheet, in constant memory. Synchronous and without Node, so the CLI and the browser demo run
 * the same checks (zlib and DecompressionStream cannot stop part-way through synchronously).
 */

/** The bytes are not a valid DEFLATE stream (or end too early). */
export class InflateError extends Error {
  override readonly name = "InflateError";
}

/** How decoding ended: the stream's last block ("end"), past `limit` ("limit"), or the sink said stop. */
type InflateEnd = "end" | "limit" | "stopped";

export interface InflateResult {
  end: InflateEnd;
  /** Bytes produced (when end is "limit": more than the limit, decoding stopped there). */
  size: number;
  /**
   * All the output in one piece, when the decoder had it so (zlib's does; this one hands out
   * chunks of a reused buffer and leaves it undefined).
   */
  output?: Uint8Array;
}

/** Receives the output in order, in chunks of up to 64 KiB; returning false stops decoding. */
export type InflateSink = (chunk: Uint8Array) => boolean | void;

const WINDOW = 32768;
const CHUNK = 65536;
const MAX_MATCH = 258;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
  24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order the code length code lengths are stored in. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code as a lookup table over `bits` input bits: symbol << 4 | code length (0: no code). */
interface Huffman {
  table: Int32Array;
  bits: number;
}

function buildHuffman(lengths: ArrayLike<number>, count: number): Huffman {
  const perLength = new Uint16Array(16);
  let bits = 0;
  for (let i = 0; i < count; i++) {
    const length = lengths[i];
    perLength[length]++;
    if (length > bits) bits = length;
  }
  perLength[0] = 0;
  // More codes than the lengths allow: not a prefix code. Fewer (incomplete) is allowed; decoding
  // an unassigned code fails.
  let left = 1;
  for (let length = 1; length <= 15; length++) {
    left = (left << 1) - perLength[length];
    if (left < 0) throw new InflateError("invalid Huffman code (over-subscribed)");
  }
  const next = new Uint16Array(16);
  let code = 0;
  for (let length = 1; length <= 15; length++) {
    code = (code + perLength[length - 1]) << 1;
    next[length] = code;
  }
  const size = 1 << bits;
  const table = new Int32Array(size);
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[symbol];
    if (length === 0) continue;
    const assigned = next[length]++;
    // DEFLATE sends codes most significant bit first into a stream read least significant first.
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((assigned >> i) & 1) << (length - 1 - i);
    for (let i = reversed; i < size; i += 1 << length) table[i] = (symbol << 4) | length;
  }
  return { table, bits };
}

let fixedCodes: { literal: Huffman; distance: Huffman } | null = null;

function fixed(): { literal: Huffman; distance: Huffman } {
  if (!fixedCodes) {
    const literal = new Uint8Array(288);
    literal.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedCodes = { literal: buildHuffman(literal, 288), distance: buildHuffman(new Uint8Array(30).fill(5), 30) };
  }
  return fixedCodes;
}

/**
 * Decodes a raw DEFLATE stream, handing the output to `sink`; stops once more than `limit` bytes
 * came out (end "limit"), when the sink returns false (end "stopped"), or at the final block's end.
 * Throws InflateError for invalid or truncated data.
 */
export function inflateRaw(input: Uint8Array, limit: number, sink?: InflateSink): InflateResult {
  let pos = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  /** Zero bits appended past the end of the input (consuming any of them means truncation). */
  let padding = 0;

  const need = (n: number): void => {
    while (bitCount < n) {
      if (pos < input.length) bitBuffer |= input[pos++] << bitCount;
      else padding += 8;
      bitCount += 8;
    }
  };
  const consume = (n: number): void => {
    bitBuffer >>>= n;
    bitCount -= n;
    if (bitCount < padding) throw new InflateError("unexpected end of the compressed data");
  };
  const bits = (n: number): number => {
    if (n === 0) return 0;
    need(n);
    const value = bitBuffer & ((1 << n) - 1);
    consume(n);
    return value;
  };
  const decode = (code: Huffman): number => {
    need(code.bits);
    const entry = code.table[bitBuffer & ((1 << code.bits) - 1)];
    const length = entry & 15;
    if (length === 0) throw new InflateError("invalid Huffman code");
    consume(length);
    return entry >> 4;
  };

  const out = new Uint8Array(WINDOW + CHUNK + MAX_MATCH);
  let op = 0; // write position in `out`
  let flushed = 0; // out[flushed, op) not yet handed to the sink
  let produced = 0;
  let stopped = false;
  const flush = (): void => {
    if (op > flushed && sink && sink(out.subarray(flushed, op)) === false) stopped = true;
    if (op > WINDOW) {
      out.copyWithin(0, op - WINDOW, op);
      op = WINDOW;
    }
    flushed = op;
  };

  for (let last = false; !last;) {
    last = bits(1) === 1;
    const type = bits(2);
    if (type === 0) {
      // Stored: back to a byte boundary, give back the whole bytes already in the bit buffer.
      consume(bitCount & 7);
      pos -= (bitCount - padding) >> 3;
      bitBuffer = 0;
      bitCount = 0;
      padding = 0;
      if (pos + 4 > input.length) throw new InflateError("unexpected end of the compressed data");
      let length = input[pos] | (input[pos + 1] << 8);
      const check = input[pos + 2] | (input[pos + 3] << 8);
      pos += 4;
      if (length !== (~check & 0xffff)) throw new InflateError("invalid stored block length");
      if (pos + length > input.length) throw new InflateError("unexpected end of the compressed data");
      while (length > 0) {
        if (op >= WINDOW + CHUNK) {
          flush();
          if (stopped) return { end: "stopped", size: produced };
        }
        const n = Math.min(length, WINDOW + CHUNK - op);
        out.set(input.subarray(pos, pos + n), op);
        op += n;
        pos += n;
        length -= n;
        produced += n;
        if (produced > limit) return { end: "limit", size: produced };
      }
      continue;
    }
    let literal: Huffman;
    let distance: Huffman;
    if (type === 1) {
      ({ literal, distance } = fixed());
    } else if (type === 2) {
      const literals = bits(5) + 257;
      const distances = bits(5) + 1;
      const codeLengths = bits(4) + 4;
      if (literals > 286 || distances > 30) throw new InflateError("invalid code counts");
      const lengthLengths = new Uint8Array(19);
      for (let i = 0; i < codeLengths; i++) lengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
      const lengthCode = buildHuffman(lengthLengths, 19);
      const lengths = new Uint8Array(literals + distances);
      for (let i = 0; i < lengths.length;) {
        const symbol = decode(lengthCode);
        if (symbol < 16) {
          lengths[i++] = symbol;
          continue;
        }
        let value = 0;
        let repeat: number;
        if (symbol === 16) {
          if (i === 0) throw new InflateError("invalid code length repeat");
          value = lengths[i - 1];
          repeat = 3 + bits(2);
        } else if (symbol === 17) {
          repeat = 3 + bits(3);
        } else {
          repeat = 11 + bits(7);
        }
        if (i + repeat > lengths.length) throw new InflateError("invalid code length repeat");
        lengths.fill(value, i, i + repeat);
        i += repeat;
      }
      if (lengths[256] === 0) throw new InflateError("no end-of-block code");
      literal = buildHuffman(lengths.subarray(0, literals), literals);
      distance = buildHuffman(lengths.subarray(literals), distances);
    } else {
      throw new InflateError("invalid block type");
    }

    for (;;) {
      if (op >= WINDOW + CHUNK) {
        flush();
        if (stopped) return { end: "stopped", size: produced };
      }
      const symbol = decode(literal);
      if (symbol < 256) {
        out[op++] = symbol;
        if (++produced > limit) return { end: "limit", size: produced };
        continue;
      }
      if (symbol === 256) break;
      const lengthIndex = symbol - 257;
      if (lengthIndex >= 29) throw new InflateError("invalid length code");
      const length = LENGTH_BASE[lengthIndex] + bits(LENGTH_EXTRA[lengthIndex]);
      const distanceIndex = decode(distance);
      if (distanceIndex >= 30) throw new InflateError("invalid distance code");
      const back = DIST_BASE[distanceIndex] + bits(DIST_EXTRA[distanceIndex]);
      if (back > op) throw new InflateError("distance too far back");
      for (let i = 0; i < length; i++, op++) out[op] = out[op - back];
      produced += length;
      if (produced > limit) return { end: "limit", size: produced };
    }
  }
  flush();
  return { end: "end", size: produced };
}
