import type { Analysis, BlockFacts } from "./analysis";
import { kpiLabelText } from "./numbering";
import type { CellField } from "./model";
import type { CellWrite, Finding, Lang, Localized, MessageValue, Severity } from "./types";
import type { Scalar } from "./workbook";

/** A rule's metadata, first in every rule file (ESLint's shape). */
export interface RuleMeta {
  id: string;
  severity: Severity;
  fixable: boolean;
  /** The cell a finding points at: the one a person must look at. */
  anchor: Localized;
  description: Localized;
  /** Message templates with {{placeholders}}. */
  messages: Record<string, Localized>;
}

export interface Rule {
  meta: RuleMeta;
  /** Looks at the analysis and reports findings; never writes. */
  check(context: RuleContext): void;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, MessageValue>;
  /** The anchor cell: the one a person must look at. */
  at: Pick<CellField, "sheet" | "cell">;
  fix?: CellWrite[] | null;
  /** Overrides the rule's severity for this finding (e.g. a status after year Y is a warning). */
  severity?: Severity;
  project?: number | null;
  kpi?: number | null;
}

export interface RuleContext {
  analysis: Analysis;
  report(descriptor: ReportDescriptor): void;
  /** Sets the value a computed cell should hold: as a formula with its cached result, or as the value alone. */
  computedWrite(field: CellField, formula: string, value: Scalar, numberFormat?: string): CellWrite;
  valueWrite(field: CellField, value: Scalar, numberFormat?: string): CellWrite;
  /** project/kpi identifiers of a block, for report descriptors. */
  where(facts: BlockFacts): { project: number | null; kpi: number };
}

export function formatMessage(template: string, data: Record<string, MessageValue>, lang: Lang): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = data[name];
    if (value === undefined) return whole;
    if (typeof value === "object") return value[lang];
    return String(value);
  });
}

function expectedOf(field: CellField): CellWrite["expected"] {
  return { value: field.value, formula: field.formula, numberFormat: field.numberFormat };
}

export function runRule(rule: Rule, analysis: Analysis, sink: Finding[]): void {
  const { lang, writeMode } = analysis.options;
  const context: RuleContext = {
    analysis,
    report(d) {
      const template = rule.meta.messages[d.messageId];
      if (!template) throw new Error(`${rule.meta.id}: unknown messageId ${d.messageId}`);
      const data = d.data ?? {};
      const messages = { ja: formatMessage(template.ja, data, "ja"), en: formatMessage(template.en, data, "en") };
      const fix = d.fix && d.fix.length > 0 ? d.fix : undefined;
      sink.push({
        ruleId: rule.meta.id,
        severity: d.severity ?? rule.meta.severity,
        sheet: d.at.sheet,
        cell: d.at.cell,
        message: messages[lang],
        messages,
        messageId: d.messageId,
        data,
        fixable: !!fix,
        ...(fix ? { fix } : {}),
        project: d.project ?? null,
        kpi: d.kpi ?? null,
      });
    },
    computedWrite(field, formula, value, numberFormat) {
      const write: CellWrite = { sheet: field.sheet, cell: field.cell, expected: expectedOf(field), value };
      if (writeMode === "formula") write.formula = formula;
      if (numberFormat !== undefined) write.numberFormat = numberFormat;
      return write;
    },
    valueWrite(field, value, numberFormat) {
      const write: CellWrite = { sheet: field.sheet, cell: field.cell, expected: expectedOf(field), value };
      if (numberFormat !== undefined) write.numberFormat = numberFormat;
      return write;
    },
    where(facts) {
      return { project: facts.project, kpi: facts.block.index };
    },
  };
  rule.check(context);
}

/** Shared message fragments. */
export const DIRECTION_TEXT: Record<"higher" | "lower", Localized> = {
  higher: { ja: "増加が良い指標", en: "higher is better" },
  lower: { ja: "減少が良い指標", en: "lower is better" },
};

export function kpiLabel(facts: BlockFacts): Localized {
  return kpiLabelText(facts.project, facts.block.index);
}

const EMPTY_TEXT: Localized = { ja: "（空欄）", en: "(empty)" };

/** A cell value as a person reads it in a message. */
export function shown(value: Scalar): MessageValue {
  if (value === null || value === "") return EMPTY_TEXT;
  return String(value);
}
