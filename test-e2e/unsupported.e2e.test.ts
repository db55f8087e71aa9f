/**
 * End to end: the add-in's task pane where Office's webview cannot run it (Internet Explorer 11, in
 * Office 2016/2019 volume licences). The add-in is built as `npm run build` builds it (into a
 * temporary folder, with ADDIN_DEMO_URL), served on 127.0.0.1, and opened in Debian's Chromium with
 * what IE11 lacks taken away before the page's scripts run (page.addInitScript) and, in some cases,
 * Trident's user agent (a context option). src/taskpane/unsupported.js must then show the message,
 * Japanese first, with the browser version's link, and the bundle must not write over it; with
 * everything present the pane must start as usual.
 *
 *   node --import tsx --test test-e2e/unsupported.e2e.test.ts
 *
 * office.js (Microsoft's CDN in this build) is answered by a stub; no request leaves 127.0.0.1.
 * Screenshots land in test-output/e2e/.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startDemoServer, type DemoServer } from "../src/dev/demo-server";
import { chromiumLaunchOptions } from "../src/dev/chromium";
import { OUTPUT, ROOT, eventually } from "./harness";

const DEMO_URL = "https://intranet.example.lg.jp/kpi-demo/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1.1/hosted/office.js";
const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const TITLE_JA = "この Excel では KPI報告チェッカー（アドイン）を使えません。";
const TITLE_EN = "The KPI Report Checker add-in cannot run in this Excel.";

/** What Internet Explorer 11 lacks, taken away before any script of the page runs. */
const REMOVE_ES2017 = `
  delete window.Promise;
  delete Object.entries;
  delete Object.assign;
  delete Array.prototype.includes;
  delete String.prototype.padStart;
`;

/** What EdgeHTML (Edge 18, the oldest webview the add-in supports) lacks: newer than ES2017. */
const REMOVE_NEWER_THAN_ES2017 = `
  delete Object.fromEntries;
  delete Object.hasOwn;
  delete Array.prototype.flat;
  delete String.prototype.matchAll;
  delete Promise.allSettled;
  delete window.BigInt;
  delete window.globalThis;
`;

/**
 * Stands in for office.js: Office.onReady calls back soon (as in Excel), counting its calls. In ES5,
 * as the real office.js, so it runs with the built-ins above taken away.
 */
const OFFICE_STUB = `
  window.officeReadyCalls = 0;
  window.Office = {
    context: { displayLanguage: "ja-JP", requirements: { isSetSupported: function () { return false; } } },
    onReady: function (callback) {
      window.officeReadyCalls++;
      if (callback) setTimeout(function () { callback({ host: "Excel", platform: "PC" }); }, 0);
      return { then: function () {} };
    }
  };
`;

let out = "";
let server: DemoServer;
let browser: Browser;
const outside: string[] = [];

function log(line: string): void {
  process.stdout.write(`# ${line}\n`);
}

/** `npm run build` with ADDIN_DEMO_URL, into a temporary folder (dist/ is left alone). */
function buildAddin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-e2e-addin-"));
  const { webpackCliCommand } = require("../webpack.base.js") as {
    webpackCliCommand(options: { outDir: string; env?: Record<string, string | undefined> }): {
      file: string;
      args: string[];
      cwd: string;
      env: NodeJS.ProcessEnv;
    };
  };
  const command = webpackCliCommand({
    outDir: dir,
    env: { ADDIN_DEMO_URL: DEMO_URL, ADDIN_BASE_URL: undefined, OFFICE_JS_LOCAL: undefined, NODE_ENV: undefined },
  });
  log(`building the add-in: ADDIN_DEMO_URL=${DEMO_URL} webpack --mode production`);
  const result = spawnSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the add-in build failed:\n${result.stdout}\n${result.stderr}`);
  return dir;
}

before(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  out = buildAddin();
  // The demo's static server (127.0.0.1 only) wants an index.html: dist/ has none of its own.
  fs.writeFileSync(path.join(out, "index.html"), '<!doctype html><a href="taskpane.html">taskpane.html</a>\n');
  server = await startDemoServer({ root: out, port: 0 });
  log(`add-in server: ${server.url}`);
  browser = await chromium.launch(chromiumLaunchOptions());
});

after(async () => {
  for (const context of contexts.values()) await (await context).close();
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
  assert.deepEqual(outside, [], "no request leaves 127.0.0.1");
});

const contexts = new Map<string, Promise<BrowserContext>>();

/** One context per user agent ("" for Chromium's own), every request outside 127.0.0.1 answered or refused here. */
function contextFor(userAgent: string): Promise<BrowserContext> {
  let context = contexts.get(userAgent);
  if (!context) {
    context = (async () => {
      const made = await browser.newContext({
        viewport: { width: 360, height: 640 },
        locale: "ja-JP",
        ...(userAgent ? { userAgent } : {}),
      });
      await made.route("**/*", async (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url)) return route.continue();
        if (url === OFFICE_JS_CDN) return route.fulfill({ contentType: "text/javascript", body: OFFICE_STUB });
        outside.push(url);
        return route.abort();
      });
      return made;
    })();
    contexts.set(userAgent, context);
  }
  return context;
}

/** The built taskpane.html in a new page (Trident's user agent or Chromium's own), with `initScript` run before the page's scripts. */
async function openPane(options: { userAgent?: string; initScript?: string; waitForOffice?: boolean }): Promise<Page> {
  const page = await (await contextFor(options.userAgent ?? "")).newPage();
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(new URL("taskpane.html", server.url).href);
  // Every script has run (the deferred bundle before "load"); then Office.onReady's callback.
  if (options.waitForOffice !== false) {
    await eventually(async () => Number(await page.evaluate("window.officeReadyCalls")) >= 1, "Office.onReady (office.js's stub)");
  }
  await page.waitForTimeout(500);
  return page;
}

/** The message is shown in place of #app, in Japanese first, with the browser version's link in both languages. */
async function assertMessage(page: Page): Promise<void> {
  const message = page.locator("#unsupported");
  assert.equal(await message.isVisible(), true, "the message is visible");
  assert.equal(await page.locator("#app").count(), 0, "#app is gone: the bundle has nowhere to start");
  assert.equal(await page.locator("html[data-unsupported]").count(), 1);
  const text = (await message.innerText()).replace(/\s+/g, " ");
  const ja = text.indexOf(TITLE_JA);
  const en = text.indexOf(TITLE_EN);
  assert.ok(ja >= 0, `the Japanese title in: ${text}`);
  assert.ok(en > ja, "English after Japanese");
  assert.match(text.slice(0, en), /Internet Explorer 11/);
  assert.match(text.slice(0, en), /Microsoft 365・Office 2021・Office 2024/);
  const links = message.locator("a.demo-link");
  assert.equal(await links.count(), 2, "the link, once in each language");
  for (const link of await links.all()) {
    assert.equal(await link.getAttribute("href"), DEMO_URL);
    assert.equal(await link.innerText(), DEMO_URL);
    assert.equal(await link.isVisible(), true);
  }
  // Nothing else on the page: the bundle wrote no error message over or beside it.
  assert.equal(await page.locator("[role=alert]").count(), 1);
  assert.equal(await page.locator(".loading").count(), 0);
}

test("1. Internet Explorer 11 (Trident's user agent, no ES2015–2017 built-ins): the message and the browser version's link", async () => {
  const page = await openPane({ userAgent: TRIDENT, initScript: REMOVE_ES2017 });
  await assertMessage(page);
  // The start check told Office the page started (office.js runs in IE11).
  assert.ok(Number(await page.evaluate("window.officeReadyCalls")) >= 1);
  await page.screenshot({ path: path.join(OUTPUT, "unsupported-ja.png"), fullPage: true });
  await page.close();
});

test("2. missing built-ins alone show the message (features are checked, not only the user agent)", async () => {
  const page = await openPane({ initScript: REMOVE_ES2017 });
  await assertMessage(page);
  await page.close();
});

test("3. Trident's user agent alone shows the message", async () => {
  const page = await openPane({ userAgent: TRIDENT });
  await assertMessage(page);
  await page.close();
});

test("4. a webview with everything (WebView2): no message, and the pane's bundle starts", async () => {
  const page = await openPane({});
  assert.equal(await page.locator("#unsupported").isVisible(), false, "the message stays hidden");
  assert.equal(await page.locator("html[data-unsupported]").count(), 0);
  assert.equal(await page.locator("#app").count(), 1);
  // The bundle took #app over from the loading line (outside Excel it ends in its own message).
  await eventually(async () => (await page.locator("#app .loading").count()) === 0, "the pane's bundle to replace the loading line");
  assert.equal(await page.locator(`text=${TITLE_JA}`).isVisible(), false);
  await page.close();
});

test("5. EdgeHTML's level (ES2017's built-ins, nothing newer): no message, whatever the bundle then does", async () => {
  // The bundle's own fate there is demo.e2e.test.ts's; the start check must only stay out of the way.
  const page = await openPane({ initScript: REMOVE_NEWER_THAN_ES2017, waitForOffice: false });
  assert.equal(await page.evaluate("typeof BigInt"), "undefined", "the newer built-ins are gone");
  assert.equal(await page.locator("#unsupported").isVisible(), false, "the message stays hidden");
  assert.equal(await page.locator("html[data-unsupported]").count(), 0);
  assert.equal(await page.locator("#app").count(), 1);
  await page.close();
});

test("6. the start check is the source file as it is, loaded before office.js and the bundle", () => {
  const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
  const sources = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
  assert.match(sources[0], /^unsupported\.[0-9a-f]{8}\.js$/);
  assert.equal(sources[1], OFFICE_JS_CDN);
  assert.match(sources[2], /^taskpane\.[0-9a-f]{8}\.js$/);
  assert.ok(fs.readFileSync(path.join(out, sources[0])).equals(fs.readFileSync(path.join(ROOT, "src", "taskpane", "unsupported.js"))));
});
