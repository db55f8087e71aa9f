/**
 * The report model's schema, for a model that comes from outside the reader (JSON from a file, a
 * message from another program). zod/mini: tree-shaken away wherever it is not imported.
 * The reader never runs it on its own models (they fit by construction; test/helpers checks them).
 */
import * as z from "./zod";
import type { CellField, Explanation, KpiBlock, KpiSection, KpiYear, LayoutProblem, ReportModel, Summary, SummaryProject } from "./model";

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const CellFieldSchema: z.ZodMiniType<CellField> = z.object({
  sheet: z.string(),
  cell: z.string().check(z.regex(/^[A-Z]{1,3}\d+$/)),
  value: scalar,
  formula: z.nullable(z.string()),
  numberFormat: z.nullable(z.string()),
});

const SummaryProjectSchema: z.ZodMiniType<SummaryProject> = z.object({
  number: z.nullable(z.int()),
  row: z.int().check(z.positive()),
  name: CellFieldSchema,
  kpiList: z.nullable(CellFieldSchema),
  cost: z.nullable(CellFieldSchema),
  grant: z.nullable(CellFieldSchema),
});

const SummarySchema: z.ZodMiniType<Summary> = z.object({
  sheet: z.string(),
  header: CellFieldSchema,
  fiscalYearLabel: z.nullable(CellFieldSchema),
  projects: z.array(SummaryProjectSchema),
  band: z.nullable(z.object({ firstRow: z.int().check(z.positive()), lastRow: z.int().check(z.positive()) })),
  total: z.nullable(z.object({ label: CellFieldSchema, cost: z.nullable(CellFieldSchema), grant: z.nullable(CellFieldSchema) })),
});

const KpiYearSchema: z.ZodMiniType<KpiYear> = z.object({
  year: z.int(),
  header: CellFieldSchema,
  target: CellFieldSchema,
  actual: CellFieldSchema,
  status: CellFieldSchema,
});

const ExplanationSchema: z.ZodMiniType<Explanation> = z.object({
  label: CellFieldSchema,
  text: CellFieldSchema,
  count: z.nullable(CellFieldSchema),
});

const KpiBlockSchema: z.ZodMiniType<KpiBlock> = z.object({
  index: z.int().check(z.nonnegative()),
  label: CellFieldSchema,
  name: CellFieldSchema,
  kind: CellFieldSchema,
  unit: CellFieldSchema,
  baselineHeader: CellFieldSchema,
  baseValueHeader: CellFieldSchema,
  baseYear: z.nullable(CellFieldSchema),
  baseValue: z.nullable(CellFieldSchema),
  years: z.array(KpiYearSchema),
  achieved: z.nullable(ExplanationSchema),
  unmet: z.nullable(ExplanationSchema),
});

const KpiSectionSchema: z.ZodMiniType<KpiSection> = z.object({
  sheet: z.string(),
  number: z.nullable(z.int()),
  title: z.nullable(CellFieldSchema),
  blocks: z.array(KpiBlockSchema),
  blankBlockName: z.nullable(CellFieldSchema),
});

const LayoutProblemSchema: z.ZodMiniType<LayoutProblem> = z.object({ sheet: z.string(), cell: z.string(), label: z.string() });

export const ReportModelSchema: z.ZodMiniType<ReportModel> = z.object({
  firstSheet: z.nullable(z.string()),
  summary: z.nullable(SummarySchema),
  sections: z.array(KpiSectionSchema),
  layoutProblems: z.array(LayoutProblemSchema),
});

/** A report model from outside the reader, checked; throws a ZodError when it does not fit. */
export function parseReportModel(input: unknown): ReportModel {
  return ReportModelSchema.parse(input);
}
