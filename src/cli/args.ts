/** Command-line parsing with Node's own util.parseArgs; every mistake becomes a UsageError. */
import { parseArgs } from "util";
import { parseRate } from "../core/rate";
import type { Lang, Rate } from "../core/types";
import { MSG } from "./i18n";

export type Format = "text" | "json" | "csv";

export interface CliOptions {
  format: Format;
  lang: Lang;
  year?: number;
  rate?: Rate;
  rateText?: string;
  fix: boolean;
  out?: string;
  /** --jobs N: threads for a batch; undefined for the default (all cores for several files). */
  jobs?: number;
  help: boolean;
  version: boolean;
  inputs: string[];
}

/** The most threads --jobs accepts. */
export const MAX_JOBS = 256;

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

  const langValue = values.lang ?? "ja";
  if (langValue !== "ja" && langValue !== "en") throw new UsageError(MSG.badLang[lang](langValue));

  const format = values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "csv") throw new UsageError(MSG.badFormat[lang](format));

  let year: number | undefined;
  if (values.year !== undefined) {
    const text = values.year.normalize("NFKC").trim();
    if (!/^\d{4}$/.test(text) || Number(text) < 1990 || Number(text) > 2100) throw new UsageError(MSG.badYear[lang](values.year));
    year = Number(text);
  }

  let rate: Rate | undefined;
  if (values.rate !== undefined) {
    try {
      rate = parseRate(values.rate);
    } catch {
      throw new UsageError(MSG.badRate[lang](values.rate));
    }
  }

  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    const text = values.jobs.normalize("NFKC").trim();
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > MAX_JOBS) throw new UsageError(MSG.badJobs[lang](values.jobs));
    jobs = Number(text);
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
    rateText: values.rate,
    fix,
    out: values.out,
    jobs,
    help: values.help ?? false,
    version: values.version ?? false,
    inputs: positionals,
  };
}
