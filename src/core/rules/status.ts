import { STATUSES, WORD_UNSET, type YearFacts } from "../analysis";
import { formatKpiValue } from "../number-text";
import type { Rule } from "../rule";
import { DIRECTION_TEXT, kpiLabel, shown, ruleDocsUrl } from "../rule";
import type { Direction, Localized } from "../types";

/** 「目標値 -5 に対し実績値 -10（減少が良い指標）→ 達成」 */
function explainStatus(y: YearFacts, direction: Direction): Localized {
  if (y.computed === "未計測") return { ja: "実績値が未計測 → 未計測", en: "actual not measured → 未計測" };
  if (y.computed && y.target.kind === "number" && y.actual.kind === "number") {
    const target = formatKpiValue(y.target.value);
    const actual = formatKpiValue(y.actual.value);
    const d = DIRECTION_TEXT[direction];
    return {
      ja: `目標値 ${target} に対し実績値 ${actual}（${d.ja}）→ ${y.computed}`,
      en: `target ${target}, actual ${actual} (${d.en}) → ${y.computed}`,
    };
  }
  return { ja: "", en: "" };
}

export const rule: Rule = {
  meta: {
    id: "status",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("status") },
    anchor: { ja: "達成状況のセル", en: "the 達成状況 cell" },
    description: {
      ja: "達成状況は、目標値と実績値を指標の向きで比べた結果（達成／未達成／未計測）",
      en: "達成状況 is the outcome of target vs actual in the KPI's direction (達成 / 未達成 / 未計測)",
    },
    messages: {
      empty: {
        ja: "{{kpi}}の{{year}}年度末 達成状況が空欄です。{{explain}}",
        en: "{{kpi}}: the FY{{year}} status is empty. {{explain}}",
      },
      invalid: {
        ja: "{{kpi}}の{{year}}年度末 達成状況「{{value}}」は「達成」「未達成」「未計測」のいずれかで記入します。{{explain}}",
        en: '{{kpi}}: the FY{{year}} status "{{value}}" must be 達成, 未達成 or 未計測. {{explain}}',
      },
      wrong: {
        ja: "{{kpi}}の{{year}}年度末 達成状況が「{{value}}」ですが、{{explain}} です",
        en: '{{kpi}}: the FY{{year}} status says "{{value}}", but {{explain}}',
      },
      unsetAchieved: {
        ja: "{{kpi}}の{{year}}年度末 目標値が「未設定」のため「達成」にはできません",
        en: "{{kpi}}: the FY{{year}} target is 未設定, so the status cannot be 達成",
      },
      future: {
        ja: "{{kpi}}の{{year}}年度末 達成状況「{{value}}」: 報告年度（{{reportingYear}}年度）より後の年度には記入しません",
        en: '{{kpi}}: FY{{year}} status "{{value}}" is after the reporting year (FY{{reportingYear}}) and should be empty',
      },
    },
  },
  check(context) {
    const Y = context.analysis.options.reportingYear;
    for (const facts of context.analysis.blocks) {
      for (const y of facts.years) {
        const field = y.entry.status;
        let messageId: "future" | "empty" | "invalid" | "unsetAchieved" | "wrong";
        if (y.entry.year > Y) {
          if (y.status === "") continue;
          messageId = "future";
        } else if (y.status === "") {
          messageId = "empty";
        } else if (!(STATUSES as readonly string[]).includes(y.status)) {
          messageId = "invalid";
        } else if (y.target.kind === "word" && y.target.word === WORD_UNSET && y.status === "達成") {
          messageId = "unsetAchieved"; // fixable only when measured as 未計測
        } else if (y.computed && y.computed !== y.status) {
          messageId = "wrong";
        } else {
          continue;
        }
        // Built only for a finding: most years are right.
        const data = {
          kpi: kpiLabel(facts),
          year: y.entry.year,
          value: shown(field.value),
          explain: explainStatus(y, facts.direction),
          reportingYear: Y,
        };
        const where = { at: field, ...context.where(facts) };
        if (messageId === "future") {
          context.report({ ...where, messageId, severity: "warning", data });
        } else {
          context.report({ ...where, messageId, data, fix: y.computed ? [context.valueWrite(field, y.computed)] : null });
        }
      }
    }
  },
};
