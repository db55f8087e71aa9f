import type { Rule } from "../rule";
import { rule as amountNotNumber } from "./amount-not-number";
import { rule as grantRate } from "./grant-rate";
import { rule as totalMismatch } from "./total-mismatch";
import { rule as projectNameMismatch } from "./project-name-mismatch";
import { rule as kpiListMismatch } from "./kpi-list-mismatch";
import { rule as sectionMissing } from "./section-missing";
import { rule as kpiRequired } from "./kpi-required";
import { rule as kpiKind } from "./kpi-kind";
import { rule as baselinePair } from "./baseline-pair";
import { rule as numberFormat } from "./number-format";
import { rule as minusSign } from "./minus-sign";
import { rule as percentFraction } from "./percent-fraction";
import { rule as decreaseSign } from "./decrease-sign";
import { rule as actualMissing } from "./actual-missing";
import { rule as status } from "./status";
import { rule as explanationMissing } from "./explanation-missing";
import { rule as explanationMisplaced } from "./explanation-misplaced";
import { rule as unmeasuredTiming } from "./unmeasured-timing";
import { rule as charCount } from "./char-count";
import { rule as templateNotFound } from "./template-not-found";
import { rule as kpiNumbering } from "./kpi-numbering";
import { rule as layoutLabelMissing } from "./layout-label-missing";
import { rule as nothingEntered } from "./nothing-entered";
import { rule as planValueChanged } from "./plan-value-changed";
import { rule as previousValueChanged } from "./previous-value-changed";
import { rule as kpiAdded } from "./kpi-added";
import { rule as kpiRemoved } from "./kpi-removed";

/** Every rule, in the order of docs/rules.md. Rule ids are a public contract. */
export const rules: readonly Rule[] = [
  amountNotNumber,
  grantRate,
  totalMismatch,
  projectNameMismatch,
  kpiListMismatch,
  sectionMissing,
  kpiRequired,
  kpiKind,
  baselinePair,
  numberFormat,
  minusSign,
  percentFraction,
  decreaseSign,
  actualMissing,
  status,
  explanationMissing,
  explanationMisplaced,
  unmeasuredTiming,
  charCount,
  templateNotFound,
  kpiNumbering,
  layoutLabelMissing,
  nothingEntered,
  // Comparing with last year's report (CheckOptions.previous): silent without it.
  planValueChanged,
  previousValueChanged,
  kpiAdded,
  kpiRemoved,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
