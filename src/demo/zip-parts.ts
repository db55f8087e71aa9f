/**
 * Reads parts of an .xlsx package in the browser (DecompressionStream, no library): what the
 * download needs that ExcelJS does not keep (notes on otherwise empty cells), and what a saved copy
 * loses (charts, macros, …), as the CLI tells before --fix writes.
 */
import { compressedBytes, listZipEntries, type ZipEntry } from "../xlsx/kind";
import { findRoundTripLossesIn, isLossPart, type RoundTripLoss } from "../xlsx/losses";
import { mayHoldNotes, readNotesFromParts, restoreNotes } from "../xlsx/notes";
import type { Workbook } from "exceljs";

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** One entry's bytes; null when it cannot be read (unknown method, damaged). */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array | null> {
  const data = compressedBytes(bytes, entry);
  if (!data) return null;
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return await inflateRaw(data);
  } catch {
    return null;
  }
  return null;
}

/** The texts of the parts `wanted` picks, by lower-case name. */
export async function readPartTexts(
  bytes: Uint8Array,
  entries: ZipEntry[],
  wanted: (name: string) => boolean,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const decoder = new TextDecoder("utf-8");
  for (const entry of entries) {
    const name = entry.name.replace(/^\//, "").toLowerCase();
    if (!wanted(name)) continue;
    const data = await readZipEntry(bytes, entry);
    if (data) texts.set(name, decoder.decode(data));
  }
  return texts;
}

/** The parts notes are found through: the workbook, relationships, comments. */
function notePart(name: string): boolean {
  return name === "xl/workbook.xml" || name.endsWith(".rels") || /comments[^/]*\.xml$/.test(name);
}

/**
 * Puts back on `workbook` (loaded by ExcelJS from `bytes`) the notes ExcelJS dropped; returns how
 * many. Best effort: a package it cannot read gets none.
 */
export async function restoreDroppedNotes(workbook: Workbook, bytes: Uint8Array): Promise<number> {
  const entries = listZipEntries(bytes);
  if (!entries || !mayHoldNotes(entries.map((e) => e.name))) return 0;
  const texts = await readPartTexts(bytes, entries, notePart);
  const notes = readNotesFromParts(
    (name) => texts.get(name) ?? null,
    entries.map((e) => e.name),
  );
  return restoreNotes(workbook, notes);
}

/** What a copy of the package saved through ExcelJS loses (empty when the package cannot be read). */
export async function roundTripLosses(bytes: Uint8Array): Promise<RoundTripLoss[]> {
  const entries = listZipEntries(bytes);
  if (!entries) return [];
  const texts = await readPartTexts(bytes, entries, isLossPart);
  return findRoundTripLossesIn(
    entries.map((e) => e.name),
    (name) => texts.get(name) ?? null,
  );
}
