/**
 * The roll-up workbook (kpi-check --report FILE.xlsx) opens in LibreOffice without repair: Debian's
 * LibreOffice (installed by the CI) converts every sheet to CSV, and the 集計 sheet's figures and
 * the KPI一覧's rows come through. Skipped, with a message, where soffice is not installed.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/cli/main";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
const SAMPLES = path.join(__dirname, "..", "samples");

const describeWithSoffice = SOFFICE ? describe : describe.skip;
if (!SOFFICE) console.log("LibreOffice (soffice) is not installed: the roll-up workbook's LibreOffice check is skipped.");

describeWithSoffice("LibreOffice opens the --report workbook", () => {
  jest.setTimeout(180_000);

  it("converts its four sheets without error, with the figures of the JSON report", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-lo-rollup-"));
    try {
      let json = "";
      const io = { stdout: { write: (c: string) => (json += c) }, stderr: { write: () => true } };
      expect(await run(["--format", "json", "--report", path.join(dir, "rollup.xlsx"), SAMPLES], io)).toBeLessThan(2);
      const report = JSON.parse(json) as { stats: { kpis: number; files: number } };

      const csvDir = path.join(dir, "csv");
      const result = spawnSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
          "--headless",
          "--convert-to",
          // Comma, UTF-8 (76), every sheet (-1).
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
          "--outdir",
          csvDir,
          path.join(dir, "rollup.xlsx"),
        ],
        { encoding: "utf8", timeout: 150_000 },
      );
      expect(result.status).toBe(0);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/error|repair/i);
      const files = fs.readdirSync(csvDir).sort();
      expect(files).toEqual(["rollup-KPI一覧.csv", "rollup-ファイル.csv", "rollup-指摘一覧.csv", "rollup-集計.csv"].sort());
      const summary = fs.readFileSync(path.join(csvDir, "rollup-集計.csv"), "utf8");
      expect(summary).toMatch(new RegExp(`^KPI,${report.stats.kpis}\\b`, "m"));
      expect(summary).toMatch(new RegExp(`^報告書,${report.stats.files}\\b`, "m"));
      const kpiLines = fs.readFileSync(path.join(csvDir, "rollup-KPI一覧.csv"), "utf8").trim().split("\n");
      expect(kpiLines).toHaveLength(1 + report.stats.kpis);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
