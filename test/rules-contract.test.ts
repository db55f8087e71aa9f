import * as fs from "fs";
import * as path from "path";
import { rules } from "../src/core/rules";
import { renderRulesDoc } from "../scripts/rules-doc";

// The ids rules.md defines: a public contract, none may be renamed or dropped.
const SPEC = {
  "amount-not-number": "error",
  "grant-rate": "error",
  "total-mismatch": "error",
  "project-name-mismatch": "warning",
  "kpi-list-mismatch": "warning",
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
} as const;
const FIXABLE = new Set([
  "amount-not-number",
  "grant-rate",
  "total-mismatch",
  "kpi-kind",
  "number-format",
  "minus-sign",
  "percent-fraction",
  "status",
  "char-count",
]);

describe("rule contract", () => {
  it.each(Object.entries(SPEC))("%s exists with severity %s, in its own file", (id, severity) => {
    const rule = rules.find((r) => r.meta.id === id);
    expect(rule?.meta.severity).toBe(severity);
    expect(rule?.meta.fixable).toBe(FIXABLE.has(id));
    expect(fs.existsSync(path.join(__dirname, "../src/core/rules", `${id}.ts`))).toBe(true);
    expect(fs.existsSync(path.join(__dirname, "rules", `${id}.test.ts`))).toBe(true);
  });

  it("every rule has messages in Japanese and English", () => {
    for (const { meta } of rules) {
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
      for (const message of Object.values(meta.messages)) {
        expect(message.ja).toMatch(/[ぁ-んァ-ヶ一-龯]/);
        expect(message.en).toMatch(/[a-z]/);
      }
    }
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });

  it("docs/rules.md is generated from the rules (run `npm run docs:rules`)", () => {
    const committed = fs.readFileSync(path.join(__dirname, "../docs/rules.md"), "utf8");
    expect(committed).toBe(renderRulesDoc());
  });
});
