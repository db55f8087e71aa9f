/**
 * ExcelJS drops a note (comment) whose cell holds nothing else when it reads a file, so a saved
 * copy would lose it. This reads the comment parts directly and puts those notes back on their
 * cells before anything is written. The note's text is kept; its rich-text runs become plain text.
 */
import type ExcelJS from "exceljs";
import { textOf, xmlDecode } from "./inspect";
import type { ZipEntry } from "./zip";

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

/** The notes of every sheet, as the file holds them: sheet name → cell → text. */
export function readNotes(buffer: Buffer, entries: ZipEntry[]): Map<string, Map<string, string>> {
  const notes = new Map<string, Map<string, string>>();
  const workbookXml = textOf(buffer, entries, "xl/workbook.xml");
  if (!workbookXml || !entries.some((e) => /comments\d*\.xml$/i.test(e.name))) return notes;
  const workbookRels = relationships(textOf(buffer, entries, "xl/_rels/workbook.xml.rels"));
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = xmlDecode(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? "");
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    const target = workbookRels.find((r) => r.id === rid)?.target;
    if (!target) continue;
    const sheetPart = resolvePart("xl/workbook.xml", target);
    const relsPart = sheetPart.replace(/([^/]+)$/, "_rels/$1.rels");
    const comments = relationships(textOf(buffer, entries, relsPart)).find((r) => r.type.endsWith("/comments"));
    if (!comments) continue;
    const xml = textOf(buffer, entries, resolvePart(sheetPart, comments.target));
    if (!xml) continue;
    const sheetNotes = new Map<string, string>();
    for (const c of xml.matchAll(/<comment\b[^>]*\bref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)) {
      const text = [...c[2].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlDecode(t[1])).join("");
      sheetNotes.set(c[1], text);
    }
    notes.set(name, sheetNotes);
  }
  return notes;
}

/** Puts back the notes ExcelJS did not attach; returns how many. */
export function restoreNotes(workbook: ExcelJS.Workbook, notes: Map<string, Map<string, string>>): number {
  let restored = 0;
  for (const [sheetName, cells] of notes) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    for (const [address, text] of cells) {
      const cell = sheet.getCell(address);
      if (cell.note) continue;
      cell.note = text;
      restored++;
    }
  }
  return restored;
}
