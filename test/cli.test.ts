import * as fs from "fs";
import * as path from "path";
import { runCli, type CliOutcome } from "./helpers/cli-run";
import { csvField, displayWidth } from "../src/cli/render";
import { isWorkbookName, otherSpreadsheetType } from "../src/cli/inputs";
import * as ExcelJS from "exceljs";
import { buildReportFile, buildReportWorkbook, makeTempDir, oleFile, patchXlsx, removeDir, writeBytes } from "./helpers/xlsx-fixtures";

let dir: string;
beforeAll(() => {
  dir = makeTempDir("kpi-cli-");
});
afterAll(() => removeDir(dir));

type Outcome = CliOutcome;

function cli(args: string[], options: { isTTY?: boolean; env?: Record<string, string> } = {}): Promise<Outcome> {
  return runCli(args, { ...options, cwd: dir });
}

function expectUsageError(outcome: Outcome, message: string | RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.out).toBe("");
  expect(outcome.err).toEqual(expect.stringContaining("kpi-check: "));
  if (typeof message === "string") expect(outcome.err).toContain(message);
  else expect(outcome.err).toMatch(message);
  expect(outcome.err).not.toMatch(/\n\s+at /); // no stack trace
}

describe("usage errors exit 2 with a message", () => {
  it("an unknown option", async () => {
    const outcome = await cli(["--bogus", "a.xlsx"]);
    expectUsageError(outcome, "kpi-check: 不明なオプションです: --bogus");
    expect(outcome.err).toContain("使い方は kpi-check --help を参照してください");
  });

  it("an unknown short option, in English with --lang en", async () => {
    expectUsageError(await cli(["-x", "--lang", "en"]), "kpi-check: unknown option: -x");
    expectUsageError(await cli(["--lang=en", "--nope"]), "unknown option: --nope");
  });

  it("an option without its value, or a flag with one", async () => {
    expectUsageError(await cli(["--format"]), "オプション --format には値が必要です");
    expectUsageError(await cli(["--format", "--fix"]), "オプション --format には値が必要です");
    expectUsageError(await cli(["--fix=yes", "--out", "o"]), "オプション --fix に値は指定できません");
  });

  it("a bad --format or --lang", async () => {
    expectUsageError(await cli(["--format", "xml"]), "--format には text, json, csv のいずれかを指定してください（指定値: xml）");
    expectUsageError(await cli(["--lang", "fr"]), "--lang には ja または en を指定してください");
  });

  it("a bad --rate", async () => {
    for (const rate of ["abc", "1/0", "3/2", "0.5", ""]) {
      expectUsageError(await cli(["--rate", rate]), `--rate には補助率を分数で指定してください（例: 1/2, 2/3, 3/4、指定値: ${rate}）`);
    }
    expectUsageError(await cli(["--rate", "half", "--lang", "en"]), "--rate must be a fraction such as 1/2, 2/3 or 3/4 (got half)");
  });

  it("a bad --year", async () => {
    for (const year of ["24", "R99", "20245", "1800", "平成30", ""])
      expectUsageError(
        await cli(["--year", year]),
        `--year には報告年度を指定してください（例: 2024、R6、令和6年度、FY2024、指定値: ${year}）`,
      );
    expectUsageError(
      await cli(["--year", "H30", "--lang", "en"]),
      "--year must be a fiscal year such as 2024, R6, 令和6年度 or FY2024 (got H30)",
    );
  });

  it("--fix without --out, and --out without --fix", async () => {
    expectUsageError(await cli(["--fix", "a.xlsx"]), "--fix には出力先のフォルダ --out DIR が必要です");
    expectUsageError(await cli(["--fix", "--lang", "en"]), "--fix needs an output folder, --out DIR");
    expectUsageError(await cli(["--out", "o", "a.xlsx"]), "--out は --fix と一緒に指定してください");
  });

  describe("--out that would overwrite an input", () => {
    let input: string;
    let bytes: Buffer;
    beforeAll(async () => {
      fs.mkdirSync(path.join(dir, "in"), { recursive: true });
      input = await buildReportFile(path.join(dir, "in"), "report.xlsx", { status: "未達成" });
      bytes = fs.readFileSync(input);
    });
    afterEach(() => {
      expect(fs.readFileSync(input).equals(bytes)).toBe(true); // never touched
    });

    it("the input's own folder", async () => {
      expectUsageError(
        await cli(["--fix", "--out", "in", "in/report.xlsx"]),
        "出力先 in に保存すると入力ファイル in/report.xlsx を上書きしてしまいます。別のフォルダを指定してください",
      );
    });

    it("the same folder spelled differently, or absolute", async () => {
      expectUsageError(await cli(["--fix", "--out", "./in/../in/", "in/report.xlsx"]), "上書きしてしまいます");
      expectUsageError(await cli(["--fix", "--out", path.join(dir, "in"), "in"]), "上書きしてしまいます");
    });

    it("the same folder through a symbolic link", async () => {
      const link = path.join(dir, "link-to-in");
      if (!fs.existsSync(link)) fs.symlinkSync(path.join(dir, "in"), link, "dir");
      expectUsageError(await cli(["--fix", "--out", "link-to-in", "in/report.xlsx"]), "上書きしてしまいます");
    });

    it("in English", async () => {
      expectUsageError(
        await cli(["--fix", "--out", "in", "in/report.xlsx", "--lang", "en"]),
        "saving into in would overwrite the input file in/report.xlsx",
      );
    });

    it("an --out that is a file", async () => {
      expectUsageError(await cli(["--fix", "--out", "in/report.xlsx", "in/report.xlsx"]), "出力先 in/report.xlsx はフォルダではありません");
    });

    it("two inputs with the same name", async () => {
      fs.mkdirSync(path.join(dir, "in2"), { recursive: true });
      await buildReportFile(path.join(dir, "in2"), "report.xlsx");
      expectUsageError(await cli(["--fix", "--out", "fixed", "in/report.xlsx", "in2/report.xlsx"]), "同じ名前 report.xlsx");
      expect(fs.existsSync(path.join(dir, "fixed"))).toBe(false);
    });
  });
});

describe("help and version", () => {
  it("--help prints the usage and exits 0", async () => {
    const { code, out, err } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("使い方: kpi-check [オプション] <ファイル.xlsx | フォルダ ...>");
    expect(out).toContain("--fix --out DIR");
    expect(out).toContain("--year 年度              報告年度（例: 2025、R7、令和7年度、FY2025。");
    expect(out).toContain("--no-recursive");
    expect(out).toContain("「備考」に理由を書きます");
    const en = (await cli(["-h", "--lang", "en"])).out;
    expect(en).toContain("Usage: kpi-check [options]");
    expect(en).toContain("reporting fiscal year, e.g. 2025, R7, 令和7年度, FY2025");
    expect(en).toContain("it is\n                           reported with the years it has (exit code 2)");
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };
    expect(await cli(["--version"])).toEqual({ code: 0, out: `kpi-check ${pkg.version}\n`, err: "" });
  });
});

describe("--year", () => {
  beforeAll(async () => {
    await buildReportFile(dir, "year.xlsx"); // KPI years 2024, 2025, 2026
  });

  it("takes 令和 years and FY as the task pane does", async () => {
    for (const year of ["2024", "R6", "r6", "令和6", "令和6年度", "FY2024", "２０２４年度", " Ｒ６ "]) {
      const { code, out } = await cli(["year.xlsx", "--year", year, "--format", "json"]);
      expect(code).toBe(0);
      expect((JSON.parse(out) as { files: Record<string, unknown>[] }).files[0]).toMatchObject({
        reportingYear: 2024,
        reportingYearSource: "option",
      });
    }
  });

  const missing =
    "指定の報告年度 2023年度（令和5年度） はこの報告書にありません（報告書にある年度: 2024年度（令和6年度）、2025年度（令和7年度）、2026年度（令和8年度））。--year を確かめてください";

  it("a year the report does not have: said for the file, with the years it has, exit 2", async () => {
    const { code, out, err } = await cli(["year.xlsx", "--year", "R5"], { isTTY: true, env: { NO_COLOR: "1" } });
    expect(code).toBe(2);
    expect(out).toBe(`year.xlsx\n  チェックできません: ${missing}\n\n合計（1ファイル、うちチェックできなかったもの 1）\n`);
    expect(err).toBe("");
  });

  it("in JSON (with the years) and in English", async () => {
    const { code, out } = await cli(["year.xlsx", "--year", "2023", "--format", "json"]);
    expect(code).toBe(2);
    const [entry] = (JSON.parse(out) as { files: Record<string, unknown>[] }).files;
    expect(entry).toEqual({
      file: "year.xlsx",
      valid: false,
      error: { message: missing, code: "year-not-in-report", years: [2024, 2025, 2026] },
    });
    const en = await cli(["year.xlsx", "--year", "2023", "--lang", "en"]);
    expect(en.out).toContain(
      "not checked: the reporting year asked for, FY2023 (R5), is not in this report (it has FY2024 (R6), FY2025 (R7), FY2026 (R8)); check --year",
    );
    expect(en.err).toContain("kpi-check: year.xlsx: the reporting year asked for, FY2023 (R5), is not in this report");
  });

  it("--fix writes no copy of a file without the year", async () => {
    const { code } = await cli(["year.xlsx", "--year", "2023", "--fix", "--out", "year-fixed"]);
    expect(code).toBe(2);
    expect(fs.existsSync(path.join(dir, "year-fixed", "year.xlsx"))).toBe(false);
  });
});

describe("unreadable files", () => {
  it("exit 2 naming the file and the cause, without a stack trace", async () => {
    writeBytes(dir, "empty.xlsx", "");
    const { code, err } = await cli(["empty.xlsx"]);
    expect(code).toBe(2);
    expect(err).toBe("kpi-check: empty.xlsx: ファイルが空です（0 バイト）\n");
  });

  it("in English", async () => {
    writeBytes(dir, "locked.xlsx", oleFile("EncryptionInfo"));
    const { code, err } = await cli(["locked.xlsx", "--lang", "en"]);
    expect(code).toBe(2);
    expect(err).toContain("kpi-check: locked.xlsx: the workbook is password-protected (encrypted)");
  });

  it("on a terminal, the reason once: no year header, no line of zeros, nothing repeated on stderr", async () => {
    writeBytes(dir, "empty2.xlsx", "");
    const { code, out, err } = await cli(["empty2.xlsx"], { isTTY: true, env: { NO_COLOR: "1" } });
    expect(code).toBe(2);
    expect(out).toBe("empty2.xlsx\n  読み込めません: ファイルが空です（0 バイト）\n\n合計（1ファイル、うちチェックできなかったもの 1）\n");
    expect(err).toBe("");
    expect(out).not.toContain("報告年度");
    expect(out).not.toContain("0件");
  });

  it("a missing file", async () => {
    const { code, err } = await cli(["missing.xlsx"]);
    expect(code).toBe(2);
    expect(err).toBe("kpi-check: missing.xlsx: ファイルが見つかりません\n");
  });

  it("keep going after an unreadable file, list it in the JSON, and exit 2 at the end", async () => {
    writeBytes(dir, "csv.xlsx", "a,b\n1,2\n");
    await buildReportFile(dir, "good.xlsx");
    const { code, out, err } = await cli(["csv.xlsx", "good.xlsx", "--format", "json"]);
    expect(code).toBe(2);
    const doc = JSON.parse(out) as { files: Record<string, unknown>[] };
    expect(doc.files).toHaveLength(2);
    expect(doc.files[0]).toEqual({
      file: "csv.xlsx",
      valid: false,
      error: { message: "Excel ブック (.xlsx) ではありません（テキストファイル（CSV など）のようです）", code: "not-zip" },
    });
    expect(doc.files[1]).toEqual(expect.objectContaining({ file: "good.xlsx", reportingYear: 2024, findings: [] }));
    expect(err).toContain("kpi-check: csv.xlsx: ");
  });
});

describe("folders", () => {
  beforeAll(async () => {
    const folder = path.join(dir, "folder");
    fs.mkdirSync(folder, { recursive: true });
    await buildReportFile(folder, "b.xlsx");
    await buildReportFile(folder, "a.xlsx", { status: "未達成" });
    writeBytes(folder, "~$a.xlsx", "lock"); // Excel's lock file while a.xlsx is open
    writeBytes(folder, "notes.txt", "memo");
    fs.mkdirSync(path.join(dir, "empty-folder"), { recursive: true });
  });

  it("checks every .xlsx in a folder, sorted, skipping lock files", async () => {
    const { code, out } = await cli(["folder", "--format", "json"]);
    const doc = JSON.parse(out) as { files: { file: string; findings: { ruleId: string }[] }[] };
    expect(doc.files.map((f) => f.file)).toEqual([path.join("folder", "a.xlsx"), path.join("folder", "b.xlsx")]);
    expect(doc.files[0].findings.map((f) => f.ruleId)).toEqual(["status"]);
    expect(code).toBe(1);
  });

  it("searches subfolders unless --no-recursive", async () => {
    const tree = path.join(dir, "tree");
    fs.mkdirSync(path.join(tree, "市町村A", "提出"), { recursive: true });
    await buildReportFile(tree, "top.xlsx");
    await buildReportFile(path.join(tree, "市町村A", "提出"), "deep.xlsx");
    const all = await cli(["tree", "--format", "json"]);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([
      path.join("tree", "top.xlsx"),
      path.join("tree", "市町村A", "提出", "deep.xlsx"),
    ]);
    const flat = await cli(["tree", "--no-recursive", "--format", "json"]);
    expect((JSON.parse(flat.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([path.join("tree", "top.xlsx")]);
  });

  it("lists the spreadsheets that are not .xlsx, with what to do, in every format", async () => {
    const other = path.join(dir, "other");
    fs.mkdirSync(other, { recursive: true });
    await buildReportFile(other, "ok.xlsx");
    for (const name of ["old.xls", "macro.xlsm", "calc.ods", "list.csv"]) writeBytes(other, name, "x");
    writeBytes(other, "readme.txt", "memo");
    const advice = (type: string) =>
      `Excel ブック (.xlsx) ではありません（${type} ファイル）。Excel で開き、.xlsx 形式で保存し直してください`;

    const json = await cli(["other", "--format", "json"]);
    expect(json.code).toBe(2);
    const files = (JSON.parse(json.out) as { files: { file: string; error?: { code?: string; message: string } }[] }).files;
    expect(files.map((f) => [f.file, f.error?.code])).toEqual([
      [path.join("other", "calc.ods"), "not-xlsx"],
      [path.join("other", "list.csv"), "not-xlsx"],
      [path.join("other", "macro.xlsm"), "not-xlsx"],
      [path.join("other", "ok.xlsx"), undefined],
      [path.join("other", "old.xls"), "not-xlsx"],
    ]);
    expect(json.err).toContain(`kpi-check: ${path.join("other", "old.xls")}: ${advice(".xls")}\n`);
    expect(json.err).toContain(`kpi-check: ${path.join("other", "calc.ods")}: ${advice(".ods")}\n`);
    expect(json.err).not.toContain("readme.txt");

    const csv = (await cli(["other", "--format", "csv"])).out.slice(1).split("\r\n");
    expect(csv).toContain(`${path.join("other", "old.xls")},,2分の1,,,,,,,,,,,読み込めません: ${advice(".xls")}`);
    expect(csv).toHaveLength(1 + 5 + 1);

    const text = await cli(["other"]);
    expect(text.code).toBe(2);
    expect(text.err).toContain(`kpi-check: ${path.join("other", "macro.xlsm")}: ${advice(".xlsm")}\n`);
    expect((await cli(["other", "--lang", "en"])).err).toContain(
      "not an Excel workbook (.xlsx) but a .csv file: open it in Excel and save it again as .xlsx",
    );
  });

  it("an empty folder is an error", async () => {
    const { code, err } = await cli(["empty-folder"]);
    expect(code).toBe(2);
    expect(err).toContain("kpi-check: フォルダ empty-folder に .xlsx ファイルがありません");
  });

  it("names lock files and ._ files as not workbooks", () => {
    expect(isWorkbookName("報告書.xlsx")).toBe(true);
    expect(isWorkbookName("REPORT.XLSX")).toBe(true);
    expect(isWorkbookName("~$報告書.xlsx")).toBe(false);
    expect(isWorkbookName("._報告書.xlsx")).toBe(false);
    expect(isWorkbookName("報告書.xls")).toBe(false);
    expect(otherSpreadsheetType("報告書.XLS")).toBe(".xls");
    expect(otherSpreadsheetType("報告書.xlsm")).toBe(".xlsm");
    expect(otherSpreadsheetType("報告書.xlsx")).toBeUndefined();
    expect(otherSpreadsheetType("~$報告書.xls")).toBeUndefined();
    expect(otherSpreadsheetType("memo.txt")).toBeUndefined();
  });
});

describe("output formats", () => {
  let report: string;
  beforeAll(async () => {
    report = path.basename(await buildReportFile(dir, "mistakes.xlsx", { cost: "1,000,000円", status: "未達成" }));
    await buildReportFile(dir, "clean.xlsx");
  });

  it("exit 0 for a report without errors", async () => {
    const { code, out } = await cli(["clean.xlsx"]);
    expect(code).toBe(0);
    expect(out).toContain("問題は見つかりませんでした");
  });

  it("text: grouped by file and sheet, with a summary per file and a total", async () => {
    const { code, out, err } = await cli([report, "clean.xlsx"]);
    expect(code).toBe(1);
    expect(err).toBe("");
    const lines = out.split("\n");
    expect(lines[0]).toBe("mistakes.xlsx  報告年度 2024年度（実績値から判定）・補助率 1/2");
    expect(lines[1]).toBe("  [活用状況]");
    expect(lines[2]).toMatch(/^ {4}エラー {2}F5 {3}amount-not-number {2}事業費「1,000,000円」/);
    expect(lines[3]).toBe("  [事業1]");
    expect(lines[4]).toMatch(/^ {4}エラー {2}G18 {2}status {13}\(1\) KPI①/);
    expect(lines[5]).toBe("  → エラー 2件・警告 0件・情報 0件（うち自動修正できるもの 2件）｜KPI 1件: 達成 1・未達成 0・未計測 0");
    expect(out).toContain(
      "合計（2ファイル）: エラー 2件・警告 0件・情報 0件（うち自動修正できるもの 2件）｜KPI 2件: 達成 2・未達成 0・未計測 0\n",
    );
    expect(out).not.toContain("\u001b[");
  });

  it("text in English", async () => {
    const { out } = await cli([report, "--lang", "en"]);
    expect(out).toContain("mistakes.xlsx  reporting year FY2024 (from the actuals), grant rate 1/2");
    expect(out).toMatch(/ {4}error {2}F5 {3}amount-not-number/);
    expect(out).toContain("→ 2 errors, 0 warnings, 0 info (2 fixable) | 1 KPI: 1 achieved, 0 not achieved, 0 not measured");
    expect(out).toContain("Total (1 file): 2 errors");
  });

  it("colours only on a terminal without NO_COLOR", async () => {
    expect((await cli([report], { isTTY: true })).out).toContain("\u001b[31mエラー");
    expect((await cli([report], { isTTY: true, env: { NO_COLOR: "1" } })).out).not.toContain("\u001b[");
    expect((await cli([report, "--format", "json"], { isTTY: true })).out).not.toContain("\u001b[");
  });

  it("json: only one JSON document on stdout, with the findings, stats and KPIs", async () => {
    const { code, out, err } = await cli([report, "--format", "json", "--rate", "2/3", "--year", "2024"]);
    expect(code).toBe(1);
    expect(err).toBe("");
    const doc = JSON.parse(out) as { files: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(["version", "files", "valid", "stats"]);
    const [file] = doc.files as {
      file: string;
      reportingYear: number;
      rate: string;
      findings: Record<string, unknown>[];
      stats: Record<string, unknown>;
      kpis: Record<string, unknown>[];
    }[];
    expect(file.file).toBe("mistakes.xlsx");
    expect(file.reportingYear).toBe(2024);
    expect(file.rate).toBe("2/3");
    const ruleIds = file.findings.map((f) => f.ruleId);
    expect(ruleIds).toEqual(expect.arrayContaining(["amount-not-number", "grant-rate", "status"]));
    const status = file.findings.find((f) => f.ruleId === "status")!;
    expect(Object.keys(status)).toEqual([
      "ruleId",
      "severity",
      "sheet",
      "cell",
      "message",
      "messageId",
      "data",
      "docs",
      "fixable",
      "project",
      "kpi",
      "fix",
    ]);
    expect(status).toEqual(expect.objectContaining({ severity: "error", sheet: "事業1", cell: "G18", fixable: true, project: 1, kpi: 1 }));
    expect(status.fix).toEqual([
      expect.objectContaining({ sheet: "事業1", cell: "G18", value: "達成", expected: expect.objectContaining({ value: "未達成" }) }),
    ]);
    expect(file.stats).toEqual(expect.objectContaining({ kpis: 1, achieved: 1 }));
    expect(file.kpis).toEqual([
      expect.objectContaining({ project: 1, kpi: 1, name: "オンライン申請件数", status: "未達成", computedStatus: "達成" }),
    ]);
  });

  it("csv: one row per KPI, RFC 4180, UTF-8 with BOM", async () => {
    const { code, out } = await cli([report, "clean.xlsx", "--format", "csv"]);
    expect(code).toBe(1);
    expect(out.startsWith("\uFEFF")).toBe(true);
    const lines = out.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "ファイル,報告年度,補助率,事業番号,事業名,KPI番号,KPI名,単位,方向,報告年度の目標値,報告年度の実績値,達成状況,達成状況（計算）,備考",
    );
    expect(lines[1]).toBe("mistakes.xlsx,2024,2分の1,1,窓口DX推進事業,1,オンライン申請件数,件,高いほど良い,120,130,未達成,達成,");
    expect(lines[2]).toMatch(/^clean\.xlsx,2024,2分の1,1,/);
    expect(lines[3]).toBe("");
    expect(lines).toHaveLength(4);
    const en = (await cli([report, "--format", "csv", "--lang", "en", "--rate", "2/3"])).out.slice(1).split("\r\n");
    expect(en[0]).toBe(
      "file,reporting_year,grant_rate,project,project_name,kpi,kpi_name,unit,direction,target_in_reporting_year,actual_in_reporting_year,status,computed_status,note",
    );
    expect(en[1]).toMatch(/^mistakes\.xlsx,2024,2\/3 \(66\.7%\),1,/);
  });

  it("csv never loses a file: one row, with the reason in 備考, for a file not read, no report, or no KPI", async () => {
    writeBytes(dir, "broken-csv.xlsx", "not a zip");
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Sheet1").getCell("A1").value = "名簿";
    await plain.xlsx.writeFile(path.join(dir, "not-a-report.xlsx"));
    const summaryOnly = buildReportWorkbook();
    summaryOnly.removeWorksheet(summaryOnly.worksheets[1].id);
    await summaryOnly.xlsx.writeFile(path.join(dir, "no-kpi.xlsx"));

    const args = ["broken-csv.xlsx", "not-a-report.xlsx", "no-kpi.xlsx", "clean.xlsx", "--format", "csv", "--rate", "3/4"];
    const { code, out } = await cli(args);
    expect(code).toBe(2);
    const lines = out.slice(1).split("\r\n");
    expect(lines).toHaveLength(1 + 4 + 1);
    const empty = ",".repeat(10);
    expect(lines[1]).toMatch(new RegExp(`^broken-csv\\.xlsx,,4分の3${empty},読み込めません: Excel ブック \\(\\.xlsx\\) ではありません`));
    expect(lines[2]).toBe(
      `not-a-report.xlsx,,4分の3${empty},報告書の様式が見つかりません。「事業名」「事業費」の表、または「KPI①」「種別」「単位」の欄がありません`,
    );
    expect(lines[3]).toMatch(new RegExp(`^no-kpi\\.xlsx,\\d{4},4分の3${empty},KPI が 1 件も読み取れません`));
    expect(lines[4]).toMatch(/^clean\.xlsx,2024,4分の3,1,窓口DX推進事業,/);
    // With --year, the rows of files not read say the year asked for.
    const withYear = (await cli(["broken-csv.xlsx", "--format", "csv", "--year", "R6", "--lang", "en"])).out.slice(1).split("\r\n");
    expect(withYear[1]).toMatch(/^broken-csv\.xlsx,2024,1\/2 \(50%\),{11}"?cannot be read: /);
  });

  it("csv fields: quoting and formula-looking text", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("-5")).toBe("-5");
    expect(csvField("-1.5e3")).toBe("-1.5e3");
    expect(csvField(3)).toBe("3");
    expect(csvField(null)).toBe("");
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-減少")).toBe("'-減少");
  });

  it("pads Japanese labels by their display width", () => {
    expect(displayWidth("エラー")).toBe(6);
    expect(displayWidth("警告")).toBe(4);
    expect(displayWidth("error")).toBe(5);
  });
});

describe("--fix --out", () => {
  it("writes a fixed copy, leaves the input alone, and reports what remains", async () => {
    const input = await buildReportFile(dir, "tofix.xlsx", { cost: "1,000,000円", status: "未達成" });
    const before = fs.readFileSync(input);
    const { code, out, err } = await cli(["--fix", "--out", "out/fixed", "tofix.xlsx"]);
    expect(err).toBe("");
    expect(out).toContain(`修正: 2セルを書き込みました → ${path.join("out", "fixed", "tofix.xlsx")}`);
    expect(out).toContain("問題は見つかりませんでした");
    expect(code).toBe(0);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    // The copy checks clean on its own.
    const again = await cli([path.join("out", "fixed", "tofix.xlsx"), "--format", "json"]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.out) as { files: { findings: unknown[] }[] }).files[0].findings).toEqual([]);
  });

  it("reports the fix in JSON", async () => {
    await buildReportFile(dir, "tofix2.xlsx", { status: "未達成" });
    const { code, out } = await cli(["--fix", "--out", "out2", "tofix2.xlsx", "--format", "json"]);
    expect(code).toBe(0);
    const [file] = (JSON.parse(out) as { files: Record<string, unknown>[] }).files;
    expect(file.fixed).toEqual({ output: path.join("out2", "tofix2.xlsx"), written: 1, skipped: [], lost: [] });
    expect(file.findings).toEqual([]);
  });
});

describe("--fix warns about what the copy loses", () => {
  it("names the features ExcelJS does not carry over", async () => {
    const input = await buildReportFile(dir, "chart.xlsx", { status: "未達成" });
    patchXlsx(input, {}, { "xl/charts/chart1.xml": "<c:chartSpace/>" });
    const { code, err } = await cli(["--fix", "--out", "out3", "chart.xlsx"]);
    expect(code).toBe(0);
    expect(err).toBe(`kpi-check: 注意: 修正したファイル ${path.join("out3", "chart.xlsx")} では次の要素が失われます: グラフ\n`);
  });
});
