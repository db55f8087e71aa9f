/** @jest-environment node */
/**
 * The Office.js adapter (src/excel/excel-host.ts) against a fake Excel whose proxy objects are
 * office-addin-mock OfficeMockObjects (load / sync of a static object tree). What the mock does
 * not model, the FakeExcel below adds around it:
 * - a backing workbook: OfficeMockObject holds whatever it was populated with; here every proxy
 *   resolves its target lazily at sync time and its loaded properties are refreshed from the
 *   workbook before the mock's own sync copies them out;
 * - writes: assigning `range.values = …` on a mock only sets a JS property; here each sync
 *   compares the written properties with what the mock last exposed and applies the difference
 *   to the workbook, with Excel's coercion of typed input (formulas, numbers, dates, ' prefix);
 * - methods returning new objects (getRange, getUsedRangeOrNullObject, getNextOrNullObject …):
 *   the mock's context.sync only walks its own tree, so every proxy is registered and synced;
 * - null objects (isNullObject), errors (OfficeExtension.Error-like, raised by sync), sheet
 *   protection, non-transactional batches (a failing batch keeps the writes before the failure),
 *   requirement sets (an API newer than the fake's ExcelApi version fails the sync with ApiNotFound);
 * - office-addin-mock cannot reload a property it has already delivered (it only replaces its
 *   "not loaded" markers), so the adapter loads through fresh proxies after writing.
 */
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
// office-addin-mock imports office-addin-manifest only for its OfficeApp enum. The full package also
// loads the manifest schema validator, which needs ajv 8 hoisted (with the original lock file,
// ajv-draft-04 resolved ajv 6 and office-addin-mock failed to load); the enum alone is enough.

import { OfficeMockObject } from "office-addin-mock";
import { parseA1, parseRange, toA1 } from "../src/core/address";
import { fixWorkbook, validateWorkbook, type CellWrite, type Scalar, type WorkbookData } from "../src/core";
import { createExcelHost, HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY, type ExcelHostOptions } from "../src/excel/excel-host";
import { HostError, type SettingsStore } from "../src/excel/host";
import { buildReport, edited, firstYear, oneSection, type ReportSpec } from "./helpers/report-builder";

// ---------------------------------------------------------------------------------------------
// Fake Excel

type Prim = string | number | boolean;
interface Fill {
  color: string;
  pattern: string;
  patternColor?: string;
}
interface FakeCell {
  value: Prim;
  formula: string | null;
  numberFormat: string;
  fill: Fill | null;
  locked: boolean;
  quoted: boolean;
}
interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  protected: boolean;
  allowFormatCells: boolean;
  merges: string[];
  hiddenRows: Set<number>;
}
interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}
interface Loc extends Area {
  sheet: FakeSheet;
}

class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

const MOCK_MARKERS = new Set(["Error, property was not loaded", "Error, context.sync() was not called"]);
const isMarker = (v: unknown) => typeof v === "string" && MOCK_MARKERS.has(v);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Mock = any;

function backing(mock: Mock, name: string, value: unknown): void {
  const property = mock._properties.get(name);
  if (property) property._valueBeforeLoaded = value;
}

function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function areaAddress(a: Area): string {
  const start = toA1(a.r0, a.c0);
  return a.r0 === a.r1 && a.c0 === a.c1 ? start : `${start}:${toA1(a.r1, a.c1)}`;
}

function toArea(address: string): Area {
  const range = parseRange(address);
  if (!range) throw new FakeOfficeError("InvalidArgument", `bad address ${address}`);
  return { r0: range.start.row, c0: range.start.col, r1: range.end.row, c1: range.end.col };
}

function numeric(text: string): number | null {
  const t = text.replace(/,/g, "");
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : null;
}

interface ProxyRecord {
  obj: Mock;
  refresh(): void;
  writes(): (() => void)[];
  seen(): void;
}

interface Context {
  mock: Mock;
  records: ProxyRecord[];
  ops: (() => void)[];
  apiError?: FakeOfficeError;
  itemsRequested: boolean;
}

class FakeExcel {
  sheets: FakeSheet[] = [];
  syncs = 0;
  events: string[] = [];
  /** The next sync that writes applies this many operations, then fails with the error. */
  failWrite?: { error: FakeOfficeError; applyFirst: number };
  /** API names whose use makes the sync fail (e.g. more than 512 merged areas). */
  failOn = new Set<string>();

  constructor(readonly version = 13) {}

  static from(workbook: WorkbookData, version?: number): FakeExcel {
    const fake = new FakeExcel(version);
    for (const data of workbook.sheets) {
      const sheet = fake.addSheet(data.name);
      const origin = parseA1(data.origin ?? "A1")!;
      data.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const formula = data.formulas?.[r]?.[c] ?? null;
          const numberFormat = data.numberFormats?.[r]?.[c] ?? null;
          if ((value === null || value === "") && !formula && !numberFormat) return;
          const cell = fake.blank();
          cell.value = value === null ? "" : value;
          cell.formula = formula;
          cell.numberFormat = numberFormat ?? "General";
          sheet.cells.set(toA1(origin.row + r, origin.col + c), cell);
        }),
      );
      sheet.merges = [...(data.merges ?? [])];
      sheet.hiddenRows = new Set(data.hiddenRows ?? []);
    }
    return fake;
  }

  addSheet(name: string): FakeSheet {
    const sheet: FakeSheet = { name, cells: new Map(), protected: false, allowFormatCells: false, merges: [], hiddenRows: new Set() };
    this.sheets.push(sheet);
    return sheet;
  }

  blank(): FakeCell {
    return { value: "", formula: null, numberFormat: "General", fill: null, locked: true, quoted: false };
  }

  sheet(name: string): FakeSheet {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  cell(sheet: string, address: string): FakeCell {
    const s = this.sheet(sheet);
    let cell = s.cells.get(address);
    if (!cell) {
      cell = this.blank();
      s.cells.set(address, cell);
    }
    return cell;
  }

  /** Sheet -> cell -> content, for comparing whole workbooks (empty cells left out). */
  snapshot(): Record<string, Record<string, FakeCell>> {
    const out: Record<string, Record<string, FakeCell>> = {};
    for (const sheet of this.sheets) {
      out[sheet.name] = {};
      for (const [address, cell] of sheet.cells) {
        const blank = cell.value === "" && !cell.formula && cell.numberFormat === "General" && !cell.fill;
        if (!blank) out[sheet.name][address] = { ...cell, fill: cell.fill && { ...cell.fill } };
      }
    }
    return out;
  }

  supports(version: string): boolean {
    const [major, minor] = version.split(".").map(Number);
    return major === 1 && minor <= this.version;
  }

  install(displayLanguage = "ja-JP"): void {
    (globalThis as Mock).Excel = { run: <T>(batch: (context: Mock) => Promise<T>) => batch(this.context()) };
    (globalThis as Mock).Office = {
      context: {
        displayLanguage,
        requirements: { isSetSupported: (set: string, version: string) => set === "ExcelApi" && this.supports(version) },
      },
    };
  }

  // --- reading the workbook as Excel shows it

  private read(loc: Loc, what: "values" | "formulas" | "numberFormat"): unknown[][] {
    const rows: unknown[][] = [];
    for (let r = loc.r0; r <= loc.r1; r++) {
      const row: unknown[] = [];
      for (let c = loc.c0; c <= loc.c1; c++) {
        const cell = loc.sheet.cells.get(toA1(r, c));
        if (what === "values") row.push(cell ? cell.value : "");
        else if (what === "formulas") row.push(cell ? (cell.formula ?? cell.value) : "");
        else row.push(cell ? cell.numberFormat : "General");
      }
      rows.push(row);
    }
    return rows;
  }

  usedArea(sheet: FakeSheet, valuesOnly: boolean): Area | null {
    let area: Area | null = null;
    for (const [address, cell] of sheet.cells) {
      const used = cell.value !== "" || cell.formula || (!valuesOnly && (cell.numberFormat !== "General" || cell.fill));
      if (!used) continue;
      const p = parseA1(address)!;
      area = area
        ? { r0: Math.min(area.r0, p.row), c0: Math.min(area.c0, p.col), r1: Math.max(area.r1, p.row), c1: Math.max(area.c1, p.col) }
        : { r0: p.row, c0: p.col, r1: p.row, c1: p.col };
    }
    return area;
  }

  // --- Excel's handling of input

  evaluate(sheet: FakeSheet, formula: string): Prim {
    const sum = /^=SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(formula);
    if (sum) {
      const a = toArea(sum[1]);
      let total = 0;
      for (let r = a.r0; r <= a.r1; r++)
        for (let c = a.c0; c <= a.c1; c++) {
          const v = sheet.cells.get(toA1(r, c))?.value;
          if (typeof v === "number") total += v;
        }
      return total;
    }
    const rounddown = /^=ROUNDDOWN\(([A-Z]+\d+)\*(\d+)\/(\d+),0\)$/.exec(formula);
    if (rounddown) {
      const v = sheet.cells.get(rounddown[1])?.value;
      return typeof v === "number" ? Math.floor((v * Number(rounddown[2])) / Number(rounddown[3])) : "#VALUE!";
    }
    const len = /^=LEN\(([A-Z]+\d+)\)&"字"$/.exec(formula);
    if (len) return `${String(sheet.cells.get(len[1])?.value ?? "").length}字`;
    return "#NAME?";
  }

  enter(sheet: FakeSheet, address: string, input: unknown, asFormula: boolean): void {
    if (input === null || input === undefined) return; // null in a values array: leave the cell alone
    const cell = this.cell(sheet.name, address);
    const set = (value: Prim, formula: string | null = null, quoted = false) => {
      cell.value = value;
      cell.formula = formula;
      cell.quoted = quoted;
    };
    if (typeof input !== "string") return set(input as Prim);
    if (input === "") return set("");
    if (asFormula && input.startsWith("=")) return set(this.evaluate(sheet, input), input);
    if (cell.numberFormat === "@") return set(input);
    if (input.startsWith("'")) return set(input.slice(1), null, true);
    const number = numeric(input);
    if (number !== null) return set(number);
    if (/^[=+\-@]/.test(input)) {
      const formula = input.startsWith("=") ? input : `=${input.startsWith("@") ? input.slice(1) : input}`;
      return set(this.evaluate(sheet, formula), formula);
    }
    const percent = /^([-+]?\d+(?:\.\d+)?)%$/.exec(input);
    if (percent) {
      if (cell.numberFormat === "General") cell.numberFormat = "0%";
      return set(Number(percent[1]) / 100);
    }
    if (/^(true|false)$/i.test(input)) return set(input.toLowerCase() === "true");
    if (/^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(input)) {
      if (cell.numberFormat === "General") cell.numberFormat = "m/d/yyyy";
      return set(45000);
    }
    set(input);
  }

  guard(loc: Loc, formatting: boolean): void {
    const cell = loc.sheet.cells.get(toA1(loc.r0, loc.c0));
    if (!loc.sheet.protected) return;
    // Formatting needs the "Format cells" permission; content needs an unlocked cell.
    if (formatting ? !loc.sheet.allowFormatCells : cell?.locked !== false) {
      throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is protected");
    }
  }

  // --- proxies

  context(): Mock {
    const ctx: Context = { mock: null, records: [], ops: [], itemsRequested: false };
    ctx.mock = new OfficeMockObject({
      workbook: {
        worksheets: {
          getFirst: () => this.worksheet(ctx, () => this.sheets[0] ?? null, "getFirst", 5),
          getItem: (name: string) =>
            this.worksheet(ctx, () => {
              const sheet = this.sheets.find((s) => s.name === name);
              if (!sheet) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${name})`);
              return sheet;
            }),
          getItemOrNullObject: (name: string) =>
            this.worksheet(ctx, () => this.sheets.find((s) => s.name === name) ?? null, "getItemOrNullObject", 4),
          load: function (this: Mock, properties: string) {
            if (properties !== "items/name") throw new Error(`fake: unexpected worksheets.load(${properties})`);
            ctx.itemsRequested = true;
            return this;
          },
        },
      },
    });
    ctx.mock.sync = () => this.sync(ctx);
    return ctx.mock;
  }

  private require(ctx: Context, minor: number, api: string): void {
    if (minor > this.version && !ctx.apiError) {
      ctx.apiError = new FakeOfficeError("ApiNotFound", `${api} needs ExcelApi 1.${minor} (host has 1.${this.version})`);
    }
  }

  /** Loading a property newer than the host's ExcelApi makes the next sync fail. */
  private gateLoad(ctx: Context, mock: Mock, gates: [RegExp, number][]): void {
    const load = OfficeMockObject.prototype.load;
    const require = (minor: number, api: string) => this.require(ctx, minor, api);
    mock.load = function (this: Mock, properties: Mock) {
      const text = JSON.stringify(properties);
      for (const [pattern, minor] of gates) if (pattern.test(text)) require(minor, `load ${text}`);
      return load.call(this, properties);
    };
  }

  private worksheet(ctx: Context, locate: () => FakeSheet | null, api?: string, minor?: number): Mock {
    if (api && minor) this.require(ctx, minor, api);
    const area = (sheet: FakeSheet | null, address: string): Loc | null => (sheet ? { sheet, ...toArea(address) } : null);
    const used = (valuesOnly: boolean, orNull: boolean) => (): Loc | null => {
      const sheet = locate();
      if (!sheet) return null;
      const a = this.usedArea(sheet, valuesOnly);
      if (a) return { sheet, ...a };
      return orNull ? null : { sheet, r0: 0, c0: 0, r1: 0, c1: 0 };
    };
    const obj: Mock = new OfficeMockObject({
      name: undefined,
      protection: { protected: undefined, options: { allowFormatCells: undefined } },
      getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
        this.require(ctx, 4, "getUsedRangeOrNullObject");
        return this.range(ctx, used(valuesOnly === true, true));
      },
      getUsedRange: (valuesOnly?: boolean) => {
        if (valuesOnly !== undefined) this.require(ctx, 2, "getUsedRange(valuesOnly)");
        return this.range(ctx, used(valuesOnly === true, false));
      },
      getNextOrNullObject: () => {
        this.require(ctx, 5, "getNextOrNullObject");
        return this.worksheet(ctx, () => {
          const sheet = locate();
          return sheet ? (this.sheets[this.sheets.indexOf(sheet) + 1] ?? null) : null;
        });
      },
      getRange: (address: string) => this.range(ctx, () => area(locate(), address)),
      activate: () =>
        ctx.ops.push(() => {
          const sheet = locate();
          if (!sheet) throw new FakeOfficeError("ItemNotFound", "activate on a null object");
          this.events.push(`activate ${sheet.name}`);
        }),
    });
    this.gateLoad(ctx, obj.protection, [[/./, 2]]);
    ctx.records.push({
      obj,
      refresh: () => {
        const sheet = locate();
        obj.isNullObject = !sheet;
        backing(obj, "name", sheet?.name);
        backing(obj.protection, "protected", sheet?.protected);
        backing(obj.protection.options, "allowFormatCells", sheet?.allowFormatCells);
      },
      writes: () => [],
      seen: () => undefined,
    });
    return obj;
  }

  private range(ctx: Context, locate: () => Loc | null): Mock {
    const obj: Mock = new OfficeMockObject({
      address: undefined,
      values: undefined,
      formulas: undefined,
      numberFormat: undefined,
      format: {
        fill: {
          color: undefined,
          pattern: undefined,
          patternColor: undefined,
          clear: () =>
            ctx.ops.push(() => {
              const loc = locate();
              if (!loc) throw new FakeOfficeError("InvalidObjectPath", "clear on a null object");
              this.guard(loc, true);
              this.cell(loc.sheet.name, toA1(loc.r0, loc.c0)).fill = null;
              this.events.push(`clear ${loc.sheet.name}!${toA1(loc.r0, loc.c0)}`);
            }),
        },
        protection: { locked: undefined },
      },
      getMergedAreasOrNullObject: () => {
        this.require(ctx, 13, "getMergedAreasOrNullObject");
        return this.areas(ctx, locate);
      },
      getColumn: (index: number) =>
        this.range(ctx, () => {
          const loc = locate();
          return loc && { ...loc, c0: loc.c0 + index, c1: loc.c0 + index };
        }),
      getVisibleView: () => {
        this.require(ctx, 3, "getVisibleView");
        return this.view(ctx, locate);
      },
      select: () =>
        ctx.ops.push(() => {
          const loc = locate();
          if (!loc) throw new FakeOfficeError("InvalidObjectPath", "select on a null object");
          this.events.push(`select ${loc.sheet.name}!${areaAddress(loc)}`);
        }),
    });
    this.gateLoad(ctx, obj, [
      [/protection/, 2],
      [/pattern/, 9],
    ]);
    this.gateLoad(ctx, obj.format.fill, [[/pattern/, 9]]);
    this.gateLoad(ctx, obj.format.protection, [[/./, 2]]);
    const fill = obj.format.fill;
    const seen: Mock = {};
    const watched: [Mock, string][] = [
      [obj, "numberFormat"],
      [obj, "formulas"],
      [obj, "values"],
      [fill, "color"],
      [fill, "pattern"],
      [fill, "patternColor"],
    ];
    const remember = () => watched.forEach(([o, p], i) => (seen[i] = o[p]));
    remember();
    ctx.records.push({
      obj,
      refresh: () => {
        const loc = locate();
        obj.isNullObject = !loc;
        if (!loc) return;
        backing(obj, "address", `${quoteSheet(loc.sheet.name)}!${areaAddress(loc)}`);
        backing(obj, "values", this.read(loc, "values"));
        backing(obj, "formulas", this.read(loc, "formulas"));
        backing(obj, "numberFormat", this.read(loc, "numberFormat"));
        const cell = loc.sheet.cells.get(toA1(loc.r0, loc.c0));
        backing(fill, "color", cell?.fill ? cell.fill.color : "#FFFFFF");
        backing(fill, "pattern", cell?.fill ? cell.fill.pattern : "None");
        backing(fill, "patternColor", cell?.fill?.patternColor ?? null);
        backing(obj.format.protection, "locked", cell ? cell.locked : true);
      },
      writes: () => {
        const ops: (() => void)[] = [];
        watched.forEach(([o, p], i) => {
          const value = o[p];
          if (value === seen[i] || isMarker(value)) return;
          ops.push(() => {
            const loc = locate();
            if (!loc) throw new FakeOfficeError("InvalidObjectPath", `write to ${p} of a null object`);
            if (loc.r0 !== loc.r1 || loc.c0 !== loc.c1) throw new Error("fake: multi-cell writes are not modelled");
            const address = toA1(loc.r0, loc.c0);
            const formatting = p === "numberFormat" || o === fill;
            this.guard(loc, formatting);
            const input = o === fill ? value : (value as unknown[][])[0][0];
            this.events.push(`write ${p} ${loc.sheet.name}!${address}`);
            if (p === "numberFormat") this.cell(loc.sheet.name, address).numberFormat = String(input);
            else if (o === fill) {
              const cell = this.cell(loc.sheet.name, address);
              if (p === "color") cell.fill = { ...(cell.fill ?? { pattern: "Solid" }), color: String(input) };
              else if (p === "pattern") cell.fill = { ...(cell.fill ?? { color: "#FFFFFF" }), pattern: String(input) };
              else cell.fill = { ...(cell.fill ?? { color: "#FFFFFF", pattern: "Solid" }), patternColor: String(input) };
            } else this.enter(loc.sheet, address, input, p === "formulas");
          });
        });
        return ops;
      },
      seen: remember,
    });
    return obj;
  }

  private areas(ctx: Context, locate: () => Loc | null): Mock {
    const obj: Mock = new OfficeMockObject({ address: undefined });
    ctx.records.push({
      obj,
      refresh: () => {
        if (this.failOn.has("getMergedAreasOrNullObject")) {
          throw new FakeOfficeError("GeneralException", "There are more than 512 merged areas");
        }
        const loc = locate();
        const hits = loc
          ? loc.sheet.merges.filter((m) => {
              const a = toArea(m);
              return a.r0 <= loc.r1 && a.r1 >= loc.r0 && a.c0 <= loc.c1 && a.c1 >= loc.c0;
            })
          : [];
        obj.isNullObject = hits.length === 0;
        backing(obj, "address", hits.length ? hits.map((m) => `${quoteSheet(loc!.sheet.name)}!${m}`).join(", ") : undefined);
      },
      writes: () => [],
      seen: () => undefined,
    });
    return obj;
  }

  private view(ctx: Context, locate: () => Loc | null): Mock {
    const obj: Mock = new OfficeMockObject({ cellAddresses: undefined });
    ctx.records.push({
      obj,
      refresh: () => {
        const loc = locate();
        obj.isNullObject = !loc;
        if (!loc) return;
        const rows: string[][] = [];
        for (let r = loc.r0; r <= loc.r1; r++) {
          if (loc.sheet.hiddenRows.has(r + 1)) continue;
          const row: string[] = [];
          for (let c = loc.c0; c <= loc.c1; c++) row.push(`${quoteSheet(loc.sheet.name)}!${toA1(r, c)}`);
          rows.push(row);
        }
        backing(obj, "cellAddresses", rows);
      },
      writes: () => [],
      seen: () => undefined,
    });
    return obj;
  }

  private async sync(ctx: Context): Promise<void> {
    this.syncs++;
    const ops = [...ctx.records.flatMap((r) => r.writes()), ...ctx.ops];
    ctx.ops = [];
    try {
      if (ctx.apiError) throw ctx.apiError;
      const failure = ops.length > 0 ? this.failWrite : undefined;
      if (failure) this.failWrite = undefined;
      // Not transactional, like Excel: what ran before the failing command stays done.
      ops.forEach((op, i) => {
        if (failure && i === failure.applyFirst) throw failure.error;
        op();
      });
      if (failure) throw failure.error;
      if (ctx.itemsRequested) {
        const items = this.sheets.map((sheet) => {
          const item = this.worksheet(ctx, () => (this.sheets.includes(sheet) ? sheet : null));
          item.load("name");
          return item;
        });
        ctx.mock.workbook.worksheets.items = items;
        ctx.itemsRequested = false;
      }
      for (const record of ctx.records) record.refresh();
    } catch (error) {
      for (const record of ctx.records) record.seen(); // the failed batch is dropped
      throw error;
    } finally {
      ctx.apiError = undefined;
    }
    await OfficeMockObject.prototype.sync.call(ctx.mock);
    for (const record of ctx.records) await record.obj.sync();
    await new Promise((resolve) => setImmediate(resolve));
    for (const record of ctx.records) record.seen();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------
// Helpers

function memorySettings(): SettingsStore & { data: Map<string, unknown>; saves: number } {
  const data = new Map<string, unknown>();
  const store = {
    data,
    saves: 0,
    get: (key: string) => (data.has(key) ? JSON.parse(JSON.stringify(data.get(key))) : null),
    set: (key: string, value: unknown) => {
      if (value === null) data.delete(key);
      else data.set(key, value);
    },
    save: async () => {
      store.saves++;
    },
  };
  return store;
}

function host(fake: FakeExcel, options: ExcelHostOptions = {}) {
  fake.install();
  return createExcelHost(options);
}

/** WorkbookData with empty cells as null, the origin spelled out, merges sorted: comparable. */
function normalized(workbook: WorkbookData): WorkbookData {
  return {
    sheets: workbook.sheets.map((s) => ({
      name: s.name,
      origin: s.origin ?? "A1",
      values: s.values.map((row) => row.map((v) => (v === "" ? null : v))),
      formulas: (s.formulas ?? []).map((row) => row.map((f) => f ?? null)),
      numberFormats: (s.numberFormats ?? []).map((row) => row.map((f) => f ?? null)),
      merges: [...(s.merges ?? [])].sort(),
      hiddenRows: [...(s.hiddenRows ?? [])],
    })),
  };
}

function report(sections: number): ReportSpec {
  return { sections: Array.from({ length: sections }, (_, i) => ({ number: i + 1, blocks: [{}, {}] })) };
}

const WRONG_STATUS = edited(oneSection([{ years: firstYear(100, 80, "達成") }]), []);

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

// ---------------------------------------------------------------------------------------------
// Read

describe("readWorkbook", () => {
  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
  ])("ExcelApi 1.5+: %s in exactly one sync, content as the sheets hold it", async (_, sections) => {
    const data = buildReport(report(sections));
    expect(data.sheets).toHaveLength(sections + 1);
    const fake = FakeExcel.from(data, 13);
    const excel = host(fake);
    const outcome = await excel.readWorkbook();
    expect(outcome.syncs).toBe(1);
    expect(fake.syncs).toBe(1);
    expect(excel.lastSyncs).toBe(1);
    expect(normalized(outcome.workbook)).toEqual(normalized(data));
  });

  test.each([
    ["2 sheets", 1],
    ["40 sheets", 39],
  ])("ExcelApi 1.1 only: %s in exactly two syncs (names, then ranges)", async (_, sections) => {
    const data = buildReport(report(sections));
    const fake = FakeExcel.from(data, 1);
    const outcome = await host(fake).readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(fake.syncs).toBe(2);
    // No merged areas without ExcelApi 1.13; everything else the same.
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("ExcelApi 1.4 (no getFirst/getNextOrNullObject): two syncs, empty sheets as null objects", async () => {
    const fake = FakeExcel.from(buildReport(report(2)), 4);
    fake.addSheet("空白");
    const outcome = await host(fake).readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(outcome.workbook.sheets.map((s) => s.name)).toEqual(["活用状況", "事業1", "事業2", "空白"]);
    expect(outcome.workbook.sheets[3]).toMatchObject({ origin: "A1", values: [], formulas: [], numberFormats: [] });
  });

  test("more sheets than sheetsPerSync: one more sync, never more", async () => {
    const data = buildReport(report(19));
    const fake = FakeExcel.from(data, 13);
    const excelHost = host(fake, { sheetsPerSync: 8 });
    const outcome = await excelHost.readWorkbook();
    expect(outcome.syncs).toBe(2);
    expect(normalized(outcome.workbook)).toEqual(normalized(data));
    // The next validation of the same workbook chains as many sheets as it found: one sync.
    const again = await excelHost.readWorkbook();
    expect(again.syncs).toBe(1);
    expect(normalized(again.workbook)).toEqual(normalized(data));
  });

  test("converts Excel's arrays: origin from the used range, formulas only for =…, General as null, errors as text, hidden rows", async () => {
    const fake = new FakeExcel(13);
    const sheet = fake.addSheet("My Sheet");
    Object.assign(fake.cell("My Sheet", "C3"), { value: "見出し" });
    Object.assign(fake.cell("My Sheet", "D3"), { value: 1234, numberFormat: '#,##0"円"' });
    Object.assign(fake.cell("My Sheet", "C4"), { value: "#N/A", formula: "=NA()" });
    Object.assign(fake.cell("My Sheet", "D4"), { value: "=not a formula", quoted: true });
    Object.assign(fake.cell("My Sheet", "C6"), { value: true });
    sheet.merges = ["C5:D5"];
    sheet.hiddenRows = new Set([5]);
    fake.addSheet("Empty");
    const { workbook } = await host(fake).readWorkbook();
    expect(workbook.sheets[0]).toEqual({
      name: "My Sheet",
      origin: "C3",
      values: [
        ["見出し", 1234],
        ["#N/A", "=not a formula"],
        ["", ""],
        [true, ""],
      ],
      formulas: [
        [null, null],
        ["=NA()", null],
        [null, null],
        [null, null],
      ],
      numberFormats: [
        [null, '#,##0"円"'],
        [null, null],
        [null, null],
        [null, null],
      ],
      merges: ["C5:D5"],
      hiddenRows: [5],
    });
    expect(workbook.sheets[1]).toEqual({
      name: "Empty",
      origin: "A1",
      values: [],
      formulas: [],
      numberFormats: [],
      merges: [],
      hiddenRows: [],
    });
  });

  test("when the host rejects the one-sync batch, reads again the plain way (names, ranges)", async () => {
    const data = buildReport(report(2));
    const fake = FakeExcel.from(data, 13);
    fake.failOn.add("getMergedAreasOrNullObject");
    const outcome = await host(fake).readWorkbook();
    expect(outcome.syncs).toBe(3);
    const expected = normalized(data);
    for (const sheet of expected.sheets) sheet.merges = [];
    expect(normalized(outcome.workbook)).toEqual(expected);
  });

  test("an error the plain read cannot avoid is raised as a translated HostError", async () => {
    const fake = FakeExcel.from(buildReport(report(1)), 13);
    const excel = host(fake);
    (globalThis as { Excel: { run: unknown } }).Excel.run = async () => {
      throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode");
    };
    const error = await excel.readWorkbook().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("InvalidOperationInCellEditMode");
    expect((error as HostError).userMessage.ja).toContain("Enter");
  });

  test("the data read feeds the core: a wrong 達成状況 is found at its cell", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const { workbook } = await host(fake).readWorkbook();
    const finding = validateWorkbook(workbook).findings.find((f) => f.ruleId === "status");
    expect(finding).toMatchObject({ sheet: "事業1", cell: "G18", severity: "error", fixable: true });
    expect(finding!.fix).toEqual([expect.objectContaining({ sheet: "事業1", cell: "G18", value: "未達成" })]);
  });
});

// ---------------------------------------------------------------------------------------------
// Apply

function write(sheet: string, cell: string, expected: Scalar, value: Scalar, extra: Partial<CellWrite> = {}): CellWrite {
  return { sheet, cell, expected: { value: expected }, value, ...extra };
}

describe("applyWrites", () => {
  test("two syncs whatever the number of writes", async () => {
    for (const count of [1, 30]) {
      const fake = new FakeExcel(13);
      fake.addSheet("S");
      const writes = Array.from({ length: count }, (_, i) => write("S", `B${i + 1}`, null, i + 1));
      const outcome = await host(fake).applyWrites(writes);
      expect(outcome.applied).toHaveLength(count);
      expect(outcome.syncs).toBe(2);
      expect(fake.syncs).toBe(2);
    }
  });

  test("no writes: no sync", async () => {
    const fake = new FakeExcel(13);
    const outcome = await host(fake).applyWrites([]);
    expect(outcome).toEqual({ applied: [], skipped: [], revert: [], syncs: 0 });
    expect(fake.syncs).toBe(0);
  });

  test("the core's fixes land in exactly the named cells; read again, the finding is gone", async () => {
    const data = edited(
      {
        sections: [{ number: 1, blocks: [{ years: firstYear(100, 80, "達成") }, { kind: "ｱｳﾄﾌﾟｯﾄ" }] }],
        projects: { 1: { grant: "1,000,000円" } },
      },
      [],
    );
    const fake = FakeExcel.from(data, 13);
    const excel = host(fake);
    const { workbook } = await excel.readWorkbook();
    const fixes = fixWorkbook(workbook).writes; // one write per cell, formulas included
    expect(fixes.map((w) => `${w.sheet}!${w.cell}`).sort()).toEqual(["事業1!C27", "事業1!G18", "活用状況!G5", "活用状況!G6"]);
    const before = fake.snapshot();
    const outcome = await excel.applyWrites(fixes);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.syncs).toBe(2);
    const after = fake.snapshot();
    const touched = new Set(fixes.map((w) => `${w.sheet}!${w.cell}`));
    for (const sheet of Object.keys(after)) {
      const cells = new Set([...Object.keys(before[sheet]), ...Object.keys(after[sheet])]);
      for (const cell of cells) {
        if (touched.has(`${sheet}!${cell}`)) continue;
        expect([sheet, cell, after[sheet][cell]]).toEqual([sheet, cell, before[sheet][cell]]);
      }
    }
    expect(fake.cell("事業1", "G18")).toMatchObject({ value: "未達成", formula: null });
    const again = validateWorkbook((await excel.readWorkbook()).workbook).findings;
    expect(again.filter((f) => f.fixable)).toEqual([]);
  });

  test("a cell changed since validation is skipped with what it holds now, and left untouched", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const excel = host(fake);
    const { workbook } = await excel.readWorkbook();
    const fix = validateWorkbook(workbook).findings.find((f) => f.ruleId === "status")!.fix!;
    Object.assign(fake.cell("事業1", "G18"), { value: "未計測" }); // the user types meanwhile
    const other = write("事業1", "H1", null, "ok");
    const outcome = await excel.applyWrites([...fix, other]);
    expect(outcome.skipped).toEqual([{ write: fix[0], reason: "changed", actual: { value: "未計測", formula: null, numberFormat: null } }]);
    expect(outcome.applied).toEqual([other]);
    expect(fake.cell("事業1", "G18").value).toBe("未計測");
    expect(fake.events.filter((e) => e.includes("G18"))).toEqual([]);
  });

  test("revert restores values, formulas and number formats exactly, and expects what was written", async () => {
    const fake = new FakeExcel(13);
    fake.addSheet("S");
    Object.assign(fake.cell("S", "A1"), { value: 10 });
    Object.assign(fake.cell("S", "A2"), { value: 20 });
    Object.assign(fake.cell("S", "A3"), { value: 10, formula: "=SUM(A1:A1)", numberFormat: "0.0" });
    Object.assign(fake.cell("S", "B1"), { value: "2,136,200円" });
    Object.assign(fake.cell("S", "B2"), { value: 0.862, numberFormat: "0.0%" });
    const original = fake.snapshot();
    const excel = host(fake);
    const writes: CellWrite[] = [
      {
        sheet: "S",
        cell: "A3",
        expected: { value: 10, formula: "=SUM(A1:A1)" },
        value: 30,
        formula: "=SUM(A1:A2)",
        numberFormat: '#,##0"円"',
      },
      write("S", "B1", "2,136,200円", 2136200, { numberFormat: '#,##0"円"' }),
      write("S", "B2", 0.862, 86.2, { numberFormat: "General" }),
      write("S", "C1", null, "=これは文字"),
    ];
    const outcome = await excel.applyWrites(writes);
    expect(outcome.applied).toEqual(writes);
    expect(fake.cell("S", "A3")).toMatchObject({ value: 30, formula: "=SUM(A1:A2)", numberFormat: '#,##0"円"' });
    expect(fake.cell("S", "C1")).toMatchObject({ value: "=これは文字", formula: null });
    expect(outcome.revert).toEqual([
      {
        sheet: "S",
        cell: "A3",
        expected: { value: 30, formula: "=SUM(A1:A2)", numberFormat: '#,##0"円"' },
        value: 10,
        formula: "=SUM(A1:A1)",
        numberFormat: "0.0",
      },
      {
        sheet: "S",
        cell: "B1",
        expected: { value: 2136200, formula: null, numberFormat: '#,##0"円"' },
        value: "2,136,200円",
        numberFormat: "General",
      },
      { sheet: "S", cell: "B2", expected: { value: 86.2, formula: null, numberFormat: null }, value: 0.862, numberFormat: "0.0%" },
      { sheet: "S", cell: "C1", expected: { value: "=これは文字", formula: null, numberFormat: null }, value: null },
    ]);
    const back = await excel.applyWrites(outcome.revert);
    expect(back.skipped).toEqual([]);
    expect(back.syncs).toBe(2);
    const restored = fake.snapshot();
    for (const cell of Object.values(restored.S)) cell.quoted = false; // the ' prefix is how text is written, not content
    for (const cell of Object.values(original.S)) cell.quoted = false;
    expect(restored).toEqual(original);
  });

  test.each(["=1+1", "+81-3-1234-5678", "-", "-5", "@home", "'quoted", "001", "10%", "2025/4/1", "TRUE", "#N/A", "12字", "達成"])(
    "text %p is written so that Excel keeps it as that text, without touching the number format",
    async (text) => {
      const fake = new FakeExcel(13);
      fake.addSheet("S");
      const outcome = await host(fake).applyWrites([write("S", "D4", null, text)]);
      expect(outcome.applied).toHaveLength(1);
      expect(fake.cell("S", "D4")).toMatchObject({ value: text, formula: null, numberFormat: "General" });
      expect(outcome.revert[0].expected).toEqual({ value: text, formula: null, numberFormat: null });
    },
  );

  test("a protected sheet's locked cells are skipped (an unlocked one is written); nothing fails", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const sheet = fake.sheet("事業1");
    sheet.protected = true;
    fake.cell("事業1", "H2").locked = false;
    const excel = host(fake);
    const writes = [
      write("事業1", "G18", "達成", "未達成"),
      write("事業1", "H2", null, "入力欄"),
      write("事業1", "H3", null, 5, { numberFormat: "0.0" }),
      write("活用状況", "H1", null, "free"),
    ];
    fake.cell("事業1", "H3").locked = false; // unlocked, but formatting is not allowed
    const outcome = await excel.applyWrites(writes);
    expect(outcome.skipped.map((s) => [s.write.cell, s.reason])).toEqual([
      ["G18", "protected"],
      ["H3", "protected"],
    ]);
    expect(outcome.applied.map((w) => w.cell)).toEqual(["H2", "H1"]);
    expect(fake.cell("事業1", "G18").value).toBe("達成");
    expect(fake.cell("事業1", "H2").value).toBe("入力欄");
    expect(outcome.syncs).toBe(2);
  });

  test("a renamed/deleted sheet gives no-sheet, a covered cell of a merged area gives merged", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const excel = host(fake);
    const outcome = await excel.applyWrites([
      write("削除済み", "A1", null, 1),
      write("事業1", "B15", null, "x"), // A15:B15 is merged
      write("事業1", "A15", "KPI①", "KPI①"),
    ]);
    expect(outcome.skipped.map((s) => [s.write.sheet, s.write.cell, s.reason])).toEqual([
      ["削除済み", "A1", "no-sheet"],
      ["事業1", "B15", "merged"],
    ]);
    expect(outcome.applied.map((w) => w.cell)).toEqual(["A15"]);
  });

  test("two writes to one cell: the second must expect what the first wrote; one revert restores the original", async () => {
    const fake = new FakeExcel(13);
    fake.addSheet("S");
    Object.assign(fake.cell("S", "A1"), { value: "a" });
    const excel = host(fake);
    const outcome = await excel.applyWrites([write("S", "A1", "a", "b"), write("S", "A1", "a", "c"), write("S", "A1", "b", "d")]);
    expect(outcome.applied.map((w) => w.value)).toEqual(["b", "d"]);
    expect(outcome.skipped.map((s) => [s.write.value, s.reason, s.actual?.value])).toEqual([["c", "changed", "b"]]);
    expect(fake.cell("S", "A1").value).toBe("d");
    expect(outcome.revert).toEqual([{ sheet: "S", cell: "A1", expected: { value: "d", formula: null, numberFormat: null }, value: "a" }]);
  });

  test("a failing write sync restores the whole batch and raises a translated HostError", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    Object.assign(fake.cell("事業1", "H1"), { value: 1, numberFormat: "0.00" });
    const excel = host(fake);
    const original = fake.snapshot();
    fake.failWrite = { error: new FakeOfficeError("InvalidOperationInCellEditMode", "cell edit mode"), applyFirst: 2 };
    const error = await excel
      .applyWrites([
        write("事業1", "G18", "達成", "未達成"),
        write("事業1", "H1", 1, 2, { numberFormat: "0" }),
        write("事業1", "H2", null, "x"),
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    const hostError = error as HostError;
    expect(hostError.code).toBe("InvalidOperationInCellEditMode");
    expect(hostError.userMessage.ja).toMatch(/Enter.*Esc/);
    expect(hostError.userMessage.ja).toContain("元の内容に戻しました");
    expect(hostError.detail).toMatchObject({ restored: true });
    expect(fake.events.some((e) => e.includes("G18"))).toBe(true); // part of the batch did land …
    expect(fake.snapshot()).toEqual(original); // … and was put back
    expect(fake.syncs).toBe(3);
    expect(excel.lastSyncs).toBe(3);
  });

  test("a failing restore is reported as such", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const excel = host(fake);
    fake.failWrite = { error: new FakeOfficeError("GeneralException", "boom"), applyFirst: 0 };
    const run = (globalThis as { Excel: { run: (b: unknown) => Promise<unknown> } }).Excel.run;
    let runs = 0;
    (globalThis as { Excel: { run: unknown } }).Excel.run = (batch: unknown) => {
      runs++;
      if (runs === 2) return Promise.reject(new FakeOfficeError("AccessDenied", "read-only"));
      return run(batch);
    };
    const error = (await excel.applyWrites([write("事業1", "G18", "達成", "未達成")]).catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("GeneralException");
    expect(error.userMessage.ja).toContain("事業1!G18");
    expect(error.detail).toMatchObject({ restored: false });
  });

  test("ExcelApi 1.1 host: same two syncs, no protection or merge checks asked of it", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 1);
    const outcome = await host(fake).applyWrites([write("事業1", "G18", "達成", "未達成")]);
    expect(outcome.applied).toHaveLength(1);
    expect(outcome.syncs).toBe(2);
  });

  test("ExcelApi 1.1 host: a missing sheet fails the batch with a message about renamed sheets", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 1);
    const error = (await host(fake)
      .applyWrites([write("無い", "A1", null, 1)])
      .catch((e: unknown) => e)) as HostError;
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe("ItemNotFound");
    expect(error.userMessage.ja).toContain("シート名");
  });
});

// ---------------------------------------------------------------------------------------------
// Navigation and highlight

describe("selectCell", () => {
  test("activates the sheet and selects the cell in one sync", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const excel = host(fake);
    await excel.selectCell("事業1", "$g$18");
    expect(fake.events).toEqual(["activate 事業1", "select 事業1!G18"]);
    expect(fake.syncs).toBe(1);
    expect(excel.lastSyncs).toBe(1);
  });

  test("a missing sheet raises ItemNotFound, translated", async () => {
    const fake = FakeExcel.from(WRONG_STATUS, 13);
    const error = (await host(fake)
      .selectCell("無い", "A1")
      .catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("ItemNotFound");
    expect(error.userMessage.ja).toContain("もう一度「点検」");
  });
});

describe("highlight / clearHighlight", () => {
  function filled(fake: FakeExcel) {
    fake.addSheet("S");
    fake.cell("S", "A1").fill = { color: "#00B050", pattern: "Solid" };
    fake.cell("S", "A2").fill = { color: "#FFFF00", pattern: "Gray50", patternColor: "#FF0000" };
    Object.assign(fake.cell("S", "A3"), { value: "x" });
    return fake.snapshot();
  }

  test("fills by severity and restores exactly (no fill is cleared), two syncs each", async () => {
    const fake = new FakeExcel(13);
    const original = filled(fake);
    const excel = host(fake);
    await excel.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "warning" },
      { sheet: "S", cell: "A3", severity: "info" },
      { sheet: "S", cell: "A3", severity: "error" },
    ]);
    expect(excel.lastSyncs).toBe(2);
    expect(fake.cell("S", "A1").fill?.color).toBe(HIGHLIGHT_COLORS.error);
    expect(fake.cell("S", "A2").fill?.color).toBe(HIGHLIGHT_COLORS.warning);
    expect(fake.cell("S", "A3").fill?.color).toBe(HIGHLIGHT_COLORS.error); // the most severe wins
    await excel.clearHighlight();
    expect(excel.lastSyncs).toBe(2);
    expect(fake.events).toContain("clear S!A3");
    expect(fake.snapshot()).toEqual(original);
  });

  test("the number of syncs does not grow with the number of cells", async () => {
    for (const count of [3, 60]) {
      const fake = new FakeExcel(13);
      fake.addSheet("S");
      const excel = host(fake);
      await excel.highlight(Array.from({ length: count }, (_, i) => ({ sheet: "S", cell: `B${i + 1}`, severity: "warning" as const })));
      expect(fake.syncs).toBe(2);
      await excel.clearHighlight();
      expect(fake.syncs).toBe(4);
    }
  });

  test("a new highlight restores cells no longer listed and keeps the first original of the others", async () => {
    const fake = new FakeExcel(13);
    const original = filled(fake);
    const excel = host(fake);
    await excel.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A2", severity: "error" },
    ]);
    await excel.highlight([{ sheet: "S", cell: "A2", severity: "info" }]);
    expect(fake.cell("S", "A1").fill).toEqual({ color: "#00B050", pattern: "Solid" });
    expect(fake.cell("S", "A2").fill?.color).toBe(HIGHLIGHT_COLORS.info);
    await excel.clearHighlight();
    expect(fake.snapshot()).toEqual(original);
  });

  test("a fill the user changed after highlighting is left as the user made it", async () => {
    const fake = new FakeExcel(13);
    filled(fake);
    const excel = host(fake);
    await excel.highlight([{ sheet: "S", cell: "A1", severity: "error" }]);
    fake.cell("S", "A1").fill = { color: "#7030A0", pattern: "Solid" };
    await excel.clearHighlight();
    expect(fake.cell("S", "A1").fill).toEqual({ color: "#7030A0", pattern: "Solid" });
  });

  test("the original fills are saved in the document settings, so a new session can restore them", async () => {
    const fake = new FakeExcel(13);
    const original = filled(fake);
    const settings = memorySettings();
    await host(fake, { settings }).highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "A3", severity: "warning" },
    ]);
    expect(settings.saves).toBe(1);
    expect(settings.get(HIGHLIGHT_SETTINGS_KEY)).toMatchObject({
      version: 1,
      cells: [
        { sheet: "S", cell: "A1" },
        { sheet: "S", cell: "A3" },
      ],
    });
    const reloaded = createExcelHost({ settings });
    await reloaded.clearHighlight();
    expect(fake.snapshot()).toEqual(original);
    expect(settings.data.has(HIGHLIGHT_SETTINGS_KEY)).toBe(false);
    expect(settings.saves).toBe(2);
  });

  test("cells of a sheet protected against formatting are left alone (no AccessDenied), and restored once it is not", async () => {
    const fake = new FakeExcel(13);
    const original = filled(fake);
    const excel = host(fake);
    await excel.highlight([{ sheet: "S", cell: "A1", severity: "error" }]);
    fake.sheet("S").protected = true;
    await excel.highlight([{ sheet: "S", cell: "A3", severity: "error" }]);
    expect(fake.cell("S", "A3").fill).toBeNull();
    expect(fake.cell("S", "A1").fill?.color).toBe(HIGHLIGHT_COLORS.error);
    await excel.clearHighlight();
    expect(fake.cell("S", "A1").fill?.color).toBe(HIGHLIGHT_COLORS.error); // still remembered
    fake.sheet("S").allowFormatCells = true;
    await excel.clearHighlight();
    expect(fake.snapshot()).toEqual(original);
  });

  test("ExcelApi 1.1 host: white reads as no fill; a deleted sheet's cells are skipped on 1.4+", async () => {
    const old = new FakeExcel(1);
    old.addSheet("S");
    old.cell("S", "A1").fill = { color: "#00B050", pattern: "Solid" };
    const excel = host(old);
    await excel.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "S", cell: "B1", severity: "error" },
    ]);
    await excel.clearHighlight();
    expect(old.cell("S", "A1").fill).toEqual({ color: "#00B050", pattern: "Solid" });
    expect(old.cell("S", "B1").fill).toBeNull();

    const fake = new FakeExcel(13);
    fake.addSheet("S");
    fake.addSheet("T");
    const modern = host(fake);
    await modern.highlight([
      { sheet: "S", cell: "A1", severity: "error" },
      { sheet: "T", cell: "A1", severity: "error" },
    ]);
    fake.sheets = fake.sheets.filter((s) => s.name !== "T");
    await modern.clearHighlight();
    expect(fake.cell("S", "A1").fill).toBeNull();
  });
});
