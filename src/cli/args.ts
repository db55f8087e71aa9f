/**
 * Command-line parsing: Node's own util.parseArgs splits the words, zod checks each value (the
 * command line is untrusted input); every mistake becomes a UsageError in the user's language.
 */
import { parseArgs } from "util";
import { z } from "zod";
import { parseRate } from "../core/rate";
import { parseYearInput } from "../core/year";
import type { Lang, Rate } from "../core/types";
import { MSG } from "./i18n";

type Format = "text" | "json" | "csv";

export interface CliOptions {
  format: Format;
  lang: Lang;
  year?: number;
  rate?: Rate;
  fix: boolean;
  out?: string;
  /** Folders are searched through their subfolders unless --no-recursive. */
  recursive: boolean;
  /** --jobs N: threads for a batch; undefined for the default (all cores for several files). */
  jobs?: number;
  /** --report FILE: the roll-up's path, and its kind from the extension. */
  report?: { path: string; kind: ReportKind };
  /** --previous FILE | DIR: last year's report(s) to compare with (src/cli/previous.ts). */
  previous?: string;
  help: boolean;
  version: boolean;
  inputs: string[];
}

/** The most threads --jobs accepts. */
const MAX_JOBS = 256;

/** A mistake in the command line: exit 2 with this message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const OPTIONS = {
  format: { type: "string" },
  year: { type: "string" },
  rate: { type: "string" },
  lang: { type: "string" },
  fix: { type: "boolean" },
  out: { type: "string" },
  jobs: { type: "string" },
  report: { type: "string" },
  previous: { type: "string" },
  "no-recursive": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The language asked for, read before full parsing so that even parse errors speak it. */
export function sniffLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (arg === "--lang=en" || (arg === "--lang" && argv[i + 1] === "en")) return "en";
    if (arg === "--lang=ja" || (arg === "--lang" && argv[i + 1] === "ja")) return "ja";
  }
  return "ja";
}

function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/** Half- or full-width digits with spaces around, as typed: the text zod checks. */
const typed = z.string().transform((text) => text.normalize("NFKC").trim());

const LangSchema = z.enum(["ja", "en"]);
const FormatSchema = z.enum(["text", "json", "csv"]);
/** A year as the task pane takes it: 2025, FY2025, 2025年度, R7, 令和7, 令和7年度, 令和元年度. */
const YearSchema = z.string().transform((text, context): number => {
  const year = parseYearInput(text);
  if (typeof year === "number") return year;
  context.addIssue({ code: "custom", message: "not a year" });
  return z.NEVER;
});
const JobsSchema = typed
  .pipe(z.string().regex(/^\d{1,4}$/))
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_JOBS));
/** A path: not empty once spaces around it are removed (whether it exists is checked against the working directory). */
const PathSchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(z.string().min(1));
const RateSchema = z.string().transform((text, context): Rate => {
  try {
    return parseRate(text);
  } catch {
    context.addIssue({ code: "custom", message: "not a rate" });
    return z.NEVER;
  }
});

/** What --report writes, by the file's extension: a page or a workbook. */
export type ReportKind = "html" | "xlsx";

/** The roll-up's kind from its extension (.html, .htm, .xlsx; any case); null for any other. */
function reportKind(file: string): ReportKind | null {
  if (/\.html?$/i.test(file)) return "html";
  if (/\.xlsx$/i.test(file)) return "xlsx";
  return null;
}

/** The value as the schema reads it, or a UsageError with the option's own message. */
function checked<T>(schema: z.ZodType<T, string>, value: string, message: (value: string) => string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(message(value));
  return result.data;
}

export function parseCommandLine(argv: readonly string[]): CliOptions {
  const lang = sniffLang(argv);
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const name = quoted(message) ?? "";
    const option = name.split(/[ ,]/)[0];
    switch (code) {
      case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
        throw new UsageError(MSG.unknownOption[lang](option || message));
      case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
        // "Option '--format <value>' argument missing" or "Option '--fix' does not take an argument"
        throw new UsageError(/does not take an argument/.test(message) ? MSG.noValueAllowed[lang](option) : MSG.missingValue[lang](option));
      default:
        throw new UsageError(MSG.badArgs[lang](message));
    }
  }
  const { values, positionals } = parsed;

  const langValue = checked(LangSchema, values.lang ?? "ja", MSG.badLang[lang]);
  const format = checked(FormatSchema, values.format ?? "text", MSG.badFormat[lang]);
  const year = values.year === undefined ? undefined : checked(YearSchema, values.year, MSG.badYear[lang]);
  const rate = values.rate === undefined ? undefined : checked(RateSchema, values.rate, MSG.badRate[lang]);
  const jobs = values.jobs === undefined ? undefined : checked(JobsSchema, values.jobs, MSG.badJobs[lang]);
  const previous = values.previous === undefined ? undefined : checked(PathSchema, values.previous, MSG.badPrevious[lang]);

  let report: CliOptions["report"];
  if (values.report !== undefined) {
    const kind = reportKind(values.report.trim());
    if (!kind) throw new UsageError(MSG.badReport[lang](values.report));
    report = { path: values.report, kind };
  }

  const fix = values.fix ?? false;
  if (fix && values.out === undefined) throw new UsageError(MSG.fixNeedsOut[lang]());
  if (!fix && values.out !== undefined) throw new UsageError(MSG.outNeedsFix[lang]());
  if (values.out !== undefined && values.out.trim() === "") throw new UsageError(MSG.fixNeedsOut[lang]());

  return {
    format,
    lang: langValue,
    year,
    rate,
    fix,
    out: values.out,
    jobs,
    report,
    previous,
    recursive: !(values["no-recursive"] ?? false),
    help: values.help ?? false,
    version: values.version ?? false,
    inputs: positionals,
  };
}
