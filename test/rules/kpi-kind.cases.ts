import { oneSection } from "../helpers/report-builder";
import type { InvalidCase, RuleCases } from "../helpers/rule-tester";

// Block ①'s 種別 is C16.
const variant = (kind: string, canonical: string): InvalidCase => ({
  name: `"${kind}" → ${canonical}`,
  report: oneSection([{ kind }]),
  errors: [{ cell: "C16", messageId: "variant", severity: "error", messageIncludes: [`種別「${kind}」は「${canonical}」と書きます`] }],
  output: { C16: canonical },
});

export const cases: RuleCases = {
  valid: [
    { name: "アウトプット", report: oneSection([{ kind: "アウトプット" }]) },
    { name: "アウトカム", report: oneSection([{ kind: "アウトカム" }]) },
    { name: "an empty 種別 is kpi-required's finding", report: oneSection([{ kind: null }]) },
  ],
  invalid: [
    variant("ｱｳﾄﾌﾟｯﾄ", "アウトプット"),
    variant("ｱｳﾄｶﾑ", "アウトカム"),
    variant("Outcome", "アウトカム"),
    variant("OUTPUT", "アウトプット"),
    variant("output", "アウトプット"),
    variant(" アウトカム　", "アウトカム"),
    {
      name: "other text has no fix",
      report: oneSection([{ kind: "成果指標" }]),
      errors: [
        { cell: "C16", messageId: "invalid", messageIncludes: ["種別「成果指標」は「アウトプット」「アウトカム」のどちらでもありません"] },
      ],
    },
    {
      name: "a longer phrase is not a variant",
      report: oneSection([{ kind: "アウトプット指標" }]),
      errors: [{ cell: "C16", messageId: "invalid" }],
    },
    {
      name: "a number",
      report: oneSection([{ kind: 1 }]),
      errors: [{ cell: "C16", messageId: "invalid" }],
    },
    {
      name: "the second block",
      report: oneSection([{}, { kind: "Output" }]),
      errors: [{ cell: "C27", messageId: "variant", messageIncludes: ["(1) KPI②"] }],
      output: { C27: "アウトプット" },
    },
  ],
};
