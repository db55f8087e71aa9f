import { edited, firstYear, oneSection, type YearSpec } from "../helpers/report-builder";
import type { RuleCases } from "../helpers/rule-tester";

// Block ① starts at row 15: its 2024 values sit on row 18 (E target, F actual, G status), 2025 on
// row 20, 2026 on row 22. Block ② starts at row 26 (2024 values on row 29). Y = 2024 unless stated.
const reduction = (first: YearSpec) => oneSection([{ unit: "%", years: [first, [-25, null, null], [-50, null, null]] }]);

export const cases: RuleCases = {
  valid: [
    { name: "achieved above target", report: oneSection() },
    { name: "equal meets (higher is better)", report: oneSection([{ years: firstYear(100, 100, "達成") }]) },
    { name: "missed below target", report: oneSection([{ years: firstYear(100, 80, "未達成") }]) },
    { name: "rule 2: a reduction target of -5 is beaten by -10", report: reduction([-5, -10, "達成"]) },
    { name: "rule 2: equal meets a negative target", report: reduction([-5, -5, "達成"]) },
    { name: "rule 2: -3 misses a target of -5", report: reduction([-5, -3, "未達成"]) },
    {
      name: "rule 3: a target below the numeric base value is lower-is-better",
      report: oneSection([
        {
          baseYear: 2023,
          baseValue: 50,
          years: [
            [40, 35, "達成"],
            [30, null, null],
            [20, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 3: above a lower-is-better target is missed",
      report: oneSection([
        {
          baseYear: 2023,
          baseValue: 50,
          years: [
            [40, 45, "未達成"],
            [30, null, null],
            [20, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 3 does not apply to a target above the base value",
      report: oneSection([
        {
          baseYear: 2023,
          baseValue: 50,
          years: [
            [60, 65, "達成"],
            [70, null, null],
            [80, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 4: target 0 with 削減 in the name, actual 0 meets",
      report: oneSection([
        {
          name: "紙の申請書の削減枚数",
          years: [
            [0, 0, "達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 4: target 0 with 削減 in the name, actual 3 misses",
      report: oneSection([
        {
          name: "紙の申請書の削減枚数",
          years: [
            [0, 3, "未達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 4: target 0 with ゼロ in the name",
      report: oneSection([
        {
          name: "待機児童ゼロ",
          unit: "人",
          years: [
            [0, 2, "未達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 5: target 0 without a reduction word is higher-is-better",
      report: oneSection([
        {
          name: "新規登録事業者数",
          years: [
            [0, 3, "達成"],
            [5, null, null],
            [10, null, null],
          ],
        },
      ]),
    },
    {
      name: "rule 1: the user's choice (lower) for KPI 1:1 wins over the default",
      report: oneSection([{ years: firstYear(100, 80, "達成") }]),
      options: { directions: { "1:1": "lower" } },
    },
    {
      name: "rule 1: the user's choice (higher) wins over a negative target",
      report: reduction([-5, -3, "達成"]),
      options: { directions: { "1:1": "higher" } },
    },
    {
      name: "a user choice is per KPI: 1:2 lower-is-better, 1:1 keeps the default",
      report: oneSection([{ years: firstYear(100, 120, "達成") }, { years: firstYear(100, 80, "達成") }]),
      options: { directions: { "1:2": "lower", "2:1": "lower" } },
    },
    { name: "exact decimal: 82.7 misses 83", report: oneSection([{ unit: "%", years: firstYear(83, 82.7, "未達成") }]) },
    { name: "exact decimal: 0.1 + 0.2 meets 0.3", report: oneSection([{ unit: "%", years: firstYear(0.3, 0.1 + 0.2, "達成") }]) },
    {
      name: "未計測 actual, 未計測 status",
      report: oneSection([{ years: firstYear(100, "未計測", "未計測"), achieved: null, unmet: "2025年度に計測する。" }]),
    },
    { name: "未達成 against a 未設定 target (no computed status)", report: oneSection([{ years: firstYear("未設定", 50, "未達成") }]) },
    { name: "a status with stray spaces reads as the word", report: oneSection([{ years: firstYear(100, 120, " 達成　") }]) },
    {
      name: "an actual written as full-width text is judged normalized",
      report: oneSection([{ years: firstYear(100, "１２０", "達成") }]),
    },
    { name: "an actual with a minus look-alike is judged normalized", report: reduction([-5, "▲10", "達成"]) },
    {
      name: "a percent fraction is judged as its percent (0.862 → 86.2 ≥ 85)",
      report: edited(oneSection([{ unit: "%", years: firstYear(85, 0.862, "達成") }]), [["事業1", "F18", 0.862, { numberFormat: "0.0%" }]]),
    },
    {
      name: "a one-decimal percent fraction is judged as its percent (0.5 → 50 > 45)",
      report: edited(oneSection([{ unit: "%", years: firstYear(0.5, 45, "未達成") }]), [["事業1", "E18", 0.5, { numberFormat: "0%" }]]),
    },
    { name: "no status after Y (2025, 2026 empty)", report: oneSection() },
    {
      name: "options.reportingYear 2025 with the 2025 status right",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, 190, "未達成"],
            [300, null, null],
          ],
          unmet: "理由と今後の取組。",
        },
      ]),
      options: { reportingYear: 2025 },
    },
  ],
  invalid: [
    {
      name: "status contradicts a reduction KPI (target -5, actual -10)",
      report: reduction([-5, -10, "未達成"]),
      errors: [
        {
          cell: "G18",
          messageId: "wrong",
          severity: "error",
          messageIncludes: ["目標値 -5 に対し実績値 -10（減少が良い指標）→ 達成", "「未達成」"],
        },
      ],
      output: { G18: "達成" },
    },
    {
      name: "equal meets: 100 against 100 is 達成",
      report: oneSection([{ years: firstYear(100, 100, "未達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 100 に対し実績値 100（増加が良い指標）→ 達成"] }],
      output: { G18: "達成" },
    },
    {
      name: "exact decimal: 82.7 against 83 is 未達成",
      report: oneSection([{ unit: "%", years: firstYear(83, 82.7, "達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 83 に対し実績値 82.7（増加が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "exact decimal: an actual stored as 0.1 + 0.2 meets 0.3",
      report: oneSection([{ unit: "%", years: firstYear(0.3, 0.1 + 0.2, "未達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 0.3 に対し実績値 0.3（増加が良い指標）→ 達成"] }],
      output: { G18: "達成" },
    },
    {
      name: "rule 3: target 40 below base 50, actual 45 is 未達成",
      report: oneSection([
        {
          baseYear: 2023,
          baseValue: 50,
          years: [
            [40, 45, "達成"],
            [30, null, null],
            [20, null, null],
          ],
        },
      ]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 40 に対し実績値 45（減少が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "rule 4: target 0 with 削減 in the name, actual 3 is 未達成",
      report: oneSection([
        {
          name: "紙の申請書の削減枚数",
          years: [
            [0, 3, "達成"],
            [0, null, null],
            [0, null, null],
          ],
        },
      ]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 0 に対し実績値 3（減少が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "rule 5: the default is higher-is-better",
      report: oneSection([{ years: firstYear(100, 80, "達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 100 に対し実績値 80（増加が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "rule 1: the user chose lower-is-better for 1:1",
      report: oneSection([{ years: firstYear(100, 120, "達成") }]),
      options: { directions: { "1:1": "lower" } },
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 100 に対し実績値 120（減少が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "rule 1: the user chose higher-is-better over a negative target",
      report: reduction([-5, -10, "達成"]),
      options: { directions: { "1:1": "higher" } },
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 -5 に対し実績値 -10（増加が良い指標）→ 未達成"] }],
      output: { G18: "未達成" },
    },
    {
      name: "rule 1: the key 2:2 is project 2's KPI②",
      report: {
        sections: [
          { number: 1, blocks: [{ years: firstYear(100, 80, "未達成"), achieved: null, unmet: "理由。" }] },
          { number: 2, blocks: [{}, { years: firstYear(100, 80, "未達成"), achieved: null, unmet: "理由。" }] },
        ],
      },
      options: { directions: { "2:2": "lower" } },
      errors: [{ sheet: "事業2", cell: "G29", messageId: "wrong", messageIncludes: ["(2) KPI②", "（減少が良い指標）→ 達成"] }],
      output: { "事業2!G29": "達成" },
    },
    {
      name: "未計測 actual makes the status 未計測",
      report: oneSection([{ years: firstYear(100, "未計測", "達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["実績値が未計測 → 未計測"] }],
      output: { G18: "未計測" },
    },
    {
      name: "empty status with a computed status is filled",
      report: oneSection([{ years: firstYear(100, 120, null) }]),
      errors: [
        {
          cell: "G18",
          messageId: "empty",
          messageIncludes: ["2024年度末 達成状況が空欄", "目標値 100 に対し実績値 120（増加が良い指標）→ 達成"],
        },
      ],
      output: { G18: "達成" },
    },
    {
      name: "empty status without a computed status (未設定 target) has no fix",
      report: oneSection([{ years: firstYear("未設定", 50, null) }]),
      errors: [{ cell: "G18", messageId: "empty", messageIncludes: ["2024年度末 達成状況が空欄"] }],
    },
    {
      name: "empty status without a computed status (actual is not a number) has no fix",
      report: oneSection([{ years: firstYear(100, "集計中", null) }]),
      errors: [{ cell: "G18", messageId: "empty" }],
    },
    {
      name: "an invalid word is replaced by the computed status",
      report: oneSection([{ years: firstYear(100, 120, "達成済み") }]),
      errors: [{ cell: "G18", messageId: "invalid", messageIncludes: ["「達成済み」", "→ 達成"] }],
      output: { G18: "達成" },
    },
    {
      name: "an invalid mark (○) without a computed status has no fix",
      report: oneSection([{ years: firstYear("未設定", 50, "○") }]),
      errors: [{ cell: "G18", messageId: "invalid", messageIncludes: ["「○」"] }],
    },
    {
      name: "達成 against a 未設定 target",
      report: oneSection([{ years: firstYear("未設定", 50, "達成") }]),
      errors: [{ cell: "G18", messageId: "unsetAchieved", messageIncludes: ["2024年度末 目標値が「未設定」"] }],
    },
    {
      name: "達成 against a 未設定 target that was not measured is fixed to 未計測",
      report: oneSection([{ years: firstYear("未設定", "未計測", "達成") }]),
      errors: [{ cell: "G18", messageId: "unsetAchieved" }],
      output: { G18: "未計測" },
    },
    {
      name: "a status after Y is a warning without fix",
      report: oneSection([
        {
          years: [
            [100, 120, "達成"],
            [200, null, "達成"],
            [300, null, null],
          ],
        },
      ]),
      errors: [
        { cell: "G20", messageId: "future", severity: "warning", messageIncludes: ["2025年度末 達成状況「達成」", "報告年度（2024年度）"] },
      ],
    },
    {
      name: "options.reportingYear 2025: the empty 2025 status is required (no computed status: no fix)",
      report: oneSection(),
      options: { reportingYear: 2025 },
      errors: [{ cell: "G20", messageId: "empty", severity: "error" }],
    },
    {
      name: "options.reportingYear 2023: the 2024 status is after Y",
      report: oneSection(),
      options: { reportingYear: 2023 },
      errors: [{ cell: "G18", messageId: "future", severity: "warning", messageIncludes: ["報告年度（2023年度）"] }],
    },
    {
      name: "Y is the latest year with any actual: another KPI's 2025 actual makes 2025 due",
      report: oneSection([
        {},
        {
          years: [
            [100, 120, "達成"],
            [200, 210, "達成"],
            [300, null, null],
          ],
        },
      ]),
      errors: [{ cell: "G20", messageId: "empty" }],
    },
    {
      name: "a percent fraction is judged as its percent (0.862 → 86.2 meets 85)",
      report: edited(oneSection([{ unit: "%", years: firstYear(85, 0.862, "未達成") }]), [
        ["事業1", "F18", 0.862, { numberFormat: "0.0%" }],
      ]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 85 に対し実績値 86.2（増加が良い指標）→ 達成"] }],
      output: { G18: "達成" },
    },
    {
      name: "an actual written as text is judged normalized (８０ misses 100)",
      report: oneSection([{ years: firstYear(100, "８０", "達成") }]),
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 100 に対し実績値 80"] }],
      output: { G18: "未達成" },
    },
    {
      name: "each block is judged on its own",
      report: oneSection([{ years: firstYear(100, 80, "達成") }, { years: firstYear(100, 120, "未達成") }]),
      errors: [
        { cell: "G18", messageId: "wrong", messageIncludes: ["(1) KPI①"] },
        { cell: "G29", messageId: "wrong", messageIncludes: ["(1) KPI②"] },
      ],
      output: { G18: "未達成", G29: "達成" },
    },
  ],
};
