/**
 * Builds the Excel add-in (Office-Addin-TaskPane template layout) into dist/:
 *
 *   taskpane.html + taskpane.[hash].js   the task pane (src/taskpane/taskpane.ts, .html)
 *   commands.html + commands.[hash].js   the FunctionFile (src/commands/commands.ts, .html)
 *   assets/                              icons, logo, support page
 *   manifest.xml                         with https://localhost:3000/ replaced by ADDIN_BASE_URL
 *   office-js/                           only with OFFICE_JS_LOCAL=1: office.js served from dist/
 *
 * Environment (or `--env NAME=value`):
 *   ADDIN_BASE_URL   where dist/ will be served, https, ending in "/" (default https://localhost:3000/)
 *   OFFICE_JS_LOCAL  "1": copy @microsoft/office-js into dist/office-js/ and load it from there
 *                    (closed networks such as LGWAN); otherwise the pages load Microsoft's CDN copy.
 *
 * The HTML templates get the office.js URL as htmlWebpackPlugin.options.officeJs:
 *   <script src="<%= htmlWebpackPlugin.options.officeJs %>"></script>
 * and, for a Content-Security-Policy, the matching script-src sources as
 * htmlWebpackPlugin.options.scriptSrc ("'self'" or "'self' https://appsforoffice.microsoft.com").
 *
 * The TypeScript rule, devtool (no eval: the pane has a CSP) and the bundle boundary come from
 * webpack.base.js: only src/core, src/excel, src/host, src/taskpane and src/commands may enter the
 * bundles; ExcelJS and the Node-only code (src/node, src/cli, src/xlsx) fail the build if anything
 * imports them.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { BundleBoundaryPlugin, addinProblem, baseConfig } = require("./webpack.base");

/** The base URL manifest.xml is written with. */
const urlDev = "https://localhost:3000/";
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1.1/hosted/office.js";
const officeJsDist = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** Replaces the dev base URL in manifest text with the deployment base URL. */
function rebaseManifest(content, baseUrl) {
  return content.split(urlDev).join(baseUrl);
}

function checkBaseUrl(baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`ADDIN_BASE_URL "${baseUrl}" is not a URL`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_BASE_URL "${baseUrl}" must be https (Office loads add-ins only over https)`);
  if (!baseUrl.endsWith("/")) throw new Error(`ADDIN_BASE_URL "${baseUrl}" must end with "/"`);
  return baseUrl;
}

/**
 * The files of @microsoft/office-js that office.js loads in Excel: itself, the Excel host scripts for
 * every platform, the Office 2013 mapping table, each locale's office_strings.js (ja-jp, en-us, …;
 * office.js falls back to en-us), and the telemetry / auth / error-page helpers it looks for next to
 * itself. Debug builds, other hosts (Word, Outlook, …) and IntelliSense files are left out.
 */
function isOfficeJsRuntimeFile(relative) {
  const p = relative.split(path.sep).join("/");
  if (p.endsWith(".debug.js")) return false;
  return (
    p === "office.js" ||
    p === "o15apptofilemappingtable.js" ||
    /^excel[a-z0-9.-]*\.js$/.test(p) ||
    /^[a-z]{2,3}(-[a-z0-9]+)+\/office_strings\.js$/.test(p) ||
    /^(ariatelemetry|telemetry|webauth)\/[^/]+\.js$/.test(p) ||
    p.startsWith("agaveerrorux/")
  );
}

async function getHttpsOptions() {
  const httpsOptions = await require("office-addin-dev-certs").getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const baseUrl = checkBaseUrl(env.ADDIN_BASE_URL || process.env.ADDIN_BASE_URL || urlDev);
  const localFlag = String(env.OFFICE_JS_LOCAL || process.env.OFFICE_JS_LOCAL || "");
  const officeJsLocal = localFlag === "1" || localFlag.toLowerCase() === "true";
  const officeJs = officeJsLocal ? "office-js/office.js" : officeJsCdn;
  const scriptSrc = officeJsLocal ? "'self'" : "'self' https://appsforoffice.microsoft.com";

  const config = {
    ...baseConfig(dev ? "development" : "production"),
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    plugins: [
      new BundleBoundaryPlugin({ modules: addinProblem }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs,
        scriptSrc,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        officeJs,
        scriptSrc,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          // Plain stylesheets next to the pane, linked from taskpane.html as <link href="taskpane.css">.
          { from: "src/taskpane/*.css", to: "[name][ext]", noErrorOnMissing: true },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return rebaseManifest(content.toString(), baseUrl);
            },
          },
          ...(officeJsLocal
            ? [
                {
                  from: "**/*",
                  context: officeJsDist,
                  to: "office-js",
                  filter: (resourcePath) => isOfficeJsRuntimeFile(path.relative(officeJsDist, resourcePath)),
                  // Already minified by Microsoft: keep Terser away (and the build fast).
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
    ],
    performance: {
      // Judge our bundles only, not the copied office.js files.
      assetFilter: (name) => /\.js$/.test(name) && !name.startsWith("office-js/"),
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
  };

  if (env.WEBPACK_SERVE) {
    config.devServer = {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await getHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    };
  }
  return config;
};

module.exports.urlDev = urlDev;
module.exports.officeJsCdn = officeJsCdn;
module.exports.rebaseManifest = rebaseManifest;
module.exports.isOfficeJsRuntimeFile = isOfficeJsRuntimeFile;
