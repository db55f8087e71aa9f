/**
 * What the add-in's build (webpack.config.js) and the demo's (webpack.demo.config.js) share: the
 * TypeScript rule, resolution, source maps without eval, and the bundle boundary — which source
 * folders and packages may end up in which bundle.
 *
 *   add-in: only src/core, src/excel, src/host, src/taskpane, src/commands and src/xlsx (last
 *           year's report, read in the pane: src/xlsx/sheet-data.ts), anywhere in the module
 *           graph; never ExcelJS, its users in src/xlsx, nor Node-only code (src/node, src/cli, …).
 *   demo:   the task pane's chunk holds what the add-in's pane holds (src/core, src/excel,
 *           src/host, src/taskpane, zod) and nothing of the demo; ExcelJS only in the page's
 *           chunks ("demo", and "exceljs", which holds ExcelJS alone); Node-only code (src/node,
 *           src/cli) in no chunk.
 */
const path = require("path");
const { WebpackError } = require("webpack");

const ROOT = __dirname;

/** The source folders the add-in is made of (src/<folder>/). */
const ADDIN_FOLDERS = ["core", "excel", "host", "taskpane", "commands", "xlsx"];
/** What the pane's own chunk may hold: the add-in's folders but the FunctionFile's. */
const PANE_FOLDERS = ADDIN_FOLDERS.filter((folder) => folder !== "commands");
/** The modules of src/xlsx that work on ExcelJS's workbooks: never in the add-in. */
const isExcelJsUser = (relative) => /^src\/xlsx\/(read|write|notes|value-type)\.ts$/.test(relative);

const inFolders = (folders) => new RegExp(`^src/(${folders.join("|")})/`);
const isExcelJs = (relative) => /(^|\/)node_modules\/exceljs\//.test(relative);

/** A module path relative to the repository, with "/" on every platform. */
function relativeToRoot(resource) {
  return path.relative(ROOT, resource).split(path.sep).join("/");
}

/** Why `relative` must not enter the add-in's bundles, or null when it may. */
function addinProblem(relative) {
  if (isExcelJsUser(relative))
    return "it works on ExcelJS workbooks, and ExcelJS never enters the add-in (src/xlsx/sheet-data.ts reads without it)";
  const forbidden = isExcelJs(relative) || (relative.startsWith("src/") && !inFolders(ADDIN_FOLDERS).test(relative));
  if (!forbidden) return null;
  const folders = ADDIN_FOLDERS.map((folder) => `src/${folder}`);
  return `the add-in may use only ${folders.slice(0, -1).join(", ")} and ${folders[folders.length - 1]} — never ExcelJS or Node-only code`;
}

/** The demo page's chunk of ExcelJS's browser build (webpack.demo.config.js). */
const EXCELJS_CHUNK = "exceljs";

/** Why `relative` must not be in the demo's chunk `chunk`, or null when it may. */
function demoChunkProblem(chunk, relative) {
  if (isExcelJs(relative) && chunk !== "demo" && chunk !== EXCELJS_CHUNK) return "ExcelJS belongs to the demo page only";
  // esbuild minifies that chunk in place of Terser (LowerSyntaxPlugin): it holds ExcelJS's finished browser build alone.
  if (chunk === EXCELJS_CHUNK && !isExcelJs(relative)) return `the "${EXCELJS_CHUNK}" chunk holds ExcelJS's browser build alone`;
  if (chunk === "taskpane") {
    const allowed = inFolders(PANE_FOLDERS).test(relative) || /(^|\/)node_modules\/zod\//.test(relative);
    if (!allowed)
      return `the task pane must be the add-in's own code (${PANE_FOLDERS.map((folder) => `src/${folder}`).join(", ")}), nothing of the demo`;
  }
  if (/^src\/(node|cli)\//.test(relative)) return "Node-only code cannot run in the browser";
  return null;
}

/**
 * Fails the build when a module is where it must not be. `modules(relative)` judges every module
 * of the graph as soon as it is complete (before tree shaking can hide an import);
 * `chunks(chunkName, relative)` judges what each chunk holds after optimization (concatenated
 * modules opened up). Each returns why the module is refused, or null.
 */
class BundleBoundaryPlugin {
  constructor({ modules, chunks }) {
    this.modules = modules;
    this.chunks = chunks;
  }

  apply(compiler) {
    const name = "BundleBoundaryPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      const fail = (text) => compilation.errors.push(new WebpackError(text));
      if (this.modules) {
        compilation.hooks.finishModules.tap(name, (modules) => {
          for (const module of modules) {
            if (!module.resource) continue;
            const relative = relativeToRoot(module.resource);
            const problem = this.modules(relative);
            if (!problem) continue;
            const issuer = compilation.moduleGraph.getIssuer(module);
            const by = issuer && issuer.resource ? path.relative(ROOT, issuer.resource) : "an entry";
            fail(`${relative} must not be bundled (imported by ${by}): ${problem}`);
          }
        });
      }
      if (this.chunks) {
        compilation.hooks.afterOptimizeChunkModules.tap(name, (chunks) => {
          for (const chunk of chunks) {
            for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
              const resources = module.modules ? module.modules.map((m) => m.resource) : [module.resource];
              for (const resource of resources) {
                if (!resource) continue;
                const relative = relativeToRoot(resource);
                const problem = this.chunks(chunk.name, relative);
                if (problem) fail(`${relative} in chunk "${chunk.name}": ${problem}`);
              }
            }
          }
        });
      }
    });
  }
}

/** The syntax the bundles are written in: what EdgeHTML (Edge 18) runs, the oldest webview the add-in supports. */
const BUNDLE_TARGET = "es2017";

/**
 * Lowers every emitted script to BUNDLE_TARGET syntax with esbuild, once per chunk — after webpack
 * has put the modules together and before the minimizer: esbuild's helpers (for object spread, class
 * fields, …) are then written once per script rather than once per module. The chunk is wrapped in
 * a function so those helpers stay out of the page's global scope. A construct esbuild cannot lower
 * (a BigInt literal) fails the build. Regular expression literals with newer features become
 * `new RegExp("…")` calls; test/build-syntax.test.ts checks those patterns too.
 *
 * `minifiedChunks`: chunks of code that arrives minified (ExcelJS's browser build, 860 KB): esbuild
 * lowers and minifies them in the same pass and marks them minimized, so Terser leaves them alone
 * (Terser on ExcelJS took about 25 s of the demo's 36 s build, for a file already minified).
 */
class LowerSyntaxPlugin {
  constructor({ minifiedChunks = [] } = {}) {
    this.minifiedChunks = new Set(minifiedChunks);
  }

  apply(compiler) {
    const name = "LowerSyntaxPlugin";
    const esbuild = require("esbuild");
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        async (assets) => {
          const minifiedFiles = new Set();
          for (const chunk of compilation.chunks)
            if (this.minifiedChunks.has(chunk.name)) for (const f of chunk.files) minifiedFiles.add(f);
          for (const file of Object.keys(assets)) {
            if (!/\.js$/.test(file)) continue;
            const asset = compilation.getAsset(file);
            if (asset.info.minimized || asset.info.copied) continue; // office.js and other copied files
            const minify = minifiedFiles.has(file);
            const { source, map } = asset.source.sourceAndMap();
            let result;
            try {
              result = await esbuild.transform(String(source), {
                loader: "js",
                target: BUNDLE_TARGET,
                format: "iife",
                sourcemap: "external",
                sourcefile: file,
                minify: minify && compiler.options.mode === "production",
              });
            } catch (error) {
              const messages = error.errors
                ? error.errors.map((e) => `${e.text} (${e.location ? e.location.lineText.trim().slice(0, 80) : "?"})`)
                : [String(error)];
              compilation.errors.push(new WebpackError(`${file}: cannot be written as ${BUNDLE_TARGET}: ${messages.join("; ")}`));
              continue;
            }
            for (const warning of result.warnings) {
              compilation.errors.push(
                new WebpackError(`${file}: ${warning.text} (${warning.location ? warning.location.lineText.trim().slice(0, 80) : "?"})`),
              );
            }
            const lowered = map
              ? new sources.SourceMapSource(result.code, file, JSON.parse(result.map), String(source), map, true)
              : new sources.RawSource(result.code);
            compilation.updateAsset(file, lowered, minify ? { minimized: true } : {});
          }
        },
      );
    });
  }
}

/**
 * The core the pane fetches at start (splitChunks' "engine"): every module of src/core that is not
 * in the first script, except zod's schemas and what only the fix preview, the writes and last
 * year's report use (they stay in their own chunks, loaded when asked for).
 */
const ENGINE_MODULE = /[\\/]src[\\/]core[\\/](?!(zod|[^\\/]*schema|apply|fix|writes|previous)\.ts$)/;

/**
 * The settings both builds start from. No eval anywhere (the pages have a CSP): "source-map" in
 * both modes. webpack.esbuild-loader.js only strips TypeScript's types (type checking is `npm run
 * typecheck`), keeping ES modules so webpack can concatenate and tree-shake; LowerSyntaxPlugin then
 * writes every script in BUNDLE_TARGET syntax, and webpack's own runtime code is written for it too.
 */
function baseConfig(mode) {
  return {
    mode,
    context: ROOT,
    target: ["web", BUNDLE_TARGET],
    devtool: "source-map",
    // Chunks loaded on demand share two named chunks: zod (the settings' check, the highlight), and
    // the engine — the core that is not in the pane's first script (the reader, the rules, the fixes;
    // src/taskpane/engine.ts fetches it at start) in one file rather than split by which chunk uses
    // what, so that the first check fetches one file. Zod's schemas stay out of it.
    optimization: {
      splitChunks: {
        cacheGroups: {
          zod: { test: /[\\/]node_modules[\\/]zod[\\/]/, name: "zod", chunks: "async" },
          engine: {
            test: (module) => ENGINE_MODULE.test(module.resource || ""),
            name: "engine",
            chunks: "async",
            enforce: true,
          },
        },
      },
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: path.resolve(ROOT, "webpack.esbuild-loader.js") },
        },
        // The core does nothing when loaded (it defines functions and data): what a bundle does not
        // use of it is left out, even when reached through src/core/index.ts's re-exports.
        { test: /[\\/]src[\\/]core[\\/]/, sideEffects: false },
      ],
    },
  };
}

/**
 * The command `npm run build` (or, with config "webpack.demo.config.js", `npm run build:demo`) runs,
 * writing into `outDir` instead of dist/, with `env` over `baseEnv` (undefined: unset): how the build
 * tests' global setup and `npm run bench` build without touching dist/. `preload`: a script node
 * loads first (--require).
 */
function webpackCliCommand({ config, outDir, env = {}, baseEnv = process.env, preload }) {
  const merged = { ...baseEnv };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return {
    file: process.execPath,
    args: [
      ...(preload ? ["--require", preload] : []),
      require.resolve("webpack-cli/bin/cli.js"),
      ...(config ? ["--config", config] : []),
      "--mode",
      "production",
      "--output-path",
      outDir,
    ],
    cwd: ROOT,
    env: merged,
  };
}

module.exports = {
  ROOT,
  BUNDLE_TARGET,
  ADDIN_FOLDERS,
  PANE_FOLDERS,
  BundleBoundaryPlugin,
  LowerSyntaxPlugin,
  addinProblem,
  baseConfig,
  demoChunkProblem,
  EXCELJS_CHUNK,
  webpackCliCommand,
};
