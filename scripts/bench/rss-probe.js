/**
 * Preloaded into a process the benchmark runs (node --require …/rss-probe.js): samples the
 * process's resident memory (all its threads) every 20 ms and, at exit, writes to the file named by
 * KPI_BENCH_RSS_FILE the peak in bytes and the CPU time of all its threads (V8's own background
 * threads included), as JSON. Worker threads load it too and do nothing.
 */
/* global require, process, setInterval */
"use strict";
const fs = require("fs");
const { isMainThread } = require("worker_threads");

const file = process.env.KPI_BENCH_RSS_FILE;
if (isMainThread && file) {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    const cpu = process.cpuUsage();
    fs.writeFileSync(file, JSON.stringify({ peakRss: peak, cpuMs: (cpu.user + cpu.system) / 1000 }));
  });
}
