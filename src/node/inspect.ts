/**
 * Looks at a file's bytes before ExcelJS does: tells an .xlsx from the things users rename or
 * mistake for one (.xls, a password-protected workbook, CSV, .docx, …), and lists the parts of an
 * .xlsx that ExcelJS does not carry over when it saves a copy (charts, pivot tables, macros, …).
 */
import { readZipEntry, type ZipEntry } from "./zip";
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

/** A feature of the input that a copy saved by ExcelJS loses or changes. */
export interface RoundTripLoss {
  feature: string;
  messages: Bilingual;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function utf16(text: string): Buffer {
  return Buffer.from(text, "utf16le");
}

/** Classifies the bytes; null means "a ZIP archive holding a workbook part", i.e. worth handing to ExcelJS. */
export function classifyBytes(buffer: Buffer, entries: ZipEntry[] | null): FileKindProblem | null {
  if (buffer.length === 0) return { code: "empty" };
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    // An OLE compound file: an encrypted OOXML package (EncryptionInfo + EncryptedPackage streams),
    // a legacy .xls (Workbook / Book stream), or another legacy Office document.
    if (buffer.includes(utf16("EncryptedPackage")) || buffer.includes(utf16("EncryptionInfo"))) {
      return { code: "encrypted" };
    }
    if (buffer.includes(utf16("Workbook")) || buffer.includes(utf16("Book"))) return { code: "xls" };
    return { code: "ole" };
  }
  const isZip = buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (!isZip) return { code: "not-zip", looksLike: sniffNonZip(buffer) };
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

function sniffNonZip(buffer: Buffer): "text" | "html" | "pdf" | "binary" {
  const head = buffer.subarray(0, Math.min(buffer.length, 4096));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  const text = head
    .toString("utf8")
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

const PART_LOSSES: { test: (name: string) => boolean; feature: string; messages: Bilingual }[] = [
  { test: (n) => n.startsWith("xl/charts/"), feature: "charts", messages: { ja: "グラフ", en: "charts" } },
  {
    test: (n) => n.startsWith("xl/pivottables/") || n.startsWith("xl/pivotcache/"),
    feature: "pivot-tables",
    messages: { ja: "ピボットテーブル", en: "pivot tables" },
  },
  { test: (n) => n === "xl/vbaproject.bin", feature: "macros", messages: { ja: "マクロ (VBA)", en: "macros (VBA)" } },
  {
    test: (n) => n.startsWith("xl/slicers/") || n.startsWith("xl/slicercaches/") || n.startsWith("xl/timelines/"),
    feature: "slicers",
    messages: { ja: "スライサー・タイムライン", en: "slicers and timelines" },
  },
  {
    test: (n) => n.startsWith("xl/externallinks/"),
    feature: "external-links",
    messages: { ja: "外部ブックへのリンク", en: "links to other workbooks" },
  },
  {
    test: (n) => n.startsWith("xl/threadedcomments/"),
    feature: "threaded-comments",
    messages: { ja: "スレッド形式のコメントの返信（メモは残ります）", en: "threaded comment replies (notes are kept)" },
  },
  {
    test: (n) => n.startsWith("xl/ctrlprops/") || n.startsWith("xl/activex/"),
    feature: "controls",
    messages: { ja: "フォームコントロール・ActiveX コントロール", en: "form and ActiveX controls" },
  },
];

export function textOf(buffer: Buffer, entries: ZipEntry[], name: string): string | null {
  const entry = entries.find((e) => e.name.toLowerCase() === name);
  if (!entry) return null;
  const data = readZipEntry(buffer, entry, 64 * 1024 * 1024);
  return data ? data.toString("utf8") : null;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
export function xmlDecode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name]);
}

// A defined name ExcelJS keeps: a list of absolute cell ranges ('Sheet'!$A$1 or 'Sheet'!$A$1:$B$2).
const KEPT_NAME_RANGE = /^(?:'(?:[^']|'')+'|[^'!,()]+)!\$[A-Z]{1,3}\$\d+(?::\$[A-Z]{1,3}\$\d+)?$/;

/**
 * Features of the package that ExcelJS drops or changes when it writes a copy. Read-only: used to
 * warn the user before a fixed copy is saved. Best effort — an unreadable part is simply skipped.
 */
export function findRoundTripLosses(buffer: Buffer, entries: ZipEntry[]): RoundTripLoss[] {
  const losses: RoundTripLoss[] = [];
  const lower = entries.map((e) => e.name.replace(/^\//, "").toLowerCase());
  for (const rule of PART_LOSSES) {
    if (lower.some(rule.test)) losses.push({ feature: rule.feature, messages: rule.messages });
  }

  const workbookXml = textOf(buffer, entries, "xl/workbook.xml");
  if (workbookXml) {
    const dropped: string[] = [];
    const names = /<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g;
    for (let m = names.exec(workbookXml); m; m = names.exec(workbookXml)) {
      const attrs = m[1];
      const name = xmlDecode(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? "");
      if (name === "_xlnm.Print_Area" || name === "_xlnm.Print_Titles") continue;
      if (name.startsWith("_xlnm._FilterDatabase")) continue; // rebuilt from the auto filter
      const scoped = /\blocalSheetId="/.test(attrs);
      const ranges = xmlDecode(m[2]).split(",");
      if (scoped || !ranges.every((r) => KEPT_NAME_RANGE.test(r.trim()))) dropped.push(name);
    }
    if (dropped.length) {
      losses.push({
        feature: "defined-names",
        messages: {
          ja: `名前の定義 ${dropped.join("、")}（セル範囲以外の名前・シート単位の名前）`,
          en: `defined names ${dropped.join(", ")} (names that are not plain cell ranges, or sheet-scoped names)`,
        },
      });
    }
    if (/<workbookProtection\b/.test(workbookXml)) {
      losses.push({ feature: "workbook-protection", messages: { ja: "ブックの保護", en: "workbook protection" } });
    }
  }

  let x14Validation = false;
  let sparklines = false;
  let shapes = false;
  for (const entry of entries) {
    const name = entry.name.toLowerCase();
    const isSheet = name.startsWith("xl/worksheets/") && name.endsWith(".xml");
    const isDrawing = name.startsWith("xl/drawings/") && name.endsWith(".xml") && !name.includes("/_rels/");
    if (!isSheet && !isDrawing) continue;
    const data = readZipEntry(buffer, entry);
    if (!data) continue;
    if (isSheet) {
      x14Validation ||= data.includes("<x14:dataValidation");
      sparklines ||= data.includes("<x14:sparklineGroup");
    } else {
      shapes ||= data.includes("<xdr:sp>") || data.includes("<xdr:sp ") || data.includes("<xdr:cxnSp");
    }
  }
  if (x14Validation) {
    losses.push({
      feature: "extended-data-validations",
      messages: {
        ja: "一部の入力規則（拡張形式で保存された、他のシートを参照するリストなど）",
        en: "some data validations (stored in the extended format, such as lists on another sheet)",
      },
    });
  }
  if (sparklines) losses.push({ feature: "sparklines", messages: { ja: "スパークライン", en: "sparklines" } });
  if (shapes) {
    losses.push({
      feature: "shapes",
      messages: { ja: "図形・テキストボックス（画像は残ります）", en: "shapes and text boxes (pictures are kept)" },
    });
  }
  return losses;
}
