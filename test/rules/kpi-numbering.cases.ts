import type { BlockSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// KPI labels of section (1): A15, A26, A37, A48 … (11 rows a block).
const labelled = (...labels: string[]) => ({ sections: [{ number: 1, blocks: labels.map((label): BlockSpec => ({ label })) }] });
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";

export const cases: RuleCases = {
  valid: [
    { name: "① ② ③", report: labelled("KPI①", "KPI②", "KPI③") },
    { name: "① … ⑩ then plain KPI11 and KPI12", report: labelled(...[...CIRCLED].map((c) => `KPI${c}`), "KPI11", "KPI12") },
    { name: "full-width and spaced labels", report: labelled("ＫＰＩ①", "KPI ②", "ＫＰＩ３") },
    {
      name: "each section numbers from ①",
      report: {
        sections: [
          { number: 1, blocks: [{}, {}] },
          { number: 2, blocks: [{}, {}, {}] },
        ],
      },
    },
  ],
  invalid: [
    {
      name: "① ② ④ skips ③",
      report: labelled("KPI①", "KPI②", "KPI④"),
      errors: [{ cell: "A37", messageId: "skipped", severity: "warning", messageIncludes: ["KPI④の前に KPI③ がありません"] }],
    },
    {
      name: "② ② repeats",
      report: labelled("KPI①", "KPI②", "KPI②"),
      errors: [{ cell: "A37", messageId: "repeated", messageIncludes: ["KPI②が重複しているか"] }],
    },
    {
      name: "starting at ② skips ①",
      report: labelled("KPI②", "KPI③"),
      errors: [{ cell: "A15", messageId: "skipped", messageIncludes: ["KPI②の前に KPI① がありません"] }],
    },
    {
      name: "① ④ skips two",
      report: labelled("KPI①", "KPI④"),
      errors: [{ cell: "A26", messageId: "skipped", messageIncludes: ["KPI②③"] }],
    },
    {
      name: "① ③ ② skips then goes back",
      report: labelled("KPI①", "KPI③", "KPI②"),
      errors: [
        { cell: "A26", messageId: "skipped" },
        { cell: "A37", messageId: "repeated" },
      ],
    },
    {
      name: "in the second section, on its own sheet",
      report: {
        sections: [
          { number: 1, blocks: [{}, {}] },
          { number: 2, blocks: [{}, { label: "KPI①" }] },
        ],
      },
      errors: [{ sheet: "事業2", cell: "A26", messageId: "repeated", messageIncludes: ["KPI①が重複"] }],
    },
  ],
};
