/**
 * The task pane's document settings (src/taskpane/settings-model.ts) read back as untrusted data:
 * each missing or malformed field falls back to its default on its own, JSON text is tolerated, and
 * nothing read can throw or leak into another load.
 */
import type { SettingsStore } from "../src/host/workbook-host";
import {
  DEFAULT_SETTINGS,
  MAX_YEAR,
  MIN_YEAR,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  loadSettings,
  saveSettings,
  type TaskpaneSettings,
} from "../src/taskpane/settings-model";

/** A store whose value under SETTINGS_KEY is `stored`, as the document hands it back (no JSON round trip). */
function storeHolding(stored: unknown): SettingsStore & { saved: unknown } {
  const store = {
    saved: undefined as unknown,
    get: (key: string) => (key === SETTINGS_KEY ? stored : null),
    set: (_key: string, value: unknown) => {
      store.saved = value;
    },
    save: () => Promise.resolve(),
  };
  return store;
}

const load = (stored: unknown) => loadSettings(storeHolding(stored));

const GOOD: TaskpaneSettings = {
  reportingYear: 2025,
  rate: "2/3",
  writeMode: "value",
  directions: { "1:1": "lower", "?:2": "higher" },
  highlight: true,
};

describe("loadSettings", () => {
  it("reads well-formed settings as they are, dropping fields it does not know (version)", () => {
    expect(load({ version: SETTINGS_VERSION, ...GOOD, extra: "x" })).toEqual(GOOD);
  });

  it("gives the defaults when nothing usable is stored", () => {
    for (const stored of [null, undefined, 0, true, [], [GOOD], "", "not json", "[1,2]", "null", "2025"])
      expect([stored, load(stored)]).toEqual([stored, DEFAULT_SETTINGS]);
  });

  it("gives the defaults when the store itself throws", () => {
    const store: SettingsStore = {
      get: () => {
        throw new Error("settings unavailable");
      },
      set: () => undefined,
      save: () => Promise.resolve(),
    };
    expect(loadSettings(store)).toEqual(DEFAULT_SETTINGS);
  });

  it("tolerates the settings stored as JSON text", () => {
    expect(load(JSON.stringify({ version: SETTINGS_VERSION, ...GOOD }))).toEqual(GOOD);
  });

  it("defaults each bad field on its own, keeping the good ones", () => {
    const bad: Record<keyof TaskpaneSettings, unknown[]> = {
      reportingYear: ["2025", MIN_YEAR - 1, MAX_YEAR + 1, 2025.5, Number.NaN, Infinity, true, {}],
      rate: ["5/7", "1/3", 0.5, null, ["1/2"]],
      writeMode: ["xml", "FORMULA", null, 1],
      directions: [[], "1:1=lower", 3, null],
      highlight: ["true", 1, null, {}],
    };
    for (const [field, values] of Object.entries(bad) as [keyof TaskpaneSettings, unknown[]][]) {
      for (const value of values) {
        expect([field, value, load({ ...GOOD, [field]: value })]).toEqual([field, value, { ...GOOD, [field]: DEFAULT_SETTINGS[field] }]);
      }
      const { [field]: _missing, ...withoutField } = GOOD;
      expect([field, load(withoutField)]).toEqual([field, { ...GOOD, [field]: DEFAULT_SETTINGS[field] }]);
    }
  });

  it("accepts the year bounds and an automatic (null) year", () => {
    expect(load({ reportingYear: MIN_YEAR }).reportingYear).toBe(MIN_YEAR);
    expect(load({ reportingYear: MAX_YEAR }).reportingYear).toBe(MAX_YEAR);
    expect(load({ ...GOOD, reportingYear: null }).reportingYear).toBeNull();
  });

  it("keeps the well-formed directions and drops the others one by one", () => {
    const directions = JSON.parse(
      '{"1:1":"lower","2:3":"higher","?:4":"lower","1:2":"up","bad":"higher","1:":"lower","a:1":"lower","1:1:1":"lower","3:1":null,"__proto__":"lower"}',
    ) as unknown;
    const loaded = load({ directions });
    expect(loaded.directions).toEqual({ "1:1": "lower", "2:3": "higher", "?:4": "lower" });
    expect(Object.getPrototypeOf(loaded.directions)).toBe(Object.prototype);
  });

  it("hands out fresh objects: changing one load's settings changes no other, nor the defaults", () => {
    const first = load(null);
    first.directions["1:1"] = "lower";
    const fromBadDirections = load({ directions: [] });
    fromBadDirections.directions["2:1"] = "higher";
    expect(load(null).directions).toEqual({});
    expect(load({ directions: [] }).directions).toEqual({});
    expect(DEFAULT_SETTINGS.directions).toEqual({});
  });
});

describe("saveSettings", () => {
  it("stores a versioned copy that loads back to the same settings", async () => {
    const store = storeHolding(null);
    const settings = { ...GOOD, directions: { ...GOOD.directions } };
    await saveSettings(store, settings);
    expect(store.saved).toEqual({ version: SETTINGS_VERSION, ...GOOD });
    settings.directions["9:9"] = "higher";
    expect(load(store.saved)).toEqual(GOOD);
    expect(load(JSON.parse(JSON.stringify(store.saved)))).toEqual(GOOD);
  });
});
