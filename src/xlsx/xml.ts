/**
 * The XML of a package's parts, read without a parser: ExcelJS parses what it loads; these read
 * the few things it does not keep or must not be trusted with (notes, what a copy would lose, the
 * limits). Two kinds of reading:
 *
 * - on a part's text: start tags and their attributes by name (forEachElement, attributeOf),
 *   relationships (ECMA-376 Part 2, 9.3) and their targets;
 * - on a part's bytes as they inflate (XmlStreamScanner): every start tag, in constant memory,
 *   for the package limits (src/xlsx/limits.ts).
 *
 * Both are linear in their input whatever it holds: hostile parts are their input too.
 */

/** A part's text by its lower-case name ("xl/workbook.xml"), or null when the package has none. */
export type PartText = (name: string) => string | null;

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities (all that attribute values and text in these parts use). */
export function xmlDecode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name]);
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

export interface Relationship {
  id: string;
  type: string;
  target: string;
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

// ---------------------------------------------------------------------------------------------
// Streaming: start tags from a part's bytes, chunk by chunk

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** An ASCII name as bytes, to compare with what the scanner reads (XmlStreamScanner.nameIs, attribute). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const TEXT = 0;
const NAME = 1;
const ATTRIBUTES = 2;

/** Bytes of an element name kept (longer names are compared on their length and these bytes). */
const NAME_BYTES = 16;
/** Bytes of a start tag's attributes kept (the attributes the limits read come first in what Excel writes). */
const MAX_ATTRIBUTES = 1024;

/** What an XmlStreamScanner reports to. */
export interface XmlScanHandler {
  /**
   * A start tag's name has been read (the scanner's nameIs tells which); not called for <?…?>,
   * <!…> or end tags. Returns a number > 0 to have the tag's attributes read and `endTag` called
   * with it, 0 to skip them.
   */
  startTag(scanner: XmlStreamScanner): number;
  /** The start tag `startTag` picked has ended; `empty` for <x …/>. Its attributes: scanner.attribute. */
  endTag(element: number, empty: boolean): void;
  /** A <!DOCTYPE or <!ENTITY declaration (Excel never writes a DTD). */
  declaration(): void;
  /** True once the handler wants the scan to stop. */
  readonly stopped: boolean;
}

/**
 * Reads XML as it inflates, chunk by chunk: a state machine over the bytes (no text decoded but the
 * attribute values asked for), linear in them, in constant memory. Not a parser: it finds start
 * tags and their attributes (a ">" inside a quoted value does not end a tag), which is all the
 * limits need to know how many objects ExcelJS would make.
 */
export class XmlStreamScanner {
  private state = TEXT;
  /** The element name being read: its first NAME_BYTES bytes and its length. */
  private readonly name = new Uint8Array(NAME_BYTES);
  private nameLength = 0;
  /** What the handler's startTag answered for the tag whose attributes are being read. */
  private element = 0;
  private readonly attributes = new Uint8Array(MAX_ATTRIBUTES);
  private attributeLength = 0;
  private quote = 0;
  /** The last byte inside the tag being read ("/" for an empty element such as <c r="A1" s="2"/>). */
  private lastByte = 0;

  constructor(private readonly handler: XmlScanHandler) {}

  /** Before a new part: forget any tag the last one left open. */
  reset(): void {
    this.state = TEXT;
    this.nameLength = 0;
  }

  /** Scans the next chunk; false once the handler has stopped. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const state = this.state;
      if (state === TEXT) {
        const lt = chunk.indexOf(LT, i);
        if (lt < 0) break;
        this.state = NAME;
        this.nameLength = 0;
        i = lt + 1;
      } else if (state === NAME) {
        const b = chunk[i++];
        if (isSpace(b) || b === SLASH || b === GT) {
          this.openTag(b);
          if (this.handler.stopped) return false;
        } else {
          if (this.nameLength < NAME_BYTES) this.name[this.nameLength] = b;
          this.nameLength++;
        }
      } else {
        // Attributes of an element the handler reads, up to its ">" (a ">" inside quotes is text).
        const b = chunk[i++];
        if (this.quote !== 0) {
          if (b === this.quote) this.quote = 0;
        } else if (b === DQUOTE || b === SQUOTE) {
          this.quote = b;
        } else if (b === GT) {
          this.state = TEXT;
          this.handler.endTag(this.element, this.lastByte === SLASH);
          if (this.handler.stopped) return false;
          continue;
        }
        this.lastByte = b;
        if (this.attributeLength < MAX_ATTRIBUTES) this.attributes[this.attributeLength++] = b;
      }
    }
    return !this.handler.stopped;
  }

  /** Whether the name just read is exactly `bytes`. */
  nameIs(bytes: Uint8Array): boolean {
    if (this.nameLength !== bytes.length) return false;
    for (let i = 0; i < bytes.length; i++) if (this.name[i] !== bytes[i]) return false;
    return true;
  }

  private nameStartsWith(text: string): boolean {
    if (this.nameLength < text.length) return false;
    for (let i = 0; i < text.length; i++) if (this.name[i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private openTag(delimiter: number): void {
    this.state = TEXT;
    if (this.nameLength === 0) return; // "</…>" (the "/" ended the empty name) or a stray "<"
    const first = this.name[0];
    if (first === 0x21 /* ! */) {
      // <!DOCTYPE …> with <!ENTITY …>: entity expansion ("billion laughs") and external entities.
      if (this.nameStartsWith("!DOCTYPE") || this.nameStartsWith("!ENTITY")) this.handler.declaration();
      return;
    }
    if (first === 0x3f /* ? */) return;
    const element = this.handler.startTag(this);
    if (element === 0 || this.handler.stopped) return;
    this.element = element;
    this.quote = 0;
    this.attributeLength = 0;
    this.lastByte = delimiter;
    if (delimiter === GT) this.handler.endTag(element, false);
    else this.state = ATTRIBUTES;
  }

  /** An attribute's value in the start tag just read (ASCII is all these hold), or null. */
  attribute(name: Uint8Array): string | null {
    const a = this.attributes;
    const end = this.attributeLength;
    let quote = 0;
    for (let i = 0; i < end; i++) {
      const b = a[i];
      if (quote !== 0) {
        if (b === quote) quote = 0;
        continue;
      }
      if (b === DQUOTE || b === SQUOTE) {
        quote = b;
        continue;
      }
      if ((i > 0 && !isSpace(a[i - 1])) || i + name.length > end) continue;
      let j = 0;
      while (j < name.length && a[i + j] === name[j]) j++;
      if (j < name.length) continue;
      let k = i + j;
      while (k < end && isSpace(a[k])) k++;
      if (a[k] !== EQUALS) continue;
      k++;
      while (k < end && isSpace(a[k])) k++;
      const open = a[k];
      if (open !== DQUOTE && open !== SQUOTE) return null;
      let value = "";
      for (k++; k < end && a[k] !== open; k++) value += String.fromCharCode(a[k]);
      return value;
    }
    return null;
  }
}
