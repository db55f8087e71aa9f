/**
 * zlib behind the contract of src/xlsx/inflate.ts's inflateRaw, for the package checks the CLI runs
 * before ExcelJS (src/xlsx/limits.ts). The checks inflate every part of every file; in JavaScript
 * that was a fifth of a batch's time, natively it is a few percent (docs/performance.md).
 *
 * zlib inflates the whole part at once, so memory is bounded by `limit` (the size the ZIP directory
 * claims, itself at most LIMITS.partBytes) rather than constant as in the JavaScript decoder; output
 * past `limit` stops zlib there (maxOutputLength).
 */
import { constants as bufferConstants } from "buffer";
import * as zlib from "zlib";
import { InflateError, type InflateResult, type InflateSink } from "../xlsx/inflate";
import type { RawInflater } from "../xlsx/limits";

const CHUNK = 65536;

function inflateWithZlib(input: Uint8Array, limit: number, sink?: InflateSink): InflateResult {
  const bounded = limit < bufferConstants.MAX_LENGTH - 1;
  let output: Buffer;
  try {
    output = zlib.inflateRawSync(input, bounded ? { maxOutputLength: limit + 1 } : {});
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return { end: "limit", size: limit + 1 };
    throw new InflateError(error instanceof Error ? error.message : String(error));
  }
  if (output.length > limit) return { end: "limit", size: output.length };
  if (sink) {
    // The same chunk size as inflateRaw, so a sink sees no difference.
    for (let at = 0; at < output.length; at += CHUNK) {
      const chunk = output.subarray(at, Math.min(at + CHUNK, output.length));
      if (sink(chunk) === false) return { end: "stopped", size: at + chunk.length };
    }
  }
  return { end: "end", size: output.length, output };
}

/** inflateWithZlib, marked as giving its whole output (src/xlsx/limits.ts keeps it without copying). */
export const zlibInflateRaw: RawInflater = Object.assign(inflateWithZlib, { wholeOutput: true });
