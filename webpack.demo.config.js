/**
 * Builds the browser demo into dist-demo/ (separate from the add-in's dist/; nothing here enters
 * the add-in bundle):
 *
 *   index.html + demo.[hash].js          the page: workbook grid, file open/save
 *     + exceljs.[hash].js                ExcelJS's browser build (minified by esbuild, not Terser)
 *   taskpane.html + taskpane.[hash].js   the add-in's own task pane (src/taskpane/taskpane.ts and .html,
 *                                        unchanged) with office.js replaced by office-emulator.js
 *   office-emulator.js                   installs the emulated Office/Excel API over the page's workbook
 *   demo.css, taskpane.css, assets/      styles and icons
 *   samples/hanamaki-r6.xlsx             the sample report the page opens first (fetched from here)
 *
 * `npm run build:demo` (production) or `webpack --config webpack.demo.config.js --mode development`.
 * The TypeScript rule, devtool (no eval: the pages have a CSP) and the bundle boundary come from
 * webpack.base.js: the build fails when the task pane's chunk holds anything but what the add-in's
 * holds (src/core, src/excel, src/host, src/taskpane, zod), when ExcelJS lands anywhere but the
 * page's chunk, or when Node-only code lands anywhere.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { BundleBoundaryPlugin, EXCELJS_CHUNK, LowerSyntaxPlugin, baseConfig, demoChunkProblem } = require("./webpack.base");

const OUT = path.resolve(__dirname, "dist-demo");
const EMULATOR = "office-emulator";

/** The demo's per-chunk boundary (webpack.base.js), exported for the tests. */
const checkModule = demoChunkProblem;

module.exports = (_env, options = {}) => {
  const dev = options.mode === "development";
  const base = baseConfig(dev ? "development" : "production");
  return {
    ...base,
    entry: {
      demo: "./src/demo/page.ts",
      taskpane: "./src/taskpane/taskpane.ts",
      [EMULATOR]: "./src/demo/emulator-entry.ts",
    },
    output: {
      path: OUT,
      // The emulator keeps a fixed name: taskpane.html loads it where office.js would be.
      filename: (pathData) => (pathData.chunk.name === EMULATOR ? `${EMULATOR}.js` : dev ? "[name].js" : "[name].[contenthash:8].js"),
      // The chunks loaded on demand (the pane's settings check, the fix preview, …), content-hashed too.
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    optimization: {
      ...base.optimization,
      splitChunks: {
        ...base.optimization.splitChunks,
        cacheGroups: {
          ...base.optimization.splitChunks.cacheGroups,
          // ExcelJS's browser build, already minified, in a chunk of its own that esbuild minifies
          // instead of Terser (LowerSyntaxPlugin's minifiedChunks).
          [EXCELJS_CHUNK]: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]dist[\\/]/,
            name: EXCELJS_CHUNK,
            chunks: "initial",
            enforce: true,
          },
        },
      },
    },
    module: {
      ...base.module,
      // ExcelJS's browser build is a finished UMD bundle: nothing in it for webpack to resolve.
      noParse: /node_modules[\\/]exceljs[\\/]dist[\\/]exceljs(\.bare)?(\.min)?\.js$/,
    },
    plugins: [
      new LowerSyntaxPlugin({ minifiedChunks: [EXCELJS_CHUNK] }),
      new BundleBoundaryPlugin({ chunks: demoChunkProblem }),
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
