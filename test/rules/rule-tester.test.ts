/**
 * The rule tester itself: each check must catch the mistake it exists for. A faulty rule is
 * simulated by a FindingSource that alters the real findings (an extra write, a lost fix, …).
 */
import type { CellWrite, Finding } from "../../src/core";
import { edited, oneSection } from "../../src/fixtures/report-builder";
import type { InvalidCase, RuleCases } from "../../src/fixtures/rule-cases/case-table";
import { findingsOf, invalidCaseProblems, tableProblems, validCaseProblems, type FindingSource } from "../helpers/rule-tester";

// kpi-kind: block ①'s 種別 is C16; "Output" is fixed to アウトプット.
const fixable: InvalidCase = {
  name: "a variant",
  report: oneSection([{ kind: "Output" }]),
  errors: [{ cell: "C16", messageId: "variant" }],
  output: { C16: "アウトプット" },
};

/** The real findings, each passed through `change`. */
const altered =
  (change: (f: Finding) => Finding | Finding[]): FindingSource =>
  (ruleId, workbook, options) =>
    findingsOf(ruleId, workbook, options).flatMap(change);

const extraWrite = (f: Finding, write: Partial<CellWrite> & { cell: string }): Finding =>
  f.fix
    ? {
        ...f,
        fix: [...f.fix, { sheet: f.sheet, expected: { value: null, formula: null, numberFormat: null }, value: "x", ...write }],
      }
    : f;

describe("rule tester: fixes against output", () => {
  it("passes the real rule", () => {
    expect(invalidCaseProblems("kpi-kind", fixable)).toEqual([]);
  });

  it("fails a fix that also writes a cell output does not list", () => {
    // A16 (the KPI name) holds テスト指標; the faulty fix overwrites it.
    const source = altered((f) => extraWrite(f, { cell: "A16", expected: { value: "テスト指標", formula: null, numberFormat: null } }));
    expect(invalidCaseProblems("kpi-kind", fixable, source)).toEqual([`unexpected write to 事業1!A16 (not in output): "x"`]);
  });

  it("fails an output cell no fix writes", () => {
    const problems = invalidCaseProblems("kpi-kind", { ...fixable, output: { C16: "アウトプット", D16: "件" } });
    expect(problems).toEqual(["output names 事業1!D16, but no fix writes it"]);
  });

  it("fails a wrong value, naming the cell", () => {
    const problems = invalidCaseProblems("kpi-kind", { ...fixable, output: { C16: "アウトカム" } });
    expect(problems).toContain(`事業1!C16 is written "アウトプット", output says "アウトカム"`);
  });

  it("requires output when the findings carry fixes", () => {
    const { output: _output, ...withoutOutput } = fixable;
    expect(invalidCaseProblems("kpi-kind", withoutOutput)).toEqual([
      `the findings carry fixes, so the case needs output: 事業1!C16 = "アウトプット"`,
    ]);
  });

  it("forbids output when the findings carry no fix", () => {
    const source = altered(({ fix: _fix, ...f }) => ({ ...f, fixable: false }));
    expect(invalidCaseProblems("kpi-kind", fixable, source)).toEqual([
      "the findings carry no fix, so the case must not have output (it lists C16)",
    ]);
  });

  it("requires the formula and number format a write sets", () => {
    const source = altered((f) => ({ ...f, fix: f.fix?.map((w) => ({ ...w, formula: "=X1", numberFormat: "@" })) }));
    const problems = invalidCaseProblems("kpi-kind", fixable, source);
    expect(problems).toContain(`事業1!C16 is written with formula "=X1"; output must state it (it says undefined)`);
    expect(problems).toContain(`事業1!C16 is written with numberFormat "@"; output must state it (it says undefined)`);
  });

  it("fails a write whose expected content is not what the cell holds (it would be skipped)", () => {
    const source = altered((f) => ({ ...f, fix: f.fix?.map((w) => ({ ...w, expected: { ...w.expected, value: "stale" } })) }));
    expect(invalidCaseProblems("kpi-kind", fixable, source)).toContain("the write to 事業1!C16 was skipped (changed)");
  });

  it("fails two writes to one cell", () => {
    const source = altered((f) => extraWrite(f, { cell: "C16", value: "アウトプット" }));
    expect(invalidCaseProblems("kpi-kind", fixable, source)).toContain("more than one write to 事業1!C16");
  });
});

describe("rule tester: findings against errors", () => {
  it("fails an unexpected finding of a valid case", () => {
    const problems = validCaseProblems("kpi-kind", { name: "v", report: oneSection([{ kind: "Output" }]) });
    expect(problems).toEqual([expect.stringContaining("unexpected finding: 事業1!C16 kpi-kind [variant]")]);
  });

  it("matches one to one: one finding cannot satisfy two errors at its cell", () => {
    const problems = invalidCaseProblems("kpi-kind", { ...fixable, errors: [fixable.errors[0], fixable.errors[0]] });
    expect(problems).toEqual(["expected 2 finding(s), got 1", expect.stringContaining("no finding matches error #2 at 事業1!C16")]);
  });

  it("fails a finding no error describes", () => {
    const source = altered((f) => [f, { ...f, cell: "C27", fix: undefined, fixable: false }]);
    expect(invalidCaseProblems("kpi-kind", fixable, source)).toEqual([
      "expected 1 finding(s), got 2",
      expect.stringContaining("unexpected finding: 事業1!C27 kpi-kind [variant]"),
    ]);
  });

  it("fails a wrong messageId, severity or message part, showing what is there", () => {
    for (const error of [
      { cell: "C16", messageId: "invalid" },
      { cell: "C16", messageId: "variant", severity: "warning" as const },
      { cell: "C16", messageId: "variant", messageIncludes: ["アウトカム"] },
    ]) {
      const problems = invalidCaseProblems("kpi-kind", { ...fixable, errors: [error] });
      expect(problems).toEqual([
        expect.stringMatching(/^no finding matches error #1 at 事業1!C16 .*; there: \[variant, error\] \(1\) KPI①の種別「Output」/),
        expect.stringContaining("unexpected finding: 事業1!C16"),
      ]);
    }
  });

  it("pairs findings that share a cell whatever the order of errors (not first come, first served)", () => {
    // layout-label-missing reports two headings of block ② at A26. The first error fits both
    // findings; taking the 単位 one for it would leave the second error without a finding.
    const report = edited(oneSection([{}, {}]), [
      ["事業1", "D26", null],
      ["事業1", "F26", null],
    ]);
    const errors = [{ cell: "A26" }, { cell: "A26", messageIncludes: ["「単位」"] }];
    expect(invalidCaseProblems("layout-label-missing", { name: "two at one cell", report, errors })).toEqual([]);
  });
});

describe("rule tester: the table", () => {
  const table = (extra: Partial<RuleCases>): RuleCases => ({ valid: [], invalid: [fixable], ...extra });

  it("accepts a well-formed table", () => {
    expect(tableProblems("kpi-kind", table({}))).toEqual([]);
  });

  it("rejects duplicate case names, across valid and invalid", () => {
    expect(tableProblems("kpi-kind", table({ valid: [{ name: "a variant", report: oneSection() }] }))).toEqual([
      'duplicate case name "a variant"',
    ]);
  });

  it("requires a messageId when the rule has more than one message, and a known one", () => {
    const noId = { ...fixable, errors: [{ cell: "C16" }] };
    expect(tableProblems("kpi-kind", table({ invalid: [noId] }))).toEqual([
      '"a variant": error #1 needs a messageId (kpi-kind has variant, invalid)',
    ]);
    const unknown = { ...fixable, errors: [{ cell: "C16", messageId: "varient" }] };
    expect(tableProblems("kpi-kind", table({ invalid: [unknown] }))).toEqual([
      '"a variant": error #1 has messageId "varient", unknown to kpi-kind (variant, invalid)',
    ]);
    // actual-missing has one message: the messageId may be left out.
    expect(
      tableProblems("actual-missing", { valid: [], invalid: [{ name: "x", report: oneSection(), errors: [{ cell: "F18" }] }] }),
    ).toEqual([]);
  });

  it("requires errors in an invalid case, and an invalid case in a table", () => {
    expect(tableProblems("kpi-kind", table({ invalid: [{ ...fixable, errors: [] }] }))).toEqual([
      '"a variant": an invalid case must list at least one error',
    ]);
    expect(tableProblems("kpi-kind", { valid: [], invalid: [] })).toEqual(["the table has no invalid case"]);
  });

  it("forbids output for a rule that is not fixable", () => {
    const withOutput = { name: "x", report: oneSection(), errors: [{ cell: "F18" }], output: { F18: 1 } };
    expect(tableProblems("actual-missing", { valid: [], invalid: [withOutput] })).toEqual([
      '"x": actual-missing is not fixable, so no case may have output',
    ]);
  });

  it("rejects an unknown rule", () => {
    expect(tableProblems("no-such-rule", table({}))).toEqual(["no rule no-such-rule in the registry"]);
  });
});
