/**
 * Looks at a file's bytes before ExcelJS does: lists the parts of an .xlsx that ExcelJS does not
 * carry over when it saves a copy (charts, pivot tables, macros, …). What needs no Node — telling an
 * .xlsx from the things users rename or mistake for one (src/xlsx/kind.ts), which features a copy
 * loses (src/xlsx/losses.ts) — is shared with the browser demo and re-exported here; this file
 * inflates the parts (zlib).
 */
import { readZipEntry, type ZipEntry } from "./zip";
import { findRoundTripLossesIn, type RoundTripLoss } from "../xlsx/losses";

export { classifyBytes, describeProblem, type Bilingual, type FileKindProblem } from "../xlsx/kind";
export { xmlDecode } from "../xlsx/notes";
export { findRoundTripLossesIn, type RoundTripLoss } from "../xlsx/losses";

export function textOf(buffer: Buffer, entries: ZipEntry[], name: string): string | null {
  const entry = entries.find((e) => e.name.toLowerCase() === name);
  if (!entry) return null;
  const data = readZipEntry(buffer, entry, 64 * 1024 * 1024);
  return data ? data.toString("utf8") : null;
}

/**
 * Features of the package that ExcelJS drops or changes when it writes a copy. Read-only: used to
 * warn the user before a fixed copy is saved. Best effort — an unreadable part is simply skipped.
 */
export function findRoundTripLosses(buffer: Buffer, entries: ZipEntry[]): RoundTripLoss[] {
  return findRoundTripLossesIn(
    entries.map((entry) => entry.name),
    (name) => {
      const entry = entries.find((e) => e.name.toLowerCase() === name);
      const data = entry ? readZipEntry(buffer, entry) : null;
      return data ? data.toString("utf8") : null;
    },
  );
}
