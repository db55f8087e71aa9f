/**
 * jest globalSetup of the integration project: every webpack configuration the build tests read
 * (test/helpers/webpack-run.ts, BUILDS) is built once per run, side by side, into one temporary
 * folder, instead of once per test file. The workers find it through KPI_TEST_BUILDS (they are
 * started after this and inherit the environment). A failed build does not stop the run: the tests
 * that read it fail with webpack's errors.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUILDS_ENV, buildAll } from "./helpers/webpack-run";

export default async function globalSetup(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-test-builds-"));
  // No globalTeardown file needed: the folder goes when jest's main process exits, however it ends.
  process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  const started = Date.now();
  const outputs = await buildAll(root);
  process.env[BUILDS_ENV] = root;
  if (process.env.KPI_TEST_VERBOSE_BUILDS) {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const times = Object.values(outputs).map(
      (o) => `${o.name} ${seconds(o.ms)}${o.cpuMs === undefined ? "" : ` (CPU ${seconds(o.cpuMs)})`}${o.ok ? "" : " (errors)"}`,
    );
    process.stderr.write(`\nwebpack builds in ${((Date.now() - started) / 1000).toFixed(1)} s: ${times.join(", ")}\n`);
  }
}
