/**
 * The fix preview's rows: every write fixWorkbook proposes, in workbook order, each with what the
 * cell holds, what it would hold, what really changes and the finding it fixes. Loaded by the
 * controller when the user opens the preview (a chunk of its own, with the core's fix passes).
 */
import {
  fixWorkbook,
  type CellContent,
  type CellWrite,
  type CheckOptions,
  type Finding,
  type ValidationResult,
  type WorkbookData,
} from "../core";
import { cellKey, cellLocation, parseA1 } from "../core/address";
import type { Preview, PreviewRow } from "./controller";
import { describeChange, formatContent } from "./format";
import type { Strings } from "./i18n";

export function previewOf(workbook: WorkbookData, options: CheckOptions, s: Strings): { result: ValidationResult; preview: Preview } {
  const lang = options.lang ?? "ja";
  const fix = fixWorkbook(workbook, options);
  const reasons = new Map<string, Finding>();
  for (const finding of fix.before.findings) {
    for (const write of finding.fix ?? []) {
      const key = cellKey(write.sheet, write.cell);
      if (!reasons.has(key)) reasons.set(key, finding);
    }
  }
  // Workbook order: sheets as in the workbook, then row by row (fix passes append out of order).
  const sheetRank = new Map(workbook.sheets.map((sheet, i) => [sheet.name, i]));
  const position = (w: CellWrite) => parseA1(w.cell) ?? { row: 0, col: 0 };
  const writes = [...fix.writes].sort(
    (a, b) =>
      (sheetRank.get(a.sheet) ?? Infinity) - (sheetRank.get(b.sheet) ?? Infinity) ||
      position(a).row - position(b).row ||
      position(a).col - position(b).col,
  );
  const rows = writes.map((write): PreviewRow => {
    const key = cellKey(write.sheet, write.cell);
    const after: CellContent = {
      value: write.value,
      formula: write.formula ?? null,
      numberFormat: write.numberFormat ?? write.expected.numberFormat ?? null,
    };
    const finding = reasons.get(key);
    return {
      note: describeChange(write.expected, after, s),
      key,
      write,
      location: cellLocation(write.sheet, write.cell),
      before: formatContent(write.expected, s),
      after: formatContent(after, s),
      ticked: true,
      reason: finding ? finding.messages[lang] : null,
      ruleId: finding?.ruleId ?? null,
    };
  });
  const fixableFindings = fix.before.stats.fixable;
  return { result: fix.before, preview: { rows, fixableFindings } };
}
