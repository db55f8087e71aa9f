import { z } from "zod";

/**
 * The report model: what the reader found in the workbook. Every field carries the cell it was
 * read from, so a finding can always name its sheet and cell.
 */
export const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const CellFieldSchema = z.object({
  sheet: z.string(),
  cell: z.string().regex(/^[A-Z]{1,3}\d+$/),
  value: ScalarSchema,
  formula: z.string().nullable(),
  numberFormat: z.string().nullable(),
});
export type CellField = z.infer<typeof CellFieldSchema>;

export const SummaryProjectSchema = z.object({
  number: z.number().int().nullable(),
  row: z.number().int().positive(),
  name: CellFieldSchema,
  kpiList: CellFieldSchema.nullable(),
  cost: CellFieldSchema.nullable(),
  grant: CellFieldSchema.nullable(),
});
export type SummaryProject = z.infer<typeof SummaryProjectSchema>;

export const SummarySchema = z.object({
  sheet: z.string(),
  header: CellFieldSchema,
  fiscalYearLabel: CellFieldSchema.nullable(),
  projects: z.array(SummaryProjectSchema),
  total: z
    .object({
      label: CellFieldSchema,
      cost: CellFieldSchema.nullable(),
      grant: CellFieldSchema.nullable(),
    })
    .nullable(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const KpiYearSchema = z.object({
  year: z.number().int(),
  header: CellFieldSchema,
  target: CellFieldSchema,
  actual: CellFieldSchema,
  status: CellFieldSchema,
});
export type KpiYear = z.infer<typeof KpiYearSchema>;

export const ExplanationSchema = z.object({
  label: CellFieldSchema,
  text: CellFieldSchema,
  count: CellFieldSchema.nullable(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const KpiBlockSchema = z.object({
  /** The number in the label: ① -> 1, KPI11 -> 11. */
  index: z.number().int().nonnegative(),
  label: CellFieldSchema,
  name: CellFieldSchema,
  kind: CellFieldSchema,
  unit: CellFieldSchema,
  baselineHeader: CellFieldSchema,
  /** Null when the block has no baseline value row (the year header sits on the name row). */
  baseYear: CellFieldSchema.nullable(),
  baseValue: CellFieldSchema.nullable(),
  years: z.array(KpiYearSchema),
  achieved: ExplanationSchema.nullable(),
  unmet: ExplanationSchema.nullable(),
});
export type KpiBlock = z.infer<typeof KpiBlockSchema>;

export const KpiSectionSchema = z.object({
  sheet: z.string(),
  number: z.number().int().nullable(),
  title: CellFieldSchema.nullable(),
  blocks: z.array(KpiBlockSchema),
});
export type KpiSection = z.infer<typeof KpiSectionSchema>;

/** A label the reader expected and could not find; the block or table around it is not read. */
export const LayoutProblemSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  label: z.string(),
});
export type LayoutProblem = z.infer<typeof LayoutProblemSchema>;

export const ReportModelSchema = z.object({
  firstSheet: z.string().nullable(),
  summary: SummarySchema.nullable(),
  sections: z.array(KpiSectionSchema),
  layoutProblems: z.array(LayoutProblemSchema),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;

/**
 * A report model from outside the reader (JSON from a file, a message from another thread):
 * validated with the schema, throwing a ZodError when it does not fit. The reader's own models
 * need no such check: it builds them only from what the schema accepts (see readReport).
 */
export function parseReportModel(input: unknown): ReportModel {
  return ReportModelSchema.parse(input);
}
