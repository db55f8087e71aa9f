/**
 * ExcelJS drops a note (comment) whose cell holds nothing else when it reads a file, so a saved
 * copy would lose it. This reads the comment parts directly and puts those notes back on their
 * cells before anything is written. The note's text is kept; its rich-text runs become plain text.
 *
 * No Node here: the caller hands in the package's part texts (the CLI inflates them with zlib,
 * the browser demo with DecompressionStream).
 */
import type { Cell, Workbook } from "exceljs";

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities (all that attribute values and text in these parts use). */
export function xmlDecode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name]);
}

/** A part's text by its lower-case name ("xl/workbook.xml"), or null when the package has none. */
export type PartText = (name: string) => string | null;

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string | null): Relationship[] {
  if (!xml) return [];
  const found: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attr = (name: string) => xmlDecode(new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? "");
    found.push({ id: attr("Id"), type: attr("Type"), target: attr("Target") });
  }
  return found;
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1).toLowerCase();
  const parts = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/").toLowerCase();
}

/** Whether a package with these part names can hold notes (worth reading its parts for). */
export function mayHoldNotes(partNames: readonly string[]): boolean {
  return partNames.some((name) => /comments\d*\.xml$/i.test(name));
}

/** The notes of every sheet, as the file holds them: sheet name → cell → text. */
export function readNotesFromParts(text: PartText, partNames: readonly string[]): Map<string, Map<string, string>> {
  const notes = new Map<string, Map<string, string>>();
  const workbookXml = text("xl/workbook.xml");
  if (!workbookXml || !mayHoldNotes(partNames)) return notes;
  const workbookRels = relationships(text("xl/_rels/workbook.xml.rels"));
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = xmlDecode(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? "");
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    const target = workbookRels.find((r) => r.id === rid)?.target;
    if (!target) continue;
    const sheetPart = resolvePart("xl/workbook.xml", target);
    const relsPart = sheetPart.replace(/([^/]+)$/, "_rels/$1.rels");
    const comments = relationships(text(relsPart)).find((r) => r.type.endsWith("/comments"));
    if (!comments) continue;
    const xml = text(resolvePart(sheetPart, comments.target));
    if (!xml) continue;
    const sheetNotes = new Map<string, string>();
    for (const c of xml.matchAll(/<comment\b[^>]*\bref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)) {
      const note = [...c[2].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlDecode(t[1])).join("");
      sheetNotes.set(c[1], note);
    }
    notes.set(name, sheetNotes);
  }
  return notes;
}

/** Sets a note where the cell has none; true when it did. */
function putNote(cell: Cell, text: string): boolean {
  if (cell.note) return false;
  cell.note = text;
  return true;
}

/** Puts back the notes ExcelJS did not attach; returns how many. */
export function restoreNotes(workbook: Workbook, notes: Map<string, Map<string, string>>): number {
  let restored = 0;
  for (const [sheetName, cells] of notes) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    for (const [address, text] of cells) if (putNote(sheet.getCell(address), text)) restored++;
  }
  return restored;
}
