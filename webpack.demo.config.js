/**
 * Builds the browser demo into dist-demo/ (separate from the add-in's dist/; nothing here enters
 * the add-in bundle):
 *
 *   index.html + demo.[hash].js          the page: workbook grid, file open/save, ExcelJS's browser build
 *   taskpane.html + taskpane.[hash].js   the add-in's own task pane (src/taskpane/taskpane.ts and .html,
 *                                        unchanged) with office.js replaced by office-emulator.js
 *   office-emulator.js                   installs the emulated Office/Excel API over the page's workbook
 *   demo.css, taskpane.css, assets/      styles and icons
 *   samples/hanamaki-r6.xlsx             the sample report the page opens first (fetched from here)
 *
 * `npm run build:demo` (production) or `webpack --config webpack.demo.config.js --mode development`.
 * No eval (the pages have a CSP): devtool is "source-map". The build fails when the task pane's chunk
 * holds anything but what the add-in's holds (src/core, src/excel, src/taskpane, zod), or when ExcelJS
 * lands anywhere but the page's chunk.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { WebpackError } = require("webpack");

const OUT = path.resolve(__dirname, "dist-demo");
const EMULATOR = "office-emulator";

/** Fails the build when a chunk holds modules it must not. */
class DemoBundleCheckPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("DemoBundleCheckPlugin", (compilation) => {
      compilation.hooks.afterOptimizeChunkModules.tap("DemoBundleCheckPlugin", (chunks) => {
        for (const chunk of chunks) {
          for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
            const resources = module.modules ? module.modules.map((m) => m.resource) : [module.resource];
            for (const resource of resources) {
              if (!resource) continue;
              const relative = path.relative(__dirname, resource).split(path.sep).join("/");
              const problem = checkModule(chunk.name, relative);
              if (problem) compilation.errors.push(new WebpackError(`${relative} in chunk "${chunk.name}": ${problem}`));
            }
          }
        }
      });
    });
  }
}

function checkModule(chunk, relative) {
  const exceljs = /(^|\/)node_modules\/exceljs\//.test(relative);
  if (exceljs && chunk !== "demo") return "ExcelJS belongs to the demo page only";
  if (chunk === "taskpane") {
    const allowed = /^src\/(core|excel|taskpane)\//.test(relative) || /(^|\/)node_modules\/zod\//.test(relative);
    if (!allowed) return "the task pane must be the add-in's own code (src/core, src/excel, src/taskpane), nothing of the demo";
  }
  if (/^src\/(node|cli)\//.test(relative)) return "Node-only code cannot run in the browser";
  return null;
}

module.exports = (_env, options = {}) => {
  const dev = options.mode === "development";
  return {
    mode: dev ? "development" : "production",
    context: __dirname,
    devtool: "source-map",
    entry: {
      demo: "./src/demo/page.ts",
      taskpane: "./src/taskpane/taskpane.ts",
      [EMULATOR]: "./src/demo/emulator-entry.ts",
    },
    output: {
      path: OUT,
      // The emulator keeps a fixed name: taskpane.html loads it where office.js would be.
      filename: (pathData) => (pathData.chunk.name === EMULATOR ? `${EMULATOR}.js` : dev ? "[name].js" : "[name].[contenthash:8].js"),
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      // ExcelJS's browser build is a finished UMD bundle: nothing in it for webpack to resolve.
      noParse: /node_modules[\\/]exceljs[\\/]dist[\\/]exceljs(\.bare)?(\.min)?\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              transpileOnly: true,
              compilerOptions: { module: "esnext", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new DemoBundleCheckPlugin(),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/demo/index.html",
        chunks: ["demo"],
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs: `${EMULATOR}.js`,
        scriptSrc: "'self'",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/*.css", to: "[name][ext]" },
          { from: "src/demo/demo.css", to: "demo.css" },
          { from: "assets", to: "assets" },
          { from: "samples/hanamaki-r6.xlsx", to: "samples/hanamaki-r6.xlsx" },
        ],
      }),
    ],
    // The page carries ExcelJS (about 1 MB) and is served from this machine: no size hints.
    performance: { hints: false },
    stats: "errors-warnings",
  };
};

module.exports.OUT = OUT;
module.exports.checkModule = checkModule;
