/**
 * `npm start` on a machine without desktop Excel (Linux): a Japanese/English explanation and a
 * non-zero exit, before office-addin-debugging or the certificate tools run.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const onLinux = process.platform === "linux" ? test : test.skip;

onLinux(
  "npm start ends with the explanation and exit code 1",
  () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["start"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, KPI_START_NO_CHECK: "" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("デスクトップ版 Excel");
    expect(result.stderr).toContain("desktop Excel");
    expect(result.stderr).toContain("npm run demo");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout + result.stderr).not.toContain("Debugging is being started");
  },
  150_000,
);
