/**
 * The JSON report (`kpi-check --format json`) as a published contract, in the way of Frictionless
 * reports: a top-level `version` and `valid`, one entry per file with its own `valid`, findings with
 * structured locations, their `messageId` and `data` (so programs never parse the prose) and a link
 * to the rule's page. The zod schemas here are the one source: the CLI builds its output with these
 * types, and `npm run docs:schema` writes docs/report.schema.json from them (z.toJSONSchema).
 */
import { z } from "zod";

/** Bumped when a field is removed or changes meaning; adding a field keeps it. */
export const REPORT_VERSION = "1.0";

const Localized = z.object({ ja: z.string(), en: z.string() }).meta({ description: "Text in Japanese and English" });
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Severity = z.enum(["error", "warning", "info"]);
const Status = z.enum(["達成", "未達成", "未計測"]);

const CellContent = z.object({
  value: Scalar,
  formula: z.string().nullable().optional(),
  numberFormat: z.string().nullable().optional(),
});

const CellWriteSchema = z
  .object({
    sheet: z.string(),
    cell: z.string().meta({ description: "A1 address without $" }),
    expected: CellContent.meta({
      description: "What the cell held when the finding was made; a writer skips the write if it holds anything else",
    }),
    value: Scalar.meta({ description: "The value written, or the computed result of the formula" }),
    formula: z.string().optional(),
    numberFormat: z.string().optional(),
  })
  .meta({ description: "One cell write of a fix" });

const FindingSchema = z
  .object({
    ruleId: z.string().meta({ description: "The rule's id: a public contract (docs/rules.md)" }),
    severity: Severity,
    sheet: z.string(),
    cell: z.string().meta({ description: "The anchor cell, A1 without $" }),
    message: z.string().meta({ description: "The message in the language asked for (--lang)" }),
    messageId: z.string().meta({ description: "Which of the rule's messages; with data, enough to render the message in any language" }),
    data: z
      .record(z.string(), z.union([z.string(), z.number(), Localized]))
      .meta({ description: "The values the message's placeholders stand for" }),
    docs: z.string().meta({ description: "The rule's page, relative to the package root (docs/rules/<id>.md)" }),
    fixable: z.boolean(),
    fix: z.array(CellWriteSchema).optional(),
    project: z.number().int().nullable().meta({ description: "The project's (n), when the finding belongs to one" }),
    kpi: z.number().int().nullable().meta({ description: "The KPI's number within its project (① -> 1)" }),
  })
  .meta({ description: "One finding" });

const ProjectStats = z.object({
  project: z.number().int().nullable(),
  name: z.string(),
  kpis: z.number().int(),
  achieved: z.number().int(),
  unmet: z.number().int(),
  unmeasured: z.number().int(),
});

const FileStatsSchema = z.object({
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
  fixable: z.number().int(),
  projects: z.number().int(),
  kpis: z.number().int(),
  achieved: z.number().int(),
  unmet: z.number().int(),
  unmeasured: z.number().int(),
  byProject: z.array(ProjectStats),
});

const KpiRowSchema = z
  .object({
    project: z.number().int().nullable(),
    projectName: z.string(),
    kpi: z.number().int(),
    name: z.string(),
    kind: z.string().meta({ description: "The 種別 as written (アウトプット or アウトカム in the template)" }),
    unit: z.string(),
    direction: z.enum(["higher", "lower"]),
    sheet: z.string(),
    cell: z.string(),
    target: z.string().meta({ description: "The reporting year's 目標値 as read (a normalized number, or the text written)" }),
    actual: z.string(),
    status: z.string().meta({ description: "The 達成状況 as written" }),
    computedStatus: Status.nullable().meta({ description: "The status the rules compute from target, actual and direction" }),
    outcome: Status.nullable(),
  })
  .meta({ description: "One KPI, in the reporting year" });

const FixedSchema = z.object({
  output: z.string().meta({ description: "The corrected copy written (--fix --out)" }),
  written: z.number().int(),
  skipped: z.array(z.object({ sheet: z.string(), cell: z.string(), code: z.string(), reason: z.string() })),
  lost: z.array(z.object({ feature: z.string(), message: z.string() })),
});

const PreviousUsedSchema = z
  .object({
    file: z.string().meta({ description: "Last year's report the file was compared with (--previous), as shown" }),
    pairedBy: z.enum(["given", "name", "projects"]).meta({
      description:
        "given: --previous named this file; name: the file of the same name in the --previous folder; projects: the file there whose project names match best",
    }),
  })
  .meta({ description: "Which of last year's reports the file was compared with" });

const CheckedFileSchema = z
  .object({
    file: z.string(),
    valid: z.boolean().meta({ description: "True when the file was read and has no finding of severity error" }),
    reportingYear: z.number().int(),
    reportingYearSource: z.enum(["option", "actuals", "first-year"]),
    rate: z.string(),
    stats: FileStatsSchema,
    findings: z.array(FindingSchema),
    kpis: z.array(KpiRowSchema),
    previous: PreviousUsedSchema.nullable()
      .optional()
      .meta({ description: "With --previous: the report compared with, or null when the folder had none for this file" }),
    fixed: FixedSchema.optional(),
  })
  .meta({ description: "A report that was read and checked" });

const UnreadableFileSchema = z
  .object({
    file: z.string(),
    valid: z.literal(false),
    error: z.object({
      message: z.string().meta({ description: "Why, in the language asked for (--lang)" }),
      code: z.string().optional().meta({
        description:
          "Why, for programs: a read error (not-zip, empty, encrypted …), not-xlsx (a .xls, .xlsm, .ods, .csv … file found in a folder), year-not-in-report (--year names a year none of the KPI blocks has), previous-unreadable (last year's report paired with it cannot be read), save-failed or internal",
      }),
      years: z
        .array(z.number().int())
        .optional()
        .meta({ description: "With year-not-in-report: the fiscal years the report's KPI blocks have, ascending" }),
    }),
  })
  .meta({ description: "A file that was not checked: it could not be read as a report workbook, or lacks the year asked for" });

const FileEntrySchema = z.union([CheckedFileSchema, UnreadableFileSchema]);

const TotalsSchema = z.object({
  files: z.number().int(),
  unreadable: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
  fixable: z.number().int(),
  kpis: z.number().int(),
  achieved: z.number().int(),
  unmet: z.number().int(),
  unmeasured: z.number().int(),
});

const JsonReportSchema = z
  .object({
    version: z.literal(REPORT_VERSION),
    files: z.array(FileEntrySchema),
    valid: z.boolean().meta({ description: "True when every file was read and none has an error" }),
    stats: TotalsSchema,
  })
  .meta({ title: "kpi-check JSON report", description: "The output of kpi-check --format json" });

export type JsonFinding = z.infer<typeof FindingSchema>;
export type JsonFileEntry = z.infer<typeof FileEntrySchema>;
export type JsonTotals = z.infer<typeof TotalsSchema>;
export type JsonReport = z.infer<typeof JsonReportSchema>;

/** docs/report.schema.json: the JSON Schema (draft 2020-12) of the report. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(JsonReportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
