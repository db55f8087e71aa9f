/**
 * The production build (webpack.config.js, as `npm run build` runs it), as an intranet deployment
 * would run it:
 *
 *   ADDIN_BASE_URL=https://intranet.example.lg.jp/kpi/ OFFICE_JS_LOCAL=1 npm run build
 *
 * and with the defaults. The builds are made once per jest run by test/global-setup.ts (into a
 * temporary folder; dist/ is left alone); this file reads them.
 *
 * Skipped while src/taskpane/taskpane.ts does not exist (the task pane lands separately).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Configuration } from "webpack";
import { INTRANET_BASE, builtOutput, filesOf, makeAddinConfig, successfulBuild } from "./helpers/webpack-run";
import { checkManifest } from "../src/dev/validate-manifest";
// office-addin-dev-certs would install a CA on this machine: the dev-server test gets fake certificates.
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: jest.fn() }));

const devCerts = require("office-addin-dev-certs") as { getHttpsServerOptions: jest.Mock };

type MakeConfig = (env: Record<string, unknown>, argv: { mode: "production" | "development" }) => Promise<Configuration>;

const makeConfig = require("../webpack.config.js") as MakeConfig & { officeJsCdn: string };

const ROOT = path.resolve(__dirname, "..");
const PANE_ENTRY = path.join(ROOT, "src", "taskpane", "taskpane.ts");
const paneExists = fs.existsSync(PANE_ENTRY);
const BASE = INTRANET_BASE;
/**
 * The CPU time one production build may take (it copies office.js's files without minifying them).
 * CPU time, not wall time: the builds run side by side, on a machine that may be busy.
 */
const TIMEOUT = 60_000;

if (!paneExists) {
  test.skip(`production build — skipped: ${path.relative(ROOT, PANE_ENTRY)} does not exist yet (remove this skip once the task pane lands)`, () =>
    undefined);
}

(paneExists ? describe : describe.skip)("production build for an intranet (ADDIN_BASE_URL, OFFICE_JS_LOCAL=1)", () => {
  let out = "";
  let files: string[] = [];
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
  const bundles = () => files.filter((f) => /^(taskpane|commands)\.[0-9a-f]{8}\.js$/.test(f));

  beforeAll(() => {
    const build = successfulBuild("addin-intranet");
    out = build.dir;
    files = filesOf(out);
    expect(build.cpuMs).toBeLessThan(TIMEOUT);
  });

  it("emits the pages, content-hashed bundles with external source maps, assets and the manifest", () => {
    for (const file of [
      "taskpane.html",
      "commands.html",
      "manifest.xml",
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
      "assets/icon-128.png",
      "assets/logo-filled.png",
      "assets/support.html",
    ]) {
      expect(files).toContain(file);
    }
    expect(
      bundles()
        .map((f) => f.split(".")[0])
        .sort(),
    ).toEqual(["commands", "taskpane"]);
    for (const bundle of bundles()) {
      expect(files).toContain(`${bundle}.map`);
      const js = read(bundle);
      expect(js).toContain(`//# sourceMappingURL=${bundle}.map`);
      expect(js).not.toContain("sourceMappingURL=data:");
    }
    expect(read("taskpane.html")).toMatch(/src="?taskpane\.[0-9a-f]{8}\.js/);
    expect(read("commands.html")).toMatch(/src="?commands\.[0-9a-f]{8}\.js/);
  });

  it("writes a manifest whose URLs all start with ADDIN_BASE_URL and that passes the project checks in dist/", () => {
    const manifest = read("manifest.xml");
    const urls = [...manifest.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(BASE)).toBe(true);
    expect(manifest).not.toMatch(/https:\/\/localhost/);
    expect(checkManifest(manifest, { baseUrl: BASE, assetRoot: out })).toEqual([]);
  });

  it("serves office.js from dist/office-js/ (with the Excel host files and locale strings) and references it locally", () => {
    for (const file of [
      "office-js/office.js",
      "office-js/ja-jp/office_strings.js",
      "office-js/en-us/office_strings.js",
      "office-js/excel-win32-16.01.js",
      "office-js/excel-web-16.00.js",
      "office-js/excel-mac-16.00.js",
    ]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => f.startsWith("office-js/") && f.endsWith(".debug.js"))).toEqual([]);
    expect(files.filter((f) => /^office-js\/(word|outlook|powerpoint|onenote)/.test(f))).toEqual([]);
    // As Microsoft ships it (already minified): Terser is kept away, which also keeps the build fast.
    expect(
      fs
        .readFileSync(path.join(out, "office-js/office.js"))
        .equals(fs.readFileSync(require.resolve("@microsoft/office-js/dist/office.js"))),
    ).toBe(true);
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = read(page);
      expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
      expect(html).not.toContain("appsforoffice.microsoft.com");
    }
  });

  it("splits the pane: its first script shows it, the engine it fetches at start checks, the rest loads when asked for", () => {
    /** The repository files a script was built from (its source map). */
    const sourcesOf = (pattern: RegExp): string[] => {
      const script = files.find((f) => pattern.test(f));
      if (!script) throw new Error(`no script matching ${pattern} in the build`);
      const map = JSON.parse(read(`${script}.map`)) as { sources: string[] };
      return map.sources.map((source) => source.replace(/^webpack:\/\/[^/]*\/\.\//, ""));
    };
    const first = sourcesOf(/^taskpane\.[0-9a-f]{8}\.js$/);
    const engine = sourcesOf(/^engine\.[0-9a-f]{8}\.js$/);
    // The first script: the view, the controller, the Excel adapter (what the pane needs to appear).
    for (const file of ["src/taskpane/taskpane.ts", "src/taskpane/controller.ts", "src/taskpane/view/findings.ts", "src/excel/read.ts"])
      expect(first).toContain(file);
    // …and nothing of the engine, of zod, of the English texts or of the settings card's content.
    expect(first.filter((f) => /^src\/core\/(rules|reader)\/|^src\/core\/validate\.ts$|zod|i18n-en|settings-body/.test(f))).toEqual([]);
    // The engine: every rule, the reader and the check; nothing of the pane, of Office, or of zod.
    const ruleFiles = fs
      .readdirSync(path.join(ROOT, "src", "core", "rules"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `src/core/rules/${f}`);
    expect(ruleFiles.length).toBeGreaterThan(20);
    for (const file of [...ruleFiles, "src/core/validate.ts", "src/core/reader/index.ts"]) expect(engine).toContain(file);
    expect(engine.filter((f) => !f.startsWith("src/core/") || /zod|schema/.test(f))).toEqual([]);
  });

  it("has no eval, and no ExcelJS, in the bundles", () => {
    for (const bundle of bundles()) expect(read(bundle)).not.toContain("eval(");
    const taskpane = bundles().find((f) => f.startsWith("taskpane."))!;
    expect(read(taskpane).toLowerCase()).not.toContain("exceljs");
  });
});

(paneExists ? describe : describe.skip)("production build with the defaults (office.js from Microsoft's CDN)", () => {
  it("references the CDN office.js and copies no office-js/", () => {
    const out = successfulBuild("addin-cdn").dir;
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
    for (const page of ["taskpane.html", "commands.html"]) {
      expect(fs.readFileSync(path.join(out, page), "utf8")).toMatch(
        /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\.1\/hosted\/office\.js"?>/,
      );
    }
    expect(makeConfig.officeJsCdn).toBe("https://appsforoffice.microsoft.com/lib/1.1/hosted/office.js");
    expect(fs.readFileSync(path.join(out, "manifest.xml"), "utf8")).toContain('"https://localhost:3000/taskpane.html"');
  });
});

describe("webpack.config.js guards", () => {
  it("fails the build when Node-only code or ExcelJS would enter a bundle", () => {
    const build = builtOutput("addin-boundary");
    const errors = build.errors;
    expect(build.ok).toBe(false);
    expect(errors).toMatch(/src\/node\/xlsx\.ts must not be bundled \(imported by an entry\)/);
    expect(errors).toMatch(/src\/node\/inflate\.ts must not be bundled \(imported by src[\\/]node[\\/]xlsx\.ts\)/);
    expect(errors).toMatch(/node_modules\/exceljs\/package\.json must not be bundled/);
    // src/host is the add-in's own (the pane's ports); the message names every folder allowed.
    expect(errors).toMatch(/the add-in may use only src\/core, src\/excel, src\/host, src\/taskpane, src\/commands and src\/xlsx/);
    // src/xlsx is the add-in's (the pane reads last year's report with it), but not its ExcelJS users.
    expect(errors).toMatch(/src\/xlsx\/read\.ts must not be bundled .*ExcelJS never enters the add-in/);
  });

  it("rejects an ADDIN_BASE_URL that is not https or does not end with /", async () => {
    const out = path.join(os.tmpdir(), "kpi-build-never-written");
    await expect(makeAddinConfig({ ADDIN_BASE_URL: "https://intranet.example.lg.jp/kpi" })).rejects.toThrow(/must end with "\/"/);
    await expect(makeAddinConfig({ ADDIN_BASE_URL: "http://intranet.example.lg.jp/kpi/" })).rejects.toThrow(/must be https/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("serves https on port 3000 with office-addin-dev-certs' certificates and a CORS header, only under `webpack serve`", async () => {
    const certs = { ca: Buffer.from("ca"), key: Buffer.from("key"), cert: Buffer.from("cert") };
    const getHttpsServerOptions = devCerts.getHttpsServerOptions.mockResolvedValue(certs);
    try {
      const config = (await makeConfig({ WEBPACK_SERVE: true }, { mode: "development" })) as Configuration & {
        devServer?: Record<string, unknown>;
      };
      expect(getHttpsServerOptions).toHaveBeenCalledTimes(1);
      expect(config.devServer).toEqual({
        headers: { "Access-Control-Allow-Origin": "*" },
        server: { type: "https", options: certs },
        port: 3000,
      });
      expect(config.devtool).toBe("source-map");
      await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
      expect(getHttpsServerOptions).toHaveBeenCalledTimes(1);
    } finally {
      getHttpsServerOptions.mockReset();
    }
  });

  it("never uses an eval devtool, in either mode", async () => {
    for (const mode of ["production", "development"] as const) {
      const config = await makeConfig({}, { mode });
      expect(config.devtool).toBe("source-map");
      expect((config as { devServer?: unknown }).devServer).toBeUndefined(); // certificates only when serving
    }
  });
});
