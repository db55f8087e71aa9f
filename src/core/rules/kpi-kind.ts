import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { isBlank, normalizeLabel } from "../text";

const KINDS = ["アウトプット", "アウトカム"] as const;
const ENGLISH: Record<string, (typeof KINDS)[number]> = { output: "アウトプット", outcome: "アウトカム" };

export const rule: Rule = {
  meta: {
    id: "kpi-kind",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("kpi-kind") },
    anchor: { ja: "種別のセル", en: "the 種別 cell" },
    description: { ja: "種別は「アウトプット」または「アウトカム」", en: "種別 is アウトプット or アウトカム" },
    messages: {
      variant: {
        ja: "{{kpi}}の種別「{{value}}」は「{{canonical}}」と書きます",
        en: '{{kpi}}: kind "{{value}}" should be written "{{canonical}}"',
      },
      invalid: {
        ja: "{{kpi}}の種別「{{value}}」は「アウトプット」「アウトカム」のどちらでもありません",
        en: '{{kpi}}: kind "{{value}}" is neither アウトプット nor アウトカム',
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const field = facts.block.kind;
      if (isBlank(field.value)) continue; // kpi-required reports it
      const raw = String(field.value);
      if ((KINDS as readonly string[]).includes(raw)) continue;
      const normalized = normalizeLabel(raw);
      const canonical = (KINDS as readonly string[]).includes(normalized)
        ? (normalized as (typeof KINDS)[number])
        : ENGLISH[normalized.toLowerCase()];
      const data = { kpi: kpiLabel(facts), value: raw, canonical: canonical ?? "" };
      if (canonical) {
        context.report({ messageId: "variant", at: field, ...context.where(facts), data, fix: [context.valueWrite(field, canonical)] });
      } else {
        context.report({ messageId: "invalid", at: field, ...context.where(facts), data });
      }
    }
  },
};
