/**
 * The check of the settings read back from the document: a zod/mini schema (zod's small build; the
 * pane's CSP forbids eval, so zod comes configured from src/core/zod.ts). settings-model.ts loads
 * this module only when the document holds settings: it is a chunk of its own.
 */
import type { Direction } from "../core";
import { MAX_YEAR, MIN_YEAR } from "../core/year";
import * as z from "../core/zod";
import { DEFAULT_SETTINGS, RATES, cloneSettings, type TaskpaneSettings } from "./settings-model";

/** kpiKey(project, kpi): "1:2", or "?:2" for a KPI whose project number is unreadable. */
const KPI_KEY = /^(\d+|\?):\d+$/;
const DirectionSchema = z.enum(["higher", "lower"]);

/** Keeps the well-formed entries of a stored directions object; one bad entry never drops the others. */
function validDirections(raw: Record<string, unknown>): Record<string, Direction> {
  const directions: Record<string, Direction> = {};
  for (const [key, value] of Object.entries(raw)) {
    const direction = DirectionSchema.safeParse(value);
    if (KPI_KEY.test(key) && direction.success) directions[key] = direction.data;
  }
  return directions;
}

/** JSON text parsed; anything else as it is. Unreadable text becomes undefined (all defaults). */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * What the document holds, read as untrusted: each field falls back to its default on its own
 * (z.catch), so a bad field never discards the good ones; a value that is not an object at all
 * (or JSON text of one) gives all defaults. Unknown fields ("version") are dropped. Catch values
 * are functions so that no two loads share a mutable default.
 */
const StoredSettingsSchema: z.ZodMiniType<TaskpaneSettings, unknown> = z.pipe(
  z.transform(parseJsonText),
  z.catch(
    z.object({
      reportingYear: z.catch(z.nullable(z.int().check(z.gte(MIN_YEAR), z.lte(MAX_YEAR))), () => DEFAULT_SETTINGS.reportingYear),
      rate: z.catch(z.enum(RATES), () => DEFAULT_SETTINGS.rate),
      writeMode: z.catch(z.enum(["formula", "value"]), () => DEFAULT_SETTINGS.writeMode),
      directions: z.catch(z.pipe(z.record(z.string(), z.unknown()), z.transform(validDirections)), () => ({})),
      highlight: z.catch(z.boolean(), () => DEFAULT_SETTINGS.highlight),
      autoCheck: z.catch(z.boolean(), () => DEFAULT_SETTINGS.autoCheck),
    }),
    () => cloneSettings(DEFAULT_SETTINGS),
  ),
);

/** The stored settings value, read as untrusted (see StoredSettingsSchema). */
export function parseStoredSettings(raw: unknown): TaskpaneSettings {
  // The schema catches at every level, so parsing untrusted data cannot throw; the guard is for a
  // schema bug, which must not stop the pane from starting.
  const parsed = StoredSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : cloneSettings(DEFAULT_SETTINGS);
}
