/**
 * Excel round trips, as `npm run bench` counts them: the add-in's adapter over the demo's Excel
 * emulator. One validation is one sync and one fix-apply two, whatever the number of KPIs, as
 * long as the sheets fit one read (DEFAULT_SHEETS_PER_SYNC); past that, one more, never more.
 */
import { DEFAULT_SHEETS_PER_SYNC } from "../src/excel/excel-host";
import { syncsAt } from "../src/dev/bench-syncs";

describe("syncs per validation and per fix-apply", () => {
  it.each([
    [10, 10],
    [100, 10],
    [1_000, 10],
    [1_000, 20],
  ])(
    "%i KPIs, %i to a sheet: 1 + 2",
    async (kpis, perSheet) => {
      const measured = await syncsAt(7, kpis, perSheet);
      expect(measured.sheets).toBeLessThanOrEqual(DEFAULT_SHEETS_PER_SYNC);
      expect(measured).toMatchObject({ kpis, validation: 1, fixApply: 2 });
      expect(measured.writes).toBeGreaterThan(0);
      expect(measured.applied).toBe(measured.writes);
    },
    60_000,
  );

  it("more sheets than one read takes: one more sync for the first validation, the fix-apply unchanged", async () => {
    const measured = await syncsAt(7, 1_400, 10);
    expect(measured.sheets).toBeGreaterThan(DEFAULT_SHEETS_PER_SYNC);
    expect(measured).toMatchObject({ validation: 2, fixApply: 2 });
  }, 60_000);
});
