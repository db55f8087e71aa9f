/**
 * Table-driven rule tests, ESLint's RuleTester shape: valid cases produce no finding of the rule;
 * invalid cases produce exactly the listed findings (sheet, cell, messageId), and applying the
 * rule's fixes yields the listed cell contents, after which the rule finds nothing fixable.
 */
import { applyWrites, validateWorkbook, type CheckOptions, type Finding, type Scalar, type WorkbookData } from "../../src/core";
import { readCell } from "../../src/core/apply";
import { parseA1 } from "../../src/core/address";
import { buildReport, type ReportSpec } from "./report-builder";

export interface ValidCase {
  name: string;
  report: ReportSpec | WorkbookData;
  options?: CheckOptions;
}

export interface ExpectedFinding {
  cell: string;
  sheet?: string; // default: the first KPI section's sheet 事業1
  messageId?: string;
  severity?: Finding["severity"];
  /** Substrings the Japanese message must contain (the values involved). */
  messageIncludes?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Cell contents after the rule's fixes ("事業1!G18" -> value); omitted: the findings carry no fix. */
  output?: Record<string, Scalar | { value: Scalar; formula?: string | null; numberFormat?: string | null }>;
}

function toWorkbook(report: ReportSpec | WorkbookData): WorkbookData {
  return "sheets" in report ? report : buildReport(report);
}

function findingsOf(ruleId: string, workbook: WorkbookData, options?: CheckOptions): Finding[] {
  return validateWorkbook(workbook, options).findings.filter((f) => f.ruleId === ruleId);
}

export function runRuleTests(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe("valid", () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(findingsOf(ruleId, toWorkbook(c.report), c.options).map(brief)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const workbook = toWorkbook(c.report);
          const findings = findingsOf(ruleId, workbook, c.options);
          const expected = c.errors.map((e) => ({ sheet: e.sheet ?? "事業1", cell: e.cell }));
          expect(findings.map((f) => ({ sheet: f.sheet, cell: f.cell })).sort(order)).toEqual(expected.sort(order));
          // Each expected finding is matched to its own finding (two may share a cell).
          const unmatched = [...findings];
          for (const e of c.errors) {
            const here = unmatched.filter((x) => x.cell === e.cell && x.sheet === (e.sheet ?? "事業1"));
            const fits = (x: Finding) =>
              (!e.messageId || x.messageId === e.messageId) && (e.messageIncludes ?? []).every((part) => x.messages.ja.includes(part));
            const f = here.find(fits) ?? here[0];
            unmatched.splice(unmatched.indexOf(f), 1);
            if (e.messageId) expect(f.messageId).toBe(e.messageId);
            if (e.severity) expect(f.severity).toBe(e.severity);
            for (const part of e.messageIncludes ?? []) expect(f.messages.ja).toContain(part);
            // Both languages are rendered, with no placeholder left behind.
            expect(f.messages.ja).not.toMatch(/\{\{/);
            expect(f.messages.en).not.toMatch(/\{\{/);
          }
          if (!c.output) {
            expect(findings.filter((f) => f.fixable).map(brief)).toEqual([]);
            return;
          }
          const writes = findings.flatMap((f) => f.fix ?? []);
          const { workbook: fixed, skipped } = applyWrites(workbook, writes);
          expect(skipped).toEqual([]);
          for (const [address, want] of Object.entries(c.output)) {
            const [sheetName, cell] = address.includes("!") ? address.split("!") : ["事業1", address];
            const sheet = fixed.sheets.find((s) => s.name === sheetName)!;
            const p = parseA1(cell)!;
            const got = readCell(sheet, p.row, p.col);
            if (want !== null && typeof want === "object") {
              expect(got.value).toEqual(want.value);
              if (want.formula !== undefined) expect(got.formula).toBe(want.formula);
              if (want.numberFormat !== undefined) expect(got.numberFormat).toBe(want.numberFormat);
            } else {
              expect(got.value).toEqual(want);
            }
          }
          expect(
            findingsOf(ruleId, fixed, c.options)
              .filter((f) => f.fixable)
              .map(brief),
          ).toEqual([]);
        });
      }
    });
  });
}

function brief(f: Finding): string {
  return `${f.sheet}!${f.cell} ${f.ruleId}: ${f.message}`;
}

function order(a: { sheet: string; cell: string }, b: { sheet: string; cell: string }): number {
  return `${a.sheet}!${a.cell}`.localeCompare(`${b.sheet}!${b.cell}`);
}
