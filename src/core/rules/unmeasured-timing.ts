import type { Rule } from "../rule";
import { kpiLabel, ruleDocsUrl } from "../rule";
import { textOf } from "../rule-helpers";
import { isBlank, matchesOf, yearFromMatch } from "../text";

const FISCAL_YEAR = /(令和|R|r)?(\d{1,4}|元)年度/g;
const YEAR_MONTH = /(令和|R|r)?(\d{1,4}|元)年(\d{1,2})月/g;
const RELATIVE_YEAR = /次年度|来年度|翌年度/;

function toYear(era: string | undefined, digits: string): number {
  // A bare one- or two-digit year in a Japanese report is a 令和 year ("7年度").
  if (!era && digits !== "元" && Number(digits) < 100) return yearFromMatch("令和", digits);
  return yearFromMatch(era, digits);
}

/** Does the text say when the KPI will be measured: a fiscal year after Y, a month after March of Y+1, or 次年度? */
function mentionsLaterTiming(text: string, Y: number): boolean {
  const normalized = text.normalize("NFKC");
  if (RELATIVE_YEAR.test(normalized)) return true;
  for (const m of matchesOf(normalized, FISCAL_YEAR)) {
    if (toYear(m[1], m[2]) > Y) return true;
  }
  for (const m of matchesOf(normalized, YEAR_MONTH)) {
    const year = toYear(m[1], m[2]);
    const month = Number(m[3]);
    if (year > Y + 1 || (year === Y + 1 && month > 3)) return true;
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: "unmeasured-timing",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("unmeasured-timing") },
    anchor: { ja: "【KPI未達成又は未計測】の記述欄", en: "the 【KPI未達成又は未計測】 text cell" },
    description: {
      ja: "未計測の場合、今後の具体的な計測時期（2025年度、令和7年6月、次年度 など）を記述する",
      en: "An unmeasured KPI's explanation says when it will be measured (2025年度, 令和7年6月, 次年度 …)",
    },
    messages: {
      noTiming: {
        ja: "{{kpi}}は{{year}}年度末が未計測ですが、今後の具体的な計測時期（例: {{next}}年度、次年度）が記述されていません",
        en: "{{kpi}} was not measured in FY{{year}}, but the text does not say when it will be (e.g. FY{{next}}, 次年度)",
      },
    },
  },
  check(context) {
    const Y = context.analysis.options.reportingYear;
    for (const facts of context.analysis.blocks) {
      if (facts.outcome !== "未計測" || !facts.block.unmet) continue;
      const text = facts.block.unmet.text;
      if (isBlank(text.value) || mentionsLaterTiming(textOf(text), Y)) continue;
      context.report({ messageId: "noTiming", at: text, ...context.where(facts), data: { kpi: kpiLabel(facts), year: Y, next: Y + 1 } });
    }
  },
};
