/**
 * The previous report digest's schema (previous.ts), for a digest read back from untrusted storage
 * (the workbook's settings, a file): zod/mini, imported only where a digest is read back, so that
 * code that only builds digests does not pull zod in. Sizes are bounded: a digest is small.
 */
import * as z from "./zod";
import type { Scalar } from "./workbook";
import { DIGEST_VERSION, type PreviousDigest, type PreviousKpi, type PreviousProject, type PreviousYear } from "./previous";

/** Bounds far above any real report (a few projects, ≤ 50 KPIs each, three years). */
const MAX_PROJECTS = 200;
const MAX_KPIS = 100;
const MAX_YEARS = 20;
const MAX_TEXT = 10_000;

const text = z.string().check(z.maxLength(MAX_TEXT));
/**
 * A cell value: text (bounded), a number, a boolean or null. One check rather than z.union: zod's
 * union uses Array#flatMap, which the pane's oldest webview (EdgeHTML) lacks.
 */
const scalar = z.custom<Scalar>(
  (value) =>
    value === null ||
    typeof value === "boolean" ||
    (typeof value === "number" && isFinite(value)) ||
    (typeof value === "string" && value.length <= MAX_TEXT),
);
const year = z.int().check(z.gte(1900), z.lte(2200));

const PreviousYearSchema: z.ZodMiniType<PreviousYear> = z.object({ year, target: scalar, actual: scalar, status: scalar });

const PreviousKpiSchema: z.ZodMiniType<PreviousKpi> = z.object({
  number: z.int().check(z.nonnegative()),
  name: scalar,
  kind: scalar,
  unit: scalar,
  baseline: z.nullable(z.object({ year: scalar, value: scalar })),
  years: z.array(PreviousYearSchema).check(z.maxLength(MAX_YEARS)),
});

const PreviousProjectSchema: z.ZodMiniType<PreviousProject> = z.object({
  number: z.nullable(z.int()),
  name: text,
  title: z.nullable(z.object({ sheet: text, cell: z.string().check(z.regex(/^[A-Z]{1,3}\d{1,7}$/)) })),
  kpis: z.array(PreviousKpiSchema).check(z.maxLength(MAX_KPIS)),
});

const PreviousDigestSchema: z.ZodMiniType<PreviousDigest> = z.object({
  version: z.literal(DIGEST_VERSION),
  reportingYear: year,
  source: z.optional(text),
  projects: z.array(PreviousProjectSchema).check(z.maxLength(MAX_PROJECTS)),
});

/** A digest from storage, checked; null when it does not fit (another version, damaged, not a digest). */
export function parsePreviousDigest(input: unknown): PreviousDigest | null {
  const result = PreviousDigestSchema.safeParse(input);
  return result.success ? result.data : null;
}
