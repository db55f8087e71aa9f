import { WORD_NONE } from "../analysis";
import type { Rule } from "../rule";
import { kpiLabel, shown, ruleDocsUrl } from "../rule";
import { YEAR_SOURCE, isBlank, normalizeLabel } from "../text";

const YEAR_TEXT = new RegExp(`^${YEAR_SOURCE}(年度?)?(末)?$`);
// A baseline often predates 令和: 平成30年度, H30.
const HEISEI_YEAR = /^(平成|H|h)(\d{1,2}|元)(年度?)?(末)?$/;

/** A base year: 2023, "2023年度", "令和5年度", "R5", "平成30年度". */
function isYear(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1989 && value <= 2100;
  if (typeof value !== "string") return false;
  if (HEISEI_YEAR.test(normalizeLabel(value))) return true;
  const match = YEAR_TEXT.exec(normalizeLabel(value));
  if (!match) return false;
  return match[1] ? true : Number(match[2]) >= 1989 && Number(match[2]) <= 2100;
}

export const rule: Rule = {
  meta: {
    id: "baseline-pair",
    severity: "error",
    fixable: false,
    docs: { url: ruleDocsUrl("baseline-pair") },
    anchor: {
      ja: "基準年度の値のセル（基準値の行がない場合は「基準年度」見出しのセル）",
      en: "the 基準年度 value cell (the 基準年度 header cell when the block has no baseline value row)",
    },
    description: {
      ja: "基準年度と基準値は、両方「なし」か、両方記入（年度と数値）",
      en: "基準年度 and 基準値 are both なし or both filled (a year and a number)",
    },
    messages: {
      noRow: {
        ja: "{{kpi}}に基準年度・基準値の記入行がありません（両方「なし」の場合も「なし」と記入します）",
        en: "{{kpi}} has no row for the baseline year and value (write なし in both when there is none)",
      },
      bothEmpty: {
        ja: "{{kpi}}の基準年度・基準値が空欄です（基準値がない場合は両方「なし」）",
        en: "{{kpi}}: baseline year and value are empty (write なし in both when there is none)",
      },
      unpaired: {
        ja: "{{kpi}}の基準年度「{{year}}」と基準値「{{value}}」が対になっていません（両方「なし」か、両方記入）",
        en: '{{kpi}}: baseline year "{{year}}" and value "{{value}}" do not pair (both なし, or both filled)',
      },
      notYear: {
        ja: "{{kpi}}の基準年度「{{year}}」が年度として読めません",
        en: '{{kpi}}: baseline year "{{year}}" is not a year',
      },
    },
  },
  check(context) {
    for (const facts of context.analysis.blocks) {
      const { block } = facts;
      if (!block.baseYear || !block.baseValue) {
        context.report({ messageId: "noRow", at: block.baselineHeader, ...context.where(facts), data: { kpi: kpiLabel(facts) } });
        continue;
      }
      const yearEmpty = isBlank(block.baseYear.value);
      const yearNone = typeof block.baseYear.value === "string" && normalizeLabel(block.baseYear.value) === WORD_NONE;
      const base = facts.base;
      const valueEmpty = base?.kind === "empty";
      const valueNone = base?.kind === "word" && base.word === WORD_NONE;
      let messageId: "bothEmpty" | "unpaired" | "notYear";
      if (yearEmpty && valueEmpty) messageId = "bothEmpty";
      else if (yearNone !== valueNone || yearEmpty || valueEmpty) messageId = "unpaired";
      else if (!yearNone && !isYear(block.baseYear.value)) messageId = "notYear";
      else continue;
      const data = { kpi: kpiLabel(facts), year: shown(block.baseYear.value), value: shown(block.baseValue.value) };
      context.report({ messageId, at: block.baseYear, ...context.where(facts), data });
      // A filled baseline value that is not a number is number-format's finding.
    }
  },
};
