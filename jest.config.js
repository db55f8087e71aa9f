/**
 * Two projects; `npm test` (plain `jest`) runs both.
 *
 *   unit         in-process code on in-memory data or a few small files: core, rules, reader,
 *                adapter, task pane, demo logic, the in-process CLI, samples and manifest checks.
 *                `npm run test:unit`; the project `jest --watch` runs.
 *   integration  what spawns processes (the built CLI, LibreOffice), builds (webpack, tsc), or
 *                works at scale or end to end (the hostile corpus, whole packages after --fix).
 *                `npm run test:integration`. Its globalSetup builds every webpack configuration
 *                once per run (test/global-setup.ts) for the build tests to read.
 *
 * Every test file belongs to exactly one project, listed below. A file in both lists stops jest; a
 * file in neither runs with the integration tests (so `npm test` never skips it) and jest says
 * where to list it.
 *
 * When only the unit project runs (test:unit, --watch), the property tests default to fewer
 * fast-check runs (KPI_TEST_QUICK=1); FC_NUM_RUNS still sets the number, FC_SEED the seed.
 *
 * The scripts end --selectProjects with --watchAll=false (a no-op) because jest's --selectProjects
 * takes every word after it: `npm run test:unit -- reader` then selects files, not projects.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

/** Test files (relative to test/) or folders (ending in "/"). */
const UNIT = [
  "rules/",
  "reader.test.ts",
  "reader-position.test.ts",
  "reader-metamorphic.test.ts",
  "fix.test.ts",
  "blank-template.test.ts",
  "bench-core.test.ts",
  "bench-syncs.test.ts",
  "layout-fuzz.test.ts",
  "property-values.test.ts",
  "decimal.test.ts", // the BigInt-free decimals against BigInt
  "node-xlsx.test.ts",
  "node-notes.test.ts",
  "excel-errors.test.ts",
  "excel-host.test.ts",
  "excel-read.test.ts",
  "excel-apply.test.ts",
  "excel-highlight.test.ts",
  "excel-office.test.ts",
  "excel-self-check.test.ts", // the self-check (Settings > 動作確認) on the emulator
  "taskpane-controller.test.ts",
  "taskpane-autocheck.test.ts",
  "excel-changes.test.ts",
  "taskpane-entry.test.ts",
  "taskpane-view.test.ts",
  "taskpane-settings-load.test.ts",
  "taskpane-engine.test.ts",
  "unused-exports.test.ts",
  "taskpane-self-check.test.ts", // 動作確認 in the pane: controller and view over the emulated Excel
  "taskpane-settings.test.ts",
  "xlsx-sheet-data.test.ts", // the pane's .xlsx reader without ExcelJS against the CLI's
  "demo-format.test.ts",
  "demo-grid.test.ts",
  "demo-office.test.ts",
  "demo-office-excel.test.ts",
  "demo-office-formula.test.ts",
  "demo-office-write-semantics.test.ts",
  "demo-office-conditions.test.ts",
  "demo-xlsx-io.test.ts",
  "cli.test.ts", // run() in-process, small fixtures
  "cli-sample.test.ts", // run() in-process on the sample
  "cli-rollup.test.ts", // run() in-process: --report's figures against the JSON, the page's CSP and escaping, the workbook
  "cli-previous.test.ts", // run() in-process: --previous with the sample and an edited copy
  "previous-digest.test.ts", // the previous report digest and its storage schema
  "samples.test.ts",
  "manifest.test.ts",
  "report-schema.test.ts", // run() in-process; the JSON report against docs/report.schema.json
  "start.test.ts", // npm start / dev-server decisions from given facts
  "deploy-doc.test.ts", // docs/deploy.md against the pages' CSP and the demo server's MIME types
];

const INTEGRATION = [
  "build.test.ts", // reads the global-setup builds
  "build-syntax.test.ts", // same: the scripts for Office parse as ES2017
  "security-build.test.ts", // same
  "demo-build.test.ts", // same, and starts the demo server
  "cli-jobs.test.ts", // spawns the built CLI (and tsc)
  "hostile-files.test.ts", // spawns the built CLI on a zip bomb, a million rows, …
  "cli-rollup-libreoffice.test.ts", // LibreOffice converts the --report workbook
  "independent/", // LibreOffice; every --fix output compared part by part
  "rules-contract.test.ts", // spawns tsx to check the generated rule docs
  "lint-config.test.ts", // spawns Node to run ESLint with the project's config
  "start-spawn.test.ts", // spawns `npm start` (Linux: no desktop Excel)
  "unsupported-build.test.ts", // reads the global-setup builds (the pane's start check for Internet Explorer 11)
];

const TEST_DIR = path.join(__dirname, "test");
const TEST_FILE = /\.test\.ts$/;

function listTests(dir = TEST_DIR) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : listTests(full);
    return TEST_FILE.test(entry.name) ? [path.relative(TEST_DIR, full).split(path.sep).join("/")] : [];
  });
}

const inList = (list, file) => list.some((entry) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry));

const unlisted = [];
for (const file of listTests()) {
  const unit = inList(UNIT, file);
  const integration = inList(INTEGRATION, file);
  if (unit && integration) throw new Error(`jest.config.js: test/${file} is in both UNIT and INTEGRATION`);
  if (!unit && !integration) unlisted.push(file);
}
if (unlisted.length > 0) {
  process.stderr.write(
    `jest.config.js: ${unlisted.map((f) => `test/${f}`).join(", ")} in no project: run with the integration tests; ` +
      `list in UNIT (in-process, quick) or INTEGRATION (spawns, builds, at scale)\n`,
  );
}

const testMatch = (list) => list.map((entry) => `<rootDir>/test/${entry.endsWith("/") ? `${entry}**/*.test.ts` : entry}`);

const common = {
  rootDir: __dirname,
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Type checking runs once in `npm run typecheck`; the transform only transpiles.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
};

const unitProject = { ...common, displayName: "unit", testMatch: testMatch(UNIT) };
const integrationProject = {
  ...common,
  displayName: "integration",
  testMatch: testMatch([...INTEGRATION, ...unlisted]),
  // Runs only when a test of this project is selected.
  globalSetup: "<rootDir>/test/global-setup.ts",
};

// jest reads this file in its main process, with its own command line: look at the options that
// decide which projects run.
const argv = process.argv.slice(2);
const watching = argv.some((arg) => /^--watch(All)?(=(?!false$).*)?$/.test(arg));
const selected = selectedProjects(argv);
const unitOnly = selected ? selected.length > 0 && selected.every((name) => name === "unit") : watching;
if (unitOnly && process.env.KPI_TEST_QUICK === undefined) process.env.KPI_TEST_QUICK = "1"; // inherited by the workers

/** The names given to --selectProjects (null without it). */
function selectedProjects(args) {
  let names = null;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag !== "--selectProjects") continue;
    names = names ?? [];
    if (inline !== undefined) names.push(...inline.split(","));
    for (; i + 1 < args.length && !args[i + 1].startsWith("-"); i++) names.push(args[i + 1]);
  }
  return names;
}

/** @type {import('jest').Config} */
module.exports = {
  // `jest --watch` without --selectProjects: the unit project only (the integration one needs builds).
  projects: watching && !selected ? [unitProject] : [unitProject, integrationProject],
  // jest's default (cores - 1) leaves one of two cores idle while the main process only waits.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
};
