/**
 * The shipped sample workbooks (samples/*.xlsx): what a user opening them would notice, and that
 * they are exactly what `npm run samples` (src/fixtures/samples.ts) makes from samples/data/hanamaki-r6.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import {
  BLANK_FILE,
  HANAMAKI_FILE,
  SAMPLES_DIR,
  buildHanamaki,
  buildSamples,
  loadReport,
  repackWithFixedTimes,
  type SampleKpi,
  type SampleReport,
} from "../src/fixtures/samples";
import { KIND_LIST, STATUS_LIST, YEN_FORMAT, blockRow } from "../src/fixtures/template";
import { compressedBytes, listZipEntries } from "../src/xlsx/zip";

jest.setTimeout(60_000);

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const SECTION_SHEETS = ["事業1", "事業2", "事業3", "事業4", "事業5"];

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The plain value of a cell: a formula's cached result, null for empty and merge slaves. */
function plain(ws: ExcelJS.Worksheet, address: string): unknown {
  const cell = ws.getCell(address);
  if (cell.isMerged && cell.master.address !== cell.address) return null;
  const v = cell.value;
  if (v !== null && typeof v === "object" && "formula" in v) return cell.result;
  return v ?? null;
}

function validation(ws: ExcelJS.Worksheet, address: string): ExcelJS.DataValidation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[address];
}

/** Row of each 達成状況 value cell of the block at r. */
function statusRows(r: number, hasBaseline: boolean): number[] {
  return hasBaseline ? [r + 3, r + 5, r + 7] : [r + 2, r + 4, r + 6];
}

let data: SampleReport;
let hanamaki: ExcelJS.Workbook;
let blank: ExcelJS.Workbook;

beforeAll(async () => {
  data = loadReport();
  hanamaki = await open(path.join(SAMPLES_DIR, HANAMAKI_FILE));
  blank = await open(path.join(SAMPLES_DIR, BLANK_FILE));
});

describe("samples/data/hanamaki-r6.json", () => {
  test("holds 5 projects and 21 KPIs (5, 4, 3, 4, 5)", () => {
    expect(data.summary.projects).toHaveLength(5);
    expect(data.sections.map((s) => s.kpis.length)).toEqual([5, 4, 3, 4, 5]);
  });

  test("keeps the seed's anomalies", () => {
    expect(data.summary.projects[4].name).toBe("(5) 統合型公務支援システム導入");
    expect(data.sections[4].title).toBe("(5) 統合型校務支援システム導入");
    expect(data.sections[1].examples[0].label).toMatch(/^【KPI達成の場合の記入例】/);
    expect(data.sections[1].kpis[0].achieved.label).toMatch(/^【KPI達成の場合】/);
    expect(data.sections[2].kpis.every((k) => k.baseline === null)).toBe(true);
    expect(data.sections[3].kpis[1].unachieved).toMatchObject({ text: null, count: "112字" });
  });
});

describe("samples/hanamaki-r6.xlsx", () => {
  test("has the summary sheet and one sheet per section", () => {
    expect(hanamaki.worksheets.map((w) => w.name)).toEqual(["活用状況", ...SECTION_SHEETS]);
  });

  test("summary: amounts as numbers in yen format, totals as SUM formulas with results", () => {
    const ws = sheet(hanamaki, "活用状況");
    expect(ws.getCell("A1").value).toBe(data.summary.title);
    expect(ws.getCell("F3").value).toBe("R6");
    expect(ws.getCell("F4").value).toBe("事業費");
    expect(ws.getCell("G4").value).toBe("交付金充当額");
    expect(ws.getCell("F5").value).toBe(2136200);
    expect(ws.getCell("F5").numFmt).toBe(YEN_FORMAT);
    expect(ws.getCell("G5").value).toBe(1068100);
    expect(ws.getCell("G5").numFmt).toBe(YEN_FORMAT);
    expect(ws.getCell("A10").value).toBe("合計");
    expect(ws.getCell("F10").formula).toBe("SUM(F5:F9)");
    expect(ws.getCell("F10").result).toBe(226391242);
    expect(ws.getCell("G10").formula).toBe("SUM(G5:G9)");
    expect(ws.getCell("G10").result).toBe(113195621);
    const merges = ws.model.merges;
    for (const m of ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3"]) expect(merges).toContain(m);
  });

  test("summary rows equal the data file", () => {
    const ws = sheet(hanamaki, "活用状況");
    data.summary.projects.forEach((p, i) => {
      const r = 5 + i;
      expect([
        plain(ws, `A${r}`),
        plain(ws, `B${r}`),
        plain(ws, `C${r}`),
        plain(ws, `D${r}`),
        plain(ws, `E${r}`),
        plain(ws, `F${r}`),
        plain(ws, `G${r}`),
      ]).toEqual([p.name, p.period, p.overview, p.services, p.kpis, p.cost, p.grant]);
    });
  });

  test("has 21 KPI label cells", () => {
    const perSheet = SECTION_SHEETS.map((name) => {
      let n = 0;
      sheet(hanamaki, name)
        .getColumn(1)
        .eachCell((cell) => {
          if (typeof cell.value === "string" && /^KPI[①-⑳]$/.test(cell.value)) n++;
        });
      return n;
    });
    expect(perSheet).toEqual([5, 4, 3, 4, 5]);
    expect(perSheet.reduce((a, b) => a + b, 0)).toBe(21);
  });

  test("section heads: title, instructions, 記入例 rows", () => {
    data.sections.forEach((sec, i) => {
      const ws = sheet(hanamaki, SECTION_SHEETS[i]);
      expect(ws.getCell("A1").value).toBe(sec.title);
      expect(ws.getCell("A3").value).toBe("3. 事業のKPI");
      sec.instructions.forEach((para, j) => expect(ws.getCell(`A${5 + j}`).value).toBe(para));
      sec.examples.forEach((ex, j) => {
        const r = 12 + j;
        expect([plain(ws, `A${r}`), plain(ws, `B${r}`), plain(ws, `G${r}`)]).toEqual([ex.label, ex.text, ex.count]);
      });
    });
  });

  /** Every cell of a KPI block equals the data file. */
  function expectBlock(ws: ExcelJS.Worksheet, r: number, k: SampleKpi): void {
    expect([plain(ws, `A${r}`), plain(ws, `C${r}`), plain(ws, `F${r}`)]).toEqual([k.label, "種別", "基準値"]);
    expect([plain(ws, `A${r + 1}`), plain(ws, `C${r + 1}`), plain(ws, `D${r + 1}`)]).toEqual([k.name, k.kind, k.unit]);
    let y = r + 1;
    if (k.baseline) {
      expect([plain(ws, `E${r + 1}`), plain(ws, `F${r + 1}`)]).toEqual([k.baseline.year, k.baseline.value]);
      y = r + 2;
    }
    for (const yr of k.years) {
      expect([plain(ws, `E${y}`), plain(ws, `F${y}`), plain(ws, `G${y}`)]).toEqual([
        `${yr.year}年度末 目標値`,
        `${yr.year}年度末 実績値`,
        "達成状況",
      ]);
      expect([plain(ws, `E${y + 1}`), plain(ws, `F${y + 1}`), plain(ws, `G${y + 1}`)]).toEqual([yr.target, yr.actual, yr.status]);
      y += 2;
    }
    for (const [row, t] of [
      [r + 8, k.achieved],
      [r + 9, k.unachieved],
    ] as const) {
      expect([plain(ws, `A${row}`), plain(ws, `B${row}`), plain(ws, `G${row}`)]).toEqual([t.label, t.text, t.count]);
    }
  }

  test("every KPI block equals the data file", () => {
    data.sections.forEach((sec, i) => {
      const ws = sheet(hanamaki, SECTION_SHEETS[i]);
      sec.kpis.forEach((k, j) => expectBlock(ws, blockRow(j), k));
      // nothing after the last block
      expect(plain(ws, `A${blockRow(sec.kpis.length)}`)).toBeNull();
    });
  });

  test("numbers are numbers, texts are texts", () => {
    const s2 = sheet(hanamaki, "事業2"); // (2) KPI④ 窓口対応時間の減少
    expect([s2.getCell("E51").value, s2.getCell("F51").value, s2.getCell("G51").value]).toEqual([-5, -10, "達成"]);
    expect(s2.getCell("E55").value).toBe(-50);
    expect(s2.getCell("F40").value).toBe("未計測"); // (2) KPI③ actual
    const s5 = sheet(hanamaki, "事業5"); // (5) KPI④
    expect([s5.getCell("E51").value, s5.getCell("F51").value, s5.getCell("G51").value]).toEqual([83, 82.7, "未達成"]);
    expect(s5.getCell("E55").value).toBe(84.5);
    const s1 = sheet(hanamaki, "事業1");
    expect([s1.getCell("E16").value, s1.getCell("F16").value]).toEqual(["なし", "なし"]);
    expect(s1.getCell("E18").value).toBe(5000);
    expect(s1.getCell("F51").value).toBe(86.2); // (1) KPI④ actual
    expect(s1.getCell("G23").value).toBe("289字");
  });

  test("section (3): no baseline row, the 2024 header sits on the KPI-name row", () => {
    const ws = sheet(hanamaki, "事業3");
    for (const r of [15, 26, 37]) {
      expect(ws.getCell(`F${r}`).value).toBe("基準値");
      expect([ws.getCell(`E${r + 1}`).value, ws.getCell(`F${r + 1}`).value, ws.getCell(`G${r + 1}`).value]).toEqual([
        "2024年度末 目標値",
        "2024年度末 実績値",
        "達成状況",
      ]);
      expect(typeof ws.getCell(`E${r + 2}`).value).toBe("number");
      expect(ws.getCell(`E${r + 5}`).value).toBe("2026年度末 目標値");
      expect(ws.getRow(r + 7).hasValues).toBe(false);
      expect(String(ws.getCell(`A${r + 8}`).value)).toMatch(/^【KPI達成】の場合/);
    }
    expect(ws.getCell("E17").value).toBe(450);
    expect(ws.getCell("F17").value).toBe(236);
    expect(ws.getCell("E21").value).toBe(700); // 2026 target in its canonical column
  });

  test("section (4) KPI② prints 112字 next to an empty 未達成 text", () => {
    const ws = sheet(hanamaki, "事業4");
    expect(ws.getCell("A26").value).toBe("KPI②");
    expect(String(ws.getCell("A35").value)).toMatch(/^【KPI未達成又は未計測】の場合/);
    expect(ws.getCell("B35").value).toBeNull();
    expect(ws.getCell("G35").value).toBe("112字");
    expect(ws.getCell("G34").value).toBe("330字");
  });

  test("drop-downs on every 種別 and 達成状況 value cell", () => {
    data.sections.forEach((sec, i) => {
      const ws = sheet(hanamaki, SECTION_SHEETS[i]);
      sec.kpis.forEach((k, j) => {
        const r = blockRow(j);
        expect(validation(ws, `C${r + 1}`)).toMatchObject({ type: "list", formulae: [KIND_LIST] });
        for (const row of statusRows(r, k.baseline !== null)) {
          expect(validation(ws, `G${row}`)).toMatchObject({ type: "list", formulae: [STATUS_LIST] });
        }
      });
    });
  });
});

describe("samples/template-blank.xlsx", () => {
  test("summary: numbered empty rows, grant and total formulas", () => {
    expect(blank.worksheets.map((w) => w.name)).toEqual(["活用状況", "事業1"]);
    const ws = sheet(blank, "活用状況");
    expect(ws.getCell("F3").value).toBe("R6");
    for (let n = 1; n <= 5; n++) {
      const r = 4 + n;
      expect(ws.getCell(`A${r}`).value).toBe(`(${n})`);
      expect(ws.getCell(`F${r}`).value).toBeNull();
      expect(ws.getCell(`F${r}`).numFmt).toBe(YEN_FORMAT);
      expect(ws.getCell(`G${r}`).formula).toBe(`ROUNDDOWN(F${r}*1/2,0)`);
      expect(ws.getCell(`G${r}`).result).toBe(0);
    }
    expect(ws.getCell("A10").value).toBe("合計");
    expect(ws.getCell("F10").formula).toBe("SUM(F5:F9)");
    expect(ws.getCell("G10").formula).toBe("SUM(G5:G9)");
  });

  test("section sheet: section (1)'s head, 20 empty blocks, ⑪–⑳ hidden and grouped", () => {
    const ws = sheet(blank, "事業1");
    expect(ws.getCell("A1").value).toBe("(1) ");
    data.sections[0].instructions.forEach((para, j) => expect(ws.getCell(`A${5 + j}`).value).toBe(para));
    expect(ws.getCell("A12").value).toBe(data.sections[0].examples[0].label);
    for (let i = 0; i < 20; i++) {
      const r = blockRow(i);
      expect(ws.getCell(`A${r}`).value).toBe(`KPI${CIRCLED[i]}`);
      expect(ws.getCell(`C${r}`).value).toBe("種別");
      expect(ws.getCell(`A${r + 1}`).value).toBeNull();
      expect(ws.getCell(`E${r + 2}`).value).toBe("2024年度末 目標値");
      expect(ws.getCell(`E${r + 3}`).value).toBeNull();
      expect(ws.getCell(`E${r + 6}`).value).toBe("2026年度末 目標値");
      for (let row = r; row < r + 11; row++) {
        expect(ws.getRow(row).hidden).toBe(i >= 10);
        expect(ws.getRow(row).outlineLevel ?? 0).toBe(i >= 10 ? 1 : 0);
      }
      for (const row of [r + 8, r + 9]) {
        expect(ws.getCell(`B${row}`).value).toBeNull();
        expect(ws.getCell(`G${row}`).formula).toBe(`LEN(B${row})&"字"`);
        expect(ws.getCell(`G${row}`).result).toBe("0字");
      }
      expect(validation(ws, `C${r + 1}`)).toMatchObject({ type: "list", formulae: [KIND_LIST] });
      for (const row of statusRows(r, true)) {
        expect(validation(ws, `G${row}`)).toMatchObject({ type: "list", formulae: [STATUS_LIST] });
      }
    }
    expect(ws.properties.outlineLevelRow).toBe(1);
  });
});

// ───────────────────────────── no drift ─────────────────────────────

/** Everything of a workbook a reader or a user could see, as plain JSON. */
function snapshot(wb: ExcelJS.Workbook): unknown {
  return {
    creator: wb.creator,
    created: wb.created?.toISOString(),
    modified: wb.modified?.toISOString(),
    sheets: wb.worksheets.map((ws) => {
      const rows: unknown[] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        const cells: Record<string, unknown> = {};
        row.eachCell({ includeEmpty: true }, (cell) => {
          cells[cell.address] = { value: cell.value, result: cell.result ?? null, numFmt: cell.numFmt ?? null };
        });
        rows.push({ n, hidden: row.hidden, outlineLevel: row.outlineLevel ?? 0, height: row.height ?? null, cells });
      });
      return {
        name: ws.name,
        state: ws.state,
        properties: ws.properties,
        merges: [...ws.model.merges].sort(),
        widths: (ws.columns ?? []).map((c) => c.width ?? null),
        validations: (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
        rows,
      };
    }),
  };
}

describe("committed samples never drift from the data file", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-samples-"));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("rebuilding gives the same cell contents as samples/*.xlsx", async () => {
    const built = await buildSamples(dir);
    const rebuiltHanamaki = await open(built.hanamaki);
    const rebuiltBlank = await open(built.blank);
    // fresh copies: the tests above create cells in their workbooks just by looking at them
    const committedHanamaki = await open(path.join(SAMPLES_DIR, HANAMAKI_FILE));
    const committedBlank = await open(path.join(SAMPLES_DIR, BLANK_FILE));
    expect(snapshot(rebuiltHanamaki)).toEqual(snapshot(committedHanamaki));
    expect(snapshot(rebuiltBlank)).toEqual(snapshot(committedBlank));
  });
});

// ───────────────────────────── byte-identical rebuilds ─────────────────────────────

/** Fakes the clock only (Date), so ExcelJS's promises, timers and streams run as usual. */
function fakeDate(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
}

/** Every part of an archive, inflated, by name, with the ZIP's DOS date/time fields (local and central). */
function parts(zip: Uint8Array): { names: string[]; bytes: Map<string, Buffer>; times: Set<number> } {
  const entries = listZipEntries(zip);
  if (!entries) throw new Error("not a ZIP archive");
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const bytes = new Map<string, Buffer>();
  const times = new Set<number>();
  for (const entry of entries) {
    const body = compressedBytes(zip, entry)!;
    bytes.set(entry.name, entry.method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body));
    times.add(view.getUint32(entry.localHeaderOffset + 10, true));
  }
  return { names: entries.map((e) => e.name), bytes, times };
}

describe("npm run samples rebuilds byte-identical files", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-samples-bytes-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    jest.useRealTimers();
  });
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("two builds at different times give the same bytes, equal to the committed samples", async () => {
    fakeDate("2026-01-02T03:04:05Z");
    const first = await buildSamples(tempDir());
    fakeDate("2031-07-08T09:10:11Z");
    const second = await buildSamples(tempDir());
    jest.useRealTimers();
    for (const [a, b, committed] of [
      [first.hanamaki, second.hanamaki, path.join(SAMPLES_DIR, HANAMAKI_FILE)],
      [first.blank, second.blank, path.join(SAMPLES_DIR, BLANK_FILE)],
    ]) {
      const bytes = fs.readFileSync(a);
      expect(fs.readFileSync(b).equals(bytes)).toBe(true);
      // When this fails after a deliberate change of the samples: `npm run samples`, then commit samples/*.xlsx.
      expect(fs.readFileSync(committed).equals(bytes)).toBe(true);
    }
  });

  test("every entry is stamped 1980-01-01 00:00", () => {
    for (const file of [HANAMAKI_FILE, BLANK_FILE]) {
      expect([...parts(fs.readFileSync(path.join(SAMPLES_DIR, file))).times]).toEqual([0x00210000]);
    }
  });

  test("re-packing keeps every part of ExcelJS's archive, in order, byte for byte", async () => {
    const written = new Uint8Array(await buildHanamaki(loadReport()).xlsx.writeBuffer());
    const original = parts(written);
    const repacked = parts(repackWithFixedTimes(written));
    expect(repacked.names).toEqual(original.names);
    expect(repacked.names.length).toBeGreaterThan(5);
    for (const name of original.names) expect(repacked.bytes.get(name)!.equals(original.bytes.get(name)!)).toBe(true);
  });
});
