/**
 * Run by the benchmark as `node --expose-gc retained-heap.js <list.json>`: checks the files of the
 * list one after another with the CLI's own checkFile (lib/cli, built by npm run build:cli) and,
 * after each checkpoint (number of files), collects garbage and records the heap still in use.
 * Prints { "<files>": MB, … } as JSON. Memory that a file leaves behind shows here as growth; the
 * peak resident size also holds garbage not yet collected and the room V8 grows its heaps into.
 */
/* global require, process, global, console, __dirname */
"use strict";
const fs = require("fs");
const path = require("path");
const { checkFile } = require(path.join(__dirname, "..", "..", "lib", "cli", "check-file.js"));

const { files, checkpoints } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const heapMb = () => {
  global.gc();
  global.gc();
  return Math.round((process.memoryUsage().heapUsed / 1e6) * 10) / 10;
};

(async () => {
  const result = { 0: heapMb() };
  for (let i = 0; i < files.length; i++) {
    await checkFile({ input: { absolute: files[i], display: files[i] }, options: {}, lang: "ja", cwd: process.cwd() });
    if (checkpoints.includes(i + 1)) result[i + 1] = heapMb();
  }
  console.log(JSON.stringify(result));
})();
