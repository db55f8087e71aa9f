/**
 * The core's fast paths (docs/performance.md) give exactly what the plain code they replace gave:
 * each is checked here against that code, exhaustively where the domain is small, on generated
 * input elsewhere. And the reader's models fit the zod schema without zod checking them in
 * production: by construction (SheetGrid), which these tests hold it to.
 */
import fc from "fast-check";
import { readReport, validateWorkbook } from "../src/core";
import { columnName, parseA1, parseArea, parseRange, toA1 } from "../src/core/address";
import { decimalFromNumber, parseDecimal } from "../src/core/decimal";
import { SheetGrid } from "../src/core/grid";
import { CellFieldSchema, ReportModelSchema, parseReportModel } from "../src/core/model-schema";
import { isBlank, isStableCharacter, normalizeLabel } from "../src/core/text";
import type { Scalar } from "../src/core/workbook";
import { reportContent, syntheticSample, syntheticWorkbook } from "../src/fixtures/synthetic";
import { loadReport } from "../src/fixtures/samples";

// FC_SEED and FC_NUM_RUNS as in the other property tests; a unit-only run (KPI_TEST_QUICK, set by
// jest.config.js for test:unit and --watch) defaults to a tenth of the runs.
const SEED = Number(process.env.FC_SEED ?? 20261124);
const RUNS = Number(process.env.FC_NUM_RUNS ?? (process.env.KPI_TEST_QUICK ? 500 : 5_000));
/** For the generated checks: generous for a loaded 2-core machine, growing with FC_NUM_RUNS. */
const TIMEOUT = 60_000 + RUNS * 10;

// The code the fast paths replaced, verbatim.
const reference = {
  normalizeLabel: (text: string) =>
    text
      .normalize("NFKC")
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
      .replace(/\s+/g, ""),
  isBlank: (value: unknown) =>
    value === null || value === undefined || (typeof value === "string" && value.replace(/[\u200B-\u200D\u2060\uFEFF]/g, "").trim() === ""),
  parseA1(address: string) {
    const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
    if (!match) return null;
    let col = 0;
    const letters = match[1].toUpperCase();
    for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
    const row = Number(match[2]);
    if (row < 1) return null;
    return { row: row - 1, col: col - 1 };
  },
  parseRange(range: string) {
    const bare = range.includes("!") ? range.slice(range.lastIndexOf("!") + 1) : range;
    const [a, b] = bare.split(":");
    const start = reference.parseA1(a);
    const end = b === undefined ? start : reference.parseA1(b);
    if (!start || !end) return null;
    return {
      start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
      end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
    };
  },
  columnName(col: number) {
    let name = "";
    let n = col + 1;
    while (n > 0) {
      const rem = (n - 1) % 26;
      name = String.fromCharCode(65 + rem) + name;
      n = Math.floor((n - 1) / 26);
    }
    return name;
  },
  decimalFromNumber: (value: number) => (Number.isFinite(value) ? parseDecimal(String(Number(value.toPrecision(15)))) : null),
};

describe("normalizeLabel without ICU for the common characters", () => {
  const stable: number[] = [];
  for (let c = 0; c <= 0xffff; c++) if (isStableCharacter(c)) stable.push(c);

  // Each check below collects the characters that fail and expects none: the same check of every
  // character, without 20,000 expect() calls (seconds of matcher overhead for milliseconds of work).
  it("every 'stable' character is its own NFKC form and no white space", () => {
    const chars = stable.map((c) => String.fromCharCode(c));
    expect(chars.filter((ch) => ch.normalize("NFKC") !== ch)).toEqual([]);
    expect(chars.filter((ch) => /\s/.test(ch))).toEqual([]);
  });

  it("no 'stable' character, nor the first of its decomposition, ever follows another in a canonical decomposition", () => {
    const seconds = new Set<number>();
    for (let cp = 0; cp < 0x30000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const parts = [...String.fromCodePoint(cp).normalize("NFD")];
      for (let i = 1; i < parts.length; i++) seconds.add(parts[i].codePointAt(0)!);
    }
    expect(stable.filter((c) => seconds.has(c))).toEqual([]);
    expect(stable.filter((c) => seconds.has(String.fromCharCode(c).normalize("NFKD").codePointAt(0)!))).toEqual([]);
    for (const c of [0x20, 0x3000]) expect(seconds.has(c)).toBe(false);
  });

  it("maps spaces, ①–⑳ and full-width ASCII as NFKC does", () => {
    for (let c = 0x2460; c <= 0x2473; c++)
      expect(normalizeLabel(String.fromCharCode(c))).toBe(reference.normalizeLabel(String.fromCharCode(c)));
    for (let c = 0xff01; c <= 0xff5e; c++)
      expect(normalizeLabel(String.fromCharCode(c))).toBe(reference.normalizeLabel(String.fromCharCode(c)));
  });

  it("equals the NFKC code on every pair of the characters it handles itself", () => {
    const handled = ["①", "⑳", "　", " ", "Ａ", "（", "）", "ｰ", "ガ", "か", "a", "1", "漢", "【", "】", "、"];
    for (const a of handled) for (const b of handled) expect(normalizeLabel(a + b)).toBe(reference.normalizeLabel(a + b));
  });

  it(
    "equals the NFKC code on generated text",
    () => {
      const pieces = [
        ..."KPIkpi0123456789 　①⑫⑳ＡＢＣ１２３（）()【】「」年度末目標値実績値達成未計測ーｰ－‐",
        "ｶﾞ",
        "か\u3099",
        "\u200B",
        "\uFEFF",
        "\t",
        "\n",
        "\u00A0",
        "é",
        "e\u0301",
        "㈱",
        "㍻",
        "ﬁ",
        "Ⅳ",
        "\uD842\uDFB7",
        "〜",
        "～",
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
          const text = parts.join("");
          expect(normalizeLabel(text)).toBe(reference.normalizeLabel(text));
          expect(isBlank(text)).toBe(reference.isBlank(text));
        }),
        { seed: SEED, numRuns: RUNS },
      );
      fc.assert(
        fc.property(fc.string({ unit: "binary", maxLength: 20 }), (text) => {
          expect(normalizeLabel(text)).toBe(reference.normalizeLabel(text));
          expect(isBlank(text)).toBe(reference.isBlank(text));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe("addresses", () => {
  const addressPiece = fc.constantFrom(..."$AaBZzXFDd019 :!\t", "\u3000", "Ａ", "１", "'Sheet 1'!");
  const address = fc.array(addressPiece, { maxLength: 12 }).map((parts) => parts.join(""));

  it(
    "parseA1, parseRange and parseArea read what the regular expressions read",
    () => {
      fc.assert(
        fc.property(address, (text) => {
          expect(parseA1(text)).toEqual(reference.parseA1(text));
          const range = reference.parseRange(text);
          expect(parseRange(text)).toEqual(range);
          expect(parseArea(text)).toEqual(
            range && { top: range.start.row, left: range.start.col, bottom: range.end.row, right: range.end.col },
          );
        }),
        { seed: SEED, numRuns: RUNS },
      );
      for (const text of ["A1", "$B$23", " c7 ", "XFD1048576", "ZZZ9999999", "A0", "AAAA1", "A12345678", "B2:A1", "S!A1:B2:C3", ""]) {
        expect(parseA1(text)).toEqual(reference.parseA1(text));
        expect(parseRange(text)).toEqual(reference.parseRange(text));
      }
    },
    TIMEOUT,
  );

  it("toA1 and columnName spell every address as before, cached or not", () => {
    for (let col = 0; col < 2000; col += 7) expect(columnName(col)).toBe(reference.columnName(col));
    for (const [row, col] of [
      [0, 0],
      [14, 6],
      [4095, 63],
      [4096, 64],
      [1048575, 16383],
    ]) {
      expect(toA1(row, col)).toBe(reference.columnName(col) + String(row + 1));
      expect(toA1(row, col)).toBe(toA1(row, col));
    }
  });
});

describe("decimalFromNumber's fast paths", () => {
  it(
    "give the decimal of the 15-digit form, as before",
    () => {
      const numbers = fc.oneof(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.integer({ min: -99999, max: 99999 }).map((n) => n / 10),
        fc.integer({ min: -99999, max: 99999 }).map((n) => n / 1000),
        fc.constantFrom(0.1 + 0.2, 1e15, -1e15, 999999999999999, 9007199254740991, 1e21, 1e-7, -0, 0.000123, 123456789012.345),
      );
      fc.assert(
        fc.property(numbers, (value) => {
          expect(decimalFromNumber(value)).toEqual(reference.decimalFromNumber(value));
        }),
        { seed: SEED, numRuns: RUNS * 4 },
      );
    },
    TIMEOUT,
  );
});

describe("the reader's models fit the schema by construction", () => {
  it("on synthetic reports, with every kind of mistake the generator makes", () => {
    for (const seed of [1, 2, 3]) {
      const model = readReport(syntheticWorkbook({ seed, sections: 12, kpisPerSection: [1, 12] }));
      expect(() => ReportModelSchema.parse(model)).not.toThrow();
      expect(parseReportModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
    }
  });

  it("whatever a caller's arrays hold despite their type", () => {
    const odd = [NaN, Infinity, -Infinity, { a: 1 }, [1, 2], undefined, 12n, new Date(0)] as unknown as Scalar[];
    const grid = new SheetGrid({ name: "S", values: [odd] });
    const fields = odd.map((_, c) => grid.field(0, c));
    expect(fields.map((f) => f.value)).toEqual(["#NUM!", "#NUM!", "#NUM!", "[object Object]", "1,2", null, "12", String(new Date(0))]);
    for (const f of fields) expect(() => CellFieldSchema.parse(f)).not.toThrow();
  });

  it("a merge over whole rows and columns costs no more than the data under it, and nothing past XFD is read", () => {
    const grid = new SheetGrid({ name: "S", origin: "A1", values: [["a", "b", "c"]], merges: ["A1:XFD1048576"] });
    expect(grid.value(0, 0)).toBe("a");
    expect(grid.value(0, 1)).toBeNull();
    const wide = new SheetGrid({ name: "S", origin: "XFC1", values: [["x", "y", "KPI①"]] });
    const seen: string[] = [];
    wide.forEachString((_r, _c, text) => seen.push(text));
    expect(seen).toEqual(["x", "y"]);
    expect(wide.value(0, 16384)).toBeNull();
  });

  it("parseReportModel refuses what does not fit", () => {
    expect(() =>
      parseReportModel({
        firstSheet: null,
        summary: null,
        sections: [{ sheet: "S", number: 1.5, title: null, blocks: [] }],
        layoutProblems: [],
      }),
    ).toThrow();
    expect(() => parseReportModel({})).toThrow();
  });
});

describe("the benchmark's synthetic reports", () => {
  it("are the same for the same seed, and differ for another", () => {
    const a = syntheticWorkbook({ seed: 5, sections: 3, kpisPerSection: 4 });
    expect(syntheticWorkbook({ seed: 5, sections: 3, kpisPerSection: 4 })).toEqual(a);
    expect(syntheticWorkbook({ seed: 6, sections: 3, kpisPerSection: 4 })).not.toEqual(a);
    expect(reportContent({ seed: 5, sections: 3, kpisPerSection: [2, 3] })).toEqual(
      reportContent({ seed: 5, sections: 3, kpisPerSection: [2, 3] }),
    );
  });

  it("read as reports: every KPI found, and the mistakes mixed in are found", () => {
    const content = reportContent({ seed: 9, sections: 20, kpisPerSection: 10 });
    const result = validateWorkbook(syntheticWorkbook({ seed: 9, sections: 20, kpisPerSection: 10 }));
    expect(result.stats.kpis).toBe(content.projects.reduce((n, p) => n + p.kpis.length, 0));
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.fixable)).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === "template-not-found" || f.ruleId === "layout-label-missing")).toEqual([]);
  });

  it("fill the sample's data shape (the batch files' writer)", () => {
    const sample = syntheticSample({ seed: 1, sections: 2, kpisPerSection: 3 }, loadReport());
    expect(sample.sections).toHaveLength(2);
    expect(sample.summary.projects).toHaveLength(2);
    expect(sample.sections[0].kpis[0].years).toHaveLength(3);
  });
});
