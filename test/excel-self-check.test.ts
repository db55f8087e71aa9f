/** @jest-environment node */
/**
 * The self-check (src/excel/self-check.ts, Settings > 動作確認) on the demo's Excel emulation: under
 * both answers to calls on a null object's children, the report says which one this Excel gave; the
 * covered-merge probe sees office-js issue 3611 (the emulation models it); a Text-formatted cell
 * takes a formula as text, and the adapter's way calculates it; a manual calculation mode is
 * reported; the scratch sheet is gone afterwards and the user's cells and active sheet are as they
 * were; a workbook whose structure is protected gives a clear result, not a crash.
 */
import type { SelfCheckProbe, SelfCheckReport } from "../src/host/workbook-host";
import { runSelfCheck, webviewOf } from "../src/excel/self-check";
import { ExcelSession, type ExcelRun } from "../src/excel/operation";
import { EmulatedExcel, NULL_OBJECT_MODES, nullObjectChildren } from "./helpers/excel-emulator";
import { edited, firstYear, oneSection } from "../src/fixtures/report-builder";

const REPORT = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

function probeOf(report: SelfCheckReport, id: string): SelfCheckProbe {
  const found = report.probes.find((p) => p.id === id);
  if (!found) throw new Error(`no probe ${id}: ${report.probes.map((p) => p.id).join(", ")}`);
  return found;
}

function sheetNames(excel: EmulatedExcel): string[] {
  return excel.workbook.sheets.map((s) => s.name);
}

describe.each(NULL_OBJECT_MODES)("the self-check (calls on a null object's children give %s)", (mode) => {
  const emulated = (apiVersion = "1.13") => new EmulatedExcel(REPORT, { apiVersion, nullObjectChildren: nullObjectChildren(mode) });

  test("runs every probe through the host, says which null-object behaviour it saw, and leaves the workbook as it was", async () => {
    const excel = emulated();
    excel.put("事業1", { Z1: { value: "user", numberFormat: "@" } });
    excel.addSheet("メモ");
    excel.workbook.activate("メモ");
    const before = excel.snapshot();
    const names = sheetNames(excel);

    const report = await excel.host().selfCheck();

    expect(report.probes.map((p) => p.id)).toEqual([
      "api-sets",
      "webview",
      "calculation-mode",
      "null-object",
      "covered-merge",
      "text-format",
      "delay-for-cell-edit",
      "tables",
      "scratch-sheet",
    ]);
    const nullObject = probeOf(report, "null-object");
    expect(nullObject.status).toBe("ok");
    if (mode === "null objects") {
      expect(nullObject.outcome.en).toBe("The sync succeeds; the child (getRange) comes back as a null object too.");
      expect(nullObject.outcome.ja).toContain("null オブジェクト");
    } else {
      expect(nullObject.outcome.en).toBe("The sync fails (error code: ItemNotFound).");
      expect(nullObject.outcome.ja).toContain("ItemNotFound");
    }

    // The scratch sheet is gone; the user's cells, sheets and active sheet are unchanged.
    expect(sheetNames(excel)).toEqual(names);
    expect(excel.snapshot()).toEqual(before);
    expect(excel.workbook.activeSheet).toBe("メモ");
    expect(probeOf(report, "scratch-sheet").status).toBe("ok");
    expect(probeOf(report, "scratch-sheet").outcome.ja).toMatch(
      /^作業用シート「KPI動作確認_[0-9a-z]+」を追加し、確認の後に削除しました。$/,
    );
    // Only the scratch sheet was written.
    expect(excel.workbook.history.every((c) => c.sheet.startsWith("KPI動作確認_"))).toBe(true);
  });

  test("the one-cell merged-area query finds nothing (office-js issue 3611); the query from A1 finds the merge", async () => {
    const report = await emulated().host().selfCheck();
    const merge = probeOf(report, "covered-merge");
    expect(merge.status).toBe("differs");
    expect(merge.outcome.en).toBe("The one-cell query (C3) finds nothing; the query over A1:C3 finds B2:C3 (as in office-js issue 3611).");
    expect(merge.outcome.ja).toContain("C3 だけの問い合わせでは何も見つからず");
    expect(merge.handling.en).toContain("from A1");
  });

  test("a Text-formatted cell stores the formula as text; General first calculates it to 2", async () => {
    const report = await emulated().host().selfCheck();
    const text = probeOf(report, "text-format");
    expect(text.status).toBe("differs");
    expect(text.outcome.en).toBe(
      'Written as is, it is stored as text (value "=1+1", format "@"); with the format set to General first it calculates to 2.',
    );
    expect(text.outcome.ja).toContain("文字列として保存");
    expect(text.outcome.ja).toContain("2 と計算されます");
  });

  test("manual calculation is reported, and the adapter's way still calculates (it recalculates)", async () => {
    const excel = emulated();
    excel.setCalculationMode("Manual");
    const report = await excel.host().selfCheck();
    const calculation = probeOf(report, "calculation-mode");
    expect(calculation.status).toBe("differs");
    expect(calculation.outcome.en).toBe("Manual: formulas calculate only when asked to.");
    expect(calculation.outcome.ja).toContain("手動");
    expect(calculation.handling.ja).toContain("再計算");
    expect(probeOf(report, "text-format").outcome.en).toContain("calculates to 2");
  });

  test("automatic calculation, API sets and the newer APIs on ExcelApi 1.13", async () => {
    const report = await emulated().host().selfCheck();
    expect(probeOf(report, "calculation-mode")).toMatchObject({ status: "ok", outcome: { en: "Automatic." } });
    const api = probeOf(report, "api-sets");
    expect(api.status).toBe("ok");
    expect(api.outcome.en).toMatch(/^ExcelApi 1\.1 to 1\.13 supported\. No Office build information/);
    expect(probeOf(report, "delay-for-cell-edit").status).toBe("ok");
    expect(probeOf(report, "tables")).toMatchObject({
      status: "ok",
      outcome: { en: "Worksheet.tables and Range.getTables work (0 tables)." },
    });
  });

  test("an older Excel (ExcelApi 1.3): what it lacks is reported as unsupported, nothing fails", async () => {
    const excel = emulated("1.3");
    const names = sheetNames(excel);
    const report = await excel.host().selfCheck();
    expect(probeOf(report, "api-sets")).toMatchObject({
      status: "differs",
      outcome: { en: expect.stringMatching(/^ExcelApi 1\.1 to 1\.3 supported/) },
    });
    expect(probeOf(report, "null-object").status).toBe("unsupported");
    expect(probeOf(report, "covered-merge").status).toBe("unsupported");
    expect(probeOf(report, "delay-for-cell-edit").status).toBe("unsupported");
    expect(probeOf(report, "tables").status).toBe("unsupported");
    expect(probeOf(report, "text-format").status).toBe("differs");
    expect(probeOf(report, "scratch-sheet").status).toBe("ok");
    expect(report.probes.filter((p) => p.status === "failed")).toEqual([]);
    expect(sheetNames(excel)).toEqual(names);
  });

  test("a workbook whose structure is protected: says the scratch sheet could not be added, skips its probes, no crash", async () => {
    const excel = emulated();
    excel.conditions.structureProtected = true;
    const before = excel.snapshot();
    const names = sheetNames(excel);
    const report = await excel.host().selfCheck();
    const scratch = probeOf(report, "scratch-sheet");
    expect(scratch.status).toBe("failed");
    expect(scratch.outcome.ja).toContain("作業用シートを追加できませんでした（エラーコード: AccessDenied）");
    expect(scratch.outcome.ja).toContain("ブックの保護");
    expect(scratch.outcome.en).toContain("structure may be protected");
    for (const id of ["covered-merge", "text-format", "tables"]) {
      expect(probeOf(report, id)).toMatchObject({
        status: "failed",
        outcome: { en: "Not checked: the scratch sheet could not be added." },
      });
    }
    // The probes that need no sheet still ran.
    expect(probeOf(report, "null-object").status).toBe("ok");
    expect(probeOf(report, "calculation-mode").status).toBe("ok");
    expect(sheetNames(excel)).toEqual(names);
    expect(excel.snapshot()).toEqual(before);
  });

  test("adding the scratch sheet fails: reported with its code, nothing left behind", async () => {
    const excel = emulated();
    const names = sheetNames(excel);
    excel.conditions.failSync({ code: "GeneralException", on: "write" }); // the first write: the add
    const report = await excel.host().selfCheck();
    expect(probeOf(report, "scratch-sheet").outcome.en).toContain("could not be added (error code: GeneralException)");
    expect(sheetNames(excel)).toEqual(names);
  });

  test("a probe whose sync fails is reported with its code; the others still run and the scratch sheet is still deleted", async () => {
    const excel = emulated();
    const names = sheetNames(excel);
    const { Excel, Office } = excel.emulator;
    // Runs: calculation mode, null object, add, merge (the 4th: made to fail), text format, tables, delete.
    let runs = 0;
    const run = ((...args: unknown[]) => {
      if (++runs === 4) excel.conditions.failSync({ code: "GeneralException", on: "any" });
      return (Excel.run as unknown as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as ExcelRun;
    const session = new ExcelSession({ run, isSetSupported: (v) => Office.context.requirements.isSetSupported("ExcelApi", v) });
    const report = await runSelfCheck(session);
    expect(probeOf(report, "covered-merge")).toMatchObject({
      status: "failed",
      outcome: {
        en: "Could not be checked (error code: GeneralException).",
        ja: "確認できませんでした（エラーコード: GeneralException）。",
      },
    });
    expect(probeOf(report, "text-format").status).toBe("differs");
    expect(probeOf(report, "tables").status).toBe("ok");
    expect(probeOf(report, "scratch-sheet").status).toBe("ok");
    expect(sheetNames(excel)).toEqual(names);
  });
});

describe("the self-check's environment", () => {
  test("Office diagnostics, the user agent, the add-in version and the time are reported as given", async () => {
    const excel = new EmulatedExcel(REPORT);
    const { Excel, Office } = excel.emulator;
    const session = new ExcelSession({
      run: Excel.run as unknown as ExcelRun,
      isSetSupported: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
    });
    const ua =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
    const report = await runSelfCheck(session, {
      userAgent: ua,
      diagnostics: { host: "Excel", platform: "PC", version: "16.0.17126.20132" },
      now: () => new Date("2025-04-01T09:30:00Z"),
      addinVersion: "0.1.0",
    });
    expect(report.ranAt).toBe("2025-04-01T09:30:00.000Z");
    expect(report.userAgent).toBe(ua);
    expect(report.addinVersion).toBe("0.1.0");
    expect(probeOf(report, "api-sets").outcome.en).toBe("ExcelApi 1.1 to 1.13 supported. Office: Excel PC 16.0.17126.20132.");
    expect(probeOf(report, "webview")).toMatchObject({
      status: "ok",
      outcome: { en: expect.stringMatching(/^Chromium \(Microsoft Edge WebView2 \/ Edge\)\. /) },
    });
  });

  test.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.19041",
      "EdgeHTML (Microsoft Edge Legacy)",
      "differs",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "Trident (Internet Explorer 11)", "unsupported"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", "WKWebView (Safari, WebKit)", "ok"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
      "Safari (WebKit)",
      "ok",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "Chromium", "ok"],
    ["", "", "differs"],
  ])("the webview of %j", (ua, name, status) => {
    expect(webviewOf(ua)).toEqual({ name, status });
  });
});
