/**
 * runRule holds every rule to its metadata, as ESLint does: a report with an unknown messageId, a
 * message whose placeholders the data does not fill, or a fix from a rule not marked fixable is a
 * programming error and throws.
 */
import type { Finding } from "../../src/core";
import { analyze } from "../../src/core/analysis";
import { readReport } from "../../src/core/reader";
import { placeholdersOf, ruleDocsUrl, runRule, type ReportDescriptor, type Rule } from "../../src/core/rule";
import { rules } from "../../src/core/rules";
import { buildReport, oneSection } from "../../src/fixtures/report-builder";

const analysis = analyze(readReport(buildReport(oneSection())));

function fakeRule(fixable: boolean, descriptor: () => ReportDescriptor): Rule {
  const rule: Rule = {
    meta: {
      id: "fake-rule",
      severity: "warning",
      fixable,
      docs: { url: ruleDocsUrl("fake-rule") },
      anchor: { ja: "セル", en: "the cell" },
      description: { ja: "テスト用", en: "for tests" },
      messages: {
        pair: { ja: "{{kpi}}の{{field}}", en: "{{kpi}}: {{ field }} ({{extra}})" },
        plain: { ja: "説明のみ", en: "no placeholders" },
      },
    },
    check(context) {
      context.report(descriptor());
    },
  };
  return rule;
}

const C16 = analysis.blocks[0].block.kind;
const run = (rule: Rule): Finding[] => {
  const sink: Finding[] = [];
  runRule(rule, analysis, sink);
  return sink;
};

describe("runRule", () => {
  it("reports a finding whose data fills every placeholder of both languages", () => {
    const [finding] = run(fakeRule(false, () => ({ messageId: "pair", at: C16, data: { kpi: "KPI①", field: "種別", extra: 1 } })));
    expect(finding.messages).toEqual({ ja: "KPI①の種別", en: "KPI①: 種別 (1)" });
    expect(finding.fixable).toBe(false);
  });

  it("refuses an unknown messageId (also an inherited property name)", () => {
    expect(() => run(fakeRule(false, () => ({ messageId: "pairs", at: C16 })))).toThrow("fake-rule: unknown messageId pairs");
    expect(() => run(fakeRule(false, () => ({ messageId: "toString", at: C16 })))).toThrow("unknown messageId toString");
  });

  it("refuses data that misses a placeholder, naming it and the language", () => {
    expect(() => run(fakeRule(false, () => ({ messageId: "pair", at: C16, data: { kpi: "KPI①" } })))).toThrow(
      "fake-rule: message pair (ja) needs data for field",
    );
    // Only the English template uses {{extra}}.
    expect(() => run(fakeRule(false, () => ({ messageId: "pair", at: C16, data: { kpi: "KPI①", field: "種別" } })))).toThrow(
      "fake-rule: message pair (en) needs data for extra",
    );
    expect(() => run(fakeRule(false, () => ({ messageId: "plain", at: C16 })))).not.toThrow();
  });

  it("refuses a fix from a rule whose meta says it is not fixable", () => {
    const withFix = (): ReportDescriptor => ({
      messageId: "plain",
      at: C16,
      fix: [{ sheet: C16.sheet, cell: C16.cell, expected: { value: C16.value, formula: null, numberFormat: null }, value: "アウトカム" }],
    });
    expect(() => run(fakeRule(false, withFix))).toThrow("fake-rule: a fix from a rule whose meta.fixable is false (plain)");
    const [finding] = run(fakeRule(true, withFix));
    expect(finding.fixable).toBe(true);
    expect(finding.fix).toHaveLength(1);
    // No fix, or an empty one, is fine from any rule.
    expect(run(fakeRule(false, () => ({ messageId: "plain", at: C16, fix: null })))[0].fixable).toBe(false);
    expect(run(fakeRule(false, () => ({ messageId: "plain", at: C16, fix: [] })))[0].fixable).toBe(false);
  });

  it("finds placeholders however they are spaced, each once", () => {
    expect(placeholdersOf("{{a}} {{ b }} {{a}}")).toEqual(["a", "b"]);
  });

  it("every registered rule points at its page", () => {
    for (const { meta } of rules) expect(meta.docs.url).toBe(`docs/rules/${meta.id}.md`);
  });
});
