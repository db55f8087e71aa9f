/**
 * End to end: the browser demo (`npm run demo`) in Debian's Chromium, driven by playwright-core.
 * The same task pane code as the add-in runs against the page's workbook through the emulated Excel
 * API; each scenario checks what the user sees (grid, pane, messages) and what the workbook holds.
 *
 *   npm run test:e2e                       build the demo when stale, serve it, run, stop
 *   E2E_UPDATE_DOCS=1 npm run test:e2e     also copy the screenshots into docs/images/
 *
 * Screenshots land in test-output/e2e/. No request may leave 127.0.0.1.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { startDemoServer, type DemoServer } from "../src/dev/demo-server";
import { writeHostileCorpus } from "../src/fixtures/hostile-corpus";
import {
  cliReport,
  DIST,
  ensureDemoBuild,
  eventually,
  gridText,
  launchBrowser,
  makeEmptyWorkbook,
  makeFixableReport,
  makeNonReport,
  OUTPUT,
  paneCounts,
  paneFindings,
  paneLoad,
  SEED,
  showSheet,
  updateDocScreenshots,
  waitForChecked,
  waitForIdle,
  workbookCells,
  type Browser,
} from "./harness";

const FIXTURES = path.join(OUTPUT, "fixtures");
/** The screenshots the README shows (copied with E2E_UPDATE_DOCS=1). */
const DOC_SCREENSHOTS = ["demo-ja.png", "pane-ja.png", "grid-ja.png"];

let server: DemoServer;
let browser: Browser;
const requests: string[] = [];
const problems: string[] = [];

function log(line: string): void {
  process.stdout.write(`# ${line}\n`);
}

before(async () => {
  fs.mkdirSync(FIXTURES, { recursive: true });
  ensureDemoBuild(log);
  server = await startDemoServer({ root: DIST, port: 0 });
  log(`demo server: ${server.url}`);
  browser = await launchBrowser();
  browser.context.on("request", (request) => requests.push(request.url()));
  browser.context.on("page", (page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
  });
  await Promise.all([
    makeFixableReport(path.join(FIXTURES, "fixable-report.xlsx")),
    makeNonReport(path.join(FIXTURES, "staff-list.xlsx")),
    makeEmptyWorkbook(path.join(FIXTURES, "empty.xlsx")),
  ]);
  fs.writeFileSync(path.join(FIXTURES, "report.csv.xlsx"), "事業名,事業費\n(1) デジタル,2136200\n");
});

after(async () => {
  await browser?.close();
  await server?.close();
  updateDocScreenshots(DOC_SCREENSHOTS, log);
});

/** A new tab on the demo (query: "?lang=en"), once the pane has checked the sample report. */
async function openDemo(query = ""): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url + query);
  await page.locator("body[data-state=ready]").waitFor({ timeout: 30_000 });
  await waitForChecked(page, 1);
  return page;
}

/** Opens a file through the page's file picker and waits for the pane to check it. */
async function pickFile(page: Page, file: string): Promise<void> {
  const load = await paneLoad(page);
  await page.setInputFiles("#file-input", file);
  await waitForChecked(page, load + 1);
}

async function screenshot(page: Page, name: string, target?: string): Promise<string> {
  const file = path.join(OUTPUT, name);
  if (target) await page.locator(target).screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}

/** A saved cell's formula and cached result. */
function formulaOf(cell: ExcelJS.Cell): { formula: string; result: unknown } {
  return { formula: cell.formula, result: cell.result };
}

function multiset(items: string[]): string[] {
  return [...items].sort();
}

// ---------------------------------------------------------------------------------------------

test("1. opening: the sample report is checked without a click, with the CLI's counts and findings", async () => {
  const page = await openDemo();
  const cli = await cliReport(SEED);
  const counts = await paneCounts(page);
  assert.deepEqual(counts, { error: cli.stats.errors, warning: cli.stats.warnings, info: cli.stats.infos });
  assert.ok(counts.error + counts.warning + counts.info > 0, "the sample report has findings");

  const shown = await paneFindings(page);
  assert.deepEqual(
    multiset(shown.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)),
    multiset(cli.findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`)),
  );
  assert.deepEqual(multiset(shown.map((f) => f.message)), multiset(cli.findings.map((f) => f.message)));

  // The grid shows the first sheet as the file has it: merged header, amounts with their format.
  assert.equal(await page.locator(".sheet-tab[aria-selected=true]").innerText(), "活用状況");
  assert.equal(await page.locator("#file-name").innerText(), "hanamaki-r6.xlsx");
  assert.equal(await gridText(page, "F5"), "2,136,200円");
  assert.equal(await page.locator('#grid td[data-cell="A3"]').getAttribute("rowspan"), "2");
  assert.equal(await page.locator('#grid td[data-cell="A4"]').count(), 0, "A4 is covered by the merge A3:A4");
  assert.match(await page.locator("#sync-count").innerText(), /Excel API 同期 [1-9]\d* 回/);
  await screenshot(page, "pane-ja.png", ".pane-area");
  await page.close();
});

test("2. clicking a finding selects its cell in the grid, on its sheet", async () => {
  const page = await openDemo();
  const pane = page.frameLocator("#taskpane");
  const finding = pane.locator('button.finding[data-sheet="事業3"][data-cell="E15"]').first();
  await finding.click();

  await page.locator('table.sheet-grid[data-sheet="事業3"] td[data-cell="E15"].is-selected').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator(".sheet-tab[aria-selected=true]").innerText(), "事業3");
  assert.equal(await page.locator(".name-box").innerText(), "E15");
  assert.equal(await page.locator("#grid .is-selected").count(), 1);
  const selection = await page.evaluate(
    () => (window as unknown as { kpiDemo: { workbook: { selection: unknown } } }).kpiDemo.workbook.selection,
  );
  assert.deepEqual(selection, { sheet: "事業3", cell: "E15" });

  // The pictures in the README (with pane-ja.png from the first test): the page, the grid (Japanese).
  await screenshot(page, "demo-ja.png");
  await screenshot(page, "grid-ja.png", "#workbook-area");
  await page.close();
});

test("3. preview, apply, check again, save, undo: computed cells written, texts untouched, everything back", async () => {
  const page = await openDemo();
  const file = path.join(FIXTURES, "fixable-report.xlsx");
  await pickFile(page, file);
  assert.equal(await page.locator("#file-name").innerText(), "fixable-report.xlsx");
  const before = await workbookCells(page);
  const found = await paneFindings(page);
  for (const [rule, at] of [
    ["status", "事業1!G18"],
    ["status", "事業1!G40"],
    ["grant-rate", "活用状況!G5"],
    ["total-mismatch", "活用状況!F10"],
    ["char-count", "事業1!G34"],
  ]) {
    assert.ok(
      found.some((f) => f.rule === rule && `${f.sheet}!${f.cell}` === at && f.fixable),
      `a fixable ${rule} finding at ${at}`,
    );
  }

  const pane = page.frameLocator("#taskpane");
  await pane.getByRole("button", { name: "自動入力・修正" }).click();
  await pane.locator(".preview .write-row").first().waitFor();
  await waitForIdle(page);
  const writes = await pane.locator(".preview .write-cell").allInnerTexts();
  for (const at of ["事業1!G18", "事業1!G40", "活用状況!G5", "活用状況!F10", "事業1!G34"])
    assert.ok(writes.includes(at), `the preview lists ${at}`);
  await screenshot(page, "preview-ja.png", ".pane-area");

  await pane.locator('[data-focus="preview-apply"]').click();
  await pane.locator(".notice-region .message-success").waitFor();
  await waitForChecked(page);
  assert.match(await pane.locator(".notice-region").innerText(), new RegExp(`${writes.length}セルに書き込みました`));

  // What the workbook holds now: the computed cells, and nothing else but recalculated formulas.
  const applied = await workbookCells(page);
  assert.equal(applied["事業1!G18"].value, "達成");
  assert.equal(applied["事業1!G40"].value, "未達成");
  assert.equal(applied["活用状況!G5"].value, 1068100);
  assert.equal(applied["活用状況!F10"].value, 226391242);
  assert.match(applied["事業1!G34"].value as string, /^\d+字$/);
  const changed = Object.keys({ ...before, ...applied }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(applied[key]));
  for (const key of changed) {
    assert.ok(writes.includes(key) || before[key]?.formula, `${key} changed, yet it is neither a previewed write nor a formula`);
  }
  for (const [key, cell] of Object.entries(before)) {
    if (typeof cell.value === "string" && !writes.includes(key)) assert.deepEqual(applied[key], cell, `text cell ${key} untouched`);
  }

  // What the grid shows.
  assert.equal(await gridText(page, "G5"), "1,068,100円");
  assert.equal(await gridText(page, "F10"), "226,391,242円");
  await showSheet(page, "事業1");
  assert.equal(await gridText(page, "G18"), "達成");
  assert.equal(await gridText(page, "G40"), "未達成");

  // The re-check: nothing left to fix.
  assert.equal(await pane.locator(".summary .fixable-note").count(), 0);
  assert.equal((await paneFindings(page)).filter((f) => f.fixable).length, 0);

  // Saving: the download is the file with these cells changed, and the CLI agrees with the pane.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  assert.equal(download.suggestedFilename(), "fixable-report_修正済み.xlsx");
  const saved = path.join(OUTPUT, "fixable-report_修正済み.xlsx");
  await download.saveAs(saved);
  await page.locator(".demo-message-success").waitFor();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  const original = new ExcelJS.Workbook();
  await original.xlsx.readFile(file);
  assert.equal(workbook.getWorksheet("事業1")!.getCell("G18").value, "達成");
  assert.deepEqual(formulaOf(workbook.getWorksheet("活用状況")!.getCell("G5")), { formula: "ROUNDDOWN(F5*1/2,0)", result: 1068100 });
  assert.deepEqual(formulaOf(workbook.getWorksheet("活用状況")!.getCell("F10")), { formula: "SUM(F5:F9)", result: 226391242 });
  for (const [sheet, cell] of [
    ["事業1", "B23"],
    ["活用状況", "C5"],
  ]) {
    assert.deepEqual(workbook.getWorksheet(sheet)!.getCell(cell).value, original.getWorksheet(sheet)!.getCell(cell).value);
  }
  assert.deepEqual(workbook.getWorksheet("活用状況")!.getCell("F5").numFmt, original.getWorksheet("活用状況")!.getCell("F5").numFmt);
  const cli = await cliReport(saved);
  assert.equal(cli.stats.fixable, 0);
  assert.deepEqual(await paneCounts(page), { error: cli.stats.errors, warning: cli.stats.warnings, info: cli.stats.infos });

  // Undo: every cell exactly as before the apply.
  await pane.locator('[data-focus="revert"]').click();
  await pane.locator(".notice-region .message-success").waitFor();
  await waitForChecked(page);
  assert.deepEqual(await workbookCells(page), before);
  assert.equal(await gridText(page, "G18"), "");
  assert.equal(await gridText(page, "G40"), "達成");
  await page.close();
});

test("4. a cell edited after the check is not overwritten by apply, and the pane says so", async () => {
  const page = await openDemo();
  await pickFile(page, path.join(FIXTURES, "fixable-report.xlsx"));
  const pane = page.frameLocator("#taskpane");
  await pane.getByRole("button", { name: "自動入力・修正" }).click();
  await pane.locator(".preview .write-row").first().waitFor();
  await waitForIdle(page);

  // The user types into 事業1!G18 in the grid, with a Japanese IME.
  await showSheet(page, "事業1");
  await page.locator('#grid td[data-cell="G18"]').dblclick();
  const editor = page.locator("#grid .cell-editor");
  await editor.waitFor();
  await editor.dispatchEvent("compositionstart");
  await editor.fill("みたっせい");
  // The Enter that ends the conversion (isComposing, keyCode 229) must not confirm the edit.
  await editor.evaluate((node) => {
    node.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
  });
  assert.ok(await editor.isVisible(), "the editor stays open on the IME's Enter");
  assert.equal((await workbookCells(page))["事業1!G18"]?.value ?? null, null, "nothing written yet");
  await editor.fill("未達成");
  await editor.dispatchEvent("compositionend");
  await editor.press("Enter");
  await eventually(async () => !(await editor.isVisible()), "the editor to close");
  assert.equal(await gridText(page, "G18"), "未達成");
  const edited = await page.evaluate(() => {
    const wb = (window as unknown as { kpiDemo: { workbook: { history: { sheet: string; cell: string; source: string }[] } } }).kpiDemo
      .workbook;
    return wb.history.filter((c) => c.sheet === "事業1" && c.cell === "G18").map((c) => c.source);
  });
  assert.deepEqual(edited, ["user"]);

  // Apply the preview made before the edit.
  await pane.locator('[data-focus="preview-apply"]').click();
  await pane.locator(".notice-region .message-warning").waitFor();
  await waitForChecked(page);
  const notice = await pane.locator(".notice-region").innerText();
  assert.match(notice, /事業1!G18 は検証後に変更されたため書き込みませんでした/);
  const cells = await workbookCells(page);
  assert.equal(cells["事業1!G18"].value, "未達成", "the user's text stays");
  assert.equal(cells["事業1!G40"].value, "未達成", "the other writes were applied");
  assert.equal(cells["活用状況!G5"].value, 1068100);
  assert.equal(await gridText(page, "G18"), "未達成");
  await page.close();
});

test("5. files that are no report or no .xlsx: a clear message, no crash", async () => {
  const page = await openDemo();
  const pane = page.frameLocator("#taskpane");

  // An .xlsx that is no report: opened, and the pane says the template is missing.
  await pickFile(page, path.join(FIXTURES, "staff-list.xlsx"));
  assert.equal(await page.locator(".sheet-tab[aria-selected=true]").innerText(), "職員名簿");
  assert.equal(await gridText(page, "A2"), "山田 太郎");
  let findings = await paneFindings(page);
  assert.deepEqual(
    findings.map((f) => f.rule),
    ["template-not-found"],
  );
  assert.match(findings[0].message, /報告書の様式が見つかりません/);
  assert.equal(await pane.locator(".summary .count-error .count-value").innerText(), "1件");

  // A workbook with one empty sheet, dropped on the page.
  const load = await paneLoad(page);
  const bytes = [...fs.readFileSync(path.join(FIXTURES, "empty.xlsx"))];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([new Uint8Array(data)], "empty.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    );
    for (const type of ["dragenter", "dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, bytes);
  await waitForChecked(page, load + 1);
  assert.equal(await page.locator("#file-name").innerText(), "empty.xlsx");
  findings = await paneFindings(page);
  assert.deepEqual(
    findings.map((f) => f.rule),
    ["template-not-found"],
  );
  assert.ok(await page.locator("#drop-overlay").isHidden());

  // Not an .xlsx at all (a CSV named .xlsx, then a truncated .xlsx): a message; the open workbook stays.
  await page.setInputFiles("#file-input", path.join(FIXTURES, "report.csv.xlsx"));
  const alert = page.locator(".demo-message-error[role=alert]");
  await alert.waitFor();
  assert.match(
    await alert.innerText(),
    /「report\.csv\.xlsx」を開けませんでした: Excel ブック \(\.xlsx\) ではありません（テキストファイル（CSV など）のようです）/,
  );
  const truncated = fs.readFileSync(path.join(FIXTURES, "staff-list.xlsx"));
  await page.setInputFiles("#file-input", {
    name: "broken.xlsx",
    mimeType: "application/octet-stream",
    buffer: truncated.subarray(0, 600),
  });
  await eventually(async () => /broken\.xlsx/.test(await alert.innerText()), "the message about broken.xlsx");
  assert.match(await alert.innerText(), /ファイルが壊れています/);
  assert.equal(await page.locator("#file-name").innerText(), "empty.xlsx");
  assert.equal(await paneLoad(page), load + 1, "the pane was not restarted");
  assert.equal(await page.locator("body").getAttribute("data-state"), "ready");
  assert.deepEqual(
    (await paneFindings(page)).map((f) => f.rule),
    ["template-not-found"],
  );
  await page.close();
});

test("6. the pane speaks English when Office's display language is English", async () => {
  const page = await openDemo("?lang=en");
  const pane = page.frameLocator("#taskpane");
  assert.equal(await pane.locator("h1.app-title").innerText(), "KPI Report Checker");
  assert.equal(await pane.locator("html").getAttribute("lang"), "en");
  assert.ok(await pane.getByRole("button", { name: "Fill in & fix" }).isVisible());
  const cli = await cliReport(SEED, "en");
  const shown = await paneFindings(page);
  assert.deepEqual(multiset(shown.map((f) => f.message)), multiset(cli.findings.map((f) => f.message)));
  assert.match(await pane.locator(".status-line").innerText(), /^Checked: /);
  // The page around it too.
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.equal(await page.locator("#download").innerText(), "Save the corrected workbook");
  assert.match(await page.locator("#sync-count").innerText(), /^Excel API syncs: \d+$/);
  await screenshot(page, "demo-en.png");
  await page.close();
});

test("7. hostile files (a zip bomb, a million rows, a stray far cell): a clear message, no crash, the page still usable", async () => {
  const corpus = await writeHostileCorpus(path.join(FIXTURES, "hostile"));
  const file = (name: string) => corpus.find((f) => f.name === name)!.file;
  const page = await openDemo();
  const load = await paneLoad(page);
  const alert = page.locator(".demo-message-error[role=alert]");

  // A 2 MB package whose sheet inflates to 2 GiB: refused from the ZIP directory, before ExcelJS inflates anything.
  let started = Date.now();
  await page.setInputFiles("#file-input", file("zip-bomb.xlsx"));
  await eventually(
    async () => (await alert.count()) > 0 && /zip-bomb\.xlsx/.test(await alert.innerText()),
    "the message about zip-bomb.xlsx",
    20_000,
  );
  assert.match(
    await alert.innerText(),
    /「zip-bomb\.xlsx」を開けませんでした: シート「Sheet1」（xl\/worksheets\/sheet1\.xml）は展開すると 2\.0 GB（圧縮時の [\d,]+ 倍。上限 100 倍）になります。ZIP 爆弾の疑いがあるため読み込みません/,
  );
  log(`zip-bomb.xlsx refused in ${Date.now() - started} ms`);

  // A sheet of 1,000,000 rows (about 50 MB of XML): refused while it inflates, at the 200,001st row.
  started = Date.now();
  await page.setInputFiles("#file-input", file("million-rows.xlsx"));
  await eventually(async () => /million-rows\.xlsx/.test(await alert.innerText()), "the message about million-rows.xlsx", 20_000);
  assert.match(
    await alert.innerText(),
    /「million-rows\.xlsx」を開けませんでした: シート「Sheet1」までで行が上限の 200,000 行を超えました/,
  );
  log(`million-rows.xlsx refused in ${Date.now() - started} ms`);
  await screenshot(page, "hostile-ja.png");

  // A stray value in XFD1048576 (a used range of the whole sheet, which the pane would read as dense arrays).
  await page.setInputFiles("#file-input", file("stray-far-cell.xlsx"));
  await eventually(async () => /stray-far-cell\.xlsx/.test(await alert.innerText()), "the message about stray-far-cell.xlsx", 20_000);
  assert.match(
    await alert.innerText(),
    /「stray-far-cell\.xlsx」を開けませんでした: シート「Sheet1」の使用範囲 A1:XFD1048576 が大きすぎて読めません/,
  );

  // Nothing crashed: the sample is still open and checked, the pane was not restarted, memory stayed low.
  assert.equal(await page.locator("body").getAttribute("data-state"), "ready");
  assert.equal(await page.locator("#file-name").innerText(), "hanamaki-r6.xlsx");
  assert.equal(await paneLoad(page), load, "the pane was not restarted");
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  assert.ok(heap < 512 * 1024 * 1024, `the page's heap is ${Math.round(heap / 1024 / 1024)} MB`);

  // And usable: a finding still selects its cell, and a good file still opens and is checked.
  await page.frameLocator("#taskpane").locator('button.finding[data-sheet="事業3"][data-cell="E15"]').first().click();
  await page.locator('table.sheet-grid[data-sheet="事業3"] td[data-cell="E15"].is-selected').waitFor({ timeout: 10_000 });
  await pickFile(page, path.join(FIXTURES, "staff-list.xlsx"));
  assert.equal(await page.locator("#file-name").innerText(), "staff-list.xlsx");
  assert.deepEqual(
    (await paneFindings(page)).map((f) => f.rule),
    ["template-not-found"],
  );
  await page.close();
});

test("8. the pane's order and counts: errors first, by project on request, counts that say what they count, only the report's years", async () => {
  const page = await openDemo();
  const pane = page.frameLocator("#taskpane");
  const cli = await cliReport(SEED);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const severityOf = (f: { rule: string; sheet: string; cell: string }) =>
    cli.findings.find((c) => c.ruleId === f.rule && c.sheet === f.sheet && c.cell === f.cell)!.severity;

  // The first screen: the counts and the first error (its badge and where it is), without scrolling.
  const firstBadge = pane.locator("button.finding .badge").first();
  assert.equal(await firstBadge.innerText(), "エラー");
  const badge = await firstBadge.boundingBox();
  const frame = await page.locator("#taskpane").boundingBox();
  const screenBottom = Math.min(frame ? frame.y + frame.height : 0, page.viewportSize()?.height ?? Infinity);
  assert.ok(badge && badge.y + badge.height <= screenBottom, "the first error is on the first screen");

  // By severity (the default): errors first, then warnings, then info, each naming its project.
  assert.ok(await pane.getByRole("radio", { name: "重大度順" }).isChecked());
  const shown = await paneFindings(page);
  const severities = shown.map((f) => rank[severityOf(f)]);
  assert.deepEqual(
    severities,
    [...severities].sort((a, b) => a - b),
    "errors, then warnings, then info",
  );
  assert.equal(severityOf(shown[0]), "error", "the first finding shown is an error");
  assert.deepEqual(await pane.locator("section.severity-group h3").allInnerTexts(), [
    `エラー ${cli.stats.errors}件`,
    `警告 ${cli.stats.warnings}件`,
    `情報 ${cli.stats.infos}件`,
  ]);
  assert.deepEqual(
    shown.filter((f) => f.rule === "baseline-pair").map((f) => `${f.sheet}!${f.cell}`),
    ["事業3!E15", "事業3!E26", "事業3!E37"],
    "sheet and cell order within a severity",
  );
  assert.match(await pane.locator("section.severity-group .finding-context").first().innerText(), /^\(3\) .+ · KPI/);

  // By project, on request: the grouping of old, the same findings.
  await pane.getByRole("radio", { name: "事業ごと" }).check();
  await pane.locator("section.group").first().waitFor();
  assert.equal(await pane.locator("section.severity-group").count(), 0);
  const grouped = await paneFindings(page);
  assert.deepEqual(
    multiset(grouped.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)),
    multiset(shown.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)),
  );
  const groupedSeverities = grouped.map((f) => rank[severityOf(f)]);
  assert.notDeepEqual(
    groupedSeverities,
    [...groupedSeverities].sort((a, b) => a - b),
    "by project, an info may come before an error",
  );
  await pane.getByRole("radio", { name: "重大度順" }).check();
  await pane.locator("section.severity-group").first().waitFor();

  // The counts: findings with a fix (summary) and cells to write for them (preview), each saying which.
  assert.equal(await pane.locator(".summary .fixable-note").innerText(), `うち自動修正できる指摘 ${cli.stats.fixable}件`);
  await pane.getByRole("button", { name: "自動入力・修正" }).click();
  await pane.locator(".preview .write-row").first().waitFor();
  await waitForIdle(page);
  const cells = await pane.locator(".preview .write-row").count();
  assert.equal(
    await pane.locator(".preview .preview-counts").innerText(),
    `書き込むセル ${cells}個（自動修正できる指摘 ${cli.stats.fixable}件の分）`,
  );
  await pane.locator('[data-focus="preview-close"]').click();

  // The reporting year: a year the report lacks is refused, naming its years, with no new check.
  await pane.locator(".settings-summary").click();
  const year = pane.locator("#setting-year");
  const syncs = await page.locator("#sync-count").innerText();
  await year.fill("2030");
  await year.press("Enter");
  const error = pane.locator(".field-error");
  await error.waitFor();
  assert.match(await error.innerText(), /^2030年度（令和12年度）はこの報告書のKPIにありません。報告書にある年度: .*2024年度（令和6年度）/);
  assert.equal(await year.getAttribute("aria-invalid"), "true");
  await waitForIdle(page);
  assert.equal(await page.locator("#sync-count").innerText(), syncs, "no new check");
  // 令和 input, a year the report has: taken and checked again.
  await year.fill("令和6");
  await year.press("Enter");
  await eventually(async () => (await pane.locator(".field-error").count()) === 0, "the error gone");
  await waitForChecked(page);
  assert.match(await pane.locator(".summary .meta").innerText(), /2024年度（設定で指定）/);
  await screenshot(page, "pane-order-ja.png", ".pane-area");
  await page.close();
});

/**
 * Built-ins after ES2017 that EdgeHTML (Edge 18), the oldest webview the add-in supports, lacks:
 * removed in the pane's frame (not in the demo page around it) before any of its scripts runs.
 * Plain text, not a function: tsx's transform would put its own helpers into a function's source.
 */
const REMOVE_NEWER_BUILTINS = `
if (window !== window.top) {
  for (const [owner, name] of [
    [Object, "fromEntries"], [Object, "hasOwn"],
    [Array.prototype, "flat"], [Array.prototype, "flatMap"], [Array.prototype, "at"], [Array.prototype, "findLast"],
    [String.prototype, "at"], [String.prototype, "matchAll"], [String.prototype, "replaceAll"],
    [String.prototype, "trimStart"], [String.prototype, "trimEnd"],
    [Promise, "allSettled"], [Promise, "any"],
    [window, "structuredClone"], [window, "BigInt"], [window, "globalThis"],
    [HTMLDetailsElement.prototype, "open"], // EdgeHTML has no <details> either
  ]) delete owner[name];
}`;

test("9. in a webview without the built-ins newer than ES2017 (EdgeHTML), the pane checks, highlights and clears, as it does elsewhere", async () => {
  const page = await browser.context.newPage();
  await page.addInitScript({ content: REMOVE_NEWER_BUILTINS });
  await page.goto(server.url);
  await page.locator("body[data-state=ready]").waitFor({ timeout: 30_000 });
  await waitForChecked(page, 1);
  const gone = await page
    .frameLocator("#taskpane")
    .locator("html")
    .evaluate(() => [typeof Object.hasOwn, typeof "".matchAll, typeof BigInt]);
  assert.deepEqual(gone, ["undefined", "undefined", "undefined"], "the built-ins are gone in the pane's frame");
  // Without <details> the settings card's content loads at once (EdgeHTML shows it, and never says "toggle").
  await page.frameLocator("#taskpane").locator("#setting-rate").waitFor({ state: "attached" });

  const cli = await cliReport(SEED);
  assert.deepEqual(await paneCounts(page), { error: cli.stats.errors, warning: cli.stats.warnings, info: cli.stats.infos });
  const shown = await paneFindings(page);
  assert.deepEqual(multiset(shown.map((f) => f.message)), multiset(cli.findings.map((f) => f.message)));
  // The highlight and its saved fills (zod schemas, loaded as a chunk): on, then off again.
  const pane = page.frameLocator("#taskpane");
  const toggle = pane.getByRole("switch", { name: "問題のあるセルに色を付ける" });
  await toggle.check();
  await waitForChecked(page);
  await toggle.uncheck();
  await waitForChecked(page);
  assert.equal(await toggle.isChecked(), false);
  assert.equal(await pane.locator(".message-error").count(), 0, "no error notice");
  await page.close();
});

test("10. the pane checks as the user types: a finding appears after an edit and goes after the fix, without clicking 検証", async () => {
  const page = await openDemo();
  const pane = page.frameLocator("#taskpane");
  const frame = page.frame({ url: /taskpane\.html/ });
  assert.ok(frame, "the pane's frame");
  const before = await paneCounts(page);
  const syncs = () => page.evaluate(() => (window as unknown as { kpiDemo: { workbook: { syncs: number } } }).kpiDemo.workbook.syncs);
  await pane.locator(".settings-summary").click(); // the card's content loads when it is first opened
  const autoCheck = pane.locator("#setting-auto-check");
  assert.equal(await autoCheck.isChecked(), true, "on by default where Excel raises change events");
  // The pane scrolled down to its findings: a re-check must leave it there.
  await frame.evaluate(() => window.scrollTo(0, 240));
  const scrolled = await frame.evaluate(() => window.scrollY);
  const isNumberFinding = (f: { rule: string; sheet: string; cell: string }) =>
    f.rule === "number-format" && f.sheet === "事業1" && f.cell === "F18";

  // The user types ▲ into an actual value (a number cell) in the grid.
  await showSheet(page, "事業1");
  const typeInto = async (cell: string, text: string) => {
    await page.locator(`#grid td[data-cell="${cell}"]`).dblclick();
    const editor = page.locator("#grid .cell-editor");
    await editor.waitFor();
    await editor.fill(text);
    await editor.press("Enter");
    await eventually(async () => !(await editor.isVisible()), "the editor to close");
  };
  const start = await syncs();
  await typeInto("F18", "▲");
  await eventually(async () => (await paneFindings(page)).some(isNumberFinding), "the finding at 事業1!F18 to appear", 15_000);
  await waitForIdle(page);
  assert.equal(await syncs(), start + 1, "one round trip for the re-check");
  assert.equal((await paneCounts(page)).error, before.error + 1);
  assert.equal(await frame.evaluate(() => window.scrollY), scrolled, "the pane keeps its scroll position");
  await screenshot(page, "auto-check-ja.png");

  // Corrected: the finding goes, the counts are the sample's again.
  await typeInto("F18", "11086");
  await eventually(async () => !(await paneFindings(page)).some(isNumberFinding), "the finding at 事業1!F18 to go", 15_000);
  await waitForIdle(page);
  assert.deepEqual(await paneCounts(page), before);
  assert.equal((await workbookCells(page))["事業1!F18"].value, 11086);
  await page.close();
});

test("11. 前年度の報告書と比較: last year's file, picked on the PC and read in the pane, gives the comparison's findings until cleared", async () => {
  // Last year's report: the sample with its 2025 target (事業1!E20) planned differently.
  const lastYear = path.join(FIXTURES, "last-year.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SEED);
  workbook.getWorksheet("事業1")!.getCell("E20").value = 5000;
  await workbook.xlsx.writeFile(lastYear);

  const page = await openDemo();
  const pane = page.frameLocator("#taskpane");
  const before = await paneCounts(page);
  const isPlanChange = (f: { rule: string; sheet: string; cell: string }) =>
    f.rule === "plan-value-changed" && f.sheet === "事業1" && f.cell === "E20";
  assert.equal((await paneFindings(page)).some(isPlanChange), false);

  await pane.locator(".settings-summary").click();
  await pane.locator("input[type=file]#setting-previous-file").setInputFiles(lastYear);
  await eventually(async () => (await paneFindings(page)).some(isPlanChange), "the plan-value-changed finding at 事業1!E20", 15_000);
  await waitForIdle(page);
  assert.match(await pane.locator(".previous-source").innerText(), /last-year\.xlsx/);
  assert.equal((await paneCounts(page)).warning, before.warning + 1);

  await pane.getByRole("button", { name: "比較をやめる" }).click();
  await eventually(async () => !(await paneFindings(page)).some(isPlanChange), "the finding to go", 15_000);
  await waitForIdle(page);
  assert.deepEqual(await paneCounts(page), before);
  assert.equal(await pane.locator(".previous-source").count(), 0);
  await page.close();
});

test("12. the rule engine's script cannot be fetched as the pane opens: the pane says so, and 検証 fetches it again and checks", async () => {
  const page = await browser.context.newPage();
  // The engine's chunk (src/taskpane/engine.ts fetches it at start) fails until the network is back.
  let reachable = false;
  let refused = 0;
  let served = 0;
  await page.route(/\/engine\.[0-9a-f]{8}\.js$/, (route) => {
    if (reachable) {
      served++;
      return route.continue();
    }
    refused++;
    return route.abort("connectionfailed");
  });
  const problemsBefore = problems.length;
  await page.goto(server.url);
  await page.locator("body[data-state=ready]").waitFor({ timeout: 30_000 });
  const pane = page.frameLocator("#taskpane");
  const alert = pane.locator(".message-error");
  await eventually(
    async () => (await alert.count()) > 0 && /部品をアドインのサーバーから読み込めませんでした/.test(await alert.innerText()),
    "the message that a part of the pane could not be loaded",
  );
  await waitForIdle(page);
  await screenshot(page, "pane-engine-unreachable.png", "#taskpane");
  assert.equal(await pane.locator(".summary .count-value").count(), 0, "nothing is shown as checked");
  // Fetched once, at start: the first check waited for that fetch rather than asking again.
  assert.equal(refused, 1);

  reachable = true;
  await pane.getByRole("button", { name: "検証", exact: true }).click();
  await waitForChecked(page);
  // Fetched again by the check (webpack forgets a chunk whose script failed), once.
  assert.deepEqual({ refused, served }, { refused: 1, served: 1 });
  const cli = await cliReport(SEED);
  assert.deepEqual(await paneCounts(page), { error: cli.stats.errors, warning: cli.stats.warnings, info: cli.stats.infos });
  assert.equal(await alert.count(), 0, "the message is gone");
  // A finding's rule (its description and docs) comes with the engine.
  await pane.locator(".finding-about summary").first().click();
  assert.match(await pane.locator(".finding-about .finding-docs").first().innerText(), /docs\/rules\/[a-z-]+\.md/);
  // This page's console errors are the failed loads only (kept out of the last test's check).
  const own = problems.splice(problemsBefore);
  assert.ok(own.length > 0 && own.every((line) => /could not be loaded|Failed to load resource|ERR_/.test(line)), own.join("\n"));
  await page.close();
});

test("no request left the machine, no page error", () => {
  assert.ok(requests.length > 0);
  const origin = new URL(server.url).origin;
  const outside = requests.filter((url) => !url.startsWith(origin + "/") && !/^(blob|data|about):/.test(url));
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
});
