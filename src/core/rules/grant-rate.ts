import { compareDecimal, roundDownProduct } from "../decimal";
import { formatAmount } from "../number-text";
import type { Rule } from "../rule";
import { shown, ruleDocsUrl } from "../rule";
import { AMOUNT_FORMAT, amountOf } from "./summary-shared";

export const rule: Rule = {
  meta: {
    id: "grant-rate",
    severity: "error",
    fixable: true,
    docs: { url: ruleDocsUrl("grant-rate") },
    anchor: { ja: "交付金充当額のセル", en: "the 交付金充当額 cell" },
    description: {
      ja: "交付金充当額 = 事業費 × 補助率（既定 1/2）を切り捨てた額",
      en: "交付金充当額 must equal ROUNDDOWN(事業費 × rate) (rate 1/2 unless set)",
    },
    messages: {
      mismatch: {
        ja: "交付金充当額 {{grant}} が、事業費 {{cost}} × {{rate}} の切り捨て {{expected}} と一致しません",
        en: "The grant amount {{grant}} is not ROUNDDOWN(cost {{cost}} × {{rate}}) = {{expected}}",
      },
    },
  },
  check(context) {
    const { model, options } = context.analysis;
    const { numerator, denominator } = options.rate;
    for (const project of model.summary?.projects ?? []) {
      const cost = amountOf(project.cost);
      if (!project.cost || !project.grant || !cost) continue;
      const expected = roundDownProduct(cost, numerator, denominator);
      const grant = amountOf(project.grant);
      if (grant && compareDecimal(grant, { units: expected, scale: 0 }) === 0) continue;
      const value = Number(expected);
      context.report({
        messageId: "mismatch",
        at: project.grant,
        project: project.number,
        data: {
          grant: grant ? formatAmount(grant) : shown(project.grant.value),
          cost: formatAmount(cost),
          rate: `${numerator}/${denominator}`,
          expected: formatAmount({ units: expected, scale: 0 }),
        },
        fix: [
          context.computedWrite(
            project.grant,
            `=ROUNDDOWN(${project.cost.cell}*${numerator}/${denominator},0)`,
            value,
            project.grant.numberFormat ? undefined : AMOUNT_FORMAT,
          ),
        ],
      });
    }
  },
};
