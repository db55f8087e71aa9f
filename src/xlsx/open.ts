/**
 * Opening a file: from its bytes to the parts ExcelJS may read, one step for the CLI
 * (src/node/xlsx.ts, with zlib's inflate) and the browser demo (src/demo/zip-parts.ts, with
 * src/xlsx/inflate.ts). It tells what the file is (kind.ts), checks the package's limits while it
 * inflates every part once (limits.ts), and keeps the inflated parts: for ExcelJS as a stored copy
 * (so JSZip and pako inflate nothing again), and as texts for the notes ExcelJS drops (notes.ts)
 * and what a saved copy would lose (losses.ts).
 */
import { classifyBytes, type FileKindProblem } from "./kind";
import type { RawInflater } from "./limits";
import type { PartText } from "./xml";
import { listZipEntries, looksLikeZip, writeZip, type ZipEntry } from "./zip";

export interface OpenOptions {
  /** The DEFLATE decoder: inflateRaw (src/xlsx/inflate.ts, no Node) unless given; the CLI passes zlib's. */
  inflateRaw?: RawInflater;
}

/** A package that passed the checks, with every part inflated. */
class OpenedPackage {
  /** The part names as the ZIP directory lists them, in its order. */
  readonly names: readonly string[];
  private readonly byName: ReadonlyMap<string, ZipEntry>;
  private readonly texts = new Map<string, string | null>();
  private readonly decoder = new TextDecoder("utf-8");

  constructor(
    readonly entries: readonly ZipEntry[],
    /** Every entry's inflated bytes. */
    readonly parts: ReadonlyMap<ZipEntry, Uint8Array>,
  ) {
    this.names = entries.map((entry) => entry.name);
    this.byName = new Map(entries.map((entry) => [normalName(entry.name), entry]));
  }

  /** A part's inflated bytes by name (any case, with or without a leading "/"); null when there is none. */
  bytes(name: string): Uint8Array | null {
    const entry = this.byName.get(normalName(name));
    return (entry && this.parts.get(entry)) ?? null;
  }

  /** A part's text (UTF-8), decoded once; the PartText notes.ts and losses.ts read. */
  readonly text: PartText = (name) => {
    const key = normalName(name);
    let text = this.texts.get(key);
    if (text === undefined) {
      const bytes = this.bytes(key);
      text = bytes ? this.decoder.decode(bytes) : null;
      this.texts.set(key, text);
    }
    return text;
  };

  /**
   * The package again with every part stored (method 0), byte for byte the parts inflated, in the
   * same order, with the CRC-32s the original directory recorded (none is computed): what ExcelJS
   * reads. `keep` leaves out the parts it rejects. The limits keep it within 32-bit offsets
   * (LIMITS.totalBytes) and 65,535 entries (LIMITS.parts).
   */
  storedCopy(keep?: (entry: ZipEntry) => boolean): Uint8Array {
    const entries = keep ? this.entries.filter(keep) : this.entries;
    return writeZip(
      entries.map((entry) => {
        const data = this.parts.get(entry);
        if (!data) throw new Error(`no bytes for part ${entry.name}`);
        return { name: entry.name, data, method: 0, crc32: entry.crc32 };
      }),
    );
  }
}

function normalName(name: string): string {
  return name.replace(/^\//, "").toLowerCase();
}

export type OpenResult = { problem: FileKindProblem; opened?: undefined } | { problem: null; opened: OpenedPackage };

/**
 * Opens a file's bytes: `problem` says why they cannot be read as a workbook (kind.ts's and
 * limits.ts's refusals, described by describeProblem), or `opened` holds the checked package.
 */
export function openPackage(bytes: Uint8Array, { inflateRaw }: OpenOptions = {}): OpenResult {
  const entries = looksLikeZip(bytes) ? listZipEntries(bytes) : null;
  const parts = new Map<ZipEntry, Uint8Array>();
  const problem = classifyBytes(bytes, entries, { inflate: inflateRaw, parts });
  if (problem) return { problem };
  // classifyBytes passes only a readable ZIP archive.
  if (!entries) return { problem: { code: "corrupt-zip" } };
  return { problem: null, opened: new OpenedPackage(entries, parts) };
}
