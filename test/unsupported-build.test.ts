/**
 * The pane's start check for webviews that cannot run the add-in (Internet Explorer 11 in Office
 * 2016/2019 volume licences): src/taskpane/unsupported.js, its message in taskpane.html and
 * ADDIN_DEMO_URL (webpack.config.js).
 *
 *   - in the production builds (made once per jest run by test/global-setup.ts): taskpane.html loads
 *     unsupported.[hash].js before office.js and the bundle, deferred like the bundle; the file is the
 *     source as it is, ES5 (acorn), and small; the message is there, hidden;
 *   - the template renders the browser version's link HTML-escaped, or tells users to ask IT;
 *   - ADDIN_DEMO_URL: http(s) URLs and relative paths only, made absolute against ADDIN_BASE_URL;
 *   - in jsdom: the check shows the message in place of #app where built-ins are missing or the
 *     user agent is Trident, and leaves the page alone otherwise.
 *
 * test-e2e/unsupported.e2e.test.ts does the same in Chromium.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { parse } from "acorn";
import { JSDOM } from "jsdom";
import { filesOf, makeAddinConfig, successfulBuild } from "./helpers/webpack-run";

// office-addin-dev-certs would install a CA on this machine (only `webpack serve` asks for it).
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: jest.fn() }));

const ROOT = path.resolve(__dirname, "..");
const SOURCE = path.join(ROOT, "src", "taskpane", "unsupported.js");
const TEMPLATE = path.join(ROOT, "src", "taskpane", "taskpane.html");
const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const ASK_IT = "情報システム担当にお問い合わせください";

const { checkDemoUrl } = require("../webpack.config.js") as { checkDemoUrl(demoUrl: string, baseUrl: string): string };
const lodashTemplate = require("lodash/template") as (source: string, options: object) => (data: object) => string;

/** taskpane.html rendered as html-webpack-plugin's fallback loader renders it (lodash, `<%= %>` raw, `<%- %>` escaped). */
function renderTemplate(options: Record<string, unknown>): string {
  const render = lodashTemplate(fs.readFileSync(TEMPLATE, "utf8"), { interpolate: /<%=([\s\S]+?)%>/g });
  return render({ htmlWebpackPlugin: { options: { officeJs: "office-js/office.js", scriptSrc: "'self'", ...options } } });
}

/** Script that makes the page's navigator.userAgent say `userAgent` (jsdom takes it only through a resource loader). */
function withUserAgent(userAgent: string): string {
  return `Object.defineProperty(navigator, "userAgent", { get: function () { return ${JSON.stringify(userAgent)}; } });`;
}

/** The src of every <script> of a page, in document order. */
function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
}

describe.each(["addin-intranet", "addin-cdn"] as const)("the production build %s", (name) => {
  let out = "";
  let html = "";
  let script = "";

  beforeAll(() => {
    out = successfulBuild(name).dir;
    html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    script = filesOf(out).find((f) => /^unsupported\.[0-9a-f]{8}\.js$/.test(f)) ?? "";
  });

  it("emits the start check content-hashed, byte for byte the ES5 source (neither lowered nor minified), well under 1 KB gzipped", () => {
    expect(script).not.toBe("");
    const built = fs.readFileSync(path.join(out, script));
    expect(built.equals(fs.readFileSync(SOURCE))).toBe(true);
    expect(() => parse(built.toString("utf8"), { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    expect(zlib.gzipSync(built, { level: 9 }).length).toBeLessThan(1024);
  });

  it("taskpane.html loads it first, deferred like the bundle (so it runs before the bundle, once the page is parsed)", () => {
    const sources = scriptSources(html);
    expect(sources[0]).toBe(script);
    expect(sources.filter((s) => /^unsupported\./.test(s))).toHaveLength(1);
    const bundle = sources.findIndex((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s));
    expect(bundle).toBeGreaterThan(0);
    for (const file of [script, sources[bundle]]) {
      expect(html).toMatch(new RegExp(`<script defer(?:="defer")? src="?${file.replace(/\./g, "\\.")}`));
    }
    // The message waits hidden after #app; commands.html (no UI) does not load the check.
    expect(html).toMatch(/<div id="?unsupported"? class="?app"? hidden/);
    expect(fs.readFileSync(path.join(out, "commands.html"), "utf8")).not.toContain("unsupported");
  });

  it("shows the message in place of #app in a webview without ES2017's built-ins", () => {
    const dom = new JSDOM(html, { runScripts: "outside-only" });
    dom.window.eval(withUserAgent(TRIDENT) + "delete window.Promise;");
    dom.window.eval(fs.readFileSync(path.join(out, script), "utf8"));
    const doc = dom.window.document;
    expect(doc.getElementById("app")).toBeNull();
    expect(doc.getElementById("unsupported")!.hidden).toBe(false);
    expect(doc.getElementById("unsupported")!.textContent).toContain("この Excel では KPI報告チェッカー（アドイン）を使えません。");
  });
});

describe("the start check (src/taskpane/unsupported.js) in jsdom", () => {
  const code = fs.readFileSync(SOURCE, "utf8");
  const page = renderTemplate({ unsupportedJs: "unsupported.js", demoUrl: "https://intranet.example.lg.jp/kpi-demo/" });

  function run(userAgent: string, before = ""): Document {
    const dom = new JSDOM(page, { runScripts: "outside-only" });
    dom.window.eval(withUserAgent(userAgent) + before);
    dom.window.eval(code);
    return dom.window.document;
  }

  const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

  it("is ES5", () => {
    expect(() => parse(code, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
  });

  it("leaves the page alone where the engine has what the bundle needs", () => {
    const doc = run(CHROME);
    expect(doc.getElementById("app")).not.toBeNull();
    expect(doc.getElementById("unsupported")!.hidden).toBe(true);
    expect(doc.documentElement.hasAttribute("data-unsupported")).toBe(false);
  });

  it.each([
    ["Promise", "delete window.Promise"],
    ["Object.entries", "delete Object.entries"],
    ["Array.prototype.includes", "delete Array.prototype.includes"],
    ["String.prototype.padStart", "delete String.prototype.padStart"],
    ["Map", "delete window.Map"],
  ])("shows the message without %s, whatever the user agent says", (_name, remove) => {
    const doc = run(CHROME, remove);
    expect(doc.getElementById("app")).toBeNull();
    expect(doc.getElementById("unsupported")!.hidden).toBe(false);
    expect(doc.documentElement.hasAttribute("data-unsupported")).toBe(true);
  });

  it("shows the message for Trident's user agent, built-ins or not", () => {
    const doc = run(TRIDENT);
    expect(doc.getElementById("app")).toBeNull();
    expect(doc.getElementById("unsupported")!.hidden).toBe(false);
  });

  it("tells Office the page started (Office.onReady) when office.js is there", () => {
    const doc = run(TRIDENT, "var calls = 0; window.Office = { onReady: function () { calls++; } };");
    expect((doc.defaultView as unknown as { calls: number }).calls).toBe(1);
  });
});

describe("the message in taskpane.html", () => {
  it("is left out where no start check is given (the demo's build of the same template)", () => {
    const html = renderTemplate({});
    expect(html).not.toContain('id="unsupported"');
    expect(scriptSources(html)).toEqual(["office-js/office.js"]);
  });

  it("says what cannot run and what can, in Japanese first and English second", () => {
    const html = renderTemplate({ unsupportedJs: "unsupported.js", demoUrl: "" });
    const text = new JSDOM(html).window.document.getElementById("unsupported")!.textContent!.replace(/\s+/g, " ");
    const ja = text.indexOf("この Excel では KPI報告チェッカー（アドイン）を使えません。");
    const en = text.indexOf("The KPI Report Checker add-in cannot run in this Excel.");
    expect(ja).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(ja);
    for (const words of ["Internet Explorer 11", "Microsoft 365", "Office 2021", "Office 2024", "リテール版", "Mac", "Excel on the web"]) {
      expect(text.slice(0, en)).toContain(words);
    }
    for (const words of ["Internet Explorer 11", "Microsoft 365", "Office 2021", "Office 2024", "retail", "Mac", "Excel on the web"]) {
      expect(text.slice(en)).toContain(words);
    }
  });

  it("links the browser version, HTML-escaped, in both languages", () => {
    const html = renderTemplate({ unsupportedJs: "unsupported.js", demoUrl: 'https://intranet.example.lg.jp/kpi-demo/?a=1&b="<x>' });
    expect(html).toContain('href="https://intranet.example.lg.jp/kpi-demo/?a=1&amp;b=&quot;&lt;x&gt;"');
    expect(html).not.toContain("<x>");
    const links = [...new JSDOM(html).window.document.querySelectorAll("#unsupported a.demo-link")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      'https://intranet.example.lg.jp/kpi-demo/?a=1&b="<x>',
      'https://intranet.example.lg.jp/kpi-demo/?a=1&b="<x>',
    ]);
    expect(links.every((a) => a.textContent === a.getAttribute("href") && a.getAttribute("target") === "_blank")).toBe(true);
    expect(html).not.toContain(ASK_IT);
  });

  it("without ADDIN_DEMO_URL, says to ask IT where the browser version is", () => {
    const html = renderTemplate({ unsupportedJs: "unsupported.js", demoUrl: "" });
    expect(html).toContain(ASK_IT);
    expect(html).toContain("ask your IT department");
    expect(html).not.toContain("demo-link");
  });
});

describe("ADDIN_DEMO_URL", () => {
  const BASE = "https://intranet.example.lg.jp/kpi/";

  it("takes http(s) URLs, and paths relative to ADDIN_BASE_URL made absolute; unset is no link", () => {
    expect(checkDemoUrl("", BASE)).toBe("");
    expect(checkDemoUrl("https://intranet.example.lg.jp/kpi-demo/", BASE)).toBe("https://intranet.example.lg.jp/kpi-demo/");
    expect(checkDemoUrl("http://10.0.0.5/kpi-demo/", BASE)).toBe("http://10.0.0.5/kpi-demo/");
    expect(checkDemoUrl("demo/", BASE)).toBe("https://intranet.example.lg.jp/kpi/demo/");
    expect(checkDemoUrl("../kpi-demo/", BASE)).toBe("https://intranet.example.lg.jp/kpi-demo/");
    expect(checkDemoUrl("/kpi-demo/", BASE)).toBe("https://intranet.example.lg.jp/kpi-demo/");
  });

  it.each([
    ["javascript:alert(1)", /must be http or https/],
    ["file:///C:/kpi-demo/index.html", /must be http or https/],
    ["C:\\kpi-demo\\index.html", /backslash/],
    ["//intranet.example.lg.jp/kpi-demo/", /no scheme/],
    ["https://intranet.example.lg.jp/kpi demo/", /space/],
    ['https://x.example/"><script>', /quote/],
    ["https://[::1/", /is not a URL/],
  ])("refuses %s with the reason and what to give", (value, why) => {
    expect(() => checkDemoUrl(value, BASE)).toThrow(why);
    expect(() => checkDemoUrl(value, BASE)).toThrow(/ADDIN_DEMO_URL .*http\(s\) URL .*relative to ADDIN_BASE_URL/);
  });

  it("fails the build configuration, as ADDIN_BASE_URL does", async () => {
    await expect(makeAddinConfig({ ADDIN_BASE_URL: undefined, ADDIN_DEMO_URL: "javascript:alert(1)" })).rejects.toThrow(
      /ADDIN_DEMO_URL "javascript:alert\(1\)" must be http or https/,
    );
  });
});
