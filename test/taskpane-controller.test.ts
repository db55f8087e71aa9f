/**
 * The task pane's controller over an in-memory workbook: validation on open, the summary, grouping
 * and filtering, the fix preview, apply / revert through the host, skipped cells, settings.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { validateWorkbook, type WorkbookData } from "../src/core";
import { HostError } from "../src/host/workbook-host";
import { TaskpaneController } from "../src/taskpane/controller";
import { describeChange } from "../src/taskpane/format";
import { strings } from "../src/taskpane/i18n";
import { PREVIOUS_KEY, SETTINGS_KEY, loadSettings, parseYearInput } from "../src/taskpane/settings-model";
import { loadXlsx } from "../src/node/xlsx";
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { faultyReport } from "./helpers/pane";
import { buildReport, edited, firstYear, oneSection } from "../src/fixtures/report-builder";
import { loadStrings } from "../src/taskpane/i18n";

// English panes load their texts on demand, as taskpane.ts does before mounting.
beforeAll(() => loadStrings("en"));

const SAMPLE = path.join(__dirname, "..", "samples", "hanamaki-r6.xlsx");

function setup(workbook: WorkbookData, store = new MemorySettings(), lang: "ja" | "en" = "ja") {
  const host = new FakeHost(workbook);
  const log = jest.fn();
  const controller = new TaskpaneController(host, store, lang, { log });
  return { host, store, controller, log };
}

function ruleIds(controller: TaskpaneController): string[] {
  return controller.state.result!.findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`);
}

describe("validation", () => {
  it("reads the workbook once and checks it", async () => {
    const { host, controller } = setup(faultyReport());
    expect(controller.state.result).toBeNull();
    await controller.validate();
    expect(host.calls.readWorkbook).toBe(1);
    expect(controller.state.busy).toBeNull();
    expect(ruleIds(controller)).toEqual(
      expect.arrayContaining(["grant-rate@活用状況!G5", "total-mismatch@活用状況!F7", "status@事業1!G18", "char-count@事業1!G23"]),
    );
    expect(controller.state.status).toMatch(/^検証しました: エラー \d+件・警告 \d+件・情報 \d+件$/);
  });

  it("summarizes counts, year, rate and each project's outcomes", async () => {
    const { controller } = setup(faultyReport());
    await controller.validate();
    const summary = controller.summary()!;
    const findings = controller.state.result!.findings;
    expect(summary.counts).toEqual({
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length,
    });
    expect(summary.counts.error).toBeGreaterThan(0);
    expect(summary.reportingYear).toBe(2024);
    expect(summary.reportingYearSource).toBe("actuals");
    expect(summary.rate).toBe("1/2");
    expect(summary.projects.map((p) => [p.project, p.kpis, p.achieved, p.unmet, p.unmeasured])).toEqual([
      [1, 2, 2, 0, 0],
      [2, 1, 1, 0, 0],
    ]);
  });

  it("groups findings by project then KPI, workbook-level first", async () => {
    const workbook = faultyReport();
    const { controller } = setup(workbook);
    await controller.validate();
    const groups = controller.groups();
    expect(groups.map((g) => g.title)).toEqual(["全体", "(1) テスト事業1"]);
    const workbookGroup = groups[0];
    expect(workbookGroup.project).toBeNull();
    expect(workbookGroup.kpis.map((k) => k.kpi)).toEqual([null]);
    expect(workbookGroup.kpis[0].findings.map((f) => f.ruleId)).toEqual(["total-mismatch"]);
    const project1 = groups[1];
    expect(project1.kpis.map((k) => [k.kpi, k.title])).toEqual([
      [null, "事業全体"],
      [1, "KPI① 相談件数"],
    ]);
    expect(project1.kpis[0].findings.map((f) => f.ruleId)).toEqual(["grant-rate"]);
    expect(project1.kpis[1].findings.map((f) => `${f.ruleId}@${f.cell}`)).toEqual(["status@G18", "char-count@G23"]);
    expect(project1.count).toBe(3);
    // Every finding sits in exactly one group.
    const grouped = groups.flatMap((g) => g.kpis.flatMap((k) => k.findings));
    expect(grouped).toHaveLength(controller.state.result!.findings.length);
  });

  it("filters by severity", async () => {
    const { controller } = setup(faultyReport());
    await controller.validate();
    await controller.setFilter("error", false);
    const shown = controller.groups().flatMap((g) => g.kpis.flatMap((k) => k.findings));
    expect(shown.map((f) => f.ruleId)).toEqual(["char-count"]);
    await controller.setFilter("info", false);
    expect(controller.groups()).toEqual([]);
    await controller.setFilter("error", true);
    expect(controller.visibleFindings().every((f) => f.severity === "error")).toBe(true);
  });

  it("selects a finding's cell through the host", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.validate();
    const status = controller.state.result!.findings.find((f) => f.ruleId === "status")!;
    await controller.selectFinding(status);
    expect(host.calls.selectCell).toEqual([{ sheet: "事業1", cell: "G18" }]);
  });

  it("shows a HostError in the user's language, never a stack", async () => {
    const { host, controller, log } = setup(faultyReport());
    host.failNext(
      "readWorkbook",
      new HostError("busy", { ja: "Excel がセルを編集中です。編集を終えてから検証してください。", en: "Excel is editing a cell." }),
    );
    await controller.validate();
    expect(controller.state.notice).toEqual({
      kind: "error",
      text: "Excel がセルを編集中です。編集を終えてから検証してください。",
      details: [],
    });
    expect(controller.state.busy).toBeNull();
    expect(log).not.toHaveBeenCalled();
    // The next run works.
    await controller.validate();
    expect(controller.state.result).not.toBeNull();
    expect(controller.state.notice).toBeNull();
  });

  it("shows a generic message for an unexpected error and logs it", async () => {
    const { host, controller, log } = setup(faultyReport());
    host.readWorkbook = () => Promise.reject(new TypeError("boom at line 3"));
    await controller.validate();
    expect(controller.state.notice?.kind).toBe("error");
    expect(controller.state.notice?.text).not.toMatch(/boom|TypeError|at line/);
    expect(controller.state.notice?.text).toMatch(/予期しないエラー/);
    expect(log).toHaveBeenCalled();
  });

  it("reads the document's settings first, busy with them, before any action runs", async () => {
    const store = new MemorySettings();
    store.set(SETTINGS_KEY, { version: 1, reportingYear: null, rate: "2/3", writeMode: "value", directions: {}, highlight: false });
    const { host, controller } = setup(faultyReport(), store);
    expect(controller.state.busy).toBe("settings");
    const validated = controller.validate();
    expect(host.calls.readWorkbook).toBe(0);
    await validated;
    expect(controller.state.settings.rate).toBe("2/3");
    expect(controller.summary()!.rate).toBe("2/3");
    expect(controller.state.busy).toBeNull();
  });

  it("reports busy while an operation runs, and queues the next", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.ready;
    const seen: (string | null)[] = [];
    controller.subscribe((s) => seen.push(s.busy));
    host.hold();
    const first = controller.validate();
    const second = controller.validate();
    await Promise.resolve();
    expect(controller.state.busy).toBe("validate");
    host.release();
    await Promise.all([first, second]);
    expect(host.calls.readWorkbook).toBe(2);
    expect(controller.state.busy).toBeNull();
    expect(seen[0]).toBe("validate");
    expect(seen[seen.length - 1]).toBeNull();
  });
});

describe("fix preview, apply and revert", () => {
  it("lists every write with its cell, before and after (formulas with their value), all ticked", async () => {
    const { controller } = setup(faultyReport());
    await controller.validate();
    await controller.openPreview();
    const rows = controller.state.preview!.rows;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    // In workbook order: sheet, then row.
    expect([...byKey.keys()]).toEqual(["活用状況!G5", "活用状況!F7", "活用状況!G7", "事業1!G18", "事業1!G23"]);
    expect(rows.every((r) => r.ticked)).toBe(true);
    expect(byKey.get("事業1!G18")).toMatchObject({ location: "事業1!G18", before: "未達成", after: "達成", ruleId: "status" });
    expect(byKey.get("活用状況!G5")).toMatchObject({
      before: "500,001円",
      after: "=ROUNDDOWN(F5*1/2,0)（値: 500,000円）",
      ruleId: "grant-rate",
    });
    expect(byKey.get("事業1!G23")!.before).toBe("99字");
    expect(byKey.get("事業1!G23")!.after).toMatch(/^=LEN\(B23\)&"字"（値: \d+字）$/);
    // The total follows the corrected grant (a later fix pass).
    expect(byKey.get("活用状況!G7")!.after).toMatch(/^=SUM\(G5:G6\)（値: 1,500,000円）$/);
    expect(byKey.get("事業1!G18")!.reason).toMatch(/達成状況/);
  });

  it("writes values instead of formulas when writeMode is value", async () => {
    const { controller } = setup(faultyReport());
    await controller.setSetting("writeMode", "value");
    await controller.openPreview();
    const g5 = controller.state.preview!.rows.find((r) => r.key === "活用状況!G5")!;
    expect(g5.after).toBe("500,000円");
    expect(g5.write.formula).toBeUndefined();
  });

  it("applies exactly the ticked writes in one host call, then re-validates with nothing fixable left", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.validate();
    await controller.openPreview();
    const all = controller.state.preview!.rows.map((r) => r.key);
    await controller.applyPreview();
    expect(host.calls.applyWrites).toHaveLength(1);
    expect(host.calls.applyWrites[0].map((w) => `${w.sheet}!${w.cell}`).sort()).toEqual([...all].sort());
    expect(controller.state.preview).toBeNull();
    expect(controller.state.result!.findings.filter((f) => f.fixable)).toEqual([]);
    expect(controller.state.result!.findings.map((f) => f.ruleId)).not.toContain("status");
    expect(controller.state.notice).toEqual({ kind: "success", text: "5セルに書き込みました。", details: [] });
    expect(controller.state.canRevert).toBe(true);
    expect(host.cell("事業1", "G18").value).toBe("達成");
    expect(host.cell("活用状況", "G5")).toMatchObject({ value: 500_000, formula: "=ROUNDDOWN(F5*1/2,0)" });
    // Re-validated from the workbook, not from memory.
    expect(host.calls.readWorkbook).toBe(3);
  });

  it("leaves an unticked write out", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.openPreview();
    controller.toggleWrite("事業1!G18");
    expect(controller.state.preview!.rows.find((r) => r.key === "事業1!G18")!.ticked).toBe(false);
    await controller.applyPreview();
    expect(host.calls.applyWrites[0].map((w) => `${w.sheet}!${w.cell}`)).not.toContain("事業1!G18");
    expect(host.calls.applyWrites[0]).toHaveLength(4);
    expect(host.cell("事業1", "G18").value).toBe("未達成");
    expect(controller.state.result!.findings.filter((f) => f.fixable).map((f) => f.ruleId)).toEqual(["status"]);
  });

  it("select none / all, and applying nothing does not call the host", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.openPreview();
    controller.setAllWrites(false);
    await controller.applyPreview();
    expect(host.calls.applyWrites).toHaveLength(0);
    expect(controller.state.notice?.text).toBe("書き込むセルが選ばれていません。");
    expect(controller.state.preview).not.toBeNull();
    controller.setAllWrites(true);
    expect(controller.state.preview!.rows.every((r) => r.ticked)).toBe(true);
  });

  it("reverts every written cell and re-validates; undo is then gone", async () => {
    const original = faultyReport();
    const { host, controller } = setup(original);
    await controller.openPreview();
    const keys = controller.state.preview!.rows.map((r) => r.key);
    await controller.applyPreview();
    await controller.revert();
    expect(host.calls.applyWrites).toHaveLength(2);
    expect(host.calls.applyWrites[1]).toHaveLength(keys.length);
    for (const key of keys) {
      const [sheet, cell] = key.split("!");
      const before = new FakeHost(original).cell(sheet, cell);
      const after = host.cell(sheet, cell);
      expect({ key, value: after.value, formula: after.formula }).toEqual({ key, value: before.value, formula: before.formula });
    }
    expect(controller.state.notice).toEqual({ kind: "success", text: "5セルを元に戻しました。", details: [] });
    expect(controller.state.canRevert).toBe(false);
    expect(ruleIds(controller).sort()).toEqual(
      validateWorkbook(original)
        .findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`)
        .sort(),
    );
    // A second revert does nothing.
    await controller.revert();
    expect(host.calls.applyWrites).toHaveLength(2);
  });

  it("skips a cell the user changed after validation and says so", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.openPreview();
    host.editCell("事業1", "G18", "未計測");
    await controller.applyPreview();
    expect(host.calls.applyWrites[0]).toHaveLength(5);
    expect(host.cell("事業1", "G18").value).toBe("未計測");
    expect(controller.state.notice).toEqual({
      kind: "warning",
      text: "4セルに書き込みました。 1セルは書き込みませんでした:",
      details: ["事業1!G18 は検証後に変更されたため書き込みませんでした"],
    });
    // Re-validation sees the user's value.
    expect(controller.state.result!.findings.find((f) => f.cell === "G18" && f.sheet === "事業1")?.ruleId).toBe("status");
  });

  it("reports protected sheets, and revert skips a cell edited after apply", async () => {
    const { host, controller } = setup(faultyReport());
    host.protectedSheets.add("活用状況");
    await controller.openPreview();
    await controller.applyPreview();
    expect(controller.state.notice!.details).toEqual([
      "活用状況!G5 はシートが保護されているため書き込みませんでした",
      "活用状況!F7 はシートが保護されているため書き込みませんでした",
      "活用状況!G7 はシートが保護されているため書き込みませんでした",
    ]);
    host.editCell("事業1", "G18", "未計測");
    await controller.revert();
    expect(controller.state.notice).toEqual({
      kind: "warning",
      text: "1セルを元に戻しました。 1セルは書き込みませんでした:",
      details: ["事業1!G18 は適用後に変更されたため元に戻しませんでした"],
    });
    expect(host.cell("事業1", "G18").value).toBe("未計測");
  });

  it("keeps the preview open when the host fails to write", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.openPreview();
    host.failNext("applyWrites", new HostError("protected", { ja: "ブックが保護されています。", en: "The workbook is protected." }));
    await controller.applyPreview();
    expect(controller.state.preview).not.toBeNull();
    expect(controller.state.notice).toEqual({ kind: "error", text: "ブックが保護されています。", details: [] });
    expect(controller.state.canRevert).toBe(false);
  });

  it("says so when nothing can be fixed", async () => {
    const { controller } = setup(buildReport(oneSection()));
    await controller.openPreview();
    expect(controller.state.preview).toEqual({ rows: [], fixableFindings: 0 });
  });
});

describe("settings", () => {
  it("saves a rate in the document, re-validates, and a reopened pane uses it", async () => {
    const { store, controller, host } = setup(faultyReport());
    await controller.validate();
    const grantAt = () => controller.state.result!.findings.filter((f) => f.ruleId === "grant-rate").map((f) => f.cell);
    expect(grantAt()).toEqual(["G5"]);
    await controller.setSetting("rate", "2/3");
    expect(host.calls.readWorkbook).toBe(2);
    expect(controller.summary()!.rate).toBe("2/3");
    // 2/3 of (1) 1,000,001 and (2) 2,000,001: both grants are now wrong.
    expect(grantAt()).toEqual(["G5", "G6"]);
    expect(controller.state.result!.findings.find((f) => f.ruleId === "grant-rate")!.messages.ja).toContain("2/3");
    expect(store.saves).toBe(1);
    const reopened = store.reopen();
    expect((await loadSettings(reopened)).rate).toBe("2/3");
    const again = new TaskpaneController(new FakeHost(faultyReport()), reopened, "ja");
    await again.validate();
    expect(again.summary()!.rate).toBe("2/3");
  });

  it("a direction override flips the status finding", async () => {
    // target 100, actual 80, written 未達成: right when higher is better, wrong when lower is.
    const { controller, store } = setup(buildReport(oneSection([{ name: "待ち時間", years: firstYear(100, 80, "未達成") }])));
    await controller.validate();
    expect(controller.state.result!.findings.map((f) => f.ruleId)).not.toContain("status");
    expect(controller.kpiChoices().map((c) => [c.key, c.choice, c.row.direction])).toEqual([["1:1", "auto", "higher"]]);
    await controller.setDirection(1, 1, "lower");
    const status = controller.state.result!.findings.find((f) => f.ruleId === "status")!;
    expect(status.cell).toBe("G18");
    expect(status.fix![0].value).toBe("達成");
    expect(controller.kpiChoices()[0].choice).toBe("lower");
    expect((store.reopen().get(SETTINGS_KEY) as { directions: unknown }).directions).toEqual({ "1:1": "lower" });
    await controller.setDirection(1, 1, "auto");
    expect(controller.state.result!.findings.map((f) => f.ruleId)).not.toContain("status");
    expect(controller.state.settings.directions).toEqual({});
  });

  it("a reporting year override is used and shown", async () => {
    const { controller } = setup(faultyReport());
    await controller.setSetting("reportingYear", 2025);
    expect(controller.summary()).toMatchObject({ reportingYear: 2025, reportingYearSource: "option" });
    // 2025's actual is now missing.
    expect(controller.state.result!.findings.some((f) => f.ruleId === "actual-missing")).toBe(true);
    await controller.setSetting("reportingYear", null);
    expect(controller.summary()).toMatchObject({ reportingYear: 2024, reportingYearSource: "actuals" });
  });

  it("refreshes an open preview when a setting changes", async () => {
    const { controller } = setup(faultyReport());
    await controller.openPreview();
    await controller.setSetting("rate", "3/4");
    const g5 = controller.state.preview!.rows.find((r) => r.key === "活用状況!G5")!;
    expect(g5.after).toBe("=ROUNDDOWN(F5*3/4,0)（値: 750,000円）");
  });

  it("an unchanged setting does nothing", async () => {
    const { controller, host, store } = setup(faultyReport());
    await controller.validate();
    await controller.setSetting("rate", "1/2");
    expect(host.calls.readWorkbook).toBe(1);
    expect(store.saves).toBe(0);
  });

  it("reads the years people type: Western, Reiwa, full-width; empty is automatic", () => {
    const cases: [string, number | null | undefined][] = [
      ["2025", 2025],
      ["２０２５", 2025],
      [" 2025年度 ", 2025],
      ["FY2024", 2024],
      ["令和7", 2025],
      ["令和７年度", 2025],
      ["R6", 2024],
      ["令和元年度", 2019],
      ["", null],
      ["  ", null],
      ["25", undefined],
      ["1999", undefined],
      ["来年", undefined],
    ];
    for (const [input, year] of cases) expect([input, parseYearInput(input)]).toEqual([input, year]);
  });

  it("ignores malformed stored settings", async () => {
    const store = new MemorySettings();
    store.set(SETTINGS_KEY, {
      reportingYear: "2024",
      rate: "5/7",
      writeMode: "xml",
      directions: { "1:1": "up", "2:3": "lower", bad: "higher" },
    });
    expect(await loadSettings(store)).toEqual({
      reportingYear: null,
      rate: "1/2",
      writeMode: "formula",
      directions: { "2:3": "lower" },
      highlight: false,
      autoCheck: true,
    });
  });

  it("still re-validates when the document cannot save, and warns", async () => {
    const { controller, store } = setup(faultyReport());
    store.failSave = new Error("quota");
    await controller.setSetting("rate", "2/3");
    expect(controller.summary()!.rate).toBe("2/3");
    expect(controller.state.notice).toMatchObject({ kind: "warning", text: expect.stringContaining("設定をブックに保存できませんでした") });
  });
});

/** An info finding of project (1) comes before an error of project (2) in sheet order. */
function infoBeforeError(): WorkbookData {
  return edited(
    {
      sections: [
        { number: 1, blocks: [{ achievedCount: "99字" }] },
        { number: 2, blocks: [{ name: "相談件数", years: firstYear(100, 120, "未達成") }] },
      ],
    },
    [],
  );
}

describe("errors first", () => {
  it("lists findings by severity by default, errors first, each naming its project and KPI", async () => {
    const { controller } = setup(infoBeforeError());
    await controller.validate();
    expect(controller.state.order).toBe("severity");
    // The core's (sheet) order puts the info first ...
    expect(controller.state.result!.findings.map((f) => f.severity)).toEqual(["info", "error"]);
    // ... the default list does not.
    const bySeverity = controller.bySeverity();
    expect(bySeverity.map((g) => g.severity)).toEqual(["error", "info"]);
    expect(bySeverity[0].findings.map((f) => [f.finding.ruleId, f.finding.cell, f.context])).toEqual([
      ["status", "G18", "(2) テスト事業2 · KPI① 相談件数"],
    ]);
    expect(bySeverity[1].findings.map((f) => [f.finding.ruleId, f.context])).toEqual([["char-count", "(1) テスト事業1 · KPI① テスト指標"]]);
  });

  it("keeps sheet and cell order within a severity, names workbook-level findings, and follows the filter", async () => {
    const { controller } = setup(faultyReport());
    await controller.validate();
    const errors = controller.bySeverity()[0];
    expect(errors.severity).toBe("error");
    expect(errors.findings.map((f) => `${f.finding.ruleId}@${f.finding.sheet}!${f.finding.cell} ${f.context}`)).toEqual([
      "grant-rate@活用状況!G5 (1) テスト事業1",
      "total-mismatch@活用状況!F7 全体",
      "status@事業1!G18 (1) テスト事業1 · KPI① 相談件数",
    ]);
    await controller.setFilter("error", false);
    expect(controller.bySeverity().map((g) => g.severity)).toEqual(["info"]);
  });

  it("switches to grouping by project and back, without a new check", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.validate();
    controller.setOrder("project");
    expect(controller.state.order).toBe("project");
    expect(controller.groups().map((g) => g.title)).toEqual(["全体", "(1) テスト事業1"]);
    await controller.validate();
    expect(controller.state.order).toBe("project");
    controller.setOrder("severity");
    expect(controller.state.order).toBe("severity");
    expect(host.calls.readWorkbook).toBe(2);
  });
});

describe("what a write changes", () => {
  const s = strings("ja");
  const yen = '#,##0"円"';

  it("a value replaced by a formula computing it says it becomes a formula", () => {
    expect(
      describeChange(
        { value: 500_000, formula: null, numberFormat: yen },
        { value: 500_000, formula: "=ROUNDDOWN(F5*1/2,0)", numberFormat: yen },
        s,
      ),
    ).toBe("値は変わりません（数式にします）");
  });

  it("only the number format: names the new format", () => {
    expect(
      describeChange({ value: 3_000_000, formula: null, numberFormat: null }, { value: 3_000_000, formula: null, numberFormat: yen }, s),
    ).toBe('値は変わりません（表示形式: #,##0"円"）');
    expect(
      describeChange(
        { value: 3_000_000, formula: null, numberFormat: null },
        { value: 3_000_000, formula: null, numberFormat: yen },
        strings("en"),
      ),
    ).toBe('Same value (number format: #,##0"円")');
  });

  it("a formula replaced by its value, and text becoming a number", () => {
    expect(
      describeChange(
        { value: 1_500_000, formula: "=SUM(G5:G6)", numberFormat: yen },
        { value: 1_500_000, formula: null, numberFormat: yen },
        s,
      ),
    ).toBe("値は変わりません（数式を値にします）");
    expect(
      describeChange({ value: "16000", formula: null, numberFormat: null }, { value: 16000, formula: null, numberFormat: null }, s),
    ).toBe("値は変わりません（文字列を数値にします）");
  });

  it("says nothing more when the value itself changes", () => {
    expect(
      describeChange({ value: "未達成", formula: null, numberFormat: null }, { value: "達成", formula: null, numberFormat: null }, s),
    ).toBeNull();
    expect(
      describeChange({ value: 500_001, formula: null, numberFormat: yen }, { value: 500_000, formula: "=F5/2", numberFormat: yen }, s),
    ).toBeNull();
  });

  it("a preview row that would look the same carries the note", async () => {
    const { controller } = setup(edited({ sections: [{ number: 1, blocks: [{ years: firstYear("100", 120, "達成") }] }] }, []));
    await controller.openPreview();
    const row = controller.state.preview!.rows.find((r) => r.ruleId === "number-format")!;
    expect([row.before, row.after]).toEqual(["100", "100"]);
    expect(row.note).toBe("値は変わりません（文字列を数値にします）");
  });

  it("the preview counts cells written and the findings they fix, the same findings the summary counts", async () => {
    const { controller } = setup(faultyReport());
    await controller.validate();
    const fixable = controller.summary()!.fixable;
    await controller.openPreview();
    const preview = controller.state.preview!;
    expect(preview.fixableFindings).toBe(fixable);
    expect([preview.rows.length, preview.fixableFindings]).toEqual([5, 4]);
    // Every value here changes: no row needs a note.
    expect(preview.rows.map((r) => r.note)).toEqual([null, null, null, null, null]);
    expect(controller.state.status).toBe(
      "自動入力・修正で書き込むセルが 5 個あります（自動修正できる指摘 4件の分）。内容を確認してください。",
    );
    controller.toggleWrite(preview.rows[0].key, false);
    expect(controller.state.preview!.fixableFindings).toBe(4);
  });
});

describe("the reporting year is one of the report's", () => {
  it("knows the report's years from the last check", async () => {
    const { controller } = setup(faultyReport());
    expect(controller.yearProblem(2030)).toBeNull(); // nothing checked yet: nothing to refuse against
    await controller.validate();
    expect(controller.state.result!.years).toEqual([2024, 2025, 2026]);
    expect(controller.yearProblem(2025)).toBeNull();
    expect(controller.yearProblem(parseYearInput("令和8")!)).toBeNull();
    expect(controller.yearProblem(null)).toBeNull();
    expect(controller.yearProblem(2030)).toBe(
      "2030年度（令和12年度）はこの報告書のKPIにありません。報告書にある年度: 2024年度（令和6年度）・2025年度（令和7年度）・2026年度（令和8年度）",
    );
  });

  it("says it in English too, and keeps the years when a year is set", async () => {
    const { controller } = setup(faultyReport(), new MemorySettings(), "en");
    await controller.validate();
    await controller.setSetting("reportingYear", 2025);
    expect(controller.state.result!.years).toEqual([2024, 2025, 2026]);
    expect(controller.yearProblem(2023)).toBe("The report's KPIs have no FY2023. The report has: FY2024, FY2025, FY2026.");
  });

  it("refuses nothing for a workbook with no KPI years", async () => {
    const { controller } = setup(edited({ sections: [] }, []));
    await controller.validate();
    expect(controller.state.result!.years).toEqual([]);
    expect(controller.yearProblem(2030)).toBeNull();
  });
});

describe("highlight", () => {
  it("colours the shown findings' cells, re-colours after each check and restores on off", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.validate();
    await controller.setHighlight(true);
    expect(host.calls.highlight).toHaveLength(1);
    expect(host.calls.highlight[0]).toEqual(
      expect.arrayContaining([
        { sheet: "事業1", cell: "G18", severity: "error" },
        { sheet: "事業1", cell: "G23", severity: "info" },
      ]),
    );
    await controller.setFilter("info", false);
    expect(host.calls.highlight[1].map((c) => c.cell)).not.toContain("G23");
    await controller.openPreview();
    await controller.applyPreview();
    // After the fixes only non-fixable findings remain coloured (none here).
    expect([...host.highlighted.keys()]).toEqual([]);
    await controller.setHighlight(false);
    expect(host.highlighted.size).toBe(0);
    expect(host.calls.clearHighlight).toBe(2);
  });

  it("remembers the toggle in the document, so a reopened pane keeps the colours in step", async () => {
    const { controller, store } = setup(faultyReport());
    await controller.validate();
    await controller.setHighlight(true);
    const reopened = setup(faultyReport(), store.reopen());
    await reopened.controller.ready;
    expect(reopened.controller.state.highlight).toBe(true);
    await reopened.controller.validate();
    expect(reopened.host.calls.highlight).toHaveLength(1);
    await reopened.controller.setHighlight(false);
    expect((await loadSettings(reopened.store.reopen())).highlight).toBe(false);
  });

  it("does not touch fills while the toggle is off", async () => {
    const { host, controller } = setup(faultyReport());
    await controller.validate();
    await controller.setFilter("info", false);
    expect(host.calls.highlight).toHaveLength(0);
    expect(host.calls.clearHighlight).toBe(0);
  });
});

describe("English", () => {
  it("speaks English when the display language is not Japanese", async () => {
    const { controller, host } = setup(faultyReport(), new MemorySettings(), "en");
    await controller.validate();
    expect(controller.groups()[0].title).toBe("Workbook");
    expect(controller.state.result!.findings[0].message).toBe(controller.state.result!.findings[0].messages.en);
    expect(controller.state.status).toMatch(/^Checked: \d+ errors?, \d+ warnings?, \d+ info$/);
    await controller.openPreview();
    host.editCell("事業1", "G18", "未計測");
    await controller.applyPreview();
    expect(controller.state.notice!.details).toEqual(["事業1!G18 was not written: it changed after the check"]);
  });
});

describe("the sample report (samples/hanamaki-r6.xlsx)", () => {
  let sample: WorkbookData;
  beforeAll(async () => {
    sample = (await loadXlsx(SAMPLE)).data;
  }, 60_000);

  it("validates on open: counts, groups by project and KPI, the seed's findings in place", async () => {
    const { controller } = setup(sample);
    await controller.validate();
    const summary = controller.summary()!;
    expect(summary.reportingYear).toBe(2024);
    expect(summary.projects).toHaveLength(5);
    expect(summary.projects.map((p) => p.kpis)).toEqual([5, 4, 3, 4, 5]);
    expect(summary.projects[4]).toMatchObject({ project: 5, achieved: 0, unmet: 2, unmeasured: 3 });
    const groups = controller.groups();
    expect(groups.map((g) => g.project)).toEqual([1, 2, 3, 4, 5]);
    const five = groups.find((g) => g.project === 5)!;
    expect(five.kpis[0]).toMatchObject({ kpi: null, title: "事業全体" });
    expect(five.kpis[0].findings.map((f) => f.ruleId).sort()).toEqual(["kpi-list-mismatch", "project-name-mismatch"]);
    expect(five.kpis.find((k) => k.kpi === 3)!.findings.map((f) => f.ruleId)).toContain("unmeasured-timing");
    expect(controller.state.result!.findings.map((f) => f.ruleId)).not.toContain("status");
  });

  it("fills every N字 count, leaves nothing fixable, and reverts to the original", async () => {
    const { host, controller } = setup(sample);
    await controller.openPreview();
    const rows = controller.state.preview!.rows;
    expect(rows.length).toBe(controller.summary()!.fixable);
    expect(rows.find((r) => r.key === "事業4!G35")).toMatchObject({ before: "112字", after: '=LEN(B35)&"字"（値: 0字）' });
    await controller.applyPreview();
    expect(controller.state.result!.stats.fixable).toBe(0);
    expect(controller.state.result!.findings.map((f) => f.ruleId)).not.toContain("char-count");
    await controller.revert();
    const original = new FakeHost(sample);
    for (const row of rows) {
      const [sheet, cell] = row.key.split("!");
      expect(host.cell(sheet, cell)).toEqual(original.cell(sheet, cell));
    }
    expect(controller.state.result!.stats.fixable).toBe(rows.length);
  });
});

describe("module boundaries", () => {
  const SRC = path.join(__dirname, "..", "src");

  /** The src/ folders a module's imports reach ("core", "host", …), from its import and export-from lines. */
  function foldersImportedBy(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?["']([^"']+)["']/gm)].map((m) => m[1]);
    return specifiers
      .filter((s) => s.startsWith("."))
      .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).split(path.sep)[0]);
  }

  function modules(folder: string): string[] {
    return fs
      .readdirSync(path.join(SRC, folder))
      .filter((name) => name.endsWith(".ts"))
      .map((name) => path.join(SRC, folder, name));
  }

  it("the task pane reaches the Excel adapter only through its entry file", () => {
    const reaching = modules("taskpane")
      .filter((file) => foldersImportedBy(file).includes("excel"))
      .map((file) => path.basename(file));
    expect(reaching).toEqual(["taskpane.ts"]);
  });

  it("the host ports depend on the core only", () => {
    const files = modules("host");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect([path.basename(file), [...new Set(foldersImportedBy(file))].filter((f) => f !== "host")]).toEqual([
        path.basename(file),
        ["core"],
      ]);
    }
  });
});

describe("last year's report (前年度の報告書と比較)", () => {
  /** The sample with its 2025 target (事業1!E20) changed: last year's plan differs from this year's. */
  async function lastYearBytes(): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(SAMPLE);
    workbook.getWorksheet("事業1")!.getCell("E20").value = 5000;
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  const comparisonIds = (controller: TaskpaneController) =>
    ruleIds(controller).filter((id) => /^(plan-value-changed|previous-value-changed|kpi-added|kpi-removed)@/.test(id));

  it("picked: its digest is kept in the document, the check compares; cleared: gone; reopened: still compared", async () => {
    const sample = (await loadXlsx(SAMPLE)).data;
    const { controller, store } = setup(sample);
    await controller.validate();
    expect(comparisonIds(controller)).toEqual([]);

    await controller.comparePrevious({ name: "R5報告書.xlsx", bytes: await lastYearBytes() });
    expect(controller.state.notice).toBeNull();
    expect(controller.state.previous?.source).toBe("R5報告書.xlsx");
    expect(comparisonIds(controller)).toEqual(["plan-value-changed@事業1!E20"]);
    expect(store.get(PREVIOUS_KEY)).toEqual(controller.state.previous);
    // The main settings stay as they were: the digest has its own key.
    expect(store.get(SETTINGS_KEY)).toBeNull();

    // A pane opened again over the saved document keeps comparing.
    const reopened = setup(sample, store.reopen()).controller;
    await reopened.validate();
    expect(reopened.state.previous?.source).toBe("R5報告書.xlsx");
    expect(comparisonIds(reopened)).toEqual(["plan-value-changed@事業1!E20"]);

    await controller.clearPrevious();
    expect(controller.state.previous).toBeNull();
    expect(comparisonIds(controller)).toEqual([]);
    expect(store.get(PREVIOUS_KEY)).toBeNull();
    const again = setup(sample, store.reopen()).controller;
    await again.validate();
    expect(again.state.previous).toBeNull();
    expect(comparisonIds(again)).toEqual([]);
  });

  it.each([
    [
      "ja",
      "a CSV renamed",
      Buffer.from("a,b\n1,2\n"),
      /^前年度の報告書「前年度\.xlsx」を読めません: Excel ブック \(\.xlsx\) ではありません/,
    ],
    ["en", "a damaged file", Buffer.from("PK\u0003\u0004 cut"), /^Last year's report "前年度\.xlsx" cannot be read: the file is damaged/],
  ] as const)("an unreadable file (%s, %s): a notice naming it and why, nothing kept", async (lang, _what, bytes, text) => {
    const { controller, store } = setup(faultyReport(), new MemorySettings(), lang);
    await controller.validate();
    const before = controller.state.result;
    await controller.comparePrevious({ name: "前年度.xlsx", bytes: new Uint8Array(bytes) });
    expect(controller.state.notice?.kind).toBe("error");
    expect(controller.state.notice?.text).toMatch(text);
    expect(controller.state.previous).toBeNull();
    expect(store.get(PREVIOUS_KEY)).toBeNull();
    expect(store.saves).toBe(0);
    expect(controller.state.result).toBe(before);
  });

  it("a workbook that is no report: a notice, nothing kept", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("職員名簿").addRow(["氏名", "所属"]);
    const { controller, store } = setup(faultyReport());
    await controller.comparePrevious({ name: "名簿.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    expect(controller.state.notice?.text).toBe("前年度の報告書「名簿.xlsx」を読めません: 報告書の様式が見つかりません");
    expect(store.get(PREVIOUS_KEY)).toBeNull();
  });

  it("a stored digest that does not fit (another version, damaged) is not used", async () => {
    const store = new MemorySettings();
    store.set(PREVIOUS_KEY, { version: 99, projects: "?" });
    await store.save();
    const { controller } = setup(faultyReport(), store);
    await controller.validate();
    expect(controller.state.previous).toBeNull();
  });
});
