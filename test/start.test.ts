/**
 * `npm start` and `npm run dev-server` (src/dev/start.ts): what they do on each kind of machine,
 * decided in-process from given facts, and the package.json scripts that run them.
 */
import * as fs from "fs";
import * as path from "path";
import { planDevServer, planStart, quoteForCmd, runPlan, startTarget, type StartFacts } from "../src/dev/start";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

const linux: StartFacts = { platform: "linux", excel: false, certsTrusted: false, canInstallCerts: false };
const windows: StartFacts = { platform: "win32", excel: true, certsTrusted: false, canInstallCerts: true };
const mac: StartFacts = { platform: "darwin", excel: true, certsTrusted: true, canInstallCerts: true };

function explained(plan: ReturnType<typeof planStart>): string {
  if (plan.kind !== "explain") throw new Error(`expected an explanation, got ${JSON.stringify(plan)}`);
  expect(plan.exitCode).not.toBe(0);
  return plan.message;
}

describe("package.json", () => {
  test("start and dev-server run the checking wrappers", () => {
    expect(pkg.scripts.start).toBe("tsx scripts/start.ts");
    expect(pkg.scripts["dev-server"]).toBe("tsx scripts/dev-server.ts");
    expect(pkg.scripts.stop).toBe("office-addin-debugging stop manifest.xml");
  });
});

describe("startTarget", () => {
  test.each([
    [[], "desktop"],
    [["desktop"], "desktop"],
    [["web", "--document", "https://x/y.xlsx"], "web"],
    [["--no-debug"], "desktop"],
    [["macos"], "macos"],
  ])("%j → %s", (args, target) => {
    expect(startTarget(args)).toBe(target);
  });
});

describe("planStart", () => {
  test("Linux, desktop: explains in Japanese then English, points at the demo and docs/deploy.md, exits non-zero", () => {
    const message = explained(planStart([], linux));
    expect(message).toMatch(/デスクトップ版 Excel/);
    expect(message).toMatch(/desktop Excel/);
    expect(message.indexOf("デスクトップ版")).toBeLessThan(message.indexOf("desktop Excel"));
    expect(message).toContain("npm run demo");
    expect(message).toContain("docs/deploy.md");
    expect(explained(planStart(["desktop"], { ...linux, certsTrusted: true }))).toContain("linux");
  });

  test("Windows or Mac with Excel: runs office-addin-debugging with the manifest and the given arguments", () => {
    expect(planStart([], windows)).toEqual({ kind: "run", command: "office-addin-debugging", args: ["start", "manifest.xml"] });
    expect(planStart(["desktop"], mac)).toEqual({
      kind: "run",
      command: "office-addin-debugging",
      args: ["start", "manifest.xml", "desktop"],
    });
  });

  test("Windows or Mac without Excel: says Excel was not found", () => {
    expect(explained(planStart([], { ...windows, excel: false }))).toMatch(/Excel が見つかりません[\s\S]*Excel was not found/);
    expect(explained(planStart([], { ...mac, excel: false }))).toContain("KPI_START_NO_CHECK=1");
  });

  test("a platform argument for the other OS is refused", () => {
    expect(explained(planStart(["macos"], windows))).toContain("macOS");
    expect(explained(planStart(["win32"], mac))).toContain("Windows");
  });

  test("Excel on the web runs on any OS with a certificate, needs --document", () => {
    const args = ["web", "--document", "https://contoso.sharepoint.com/x.xlsx"];
    expect(planStart(args, { ...linux, certsTrusted: true })).toEqual({
      kind: "run",
      command: "office-addin-debugging",
      args: ["start", "manifest.xml", ...args],
    });
    expect(explained(planStart(["web"], { ...linux, certsTrusted: true }))).toContain("--document");
  });

  test("no trusted certificate and no way to install it (Linux without sudo): explains the certificate", () => {
    const message = explained(planStart(["web", "--document", "https://x/y.xlsx"], linux));
    expect(message).toContain("office-addin-dev-certs install");
    expect(message).toMatch(/証明書[\s\S]*certificate/);
    // With sudo, office-addin-dev-certs installs it itself.
    expect(planStart(["web", "--document", "https://x/y.xlsx"], { ...linux, canInstallCerts: true }).kind).toBe("run");
  });
});

describe("planDevServer", () => {
  test("runs webpack serve when the certificate is trusted or can be installed", () => {
    const run = { kind: "run", command: "webpack", args: ["serve", "--mode", "development"] };
    expect(planDevServer([], mac)).toEqual(run);
    expect(planDevServer([], windows)).toEqual(run);
    expect(planDevServer([], { ...linux, certsTrusted: true })).toEqual(run);
    expect(planDevServer(["--port", "3001"], mac)).toEqual({ ...run, args: [...run.args, "--port", "3001"] });
  });

  test("Linux without a trusted certificate and without sudo: explains, no Excel-on-the-web hint", () => {
    const message = explained(planDevServer([], linux));
    expect(message).toContain("npm run dev-server");
    expect(message).toContain("npm run demo");
    expect(message).toContain("sudo");
    expect(message).not.toContain("Excel on the web");
  });
});

describe("runPlan", () => {
  test("an explanation goes to stderr and gives its exit code", async () => {
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(runPlan({ kind: "explain", exitCode: 1, message: "説明 / explanation" })).resolves.toBe(1);
      expect(write).toHaveBeenCalledWith("説明 / explanation\n");
    } finally {
      write.mockRestore();
    }
  });

  test("a command's exit code is passed on", async () => {
    await expect(runPlan({ kind: "run", command: process.execPath, args: ["-e", "process.exit(3)"] })).resolves.toBe(3);
    await expect(runPlan({ kind: "run", command: process.execPath, args: ["-e", ""] })).resolves.toBe(0);
  });
});

describe("quoteForCmd", () => {
  test("leaves plain arguments, quotes the rest for cmd.exe", () => {
    expect(quoteForCmd("manifest.xml")).toBe("manifest.xml");
    expect(quoteForCmd("--document")).toBe("--document");
    expect(quoteForCmd("https://x.sharepoint.com/a?b=1&c=2")).toBe('"https://x.sharepoint.com/a?b=1&c=2"');
    expect(quoteForCmd('a "b"')).toBe('"a ""b"""');
  });
});
