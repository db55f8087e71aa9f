/**
 * The browser demo's build (webpack.demo.config.js, as `npm run build:demo` runs it; made once per
 * jest run by test/global-setup.ts into a temporary folder) and its server (src/dev/demo-server.ts,
 * as `npm run demo` runs it), without a browser: what dist-demo/ holds, what the pages load and from
 * where, and that the add-in's bundle boundary holds for the demo too.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { Configuration } from "webpack";
import { builtOutput, filesOf, successfulBuild } from "./helpers/webpack-run";
import { resolveRequestPath, startDemoServer } from "../src/dev/demo-server";

type MakeConfig = ((env: unknown, argv: { mode: "production" | "development" }) => Configuration) & {
  checkModule(chunk: string, relative: string): string | null;
};

const makeConfig = require("../webpack.demo.config.js") as MakeConfig;

describe("npm run build:demo", () => {
  let out = "";
  let files: string[] = [];
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");

  beforeAll(() => {
    out = successfulBuild("demo").dir;
    files = filesOf(out);
  });

  it("emits the page, the real task pane, the emulator, styles, icons and the sample report", () => {
    for (const file of [
      "index.html",
      "taskpane.html",
      "office-emulator.js",
      "demo.css",
      "taskpane.css",
      "assets/icon-32.png",
      "samples/hanamaki-r6.xlsx",
    ]) {
      expect(files).toContain(file);
    }
    expect(
      files
        .filter((f) => /^(demo|taskpane)\.[0-9a-f]{8}\.js$/.test(f))
        .map((f) => f.split(".")[0])
        .sort(),
    ).toEqual(["demo", "taskpane"]);
    expect(fs.readFileSync(path.join(out, "samples/hanamaki-r6.xlsx"))).toEqual(
      fs.readFileSync(path.join(__dirname, "..", "samples", "hanamaki-r6.xlsx")),
    );
  });

  it("the page loads only from its own origin, under a CSP that allows no other", () => {
    const html = read("index.html");
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/connect-src 'self';/);
    expect(csp).toMatch(/frame-src 'self';/);
    expect(csp).not.toMatch(/https?:|unsafe-eval|unsafe-inline/);
    const sources = [...html.matchAll(/(?:src|href)="?([^" >]+)/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(2);
    for (const source of sources) expect(source).not.toMatch(/^(https?:)?\/\//);
    expect(html).toMatch(/<script defer(?:="defer")? src="?demo\.[0-9a-f]{8}\.js/);
  });

  it("the task pane is the add-in's page with office.js replaced by the emulator, loaded first", () => {
    const html = read("taskpane.html");
    const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(["office-emulator.js", expect.stringMatching(/^taskpane\.[0-9a-f]{8}\.js$/)]);
    expect(html).not.toMatch(/appsforoffice|https?:\/\//);
    expect(html).toMatch(/script-src 'self';/);
    expect(html).toMatch(/<div id="?app"?/);
  });

  it("keeps ExcelJS in the page's own chunk, loaded before the page's script, minified once", () => {
    const bundle = (name: string) => read(files.find((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f))!);
    // A part only ExcelJS's writer names (the product's own .xlsx code reads xl/workbook.xml too).
    const marker = "docProps/app.xml";
    expect(bundle("exceljs")).toContain(marker);
    for (const other of [bundle("demo"), bundle("taskpane"), read("office-emulator.js")]) expect(other).not.toContain(marker);
    const scripts = [...read("index.html").matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1].split(".")[0]);
    expect(scripts).toEqual(["exceljs", "demo"]);
    // esbuild's minified output (no line of ExcelJS's own left unminified), at most 10% over the file ExcelJS ships.
    const shipped = fs.statSync(require.resolve("exceljs/dist/exceljs.min.js")).size;
    expect(bundle("exceljs").length).toBeLessThan(shipped * 1.1);
  });

  it("fails the build when the task pane's chunk takes in demo code", () => {
    const build = builtOutput("demo-boundary");
    expect(build.ok).toBe(false);
    expect(build.errors).toMatch(/src\/demo\/cell-input\.ts in chunk "taskpane": the task pane must be the add-in's own code/);
  });

  it("fails the build for a chunk holding what it must not", () => {
    expect(makeConfig.checkModule("taskpane", "src/taskpane/view.ts")).toBeNull();
    expect(makeConfig.checkModule("taskpane", "node_modules/zod/v4/core/core.js")).toBeNull();
    // The pane's ports (src/host) are the add-in's own code, in the add-in's pane as in the demo's.
    expect(makeConfig.checkModule("taskpane", "src/host/workbook-host.ts")).toBeNull();
    expect(makeConfig.checkModule("taskpane", "src/node/xlsx.ts")).toMatch(/add-in's own code/);
    expect(makeConfig.checkModule("taskpane", "src/demo/grid.ts")).toMatch(/add-in's own code/);
    expect(makeConfig.checkModule("office-emulator", "node_modules/exceljs/dist/exceljs.min.js")).toMatch(/ExcelJS/);
    expect(makeConfig.checkModule("demo", "node_modules/exceljs/dist/exceljs.min.js")).toBeNull();
    expect(makeConfig.checkModule("exceljs", "node_modules/exceljs/dist/exceljs.min.js")).toBeNull();
    expect(makeConfig.checkModule("exceljs", "src/demo/page.ts")).toMatch(/ExcelJS's browser build alone/);
    expect(makeConfig.checkModule("demo", "src/node/xlsx.ts")).toMatch(/Node-only/);
  });
});

describe("src/dev/demo-server.ts", () => {
  let root = "";
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-demo-root-"));
    fs.writeFileSync(path.join(root, "index.html"), "<!doctype html><title>demo</title>");
    fs.mkdirSync(path.join(root, "samples"));
    fs.writeFileSync(path.join(root, "samples", "a.xlsx"), "PK");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  function get(url: string, method = "GET"): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"]), body }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  it("serves the folder on 127.0.0.1 only, files only, GET and HEAD only", async () => {
    const server = await startDemoServer({ root, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(await get(server.url)).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
      expect(await get(server.url + "samples/a.xlsx")).toMatchObject({ status: 200, type: expect.stringMatching(/spreadsheetml/) });
      expect(await get(server.url + "samples/a.xlsx", "HEAD")).toMatchObject({ status: 200, body: "" });
      expect((await get(server.url + "missing.js")).status).toBe(404);
      expect((await get(server.url + "samples")).status).toBe(404);
      expect((await get(server.url + "%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
      expect((await get(server.url, "POST")).status).toBe(405);
    } finally {
      await server.close();
    }
  }, 30_000); // a real server and sockets: no 5 s default under load

  it("resolves request paths inside the root only", () => {
    expect(resolveRequestPath(root, "/")).toBe(path.join(root, "index.html"));
    expect(resolveRequestPath(root, "/taskpane.html?lang=en")).toBe(path.join(root, "taskpane.html"));
    expect(resolveRequestPath(root, "/../secret")).toBeNull();
    expect(resolveRequestPath(root, "/%2e%2e/secret")).toBeNull();
    expect(resolveRequestPath(root, "/a%00b")).toBeNull();
    expect(resolveRequestPath(root, "/%E0%A4%A")).toBeNull();
  });

  it("says what to do when the demo is not built", async () => {
    await expect(startDemoServer({ root: path.join(root, "samples"), port: 0 })).rejects.toThrow(/npm run build:demo/);
  });
});
