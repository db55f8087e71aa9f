/**
 * Table-driven rule tests, at the strength of ESLint's RuleTester:
 * - case names are unique within a table, and every invalid case lists at least one error;
 * - a valid case produces no finding of the rule;
 * - an invalid case's findings are matched one to one with its `errors` (sheet, cell, and the
 *   messageId — required when the rule has more than one message —, severity and message parts
 *   where given); a finding left over or an error left unmatched fails the case;
 * - `output` is required when the findings carry fixes and forbidden when they do not; it is the
 *   WHOLE set of cells the fixes write: every written cell must be listed with its value (and its
 *   formula / number format where the write sets them), every listed cell must be written, the
 *   writes apply cleanly, and afterwards the rule finds nothing fixable.
 *
 * The checks are plain functions returning problems (so the tester itself is tested); runRuleTests
 * turns them into jest cases. The tables are data (src/fixtures/rule-cases/<id>.ts, their shape
 * in case-table.ts) that src/dev/rules-doc.ts also renders on each rule's page.
 */
import {
  applyWrites,
  ruleById,
  validateWorkbook,
  type CellWrite,
  type CheckOptions,
  type Finding,
  type WorkbookData,
} from "../../src/core";
import { readCell } from "../../src/core/apply";
import { parseA1 } from "../../src/core/address";
import {
  DEFAULT_SHEET,
  caseOptions,
  outputContent,
  splitAddress,
  toWorkbook,
  type ExpectedFinding,
  type InvalidCase,
  type OutputCell,
  type RuleCases,
  type ValidCase,
} from "../../src/fixtures/rule-cases/case-table";

/** How a case's findings are made: validateWorkbook by default (replaceable to test the tester). */
export type FindingSource = (ruleId: string, workbook: WorkbookData, options?: CheckOptions) => Finding[];

export const findingsOf: FindingSource = (ruleId, workbook, options) =>
  validateWorkbook(workbook, options).findings.filter((f) => f.ruleId === ruleId);

/** Problems with the table itself: duplicate names, invalid cases without errors, messageIds. */
export function tableProblems(ruleId: string, cases: RuleCases): string[] {
  const problems: string[] = [];
  const rule = ruleById(ruleId);
  if (!rule) return [`no rule ${ruleId} in the registry`];
  const messageIds = Object.keys(rule.meta.messages);
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (seen.has(c.name)) problems.push(`duplicate case name "${c.name}"`);
    seen.add(c.name);
  }
  if (cases.invalid.length === 0) problems.push("the table has no invalid case");
  for (const c of cases.invalid) {
    if (c.errors.length === 0) problems.push(`"${c.name}": an invalid case must list at least one error`);
    c.errors.forEach((e, i) => {
      if (e.messageId === undefined && messageIds.length > 1)
        problems.push(`"${c.name}": error #${i + 1} needs a messageId (${ruleId} has ${messageIds.join(", ")})`);
      if (e.messageId !== undefined && !messageIds.includes(e.messageId))
        problems.push(`"${c.name}": error #${i + 1} has messageId "${e.messageId}", unknown to ${ruleId} (${messageIds.join(", ")})`);
    });
    if (c.output && !rule.meta.fixable) problems.push(`"${c.name}": ${ruleId} is not fixable, so no case may have output`);
  }
  return problems;
}

/** Problems with a valid case: any finding of the rule. */
export function validCaseProblems(ruleId: string, c: ValidCase, source: FindingSource = findingsOf): string[] {
  return source(ruleId, toWorkbook(c.report), caseOptions(c)).map((f) => `unexpected finding: ${brief(f)}`);
}

/** Problems with an invalid case: findings against errors, fixes against output. */
export function invalidCaseProblems(ruleId: string, c: InvalidCase, source: FindingSource = findingsOf): string[] {
  const workbook = toWorkbook(c.report);
  const findings = source(ruleId, workbook, caseOptions(c));
  const problems = matchProblems(c.errors, findings);
  for (const f of findings) {
    if (/\{\{/.test(f.messages.ja) || /\{\{/.test(f.messages.en)) problems.push(`a placeholder is left in the message of ${brief(f)}`);
  }
  problems.push(...fixProblems(ruleId, c, workbook, findings, source));
  return problems;
}

function fits(e: ExpectedFinding, f: Finding): boolean {
  return (
    f.sheet === (e.sheet ?? DEFAULT_SHEET) &&
    f.cell === e.cell &&
    (e.messageId === undefined || f.messageId === e.messageId) &&
    (e.severity === undefined || f.severity === e.severity) &&
    (e.messageIncludes ?? []).every((part) => f.messages.ja.includes(part))
  );
}

/** One-to-one matching of expected errors and findings (augmenting paths: two may share a cell). */
function matchProblems(errors: ExpectedFinding[], findings: Finding[]): string[] {
  const owner: (number | undefined)[] = findings.map(() => undefined); // finding -> error index
  const assign = (i: number, visited: Set<number>): boolean => {
    for (let j = 0; j < findings.length; j++) {
      if (visited.has(j) || !fits(errors[i], findings[j])) continue;
      visited.add(j);
      if (owner[j] === undefined || assign(owner[j]!, visited)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  const unmatched = errors.map((_, i) => i).filter((i) => !assign(i, new Set()));
  const problems: string[] = [];
  if (errors.length !== findings.length) problems.push(`expected ${errors.length} finding(s), got ${findings.length}`);
  for (const i of unmatched) {
    const e = errors[i];
    const sheet = e.sheet ?? DEFAULT_SHEET;
    const there = findings.filter((f) => f.sheet === sheet && f.cell === e.cell);
    const want = [
      e.messageId && `messageId ${e.messageId}`,
      e.severity && `severity ${e.severity}`,
      ...(e.messageIncludes ?? []).map((part) => `message containing 「${part}」`),
    ].filter(Boolean);
    problems.push(
      `no finding matches error #${i + 1} at ${sheet}!${e.cell}${want.length ? ` (${want.join(", ")})` : ""}` +
        (there.length ? `; there: ${there.map((f) => `[${f.messageId}, ${f.severity}] ${f.messages.ja}`).join(" | ")}` : "; none there"),
    );
  }
  findings.forEach((f, j) => {
    if (owner[j] === undefined) problems.push(`unexpected finding: ${brief(f)}`);
  });
  return problems;
}

function showWrite(w: CellWrite): string {
  const parts = [JSON.stringify(w.value)];
  if (w.formula !== undefined) parts.push(`formula ${JSON.stringify(w.formula)}`);
  if (w.numberFormat !== undefined) parts.push(`numberFormat ${JSON.stringify(w.numberFormat)}`);
  return parts.join(", ");
}

function fixProblems(ruleId: string, c: InvalidCase, workbook: WorkbookData, findings: Finding[], source: FindingSource): string[] {
  const writes = findings.flatMap((f) => f.fix ?? []);
  if (writes.length === 0) {
    return c.output ? [`the findings carry no fix, so the case must not have output (it lists ${Object.keys(c.output).join(", ")})`] : [];
  }
  if (!c.output) {
    return [
      `the findings carry fixes, so the case needs output: ${writes.map((w) => `${w.sheet}!${w.cell} = ${showWrite(w)}`).join("; ")}`,
    ];
  }
  const problems: string[] = [];
  const wanted = new Map<string, OutputCell>();
  for (const [address, want] of Object.entries(c.output)) {
    const { sheet, cell } = splitAddress(address);
    const key = `${sheet}!${cell}`;
    if (wanted.has(key)) problems.push(`output names ${key} twice`);
    wanted.set(key, want);
  }
  const written = new Set<string>();
  for (const w of writes) {
    const key = `${w.sheet}!${w.cell}`;
    if (written.has(key)) problems.push(`more than one write to ${key}`);
    written.add(key);
    if (!wanted.has(key)) {
      problems.push(`unexpected write to ${key} (not in output): ${showWrite(w)}`);
      continue;
    }
    const want = outputContent(wanted.get(key)!);
    if (!Object.is(w.value, want.value))
      problems.push(`${key} is written ${JSON.stringify(w.value)}, output says ${JSON.stringify(want.value)}`);
    if (w.formula !== undefined && want.formula !== w.formula)
      problems.push(
        `${key} is written with formula ${JSON.stringify(w.formula)}; output must state it (it says ${JSON.stringify(want.formula)})`,
      );
    if (w.numberFormat !== undefined && want.numberFormat !== w.numberFormat)
      problems.push(
        `${key} is written with numberFormat ${JSON.stringify(w.numberFormat)}; output must state it (it says ${JSON.stringify(want.numberFormat)})`,
      );
  }
  for (const key of wanted.keys()) {
    if (!written.has(key)) problems.push(`output names ${key}, but no fix writes it`);
  }
  // The writes apply to the workbook as found, and the cells then hold what output says.
  const { workbook: fixed, skipped } = applyWrites(workbook, writes);
  for (const s of skipped) problems.push(`the write to ${s.write.sheet}!${s.write.cell} was skipped (${s.reason})`);
  for (const [key, wantCell] of wanted) {
    if (!written.has(key)) continue;
    const { sheet: sheetName, cell } = splitAddress(key);
    const sheet = fixed.sheets.find((s) => s.name === sheetName);
    const p = parseA1(cell);
    if (!sheet || !p) continue; // reported as skipped above
    const got = readCell(sheet, p.row, p.col);
    const want = outputContent(wantCell);
    if (!Object.is(got.value, want.value))
      problems.push(`${key} holds ${JSON.stringify(got.value)} after the fixes, output says ${JSON.stringify(want.value)}`);
    if (want.formula !== undefined && got.formula !== want.formula)
      problems.push(`${key} has formula ${JSON.stringify(got.formula)} after the fixes, output says ${JSON.stringify(want.formula)}`);
    if (want.numberFormat !== undefined && got.numberFormat !== want.numberFormat)
      problems.push(
        `${key} has numberFormat ${JSON.stringify(got.numberFormat)} after the fixes, output says ${JSON.stringify(want.numberFormat)}`,
      );
  }
  for (const f of source(ruleId, fixed, caseOptions(c)).filter((x) => x.fixable))
    problems.push(`still fixable after the fixes: ${brief(f)}`);
  return problems;
}

function fail(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.map((p) => `- ${p}`).join("\n"));
}

export function runRuleTests(ruleId: string, cases: RuleCases): void {
  describe(ruleId, () => {
    it("has a well-formed table (unique names, errors, messageIds, output only for a fixable rule)", () => {
      fail(tableProblems(ruleId, cases));
    });
    describe("valid", () => {
      for (const c of cases.valid) it(c.name, () => fail(validCaseProblems(ruleId, c)));
    });
    describe("invalid", () => {
      for (const c of cases.invalid) it(c.name, () => fail(invalidCaseProblems(ruleId, c)));
    });
  });
}

function brief(f: Finding): string {
  return `${f.sheet}!${f.cell} ${f.ruleId} [${f.messageId}]: ${f.messages.ja}`;
}
