/**
 * The task pane's settings as kept in the document (one JSON-serializable object under one key, so
 * a save is all or nothing), and their translation into the core's CheckOptions. Anything read
 * back from the document is checked with a zod/mini schema (the small build: this module is in the
 * pane's bundle): a setting written by another version or edited by hand falls back to its default
 * instead of breaking the pane.
 */
import * as z from "zod/mini";
import { parseRate, type CheckOptions, type Direction, type Lang } from "../core";
import { MAX_YEAR, MIN_YEAR } from "../core/year";
import type { SettingsStore } from "../host/workbook-host";

export const SETTINGS_KEY = "kpiChecker.settings";
export const SETTINGS_VERSION = 1;

export const RATES = ["1/2", "2/3", "3/4"] as const;
export type RateChoice = (typeof RATES)[number];
export type WriteMode = NonNullable<CheckOptions["writeMode"]>;

export { MIN_YEAR, MAX_YEAR, parseYearInput } from "../core/year";

export interface TaskpaneSettings {
  /** Reporting fiscal year; null: derived from the workbook. */
  reportingYear: number | null;
  rate: RateChoice;
  writeMode: WriteMode;
  /** Per-KPI direction chosen by the user, keyed by kpiKey(project, kpi) ("1:2"). Absent: automatic. */
  directions: Record<string, Direction>;
  /** Problem cells coloured (kept so a reopened pane knows the colours are there). */
  highlight: boolean;
}

export const DEFAULT_SETTINGS: TaskpaneSettings = {
  reportingYear: null,
  rate: "1/2",
  writeMode: "formula",
  directions: {},
  highlight: false,
};

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
    }),
    () => cloneSettings(DEFAULT_SETTINGS),
  ),
);

/** Reads the settings from the store, defaulting every field that is missing or malformed. */
export function loadSettings(store: SettingsStore): TaskpaneSettings {
  let raw: unknown;
  try {
    raw = store.get(SETTINGS_KEY);
  } catch {
    raw = undefined;
  }
  // The schema catches at every level, so parsing untrusted data cannot throw; the guard is for a
  // schema bug, which must not stop the pane from starting.
  const parsed = StoredSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : cloneSettings(DEFAULT_SETTINGS);
}

/** Writes the settings into the store and persists them in the document. */
export async function saveSettings(store: SettingsStore, settings: TaskpaneSettings): Promise<void> {
  store.set(SETTINGS_KEY, { version: SETTINGS_VERSION, ...cloneSettings(settings) });
  await store.save();
}

export function cloneSettings(settings: TaskpaneSettings): TaskpaneSettings {
  return { ...settings, directions: { ...settings.directions } };
}

export function toCheckOptions(settings: TaskpaneSettings, lang: Lang): CheckOptions {
  return {
    ...(settings.reportingYear !== null ? { reportingYear: settings.reportingYear } : {}),
    rate: parseRate(settings.rate),
    directions: { ...settings.directions },
    lang,
    writeMode: settings.writeMode,
  };
}
