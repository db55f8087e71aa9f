#!/usr/bin/env node
"use strict";
// Runs the compiled CLI (built by `npm run build:cli`, which `npm ci` runs via `prepare`).
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch {
  process.stderr.write("kpi-check: the CLI is not built yet; run `npm run build:cli` first.\n");
  process.exit(2);
}
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
