/**
 * The production build (webpack.config.js through webpack's Node API) into a temporary folder, as an
 * intranet deployment would run it:
 *
 *   ADDIN_BASE_URL=https://intranet.example.lg.jp/kpi/ OFFICE_JS_LOCAL=1 npm run build
 *
 * Skipped while src/taskpane/taskpane.ts does not exist (the task pane lands separately).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Configuration, Stats } from "webpack";
import { errorsOf, runWebpack, withEnv } from "./helpers/webpack-run";
import { checkManifest } from "../scripts/validate-manifest";
// office-addin-dev-certs would install a CA on this machine: the dev-server test gets fake certificates.
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const devCerts = require("office-addin-dev-certs") as { getHttpsServerOptions: jest.Mock };

type MakeConfig = (env: Record<string, unknown>, argv: { mode: "production" | "development" }) => Promise<Configuration>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../webpack.config.js") as MakeConfig & { officeJsCdn: string };

const ROOT = path.resolve(__dirname, "..");
const PANE_ENTRY = path.join(ROOT, "src", "taskpane", "taskpane.ts");
const paneExists = fs.existsSync(PANE_ENTRY);
const BASE = "https://intranet.example.lg.jp/kpi/";
const TIMEOUT = 60_000;

/** Runs the config the way `npm run build` does, with the given environment, into `outDir`. */
function build(outDir: string, envVars: Record<string, string | undefined>, adjust?: (c: Configuration) => void): Promise<Stats> {
  return withEnv(envVars, async () => {
    const config = await makeConfig({ WEBPACK_BUNDLE: true, WEBPACK_BUILD: true }, { mode: "production" }).catch((error: Error) => {
      if (/ajv\/dist\/compile\/codegen/.test(error.message)) {
        // copy-webpack-plugin -> schema-utils -> ajv-keywords@5 needs ajv 8 at the top of node_modules (a peer dependency,
        // not installed by npm with legacy-peer-deps=true); eslint's ajv 6 sits there instead.
        error.message = `npm run build cannot load copy-webpack-plugin: add "ajv": "8.x" to devDependencies.\n${error.message}`;
      }
      throw error;
    });
    config.mode = "production";
    adjust?.(config);
    return runWebpack(config, outDir);
  });
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

if (!paneExists) {
  test.skip(`production build — skipped: ${path.relative(ROOT, PANE_ENTRY)} does not exist yet (remove this skip once the task pane lands)`, () =>
    undefined);
}

(paneExists ? describe : describe.skip)("production build for an intranet (ADDIN_BASE_URL, OFFICE_JS_LOCAL=1)", () => {
  let out = "";
  let stats: Stats;
  let files: string[] = [];
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
  const bundles = () => files.filter((f) => /^(taskpane|commands)\.[0-9a-f]{8}\.js$/.test(f));

  beforeAll(async () => {
    out = tmp("kpi-build-");
    const started = Date.now();
    stats = await build(out, { ADDIN_BASE_URL: BASE, OFFICE_JS_LOCAL: "1" });
    if (stats.hasErrors()) throw new Error(`the build failed:\n${errorsOf(stats)}`);
    files = fs.readdirSync(out, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/"));
    expect(Date.now() - started).toBeLessThan(TIMEOUT);
  }, TIMEOUT);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
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
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = read(page);
      expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
      expect(html).not.toContain("appsforoffice.microsoft.com");
    }
  });

  it("has no eval, and no ExcelJS, in the bundles", () => {
    for (const bundle of bundles()) expect(read(bundle)).not.toContain("eval(");
    const taskpane = bundles().find((f) => f.startsWith("taskpane."))!;
    expect(read(taskpane).toLowerCase()).not.toContain("exceljs");
  });
});

(paneExists ? describe : describe.skip)("production build with the defaults (office.js from Microsoft's CDN)", () => {
  it(
    "references the CDN office.js and copies no office-js/",
    async () => {
      const out = tmp("kpi-build-cdn-");
      try {
        const stats = await build(out, { ADDIN_BASE_URL: undefined, OFFICE_JS_LOCAL: undefined });
        if (stats.hasErrors()) throw new Error(`the build failed:\n${errorsOf(stats)}`);
        expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
        for (const page of ["taskpane.html", "commands.html"]) {
          expect(fs.readFileSync(path.join(out, page), "utf8")).toMatch(
            /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\.1\/hosted\/office\.js"?>/,
          );
        }
        expect(makeConfig.officeJsCdn).toBe("https://appsforoffice.microsoft.com/lib/1.1/hosted/office.js");
        expect(fs.readFileSync(path.join(out, "manifest.xml"), "utf8")).toContain('"https://localhost:3000/taskpane.html"');
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe("webpack.config.js guards", () => {
  it(
    "fails the build when Node-only code or ExcelJS would enter a bundle",
    async () => {
      const out = tmp("kpi-build-boundary-");
      try {
        const stats = await build(out, {}, (config) => {
          // A Node-only module of ours, and a file of the exceljs package (its package.json: quick to bundle).
          config.entry = { taskpane: "./src/node/xlsx.ts", commands: require.resolve("exceljs/package.json") };
          // Only the boundary check matters here (the pages need not exist).
          config.plugins = (config.plugins ?? []).filter((p) => p?.constructor.name === "BundleBoundaryPlugin");
        });
        const errors = errorsOf(stats);
        expect(stats.hasErrors()).toBe(true);
        expect(errors).toMatch(/src\/node\/xlsx\.ts must not be bundled \(imported by an entry\)/);
        expect(errors).toMatch(/src\/node\/inflate\.ts must not be bundled \(imported by src[\\/]node[\\/]xlsx\.ts\)/);
        expect(errors).toMatch(/node_modules\/exceljs\/package\.json must not be bundled/);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );

  it("rejects an ADDIN_BASE_URL that is not https or does not end with /", async () => {
    const out = path.join(os.tmpdir(), "kpi-build-never-written");
    await expect(build(out, { ADDIN_BASE_URL: "https://intranet.example.lg.jp/kpi" })).rejects.toThrow(/must end with "\/"/);
    await expect(build(out, { ADDIN_BASE_URL: "http://intranet.example.lg.jp/kpi/" })).rejects.toThrow(/must be https/);
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
