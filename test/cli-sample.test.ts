/**
 * The CLI on the bundled sample (samples/hanamaki-r6.xlsx, the seed transcribed), checked through
 * `--format json`. What the seed must produce — every finding (rule id, sheet, cell, project, KPI),
 * the counts per rule, and what remains after --fix — is data, samples/data/hanamaki-r6.expected.json,
 * reviewed like the sample itself; the cases below also check what the data cannot say (messages,
 * statuses, the 記入例 rows).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "./helpers/cli-run";
import { loadXlsx } from "../src/node/xlsx";
import { makeTempDir, removeDir } from "./helpers/xlsx-fixtures";

const SAMPLE = path.join(__dirname, "..", "samples", "hanamaki-r6.xlsx");

interface ExpectedFinding {
  ruleId: string;
  sheet: string;
  cell: string;
  project: number | null;
  kpi: number | null;
}
interface Expected {
  file: string;
  reportingYear: number;
  rate: string;
  kpis: number;
  /** Findings per rule id, for the rules the seed is known for (0: none). */
  counts: Record<string, number>;
  findings: ExpectedFinding[];
  afterFix: { counts: Record<string, number>; findings: ExpectedFinding[] };
}
const EXPECTED = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "samples", "data", "hanamaki-r6.expected.json"), "utf8"),
) as Expected;

const brief = (f: ExpectedFinding): ExpectedFinding => ({ ruleId: f.ruleId, sheet: f.sheet, cell: f.cell, project: f.project, kpi: f.kpi });
const countOf = (findings: ExpectedFinding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;

interface JsonFinding {
  ruleId: string;
  severity: string;
  sheet: string;
  cell: string;
  message: string;
  fixable: boolean;
  project: number | null;
  kpi: number | null;
  fix?: unknown[];
}
interface JsonFile {
  file: string;
  reportingYear: number;
  rate: string;
  findings: JsonFinding[];
  stats: Record<string, number>;
  kpis: { project: number; kpi: number; target: string; actual: string; status: string; computedStatus: string | null }[];
  fixed?: { output: string; written: number; skipped: unknown[] };
}

let dir: string;
beforeAll(() => {
  dir = makeTempDir("kpi-sample-");
});
afterAll(() => removeDir(dir));

const cli = (args: string[]) => runCli(args, { cwd: dir });

describe("kpi-check on the sample (Y = 2024, rate 1/2)", () => {
  let file: JsonFile;
  let code: number;
  const of = (ruleId: string) => file.findings.filter((f) => f.ruleId === ruleId);

  beforeAll(async () => {
    const result = await cli(["--format", "json", "--year", "2024", "--rate", "1/2", SAMPLE]);
    code = result.code;
    expect(result.err).toBe("");
    const doc = JSON.parse(result.out) as { files: JsonFile[] };
    expect(doc.files).toHaveLength(1);
    file = doc.files[0];
  });

  it("reads the year and rate it was given", () => {
    expect(file.reportingYear).toBe(2024);
    expect(file.rate).toBe("1/2");
    expect([EXPECTED.file, EXPECTED.reportingYear, EXPECTED.rate]).toEqual(["samples/hanamaki-r6.xlsx", 2024, "1/2"]);
  });

  it("reports exactly the expected findings, in order (samples/data/hanamaki-r6.expected.json)", () => {
    expect(file.findings.map(brief)).toEqual(EXPECTED.findings);
  });

  it("reports the expected number of findings of each rule", () => {
    // The counts agree with the list they summarize, so the data cannot contradict itself.
    for (const [ruleId, count] of Object.entries(EXPECTED.counts)) {
      expect([ruleId, countOf(EXPECTED.findings, ruleId)]).toEqual([ruleId, count]);
      expect([ruleId, of(ruleId).length]).toEqual([ruleId, count]);
    }
  });

  it("finds the city's arithmetic right: no grant-rate, total-mismatch or amount-not-number", () => {
    expect(of("grant-rate")).toEqual([]);
    expect(of("total-mismatch")).toEqual([]);
    expect(of("amount-not-number")).toEqual([]);
  });

  it("finds every status right, including (2) KPI④ and the three 未計測 of (5)", () => {
    expect(of("status")).toEqual([]);
    const kpi4 = file.kpis.find((k) => k.project === 2 && k.kpi === 4)!;
    expect(kpi4).toEqual(expect.objectContaining({ target: "-5", actual: "-10", status: "達成", computedStatus: "達成" }));
    const unmeasured = file.kpis.filter((k) => k.project === 5 && k.status === "未計測");
    expect(unmeasured).toHaveLength(3);
    expect(unmeasured.every((k) => k.computedStatus === "未計測")).toBe(true);
  });

  it("project-name-mismatch on (5) only", () => {
    expect(of("project-name-mismatch").map((f) => f.project)).toEqual([5]);
    expect(of("project-name-mismatch")[0].message).toContain("統合型公務支援システム導入");
    expect(of("project-name-mismatch")[0].message).toContain("統合型校務支援システム導入");
  });

  it("kpi-list-mismatch on (3), (4) and (5), not on (1) or (2)", () => {
    const projects = of("kpi-list-mismatch").map((f) => f.project);
    expect([...new Set(projects)].sort()).toEqual([3, 4, 5]);
    const message = (project: number) => of("kpi-list-mismatch").find((f) => f.project === project)!.message;
    expect(message(3)).toContain("手続数");
    expect(message(3)).toContain("手続き数");
    expect(message(5)).toContain("出勤日");
    expect(message(5)).toContain("出動日");
  });

  it("baseline-pair on each block of (3)", () => {
    const onThree = of("baseline-pair").filter((f) => f.project === 3);
    expect(onThree.map((f) => f.kpi).sort()).toEqual([1, 2, 3]);
    expect(onThree.every((f) => f.severity === "error")).toBe(true);
  });

  it("unmeasured-timing on (2) KPI③ and (5) KPI③, not on (5) KPI① or KPI②", () => {
    const pairs = of("unmeasured-timing").map((f) => `${f.project}-${f.kpi}`);
    expect(pairs).toEqual(expect.arrayContaining(["2-3", "5-3"]));
    expect(pairs).not.toContain("5-1");
    expect(pairs).not.toContain("5-2");
  });

  it("char-count on (4) KPI②'s 未達成 field (112字 against an empty text), among others", () => {
    const kpi2 = of("char-count").filter((f) => f.project === 4 && f.kpi === 2);
    expect(kpi2.some((f) => f.message.includes("112字"))).toBe(true);
    expect(of("char-count").length).toBeGreaterThan(1);
    expect(of("char-count").every((f) => f.severity === "info" && f.fixable)).toBe(true);
  });

  it("nothing on the 記入例 rows", async () => {
    const { data } = await loadXlsx(SAMPLE);
    const exampleRows = new Map<string, Set<number>>();
    for (const sheet of data.sheets) {
      const originRow = Number(/\d+$/.exec(sheet.origin ?? "A1")![0]);
      sheet.values.forEach((row, r) => {
        if (row.some((v) => typeof v === "string" && v.includes("記入例"))) {
          if (!exampleRows.has(sheet.name)) exampleRows.set(sheet.name, new Set());
          exampleRows.get(sheet.name)!.add(originRow + r);
        }
      });
    }
    expect(exampleRows.size).toBeGreaterThan(0);
    const onExamples = file.findings.filter((f) => exampleRows.get(f.sheet)?.has(Number(/\d+$/.exec(f.cell)![0])));
    expect(onExamples).toEqual([]);
  });

  it("exits 1: the sample has errors", () => {
    expect(code).toBe(1);
    expect(file.stats.errors).toBeGreaterThan(0);
    expect(file.stats.kpis).toBe(21);
    expect(file.kpis).toHaveLength(21);
    expect(EXPECTED.kpis).toBe(21);
  });

  it("checks the bundled sample when no file is given", async () => {
    const { code: defaultCode, out } = await cli(["--format", "json"]);
    expect(defaultCode).toBe(1);
    const doc = JSON.parse(out) as { files: JsonFile[] };
    expect(path.resolve(dir, doc.files[0].file)).toBe(SAMPLE);
    expect(doc.files[0].findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`)).toEqual(
      file.findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`),
    );
  });
});

describe("kpi-check --fix on the sample", () => {
  it("writes the fixable cells into a copy, and only the unfixable findings remain", async () => {
    const hash = () => crypto.createHash("sha256").update(fs.readFileSync(SAMPLE)).digest("hex");
    const before = hash();
    const { code, out, err } = await cli(["--fix", "--out", "fixed", "--format", "json", SAMPLE]);
    expect(err).toBe("");
    expect(hash()).toBe(before);
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect(file.fixed!.output).toBe(path.join("fixed", "hanamaki-r6.xlsx"));
    expect(file.fixed!.written).toBeGreaterThan(0);
    expect(file.fixed!.skipped).toEqual([]);
    expect(file.findings.filter((f) => f.fixable)).toEqual([]);
    expect(file.findings.filter((f) => f.ruleId === "char-count")).toEqual([]);
    expect(file.findings.filter((f) => f.ruleId === "baseline-pair")).toHaveLength(3);
    expect(code).toBe(1); // the baseline rows of (3) cannot be fixed automatically
    expect(file.findings.map(brief)).toEqual(EXPECTED.afterFix.findings);
    for (const [ruleId, count] of Object.entries(EXPECTED.afterFix.counts)) {
      expect([ruleId, countOf(EXPECTED.afterFix.findings, ruleId)]).toEqual([ruleId, count]);
      expect([ruleId, countOf(file.findings, ruleId)]).toEqual([ruleId, count]);
    }

    // Checking the copy again gives the same remaining findings.
    const again = await cli(["--format", "json", "--year", "2024", path.join("fixed", "hanamaki-r6.xlsx")]);
    const [copy] = (JSON.parse(again.out) as { files: JsonFile[] }).files;
    expect(copy.findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`)).toEqual(
      file.findings.map((f) => `${f.ruleId}@${f.sheet}!${f.cell}`),
    );
  });
});
