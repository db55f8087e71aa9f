/**
 * What the task pane downloads before it can start: the JavaScript taskpane.html loads, office.js
 * excluded, gzipped; the chunk it fetches at once, in parallel with Office's start, to check the
 * workbook (the rule engine: src/taskpane/engine.ts), with which it makes what the first check
 * needs; and, apart, the chunks it loads on demand (the fix preview, the writes, the
 * highlight, the settings' check with zod, …). Built with the production webpack config into a temporary folder (dist/ is
 * left alone: others may be serving it), then each script is gzipped with zlib.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webpackCliCommand } = require("../../webpack.base.js") as {
  webpackCliCommand(options: { outDir: string; env?: Record<string, string | undefined> }): {
    file: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
  };
};

export interface BundleResult {
  method: string;
  scripts: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  gzipKB: number;
  /** The chunks fetched as the pane starts (the rule engine), each gzipped on its own. */
  atStart: { file: string; bytes: number; gzipBytes: number }[];
  /** First load and the chunks fetched at start: what the first check needs. */
  firstCheckGzipKB: number;
  /** The chunks loaded on demand, each gzipped on its own. */
  onDemand: { file: string; bytes: number; gzipBytes: number }[];
  /** First load and every on-demand chunk together. */
  allGzipKB: number;
  /** Modules the pane must never ship, and whether the source map shows any of them. */
  contains: { exceljs: boolean; demo: boolean; zod: boolean };
  /** Bytes of original source per package or folder in the bundle (from the source map), largest first. */
  sources: Record<string, number>;
}

/** The chunks src/taskpane/engine.ts fetches as the pane starts (webpack.base.js names it). */
const FETCHED_AT_START = /^engine\.[0-9a-f]{8}\.js$/;

export function measureBundle(log: (text: string) => void): BundleResult {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-check-bench-dist-"));
  try {
    log("webpack --mode production …");
    // The same command the build tests' global setup runs.
    const command = webpackCliCommand({ outDir: out, env: { NODE_ENV: "production" } });
    const build = spawnSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}\n${build.stderr}`);

    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    // The minified page may leave attribute values unquoted: src=taskpane.1a2b3c4d.js
    const sources = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    const own = sources.filter((src) => !/(^|\/)office\.js$/.test(src) && !/^https?:/.test(src));
    if (own.length === 0) throw new Error(`no task pane script found in taskpane.html:\n${html}`);
    const scripts = own.map((src) => {
      const data = fs.readFileSync(path.join(out, src));
      return {
        file: src.replace(/\.[0-9a-f]{8}\.js$/, ".[hash].js"),
        bytes: data.length,
        gzipBytes: zlib.gzipSync(data, { level: 9 }).length,
      };
    });

    const bySource: Record<string, number> = {};
    for (const src of own) {
      const mapFile = path.join(out, src + ".map");
      if (!fs.existsSync(mapFile)) continue;
      const map = JSON.parse(fs.readFileSync(mapFile, "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, i) => {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
        const key = pkg ? pkg[1] : (/(src\/[^/]+)/.exec(source)?.[1] ?? "webpack");
        bySource[key] = (bySource[key] ?? 0) + (map.sourcesContent?.[i]?.length ?? 0);
      });
    }
    const sorted = Object.fromEntries(Object.entries(bySource).sort((a, b) => b[1] - a[1]));
    const gzipBytes = scripts.reduce((n, s) => n + s.gzipBytes, 0);
    const loaded = new Set(own);
    const chunks = fs
      .readdirSync(out)
      .filter((f) => f.endsWith(".js") && !loaded.has(f) && !/^commands\./.test(f))
      .map((f) => {
        const data = fs.readFileSync(path.join(out, f));
        return {
          file: f.replace(/\.[0-9a-f]{8}\.js$/, ".[hash].js"),
          atStart: FETCHED_AT_START.test(f),
          bytes: data.length,
          gzipBytes: zlib.gzipSync(data, { level: 9 }).length,
        };
      })
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    const atStart = chunks.filter((c) => c.atStart).map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes }));
    if (atStart.length === 0) throw new Error("no engine chunk (engine.[hash].js) in the build");
    const onDemand = chunks.filter((c) => !c.atStart).map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes }));
    const firstCheckBytes = gzipBytes + atStart.reduce((n, s) => n + s.gzipBytes, 0);
    const allGzipBytes = firstCheckBytes + onDemand.reduce((n, s) => n + s.gzipBytes, 0);
    return {
      method:
        "webpack --mode production (webpack.config.js) into a temporary folder; the scripts taskpane.html loads, office.js excluded, then the engine chunk the pane fetches at start; gzip level 9, each file on its own",
      scripts,
      gzipBytes,
      gzipKB: Number((gzipBytes / 1024).toFixed(1)),
      atStart,
      firstCheckGzipKB: Number((firstCheckBytes / 1024).toFixed(1)),
      onDemand,
      allGzipKB: Number((allGzipBytes / 1024).toFixed(1)),
      contains: { exceljs: "exceljs" in sorted, demo: "src/demo" in sorted, zod: "zod" in sorted },
      sources: sorted,
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
