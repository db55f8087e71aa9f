/**
 * End to end: the roll-up page (`kpi-check --report FILE.html`) opened from disk in Debian's
 * Chromium, as prefecture staff open it from a shared folder: for the samples and for a generated
 * folder of 50 reports (and one broken file), the headline figures the page shows are those
 * recomputed from the JSON report of the same run; the KPI table sorts and filters under the page's
 * CSP (a violation would be a console error); and nothing is requested but the page itself.
 *
 *   node --import tsx --test test-e2e/rollup.e2e.test.ts
 *   E2E_UPDATE_DOCS=1 …                    also copy the screenshots into docs/images/
 *
 * No demo build and no server: the page is a file.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { run } from "../src/cli/main";
import type { JsonReport } from "../src/cli/report-schema";
import { buildHanamaki, loadReport } from "../src/fixtures/samples";
import { syntheticSample } from "../src/fixtures/synthetic";
import { launchBrowser, OUTPUT, ROOT, updateDocScreenshots, type Browser } from "./harness";

const WORK = path.join(OUTPUT, "rollup");
const GENERATED = path.join(WORK, "reports-50");
const DOC_SCREENSHOTS = ["rollup-samples-ja.png", "rollup-50-ja.png"];

let browser: Browser;
const requests: string[] = [];
const problems: string[] = [];

function log(line: string): void {
  process.stdout.write(`# ${line}\n`);
}

/** 50 reports of 1–3 projects of 2–3 KPIs (the bench's mix), and one file that is no workbook. */
async function generateReports(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const base = loadReport();
  for (let i = 0; i < 50; i++) {
    const sample = syntheticSample({ seed: 20261124 + i, sections: 1 + (i % 3), kpisPerSection: [2, 3] }, base);
    const buffer = await buildHanamaki(sample).xlsx.writeBuffer();
    fs.writeFileSync(path.join(dir, `市町村${String(i + 1).padStart(2, "0")}.xlsx`), Buffer.from(buffer as ArrayBuffer));
  }
  fs.writeFileSync(path.join(dir, "壊れたファイル.xlsx"), "not a workbook");
}

before(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  log("generating 50 reports …");
  await generateReports(GENERATED);
  browser = await launchBrowser();
  browser.context.on("request", (request) => requests.push(request.url()));
  browser.context.on("page", (page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
  });
});

after(async () => {
  await browser?.close();
  updateDocScreenshots(DOC_SCREENSHOTS, log);
});

/** `kpi-check --format json --report <page> <inputs…>` in this process: the JSON report. */
async function rollup(page: string, inputs: string[]): Promise<JsonReport> {
  let out = "";
  let err = "";
  const code = await run(["--format", "json", "--report", page, ...inputs], {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    cwd: ROOT,
  });
  assert.ok(code <= 2, err);
  assert.ok(fs.existsSync(page), `no roll-up written: ${err}`);
  return JSON.parse(out) as JsonReport;
}

type Checked = Extract<JsonReport["files"][number], { findings: unknown }>;

/** The headline figures, recomputed from the JSON report. */
function expectedFigures(report: JsonReport): Record<string, number | null> {
  const checked = report.files.filter((f): f is Checked => "findings" in f);
  const kpis = checked.flatMap((f, i) => f.kpis.map((k) => ({ ...k, key: `${i}/${k.project}` })));
  const count = (status: string) => kpis.filter((k) => k.outcome === status).length;
  const achieved = count("達成");
  const unmet = count("未達成");
  const unmeasured = count("未計測");
  const withKpi = new Set(kpis.map((k) => k.key));
  const withAchieved = new Set(kpis.filter((k) => k.outcome === "達成").map((k) => k.key));
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    files: report.files.length,
    unreadable: report.stats.unreadable,
    projects: checked.reduce((s, f) => s + f.stats.projects, 0),
    kpis: report.stats.kpis,
    withErrors: checked.filter((f) => f.stats.errors > 0).length,
    achieved: report.stats.achieved,
    unmet: report.stats.unmet,
    unmeasured: report.stats.unmeasured,
    kpiShare: ratio(achieved, achieved + unmet),
    kpiShareStrict: ratio(achieved, achieved + unmet + unmeasured),
    projectShare: ratio(withAchieved.size, withKpi.size),
  };
}

async function shownFigures(page: Page): Promise<Record<string, number | null>> {
  return page.evaluate(() => {
    const out: Record<string, number | null> = {};
    for (const el of Array.from(document.querySelectorAll("[data-figure]"))) {
      const value = el.getAttribute("data-value") ?? "";
      out[el.getAttribute("data-figure")!] = value === "" ? null : Number(value);
    }
    return out;
  });
}

/** Opens the page from disk; only its own URL may be requested. */
async function openPage(file: string): Promise<Page> {
  const page = await browser.context.newPage();
  const url = pathToFileURL(file).href;
  await page.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  await page.locator("#kpi-controls:not([hidden])").waitFor({ timeout: 15_000 });
  return page;
}

async function checkPage(name: string, inputs: string[], screenshot: string): Promise<void> {
  const file = path.join(WORK, `${name}.html`);
  const report = await rollup(file, inputs);
  const before = requests.length;
  const page = await openPage(file);
  const expected = expectedFigures(report);
  const shown = await shownFigures(page);
  for (const [key, value] of Object.entries(expected)) {
    if (value === null) assert.equal(shown[key], null, key);
    else assert.ok(Math.abs((shown[key] ?? NaN) - value) < 1e-9, `${key}: page ${shown[key]}, JSON ${value}`);
  }
  // The text people read says the same (a share as a percentage with one decimal).
  const share = await page.locator('.card [data-figure="kpiShare"]').innerText();
  assert.equal(share, expected.kpiShare === null ? "—" : `${(Math.round(expected.kpiShare * 1000) / 10).toFixed(1)}%`);

  await page.screenshot({ path: path.join(OUTPUT, screenshot) });

  // Filtering: only the 未達成 KPIs; sorting: by 実績値, descending on the second click.
  const rows = page.locator("#kpi-table tbody tr");
  assert.equal(await rows.count(), report.stats.kpis);
  await page.selectOption("#kpi-status", "未達成");
  assert.equal(await page.locator("#kpi-table tbody tr:not([hidden])").count(), report.stats.unmet);
  await page.selectOption("#kpi-status", "");
  const actualHeader = page.locator("#kpi-table thead th").nth(9).locator("button");
  await actualHeader.click();
  await actualHeader.click();
  const sorted = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#kpi-table tbody tr")).map((r) => r.children[9].getAttribute("data-sort") ?? ""),
  );
  const numbers = sorted.filter((v) => v !== "").map(Number);
  assert.deepEqual(
    numbers,
    [...numbers].sort((a, b) => b - a),
  );
  assert.equal(
    sorted.slice(numbers.length).every((v) => v === ""),
    true,
    "empty values sort last",
  );

  // On A4 (210 mm less the page's 10 mm margins: 190 mm, about 718 CSS px) nothing is wider than the paper.
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 718, height: 1000 });
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(widest <= 720, `the printed page is ${widest} px wide`);
  await page.pdf({ path: path.join(WORK, `${name}.pdf`), format: "A4", printBackground: true });

  const fromPage = requests.slice(before);
  assert.deepEqual([...new Set(fromPage)], [pathToFileURL(file).href], "no request but the page itself");
  await page.close();
}

test("the samples' roll-up shows the JSON report's figures, sorts, filters and requests nothing", async () => {
  await checkPage("samples", [path.join(ROOT, "samples")], "rollup-samples-ja.png");
  assert.deepEqual(problems, []);
});

test("a folder of 50 reports (and a broken file): the same figures, the broken file listed with why", async () => {
  await checkPage("reports-50", [GENERATED], "rollup-50-ja.png");
  const page = await openPage(path.join(WORK, "reports-50.html"));
  assert.match(await page.locator("#failure-table").innerText(), /壊れたファイル\.xlsx/);
  assert.equal(await page.locator("#chart-kpis > g").count(), 50);
  await page.close();
  assert.deepEqual(problems, []);
});
