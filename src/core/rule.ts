import type { Analysis, BlockFacts } from "./analysis";
import { kpiLabelText } from "./numbering";
import type { CellField } from "./model";
import type { CellWrite, Finding, Lang, Localized, MessageValue, Severity } from "./types";
import { matchesOf } from "./text";
import type { Scalar } from "./workbook";

/** A rule's metadata, first in every rule file (ESLint's shape). */
interface RuleMeta {
  id: string;
  severity: Severity;
  fixable: boolean;
  /** The cell a finding points at: the one a person must look at. */
  anchor: Localized;
  description: Localized;
  /** Message templates with {{placeholders}}. */
  messages: Record<string, Localized>;
  /** The rule's page, relative to the project root: ruleDocsUrl(id). */
  docs: { url: string };
}

/** Where a rule's page lives, relative to the project root ("docs/rules/<id>.md"). */
export function ruleDocsUrl(id: string): string {
  return `docs/rules/${id}.md`;
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

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

const placeholderCache = new Map<string, readonly string[]>();

/** The placeholder names a message template uses, in order of first use. */
export function placeholdersOf(template: string): readonly string[] {
  let names = placeholderCache.get(template);
  if (!names) {
    names = [...new Set(matchesOf(template, PLACEHOLDER).map((m) => m[1]))];
    placeholderCache.set(template, names);
  }
  return names;
}

export function formatMessage(template: string, data: Record<string, MessageValue>, lang: Lang): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
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
      // A rule that breaks its own metadata is a programming error: refuse it loudly, as ESLint does.
      const { id, fixable: ruleFixable, messages: templates } = rule.meta;
      const template = Object.prototype.hasOwnProperty.call(templates, d.messageId) ? templates[d.messageId] : undefined;
      if (!template) throw new Error(`${id}: unknown messageId ${d.messageId}`);
      const data = d.data ?? {};
      for (const lang of ["ja", "en"] as const) {
        const missing = placeholdersOf(template[lang]).filter((name) => data[name] === undefined);
        if (missing.length > 0) throw new Error(`${id}: message ${d.messageId} (${lang}) needs data for ${missing.join(", ")}`);
      }
      const fix = d.fix && d.fix.length > 0 ? d.fix : undefined;
      if (fix && !ruleFixable) throw new Error(`${id}: a fix from a rule whose meta.fixable is false (${d.messageId})`);
      const messages = { ja: formatMessage(template.ja, data, "ja"), en: formatMessage(template.en, data, "en") };
      // eslint-disable-next-line es-x/no-array-prototype-at, es-x/no-string-prototype-at -- the finding's location, not Array.prototype.at
      const at = d.at;
      sink.push({
        ruleId: rule.meta.id,
        severity: d.severity ?? rule.meta.severity,
        sheet: at.sheet,
        cell: at.cell,
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
