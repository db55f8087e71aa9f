/**
 * Reads the national template by its labels, never by fixed addresses: the summary table and
 * every KPI section and block, wherever they sit. One pass classifies each short text cell
 * (labels.ts); the tables are then assembled from those hits (summary.ts, sections.ts), so the
 * work is linear in the workbook's size.
 */
import { SheetGrid } from "../grid";
import type { ReportModel } from "../model";
import type { WorkbookData } from "../workbook";
import { classifyLabels, LabelCache } from "./labels";
import { readSections } from "./sections";
import { readSummary } from "./summary";

export function readReport(workbook: WorkbookData): ReportModel {
  const model: ReportModel = {
    firstSheet: workbook.sheets[0]?.name ?? null,
    summary: null,
    sections: [],
    layoutProblems: [],
  };
  const cache = new LabelCache();
  for (const sheet of workbook.sheets) {
    const grid = new SheetGrid(sheet);
    const labels = classifyLabels(grid, cache);
    let summaryRows: [number, number] | null = null;
    if (!model.summary) {
      const found = readSummary(grid, labels, cache, model.layoutProblems);
      if (found) {
        model.summary = found.summary;
        summaryRows = found.rows;
      }
    }
    readSections(grid, labels, summaryRows, model.sections, model.layoutProblems);
  }
  return model;
}
