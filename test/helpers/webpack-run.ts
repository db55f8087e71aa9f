/**
 * The webpack builds the integration tests read. Each configuration is built once per jest run, by
 * test/global-setup.ts, into a temporary folder; the tests read the outputs through builtOutput().
 *
 *   addin-intranet  ADDIN_BASE_URL=https://intranet.example.lg.jp/kpi/ OFFICE_JS_LOCAL=1 npm run build
 *   addin-cdn       npm run build (office.js from Microsoft's CDN, the default base URL)
 *   demo            npm run build:demo
 *   addin-boundary  the add-in's config with Node-only code and ExcelJS as entries (must fail)
 *   demo-boundary   the demo's config with demo code in the task pane's chunk (must fail)
 *
 * The first three run webpack-cli exactly as the npm scripts do (webpack.base.js's webpackCliCommand,
 * which scripts/bench/bundle.ts uses too); the two boundary builds need a changed config and run
 * through webpack's Node API.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack, { type Configuration, type Stats } from "webpack";

/** The deployment base URL the intranet build is made for. */
export const INTRANET_BASE = "https://intranet.example.lg.jp/kpi/";
/** Where global-setup tells the test workers the builds are (a folder holding builds.json). */
export const BUILDS_ENV = "KPI_TEST_BUILDS";

export type BuildName = "addin-intranet" | "addin-cdn" | "demo" | "addin-boundary" | "demo-boundary";

export interface BuildOutput {
  name: BuildName;
  /** What was built, as a person would run it. */
  command: string;
  dir: string;
  ok: boolean;
  /** webpack's errors (or the failed command's output); "" when ok. */
  errors: string;
  /** Wall time of this build. */
  ms: number;
  /**
   * CPU time of the build's process, its threads included (webpack-cli builds only): what the build
   * costs, whatever else the machine is doing.
   */
  cpuMs?: number;
}

type MakeAddinConfig = (env: Record<string, unknown>, argv: { mode: "production" | "development" }) => Promise<Configuration>;
type MakeDemoConfig = (env: unknown, argv: { mode: "production" | "development" }) => Configuration;

/** Builds `config` into `outDir`, quietly; resolves with the stats (errors included, not thrown). */
export function runWebpack(config: Configuration, outDir: string): Promise<Stats> {
  config.output = { ...config.output, path: outDir };
  config.infrastructureLogging = { level: "error" };
  return new Promise<Stats>((resolve, reject) => {
    webpack(config, (error, stats) => (error || !stats ? reject(error ?? new Error("no stats")) : resolve(stats)));
  });
}

/** Runs `work` with these environment variables set (undefined: unset), then puts the old values back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

export function errorsOf(stats: Stats): string {
  return stats.toString({ all: false, errors: true, errorDetails: true, colors: false });
}

/** webpack.config.js as `npm run build` calls it, with the given environment. */
export function makeAddinConfig(envVars: Record<string, string | undefined>): Promise<Configuration> {
  const make = require("../../webpack.config.js") as MakeAddinConfig;
  return withEnv(envVars, async () => {
    const config = await make({ WEBPACK_BUNDLE: true, WEBPACK_BUILD: true }, { mode: "production" }).catch((error: Error) => {
      error.message = explainLoadError(error.message);
      throw error;
    });
    config.mode = "production";
    return config;
  });
}

function explainLoadError(message: string): string {
  // copy-webpack-plugin -> schema-utils -> ajv-keywords@5 needs ajv 8 at the top of node_modules (a peer dependency,
  // not installed by npm with legacy-peer-deps=true); eslint's ajv 6 sits there instead.
  return /ajv\/dist\/compile\/codegen/.test(message)
    ? `npm run build cannot load copy-webpack-plugin: add "ajv": "8.x" to devDependencies.\n${message}`
    : message;
}

export interface WebpackCommand {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface WebpackCommandOptions {
  config?: "webpack.demo.config.js";
  outDir: string;
  env?: Record<string, string | undefined>;
  preload?: string;
}

const { webpackCliCommand } = require("../../webpack.base.js") as { webpackCliCommand(options: WebpackCommandOptions): WebpackCommand };

function runCommand(command: WebpackCommand): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { cwd: command.cwd, env: command.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

interface BuildSpec {
  name: BuildName;
  command: string;
  build(outDir: string): Promise<{ ok: boolean; errors: string; cpuMs?: number }>;
}

// The environment the add-in's config reads, set or unset explicitly so the caller's shell does not
// leak in; NODE_ENV unset as under npm (jest sets it to "test").
const ADDIN_DEFAULTS = { ADDIN_BASE_URL: undefined, OFFICE_JS_LOCAL: undefined, NODE_ENV: undefined };

/** Loaded before webpack-cli: writes the process's CPU time (ms) to $KPI_BUILD_CPU_FILE when it exits. */
const CPU_PRELOAD = `process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  require("fs").writeFileSync(process.env.KPI_BUILD_CPU_FILE, String(Math.round((user + system) / 1000)));
});
`;

function cliBuild(name: BuildName, command: string, options: Pick<WebpackCommandOptions, "config" | "env">): BuildSpec {
  return {
    name,
    command,
    async build(outDir) {
      const cpuFile = `${outDir}.cpu`;
      const preload = path.join(path.dirname(outDir), "cpu-preload.js");
      if (!fs.existsSync(preload)) fs.writeFileSync(preload, CPU_PRELOAD);
      const { code, output } = await runCommand(
        webpackCliCommand({ ...options, outDir, preload, env: { ...options.env, KPI_BUILD_CPU_FILE: cpuFile } }),
      );
      const cpuMs = fs.existsSync(cpuFile) ? Number(fs.readFileSync(cpuFile, "utf8")) : undefined;
      return code === 0 ? { ok: true, errors: "", cpuMs } : { ok: false, errors: explainLoadError(`exit code ${code}\n${output}`), cpuMs };
    },
  };
}

/** Every build, the slowest first (they run side by side, as many as there are cores). */
export const BUILDS: BuildSpec[] = [
  cliBuild("demo", "npm run build:demo", { config: "webpack.demo.config.js", env: { NODE_ENV: undefined } }),
  cliBuild("addin-intranet", `ADDIN_BASE_URL=${INTRANET_BASE} OFFICE_JS_LOCAL=1 npm run build`, {
    env: { ...ADDIN_DEFAULTS, ADDIN_BASE_URL: INTRANET_BASE, OFFICE_JS_LOCAL: "1" },
  }),
  cliBuild("addin-cdn", "npm run build", { env: ADDIN_DEFAULTS }),
  {
    name: "addin-boundary",
    command: "webpack.config.js with src/node/xlsx.ts and exceljs/package.json as entries, the boundary check only",
    async build(outDir) {
      const config = await makeAddinConfig(ADDIN_DEFAULTS);
      // A Node-only module of ours, and a file of the exceljs package (its package.json: quick to bundle).
      config.entry = { taskpane: "./src/node/xlsx.ts", commands: require.resolve("exceljs/package.json") };
      // Only the boundary check matters here (the pages need not exist, nothing needs minifying).
      config.plugins = (config.plugins ?? []).filter((p) => p?.constructor.name === "BundleBoundaryPlugin");
      config.optimization = { ...config.optimization, minimize: false };
      const stats = await runWebpack(config, outDir);
      return { ok: !stats.hasErrors(), errors: errorsOf(stats) };
    },
  },
  {
    name: "demo-boundary",
    command: "webpack.demo.config.js (development) with src/demo/cell-input.ts in the task pane's chunk, the boundary check only",
    async build(outDir) {
      const make = require("../../webpack.demo.config.js") as MakeDemoConfig;
      const config = make({}, { mode: "development" });
      config.entry = { taskpane: ["./src/taskpane/taskpane.ts", "./src/demo/cell-input.ts"] };
      config.plugins = (config.plugins ?? []).filter((p) => p?.constructor.name === "BundleBoundaryPlugin");
      const stats = await runWebpack(config, outDir);
      return { ok: !stats.hasErrors(), errors: errorsOf(stats) };
    },
  },
];

/** Runs every build into a folder under `root`, at most `parallel` at a time; writes root/builds.json. */
export async function buildAll(root: string, parallel = Math.max(1, os.availableParallelism())): Promise<Record<BuildName, BuildOutput>> {
  const outputs = {} as Record<BuildName, BuildOutput>;
  const queue = [...BUILDS];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const dir = path.join(root, spec.name);
      fs.mkdirSync(dir, { recursive: true });
      const started = Date.now();
      const result = await spec.build(dir).catch((error: unknown) => ({
        ok: false,
        errors: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }));
      outputs[spec.name] = { name: spec.name, command: spec.command, dir, ...result, ms: Date.now() - started };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  fs.writeFileSync(path.join(root, "builds.json"), JSON.stringify(outputs, null, 2));
  return outputs;
}

/** One build's output, as test/global-setup.ts made it for this jest run. */
export function builtOutput(name: BuildName): BuildOutput {
  const root = process.env[BUILDS_ENV];
  if (!root)
    throw new Error(`${BUILDS_ENV} is not set: run the build tests through jest's integration project (test/global-setup.ts builds)`);
  const outputs = JSON.parse(fs.readFileSync(path.join(root, "builds.json"), "utf8")) as Record<BuildName, BuildOutput>;
  const output = outputs[name];
  if (!output) throw new Error(`no build "${name}" in ${root}`);
  return output;
}

/** The build's output folder; throws with webpack's errors when the build failed. */
export function successfulBuild(name: BuildName): BuildOutput {
  const output = builtOutput(name);
  if (!output.ok) throw new Error(`${output.command} failed:\n${output.errors}`);
  return output;
}

/** Every file under `dir`, "/"-separated. */
export function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/"));
}
