/**
 * ExcelJS drops a note (comment) whose cell holds nothing else when it reads a file, so a saved
 * copy would lose it. This reads the comment parts directly and puts those notes back on their
 * cells before anything is written. The note's text is kept; its rich-text runs become plain text.
 *
 * The parsing needs no Node and lives in src/xlsx/notes.ts (the browser demo's download uses it
 * too); here the parts are inflated with zlib.
 */
import { readNotesFromParts } from "../xlsx/notes";
import { textOf } from "./inspect";
import type { ZipEntry } from "./zip";

export { restoreNotes } from "../xlsx/notes";

/** The notes of every sheet, as the file holds them: sheet name → cell → text. */
export function readNotes(buffer: Buffer, entries: ZipEntry[]): Map<string, Map<string, string>> {
  return readNotesFromParts(
    (name) => textOf(buffer, entries, name),
    entries.map((entry) => entry.name),
  );
}
