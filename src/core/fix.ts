import { cellKey } from "./address";
import { applyWrites, holdsExpected } from "./apply";
import type { CellWrite, CheckOptions, ValidationResult } from "./types";
import { validateWorkbook } from "./validate";
import type { CellContent, WorkbookData } from "./workbook";

export interface FixResult {
  /** One write per cell; `expected` is the cell's content before any fix. */
  writes: CellWrite[];
  /** Validation of the workbook before the fixes. */
  before: ValidationResult;
  /** Validation of the workbook after the writes. */
  after: ValidationResult;
  /** The workbook data after the writes. */
  workbook: WorkbookData;
  passes: number;
}

const MAX_PASSES = 10;

/**
 * Applies every fix, ESLint-style: validate, apply the fixes that do not touch the same cell,
 * validate again, until nothing fixable is left (a corrected 交付金充当額 then leaves its 合計
 * fixed too). The input is not modified.
 */
export function fixWorkbook(workbook: WorkbookData, options: CheckOptions = {}): FixResult {
  const before = validateWorkbook(workbook, options);
  // Pin the year: fixes must not move the reporting year under the later passes.
  const pinned: CheckOptions = { ...options, reportingYear: before.reportingYear };
  const originals = new Map<string, CellContent>();
  const writes = new Map<string, CellWrite>();
  let current = workbook;
  let result = before;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const batch: CellWrite[] = [];
    const touched = new Set<string>();
    for (const finding of result.findings) {
      if (!finding.fix) continue;
      const keys = finding.fix.map(keyOf);
      if (keys.some((k) => touched.has(k))) continue; // the next pass sees it again
      keys.forEach((k) => touched.add(k));
      batch.push(...finding.fix);
    }
    if (batch.length === 0) break;
    passes++;
    const applied = applyWrites(current, batch);
    for (const write of applied.applied) {
      const key = keyOf(write);
      if (!originals.has(key)) originals.set(key, write.expected);
      writes.set(key, { ...write, expected: originals.get(key)! });
    }
    current = applied.workbook;
    result = validateWorkbook(current, pinned);
    if (applied.applied.length === 0) break;
  }
  // A cell that later passes brought back to what it held (a 合計 recomputed after its grant was
  // fixed) is not a change: leave it out of the writes the user is shown.
  const changes = [...writes.values()].filter((w) => !sameContent(w, w.expected));
  return { writes: changes, before, after: result, workbook: current, passes };
}

function sameContent(write: CellWrite, expected: CellContent): boolean {
  const format = write.numberFormat === undefined || (write.numberFormat || null) === (expected.numberFormat || null);
  return format && holdsExpected({ value: write.value, formula: write.formula ?? null }, expected);
}

function keyOf(write: Pick<CellWrite, "sheet" | "cell">): string {
  return cellKey(write.sheet, write.cell);
}
