import { DEFAULT_BLOCK, edited, firstYear, oneSection } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ①: the 【KPI達成】 text B23 with its count G23; the 【KPI未達成又は未計測】 text B24, count G24.
const TEXT = DEFAULT_BLOCK.achieved as string;
const LENGTH = TEXT.length; // 17

export const cases: RuleCases = {
  valid: [
    { name: "the template's LEN formulas", report: oneSection() },
    { name: "a right count typed as text", report: oneSection([{ achievedCount: `${LENGTH}字`, unmetCount: "0字" }]) },
    {
      name: "a right count typed full-width with a space",
      report: oneSection([{ achievedCount: `${String(LENGTH).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} 字` }]),
    },
    { name: "a right count as a number", report: oneSection([{ achievedCount: LENGTH }]) },
    { name: "an empty count beside an empty text: nothing to count", report: oneSection([{ unmet: null, unmetCount: null }]) },
    {
      name: "a formula cell is fine, whatever its cached result",
      report: edited(oneSection(), [["事業1", "G23", "3字", { formula: '=LEN(B23)&"字"' }]]),
    },
    {
      name: "the 記入例 rows are never data",
      report: edited(oneSection(), [["事業1", "G12", "1字"]]),
    },
    { name: "a surrogate pair counts as two, as Excel's LEN does", report: oneSection([{ achieved: "𠮷野家", achievedCount: "4字" }]) },
  ],
  invalid: [
    {
      name: "a wrong count is replaced by the LEN formula",
      report: oneSection([{ achievedCount: "10字" }]),
      errors: [
        {
          cell: "G23",
          messageId: "mismatch",
          severity: "info",
          messageIncludes: [`(1) KPI①の【KPI達成】の場合の文字数が「10字」になっていますが、記述は${LENGTH}字です`],
        },
      ],
      output: { G23: { value: `${LENGTH}字`, formula: '=LEN(B23)&"字"' } },
    },
    {
      name: "an empty text with 112字 (the seed's (4) KPI②)",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: null, unmetCount: "112字" }]),
      errors: [
        { cell: "G24", messageId: "mismatch", messageIncludes: ["【KPI未達成又は未計測】の場合の文字数が「112字」", "記述は0字です"] },
      ],
      output: { G24: { value: "0字", formula: '=LEN(B24)&"字"' } },
    },
    {
      name: "a count one short (the seed's text rendering)",
      report: oneSection([{ achievedCount: `${LENGTH - 1}字` }]),
      errors: [{ cell: "G23", messageId: "mismatch" }],
      output: { G23: { value: `${LENGTH}字`, formula: '=LEN(B23)&"字"' } },
    },
    {
      name: "a wrong count as a number",
      report: oneSection([{ achievedCount: 5 }]),
      errors: [{ cell: "G23", messageId: "mismatch", messageIncludes: ["「5」"] }],
      output: { G23: { value: `${LENGTH}字`, formula: '=LEN(B23)&"字"' } },
    },
    {
      name: "text that is not a count",
      report: oneSection([{ achievedCount: "字数" }]),
      errors: [{ cell: "G23", messageId: "mismatch" }],
      output: { G23: { value: `${LENGTH}字`, formula: '=LEN(B23)&"字"' } },
    },
    {
      name: "options.writeMode value writes the value without a formula",
      report: oneSection([{ achievedCount: "10字" }]),
      options: { writeMode: "value" },
      errors: [{ cell: "G23", messageId: "mismatch" }],
      output: { G23: { value: `${LENGTH}字`, formula: null } },
    },
    {
      name: "both fields of the second block",
      report: oneSection([{}, { unmet: "理由。", achievedCount: "0字", unmetCount: "0字" }]),
      errors: [
        { cell: "G34", messageId: "mismatch", messageIncludes: ["(1) KPI②"] },
        { cell: "G35", messageId: "mismatch", messageIncludes: ["記述は3字です"] },
      ],
      output: { G34: { value: `${LENGTH}字`, formula: '=LEN(B34)&"字"' }, G35: { value: "3字", formula: '=LEN(B35)&"字"' } },
    },
  ],
};
