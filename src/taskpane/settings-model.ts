/**
 * The task pane's settings as kept in the document (one JSON-serializable object under one key, so
 * a save is all or nothing), and their translation into the core's CheckOptions. Anything read
 * back from the document is checked with a zod/mini schema (settings-schema.ts): a setting written
 * by another version or edited by hand falls back to its default instead of breaking the pane.
 */
import type { CheckOptions, Direction, Lang } from "../core";
import { parseRate } from "../core/rate";
import type { PreviousDigest } from "../core/previous";
import type { SettingsStore } from "../host/workbook-host";

export const SETTINGS_KEY = "kpiChecker.settings";
/** Last year's report digest (src/core/previous.ts), apart from the settings: they stay small. */
export const PREVIOUS_KEY = "kpiChecker.previous";
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
  /** Check again by itself once the user's edits pause (where the host raises change events). */
  autoCheck: boolean;
}

export const DEFAULT_SETTINGS: TaskpaneSettings = {
  reportingYear: null,
  rate: "1/2",
  writeMode: "formula",
  directions: {},
  highlight: false,
  autoCheck: true,
};

/**
 * Reads the settings from the store, defaulting every field that is missing or malformed. A stored
 * value is checked by settings-schema.ts, loaded only then (its own chunk, with zod): a workbook
 * that never saved settings starts without it, and the pane's first script stays small.
 */
export async function loadSettings(store: SettingsStore): Promise<TaskpaneSettings> {
  let raw: unknown;
  try {
    raw = store.get(SETTINGS_KEY);
  } catch {
    raw = undefined;
  }
  if (raw === undefined || raw === null) return cloneSettings(DEFAULT_SETTINGS);
  const { parseStoredSettings } = await import(/* webpackChunkName: "settings-schema" */ "./settings-schema");
  return parseStoredSettings(raw);
}

/**
 * Last year's report digest kept in the store, or null (none, or one that does not fit the schema:
 * another version, damaged). Its schema (zod) loads only when the document holds one.
 */
export async function loadPrevious(store: SettingsStore): Promise<PreviousDigest | null> {
  let raw: unknown;
  try {
    raw = store.get(PREVIOUS_KEY);
  } catch {
    raw = undefined;
  }
  if (raw === undefined || raw === null) return null;
  const { parsePreviousDigest } = await import(/* webpackChunkName: "previous-schema" */ "../core/previous-schema");
  return parsePreviousDigest(raw);
}

/** Keeps last year's report digest in the document (null removes it). */
export async function savePrevious(store: SettingsStore, digest: PreviousDigest | null): Promise<void> {
  store.set(PREVIOUS_KEY, digest);
  await store.save();
}

/** Writes the settings into the store and persists them in the document. */
export async function saveSettings(store: SettingsStore, settings: TaskpaneSettings): Promise<void> {
  store.set(SETTINGS_KEY, { version: SETTINGS_VERSION, ...cloneSettings(settings) });
  await store.save();
}

export function cloneSettings(settings: TaskpaneSettings): TaskpaneSettings {
  return { ...settings, directions: { ...settings.directions } };
}

export function toCheckOptions(settings: TaskpaneSettings, lang: Lang, previous: PreviousDigest | null = null): CheckOptions {
  return {
    ...(previous ? { previous } : {}),
    ...(settings.reportingYear !== null ? { reportingYear: settings.reportingYear } : {}),
    rate: parseRate(settings.rate),
    directions: { ...settings.directions },
    lang,
    writeMode: settings.writeMode,
  };
}
