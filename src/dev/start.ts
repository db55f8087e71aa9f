/**
 * `npm start` and `npm run dev-server` (scripts/start.ts, scripts/dev-server.ts): look at this
 * machine first, then hand over to office-addin-debugging / webpack serve, or say in Japanese and
 * English why not and what to do instead (sideload by hand: docs/deploy.md; or the browser demo:
 * `npm run demo`), with a non-zero exit and no stack trace.
 *
 *   npm start            desktop Excel: Windows or a Mac where Excel is installed
 *   npm start -- web --document <URL>   Excel on the web: any OS
 *   npm run dev-server   https://localhost:3000 (webpack serve): needs the development certificate,
 *                        or the rights to install it (office-addin-dev-certs asks for them)
 *
 * The decisions (planStart, planDevServer) are pure functions of the facts gathered by
 * gatherFacts(), so test/start.test.ts checks them for every platform on any machine.
 * KPI_START_NO_CHECK=1 skips the checks (e.g. Excel installed where findExcel does not look).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = "manifest.xml";

/** What the decisions depend on. */
export interface StartFacts {
  platform: NodeJS.Platform;
  /** Desktop Excel was found (always false outside Windows and macOS). */
  excel: boolean;
  /** The localhost development certificate exists and its CA is trusted. */
  certsTrusted: boolean;
  /**
   * Whether office-addin-dev-certs can install its CA here when it is not trusted yet: it runs
   * `sudo` on Linux (so not without sudo); Windows and macOS ask the user themselves.
   */
  canInstallCerts: boolean;
}

export type Plan = { kind: "run"; command: string; args: string[] } | { kind: "explain"; exitCode: number; message: string };

/** Where office-addin-debugging would start the add-in: the platform argument of `npm start -- <platform>`. */
export function startTarget(args: readonly string[]): string {
  const first = args[0];
  return first !== undefined && !first.startsWith("-") ? first : "desktop";
}

const DESKTOP_TARGETS: Record<string, NodeJS.Platform | null> = { desktop: null, win32: "win32", macos: "darwin" };

function osName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "Windows" : platform === "darwin" ? "macOS" : platform;
}

const ALTERNATIVES_JA = [
  "  代わりに次の方法があります:",
  "  - ブラウザ版デモ（Excel も証明書も不要）: npm run demo → http://127.0.0.1:3100/",
  '  - Excel on the web: npm start -- web --document "<OneDrive / SharePoint 上のブックの URL>"',
  "  - 手動でのサイドロード（別の PC の Excel、共有フォルダー カタログなど）: docs/deploy.md「1. 開発用の読み込み」",
];
const ALTERNATIVES_EN = [
  "  Instead:",
  "  - the browser demo (no Excel, no certificate): npm run demo → http://127.0.0.1:3100/",
  '  - Excel on the web: npm start -- web --document "<URL of a workbook in OneDrive or SharePoint>"',
  '  - sideload by hand (Excel on another PC, a shared folder catalog, …): docs/deploy.md, "1. Sideloading for development"',
];

function certMessage(command: string, platform: NodeJS.Platform): string {
  return [
    `${command}: 開発用の証明書（https://localhost:3000 用）がまだ信頼されておらず、このPCでは自動でインストールできません` +
      `（${osName(platform)}: インストールには sudo が必要ですが、見つかりません）。`,
    "  sudo を使えるユーザーで npx office-addin-dev-certs install を実行してから、もう一度実行してください。",
    ...ALTERNATIVES_JA.filter((line) => !line.includes("Excel on the web")),
    "",
    `${command}: the development certificate for https://localhost:3000 is not trusted yet and cannot be installed here ` +
      `(${osName(platform)}: installing it runs sudo, which is not available).`,
    "  Run npx office-addin-dev-certs install as a user who can use sudo, then try again.",
    ...ALTERNATIVES_EN.filter((line) => !line.includes("Excel on the web")),
  ].join("\n");
}

function certsBlock(facts: StartFacts): boolean {
  return !facts.certsTrusted && !facts.canInstallCerts;
}

/** What `npm start [-- args]` does on a machine with these facts. */
export function planStart(args: readonly string[], facts: StartFacts): Plan {
  const target = startTarget(args);
  if (target in DESKTOP_TARGETS) {
    const wanted = DESKTOP_TARGETS[target];
    const desktopOs = facts.platform === "win32" || facts.platform === "darwin";
    if (!desktopOs || (wanted !== null && wanted !== facts.platform)) {
      const where = wanted === null ? "Windows / Mac" : osName(wanted);
      return {
        kind: "explain",
        exitCode: 1,
        message: [
          `npm start: このPC（${osName(facts.platform)}）ではデスクトップ版 Excel でアドインを起動できません。` +
            `npm start が Excel を開けるのは ${where} で、Excel がインストールされている場合だけです。`,
          ...ALTERNATIVES_JA,
          "",
          `npm start: the add-in cannot be started in desktop Excel on this machine (${osName(facts.platform)}). ` +
            `npm start opens Excel only on ${where}, where Excel is installed.`,
          ...ALTERNATIVES_EN,
        ].join("\n"),
      };
    }
    if (!facts.excel) {
      return {
        kind: "explain",
        exitCode: 1,
        message: [
          "npm start: デスクトップ版 Excel が見つかりません。Microsoft 365 Apps または Office 2021 以降の Excel をインストールしてください。",
          "  インストール済みなのにこの表示が出る場合は KPI_START_NO_CHECK=1 を付けて実行してください。",
          ...ALTERNATIVES_JA,
          "",
          "npm start: desktop Excel was not found. Install Excel (Microsoft 365 Apps or Office 2021 or later).",
          "  If it is installed, run with KPI_START_NO_CHECK=1 to skip this check.",
          ...ALTERNATIVES_EN,
        ].join("\n"),
      };
    }
  }
  if (target === "web" && !args.some((arg) => arg === "--document" || arg === "-d" || arg.startsWith("--document="))) {
    return {
      kind: "explain",
      exitCode: 1,
      message: [
        "npm start -- web: ブックの URL を --document で指定してください。",
        '  例: npm start -- web --document "https://contoso.sharepoint.com/:x:/r/sites/kpi/report.xlsx"',
        "",
        "npm start -- web: give the workbook's URL with --document.",
        '  e.g. npm start -- web --document "https://contoso.sharepoint.com/:x:/r/sites/kpi/report.xlsx"',
      ].join("\n"),
    };
  }
  if (certsBlock(facts)) return { kind: "explain", exitCode: 1, message: certMessage("npm start", facts.platform) };
  return { kind: "run", command: "office-addin-debugging", args: ["start", MANIFEST, ...args] };
}

/** What `npm run dev-server [-- args]` does on a machine with these facts. */
export function planDevServer(args: readonly string[], facts: StartFacts): Plan {
  if (certsBlock(facts)) return { kind: "explain", exitCode: 1, message: certMessage("npm run dev-server", facts.platform) };
  return { kind: "run", command: "webpack", args: ["serve", "--mode", "development", ...args] };
}

// ───────────────────────────── facts of this machine ─────────────────────────────

/** Whether a command is on PATH (without running it). */
function onPath(command: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
  const extensions = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  return dirs.some((dir) => extensions.some((ext) => fs.existsSync(path.join(dir, command + ext))));
}

/** Desktop Excel's usual install locations (Windows, macOS); false elsewhere. */
function findExcel(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  if (platform === "darwin") {
    return ["/Applications/Microsoft Excel.app", path.join(os.homedir(), "Applications", "Microsoft Excel.app")].some((p) =>
      fs.existsSync(p),
    );
  }
  if (platform !== "win32") return false;
  const bases = [env.ProgramFiles, env["ProgramFiles(x86)"], env.ProgramW6432].filter((b): b is string => Boolean(b));
  const candidates = bases.flatMap((base) =>
    ["root\\Office16", "Office16", "root\\Office15", "Office15"].map((dir) => path.win32.join(base, "Microsoft Office", dir, "EXCEL.EXE")),
  );
  if (candidates.some((p) => fs.existsSync(p))) return true;
  // Click-to-Run and MSI installs both register Excel under App Paths.
  const reg = spawnSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe", "/ve"], {
    stdio: "ignore",
    windowsHide: true,
  });
  return reg.status === 0;
}

/** Whether office-addin-dev-certs finds its localhost certificate and trusts its CA. */
function certificatesTrusted(): boolean {
  try {
    // Loaded only here: it is slow to load and runs shell commands.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const certs = require("office-addin-dev-certs") as { verifyCertificates(): boolean };
    return certs.verifyCertificates();
  } catch {
    return false;
  }
}

/** The facts of this machine; `needs` limits the (slow) look-ups to what the plan reads. */
function gatherFacts(needs: { excel: boolean }): StartFacts {
  const platform = process.platform;
  const excel = needs.excel && findExcel(platform);
  return {
    platform,
    excel,
    certsTrusted: certificatesTrusted(),
    canInstallCerts: platform !== "linux" || onPath("sudo"),
  };
}

// ───────────────────────────── running ─────────────────────────────

function noCheck(env: NodeJS.ProcessEnv): boolean {
  const v = env.KPI_START_NO_CHECK ?? "";
  return v === "1" || v.toLowerCase() === "true";
}

/** An argument for cmd.exe: as it is when plain, else in double quotes (inner ones doubled). */
export function quoteForCmd(arg: string): string {
  return /^[\w.:/\\=-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`;
}

/** Runs a plan: prints the explanation and returns its exit code, or runs the command and returns its exit code. */
export function runPlan(plan: Plan): Promise<number> {
  if (plan.kind === "explain") {
    process.stderr.write(`${plan.message}\n`);
    return Promise.resolve(plan.exitCode);
  }
  return new Promise((resolve) => {
    // The command comes from node_modules/.bin (npm run puts it on PATH). On Windows that is a .cmd shim,
    // which only a shell runs: quote the arguments for cmd.exe (a --document URL may hold & or spaces).
    const windows = process.platform === "win32";
    const args = windows ? plan.args.map(quoteForCmd) : plan.args;
    const child = spawn(plan.command, args, { cwd: ROOT, stdio: "inherit", shell: windows });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      process.stderr.write(`${plan.command}: ${error.message}\n`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** `npm start`: the plan for this machine (no checks with KPI_START_NO_CHECK=1). */
export function startPlan(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Plan {
  if (noCheck(env)) return { kind: "run", command: "office-addin-debugging", args: ["start", MANIFEST, ...args] };
  const target = startTarget(args);
  return planStart(args, gatherFacts({ excel: target in DESKTOP_TARGETS }));
}

/** `npm run dev-server`: the plan for this machine (no checks with KPI_START_NO_CHECK=1). */
export function devServerPlan(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Plan {
  if (noCheck(env)) return { kind: "run", command: "webpack", args: ["serve", "--mode", "development", ...args] };
  return planDevServer(args, gatherFacts({ excel: false }));
}
