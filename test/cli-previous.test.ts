/**
 * --previous: the sample as last year's report and an edited copy of it as this year's (a target
 * changed, a 2024 actual changed, a KPI deleted), checked in-process; FILE and DIR pairing.
 */
import * as fs from "fs";
import * as path from "path";
import { runCli } from "./helpers/cli-run";
import { buildHanamaki, fixedTimeXlsx, loadReport, HANAMAKI_FILE, SAMPLES_DIR } from "../src/fixtures/samples";
import { makeTempDir, removeDir } from "./helpers/xlsx-fixtures";

const SAMPLE = path.join(SAMPLES_DIR, HANAMAKI_FILE);
const COMPARISON_RULES = ["plan-value-changed", "previous-value-changed", "kpi-added", "kpi-removed"];

let dir: string;
beforeAll(async () => {
  dir = makeTempDir("kpi-previous-");
  const data = loadReport();
  data.sections[0].kpis[1].years[1].target = 470; // (1) KPI② 2025 target: 460 -> 470
  data.sections[1].kpis[1].years[0].actual = 2671; // (2) KPI② 2024 actual: 2617 -> 2671
  data.sections[3].kpis.splice(3, 1); // (4) KPI④ deleted
  const edited = await fixedTimeXlsx(buildHanamaki(data));
  fs.mkdirSync(path.join(dir, "now"));
  fs.writeFileSync(path.join(dir, "now", HANAMAKI_FILE), edited); // pairs with the sample by name
  fs.writeFileSync(path.join(dir, "now", "renamed.xlsx"), edited); // pairs by project names
  fs.copyFileSync(path.join(SAMPLES_DIR, "template-blank.xlsx"), path.join(dir, "now", "blank.xlsx")); // pairs with none
  fs.mkdirSync(path.join(dir, "last"));
  fs.copyFileSync(SAMPLE, path.join(dir, "last", HANAMAKI_FILE));
  fs.copyFileSync(SAMPLE, path.join(dir, "last", "hanamaki-r6-copy-for-renamed.xlsx"));
});
afterAll(() => removeDir(dir));

const cli = (args: string[]) => runCli(args, { cwd: dir });

interface JsonFile {
  file: string;
  previous?: { file: string; pairedBy: string } | null;
  findings: {
    ruleId: string;
    sheet: string;
    cell: string;
    messageId: string;
    message: string;
    project: number | null;
    kpi: number | null;
  }[];
}

const comparisonFindings = (file: JsonFile) =>
  file.findings
    .filter((f) => COMPARISON_RULES.includes(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, at: `${f.sheet}!${f.cell}`, project: f.project, kpi: f.kpi, message: f.message }));

const EXPECTED = [
  {
    ruleId: "plan-value-changed",
    at: "事業1!E31",
    project: 1,
    kpi: 2,
    message:
      "(1) KPI②の2025年度末 目標値が前年度の報告書と異なります: 前年度「460」→ 今年度「470」（実施計画書を変更していなければ、前年度と同じに記入します）",
  },
  {
    ruleId: "previous-value-changed",
    at: "事業2!F29",
    project: 2,
    kpi: 2,
    message:
      "(2) KPI②の2024年度末 実績値が前年度の報告書と異なります: 前年度「2617」→ 今年度「2671」（報告済みの値です。誤りを訂正した場合を除き、前年度と同じに記入します）",
  },
  {
    ruleId: "kpi-removed",
    at: "事業4!A1",
    project: 4,
    kpi: null,
    message:
      "前年度の報告書にあった(4) KPI④「解決に向けて方向性が見出せるようになった児童の割合」が事業4にありません（実施計画書を変更していなければ、前年度と同じKPIを報告します）",
  },
];

describe("kpi-check --previous", () => {
  it("FILE: the three edits and nothing else, and the JSON names the file compared with", async () => {
    const { code, out, err } = await cli([path.join("now", HANAMAKI_FILE), "--previous", SAMPLE, "--format", "json"]);
    expect(err).toBe("");
    expect(code).toBe(1); // the sample's own errors (baseline-pair)
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect(file.previous).toEqual({ file: SAMPLE, pairedBy: "given" });
    expect(comparisonFindings(file)).toEqual(EXPECTED);
  });

  it("the sample compared with itself: no comparison finding", async () => {
    const { out } = await cli([SAMPLE, "--previous", SAMPLE, "--format", "json"]);
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect(file.previous).toEqual({ file: SAMPLE, pairedBy: "given" });
    expect(comparisonFindings(file)).toEqual([]);
  });

  it("without --previous: no comparison, and no `previous` in the JSON", async () => {
    const { out } = await cli([path.join("now", HANAMAKI_FILE), "--format", "json"]);
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect("previous" in file).toBe(false);
    expect(comparisonFindings(file)).toEqual([]);
  });

  it("DIR: by file name, else by project names, else none; each said in the JSON", async () => {
    const { out, err } = await cli(["now", "--previous", "last", "--format", "json"]);
    expect(err).toBe("");
    const files = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect(files.map((f) => [f.file, f.previous])).toEqual([
      [path.join("now", "blank.xlsx"), null],
      [path.join("now", HANAMAKI_FILE), { file: path.join("last", HANAMAKI_FILE), pairedBy: "name" }],
      [path.join("now", "renamed.xlsx"), { file: path.join("last", "hanamaki-r6-copy-for-renamed.xlsx"), pairedBy: "projects" }],
    ]);
    expect(comparisonFindings(files[0])).toEqual([]);
    expect(comparisonFindings(files[1])).toEqual(EXPECTED);
    expect(comparisonFindings(files[2])).toEqual(EXPECTED);
  });

  it("DIR: the text output says which file was compared with, or that none was", async () => {
    const { out } = await cli(["now", "--previous", "last"]);
    expect(out).toContain(path.join("now", "blank.xlsx"));
    expect(out).toContain("前年度の報告書: 対応するファイルがないため比較していません");
    expect(out).toContain(`前年度の報告書: ${path.join("last", HANAMAKI_FILE)}（同じファイル名）`);
    expect(out).toContain(`前年度の報告書: ${path.join("last", "hanamaki-r6-copy-for-renamed.xlsx")}（事業名が一致）`);
    const en = await cli([path.join("now", HANAMAKI_FILE), "--previous", SAMPLE, "--lang", "en"]);
    expect(en.out).toContain(`last year's report: ${SAMPLE}\n`);
    expect(en.out).toMatch(/warning +E31 +plan-value-changed/);
  });

  it("usage errors exit 2: a path that is not there, an empty one, a folder without .xlsx", async () => {
    const missing = await cli([SAMPLE, "--previous", "no-such-file.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.out).toBe("");
    expect(missing.err).toBe("kpi-check: --previous に指定した no-such-file.xlsx が見つかりません\n");
    const empty = await cli([SAMPLE, "--previous", " ", "--lang", "en"]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("kpi-check: --previous must name last year's report, a file or a folder (got  )");
    const noValue = await cli([SAMPLE, "--previous"]);
    expect(noValue.code).toBe(2);
    expect(noValue.err).toContain("オプション --previous には値が必要です");
    fs.mkdirSync(path.join(dir, "empty"), { recursive: true });
    const folder = await cli([SAMPLE, "--previous", "empty"]);
    expect(folder.code).toBe(2);
    expect(folder.err).toBe("kpi-check: --previous に指定したフォルダ empty に .xlsx ファイルがありません\n");
  });

  it("an unreadable previous FILE is a clear error, exit 2; --fix keeps the comparison", async () => {
    fs.writeFileSync(path.join(dir, "not-a-workbook.xlsx"), "hello");
    const bad = await cli([SAMPLE, "--previous", "not-a-workbook.xlsx"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/^kpi-check: 前年度の報告書 not-a-workbook\.xlsx を読み込めません: /);
    const fixed = await cli([path.join("now", HANAMAKI_FILE), "--previous", SAMPLE, "--fix", "--out", "fixed", "--format", "json"]);
    const [file] = (JSON.parse(fixed.out) as { files: JsonFile[] }).files;
    expect(file.previous).toEqual({ file: SAMPLE, pairedBy: "given" });
    expect(comparisonFindings(file)).toEqual(EXPECTED);
  });
});
