/**
 * What a file is, from its bytes, before ExcelJS reads it: tells an .xlsx from what users rename or
 * mistake for one (.xls, a password-protected workbook, CSV, .docx, …). Plain Uint8Array code (a Node
 * Buffer is one), so the CLI and the browser demo give the same answer in the same words.
 */
import type { Localized } from "../core/types";
import { checkPackageLimits, LIMITS, type LimitProblem, type PackageCheckOptions } from "./limits";


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

export interface ZipEntry {
  name: string;
  method: number;
  /** CRC-32 of the inflated bytes, as the directory records it. */
  crc32: number;
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
    const crc32 = data.getUint32(p + 16, true);
    const compressedSize = data.getUint32(p + 20, true);
    const uncompressedSize = data.getUint32(p + 24, true);
    const nameLength = data.getUint16(p + 28, true);
    const extraLength = data.getUint16(p + 30, true);
    const commentLength = data.getUint16(p + 32, true);
    const localHeaderOffset = data.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 names. Part names of an .xlsx are ASCII either way.
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    entries.push({ name, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const LOCAL_SIGNATURE = 0x04034b50;

/** An entry's stored (compressed) bytes, or null when its local header is missing or runs past the end. */
export function compressedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const data = view(bytes);
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || data.getUint32(p, true) !== LOCAL_SIGNATURE) return null;
  const start = p + 30 + data.getUint16(p + 26, true) + data.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  return end > bytes.length ? null : bytes.subarray(start, end);
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

/** "2.0 GB", "45.3 MB", "900 KB". */
export function formatBytes(bytes: number): string {
  const KiB = 1024;
  const MiB = KiB * 1024;
  const GiB = MiB * 1024;
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 0 : 1)} MB`;
  return `${Math.ceil(bytes / KiB)} KB`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** 「シート「X」（xl/worksheets/sheet1.xml）」 / 'sheet "X" (xl/…)', or the part's name alone. */
function where(sheet: string | undefined, part: string): Localized {
  return sheet !== undefined
    ? { ja: `シート「${sheet}」（${part}）`, en: `sheet "${sheet}" (${part})` }
    : { ja: `「${part}」`, en: `"${part}"` };
}

/** The messages for the limits of src/xlsx/limits.ts. */
function describeLimit(problem: LimitProblem): Localized {
  const notReport = { ja: "報告書の様式の大きさではありません", en: "far beyond any report" };
  switch (problem.code) {
    case "file-too-large":
      return {
        ja: `ファイルが大きすぎます（${formatBytes(problem.bytes)}。上限 ${formatBytes(problem.limit)}）`,
        en: `the file is too large (${formatBytes(problem.bytes)}; the limit is ${formatBytes(problem.limit)})`,
      };
    case "too-many-parts":
      return {
        ja: `ZIP の中のファイルが多すぎます（${count(problem.count)} 個。上限 ${count(problem.limit)} 個）`,
        en: `the ZIP archive holds too many files (${count(problem.count)}; the limit is ${count(problem.limit)})`,
      };
    case "zip-bomb": {
      const ratio = Math.round(problem.inflated / Math.max(1, problem.compressed));
      const at = where(problem.sheet, problem.part);
      return {
        ja: `${at.ja}は展開すると ${formatBytes(problem.inflated)}（圧縮時の ${count(ratio)} 倍。上限 ${problem.limit} 倍）になります。ZIP 爆弾の疑いがあるため読み込みません`,
        en: `${at.en} would inflate to ${formatBytes(problem.inflated)}, ${count(ratio)} times its compressed size (the limit is ${problem.limit}): a suspected zip bomb, not read`,
      };
    }
    case "part-too-large": {
      const at = where(problem.sheet, problem.part);
      return {
        ja: `${at.ja}が大きすぎます（展開後 ${formatBytes(problem.inflated)}。1 つの部品の上限 ${formatBytes(problem.limit)}）`,
        en: `${at.en} is too large (${formatBytes(problem.inflated)} inflated; the limit per part is ${formatBytes(problem.limit)})`,
      };
    }
    case "package-too-large":
      return {
        ja: `展開後の大きさの合計が大きすぎます（${formatBytes(problem.inflated)} 以上。上限 ${formatBytes(problem.limit)}）`,
        en: `the parts inflate to too much in total (${formatBytes(problem.inflated)} or more; the limit is ${formatBytes(problem.limit)})`,
      };
    case "size-mismatch": {
      const at = where(problem.sheet, problem.part);
      return {
        ja: `ファイルが壊れているか、細工されています（${at.ja}の中身が ZIP に記録された大きさと一致しません）`,
        en: `the file is damaged or tampered with (${at.en} does not match the size its ZIP directory records)`,
      };
    }
    case "corrupt-part": {
      const at = where(problem.sheet, problem.part);
      return {
        ja: `ファイルが壊れています（${at.ja}の圧縮データを展開できません）`,
        en: `the file is damaged (${at.en} cannot be inflated)`,
      };
    }
    case "zip-method":
      return {
        ja: `「${problem.part}」が Excel の使わない方式（方式 ${problem.method}）で圧縮されているため読めません。Excel で開いて保存し直してください`,
        en: `"${problem.part}" uses a compression method Excel does not use (method ${problem.method}); open and save it in Excel again`,
      };
    case "too-many-sheets":
      return {
        ja: `シートが多すぎます（上限 ${count(problem.limit)} 枚）`,
        en: `the workbook lists too many sheets (the limit is ${count(problem.limit)})`,
      };
    case "too-many-elements": {
      const at = where(problem.sheet, problem.part);
      return {
        ja: `${at.ja}までで XML の要素が上限の ${count(problem.limit)} 個を超えました（${notReport.ja}）`,
        en: `the XML up to ${at.en} holds more than ${count(problem.limit)} elements, the limit (${notReport.en})`,
      };
    }
    case "too-many-rows":
      return {
        ja: `シート「${problem.sheet}」までで行が上限の ${count(problem.limit)} 行を超えました（${notReport.ja}。不要な行が大量に残っていないか確認してください）`,
        en: `the sheets up to "${problem.sheet}" hold more than ${count(problem.limit)} rows, the limit (${notReport.en}; look for masses of unused rows)`,
      };
    case "too-many-cells":
      return {
        ja: `シート「${problem.sheet}」まででセル（結合セルの範囲を含む）が上限の ${count(problem.limit)} 個を超えました（${notReport.ja}）`,
        en: `the sheets up to "${problem.sheet}" hold more than ${count(problem.limit)} cells (merged areas included), the limit (${notReport.en})`,
      };
    case "too-many-validation-cells":
      return {
        ja: `シート「${problem.sheet}」までで入力規則の範囲が上限の ${count(problem.limit)} セル（2 列分）を超えました`,
        en: `the data validations up to sheet "${problem.sheet}" cover more than ${count(problem.limit)} cells (two whole columns), the limit`,
      };
    case "outside-grid":
      return {
        ja: `シート「${problem.sheet}」の「${problem.ref}」が Excel のシートの範囲（A1:XFD1048576）の外を指しています。Excel で保存されたブックではありません`,
        en: `"${problem.ref}" on sheet "${problem.sheet}" lies outside Excel's grid (A1:XFD1048576); the workbook was not saved by Excel`,
      };
    case "too-large":
      return {
        ja: `シート「${problem.sheet}」の使用範囲 ${problem.range} が大きすぎて読めません（上限 ${count(problem.limit)} セル。離れたセルに値が残っていないか確認してください）`,
        en: `the used range ${problem.range} of sheet "${problem.sheet}" is too large to read (the limit is ${count(problem.limit)} cells; look for a stray value far from the data)`,
      };
    case "doctype":
      return {
        ja: `「${problem.part}」に文書型宣言（DOCTYPE・ENTITY）があります。Excel の保存するブックにはないもので、安全のため読み込みません`,
        en: `"${problem.part}" declares a DTD (DOCTYPE/ENTITY), which Excel never writes; not read, for safety`,
      };
  }
}

const LIMIT_CODES: ReadonlySet<string> = new Set<LimitProblem["code"]>([
  "file-too-large",
  "too-many-parts",
  "zip-bomb",
  "part-too-large",
  "package-too-large",
  "size-mismatch",
  "corrupt-part",
  "zip-method",
  "too-many-sheets",
  "too-many-elements",
  "too-many-rows",
  "too-many-cells",
  "too-many-validation-cells",
  "outside-grid",
  "too-large",
  "doctype",
]);

function isLimitProblem(problem: FileKindProblem): problem is LimitProblem {
  return LIMIT_CODES.has(problem.code);
}

export function describeProblem(problem: FileKindProblem): Localized {
  if (isLimitProblem(problem)) return describeLimit(problem);
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
