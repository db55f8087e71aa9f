/**
 * kpi-check --report: the roll-up's figures are those of the JSON report for the same inputs
 * (recomputed here from the JSON, independently of src/cli/rollup.ts), the HTML page is
 * self-contained and escapes what files hold, the workbook has its four sheets with typed numbers,
 * autofilters and frozen headers, and the path is refused where it would overwrite an input.
 */
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { run } from "../src/cli/main";
import { loadWorkbookWriter } from "../src/cli/rollup-xlsx";
import type { JsonReport } from "../src/cli/report-schema";
import { buildReportWorkbook, makeTempDir, readPart, removeDir, writeBytes } from "./helpers/xlsx-fixtures";

const ROOT = path.join(__dirname, "..");
const SAMPLE = path.join(ROOT, "samples", "hanamaki-r6.xlsx");

/** A file name a hostile sender could choose (legal on Linux and macOS). */
const HOSTILE_NAME = `<img src=x onerror=alert(1)>&"'.xlsx`;
const HOSTILE_TEXT = `</script><script>alert("kpi")</script><a href="https://example.com/x">`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: { write: (c: string) => (stdout += c) }, stderr: { write: (c: string) => (stderr += c) }, cwd });
  return { code, stdout, stderr };
}

type Checked = Extract<JsonReport["files"][number], { findings: unknown }>;

/** The roll-up's figures, recomputed from the JSON report alone. */
function figuresFromJson(report: JsonReport): Record<string, number | null> {
  const checked = report.files.filter((f): f is Checked => "findings" in f);
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  const out: Record<string, number | null> = {
    files: report.files.length,
    unreadable: report.files.length - checked.length,
    withErrors: checked.filter((f) => f.stats.errors > 0).length,
    projects: checked.reduce((s, f) => s + f.stats.projects, 0),
  };
  const kindOf = (kind: string) => {
    const k = kind.normalize("NFKC").toLowerCase();
    return k.includes("アウトプット") || k.includes("output")
      ? "output"
      : k.includes("アウトカム") || k.includes("outcome")
        ? "outcome"
        : "other";
  };
  for (const klass of ["all", "output", "outcome"]) {
    let achieved = 0;
    let unmet = 0;
    let unmeasured = 0;
    let kpis = 0;
    const withKpi = new Set<string>();
    const withAchieved = new Set<string>();
    checked.forEach((f, i) => {
      for (const k of f.kpis) {
        if (klass !== "all" && kindOf(k.kind) !== klass) continue;
        kpis++;
        if (k.outcome === "達成") achieved++;
        if (k.outcome === "未達成") unmet++;
        if (k.outcome === "未計測") unmeasured++;
        withKpi.add(`${i}/${k.project}`);
        if (k.outcome === "達成") withAchieved.add(`${i}/${k.project}`);
      }
    });
    const prefix = klass === "all" ? "" : `${klass}.`;
    Object.assign(out, {
      [`${prefix}kpis`]: kpis,
      [`${prefix}achieved`]: achieved,
      [`${prefix}unmet`]: unmet,
      [`${prefix}unmeasured`]: unmeasured,
      [`${prefix}kpiShare`]: ratio(achieved, achieved + unmet),
      [`${prefix}kpiShareStrict`]: ratio(achieved, achieved + unmet + unmeasured),
      [`${prefix}projectShare`]: ratio(withAchieved.size, withKpi.size),
    });
  }
  return out;
}

/** The page's data-figure values. */
function figuresFromHtml(html: string): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const match of html.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g))
    out[match[1]] = match[2] === "" ? null : Number(match[2]);
  return out;
}

function expectFiguresMatch(html: string, expected: Record<string, number | null>): void {
  const shown = figuresFromHtml(html);
  for (const [name, value] of Object.entries(expected)) {
    if (value === null) expect([name, shown[name]]).toEqual([name, null]);
    else expect([name, shown[name]]).toEqual([name, expect.closeTo(value, 12)]);
  }
}

describe("kpi-check --report", () => {
  let dir = "";
  let inputs = "";
  let json: JsonReport;
  let jsonText = "";

  beforeAll(async () => {
    dir = makeTempDir("kpi-rollup-");
    inputs = path.join(dir, "inputs");
    fs.mkdirSync(inputs);
    fs.copyFileSync(SAMPLE, path.join(inputs, "hanamaki-r6.xlsx"));
    await buildReportWorkbook().xlsx.writeFile(path.join(inputs, "clean.xlsx"));
    const hostile = buildReportWorkbook({ status: "未達成" });
    hostile.getWorksheet("事業1")!.getCell("A16").value = HOSTILE_TEXT;
    await hostile.xlsx.writeFile(path.join(inputs, HOSTILE_NAME));
    writeBytes(inputs, "broken.xlsx", "not a zip");
    const result = await cli(["--format", "json", "inputs"], dir);
    expect(result.code).toBe(2);
    jsonText = result.stdout;
    json = JSON.parse(jsonText) as JsonReport;
  });
  afterAll(() => removeDir(dir));

  it("writes an HTML page whose figures are the JSON report's, leaving stdout as it was", async () => {
    const result = await cli(["--format", "json", "--report", "out/rollup.html", "inputs"], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(jsonText);
    expect(result.stderr).toContain("取りまとめを書き出しました: out/rollup.html");
    const html = fs.readFileSync(path.join(dir, "out", "rollup.html"), "utf8");
    const expected = figuresFromJson(json);
    expect(expected).toMatchObject({ files: 4, unreadable: 1, withErrors: 2, kpis: 23 });
    expectFiguresMatch(html, expected);
    // The sums agree with the JSON's own totals too.
    expect(figuresFromHtml(html)).toMatchObject({
      kpis: json.stats.kpis,
      achieved: json.stats.achieved,
      unmet: json.stats.unmet,
      unmeasured: json.stats.unmeasured,
    });
  });

  it("agrees with --format csv: one KPI row each, the same statuses", async () => {
    const csv = await cli(["--format", "csv", "--lang", "en", "inputs"], dir);
    const rows = csv.stdout
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1);
    // A KPI's row has an empty note (the last column); a file without KPIs has its reason there.
    const kpiRows = rows.filter((r) => r.endsWith(","));
    const checked = json.files.filter((f): f is Checked => "findings" in f);
    expect(kpiRows).toHaveLength(checked.reduce((s, f) => s + f.kpis.length, 0));
    const html = await cli(["--report", "r.html", "inputs"], dir);
    expect(html.code).toBe(2);
    const shown = figuresFromHtml(fs.readFileSync(path.join(dir, "r.html"), "utf8"));
    expect(shown.kpis).toBe(kpiRows.length);
  });

  it("is self-contained: a strict CSP, no URL in src or href, the one script allowed by its hash", () => {
    const html = fs.readFileSync(path.join(dir, "out", "rollup.html"), "utf8");
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    // Text is escaped, so every "<" opens a real tag: no tag has an attribute that loads or links.
    const tags = html.match(/<[a-zA-Z][^>]*>/g)!;
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      const names = tag.replace(/"[^"]*"/g, '""'); // attribute values are escaped: no " inside
      expect(names).not.toMatch(/\s(src|href|action|formaction|srcset|xmlns|background|poster|data|style)\s*=/i);
    }
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0][1], "utf8").digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`style-src 'sha256-${createHash("sha256").update(styles[0][1], "utf8").digest("base64")}'`);
  });

  it("escapes hostile file names and cell texts", () => {
    const html = fs.readFileSync(path.join(dir, "out", "rollup.html"), "utf8");
    expect(html).not.toContain("<img");
    expect(html).not.toContain(HOSTILE_TEXT);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;.xlsx");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(&quot;kpi&quot;)&lt;/script&gt;");
    // The unreadable file is listed with why.
    expect(html).toMatch(/id="failure-table"[\s\S]*broken\.xlsx/);
  });

  it("writes a workbook: 集計, KPI一覧, 指摘一覧, ファイル with typed numbers, autofilters, frozen headers", async () => {
    const result = await cli(["--report", "rollup.xlsx", "inputs"], dir);
    expect(result.code).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "rollup.xlsx"));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["集計", "KPI一覧", "指摘一覧", "ファイル"]);
    const expected = figuresFromJson(json);

    const summary = workbook.getWorksheet("集計")!;
    const valueOf = (label: string) => {
      let found: ExcelJS.CellValue = undefined as unknown as ExcelJS.CellValue;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label && found === undefined) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf("KPI")).toBe(expected.kpis);
    expect(valueOf("報告書")).toBe(expected.files);
    expect(valueOf("エラーのある報告書")).toBe(expected.withErrors);
    expect(valueOf("事業")).toBe(expected.projects);
    expect(valueOf("達成")).toBe(expected.achieved);
    expect(valueOf("KPI達成率")).toBeCloseTo(expected.kpiShare!, 12);
    expect(valueOf("KPIを1つ以上達成した事業の割合")).toBeCloseTo(expected.projectShare!, 12);

    const kpis = workbook.getWorksheet("KPI一覧")!;
    expect(kpis.rowCount).toBe(1 + (expected.kpis as number));
    const header = (kpis.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const target = header.indexOf("目標値") + 1;
    expect(target).toBeGreaterThan(0);
    const targets = Array.from({ length: kpis.rowCount - 1 }, (_, i) => kpis.getRow(i + 2).getCell(target).value);
    expect(targets.filter((v) => typeof v === "number").length).toBeGreaterThan(15);
    expect(kpis.getRow(2).getCell(header.indexOf("報告年度") + 1).value).toBe(2024);

    ["KPI一覧", "指摘一覧", "ファイル"].forEach((name, i) => {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      // Widths as written in the XML (ExcelJS's reader keeps only the first column of a <col> range;
      // a column as wide as the default, 9, is written without one).
      const xml = readPart(path.join(dir, "rollup.xlsx"), `xl/worksheets/sheet${i + 2}.xml`);
      const widths = new Map<number, number>();
      for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g))
        for (let c = Number(m[1]); c <= Number(m[2]); c++) widths.set(c, Number(m[3]));
      for (let c = 1; c <= sheet.columnCount; c++) expect([name, c, (widths.get(c) ?? 9) >= 6]).toEqual([name, c, true]);
      if (name === "KPI一覧") {
        const head = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
        expect(widths.get(head.indexOf("KPI名") + 1)).toBeGreaterThanOrEqual(30);
        expect(widths.get(1)).toBeGreaterThanOrEqual("inputs/hanamaki-r6.xlsx".length);
      }
    });
    const findings = workbook.getWorksheet("指摘一覧")!;
    const checked = json.files.filter((f): f is Checked => "findings" in f);
    expect(findings.rowCount).toBe(1 + checked.reduce((s, f) => s + f.findings.length, 0));
    expect(findings.getRow(2).getCell(2).value).toBe("エラー"); // errors first
    const files = workbook.getWorksheet("ファイル")!;
    expect(files.rowCount).toBe(1 + json.files.length);
    const names = Array.from({ length: json.files.length }, (_, i) => files.getRow(i + 2).getCell(1).value);
    expect(names).toEqual(json.files.map((f) => f.file));
  });

  it("speaks English with --lang en", async () => {
    const result = await cli(["--lang", "en", "--report", "en.html", SAMPLE], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("roll-up written: en.html");
    const html = fs.readFileSync(path.join(dir, "en.html"), "utf8");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("KPIs achieved");
    const workbook = new ExcelJS.Workbook();
    const xlsx = await cli(["--lang", "en", "--report", "en.xlsx", SAMPLE], dir);
    expect(xlsx.code).toBe(1);
    await workbook.xlsx.readFile(path.join(dir, "en.xlsx"));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "KPIs", "Findings", "Files"]);
  });

  it("replaces an existing roll-up, as --fix replaces its copies", async () => {
    fs.writeFileSync(path.join(dir, "old.html"), "old");
    expect((await cli(["--report", "old.html", SAMPLE], dir)).code).toBe(1);
    expect(fs.readFileSync(path.join(dir, "old.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  describe("refuses a path that would overwrite an input (exit 2, naming the path)", () => {
    it("an unknown extension is a usage error", async () => {
      const result = await cli(["--report", "rollup.pdf", SAMPLE], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--report には .html または .xlsx のファイルを指定してください（指定値: rollup.pdf）");
      const en = await cli(["--lang", "en", "--report", "rollup", SAMPLE], dir);
      expect(en.stderr).toContain("--report must name an .html or .xlsx file (got rollup)");
    });

    it("an input file", async () => {
      const before = fs.readFileSync(path.join(inputs, "clean.xlsx"));
      const result = await cli(["--report", "inputs/clean.xlsx", "inputs/clean.xlsx"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("取りまとめの出力先 inputs/clean.xlsx は点検する入力ファイルです");
      expect(fs.readFileSync(path.join(inputs, "clean.xlsx"))).toEqual(before);
      expect(result.stdout).toBe("");
      // Through the folder too.
      const viaFolder = await cli(["--lang", "en", "--report", "inputs/clean.xlsx", "inputs"], dir);
      expect(viaFolder.code).toBe(2);
      expect(viaFolder.stderr).toContain("the roll-up inputs/clean.xlsx is one of the input files");
    });

    it("an input file under another name: a symbolic link or a hard link to it", async () => {
      const before = fs.readFileSync(path.join(inputs, "clean.xlsx"));
      fs.symlinkSync(path.join(inputs, "clean.xlsx"), path.join(dir, "symlink.html"));
      fs.linkSync(path.join(inputs, "clean.xlsx"), path.join(dir, "hardlink.html"));
      try {
        for (const name of ["symlink.html", "hardlink.html"]) {
          const result = await cli(["--report", name, "inputs"], dir);
          expect([name, result.code]).toEqual([name, 2]);
          expect(result.stderr).toContain(`取りまとめの出力先 ${name} は点検する入力ファイルです`);
        }
        expect(fs.readFileSync(path.join(inputs, "clean.xlsx"))).toEqual(before);
      } finally {
        fs.rmSync(path.join(dir, "symlink.html"));
        fs.rmSync(path.join(dir, "hardlink.html"));
      }
    });

    it("a workbook inside an input folder (the next run would check it); a page there is fine", async () => {
      const result = await cli(["--report", "inputs/sub/rollup.xlsx", "inputs"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("取りまとめの出力先 inputs/sub/rollup.xlsx は入力フォルダ inputs の中にあり");
      expect(fs.existsSync(path.join(inputs, "sub"))).toBe(false);
      // With --no-recursive a subfolder is not read: a workbook there is fine.
      const flat = await cli(["--no-recursive", "--report", "inputs/sub/rollup.xlsx", "inputs"], dir);
      expect(flat.code).toBe(2); // broken.xlsx
      expect(flat.stderr).toContain("取りまとめを書き出しました: inputs/sub/rollup.xlsx");
      fs.rmSync(path.join(inputs, "sub"), { recursive: true });
      const page = await cli(["--report", "inputs/rollup.html", SAMPLE], dir);
      expect(page.code).toBe(1);
      fs.rmSync(path.join(inputs, "rollup.html"));
    });

    it("a fixed copy, and a folder", async () => {
      const result = await cli(["--fix", "--out", "fixed", "--report", "fixed/clean.xlsx", "inputs/clean.xlsx"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--fix で修正したコピーの保存先と同じです");
      fs.mkdirSync(path.join(dir, "folder.html"));
      const folder = await cli(["--report", "folder.html", SAMPLE], dir);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain("取りまとめの出力先 folder.html はフォルダです");
    });
  });

  it("writes workbooks with ExcelJS's own streaming writer (loaded by itself, not through the package's entry)", async () => {
    expect(await loadWorkbookWriter()).toBe(ExcelJS.stream.xlsx.WorkbookWriter);
  });

  it.each(["html", "xlsx"])("says so when the %s roll-up cannot be written, and leaves nothing behind", async (kind) => {
    // The roll-up is written under a temporary name first; a folder in its place makes that write fail.
    const blocker = path.join(dir, `blocked.${kind}.${process.pid}.tmp`);
    fs.mkdirSync(blocker);
    try {
      const result = await cli(["--report", `blocked.${kind}`, SAMPLE], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`取りまとめ blocked.${kind} を書き出せません（EISDIR）`);
      expect(result.stdout).toContain("hanamaki-r6.xlsx"); // the check itself was reported
      expect(fs.existsSync(path.join(dir, `blocked.${kind}`))).toBe(false);
      expect(fs.readdirSync(blocker)).toEqual([]);
    } finally {
      fs.rmSync(blocker, { recursive: true, force: true });
    }
  });
});
