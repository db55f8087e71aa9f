/**
 * The demo's file opening: the same step as the CLI's (src/xlsx/open.ts), with the DEFLATE decoder
 * that needs no Node (src/xlsx/inflate.ts), so every part is inflated once per file opened — for
 * the limit check, for ExcelJS (a stored copy), for the notes ExcelJS drops and for what a saved
 * copy loses — and not again for each download.
 */
import type { Workbook } from "exceljs";
import type { FileKindProblem } from "../xlsx/kind";
import { findRoundTripLossesIn, type RoundTripLoss } from "../xlsx/losses";
import { readNotesFromParts, restoreNotes } from "../xlsx/notes";
import type { RawInflater } from "../xlsx/limits";
import { openPackage } from "../xlsx/open";

/** What the demo keeps of a file it opened. */
export interface OpenedFile {
  /** The package with every part stored (src/xlsx/open.ts): what ExcelJS loads, to show and for each download. */
  stored: Uint8Array;
  /** The notes the file holds, sheet → cell → text: ExcelJS drops those of otherwise empty cells. */
  notes: Map<string, Map<string, string>>;
  /** What a copy saved through ExcelJS loses (charts, macros, …), as the CLI tells before --fix writes. */
  losses: RoundTripLoss[];
}

/**
 * Opens a file's bytes: why they cannot be read as a workbook, or what the demo keeps of them.
 * `inflateRaw` is src/xlsx/inflate.ts's unless a test counts its calls.
 */
export function openFileBytes(
  bytes: Uint8Array,
  inflateRaw?: RawInflater,
): { problem: FileKindProblem } | { problem: null; file: OpenedFile } {
  const { problem, opened } = openPackage(bytes, { inflateRaw });
  if (problem) return { problem };
  return {
    problem: null,
    file: {
      stored: opened.storedCopy(),
      notes: readNotesFromParts(opened.text, opened.names),
      losses: findRoundTripLossesIn(opened.names, opened.text),
    },
  };
}

/** Puts back on `workbook` (loaded by ExcelJS from `file.stored`) the notes ExcelJS dropped; returns how many. */
export function restoreDroppedNotes(workbook: Workbook, file: OpenedFile): number {
  return restoreNotes(workbook, file.notes);
}
