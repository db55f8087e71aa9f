/**
 * The add-in's and the demo's security, on what is shipped: the production builds, made once per
 * jest run by test/global-setup.ts (webpack-cli, as `npm run build` and `npm run build:demo` run it)
 * into a temporary folder, and read here.
 *
 *   - taskpane.html and commands.html: a Content-Security-Policy that allows scripts only from the
 *     pages' own origin and office.js's, no 'unsafe-eval', no 'unsafe-inline' scripts, set before
 *     the first script; no inline <script> content and no inline event handlers;
 *   - the bundles call no eval();
 *   - zod is configured jitless in the pane's entry, before any schema is built;
 *   - the manifest asks for ReadWriteDocument and lists no AppDomains;
 *   - the demo's pages: the same, with every source their own origin.
 */
import * as fs from "fs";
import * as path from "path";
import type { Configuration } from "webpack";
import { filesOf, successfulBuild } from "./helpers/webpack-run";
import { DEFAULT_SETTINGS } from "../src/taskpane/settings-model";

// office-addin-dev-certs would install a CA on this machine (only `webpack serve` asks for it).
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: jest.fn() }));

type MakeAddinConfig = (env: Record<string, unknown>, argv: { mode: "production" | "development" }) => Promise<Configuration>;

const makeAddinConfig = require("../webpack.config.js") as MakeAddinConfig & { officeJsCdn: string };

const ROOT = path.resolve(__dirname, "..");
const OFFICE_ORIGIN = "https://appsforoffice.microsoft.com";

// ---------------------------------------------------------------------------------------------
// What a page allows

/** The page's CSP (from its meta element) as directive -> sources; throws unless there is exactly one. */
function cspOf(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/gi)];
  if (metas.length !== 1) throw new Error(`expected one CSP meta element, found ${metas.length}`);
  const content = /\bcontent="([^"]*)"/i.exec(metas[0][0])?.[1];
  if (content === undefined) throw new Error("the CSP meta element has no content");
  const directives = new Map<string, string[]>();
  for (const part of content.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (directives.has(name)) throw new Error(`directive ${name} given twice`);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

interface ScriptTag {
  src: string | null;
  body: string;
  at: number;
}

function scriptsOf(html: string): ScriptTag[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    src: /\bsrc="?([^"\s>]+)/i.exec(m[1])?.[1] ?? null,
    body: m[2],
    at: m.index!,
  }));
}

/** The checks every page of the add-in and of the demo passes. */
function expectLockedDown(html: string, allowedScriptSources: string[]): void {
  const csp = cspOf(html);
  // Scripts: exactly the allowed sources (the page's own origin, office.js's), nothing inline, no eval.
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src");
  expect(scriptSrc).toEqual(allowedScriptSources);
  for (const [directive, sources] of csp) {
    expect({ directive, sources }).toEqual({
      directive,
      sources: expect.not.arrayContaining(["'unsafe-eval'", "'wasm-unsafe-eval'", "*"]),
    });
  }
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc!.filter((s) => /^(data|blob|https?):?$/.test(s))).toEqual([]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")?.every((s) => s === "'self'" || s === "'none'")).toBe(true);

  // A CSP in a meta element applies to what follows it only: it comes before every script.
  const metaAt = html.search(/<meta\b[^>]*Content-Security-Policy/i);
  const scripts = scriptsOf(html);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script.at).toBeGreaterThan(metaAt);
    expect(script.src).not.toBeNull(); // no inline script
    expect(script.body.trim()).toBe("");
    const origin = /^https?:\/\//.test(script.src!) ? new URL(script.src!).origin : "'self'";
    expect(allowedScriptSources).toContain(origin);
    expect(script.src).not.toMatch(/^(\/\/|data:|blob:|javascript:)/i);
  }
  // No inline event handlers or javascript: URLs.
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
}

/** eval( calls in a bundle (a word "eval" followed by "("; property names like .evaluate do not count). */
function evalCalls(js: string): string[] {
  return [...js.matchAll(/(?<![\w$.])eval\s*\(/g)].map((m) => js.slice(Math.max(0, m.index! - 40), m.index! + 40));
}

// ---------------------------------------------------------------------------------------------

describe("the add-in's production build (npm run build)", () => {
  let cdn = "";
  let local = "";
  const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

  beforeAll(() => {
    cdn = successfulBuild("addin-cdn").dir;
    local = successfulBuild("addin-intranet").dir;
  });

  it("taskpane.html and commands.html allow scripts only from their own origin and office.js's (Microsoft's CDN)", () => {
    expect(makeAddinConfig.officeJsCdn.startsWith(`${OFFICE_ORIGIN}/`)).toBe(true);
    for (const page of ["taskpane.html", "commands.html"]) expectLockedDown(read(cdn, page), ["'self'", OFFICE_ORIGIN]);
  });

  it("allow scripts only from their own origin when office.js is served with the add-in (OFFICE_JS_LOCAL=1)", () => {
    for (const page of ["taskpane.html", "commands.html"]) {
      expectLockedDown(read(local, page), ["'self'"]);
      expect(read(local, page)).not.toContain(OFFICE_ORIGIN);
    }
  });

  it("calls eval nowhere in its bundles", () => {
    for (const dir of [cdn, local]) {
      const bundles = filesOf(dir).filter((f) => /^(taskpane|commands)\.[0-9a-f]{8}\.js$/.test(f));
      expect(bundles).toHaveLength(2);
      for (const bundle of bundles) expect({ bundle, calls: evalCalls(read(dir, bundle)) }).toEqual({ bundle, calls: [] });
    }
  });

  it("asks Office for ReadWriteDocument and no other domains (manifest.xml, as written and as built)", () => {
    for (const manifest of [
      fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"),
      read(cdn, "manifest.xml"),
      read(local, "manifest.xml"),
    ]) {
      expect([...manifest.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1].trim())).toEqual(["ReadWriteDocument"]);
      expect(manifest).not.toMatch(/<AppDomains?\b/);
    }
  });
});

describe("no network at run time", () => {
  /** Every .ts file under the folders (the demo page, which fetches its sample from its own origin, is checked by its CSP and the end-to-end test). */
  const sources = (folders: string[]) =>
    folders.flatMap((folder) =>
      filesOf(path.join(ROOT, folder))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join(folder, f)),
    );

  it("the CLI, the core, the shared .xlsx code and the add-in open no connection (no http, https, net, tls, dns module, no fetch, XHR or WebSocket)", () => {
    const files = sources(["src/core", "src/xlsx", "src/node", "src/cli", "src/excel", "src/taskpane", "src/commands"]);
    expect(files.length).toBeGreaterThan(20);
    const network =
      /(?:from|require\()\s*["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|undici)["']|\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|navigator\.sendBeacon/;
    const found = files.filter((file) => network.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });
});

describe("zod in the task pane", () => {
  const BROWSER_FOLDERS = ["src/core", "src/host", "src/excel", "src/taskpane", "src/commands"];
  const browserSources = () =>
    BROWSER_FOLDERS.flatMap((folder) =>
      fs
        .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join(folder, f).split(path.sep).join("/")),
    );

  it("comes configured jitless (the pane's CSP forbids eval) from src/core/zod.ts, the only browser module importing zod itself", () => {
    const home = fs.readFileSync(path.join(ROOT, "src", "core", "zod.ts"), "utf8");
    expect(home).toMatch(/^config\(\{ jitless: true \}\);$/m);
    const importsZod = /from\s+["']zod(\/[\w-]+)?["']/;
    const direct = browserSources().filter((file) => importsZod.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(direct).toEqual(["src/core/zod.ts"]);
  });

  // The pane's schemas (src/taskpane/settings-schema.ts, src/excel/highlight.ts; zod/mini) are built
  // when their modules load; the jitless setting must come before (src/core/zod.ts, which they
  // import) and reach zod's one shared core, or a compiled parser probes `new Function` under the CSP.
  it("is configured before the imported modules build any schema (no Function probe, no compiled parser)", () => {
    /** The Function calls and constructions made while `run` loads modules afresh. */
    const functionsMadeBy = (run: () => void): unknown[][] => {
      const constructed: unknown[][] = [];
      const RealFunction = globalThis.Function;
      const spy = new Proxy(RealFunction, {
        construct(target, args, newTarget) {
          constructed.push(args);
          return Reflect.construct(target, args, newTarget) as object;
        },
        apply(target, self, args) {
          constructed.push(args);
          return Reflect.apply(target, self, args) as unknown;
        },
      });
      const global = globalThis as unknown as { Function: FunctionConstructor; Office?: unknown };
      global.Office = { onReady: () => undefined };
      global.Function = spy;
      try {
        jest.isolateModules(run);
      } finally {
        global.Function = RealFunction;
        delete global.Office;
      }
      return constructed;
    };
    const stored = { version: 1, reportingYear: 2025, rate: "2/3", writeMode: "value", directions: { "1:1": "lower" }, highlight: true };
    /** A schema zod compiles unless told not to (zod/mini's objects never are; zod's full build's are). */
    const parseCompilableSchema = () => {
      const { z } = require("zod") as typeof import("zod");
      z.object({ reportingYear: z.number(), rate: z.string() }).parse(stored);
    };

    // The spy sees zod's probe when nothing configured zod: the check below can fail.
    expect(functionsMadeBy(parseCompilableSchema)).not.toEqual([]);

    const constructed = functionsMadeBy(() => {
      require("../src/taskpane/taskpane");
      require("../src/excel/highlight");

      const { parseStoredSettings } = require("../src/taskpane/settings-schema") as typeof import("../src/taskpane/settings-schema");
      const settings = parseStoredSettings(stored);
      expect(settings).toEqual({
        ...DEFAULT_SETTINGS,
        reportingYear: 2025,
        rate: "2/3",
        writeMode: "value",
        directions: { "1:1": "lower" },
        highlight: true,
      });
      // The pane's configuration reaches the core every zod build shares, not only zod/mini's.
      parseCompilableSchema();
    });
    expect(constructed).toEqual([]);
  });
});

describe("the demo's production build (npm run build:demo)", () => {
  let out = "";
  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");

  beforeAll(() => {
    out = successfulBuild("demo").dir;
  });

  it("index.html and the demo's taskpane.html allow scripts from their own origin only", () => {
    expectLockedDown(read("index.html"), ["'self'"]);
    expectLockedDown(read("taskpane.html"), ["'self'"]);
    const csp = cspOf(read("index.html"));
    expect(csp.get("default-src")).toEqual(["'none'"]);
    // Requests (fetch, XHR), frames and workers: this origin only (blob: for the saved file and workers).
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("frame-src")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
    for (const [directive, sources] of csp) {
      for (const source of sources)
        expect({ directive, source }).toEqual({ directive, source: expect.not.stringMatching(/^https?:|^\*|'unsafe-/) });
    }
  });

  it("calls eval nowhere in its bundles (ExcelJS's browser build included)", () => {
    const bundles = filesOf(out).filter((f) => /\.js$/.test(f));
    expect(bundles.length).toBeGreaterThanOrEqual(3);
    for (const bundle of bundles) expect({ bundle, calls: evalCalls(read(bundle)) }).toEqual({ bundle, calls: [] });
  });
});
