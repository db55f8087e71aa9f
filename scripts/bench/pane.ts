/**
 * How soon the task pane shows and gives its first check's results, in the browser demo (the same
 * pane, Excel emulated in the page): the demo built into a temporary folder, served on localhost,
 * opened in Debian's Chromium with a fresh browser each time (nothing cached), under two conditions
 * — no limits, and a slow PC on a slow network (CPU 4× slower, 40 ms latency, 10 Mbps, through the
 * DevTools protocol). Times are from the start of the pane's page: "shown" when the pane's view is
 * on the page, "checked" when the first check's counts are. Real Excel adds its round trips to the
 * workbook read; the demo's emulator answers at once.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions, chromiumMissing } from "../../src/dev/chromium";
import { startDemoServer } from "../../src/dev/demo-server";
import { median } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webpackCliCommand } = require("../../webpack.base.js") as {
  webpackCliCommand(options: { config: string; outDir: string; env?: Record<string, string | undefined> }): {
    file: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
  };
};

interface Condition {
  name: string;
  cpuSlowdown: number;
  latencyMs: number;
  /** Both ways; null: not limited. */
  mbps: number | null;
}

const CONDITIONS: Condition[] = [
  { name: "no limits", cpuSlowdown: 1, latencyMs: 0, mbps: null },
  { name: "slow PC, slow network", cpuSlowdown: 4, latencyMs: 40, mbps: 10 },
];

interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface PaneResult {
  method: string;
  runs: number;
  conditions: (Condition & { shownMs: Spread; checkedMs: Spread })[];
}

export type PaneOutcome = PaneResult | { skipped: string };

function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

async function openOnce(url: string, condition: Condition): Promise<{ shown: number; checked: number }> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    if (condition.mbps !== null || condition.latencyMs > 0) {
      const bytesPerSecond = condition.mbps === null ? -1 : (condition.mbps * 1024 * 1024) / 8;
      await devtools.send("Network.enable");
      await devtools.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: condition.latencyMs,
        downloadThroughput: bytesPerSecond,
        uploadThroughput: bytesPerSecond,
      });
    }
    if (condition.cpuSlowdown > 1) await devtools.send("Emulation.setCPUThrottlingRate", { rate: condition.cpuSlowdown });
    await page.goto(url);
    const pane = await (await page.waitForSelector("#taskpane", { state: "attached", timeout: 60_000 })).contentFrame();
    if (!pane) throw new Error("the demo has no task pane frame");
    // Sampled on every animation frame, in the pane's own clock (0 = the start of its page).
    const shown = await pane.waitForFunction(() => (document.querySelector(".app") ? performance.now() : 0), undefined, {
      polling: "raf",
      timeout: 60_000,
    });
    const checked = await pane.waitForFunction(
      () => (document.querySelectorAll(".summary .count-value").length === 3 ? performance.now() : 0),
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    return { shown: Math.round(Number(await shown.jsonValue())), checked: Math.round(Number(await checked.jsonValue())) };
  } finally {
    await browser.close();
  }
}

export async function measurePane(log: (text: string) => void, runs: number): Promise<PaneOutcome> {
  const missing = chromiumMissing();
  if (missing) return { skipped: missing };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-check-bench-demo-"));
  try {
    log("webpack --config webpack.demo.config.js --mode production …");
    const command = webpackCliCommand({ config: "webpack.demo.config.js", outDir: out, env: { NODE_ENV: "production" } });
    const build = spawnSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`the demo build failed:\n${build.stdout}\n${build.stderr}`);
    const server = await startDemoServer({ root: out, port: 0 });
    try {
      const conditions = [];
      for (const condition of CONDITIONS) {
        const shown: number[] = [];
        const checked: number[] = [];
        for (let i = 0; i < runs; i++) {
          log(`the pane, ${condition.name}: run ${i + 1} of ${runs} …`);
          const times = await openOnce(server.url, condition);
          shown.push(times.shown);
          checked.push(times.checked);
        }
        conditions.push({ ...condition, shownMs: spread(shown), checkedMs: spread(checked) });
      }
      return {
        method:
          "the demo (npm run build:demo) served on localhost, opened in Debian's Chromium with a fresh browser per run (no cache); " +
          "ms from the start of the pane's page until its view is shown and until its first check's counts are shown, sampled per animation frame",
        runs,
        conditions,
      };
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
