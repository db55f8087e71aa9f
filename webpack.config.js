/**
 * Builds the Excel add-in (Office-Addin-TaskPane template layout) into dist/:
 *
 *   taskpane.html + taskpane.[hash].js   the task pane (src/taskpane/taskpane.ts, .html)
 *   unsupported.[hash].js                the pane's ES5 start check (src/taskpane/unsupported.js, copied as
 *                                        it is: no lowering, no minifying); shows why not where Office's
 *                                        webview is Internet Explorer 11
 *   commands.html + commands.[hash].js   the FunctionFile (src/commands/commands.ts, .html)
 *   assets/                              icons, logo, support page
 *   manifest.xml                         with https://localhost:3000/ replaced by ADDIN_BASE_URL
 *   office-js/                           only with OFFICE_JS_LOCAL=1: office.js served from dist/
 *
 * Environment (or `--env NAME=value`):
 *   ADDIN_BASE_URL   where dist/ will be served, https, ending in "/" (default https://localhost:3000/)
 *   OFFICE_JS_LOCAL  "1": copy @microsoft/office-js into dist/office-js/ and load it from there
 *                    (closed networks such as LGWAN); otherwise the pages load Microsoft's CDN copy.
 *   ADDIN_DEMO_URL   where the browser version (dist-demo/) is served: an http(s) URL, or a path relative
 *                    to ADDIN_BASE_URL (e.g. ../kpi-demo/). The pane shows it where Office's webview
 *                    (Internet Explorer 11) cannot run the add-in. Unset: no link; the message says to ask
 *                    the IT department (the demo has no fixed place: docs/deploy.md, section 3).
 *
 * The HTML templates get the office.js URL as htmlWebpackPlugin.options.officeJs:
 *   <script src="<%= htmlWebpackPlugin.options.officeJs %>"></script>
 * and, for a Content-Security-Policy, the matching script-src sources as
 * htmlWebpackPlugin.options.scriptSrc ("'self'" or "'self' https://appsforoffice.microsoft.com").
 * taskpane.html also gets unsupportedJs (the start check's file name) and demoUrl (ADDIN_DEMO_URL made
 * absolute, or ""); the template HTML-escapes both (<%- %>).
 *
 * The TypeScript rule, devtool (no eval: the pane has a CSP) and the bundle boundary come from
 * webpack.base.js: only src/core, src/excel, src/host, src/taskpane and src/commands may enter the
 * bundles; ExcelJS and the Node-only code (src/node, src/cli, src/xlsx) fail the build if anything
 * imports them.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { BundleBoundaryPlugin, LowerSyntaxPlugin, addinProblem, baseConfig } = require("./webpack.base");

/** The base URL manifest.xml is written with. */
const urlDev = "https://localhost:3000/";
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1.1/hosted/office.js";
const officeJsDist = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
/** The pane's ES5 start check, copied into dist/ as it is. */
const unsupportedJsSource = path.join(__dirname, "src", "taskpane", "unsupported.js");

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
 * ADDIN_DEMO_URL made absolute against the add-in's base URL (where taskpane.html is), or "" when
 * unset. Only http(s) URLs and relative paths: anything else (javascript:, file paths, …) fails the
 * build with the reason.
 */
function checkDemoUrl(demoUrl, baseUrl) {
  if (!demoUrl) return "";
  const wrong = (why) =>
    new Error(
      `ADDIN_DEMO_URL "${demoUrl}" ${why}: give where dist-demo/ is served, as an http(s) URL ` +
        `(https://intranet.example.lg.jp/kpi-demo/) or a path relative to ADDIN_BASE_URL (../kpi-demo/)`,
    );
  const control = [...demoUrl].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (control || /[\s\\<>"]/.test(demoUrl)) throw wrong("has a space, backslash, quote, < or > or a control character");
  if (demoUrl.startsWith("//")) throw wrong("starts with // (no scheme)");
  if (/^[a-z][a-z0-9+.-]*:/i.test(demoUrl)) {
    let url;
    try {
      url = new URL(demoUrl);
    } catch {
      throw wrong("is not a URL");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw wrong("must be http or https");
    return url.href;
  }
  return new URL(demoUrl, baseUrl).href;
}

/** The start check's file name in the output: content-hashed like the bundles, plain in development. */
function unsupportedScriptName(dev) {
  if (dev) return "unsupported.js";
  const hash = crypto.createHash("sha256").update(fs.readFileSync(unsupportedJsSource)).digest("hex").slice(0, 8);
  return `unsupported.${hash}.js`;
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
  const demoUrl = checkDemoUrl(env.ADDIN_DEMO_URL || process.env.ADDIN_DEMO_URL || "", baseUrl);
  const unsupportedJs = unsupportedScriptName(dev);

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
      new LowerSyntaxPlugin(),
      new BundleBoundaryPlugin({ modules: addinProblem }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs,
        scriptSrc,
        unsupportedJs,
        demoUrl,
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
          // Already ES5 and small: neither lowered (copied files are skipped) nor minified.
          { from: "src/taskpane/unsupported.js", to: unsupportedJs, toType: "file", info: { minimized: true } },
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
module.exports.checkDemoUrl = checkDemoUrl;
