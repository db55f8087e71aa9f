/**
 * What a copy saved through ExcelJS loses or changes of a package (charts, pivot tables, macros,
 * some defined names, shapes, …): the CLI warns before --fix writes, the browser demo when it saves.
 * No Node here: the caller hands in the part texts.
 */
import type { Localized } from "../core/types";
import { attributeOf, forEachElement, xmlDecode, type PartText } from "./xml";

/** A feature of the input that a copy saved by ExcelJS loses or changes. */
export interface RoundTripLoss {
  feature: string;
  messages: Localized;
}

const PART_LOSSES: { test: (name: string) => boolean; feature: string; messages: Localized }[] = [
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

// A defined name ExcelJS keeps: a list of absolute cell ranges ('Sheet'!$A$1 or 'Sheet'!$A$1:$B$2).
const KEPT_NAME_RANGE = /^(?:'(?:[^']|'')+'|[^'!,()]+)!\$[A-Z]{1,3}\$\d+(?::\$[A-Z]{1,3}\$\d+)?$/;

/**
 * Features of the package that ExcelJS drops or changes when it writes a copy. Read-only: used to
 * warn the user before a fixed copy is saved. Best effort — an unreadable part is simply skipped.
 */
export function findRoundTripLossesIn(partNames: readonly string[], text: PartText): RoundTripLoss[] {
  const losses: RoundTripLoss[] = [];
  const lower = partNames.map((name) => name.replace(/^\//, "").toLowerCase());
  for (const rule of PART_LOSSES) {
    if (lower.some(rule.test)) losses.push({ feature: rule.feature, messages: rule.messages });
  }

  const workbookXml = text("xl/workbook.xml");
  if (workbookXml) {
    const dropped: string[] = [];
    forEachElement(
      workbookXml,
      "definedName",
      (attrs, body) => {
        const name = attributeOf(attrs, "name") ?? "";
        if (name === "_xlnm.Print_Area" || name === "_xlnm.Print_Titles") return;
        if (name.startsWith("_xlnm._FilterDatabase")) return; // rebuilt from the auto filter
        const scoped = attributeOf(attrs, "localSheetId") !== undefined;
        const ranges = xmlDecode(body ?? "").split(",");
        if (scoped || !ranges.every((r) => KEPT_NAME_RANGE.test(r.trim()))) dropped.push(name);
      },
      true,
    );
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
  for (const partName of partNames) {
    const name = partName.toLowerCase();
    const isSheet = name.startsWith("xl/worksheets/") && name.endsWith(".xml");
    const isDrawing = name.startsWith("xl/drawings/") && name.endsWith(".xml") && !name.includes("/_rels/");
    if (!isSheet && !isDrawing) continue;
    const data = text(name);
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
