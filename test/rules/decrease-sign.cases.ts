import { firstYear, oneSection } from "../helpers/report-builder";
import type { InvalidCase, RuleCases } from "../helpers/rule-tester";

// Year Y's (2024) target of block ① is E18.
const named = (name: string) =>
  oneSection([
    {
      name,
      unit: "分",
      years: [
        [5, 6, "達成"],
        [10, null, null],
        [15, null, null],
      ],
    },
  ]);

const byWord: InvalidCase[] = ["減少", "削減", "短縮", "低減", "縮減", "抑制"].map((word) => ({
  name: `a name with ${word}`,
  report: named(`窓口対応時間の${word}`),
  errors: [{ cell: "E18", messageId: "positive", severity: "warning", messageIncludes: [`「窓口対応時間の${word}」は減少を目指す指標`] }],
}));

export const cases: RuleCases = {
  valid: [
    {
      name: "a reduction written with -",
      report: oneSection([
        {
          name: "窓口対応時間の減少",
          unit: "%",
          years: [
            [-5, -10, "達成"],
            [-25, null, null],
            [-50, null, null],
          ],
        },
      ]),
    },
    {
      name: "a numeric base value: the target is a level, not a change",
      report: oneSection([
        {
          name: "待ち時間の短縮",
          unit: "分",
          baseYear: 2023,
          baseValue: 30,
          years: [
            [20, 18, "達成"],
            [15, null, null],
            [10, null, null],
          ],
        },
      ]),
    },
    {
      name: "a base value typed as text still counts as numeric",
      report: oneSection([
        {
          name: "待ち時間の短縮",
          unit: "分",
          baseYear: 2023,
          baseValue: "３０",
          years: [
            [20, 18, "達成"],
            [15, null, null],
            [10, null, null],
          ],
        },
      ]),
    },
    {
      name: "target 0",
      report: oneSection([
        {
          name: "事故件数の削減",
          years: [
            [0, 0, "達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
    },
    { name: "no decrease word", report: named("窓口の利用者数") },
    { name: "ゼロ is not one of this rule's words", report: named("待ち時間ゼロ") },
    {
      name: "a 未設定 target",
      report: oneSection([{ name: "待ち時間の短縮", years: firstYear("未設定", 6, "未達成"), achieved: null, unmet: "理由。" }]),
    },
  ],
  invalid: [
    ...byWord,
    {
      name: "the message says how to write it",
      report: named("窓口対応時間の減少"),
      errors: [
        {
          cell: "E18",
          messageId: "positive",
          messageIncludes: ["2024年度末 目標値が 5（正の値）で基準値がありません", "「-」を付けて記入します（例: -5）"],
        },
      ],
    },
    {
      name: "a target typed as full-width text is judged by its number",
      report: oneSection([{ name: "ごみ排出量の削減", years: firstYear("１０", 12, "達成") }]),
      errors: [{ cell: "E18", messageId: "positive", messageIncludes: ["目標値が 10（正の値）"] }],
    },
    {
      name: "year Y's target (options.reportingYear 2025)",
      report: oneSection([
        {
          name: "待ち時間の短縮",
          years: [
            [5, 6, "達成"],
            [10, 12, "達成"],
            [15, null, null],
          ],
        },
      ]),
      options: { reportingYear: 2025 },
      errors: [{ cell: "E20", messageId: "positive", messageIncludes: ["2025年度末 目標値が 10"] }],
    },
    {
      name: "the second block",
      report: oneSection([{}, { name: "残業時間の抑制", years: firstYear(3, 4, "達成") }]),
      errors: [{ cell: "E29", messageId: "positive", messageIncludes: ["(1) KPI②"] }],
    },
  ],
};
