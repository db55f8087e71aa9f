import { firstYear, oneSection } from "../helpers/report-builder";
import type { InvalidCase, RuleCases, ValidCase } from "../helpers/rule-tester";

// Block ①'s 【KPI未達成又は未計測】 text is B24. Y = 2024 (the 2024 actual is 未計測, which counts as filled).
const unmeasured = (unmet: string) => oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet }]);

const says: ValidCase[] = [
  "2025年度にアンケートで計測する。",
  "令和7年度に計測する。",
  "R7年度に計測する。",
  "7年度に計測する。",
  "２０２５年度に計測する。",
  "2025年6月に計測する。",
  "令和7年6月に計測する。",
  "令和７年６月に計測する。",
  "2025年4月に計測する。",
  "2026年1月に計測する。",
  "次年度に計測する。",
  "来年度に計測する。",
  "翌年度に計測する。",
  "2025年3月から利用しているオプションの結果を、2026年度に集計する。",
].map((text) => ({ name: `says when: ${text}`, report: unmeasured(text) }));

const never = (text: string, why: string): InvalidCase => ({
  name: `${why}: ${text}`,
  report: unmeasured(text),
  errors: [{ cell: "B24", messageId: "noTiming", severity: "warning" }],
});

export const cases: RuleCases = {
  valid: [
    ...says,
    {
      name: "not 未計測: no timing needed",
      report: oneSection([{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: "周知が不足したため。" }]),
    },
    {
      name: "an empty text is explanation-missing's finding",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: null }]),
    },
    {
      name: "Y = 2025 (a 2025 未計測 actual): the year after is 2026",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, "未計測", "未計測"],
            [300, null, null],
          ],
          achieved: null,
          unmet: "2026年度に計測する。",
        },
      ]),
    },
  ],
  invalid: [
    {
      name: "no timing at all",
      report: unmeasured("システムの稼働が遅れたため計測できなかった。"),
      errors: [
        {
          cell: "B24",
          messageId: "noTiming",
          severity: "warning",
          messageIncludes: ["(1) KPI①は2024年度末が未計測ですが、今後の具体的な計測時期（例: 2025年度、次年度）が記述されていません"],
        },
      ],
    },
    never("令和7年3月に集計する。", "March of Y+1 is not after it"),
    never("2025年3月末に集計する。", "March of Y+1 is not after it"),
    never("2024年度中に計測する予定だった。", "year Y itself"),
    never("令和6年10月に実装を予定していた。", "a date in year Y"),
    never("今後計測する。", "no date"),
    {
      name: "Y = 2025 (a 2025 未計測 actual): 2025年度 is no longer later",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, "未計測", "未計測"],
            [300, null, null],
          ],
          achieved: null,
          unmet: "2025年度に計測する。",
        },
      ]),
      errors: [{ cell: "B24", messageId: "noTiming", messageIncludes: ["2025年度末が未計測", "例: 2026年度"] }],
    },
    {
      name: "the outcome is 未計測 even when the written status is wrong",
      report: oneSection([{ years: firstYear(100, "未計測", "達成"), achieved: null, unmet: "計測できなかった。" }]),
      errors: [{ cell: "B24", messageId: "noTiming" }],
    },
    {
      name: "the second block",
      report: oneSection([{}, { years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: "計測できなかった。" }]),
      errors: [{ cell: "B35", messageId: "noTiming", messageIncludes: ["(1) KPI②"] }],
    },
  ],
};
