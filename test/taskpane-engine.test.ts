/**
 * The rule engine as the task pane loads it (src/taskpane/engine.ts): a chunk of its own, fetched at
 * start. A check whose engine cannot be fetched says so in the user's language, and the next check
 * fetches it again; a finding's rule (its description and docs) comes from the engine that found it.
 * The chunk's failure is webpack's ChunkLoadError, stood in for by a module whose first load throws.
 */
import type * as ControllerModule from "../src/taskpane/controller";
import type * as I18nModule from "../src/taskpane/i18n";
import { isChunkLoadError } from "../src/taskpane/engine";
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { faultyReport } from "./helpers/pane";

/** How many times the engine was asked for, and how many of those loads fail (from the first). */
const engineLoads = { count: 0, failing: 0 };

jest.doMock("../src/core", () => {
  engineLoads.count++;
  if (engineLoads.count <= engineLoads.failing) {
    // What webpack's runtime rejects with when a chunk's script fails to load.
    const error = new Error("Loading chunk 42 failed.\n(error: https://intranet.example.lg.jp/kpi/engine.0123abcd.js)");
    error.name = "ChunkLoadError";
    throw error;
  }
  return jest.requireActual("../src/core");
});

/** A pane as it opens: its modules fresh (the engine not loaded yet), its texts loaded. */
async function setup(lang: "ja" | "en" = "ja") {
  let controllerModule: typeof ControllerModule | undefined;
  let i18n: typeof I18nModule | undefined;
  jest.isolateModules(() => {
    controllerModule = require("../src/taskpane/controller") as typeof ControllerModule;
    i18n = require("../src/taskpane/i18n") as typeof I18nModule;
  });
  await i18n!.loadStrings(lang);
  const host = new FakeHost(faultyReport());
  const log = jest.fn();
  return { host, log, controller: new controllerModule!.TaskpaneController(host, new MemorySettings(), lang, { log }) };
}

describe("the pane's rule engine, loaded as a chunk of its own", () => {
  beforeEach(() => {
    engineLoads.count = 0;
    // The engine's module is required when it is asked for, after setup's isolation: from the
    // shared registry, emptied here so that each test's first ask reaches the stand-in again.
    jest.resetModules();
  });

  it("cannot be fetched: the check says so (not an unexpected error), and the next check fetches it and checks", async () => {
    engineLoads.failing = 2;
    const { controller, log } = await setup();
    await controller.validate();
    expect(controller.state.result).toBeNull();
    expect(controller.state.notice).toEqual({
      kind: "error",
      text: "作業ウィンドウの部品をアドインのサーバーから読み込めませんでした。ネットワークの接続を確かめ、もう一度お試しください（「検証」を押すと読み込み直します）。",
      details: [],
    });
    expect(controller.state.status).toBe(controller.state.notice!.text);
    expect(controller.state.busy).toBeNull();
    expect(log).toHaveBeenCalledWith("KPI報告チェッカー: a script of the pane could not be loaded", expect.any(Error));

    // Still unreachable: asked for again, and the same message.
    await controller.validate();
    expect(engineLoads.count).toBe(2);
    expect(controller.state.notice?.text).toMatch(/読み込めませんでした/);

    // Reachable again: the check runs.
    await controller.validate();
    expect(engineLoads.count).toBe(3);
    expect(controller.state.notice).toBeNull();
    expect(controller.state.result!.findings.length).toBeGreaterThan(0);
    expect(controller.state.status).toMatch(/^検証しました/);

    // Loaded once for good: later checks do not ask for it again.
    await controller.validate();
    expect(engineLoads.count).toBe(3);
  });

  it("says it in English in an English pane", async () => {
    engineLoads.failing = 1;
    const { controller } = await setup("en");
    await controller.validate();
    expect(controller.state.notice?.text).toBe(
      "A part of the task pane could not be loaded from the add-in's server. Check the network connection and try again (Check loads it again).",
    );
  });

  it("gives each finding's rule from the engine that found it, and none before a check", async () => {
    engineLoads.failing = 0;
    const { controller } = await setup();
    expect(controller.ruleOf({ ruleId: "status" })).toBeNull();
    await controller.validate();
    const finding = controller.state.result!.findings.find((f) => f.ruleId === "status")!;
    const rule = controller.ruleOf(finding)!;
    expect(rule.meta.id).toBe("status");
    expect(rule.meta.docs.url).toMatch(/docs\/rules\/status\.md$/);
    expect(controller.ruleOf({ ruleId: "no-such-rule" })).toBeNull();
  });

  it("tells a script that could not be fetched from a bug", () => {
    const chunk = new Error("Loading chunk 7 failed.");
    chunk.name = "ChunkLoadError";
    expect(isChunkLoadError(chunk)).toBe(true);
    expect(isChunkLoadError(new TypeError("x is undefined"))).toBe(false);
    expect(isChunkLoadError("ChunkLoadError")).toBe(false);
  });
});
