/**
 * The rule contract, derived from the registry (src/core/rules/index.ts): whatever rule is
 * registered has its own file, its test table, messages in both languages and its generated page.
 * Only the public contract below is written by hand.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ruleDocsUrl, type Rule } from "../src/core/rule";
import { rules } from "../src/core/rules";
import { RULE_CASES } from "../src/fixtures/rule-cases";
import type { RuleCases } from "../src/fixtures/rule-cases/case-table";

const ROOT = path.join(__dirname, "..");
const RULES_DIR = path.join(ROOT, "src", "core", "rules");
const CASES_DIR = path.join(ROOT, "src", "fixtures", "rule-cases");

// The ids and severities docs/rules.md defines: a public contract (the CLI's JSON, the task pane and
// people's notes use them), so none may be renamed or dropped, nor change severity. A new rule may be
// added to the registry before it is added here.
const PUBLIC_CONTRACT = {
  "amount-not-number": "error",
  "grant-rate": "error",
  "total-mismatch": "error",
  "project-name-mismatch": "warning",
  "kpi-list-mismatch": "warning",
  "section-missing": "warning",
  "kpi-required": "error",
  "kpi-kind": "error",
  "baseline-pair": "error",
  "number-format": "error",
  "minus-sign": "error",
  "percent-fraction": "warning",
  "decrease-sign": "warning",
  "actual-missing": "error",
  status: "error",
  "explanation-missing": "error",
  "explanation-misplaced": "warning",
  "unmeasured-timing": "warning",
  "char-count": "info",
  "template-not-found": "error",
  "kpi-numbering": "warning",
  "layout-label-missing": "error",
  "nothing-entered": "error",
  "plan-value-changed": "warning",
  "previous-value-changed": "warning",
  "kpi-added": "warning",
  "kpi-removed": "warning",
} as const;

const ids = rules.map((r) => r.meta.id);
const byId = new Map<string, Rule>(rules.map((r) => [r.meta.id, r]));

function casesOf(id: string): RuleCases {
  const cases = RULE_CASES[id];
  if (!cases) throw new Error(`src/fixtures/rule-cases/index.ts lists no table for ${id}`);
  return cases;
}

describe("the public contract", () => {
  it.each(Object.entries(PUBLIC_CONTRACT))("%s is registered with severity %s", (id, severity) => {
    expect(byId.get(id)?.meta.severity).toBe(severity);
  });
});

describe("the rule registry", () => {
  it("ids are unique and in kebab-case", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("src/fixtures/rule-cases/index.ts lists one table for each registered rule, and its folder holds no other", () => {
    expect(Object.keys(RULE_CASES).sort()).toEqual([...ids].sort());
    const tables = fs
      .readdirSync(CASES_DIR)
      .filter((name) => name.endsWith(".ts") && name !== "index.ts" && name !== "case-table.ts")
      .map((name) => name.replace(/\.ts$/, ""));
    expect(tables.sort()).toEqual([...ids].sort());
  });

  it("every file of src/core/rules that exports a rule is registered (helpers export none)", () => {
    const exported = fs
      .readdirSync(RULES_DIR)
      .filter((name) => name.endsWith(".ts") && name !== "index.ts")

      .filter((name) => (require(path.join(RULES_DIR, name)) as { rule?: Rule }).rule !== undefined)
      .map((name) => name.replace(/\.ts$/, ""))
      .sort();
    expect(exported).toEqual([...ids].sort());
  });

  describe.each(ids)("%s", (id) => {
    const rule = byId.get(id)!;

    it("lives in its own file, src/core/rules/<id>.ts", () => {
      expect((require(path.join(RULES_DIR, `${id}.ts`)) as { rule?: Rule }).rule).toBe(rule);
    });

    it("has messages in Japanese and English", () => {
      const messages = Object.values(rule.meta.messages);
      expect(messages.length).toBeGreaterThan(0);
      for (const text of [rule.meta.description, rule.meta.anchor, ...messages]) {
        expect(text.ja).toMatch(/[ぁ-んァ-ヶ一-龯]/);
        expect(text.en).toMatch(/[a-z]/);
      }
    });

    it("has its test table, test/rules/<id>.test.ts running src/fixtures/rule-cases/<id>.ts", () => {
      const test = fs.readFileSync(path.join(__dirname, "rules", `${id}.test.ts`), "utf8");
      expect(test).toContain(`runRuleTests("${id}", cases)`);
      expect(test).toContain(`from "../../src/fixtures/rule-cases/${id}"`);
      // The index (what the rule pages render) holds the very table the test runs.
      expect(RULE_CASES[id]).toBe((require(path.join(CASES_DIR, `${id}.ts`)) as { cases: RuleCases }).cases);
      const cases = casesOf(id);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    it("has an invalid case for each of its messages", () => {
      const tested = new Set(casesOf(id).invalid.flatMap((c) => c.errors.map((e) => e.messageId ?? Object.keys(rule.meta.messages)[0])));
      expect(Object.keys(rule.meta.messages).filter((messageId) => !tested.has(messageId))).toEqual([]);
    });

    it(`is fixable exactly when a case of its table has output`, () => {
      expect(casesOf(id).invalid.some((c) => c.output !== undefined)).toBe(rule.meta.fixable);
    });

    it("has its page, docs/rules/<id>.md, linked from docs/rules.md", () => {
      expect(rule.meta.docs.url).toBe(ruleDocsUrl(id));
      expect(ruleDocsUrl(id)).toBe(`docs/rules/${id}.md`);
      expect(fs.existsSync(path.join(ROOT, rule.meta.docs.url))).toBe(true);
      expect(fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8")).toContain(`[\`${id}\`](rules/${id}.md)`);
    });
  });
});

describe("the generated docs", () => {
  it("docs/rules.md and every docs/rules/<id>.md are what `npm run docs:rules` makes", () => {
    // Through the command itself (scripts/rules-doc.ts --check), which names each stale file.
    let out: string;
    try {
      out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "rules-doc.ts"), "--check"], {
        cwd: ROOT,
        encoding: "utf8",
      });
    } catch (error) {
      const { stdout } = error as { stdout?: string };
      throw new Error(`docs are stale; run \`npm run docs:rules\`:\n${stdout ?? String(error)}`);
    }
    expect(out.trim().split("\n")).toEqual([`checked ${rules.length + 1} files`]);
  }, 60_000);

  it("docs/rules/ holds one page per registered rule and nothing else", () => {
    const pages = fs.readdirSync(path.join(ROOT, "docs", "rules")).sort();
    expect(pages).toEqual(ids.map((id) => `${id}.md`).sort());
  });
});
