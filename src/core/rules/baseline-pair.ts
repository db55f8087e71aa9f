import { columnName, parseA1, toA1 } from "../address";
import { WORD_NONE } from "../analysis";
import type { KpiBlock } from "../model";
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

/**
 * Where the missing baseline row goes, from the block's own cells: the year headers sit on the KPI
 * name row (where the baseline values belong), so they move down one row and the name row takes
 * 基準年度 / 基準値 under their headers' columns.
 */
function whereToAdd(block: KpiBlock): { nameRow: number; headers: string; yearColumn: string; valueColumn: string } {
  const column = (cell: string) => columnName(parseA1(cell)?.col ?? 0);
  const nameRow = (parseA1(block.name.cell)?.row ?? 0) + 1;
  // The year whose header shares the name row (the first year, in the form).
  const year = block.years.find((y) => parseA1(y.header.cell)?.row === nameRow - 1) ?? block.years[0];
  const first = parseA1(year.header.cell);
  const last = parseA1(year.status.cell);
  const headers = first && last ? `${toA1(first.row, first.col)}:${toA1(first.row, Math.max(first.col, last.col))}` : year.header.cell;
  return { nameRow, headers, yearColumn: column(block.baselineHeader.cell), valueColumn: column(block.baseValueHeader.cell) };
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
        ja: "{{kpi}}に基準年度・基準値の記入行がありません。KPI名の行（{{nameRow}}行目）の下に 1 行追加して、{{nameRow}}行目の年度の見出し（{{headers}}）をその行へ移し、{{nameRow}}行目に基準年度・基準値を記入してください（{{yearColumn}}列: 基準年度、{{valueColumn}}列: 基準値。基準値がない場合は両方「なし」）",
        en: "{{kpi}} has no row for the baseline year and value. Add one row below the KPI name row (row {{nameRow}}), move the year headers of row {{nameRow}} ({{headers}}) down into it, and fill in row {{nameRow}} (column {{yearColumn}}: 基準年度, column {{valueColumn}}: 基準値; write なし in both when there is none)",
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
        context.report({
          messageId: "noRow",
          at: block.baselineHeader,
          ...context.where(facts),
          data: { kpi: kpiLabel(facts), ...whereToAdd(block) },
        });
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
