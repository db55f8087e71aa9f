/**
 * Excel round trips, as `npm run bench` counts them: the add-in's adapter over the demo's Excel
 * emulator. One validation is one sync once the sheet names are known (two for the session's
 * first: names, then ranges) and one fix-apply two, whatever the number of KPIs or sheets.
 */
import * as path from "path";
import { buildReport } from "../src/fixtures/report-builder";
import { reportContent, syntheticSpec } from "../src/fixtures/synthetic";
import { loadXlsx } from "../src/node/xlsx";
import { autoCheckAt, syncsAt } from "../src/dev/bench-syncs";

describe("syncs per validation and per fix-apply", () => {
  it.each([
    [10, 10],
    [100, 10],
    [1_000, 10],
    [1_000, 20],
  ])(
    "%i KPIs, %i to a sheet: 1 + 2 (2 for the first validation)",
    async (kpis, perSheet) => {
      const measured = await syncsAt(7, kpis, perSheet);
      expect(measured).toMatchObject({ kpis, firstValidation: 2, validation: 1, fixApply: 2 });
      expect(measured.writes).toBeGreaterThan(0);
      expect(measured.applied).toBe(measured.writes);
    },
    60_000,
  );

  it("141 sheets: the same counts (no limit on the sheets one read takes)", async () => {
    const measured = await syncsAt(7, 1_400, 10);
    expect(measured.sheets).toBeGreaterThan(128);
    expect(measured).toMatchObject({ firstValidation: 2, validation: 1, fixApply: 2 });
  }, 60_000);
});

describe("syncs per automatic check (a user's edit, checked again by the pane)", () => {
  it("1 on the sample report", async () => {
    const sample = (await loadXlsx(path.join(__dirname, "..", "samples", "hanamaki-r6.xlsx"))).data;
    expect(await autoCheckAt("sample", sample)).toMatchObject({ syncs: 1 });
  }, 60_000);

  it("1 on 1,000 KPIs", async () => {
    const data = buildReport(syntheticSpec(reportContent({ seed: 7, sections: 100, kpisPerSection: 10 })));
    expect(await autoCheckAt("1,000 KPIs", data)).toMatchObject({ syncs: 1, kpis: 1_000 });
  }, 60_000);
});
