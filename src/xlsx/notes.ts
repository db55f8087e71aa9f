/**
 * ExcelJS drops a note (comment) whose cell holds nothing else when it reads a file, so a saved
 * copy would lose it. This reads the comment parts directly and puts those notes back on their
 * cells before anything is written. The note's text is kept; its rich-text runs become plain text.
 *
 * No Node here: the caller hands in the package's part texts (the parts src/xlsx/open.ts inflated,
 * with zlib in the CLI, with src/xlsx/inflate.ts in the browser demo).
 */
import type { Cell, Workbook } from "exceljs";
import { attributeOf, forEachElement, relationships, resolvePart, xmlDecode, type PartText } from "./xml";

/** Whether a package with these part names can hold notes (worth reading its parts for). */
function mayHoldNotes(partNames: readonly string[]): boolean {
  return partNames.some((name) => /comments\d*\.xml$/i.test(name));
}

/** The notes of every sheet, as the file holds them: sheet name → cell → text. */
export function readNotesFromParts(text: PartText, partNames: readonly string[]): Map<string, Map<string, string>> {
  const notes = new Map<string, Map<string, string>>();
  const workbookXml = text("xl/workbook.xml");
  if (!workbookXml || !mayHoldNotes(partNames)) return notes;
  const workbookRels = relationships(text("xl/_rels/workbook.xml.rels"));
  const sheets: { name: string; rid: string | undefined }[] = [];
  forEachElement(workbookXml, "sheet", (attributes) =>
    sheets.push({ name: attributeOf(attributes, "name") ?? "", rid: attributeOf(attributes, "r:id") }),
  );
  const targets = new Map(workbookRels.map((r) => [r.id, r.target]));
  for (const { name, rid } of sheets) {
    const target = targets.get(rid ?? "");
    if (!target) continue;
    const sheetPart = resolvePart("xl/workbook.xml", target);
    const relsPart = sheetPart.replace(/([^/]+)$/, "_rels/$1.rels");
    const comments = relationships(text(relsPart)).find((r) => r.type.endsWith("/comments"));
    if (!comments) continue;
    const xml = text(resolvePart(sheetPart, comments.target));
    if (!xml) continue;
    const sheetNotes = new Map<string, string>();
    forEachElement(
      xml,
      "comment",
      (attributes, body) => {
        const ref = attributeOf(attributes, "ref");
        if (!ref || !/^[A-Z]+\d+$/.test(ref)) return;
        const texts: string[] = [];
        forEachElement(body ?? "", "t", (_attributes, text) => texts.push(xmlDecode(text ?? "")), true);
        sheetNotes.set(ref, texts.join(""));
      },
      true,
    );
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
