/**
 * Bad input, tried at scale: every field the rules read gets values people (and spreadsheets)
 * actually produce. Whatever the value, nothing throws; a value is either accepted or reported
 * on its own cell; normalizing is idempotent; after the fixes nothing fixable is left.
 * Runs FC_NUM_RUNS cases (10,000 by default, 1,000 in a unit-only run) with a fixed seed; FC_SEED
 * changes the seed.
 */
import fc from "fast-check";
import { fixWorkbook, readReport, ruleById, validateWorkbook, type Scalar } from "../src/core";
import { compareDecimal, decimalToString } from "../src/core/decimal";
import { readNumberText } from "../src/core/numbers";
import { buildReport, setCell } from "../src/fixtures/report-builder";

// A unit-only run (KPI_TEST_QUICK, set by jest.config.js for test:unit and --watch) defaults to a
// tenth of the runs; `npm test` runs them all.
const RUNS = Number(process.env.FC_NUM_RUNS ?? (process.env.KPI_TEST_QUICK ? 1_000 : 10_000));
const SEED = Number(process.env.FC_SEED ?? 20261124);
/** Per property: generous for a loaded 2-core machine, and growing with FC_NUM_RUNS. */
const TIMEOUT = 60_000 + RUNS * 10;

const PIECES = [
  ..."0123456789",
  ..."０１２３４５６７８９",
  ..."-+▲△−－ー‐–—﹣",
  ",",
  "，",
  ".",
  "．",
  "%",
  "％",
  "件",
  "人",
  "円",
  "回",
  "分",
  " ",
  "　",
  "\u200B",
  "\uFEFF",
  "\t",
  "なし",
  "未計測",
  "未設定",
  "達成",
  "未達成",
  "NaN",
  "Infinity",
  "#N/A",
  "#DIV/0!",
  "2024/4/1",
  "令和6年度",
  "TRUE",
  "e",
  "E",
  "1e5",
  "=",
  "@",
  "'",
];

const text = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(""));
const value: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100000, max: 100000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ minLength: 0, maxLength: 40, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 6000 }) },
);
const numberFormat = fc.constantFrom<string | null>(null, "General", "0.0%", "0%", '#,##0"円"', "@", "yyyy/m/d", "0.00");

// The cells of the canonical one-block report the rules read (see report-builder's layout).
const FIELDS: [sheet: string, cell: string][] = [
  ["事業1", "A16"],
  ["事業1", "C16"],
  ["事業1", "D16"],
  ["事業1", "E16"],
  ["事業1", "F16"],
  ["事業1", "E18"],
  ["事業1", "F18"],
  ["事業1", "G18"],
  ["事業1", "E20"],
  ["事業1", "F20"],
  ["事業1", "G20"],
  ["事業1", "E22"],
  ["事業1", "F22"],
  ["事業1", "G22"],
  ["事業1", "B23"],
  ["事業1", "G23"],
  ["事業1", "B24"],
  ["事業1", "G24"],
  ["活用状況", "A5"],
  ["活用状況", "E5"],
  ["活用状況", "F5"],
  ["活用状況", "G5"],
  ["活用状況", "F6"],
  ["活用状況", "G6"],
];
// Number cells: a value there is either a number the rules accept or a finding on that cell.
const NUMBER_CELLS = new Set(["事業1!F16", "事業1!E18", "事業1!F18", "事業1!E20", "事業1!E22", "活用状況!F5", "活用状況!G5"]);
const ALLOWED_WORDS: Record<string, string[]> = { "事業1!F16": ["なし"], "事業1!E18": ["未設定"], "事業1!F18": ["未計測"] };

const edit = fc.record({
  field: fc.integer({ min: 0, max: FIELDS.length - 1 }),
  value,
  numberFormat,
  formulaWithoutResult: fc.boolean(),
});

function reportWith(edits: { field: number; value: Scalar; numberFormat: string | null; formulaWithoutResult: boolean }[]) {
  const workbook = buildReport({ sections: [{ number: 1, blocks: [{}] }] });
  for (const e of edits) {
    const [sheet, cell] = FIELDS[e.field];
    // A formula whose result was never cached reads as an empty value with its formula.
    if (e.formulaWithoutResult && typeof e.value === "number")
      setCell(workbook, sheet, cell, null, { formula: "=1/0+X1", numberFormat: e.numberFormat });
    else setCell(workbook, sheet, cell, e.value, { numberFormat: e.numberFormat });
  }
  return workbook;
}

/** "sheet!cell" of every field in the report model. */
function cellsRead(model: unknown): Set<string> {
  const cells = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (typeof record.sheet === "string" && typeof record.cell === "string" && "value" in record)
      cells.add(`${record.sheet}!${record.cell}`);
    Object.values(record).forEach(visit);
  };
  visit(model);
  return cells;
}

describe("bad input in every field the rules read", () => {
  it(
    `never throws, reports on the cell, leaves nothing fixable (${RUNS} cases)`,
    () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
          const workbook = reportWith(edits);
          const result = validateWorkbook(workbook);
          const sheets = new Set(workbook.sheets.map((s) => s.name));
          // Each finding's faults, collected and expected empty once per case: the same checks as an
          // expect() per finding, without 10,000 cases × dozens of findings of matcher overhead.
          const faults: string[] = [];
          for (const f of result.findings) {
            const at = `${f.ruleId} at ${f.sheet}!${f.cell}`;
            if (!sheets.has(f.sheet)) faults.push(`${at}: no such sheet`);
            if (!/^[A-Z]{1,3}\d+$/.test(f.cell)) faults.push(`${at}: not a cell address`);
            // Every placeholder of the message is filled (the text itself may quote anything the user typed).
            const template = ruleById(f.ruleId)!.meta.messages[f.messageId];
            for (const [, name] of `${template.ja} ${template.en}`.matchAll(/\{\{\s*(\w+)\s*\}\}/g))
              if (f.data == null || !(name in Object(f.data))) faults.push(`${at}: no data.${name} for ${f.messageId}`);
          }
          expect(faults).toEqual([]);
          // The last edit of each number cell: a string there that is not a number nor an allowed word is reported on that cell.
          const last = new Map<string, Scalar>();
          for (const e of edits)
            last.set(FIELDS[e.field].join("!"), e.formulaWithoutResult && typeof e.value === "number" ? null : e.value);
          const read = cellsRead(readReport(workbook));
          for (const [address, v] of last) {
            // Only cells the reader took as fields (a blanked 事業名 ends the summary table above its amounts).
            if (!NUMBER_CELLS.has(address) || typeof v !== "string" || !read.has(address)) continue;
            const reading = readNumberText(v, { words: ALLOWED_WORDS[address] ?? [], units: ["件", "%", "円"] });
            if (reading.kind === "text" || (reading.kind === "number" && reading.issues.length > 0)) {
              const [sheet, cell] = address.split("!");
              expect(result.findings.some((f) => f.sheet === sheet && f.cell === cell)).toBe(true);
            }
          }
          const fixed = fixWorkbook(workbook);
          expect(fixed.after.findings.filter((f) => f.fixable).map((f) => `${f.sheet}!${f.cell} ${f.ruleId}`)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT,
  );

  it(
    `normalizing twice gives what normalizing once gives (${RUNS} cases)`,
    () => {
      fc.assert(
        fc.property(text, fc.constantFrom("件", "%", "円", "人"), (raw, unit) => {
          const once = readNumberText(raw, { units: [unit, "%"], words: ["なし", "未計測", "未設定"] });
          if (once.kind !== "number") return;
          const twice = readNumberText(decimalToString(once.value), { units: [unit, "%"], words: ["なし", "未計測", "未設定"] });
          expect(twice.kind).toBe("number");
          if (twice.kind === "number") {
            expect(compareDecimal(twice.value, once.value)).toBe(0);
            expect(twice.issues).toEqual(["text"]); // only "stored as text" is left: the digits are canonical
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT,
  );
});
