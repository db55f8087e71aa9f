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

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f /* / */ || c === 0x3e; /* > */
}

/**
 * Calls `visit` with the attribute text of every <name …> start tag, in order; `body` (when asked
 * for) is the text up to the matching </name>. Linear in the text whatever it holds: every search
 * moves forward, and one that finds nothing ends the walk (regular expressions such as
 * /<name\b[^>]*>([\s\S]*?)<\/name>/g retry at every start and take quadratic time on hostile parts).
 */
export function forEachElement(
  xml: string,
  name: string,
  visit: (attributes: string, body: string | null) => void,
  withBody = false,
): void {
  const open = "<" + name;
  const close = "</" + name + ">";
  let from = 0;
  for (;;) {
    const start = xml.indexOf(open, from);
    if (start < 0) return;
    const afterName = start + open.length;
    if (!isNameEnd(xml.charCodeAt(afterName))) {
      from = afterName; // a longer name (<sheets, <commentList)
      continue;
    }
    const end = xml.indexOf(">", afterName);
    if (end < 0) return;
    const selfClosing = xml.charCodeAt(end - 1) === 0x2f;
    const attributes = xml.slice(afterName, selfClosing ? end - 1 : end);
    if (!withBody || selfClosing) {
      visit(attributes, withBody ? "" : null);
      from = end + 1;
      continue;
    }
    const bodyEnd = xml.indexOf(close, end + 1);
    if (bodyEnd < 0) return;
    visit(attributes, xml.slice(end + 1, bodyEnd));
    from = bodyEnd + close.length;
  }
}

/** An attribute's value from a start tag's attribute text (decoded), or undefined. */
export function attributeOf(attributes: string, name: string): string | undefined {
  const value = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
  return value === undefined ? undefined : xmlDecode(value);
}

/** The relationships of a .rels part. */
export function relationships(xml: string | null): Relationship[] {
  if (!xml) return [];
  const found: Relationship[] = [];
  forEachElement(xml, "Relationship", (attributes) => {
    found.push({
      id: attributeOf(attributes, "Id") ?? "",
      type: attributeOf(attributes, "Type") ?? "",
      target: attributeOf(attributes, "Target") ?? "",
    });
  });
  return found;
}

/** Resolves a relationship target against the folder of the part that holds it (lower case). */
export function resolvePart(from: string, target: string): string {
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
