/**
 * @jest-environment jsdom
 *
 * The composition root (src/taskpane/taskpane.ts): on Office.onReady it builds the pane over the
 * Excel adapter and the document settings, in Office's display language, and validates at once.
 */
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { edited, firstYear } from "../src/fixtures/report-builder";

const mockHost = new FakeHost(edited({ sections: [{ number: 1, blocks: [{ years: firstYear(100, 120, "未達成") }] }] }, []));
const mockSettings = new MemorySettings();
const mockCreateHost = jest.fn((_options?: unknown) => mockHost);
let mockLanguage: "ja" | "en" = "ja";

jest.mock("../src/excel/excel-host", () => ({ createExcelHost: (options?: unknown) => mockCreateHost(options) }));
jest.mock("../src/excel/settings", () => ({ createDocumentSettings: () => mockSettings }));
jest.mock("../src/excel/office", () => ({ ...jest.requireActual("../src/excel/office"), displayLanguage: () => mockLanguage }));

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let ready: (() => void) | null = null;

beforeEach(() => {
  jest.resetModules();
  ready = null;
  document.body.innerHTML = '<div id="app"><p class="loading">読み込んでいます…</p></div>';
  (globalThis as unknown as { Office: unknown }).Office = { onReady: (callback: () => void) => (ready = callback) };
});

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

function start(): void {
  jest.isolateModules(() => {
    require("../src/taskpane/taskpane");
  });
  expect(ready).not.toBeNull();
  ready!();
}

it("waits for Office, then renders and validates at once (the ribbon button only opens the pane)", async () => {
  start();
  await flush();
  expect(mockHost.calls.readWorkbook).toBe(1);
  expect(mockCreateHost).toHaveBeenCalledWith({ settings: mockSettings });
  expect(document.querySelector(".loading")).toBeNull();
  expect(document.querySelector("h1")!.textContent).toBe("KPI報告チェッカー");
  expect(Array.from(document.querySelectorAll("button.finding")).map((b) => (b as HTMLElement).dataset.rule)).toContain("status");
});

it("uses English when Office's display language is not Japanese", async () => {
  mockLanguage = "en";
  start();
  await flush();
  expect(document.documentElement.lang).toBe("en");
  expect(document.querySelector("h1")!.textContent).toBe("KPI Report Checker");
  mockLanguage = "ja";
});

it("works in Japanese when the English texts cannot be loaded (they are a chunk of their own)", async () => {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
  jest.doMock("../src/taskpane/i18n-en", () => {
    throw new Error("ChunkLoadError: Loading chunk en failed.");
  });
  mockLanguage = "en";
  start();
  await flush();
  expect(document.documentElement.lang).toBe("ja");
  expect(document.querySelector("h1")!.textContent).toBe("KPI報告チェッカー");
  expect(Array.from(document.querySelectorAll("button.finding")).length).toBeGreaterThan(0);
  expect(warn).toHaveBeenCalled();
  mockLanguage = "ja";
  jest.dontMock("../src/taskpane/i18n-en");
  warn.mockRestore();
});

it("shows a plain message, not a stack, when the pane cannot start", async () => {
  const spy = jest.spyOn(console, "error").mockImplementation(() => {});
  mockCreateHost.mockImplementationOnce(() => {
    throw new Error("Excel is not defined");
  });
  start();
  await flush();
  const alert = document.querySelector("[role=alert]")!;
  expect(alert.textContent).toBe("KPI報告チェッカーを起動できませんでした。作業ウィンドウを開き直してください。");
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();
});
