import type { Rule } from "../rule";
import { ruleDocsUrl } from "../rule";
import { CIRCLED_NUMBER, circled } from "../numbering";
import { textOf } from "../rule-helpers";
import { comparableName } from "./summary-shared";

// ①…⑳, ㉑…㉟, ㊱…㊿ start each KPI in the summary's 設定したKPI cell.
const CIRCLED = CIRCLED_NUMBER;
// Trailing notes such as （年度末） or (解決率) are not part of the name.
const TRAILING_NOTE = /[(（][^()（）]*[)）]$/;

// Splits before each circled number (compiled once, not per project).
const BEFORE_CIRCLED = new RegExp(`(?=${CIRCLED.source})`);

// 「KPI①」「ＫＰＩ②」: the word KPI written before a circled number belongs to the number, not the name.
const KPI_BEFORE_CIRCLED = new RegExp(`[KＫ][PＰ][IＩ]\\s*(?=${CIRCLED.source})`, "g");

/**
 * The names a 設定したKPI cell lists: 「①名称 ②名称」, 「KPI①名称 KPI②名称」 and one name per line
 * all give the same names.
 */
function splitKpiList(text: string): string[] {
  const marked = text.replace(KPI_BEFORE_CIRCLED, "");
  const parts = CIRCLED.test(marked) ? marked.split(BEFORE_CIRCLED) : marked.split(/\r?\n/);
  return parts.map((p) => p.replace(CIRCLED, "").trim()).filter((p) => p !== "");
}

function comparableKpiName(name: string): string {
  let text = comparableName(name);
  // Only a text ending in a closing parenthesis can have a trailing note.
  for (let previous = ""; previous !== text && endsWithParenthesis(text);) {
    previous = text;
    text = text.replace(TRAILING_NOTE, "");
  }
  return text;
}

function endsWithParenthesis(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 0x29 || last === 0xff09; // ) ）
}

export const rule: Rule = {
  meta: {
    id: "kpi-list-mismatch",
    severity: "warning",
    fixable: false,
    docs: { url: ruleDocsUrl("kpi-list-mismatch") },
    anchor: { ja: "活用状況の「設定したKPI」セル", en: "the summary's 設定したKPI cell" },
    description: {
      ja: "活用状況の「設定したKPI」と、事業のKPI欄のKPIが数・名称とも一致する（「①名称 ②名称」「KPI①名称 KPI②名称」、1 行に 1 つの書き方を同じに読みます）",
      en: "The summary's KPI list matches the section's KPI blocks in count and names (「①名称 ②名称」, 「KPI①名称 KPI②名称」 and one name per line read alike)",
    },
    messages: {
      count: {
        ja: "設定したKPIは{{listed}}件ですが、{{sheet}}のKPIは{{blocks}}件です。{{pairs}}",
        en: "The summary lists {{listed}} KPIs but {{sheet}} has {{blocks}}. {{pairs}}",
      },
      names: {
        ja: "設定したKPIの名称が事業のKPI欄と異なります: {{pairs}}",
        en: "KPI names differ between the summary and the section: {{pairs}}",
      },
    },
  },
  check(context) {
    const { model, sectionsByNumber, sheetsWithLayoutProblems } = context.analysis;
    for (const project of model.summary?.projects ?? []) {
      if (project.number === null || !project.kpiList) continue;
      const section = sectionsByNumber.get(project.number)?.[0];
      if (!section) continue;
      // A block that could not be read is layout-label-missing's finding; counting without it would mislead.
      if (sheetsWithLayoutProblems.has(section.sheet)) continue;
      const listed = splitKpiList(textOf(project.kpiList));
      const blocks = [...section.blocks].sort((a, b) => a.index - b.index);
      const pairs: { ja: string; en: string }[] = [];
      for (let i = 0; i < Math.max(listed.length, blocks.length); i++) {
        const summaryName = listed[i];
        const blockName = blocks[i] ? textOf(blocks[i].name) : undefined;
        if (summaryName !== undefined && blockName !== undefined && comparableKpiName(summaryName) === comparableKpiName(blockName))
          continue;
        const mark = circled(i + 1);
        pairs.push({
          ja: `${mark}「${summaryName ?? "（なし）"}」⇔ KPI${mark}「${blockName ?? "（なし）"}」`,
          en: `${mark} "${summaryName ?? "(none)"}" vs KPI ${i + 1} "${blockName ?? "(none)"}"`,
        });
      }
      if (pairs.length === 0) continue;
      const joined = { ja: pairs.map((p) => p.ja).join("、"), en: pairs.map((p) => p.en).join("; ") };
      context.report({
        messageId: listed.length === blocks.length ? "names" : "count",
        at: project.kpiList,
        project: project.number,
        data: { pairs: joined, listed: listed.length, blocks: blocks.length, sheet: section.sheet },
      });
    }
  },
};
