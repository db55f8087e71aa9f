/**
 * The reader's models fit the report model's schema by construction; the tests check that they do
 * (production code never asks whether it runs under a test).
 */
import { readReport, type WorkbookData } from "../../src/core";
import type { ReportModel } from "../../src/core/model";
import { ReportModelSchema } from "../../src/core/model-schema";

export function expectModelShape(model: ReportModel): ReportModel {
  const checked = ReportModelSchema.safeParse(model);
  if (!checked.success) throw new Error(`the reader built a model outside its schema: ${JSON.stringify(checked.error.issues.slice(0, 3))}`);
  return model;
}

/** readReport, with the model's shape checked. */
export function readChecked(workbook: WorkbookData): ReportModel {
  return expectModelShape(readReport(workbook));
}
