/**
 * What a file is, from its bytes, before ExcelJS reads it: tells an .xlsx from what users rename or
 * mistake for one (.xls, a password-protected workbook, CSV, .docx, …). Plain Uint8Array code (a Node
 * Buffer is one), so the CLI and the browser demo give the same answer in the same words.
 */
import type { Localized } from "../core/types";
import { checkPackageLimits, describeLimitProblem, isLimitProblem, LIMITS, type LimitProblem, type PackageCheckOptions } from "./limits";
import { listZipEntries, looksLikeZip, type ZipEntry } from "./zip";

export type FileKindProblem =
  | LimitProblem
  | { code: "empty" }
  | { code: "encrypted" }
  | { code: "xls" }
  | { code: "ole" }
  | { code: "corrupt-zip" }
  | { code: "xlsb" }
  | { code: "ods" }
  | { code: "other-office"; what: Localized }
  | { code: "not-xlsx-zip" }
  | { code: "not-zip"; looksLike: "text" | "html" | "pdf" | "binary" };

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
function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function isZipEntry(entry: { name: string }): entry is ZipEntry {
  return typeof (entry as Partial<ZipEntry>).localHeaderOffset === "number";
}

/**
 * Classifies the bytes; null means "a ZIP archive holding a workbook part, within the limits",
 * i.e. safe to hand to ExcelJS. `entries` is listZipEntries(bytes) (null when the bytes are no
 * readable ZIP archive).
 */
export function classifyBytes(
  bytes: Uint8Array,
  entries: readonly { name: string }[] | null,
  options?: PackageCheckOptions,
): FileKindProblem | null {
  const problem = classifyKind(bytes, entries);
  if (problem || !entries) return problem;
  const listed = entries.every(isZipEntry) ? (entries as readonly ZipEntry[]) : listZipEntries(bytes);
  return listed ? checkPackageLimits(bytes, listed, LIMITS, options) : { code: "corrupt-zip" };
}

function classifyKind(bytes: Uint8Array, entries: readonly { name: string }[] | null): FileKindProblem | null {
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
  if (!looksLikeZip(bytes)) return { code: "not-zip", looksLike: sniffNonZip(bytes) };
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
    .replace(/^\s+/, "") // a BOM and white space (\s includes U+FEFF, as trimStart does)
    .toLowerCase();
  if (text.startsWith("<")) return "html"; // HTML or SpreadsheetML 2003 saved as "xls"
  // Mostly printable: text (CSV, TSV, …). NUL bytes or many control bytes: some binary format.
  let control = 0;
  for (const byte of head) if (byte === 0 || (byte < 0x09 && byte !== 0x1b)) control++;
  return control === 0 ? "text" : "binary";
}

export function describeProblem(problem: FileKindProblem): Localized {
  if (isLimitProblem(problem)) return describeLimitProblem(problem);
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
      const like: Record<typeof problem.looksLike, Localized> = {
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
