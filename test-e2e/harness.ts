/**
 * What the end-to-end tests need around the browser: the demo build (reused while it is newer than
 * its sources), the demo server on a free localhost port, Debian's Chromium through playwright-core
 * (no browser download), test workbooks made with ExcelJS, and small waits on the page.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { run } from "../src/cli/main";
import { chromiumLaunchOptions } from "../src/dev/chromium";

export const ROOT = path.resolve(__dirname, "..");
export const DIST = path.join(ROOT, "dist-demo");
export const OUTPUT = path.join(ROOT, "test-output", "e2e");
export const SEED = path.join(ROOT, "samples", "hanamaki-r6.xlsx");
const STAMP = path.join(DIST, ".e2e-build-stamp");

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const BUILD_INPUTS = ["src", "assets", "samples/hanamaki-r6.xlsx", "webpack.demo.config.js", "package-lock.json", "tsconfig.json"];

/**
 * Builds the demo (`npm run build:demo`) unless dist-demo/ was built by this harness after every
 * input last changed. E2E_REBUILD=1 always builds; E2E_REUSE_BUILD=1 takes any existing build.
 */
export function ensureDemoBuild(log: (line: string) => void): void {
  const stamp = fs.statSync(STAMP, { throwIfNoEntry: false });
  const built = fs.existsSync(path.join(DIST, "index.html"));
  if (process.env.E2E_REUSE_BUILD === "1" && built) {
    log("reusing dist-demo/ (E2E_REUSE_BUILD=1)");
    return;
  }
  const newest = Math.max(...BUILD_INPUTS.map((input) => newestMtime(path.join(ROOT, input))));
  if (process.env.E2E_REBUILD !== "1" && built && stamp && stamp.mtimeMs > newest) {
    log("reusing dist-demo/ (newer than its sources)");
    return;
  }
  log("building the demo: webpack --config webpack.demo.config.js --mode production");
  const webpackCli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const result = spawnSync(process.execPath, [webpackCli, "--config", "webpack.demo.config.js", "--mode", "production"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) throw new Error(`the demo build failed:\n${result.stdout}\n${result.stderr}`);
  fs.writeFileSync(STAMP, new Date().toISOString() + "\n");
}

/** With E2E_UPDATE_DOCS=1: copies the named screenshots from test-output/e2e/ into docs/images/. */
export function updateDocScreenshots(names: readonly string[], log: (line: string) => void): void {
  if (process.env.E2E_UPDATE_DOCS !== "1") return;
  const images = path.join(ROOT, "docs", "images");
  fs.mkdirSync(images, { recursive: true });
  for (const name of names) {
    if (!fs.existsSync(path.join(OUTPUT, name))) continue;
    fs.copyFileSync(path.join(OUTPUT, name), path.join(images, name));
    log(`docs/images/${name} updated`);
  }
}

// ---------------------------------------------------------------------------------------------
// Browser

export interface Browser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  const launch = chromiumLaunchOptions();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...launch,
    viewport: { width: 1440, height: 900 },
    locale: "ja-JP",
    acceptDownloads: true,
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The CLI, in-process

interface CliFinding {
  ruleId: string;
  severity: "error" | "warning" | "info";
  sheet: string;
  cell: string;
  message: string;
  fixable: boolean;
}

export interface CliReport {
  findings: CliFinding[];
  stats: { errors: number; warnings: number; infos: number; fixable: number };
}

/** `kpi-check <file> --format json [--lang …]`, run in this process; the file's report. */
export async function cliReport(file: string, lang: "ja" | "en" = "ja"): Promise<CliReport> {
  let out = "";
  let err = "";
  const code = await run([file, "--format", "json", "--lang", lang], {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    cwd: ROOT,
  });
  if (code === 2) throw new Error(`kpi-check failed on ${file}: ${err}`);
  return (JSON.parse(out) as { files: CliReport[] }).files[0];
}

// ---------------------------------------------------------------------------------------------
// Workbooks made for the tests

/**
 * The sample report with mistakes the pane can fix: an empty and a wrong 達成状況 (事業1!G18,
 * 事業1!G40), a wrong 交付金充当額 (活用状況!G5, with G10's SUM consistent) and a 合計 typed as a
 * wrong number (活用状況!F10); the sample's own 「N字」 mistakes stay.
 */
export async function makeFixableReport(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SEED);
  const project1 = workbook.getWorksheet("事業1")!;
  project1.getCell("G18").value = null;
  project1.getCell("G40").value = "達成";
  const summary = workbook.getWorksheet("活用状況")!;
  summary.getCell("G5").value = 1000000;
  summary.getCell("G10").value = { formula: "SUM(G5:G9)", result: 113127521 } as ExcelJS.CellFormulaValue;
  summary.getCell("F10").value = 226391241;
  await workbook.xlsx.writeFile(file);
}

/** An ordinary workbook that is no report: a small staff list. */
export async function makeNonReport(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("職員名簿");
  sheet.addRow(["氏名", "所属", "内線"]);
  sheet.addRow(["山田 太郎", "企画課", 1234]);
  sheet.addRow(["佐藤 花子", "財政課", 2345]);
  sheet.getColumn(1).width = 16;
  await workbook.xlsx.writeFile(file);
}

/** A workbook whose only sheet is empty. */
export async function makeEmptyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Sheet1");
  await workbook.xlsx.writeFile(file);
}

// ---------------------------------------------------------------------------------------------
// The page

export type Counts = { error: number; warning: number; info: number };

/** The number of the pane's current load (the page restarts the pane for each opened file). */
export async function paneLoad(page: Page): Promise<number> {
  return page.evaluate(() => {
    const frame = document.getElementById("taskpane") as HTMLIFrameElement;
    return Number(new URL(frame.src, location.href).searchParams.get("load") ?? 0);
  });
}

/**
 * Waits until the pane (its load `load`, when given) has checked the workbook and is idle: the
 * three counts are shown and nothing is running.
 */
export async function waitForChecked(page: Page, load?: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const frame = document.getElementById("taskpane") as HTMLIFrameElement | null;
      const doc = frame?.contentDocument;
      const win = frame?.contentWindow;
      if (!doc || !win || doc.readyState !== "complete") return false;
      if (wanted !== null && new URLSearchParams(win.location.search).get("load") !== String(wanted)) return false;
      const app = doc.querySelector(".app");
      return !!app && !app.classList.contains("is-busy") && doc.querySelectorAll(".summary .count-value").length === 3;
    },
    load ?? null,
    { timeout, polling: 100 },
  );
}

/** Waits until the pane is idle again (after an action it queued). */
export async function waitForIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const doc = (document.getElementById("taskpane") as HTMLIFrameElement | null)?.contentDocument;
      const app = doc?.querySelector(".app");
      return !!app && !app.classList.contains("is-busy");
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** The counts the pane's summary shows. */
export async function paneCounts(page: Page): Promise<Counts> {
  const pane = page.frameLocator("#taskpane");
  const read = async (severity: string) => {
    const text = await pane.locator(`.summary .count-${severity} .count-value`).innerText();
    return Number(/\d+/.exec(text)?.[0] ?? NaN);
  };
  return { error: await read("error"), warning: await read("warning"), info: await read("info") };
}

export interface PaneFinding {
  rule: string;
  sheet: string;
  cell: string;
  fixable: boolean;
  message: string;
}

/** The findings listed in the pane, in order. */
export async function paneFindings(page: Page): Promise<PaneFinding[]> {
  return page
    .frameLocator("#taskpane")
    .locator("button.finding")
    .evaluateAll((buttons) =>
      buttons.map((b) => ({
        rule: b.getAttribute("data-rule") ?? "",
        sheet: b.getAttribute("data-sheet") ?? "",
        cell: b.getAttribute("data-cell") ?? "",
        fixable: b.querySelector(".tag") !== null,
        message: b.querySelector(".finding-message")?.textContent ?? "",
      })),
    );
}

export interface CellState {
  value: string | number | boolean | null;
  formula: string | null;
  numberFormat: string | null;
  fill: string | null;
}

/** Every cell the page's workbook holds, by "sheet!A1". */
export async function workbookCells(page: Page): Promise<Record<string, CellState>> {
  return page.evaluate(() => {
    const host = (window as unknown as { kpiDemo: { workbook: import("../src/demo/workbook-model").DemoWorkbook } }).kpiDemo;
    const out: Record<string, CellState> = {};
    for (const sheet of host.workbook.sheets) {
      for (const [address, cell] of sheet.cells) {
        out[`${sheet.name}!${address}`] = {
          value: cell.value,
          formula: cell.formula ?? null,
          numberFormat: cell.numberFormat ?? null,
          fill: cell.fill ?? null,
        };
      }
    }
    return out;
  });
}

/** The text the grid shows in a cell of the sheet shown. */
export async function gridText(page: Page, cell: string): Promise<string> {
  return page.locator(`#grid td[data-cell="${cell}"]`).innerText();
}

/** Shows a sheet by clicking its tab and waits for the grid to draw it. */
export async function showSheet(page: Page, sheet: string): Promise<void> {
  await page.locator(`.sheet-tab[data-sheet="${sheet}"]`).click();
  await page.locator(`table.sheet-grid[data-sheet="${sheet}"]`).waitFor();
}

/** Polls `check` until it returns true. */
export async function eventually(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
