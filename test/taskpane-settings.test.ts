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
  autoCheck: false,
};

describe("loadSettings", () => {
  it("reads well-formed settings as they are, dropping fields it does not know (version)", async () => {
    expect(await load({ version: SETTINGS_VERSION, ...GOOD, extra: "x" })).toEqual(GOOD);
  });

  it("gives the defaults when nothing usable is stored", async () => {
    for (const stored of [null, undefined, 0, true, [], [GOOD], "", "not json", "[1,2]", "null", "2025"])
      expect([stored, await load(stored)]).toEqual([stored, DEFAULT_SETTINGS]);
  });

  it("gives the defaults when the store itself throws", async () => {
    const store: SettingsStore = {
      get: () => {
        throw new Error("settings unavailable");
      },
      set: () => undefined,
      save: () => Promise.resolve(),
    };
    expect(await loadSettings(store)).toEqual(DEFAULT_SETTINGS);
  });

  it("turns the automatic check on for settings saved before it existed", async () => {
    const { autoCheck: _omitted, ...older } = GOOD;
    expect(await load({ version: SETTINGS_VERSION, ...older })).toEqual({ ...GOOD, autoCheck: true });
  });

  it("tolerates the settings stored as JSON text", async () => {
    expect(await load(JSON.stringify({ version: SETTINGS_VERSION, ...GOOD }))).toEqual(GOOD);
  });

  it("defaults each bad field on its own, keeping the good ones", async () => {
    const bad: Record<keyof TaskpaneSettings, unknown[]> = {
      reportingYear: ["2025", MIN_YEAR - 1, MAX_YEAR + 1, 2025.5, Number.NaN, Infinity, true, {}],
      rate: ["5/7", "1/3", 0.5, null, ["1/2"]],
      writeMode: ["xml", "FORMULA", null, 1],
      directions: [[], "1:1=lower", 3, null],
      highlight: ["true", 1, null, {}],
      autoCheck: ["false", 0, null, {}],
    };
    for (const [field, values] of Object.entries(bad) as [keyof TaskpaneSettings, unknown[]][]) {
      for (const value of values) {
        expect([field, value, await load({ ...GOOD, [field]: value })]).toEqual([
          field,
          value,
          { ...GOOD, [field]: DEFAULT_SETTINGS[field] },
        ]);
      }
      const { [field]: _missing, ...withoutField } = GOOD;
      expect([field, await load(withoutField)]).toEqual([field, { ...GOOD, [field]: DEFAULT_SETTINGS[field] }]);
    }
  });

  it("accepts the year bounds and an automatic (null) year", async () => {
    expect((await load({ reportingYear: MIN_YEAR })).reportingYear).toBe(MIN_YEAR);
    expect((await load({ reportingYear: MAX_YEAR })).reportingYear).toBe(MAX_YEAR);
    expect((await load({ ...GOOD, reportingYear: null })).reportingYear).toBeNull();
  });

  it("keeps the well-formed directions and drops the others one by one", async () => {
    const directions = JSON.parse(
      '{"1:1":"lower","2:3":"higher","?:4":"lower","1:2":"up","bad":"higher","1:":"lower","a:1":"lower","1:1:1":"lower","3:1":null,"__proto__":"lower"}',
    ) as unknown;
    const loaded = await load({ directions });
    expect(loaded.directions).toEqual({ "1:1": "lower", "2:3": "higher", "?:4": "lower" });
    expect(Object.getPrototypeOf(loaded.directions)).toBe(Object.prototype);
  });

  it("hands out fresh objects: changing one load's settings changes no other, nor the defaults", async () => {
    const first = await load(null);
    first.directions["1:1"] = "lower";
    const fromBadDirections = await load({ directions: [] });
    fromBadDirections.directions["2:1"] = "higher";
    expect((await load(null)).directions).toEqual({});
    expect((await load({ directions: [] })).directions).toEqual({});
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
    expect(await load(store.saved)).toEqual(GOOD);
    expect(await load(JSON.parse(JSON.stringify(store.saved)))).toEqual(GOOD);
  });
});
