/**
 * The JSON report is a published contract: docs/report.schema.json is generated from the zod
 * schemas the CLI builds its output with, and the CLI's real output validates against the
 * committed file. A program can render any finding's message from its messageId and data.
 */
import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import * as path from "path";
import { run } from "../src/cli/main";
import { reportJsonSchema, type JsonReport } from "../src/cli/report-schema";
import { ruleById } from "../src/core";
import { formatMessage } from "../src/core/rule";
import { buildReportFile, makeTempDir, removeDir, writeBytes } from "./helpers/xlsx-fixtures";

const ROOT = path.join(__dirname, "..");
const SAMPLE = path.join(ROOT, "samples", "hanamaki-r6.xlsx");
const committed = JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "report.schema.json"), "utf8")) as Record<string, unknown>;

async function jsonOf(argv: string[]): Promise<{ code: number; text: string; report: JsonReport }> {
  let text = "";
  const code = await run(["--format", "json", ...argv], { stdout: { write: (c: string) => (text += c) }, stderr: { write: () => true } });
  return { code, text, report: JSON.parse(text) as JsonReport };
}

describe("the JSON report's schema", () => {
  let dir = "";
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => removeDir(dir));

  // Strict, but a scalar cell value ("string | number | boolean | null") is a union of types by nature.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(committed);
  const expectValid = (report: unknown) => {
    const ok = validate(report);
    if (!ok) throw new Error(`report does not fit docs/report.schema.json: ${ajv.errorsText(validate.errors)}`);
  };

  it("docs/report.schema.json is generated from the zod schemas (run `npm run docs:schema`)", () => {
    expect(committed).toEqual(reportJsonSchema());
  });

  it("the CLI's output on the sample fits the schema, with version, validity and totals", async () => {
    const { code, text, report } = await jsonOf([SAMPLE]);
    expect(code).toBe(1);
    expect(text).toBe(JSON.stringify(report, null, 2) + "\n");
    expectValid(report);
    expect(report.version).toBe("1.0");
    expect(report.valid).toBe(false);
    const [file] = report.files;
    if (!("findings" in file)) throw new Error("the sample was not read");
    expect(file.valid).toBe(false);
    expect(report.stats).toMatchObject({ files: 1, unreadable: 0, errors: file.stats.errors, kpis: 21 });
    expect(file.findings.length).toBeGreaterThan(0);
    for (const finding of file.findings) {
      // Programs need not parse the prose: messageId and data render the message in either language.
      const rule = ruleById(finding.ruleId)!;
      expect(formatMessage(rule.meta.messages[finding.messageId].ja, finding.data, "ja")).toBe(finding.message);
      expect(finding.docs).toBe(`docs/rules/${finding.ruleId}.md`);
      expect(fs.existsSync(path.join(ROOT, finding.docs))).toBe(true);
    }
  });

  it("a clean report is valid; an unreadable file makes the run invalid and says why", async () => {
    const clean = await buildReportFile(dir, "clean.xlsx");
    const broken = writeBytes(dir, "broken.xlsx", "not a zip");
    const { code, report } = await jsonOf([clean, broken]);
    expectValid(report);
    expect(code).toBe(2);
    expect(report.files.map((f) => f.valid)).toEqual([true, false]);
    expect(report.files[1]).toMatchObject({ valid: false, error: { code: expect.any(String) } });
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ files: 2, unreadable: 1, errors: 0 });
  });

  it("files not checked fit the schema: a year the report lacks (with its years), a .xls in a folder", async () => {
    const folder = path.join(dir, "mixed");
    fs.mkdirSync(folder, { recursive: true });
    await buildReportFile(folder, "report.xlsx");
    writeBytes(folder, "old.xls", "x");
    const { code, report } = await jsonOf(["--year", "令和5年度", folder]);
    expectValid(report);
    expect(code).toBe(2);
    expect(report.files.map((f) => ("error" in f ? [f.error.code, f.error.years] : null))).toEqual([
      ["not-xlsx", undefined],
      ["year-not-in-report", [2024, 2025, 2026]],
    ]);
    expect(report.stats).toMatchObject({ files: 2, unreadable: 2 });
  });

  it("a --fix run fits the schema too (what was written, skipped and lost)", async () => {
    const out = path.join(dir, "fixed");
    const { report } = await jsonOf(["--lang", "en", "--fix", "--out", out, SAMPLE]);
    expectValid(report);
    const [file] = report.files;
    if (!("fixed" in file) || !file.fixed) throw new Error("no fix section");
    expect(file.fixed.written).toBeGreaterThan(0);
    expect(fs.existsSync(file.fixed.output)).toBe(true);
  });
});
