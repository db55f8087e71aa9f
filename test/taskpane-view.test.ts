/**
 * @jest-environment jsdom
 *
 * The task pane's view in jsdom: grouped rendering, selecting a cell, IME-safe keys, English,
 * progress while busy, the preview and the message bar.
 */
import { readReport, type WorkbookData } from "../src/core";
import { digestOf } from "../src/core/previous";
import { HostError, type WorkbookChange } from "../src/host/workbook-host";
import { TaskpaneController } from "../src/taskpane/controller";
import { PREVIOUS_KEY } from "../src/taskpane/settings-model";
import { isImeComposing, mountView, renderFatal, type TaskpaneView } from "../src/taskpane/view";
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { faultyReport, openSettings } from "./helpers/pane";
import { edited, firstYear } from "../src/fixtures/report-builder";
import { loadStrings } from "../src/taskpane/i18n";

// English panes load their texts on demand, as taskpane.ts does before mounting.
beforeAll(() => loadStrings("en"));

/** Lets every pending promise chain (the fake host uses no timers) run to its end. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let root: HTMLElement;
let view: TaskpaneView | null = null;

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
  root = document.getElementById("app")!;
});

afterEach(() => {
  view?.destroy();
  view = null;
});

async function open(workbook: WorkbookData = faultyReport(), lang: "ja" | "en" = "ja") {
  const host = new FakeHost(workbook);
  const store = new MemorySettings();
  const controller = new TaskpaneController(host, store, lang, { log: () => {} });
  view = mountView(root, controller);
  await controller.validate();
  return { host, store, controller };
}

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(root.querySelectorAll<T>(selector));
/** The text a reader sees: each text node's words, nodes separated by a space. */
function text(el: Node | null): string {
  if (!el) return "";
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
    else node.childNodes.forEach(walk);
  };
  walk(el);
  return parts.join(" ").replace(/\s+/g, " ").trim();
}
const button = (label: string) => $$<HTMLButtonElement>("button").find((b) => text(b) === label)!;

function key(target: Element, init: KeyboardEventInit & { keyCode?: number }): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined && event.keyCode !== init.keyCode) Object.defineProperty(event, "keyCode", { value: init.keyCode });
  target.dispatchEvent(event);
  return event;
}

describe("rendering", () => {
  it("shows the summary: counts, year, rate and each project's outcomes", async () => {
    await open();
    const counts = $$(".counts .count").map(text);
    expect(counts).toEqual([
      expect.stringMatching(/^エラー \d+件$/),
      expect.stringMatching(/^警告 \d+件$/),
      expect.stringMatching(/^情報 \d+件$/),
    ]);
    expect(text($(".meta"))).toBe("報告年度 2024年度（実績値から判定） 補助率 1/2");
    const rows = $$("table.projects tbody tr").map((tr) => Array.from(tr.children).map(text));
    expect(rows).toEqual([
      ["(1) テスト事業1", "2", "2", "0", "0"],
      ["(2) テスト事業2", "1", "1", "0", "0"],
    ]);
    expect(text($("table.projects thead"))).toBe("事業 KPI 達成 未達成 未計測");
  });

  it("groups findings by project and KPI when asked, each a button naming its cell", async () => {
    await open();
    // the default order is by severity; grouping by project is the other choice.
    $$<HTMLInputElement>(".order input")
      .find((i) => i.value === "project")!
      .click();
    const groups = $$("section.group");
    expect(groups.map((g) => text(g.querySelector("h3")))).toEqual(["全体 1件", "(1) テスト事業1 3件"]);
    const project1 = groups[1];
    expect(Array.from(project1.querySelectorAll("h4")).map(text)).toEqual(["事業全体", "KPI① 相談件数"]);
    const kpi1 = project1.querySelectorAll(".kpi-group")[1];
    const findings = Array.from(kpi1.querySelectorAll<HTMLButtonElement>("button.finding"));
    expect(findings.map((b) => b.querySelector(".finding-cell")!.textContent)).toEqual(["事業1!G18", "事業1!G23"]);
    expect(findings[0].type).toBe("button");
    expect(findings[0].querySelector(".badge")!.textContent).toBe("エラー");
    expect(findings[0].getAttribute("aria-label")).toMatch(/^エラー: .*達成状況.*（事業1!G18）・自動修正可$/);
  });

  it("says under each finding what its rule checks and where its page is, without fetching anything", async () => {
    await open();
    const finding = $$<HTMLButtonElement>("button.finding").find((b) => b.dataset.cell === "G18")!;
    const about = finding.parentElement!.querySelector("details.finding-about")!;
    expect(text(about.querySelector("summary"))).toBe("このルールについて");
    expect(text(about)).toContain("達成状況は、目標値と実績値を指標の向きで比べた結果");
    expect(text(about)).toContain("指摘するセル: 達成状況のセル");
    expect(text(about.querySelector(".finding-docs"))).toBe("ルールの説明ページ: status — docs/rules/status.md");
  });

  it("clicking a finding selects its cell", async () => {
    const { host } = await open();
    const finding = $$<HTMLButtonElement>("button.finding").find((b) => b.dataset.cell === "G18")!;
    finding.click();
    await flush();
    expect(host.calls.selectCell).toEqual([{ sheet: "事業1", cell: "G18" }]);
  });

  it("filters by severity with checkboxes", async () => {
    await open();
    const errorBox = $$<HTMLInputElement>(".filter input").find((i) => i.dataset.focus === "filter:error")!;
    errorBox.click();
    await flush();
    expect($$("button.finding").map((b) => b.dataset.rule)).toEqual(["char-count"]);
    const infoBox = $$<HTMLInputElement>(".filter input").find((i) => i.dataset.focus === "filter:info")!;
    infoBox.click();
    await flush();
    expect(text($(".findings .empty-state"))).toBe("選択した種類の指摘はありません。");
  });

  it("writes cell text as text, never as HTML", async () => {
    const workbook = edited({ sections: [{ number: 1, blocks: [{ kind: '<img src="x" onerror="alert(1)">' }] }] }, []);
    await open(workbook);
    expect(root.querySelector("img")).toBeNull();
    expect($$("button.finding").some((b) => text(b).includes('<img src="x"'))).toBe(true);
  });

  it("says so when there is nothing to report", async () => {
    await open(edited({ sections: [{ number: 1, blocks: [{}] }] }, []));
    expect(text($(".findings .empty-state"))).toBe("問題は見つかりませんでした。");
  });
});

describe("errors first", () => {
  /** An info finding of project (1) comes before an error of project (2) in sheet order. */
  const infoBeforeError = () =>
    edited(
      {
        sections: [
          { number: 1, blocks: [{ achievedCount: "99字" }] },
          { number: 2, blocks: [{ name: "相談件数", years: firstYear(100, 120, "未達成") }] },
        ],
      },
      [],
    );

  it("lists errors first by default, each naming its project and KPI", async () => {
    await open(infoBeforeError());
    expect(text($(".order legend"))).toBe("並べ方");
    const radios = $$<HTMLInputElement>(".order input[type=radio]");
    expect(radios.map((r) => [text(r.parentElement), r.checked])).toEqual([
      ["重大度順", true],
      ["事業ごと", false],
    ]);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect($$("section.severity-group h3").map(text)).toEqual(["エラー 1件", "情報 1件"]);
    const buttons = $$<HTMLButtonElement>("button.finding");
    expect(buttons.map((b) => `${b.dataset.rule}@${b.dataset.sheet}!${b.dataset.cell}`)).toEqual([
      "status@事業2!G18",
      "char-count@事業1!G23",
    ]);
    expect(text(buttons[0].querySelector(".finding-context"))).toBe("(2) テスト事業2 · KPI① 相談件数");
    expect(buttons[0].getAttribute("aria-label")).toMatch(/^エラー: .*（事業2!G18）［\(2\) テスト事業2 · KPI① 相談件数］・自動修正可$/);
    const section = $("section.severity-group")!;
    expect(section.getAttribute("aria-labelledby")).toBe(section.querySelector("h3")!.id);
  });

  it("folds the project table away, so the first screen reaches the findings; unfolded stays unfolded", async () => {
    const { controller } = await open();
    const details = $<HTMLDetailsElement>(".summary details.projects-details")!;
    expect(details.open).toBe(false);
    expect(text(details.querySelector("summary"))).toBe("事業ごとのKPIの達成状況（2事業）");
    expect(details.querySelector("table.projects")).not.toBeNull();
    details.open = true;
    details.dispatchEvent(new Event("toggle"));
    await controller.validate();
    expect($<HTMLDetailsElement>(".summary details.projects-details")!.open).toBe(true);
  });

  it("groups by project when asked, keeps the choice across checks, and keeps focus on the choice", async () => {
    const { host } = await open(infoBeforeError());
    const project = $$<HTMLInputElement>(".order input").find((r) => r.value === "project")!;
    project.focus();
    project.click();
    expect((document.activeElement as HTMLElement).dataset.focus).toBe("order:project");
    expect($$("section.severity-group")).toEqual([]);
    expect($$("section.group h3").map(text)).toEqual(["(1) テスト事業1 1件", "(2) テスト事業2 1件"]);
    expect($$<HTMLButtonElement>("button.finding").map((b) => b.dataset.rule)).toEqual(["char-count", "status"]);
    expect($(".finding-context")).toBeNull();
    button("検証").click();
    await flush();
    expect(host.calls.readWorkbook).toBe(2);
    expect($$<HTMLInputElement>(".order input").find((r) => r.value === "project")!.checked).toBe(true);
    $$<HTMLInputElement>(".order input")
      .find((r) => r.value === "severity")!
      .click();
    expect($$<HTMLButtonElement>("button.finding").map((b) => b.dataset.rule)).toEqual(["status", "char-count"]);
  });
});

describe("what changes, and what is counted", () => {
  it("a preview row that would look the same says what really changes", async () => {
    await open(edited({ sections: [{ number: 1, blocks: [{ years: firstYear("100", 120, "達成") }] }] }, []));
    button("自動入力・修正").click();
    await flush();
    const row = $$(".write-row").find((r) => r.querySelector(".write-note"))!;
    expect(text(row.querySelector(".write-change"))).toBe("現在: 100 → 修正後: 100");
    const note = row.querySelector(".write-note")!;
    expect(text(note)).toBe("値は変わりません（文字列を数値にします）");
    expect(row.querySelector("input")!.getAttribute("aria-describedby")!.split(" ")).toContain(note.id);
  });

  it("the summary counts findings with a fix, the preview cells to write and the findings they are for", async () => {
    await open();
    expect(text($(".summary .fixable-note"))).toBe("うち自動修正できる指摘 4件");
    button("自動入力・修正").click();
    await flush();
    expect($$(".write-row")).toHaveLength(5);
    expect(text($(".preview .preview-counts"))).toBe("書き込むセル 5個（自動修正できる指摘 4件の分）");
    expect($$(".write-note")).toEqual([]);
  });
});

describe("progress", () => {
  it("shows a spinner, aria-busy and disabled buttons while an operation runs", async () => {
    const { host, controller } = await open();
    await openSettings(root);
    host.hold();
    const run = controller.validate();
    await Promise.resolve();
    expect($(".spinner")!.hidden).toBe(false);
    expect($("main")!.getAttribute("aria-busy")).toBe("true");
    expect(text($(".status-line"))).toBe("検証しています…");
    expect(button("検証").disabled).toBe(true);
    expect(button("自動入力・修正").disabled).toBe(true);
    expect($<HTMLSelectElement>("#setting-rate")!.disabled).toBe(true);
    host.release();
    await run;
    expect($(".spinner")!.hidden).toBe(true);
    expect($("main")!.getAttribute("aria-busy")).toBe("false");
    expect(button("検証").disabled).toBe(false);
    expect(text($(".status-line"))).toMatch(/^検証しました: /);
    expect($(".status-line")!.getAttribute("aria-live")).toBe("polite");
  });

  it("the 検証 button validates again", async () => {
    const { host } = await open();
    button("検証").click();
    await flush();
    expect(host.calls.readWorkbook).toBe(2);
  });

  it("shows a host error in a message bar in the user's language", async () => {
    const { host } = await open();
    host.failNext(
      "readWorkbook",
      new HostError("busy", { ja: "セルの編集中は検証できません。", en: "Cannot check while a cell is being edited." }),
    );
    button("検証").click();
    await flush();
    const bar = $(".message-bar")!;
    expect(bar.getAttribute("role")).toBe("alert");
    expect(text(bar.querySelector(".message-text"))).toBe("セルの編集中は検証できません。");
    expect(text(bar)).not.toMatch(/HostError|at /);
    bar.querySelector<HTMLButtonElement>("button")!.click();
    expect($(".message-bar")).toBeNull();
  });
});

describe("fix preview", () => {
  it("lists the writes with tick boxes, applies the ticked ones and reports skipped cells", async () => {
    const { host } = await open();
    button("自動入力・修正").click();
    await flush();
    const rows = $$(".write-row");
    expect(rows.map((r) => text(r.querySelector(".write-cell")))).toEqual([
      "活用状況!G5",
      "活用状況!F7",
      "活用状況!G7",
      "事業1!G18",
      "事業1!G23",
    ]);
    expect(text(rows[0].querySelector(".write-change"))).toBe("現在: 500,001円 → 修正後: =ROUNDDOWN(F5*1/2,0)（値: 500,000円）");
    const boxes = $$<HTMLInputElement>(".write-row input[type=checkbox]");
    expect(boxes.every((b) => b.checked)).toBe(true);
    // Untick 事業1!G23 (its label is the cell).
    boxes[4].click();
    await flush();
    expect(button("4セルに適用")).toBeDefined();
    host.editCell("事業1", "G18", "未計測");
    button("4セルに適用").click();
    await flush();
    expect(host.calls.applyWrites).toHaveLength(1);
    expect(host.calls.applyWrites[0].map((w) => w.cell)).toEqual(["G5", "F7", "G7", "G18"]);
    expect($("section.preview")!.hidden).toBe(true);
    const bar = $(".message-bar")!;
    expect(text(bar.querySelector(".message-text"))).toBe("3セルに書き込みました。 1セルは書き込みませんでした:");
    expect($$(".message-details li").map(text)).toEqual(["事業1!G18 は検証後に変更されたため書き込みませんでした"]);
    // Undo appears after an apply, and puts the cells back.
    const undo = button("元に戻す");
    expect(undo.hidden).toBe(false);
    undo.click();
    await flush();
    expect(host.cell("活用状況", "G5").value).toBe(500_001);
    expect(button("元に戻す").hidden).toBe(true);
  });

  it("Escape closes the preview, but not while an IME is composing", async () => {
    await open();
    button("自動入力・修正").click();
    await flush();
    const preview = $("section.preview")!;
    key(preview.querySelector("input")!, { key: "Escape", isComposing: true });
    expect(preview.hidden).toBe(false);
    key(preview.querySelector("input")!, { key: "Escape" });
    expect(preview.hidden).toBe(true);
  });
});

describe("settings and IME", () => {
  it("Enter that confirms a Japanese conversion does not commit the year; a plain Enter does", async () => {
    const { host, store } = await open();
    await openSettings(root);
    const year = $<HTMLInputElement>("#setting-year")!;
    year.value = "２０２５";
    year.dispatchEvent(new Event("input", { bubbles: true }));
    expect(key(year, { key: "Enter", isComposing: true }).defaultPrevented).toBe(false);
    key(year, { key: "Enter", keyCode: 229 });
    year.dispatchEvent(new CompositionEvent("compositionstart"));
    key(year, { key: "Enter" });
    year.dispatchEvent(new CompositionEvent("compositionend"));
    await flush();
    expect(store.saves).toBe(0);
    expect(host.calls.readWorkbook).toBe(1);

    key($<HTMLInputElement>("#setting-year")!, { key: "Enter" });
    await flush();
    expect(store.saves).toBe(1);
    expect(host.calls.readWorkbook).toBe(2);
    expect(text($(".meta"))).toContain("2025年度（設定で指定）");
  });

  it("an invalid year shows an error and does not re-validate", async () => {
    const { host } = await open();
    await openSettings(root);
    const year = $<HTMLInputElement>("#setting-year")!;
    year.value = "来年";
    year.dispatchEvent(new Event("input", { bubbles: true }));
    key(year, { key: "Enter" });
    await flush();
    const again = $<HTMLInputElement>("#setting-year")!;
    expect(again.getAttribute("aria-invalid")).toBe("true");
    expect(again.value).toBe("来年");
    expect(text($(".field-error"))).toMatch(/2000〜2100/);
    expect(host.calls.readWorkbook).toBe(1);
  });

  it("a year the report does not have is refused, naming the years it has; 令和 works", async () => {
    const { host, store } = await open();
    await openSettings(root);
    const year = $<HTMLInputElement>("#setting-year")!;
    year.value = "2030";
    year.dispatchEvent(new Event("input", { bubbles: true }));
    key(year, { key: "Enter" });
    await flush();
    let again = $<HTMLInputElement>("#setting-year")!;
    expect(again.getAttribute("aria-invalid")).toBe("true");
    expect(again.value).toBe("2030");
    const error = $(".field-error")!;
    expect(text(error)).toBe(
      "2030年度（令和12年度）はこの報告書のKPIにありません。報告書にある年度: 2024年度（令和6年度）・2025年度（令和7年度）・2026年度（令和8年度）",
    );
    expect(again.getAttribute("aria-describedby")!.split(" ")).toContain(error.id);
    expect(host.calls.readWorkbook).toBe(1);
    expect(store.saves).toBe(0);

    again.value = "令和7";
    again.dispatchEvent(new Event("input", { bubbles: true }));
    key(again, { key: "Enter" });
    await flush();
    again = $<HTMLInputElement>("#setting-year")!;
    expect(again.getAttribute("aria-invalid")).toBeNull();
    expect($(".field-error")).toBeNull();
    expect(host.calls.readWorkbook).toBe(2);
    expect(text($(".meta"))).toContain("2025年度（設定で指定）");
  });

  it("changing the rate or a KPI's direction re-validates", async () => {
    const { host, controller } = await open();
    await openSettings(root);
    const rate = $<HTMLSelectElement>("#setting-rate")!;
    expect(Array.from(rate.options).map((o) => o.text)).toEqual([
      "1/2（TYPE1・TYPE2・TYPE A）",
      "2/3（TYPE3・TYPE V）",
      "3/4（TYPES・TYPE S）",
    ]);
    rate.value = "2/3";
    rate.dispatchEvent(new Event("change", { bubbles: true }));
    await flush();
    expect(host.calls.readWorkbook).toBe(2);
    expect(text($(".meta"))).toContain("補助率 2/3");
    const direction = $<HTMLSelectElement>('select[data-focus="direction:1:1"]')!;
    expect(Array.from(direction.options).map((o) => o.text)).toEqual(["自動（増加が良い）", "増加が良い", "減少が良い"]);
    direction.value = "lower";
    direction.dispatchEvent(new Event("change", { bubbles: true }));
    await flush();
    expect(controller.state.settings.directions).toEqual({ "1:1": "lower" });
    expect(host.calls.readWorkbook).toBe(3);
  });

  it("isImeComposing recognizes both signals", () => {
    expect(isImeComposing(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(true);
    const legacy = new KeyboardEvent("keydown", { key: "Enter" });
    Object.defineProperty(legacy, "keyCode", { value: 229 });
    expect(isImeComposing(legacy)).toBe(true);
    expect(isImeComposing(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(false);
  });
});

describe("focus", () => {
  it("keeps focus on a filter checkbox across the re-render it causes", async () => {
    await open();
    const box = $$<HTMLInputElement>(".filter input").find((i) => i.dataset.focus === "filter:warning")!;
    box.focus();
    box.click();
    await flush();
    expect((document.activeElement as HTMLElement).dataset.focus).toBe("filter:warning");
    expect(document.activeElement).not.toBe(box); // rebuilt, yet focused
  });

  it("returns focus to 検証 once the check it started is done", async () => {
    await open();
    const validate = button("検証");
    validate.focus();
    validate.click();
    await flush();
    expect(document.activeElement).toBe(validate);
  });
});

describe("English", () => {
  it("uses English strings when the display language is English", async () => {
    await open(faultyReport(), "en");
    expect(document.documentElement.lang).toBe("en");
    expect(text($(".app-title"))).toBe("KPI Report Checker");
    expect(button("Check")).toBeDefined();
    expect(button("Fill in & fix")).toBeDefined();
    expect($$(".counts .count").map(text)).toEqual([
      expect.stringMatching(/^Error \d+$/),
      expect.stringMatching(/^Warning \d+$/),
      expect.stringMatching(/^Info \d+$/),
    ]);
    expect(text($(".meta"))).toBe("Reporting year FY2024 (from the actuals) Grant rate 1/2");
    expect(text($(".order legend"))).toBe("Order");
    expect($$(".order label").map(text)).toEqual(["By severity", "By project"]);
    expect(text($$("section.severity-group h3")[0])).toMatch(/^Error \d+$/);
    $$<HTMLInputElement>(".order input")[1].click();
    expect(text($$("section.group h3")[0])).toBe("Workbook 1");
    const status = $$<HTMLButtonElement>("button.finding").find((b) => b.dataset.cell === "G18")!;
    expect(text(status.querySelector(".finding-message"))).toMatch(/^\(1\) KPI 1: the FY2024 status says/);
    expect(text(status.querySelector(".badge"))).toBe("Error");
  });

  it("renders a start-up failure in the user's language", () => {
    renderFatal(root, "en");
    expect(text(root)).toBe("KPI Report Checker could not start. Close and reopen the task pane.");
    renderFatal(root, "ja");
    expect(root.querySelector("[role=alert]")).not.toBeNull();
  });
});

describe("the automatic check in the pane", () => {
  /** A FakeHost that raises the user's edits as change events. */
  class WatchingHost extends FakeHost {
    listener: ((change: WorkbookChange) => void) | null = null;
    async watchChanges(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>> {
      this.listener = listener;
      return async () => {
        this.listener = null;
      };
    }
    type(sheet: string, cell: string, value: string): void {
      this.editCell(sheet, cell, value);
      this.listener?.({ sheet, address: cell, byThisAddin: null });
    }
  }

  async function openWatching() {
    const host = new WatchingHost(faultyReport());
    const controller = new TaskpaneController(host, new MemorySettings(), "ja", { log: () => {}, autoCheckDelayMs: 0 });
    view = mountView(root, controller);
    await controller.validate();
    await flush();
    return { host, controller };
  }

  it("offers the switch where the host raises change events, on by default, and turns it off", async () => {
    const { controller } = await openWatching();
    await openSettings(root);
    const toggle = $<HTMLInputElement>("#setting-auto-check")!;
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute("role")).toBe("switch");
    expect(text(toggle.closest(".auto-check"))).toContain("入力に合わせて自動で点検");
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    await flush();
    expect(controller.state.settings.autoCheck).toBe(false);
    expect($<HTMLInputElement>("#setting-auto-check")!.checked).toBe(false);
  });

  it("hides it where the host has none", async () => {
    await open();
    await openSettings(root);
    expect($("#setting-auto-check")).toBeNull();
  });

  it("re-checks after an edit keeping the scroll position, the filters and the focused finding", async () => {
    const { host, controller } = await openWatching();
    const info = $<HTMLInputElement>('[data-focus="filter:info"]')!;
    info.checked = false;
    info.dispatchEvent(new Event("change"));
    await flush();
    const section = $(".card.findings");
    const focusKey = $$<HTMLButtonElement>("button.finding").find((b) => b.dataset.cell === "F7")!.dataset.focus!;
    $$<HTMLButtonElement>("button.finding")
      .find((b) => b.dataset.focus === focusKey)!
      .focus();
    document.documentElement.scrollTop = 480;
    const before = controller.state.result;

    host.type("事業1", "G18", "達成"); // fixes the status finding
    await flush();
    await flush();
    expect(controller.state.result).not.toBe(before);
    expect($$("button.finding").some((b) => b.dataset.rule === "status" && b.dataset.cell === "G18")).toBe(false);
    expect($(".card.findings")).toBe(section); // the region is refilled, not replaced
    expect(document.documentElement.scrollTop).toBe(480);
    expect($<HTMLInputElement>('[data-focus="filter:info"]')!.checked).toBe(false);
    expect((document.activeElement as HTMLElement).dataset.focus).toBe(focusKey);
  });
});

describe("前年度の報告書と比較 (settings)", () => {
  it("offers a file input for an .xlsx; a comparison set shows its file and stops on 比較をやめる", async () => {
    const store = new MemorySettings();
    const workbook = faultyReport();
    store.set(PREVIOUS_KEY, digestOf(readReport(workbook), { source: "R5報告書.xlsx" }));
    await store.save();
    const controller = new TaskpaneController(new FakeHost(workbook), store, "ja", { log: () => {} });
    view = mountView(root, controller);
    await controller.validate();
    await openSettings(root);

    const input = $<HTMLInputElement>("input[type=file]#setting-previous-file")!;
    expect(input.accept).toBe(".xlsx");
    expect(text($('label[for="setting-previous-file"]'))).toBe("前年度の報告書と比較…");
    expect(text($(".previous-source"))).toBe("比較中: R5報告書.xlsx");

    $<HTMLButtonElement>("#setting-previous-clear")!.click();
    await controller.validate(); // queued after the clear: resolves once it is done
    expect(controller.state.previous).toBeNull();
    expect(store.get(PREVIOUS_KEY)).toBeNull();
    expect($(".previous-source")).toBeNull();
    expect($("#setting-previous-clear")).toBeNull();
  });
});
