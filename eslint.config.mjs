// ESLint 9 flat config: `npm run lint` checks src/, test/, scripts/, test-e2e/ and the build files.
//
// The layering of the code is declared here, once, and a violation fails the lint (and so CI):
// each folder of src/ lists the folders it may import; src/xlsx and everything the browser runs
// use no Node module; only src/excel touches Office.js; scripts/ and test/ import src/ but never
// each other (what both need lives in src/fixtures and src/dev, which no product code may import).
// test/lint-config.test.ts shows each boundary failing on a deliberate violation.
//
// Prettier runs inside ESLint (rule prettier/prettier, options from .prettierrc.json).
import esX from "eslint-plugin-es-x";
import officeAddins from "eslint-plugin-office-addins";
import * as espree from "espree";
import tseslint from "typescript-eslint";

// eslint-plugin-office-addins bundles its own, older copy of @typescript-eslint. Two different plugin
// objects under one name are an error in flat config, so its recommended config is rewired to the
// project's typescript-eslint (one plugin, one parser).
const officeRecommended = officeAddins.configs.recommended.map((config) =>
  config.plugins?.["@typescript-eslint"]
    ? {
        ...config,
        plugins: { ...config.plugins, "@typescript-eslint": tseslint.plugin },
        languageOptions: { ...config.languageOptions, parser: tseslint.parser, ecmaVersion: "latest" },
      }
    : config,
);
// Its Office.js rules (load before read, sync after load, isNullObject …) apply to the code that
// calls Office.js; everywhere else they would misread ordinary objects. The rest (ESLint's
// recommended rules, Prettier) applies to every file.
const officeRuleNames = Object.keys(officeRecommended.find((c) => c.plugins?.["office-addins"])?.rules ?? {}).filter((name) =>
  name.startsWith("office-addins/"),
);
const OFFICE_CODE = ["src/excel/**/*.ts", "src/taskpane/taskpane.ts", "src/commands/**/*.ts"];
const withoutOfficeRules = Object.fromEntries(officeRuleNames.map((name) => [name, "off"]));

// typescript-eslint's recommended rules, without its own plugin/parser registration (done above).
const tsRecommendedRules = Object.assign({}, ...tseslint.configs.recommended.map((config) => config.rules ?? {}));

// ---------------------------------------------------------------------------------------------
// Layering: the one declaration of who may import whom.

/** The top-level folders of src/. */
const SRC_FOLDERS = ["core", "host", "excel", "taskpane", "commands", "xlsx", "node", "cli", "demo", "fixtures", "dev"];

/** For each folder of src/, the other folders of src/ it may import. */
const MAY_IMPORT = {
  core: [],
  host: ["core"],
  excel: ["core", "host"],
  // src/excel only from the pane's entry file (taskpane.ts), declared below. src/xlsx for last
  // year's report (previous-file.ts, a chunk loaded when the user picks a file; never ExcelJS's users).
  taskpane: ["core", "host", "excel", "xlsx"],
  commands: ["core", "excel"],
  xlsx: ["core"],
  node: ["core", "xlsx"],
  cli: ["core", "xlsx", "node"],
  // The demo runs the add-in's own pane and adapter over its Excel emulation.
  demo: ["core", "host", "excel", "taskpane", "xlsx"],
  // Builders and data shared by test/, scripts/ and the docs (the template layout, the report
  // builder, the samples, the synthetic and hostile files, the rule case tables); never part of a
  // product: no product folder lists it.
  fixtures: ["core", "xlsx", "node"],
  // Development tools that scripts/ wraps and test/ exercises (manifest checks, icons, the demo
  // server, the rule pages, the bench's sync count, which drives src/excel over src/demo's
  // emulator); never part of a product either.
  dev: ["core", "xlsx", "node", "fixtures", "excel", "demo"],
};

/** Code that runs in a browser (the pane, the ribbon, the demo) or anywhere (core, xlsx): no Node module. */
const NO_NODE = ["core", "host", "excel", "taskpane", "commands", "xlsx", "demo"];

const NODE_MODULES =
  "(node:.*|assert|buffer|child_process|crypto|events|fs|fs/promises|http|https|module|net|os|path|perf_hooks|process|readline|stream|timers|url|util|v8|worker_threads|zlib)";

/** A relative import that climbs to one of these top-level folders ("../../excel/x", "../src/cli"). */
function climbsTo(folders, viaSrc = false) {
  return `^(\\.\\./)+${viaSrc ? "src/" : ""}(${folders.join("|")})(/|$)`;
}

/** The folders whose code the browser runs (the pane, its adapter, the core under them). */
const ZOD_CONFIGURED = ["core", "host", "excel", "taskpane", "commands"];

/** `zodItself`: the one file that may import zod directly (src/core/zod.ts, which configures it). */
function importRules(folder, { zodItself = false } = {}) {
  const forbidden = SRC_FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other));
  const patterns = [
    {
      regex: climbsTo(forbidden),
      message: `src/${folder} may import only ${MAY_IMPORT[folder].map((f) => `src/${f}`).join(", ") || "itself"} (eslint.config.mjs)`,
    },
    {
      regex: climbsTo(["test", "test-e2e", "scripts"]),
      message: "src/ never imports test/ or scripts/ (shared code lives in src/fixtures and src/dev)",
    },
  ];
  if (NO_NODE.includes(folder)) {
    patterns.push({ regex: `^${NODE_MODULES}$`, message: `src/${folder} runs in the browser or anywhere: no Node module` });
  }
  if (folder === "core") patterns.push({ regex: "^exceljs($|/)", message: "src/core knows nothing of files: no ExcelJS" });
  if (ZOD_CONFIGURED.includes(folder) && !zodItself) {
    patterns.push({ regex: "^zod($|/)", message: "import zod from src/core/zod.ts, configured for the pane's CSP (no eval)" });
  }
  return { "no-restricted-imports": ["error", { patterns }] };
}

const layering = [
  ...SRC_FOLDERS.map((folder) => ({ files: [`src/${folder}/**/*.ts`], rules: importRules(folder) })),
  { files: ["src/core/zod.ts"], rules: importRules("core", { zodItself: true }) },
];

/** Office.js is reached only from src/excel (and the emulator that stands in for it). */
const officeGlobals = [
  {
    files: ["src/**/*.ts"],
    ignores: ["src/excel/**", "src/demo/office/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...["Office", "Excel", "OfficeExtension"].map((name) => ({
          name,
          message: `Only src/excel touches Office.js (${name}); go through its functions`,
        })),
      ],
    },
  },
];

// ---------------------------------------------------------------------------------------------
// What the pane's webviews have: everything the add-in's bundles hold is built to ES2017 syntax
// (webpack.base.js, BUNDLE_TARGET) so EdgeHTML runs it. Syntax esbuild lowers (optional chaining,
// ??, spread, class fields, …) may be written; built-ins newer than ES2017 may not, nor what cannot
// be lowered (BigInt, newer regular expression features). `aggressive`: a call such as x.flat() is
// reported whatever x's type, since the rules cannot see types here (ES2018–ES2022 built-ins only). The polyfills the packages
// need are in src/taskpane/polyfills.ts.
const LOWERED_SYNTAX = [
  "no-async-iteration",
  "no-class-fields",
  "no-class-instance-fields",
  "no-class-private-fields",
  "no-class-private-methods",
  "no-class-static-fields",
  "no-class-static-block",
  "no-dynamic-import",
  "no-export-ns-from",
  "no-logical-assignment-operators",
  "no-nullish-coalescing-operators",
  "no-numeric-separators",
  "no-optional-catch-binding",
  "no-optional-chaining",
  "no-private-in",
  "no-rest-spread-properties",
];
const BROWSER_CODE = [
  "src/core/**/*.ts",
  "src/host/**/*.ts",
  "src/excel/**/*.ts",
  "src/taskpane/**/*.ts",
  "src/commands/**/*.ts",
  // The pane's reader of last year's report (sheet-data.ts) and what it opens the file with.
  "src/xlsx/**/*.ts",
];
const es2017Builtins = {
  files: BROWSER_CODE,
  plugins: { "es-x": esX },
  settings: { "es-x": { aggressive: true } },
  rules: {
    ...esX.configs["flat/restrict-to-es2017"].rules,
    // Built-ins after ES2022 (iterator helpers, Set methods, …) are not in tsconfig.json's lib, so
    // `npm run typecheck` already rejects them, and reported "aggressively" every .map() would look
    // like an iterator helper.
    ...Object.fromEntries(Object.keys(esX.configs["flat/restrict-to-es2022"].rules).map((name) => [name, "off"])),
    ...Object.fromEntries(LOWERED_SYNTAX.map((name) => [`es-x/${name}`, "off"])),
    // Read aggressively, every `.description` (the rules' meta.description) looks like Symbol's; the
    // code makes no Symbols.
    "es-x/no-symbol-prototype-description": "off",
  },
};

export default [
  {
    ignores: ["dist/**", "dist-demo/**", "lib/**", "node_modules/**", "samples/**", "coverage/**", "out/**", "test-output/**", "docs/**"],
  },
  ...officeRecommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      ...tsRecommendedRules,
      // TypeScript already reports undefined names (and knows Office, Excel, DOM and Node globals).
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Japanese text spaces with U+3000 (「合　計」): in strings, templates and comments it is data,
    // elsewhere in code it is still a mistake.
    files: ["**/*.{js,mjs,cjs,ts}"],
    rules: { "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipComments: true }] },
  },
  { files: ["**/*.{js,mjs,cjs,ts}"], ignores: OFFICE_CODE, rules: withoutOfficeRules },
  ...layering,
  {
    // The pane reaches src/excel only through its entry file; the rest of it sees the host port.
    files: ["src/taskpane/**/*.ts"],
    ignores: ["src/taskpane/taskpane.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...importRules("taskpane")["no-restricted-imports"][1].patterns,
            {
              regex: climbsTo(["excel"]),
              message: "Only src/taskpane/taskpane.ts (the entry) imports src/excel; the pane talks to src/host",
            },
          ],
        },
      ],
    },
  },
  ...officeGlobals,
  es2017Builtins,
  {
    files: ["test/**/*.ts", "test-e2e/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: climbsTo(["scripts"]), message: "test/ imports src/, never scripts/ (shared code lives in src/fixtures and src/dev)" },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: climbsTo(["test", "test-e2e"]),
              message: "scripts/ imports src/, never test/ (shared code lives in src/fixtures and src/dev)",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests load modules inside jest.isolateModules and mocks on purpose.
    files: ["test/**/*.ts", "test-e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The build files at the top level and bin/kpi-check.js are CommonJS / Node.
    files: ["*.js", "*.cjs", "bin/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The pane's start check runs in Internet Explorer 11: an ES5 script with browser globals.
    files: ["src/taskpane/unsupported.js"],
    languageOptions: { parser: espree, ecmaVersion: 5, sourceType: "script", globals: { window: "readonly", document: "readonly" } },
    rules: { "@typescript-eslint/no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
];
