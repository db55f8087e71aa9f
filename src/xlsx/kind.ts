/**
 * What a file is, from its bytes, before ExcelJS reads it: tells an .xlsx from what users rename or
 * mistake for one (.xls, a password-protected workbook, CSV, .docx, …). Plain Uint8Array code (a Node
 * Buffer is one), so the CLI and the browser demo give the same answer in the same words.
 */
import type { Lang } from "../core/types";

export type Bilingual = Record<Lang, string>;

export type FileKindProblem =
  | { code: "empty" }
  | { code: "encrypted" }
  | { code: "xls" }
  | { code: "ole" }
  | { code: "corrupt-zip" }
  | { code: "xlsb" }
  | { code: "ods" }
  | { code: "other-office"; what: Bilingual }
  | { code: "not-xlsx-zip" }
  | { code: "not-zip"; looksLike: "text" | "html" | "pdf" | "binary" };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lists the entries of a ZIP archive; null when the bytes are not a readable ZIP archive. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  const data = view(bytes);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (data.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.getUint16(eocd + 10, true);
  const size = data.getUint32(eocd + 12, true);
  const offset = data.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || offset + size > bytes.length) return null; // ZIP64 or truncated
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder("utf-8");
  const latin1 = new TextDecoder("latin1");
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || data.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const flags = data.getUint16(p + 8, true);
    const method = data.getUint16(p + 10, true);
    const compressedSize = data.getUint32(p + 20, true);
    const uncompressedSize = data.getUint32(p + 24, true);
    const nameLength = data.getUint16(p + 28, true);
    const extraLength = data.getUint16(p + 30, true);
    const commentLength = data.getUint16(p + 32, true);
    const localHeaderOffset = data.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 names. Part names of an .xlsx are ASCII either way.
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function utf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 * i] = code & 0xff;
    out[2 * i + 1] = code >> 8;
  }
  return out;
}

/** Whether `needle` occurs in `haystack` (Buffer#includes for any Uint8Array). */
export function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Classifies the bytes; null means "a ZIP archive holding a workbook part", i.e. worth handing to
 * ExcelJS. `entries` is listZipEntries(bytes) (null when the bytes are no readable ZIP archive).
 */
export function classifyBytes(bytes: Uint8Array, entries: readonly { name: string }[] | null): FileKindProblem | null {
  if (bytes.length === 0) return { code: "empty" };
  if (bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    // An OLE compound file: an encrypted OOXML package (EncryptionInfo + EncryptedPackage streams),
    // a legacy .xls (Workbook / Book stream), or another legacy Office document.
    if (includesBytes(bytes, utf16("EncryptedPackage")) || includesBytes(bytes, utf16("EncryptionInfo"))) {
      return { code: "encrypted" };
    }
    if (includesBytes(bytes, utf16("Workbook")) || includesBytes(bytes, utf16("Book"))) return { code: "xls" };
    return { code: "ole" };
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return { code: "not-zip", looksLike: sniffNonZip(bytes) };
  if (!entries) return { code: "corrupt-zip" };
  const names = new Set(entries.map((e) => e.name.replace(/^\//, "").toLowerCase()));
  if (names.has("xl/workbook.xml")) return null;
  if (names.has("xl/workbook.bin")) return { code: "xlsb" };
  if (names.has("mimetype") && names.has("content.xml")) return { code: "ods" };
  if ([...names].some((n) => n.startsWith("word/"))) {
    return { code: "other-office", what: { ja: "Word 文書 (.docx)", en: "a Word document (.docx)" } };
  }
  if ([...names].some((n) => n.startsWith("ppt/"))) {
    return { code: "other-office", what: { ja: "PowerPoint ファイル (.pptx)", en: "a PowerPoint file (.pptx)" } };
  }
  return { code: "not-xlsx-zip" };
}

function sniffNonZip(bytes: Uint8Array): "text" | "html" | "pdf" | "binary" {
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (String.fromCharCode(...head.subarray(0, 5)) === "%PDF-") return "pdf";
  const text = new TextDecoder("utf-8")
    .decode(head)
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (text.startsWith("<")) return "html"; // HTML or SpreadsheetML 2003 saved as "xls"
  // Mostly printable: text (CSV, TSV, …). NUL bytes or many control bytes: some binary format.
  let control = 0;
  for (const byte of head) if (byte === 0 || (byte < 0x09 && byte !== 0x1b)) control++;
  return control === 0 ? "text" : "binary";
}

export function describeProblem(problem: FileKindProblem): Bilingual {
  switch (problem.code) {
    case "empty":
      return { ja: "ファイルが空です（0 バイト）", en: "the file is empty (0 bytes)" };
    case "encrypted":
      return {
        ja: "パスワードで保護（暗号化）されたブックは読めません。Excel でパスワードを解除して保存し直してください",
        en: "the workbook is password-protected (encrypted); remove the password in Excel and save it again",
      };
    case "xls":
      return {
        ja: "古い Excel 形式（.xls、Excel 97-2003）です。Excel で「Excel ブック (*.xlsx)」として保存し直してください",
        en: "this is the old Excel format (.xls, Excel 97-2003); save it as an Excel Workbook (*.xlsx) first",
      };
    case "ole":
      return {
        ja: "旧形式の Office ファイルで、Excel ブック (.xlsx) ではありません",
        en: "this is a legacy Office file, not an Excel workbook (.xlsx)",
      };
    case "corrupt-zip":
      return {
        ja: "ファイルが壊れています（ZIP 形式が途中で切れているか破損しています）",
        en: "the file is damaged (its ZIP structure is truncated or corrupt)",
      };
    case "xlsb":
      return {
        ja: "Excel バイナリブック (.xlsb) は読めません。「Excel ブック (*.xlsx)」として保存し直してください",
        en: "Excel binary workbooks (.xlsb) are not supported; save it as an Excel Workbook (*.xlsx)",
      };
    case "ods":
      return {
        ja: "OpenDocument スプレッドシート (.ods) です。Excel ブック (.xlsx) として保存し直してください",
        en: "this is an OpenDocument spreadsheet (.ods); save it as an Excel Workbook (.xlsx)",
      };
    case "other-office":
      return {
        ja: `${problem.what.ja}です。Excel ブック (.xlsx) ではありません`,
        en: `this is ${problem.what.en}, not an Excel workbook (.xlsx)`,
      };
    case "not-xlsx-zip":
      return {
        ja: "ZIP ファイルですが、Excel ブック (.xlsx) ではありません",
        en: "this is a ZIP archive but not an Excel workbook (.xlsx)",
      };
    case "not-zip": {
      const like: Record<typeof problem.looksLike, Bilingual> = {
        text: { ja: "テキストファイル（CSV など）のようです", en: "it looks like a text file (CSV or similar)" },
        html: { ja: "HTML または XML ファイルのようです", en: "it looks like an HTML or XML file" },
        pdf: { ja: "PDF ファイルです", en: "it is a PDF file" },
        binary: { ja: "形式を判別できません", en: "its format is unknown" },
      };
      return {
        ja: `Excel ブック (.xlsx) ではありません（${like[problem.looksLike].ja}）`,
        en: `not an Excel workbook (.xlsx): ${like[problem.looksLike].en}`,
      };
    }
  }
}
