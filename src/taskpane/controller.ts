/**
 * The task pane's state and actions, without a DOM and without Office.js: it reads the workbook
 * through a WorkbookHost, keeps its settings in a SettingsStore, and calls the core. The view
 * renders `state` and calls the methods; tests drive it with an in-memory host.
 *
 * Long operations (validate, preview, apply, revert, highlight) run one at a time, in the order
 * they were asked for; `state.busy` names the one running. A host error ends the operation with a
 * message in the user's language (HostError.userMessage), never a stack.
 */
import {
  fixWorkbook,
  kpiKey,
  skipMessage,
  validateWorkbook,
  type CellContent,
  type CellWrite,
  type Direction,
  type Finding,
  type KpiSummaryRow,
  type Lang,
  type ProjectStats,
  type Severity,
  type SkippedWrite,
  type ValidationResult,
} from "../core";
import { cellKey, cellLocation, parseA1 } from "../core/address";
import { projectTitle } from "../core/numbering";
import { SEVERITIES, SEVERITY_RANK } from "../core/severity";
import { HostError, type HighlightCell, type SettingsStore, type WorkbookHost } from "../host/workbook-host";
import { describeChange, formatContent } from "./format";
import { strings, type BusyText, type Strings } from "./i18n";
import { cloneSettings, loadSettings, saveSettings, toCheckOptions, type TaskpaneSettings } from "./settings-model";

export type BusyKind = BusyText;

export { SEVERITIES };

export interface Notice {
  kind: "success" | "warning" | "error" | "info";
  text: string;
  /** One line each, e.g. the cells that were not written. */
  details: string[];
}

export interface PreviewRow {
  /** "sheet!cell": one write per cell. */
  key: string;
  write: CellWrite;
  location: string;
  before: string;
  after: string;
  ticked: boolean;
  /** The message of the finding this write fixes, when the write fixes one directly. */
  reason: string | null;
  ruleId: string | null;
  /**
   * What really changes when the cell would keep its value (a value becoming a formula that computes
   * it, text becoming a number, only the number format): null when the value itself changes.
   */
  note: string | null;
}

export interface Preview {
  rows: PreviewRow[];
  /** Findings with a fix at the time of the preview (the summary's count); rows are cells written. */
  fixableFindings: number;
}

/** How the findings list is ordered: errors first (the default), or grouped by project and KPI. */
export type FindingOrder = "severity" | "project";

export interface SeverityGroup {
  severity: Severity;
  findings: { finding: Finding; context: string }[];
}

export interface FindingGroupKpi {
  /** "p:k" / "p:-" / "-:-": stable across validations. */
  id: string;
  kpi: number | null;
  title: string;
  findings: Finding[];
}

export interface FindingGroup {
  id: string;
  project: number | null;
  title: string;
  count: number;
  kpis: FindingGroupKpi[];
}

export interface Summary {
  counts: Record<Severity, number>;
  fixable: number;
  reportingYear: number;
  reportingYearSource: ValidationResult["reportingYearSource"];
  rate: string;
  projects: ProjectStats[];
}

export interface TaskpaneState {
  lang: Lang;
  /** The operation running, null when idle. */
  busy: BusyKind | null;
  result: ValidationResult | null;
  preview: Preview | null;
  /** True when the last apply can be undone. */
  canRevert: boolean;
  settings: TaskpaneSettings;
  /** Which severities the findings list shows. */
  filter: Record<Severity, boolean>;
  /** How the findings list is ordered (kept for the pane's life, not in the document). */
  order: FindingOrder;
  highlight: boolean;
  notice: Notice | null;
  /** Short outcome of the last operation, for the aria-live status line. */
  status: string;
}

export type Listener = (state: Readonly<TaskpaneState>) => void;

/** "auto" removes a KPI's direction override. */
export type DirectionChoice = Direction | "auto";

export interface ControllerOptions {
  /** Where unexpected errors are logged (never shown). Default console.error. */
  log?: (...args: unknown[]) => void;
}

export class TaskpaneController {
  private current: TaskpaneState;
  private readonly listeners = new Set<Listener>();
  private readonly s: Strings;
  private readonly log: (...args: unknown[]) => void;
  private lastRevert: CellWrite[] | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly host: WorkbookHost,
    private readonly store: SettingsStore,
    readonly lang: Lang,
    options: ControllerOptions = {},
  ) {
    this.s = strings(lang);
    this.log = options.log ?? ((...args) => console.error(...args));
    const settings = loadSettings(store);
    this.current = {
      lang,
      busy: null,
      result: null,
      preview: null,
      canRevert: false,
      settings,
      filter: { error: true, warning: true, info: true },
      order: "severity",
      highlight: settings.highlight,
      notice: null,
      status: "",
    };
  }

  get state(): Readonly<TaskpaneState> {
    return this.current;
  }

  /** Calls the listener on every state change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------------------------------------
  // Actions

  /** Reads the workbook and checks it. Closes an open preview (its writes may be stale). */
  validate(): Promise<void> {
    return this.enqueue("validate", async () => {
      this.update({ notice: null });
      await this.runValidation();
    });
  }

  /** Reads the workbook afresh and lists every write of fixWorkbook, all ticked. */
  openPreview(): Promise<void> {
    return this.enqueue("preview", async () => {
      this.update({ notice: null });
      await this.buildPreview();
    });
  }

  closePreview(): void {
    if (this.current.preview) this.update({ preview: null });
  }

  /** Ticks or unticks one write of the preview (toggles when `ticked` is omitted). */
  toggleWrite(key: string, ticked?: boolean): void {
    const preview = this.current.preview;
    if (!preview) return;
    const rows = preview.rows.map((row) => (row.key === key ? { ...row, ticked: ticked ?? !row.ticked } : row));
    this.update({ preview: { ...preview, rows } });
  }

  setAllWrites(ticked: boolean): void {
    const preview = this.current.preview;
    if (!preview) return;
    this.update({ preview: { ...preview, rows: preview.rows.map((row) => ({ ...row, ticked })) } });
  }

  /** Writes the ticked cells in one host call, reports what was skipped, then checks again. */
  applyPreview(): Promise<void> {
    return this.enqueue("apply", async () => {
      const preview = this.current.preview;
      if (!preview) return;
      const writes = preview.rows.filter((row) => row.ticked).map((row) => row.write);
      if (writes.length === 0) {
        this.update({ notice: { kind: "info", text: this.s.nothingTicked, details: [] } });
        return;
      }
      this.update({ notice: null });
      const outcome = await this.host.applyWrites(writes);
      if (outcome.revert.length > 0) this.lastRevert = outcome.revert;
      const skipped = outcome.skipped.map((skip) => this.describeSkip(skip, "apply"));
      const text = outcome.applied.length > 0 ? this.s.applied(outcome.applied.length) : this.s.appliedNone;
      this.update({
        preview: null,
        canRevert: this.lastRevert !== null,
        notice: notice(skipped.length > 0 ? "warning" : "success", text, skipped, this.s),
        status: text,
      });
      this.setBusy("validate");
      await this.runValidation({ keepStatus: true });
    });
  }

  /** Puts back what the last apply replaced (cells edited since are left alone), then checks again. */
  revert(): Promise<void> {
    return this.enqueue("revert", async () => {
      const writes = this.lastRevert;
      if (!writes) return;
      this.update({ notice: null });
      const outcome = await this.host.applyWrites(writes);
      this.lastRevert = null;
      const skipped = outcome.skipped.map((skip) => this.describeSkip(skip, "revert"));
      const text = outcome.applied.length > 0 ? this.s.reverted(outcome.applied.length) : this.s.revertedNone;
      this.update({
        preview: null,
        canRevert: false,
        notice: notice(skipped.length > 0 ? "warning" : "success", text, skipped, this.s),
        status: text,
      });
      this.setBusy("validate");
      await this.runValidation({ keepStatus: true });
    });
  }

  /**
   * Changes one setting, saves it in the document and checks again (refreshing an open preview,
   * since the writes depend on the settings). Resolves when the new check is done.
   */
  setSetting<K extends keyof TaskpaneSettings>(key: K, value: TaskpaneSettings[K]): Promise<void> {
    const settings = cloneSettings(this.current.settings);
    settings[key] = value;
    if (JSON.stringify(settings) === JSON.stringify(this.current.settings)) return this.queue;
    const previewOpen = this.current.preview !== null;
    // In effect at once, so a check already queued uses it too.
    this.update({ settings });
    const saved = saveSettings(this.store, settings).then(
      () => null,
      (error: unknown) => error,
    );
    return this.enqueue(previewOpen ? "preview" : "validate", async () => {
      const error = await saved;
      this.update({ notice: null });
      // Decided when the check runs: an apply queued before may have closed the preview.
      if (this.current.preview) await this.buildPreview();
      else {
        this.setBusy("validate");
        await this.runValidation();
      }
      if (error !== null) {
        this.log("settings.save failed", error);
        const text = error instanceof HostError ? error.userMessage[this.lang] : this.s.settingsSaveFailed;
        this.update({ notice: { kind: "warning", text, details: [] } });
      }
    });
  }

  /** Sets or clears (auto) the direction of one KPI. */
  setDirection(project: number | null, kpi: number, choice: DirectionChoice): Promise<void> {
    const directions = { ...this.current.settings.directions };
    const key = kpiKey(project, kpi);
    if (choice === "auto") delete directions[key];
    else directions[key] = choice;
    return this.setSetting("directions", directions);
  }

  /** Activates the finding's sheet and selects its cell. Not queued: it is instant and harmless. */
  async selectFinding(finding: Pick<Finding, "sheet" | "cell">): Promise<void> {
    try {
      await this.host.selectCell(finding.sheet, finding.cell);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Shows or hides one severity in the findings list (and in the highlight, when on). */
  setFilter(severity: Severity, shown: boolean): Promise<void> {
    if (this.current.filter[severity] === shown) return this.queue;
    this.update({ filter: { ...this.current.filter, [severity]: shown } });
    if (!this.current.highlight) return this.queue;
    return this.enqueue("highlight", () => this.syncHighlight());
  }

  /**
   * Colours the cells of the shown findings by severity, or restores their fills. The choice is
   * kept in the document, so a pane reopened over a workbook saved with colours can take them off.
   */
  setHighlight(on: boolean): Promise<void> {
    if (this.current.highlight === on) return this.queue;
    const settings = { ...cloneSettings(this.current.settings), highlight: on };
    this.update({ highlight: on, settings });
    const saved = saveSettings(this.store, settings).catch((error: unknown) => this.log("settings.save failed", error));
    return this.enqueue("highlight", async () => {
      await saved;
      await this.syncHighlight();
    });
  }

  /** Lists the findings by severity (errors first) or grouped by project and KPI. */
  setOrder(order: FindingOrder): void {
    if (this.current.order !== order) this.update({ order });
  }

  /**
   * Why a reporting year cannot be used with this report, or null when it can: a year the report
   * has no KPI column for is refused, naming the years it has. Null (automatic) is always fine, and
   * so is any year before a check or when the report shows no year at all.
   */
  yearProblem(year: number | null): string | null {
    const years = this.current.result?.years ?? [];
    if (year === null || years.length === 0 || years.includes(year)) return null;
    return this.s.yearNotInReport(year, years);
  }

  dismissNotice(): void {
    if (this.current.notice) this.update({ notice: null });
  }

  // ------------------------------------------------------------------------------------------
  // Derived views of the state

  summary(): Summary | null {
    const result = this.current.result;
    if (!result) return null;
    return {
      counts: { error: result.stats.errors, warning: result.stats.warnings, info: result.stats.infos },
      fixable: result.stats.fixable,
      reportingYear: result.reportingYear,
      reportingYearSource: result.reportingYearSource,
      rate: result.rate,
      projects: result.stats.byProject,
    };
  }

  /** The findings the filter shows. */
  visibleFindings(): Finding[] {
    const { result, filter } = this.current;
    return result ? result.findings.filter((f) => filter[f.severity]) : [];
  }

  /**
   * The shown findings by severity, errors first; within a severity in the core's order (sheet,
   * then cell). Each names its project and KPI, since the list no longer groups by them.
   */
  bySeverity(): SeverityGroup[] {
    const result = this.current.result;
    if (!result) return [];
    const names = new Map<number | null, string>(result.stats.byProject.map((p) => [p.project, p.name]));
    const kpiNames = new Map<string, string>(result.kpis.map((k) => [kpiKey(k.project, k.kpi), k.name]));
    const shown = this.visibleFindings();
    return SEVERITIES.map((severity) => ({
      severity,
      findings: shown
        .filter((f) => f.severity === severity)
        .map((finding) => ({ finding, context: this.findingContext(finding, names, kpiNames) })),
    })).filter((group) => group.findings.length > 0);
  }

  /**
   * The shown findings grouped by project, then KPI: workbook-level findings (no project) first,
   * then projects by number; within a project, its project-level findings first, then KPIs by
   * number. Each group keeps the core's order (sheet, cell, severity).
   */
  groups(): FindingGroup[] {
    const result = this.current.result;
    if (!result) return [];
    const names = new Map<number | null, string>(result.stats.byProject.map((p) => [p.project, p.name]));
    const kpiNames = new Map<string, string>(result.kpis.map((k) => [kpiKey(k.project, k.kpi), k.name]));
    const projects = new Map<string, { project: number | null; kpis: Map<string, { kpi: number | null; findings: Finding[] }> }>();
    for (const finding of this.visibleFindings()) {
      const pid = finding.project === null ? "-" : String(finding.project);
      let group = projects.get(pid);
      if (!group) projects.set(pid, (group = { project: finding.project, kpis: new Map() }));
      const kid = finding.kpi === null ? "-" : String(finding.kpi);
      let sub = group.kpis.get(kid);
      if (!sub) group.kpis.set(kid, (sub = { kpi: finding.kpi, findings: [] }));
      sub.findings.push(finding);
    }
    const byNumber = <T extends { n: number | null }>(a: T, b: T) => (a.n ?? -1) - (b.n ?? -1);
    return [...projects.entries()]
      .map(([pid, g]) => ({ pid, g, n: g.project }))
      .sort(byNumber)
      .map(({ pid, g }) => {
        const kpis = [...g.kpis.entries()]
          .map(([kid, sub]) => ({ kid, sub, n: sub.kpi }))
          .sort(byNumber)
          .map(({ kid, sub }) => ({
            id: `${pid}:${kid}`,
            kpi: sub.kpi,
            title: this.kpiTitle(g.project, sub.kpi, kpiNames),
            findings: sub.findings,
          }));
        return {
          id: pid,
          project: g.project,
          title: g.project === null ? this.s.workbookGroup : projectTitle(g.project, names.get(g.project) ?? ""),
          count: kpis.reduce((n, k) => n + k.findings.length, 0),
          kpis,
        };
      });
  }

  /** The KPIs whose direction can be chosen, with the choice in effect. */
  kpiChoices(): { row: KpiSummaryRow; key: string; label: string; choice: DirectionChoice }[] {
    const result = this.current.result;
    if (!result) return [];
    return result.kpis.map((row) => {
      const key = kpiKey(row.project, row.kpi);
      const project = row.project === null ? "" : `(${row.project}) `;
      return {
        row,
        key,
        label: `${project}${this.s.kpiLabel(row.kpi)} ${row.name}`.trim(),
        choice: this.current.settings.directions[key] ?? "auto",
      };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Internals

  /** "(1) 事業名 · KPI① 名前", "(1) 事業名", or "全体" for a workbook-level finding. */
  private findingContext(f: Finding, names: Map<number | null, string>, kpiNames: Map<string, string>): string {
    if (f.project === null && f.kpi === null) return this.s.workbookGroup;
    const project = f.project === null ? null : projectTitle(f.project, names.get(f.project) ?? "");
    const kpi = f.kpi === null ? null : this.kpiTitle(f.project, f.kpi, kpiNames);
    return [project, kpi].filter((part) => part !== null).join(" · ");
  }

  private kpiTitle(project: number | null, kpi: number | null, names: Map<string, string>): string {
    if (kpi === null) return project === null ? this.s.workbookGroup : this.s.projectLevel;
    const name = names.get(kpiKey(project, kpi));
    return name ? `${this.s.kpiLabel(kpi)} ${name}` : this.s.kpiLabel(kpi);
  }

  private async readAndCheck(): Promise<ValidationResult> {
    const { workbook } = await this.host.readWorkbook();
    return validateWorkbook(workbook, toCheckOptions(this.current.settings, this.lang));
  }

  private async runValidation(options: { keepStatus?: boolean } = {}): Promise<void> {
    const result = await this.readAndCheck();
    const { errors, warnings, infos } = result.stats;
    const checked = this.s.validated(errors, warnings, infos);
    this.update({
      result,
      preview: null,
      status: options.keepStatus && this.current.status ? `${this.current.status} ${checked}` : checked,
    });
    if (this.current.highlight) await this.syncHighlight();
  }

  private async buildPreview(): Promise<void> {
    const { workbook } = await this.host.readWorkbook();
    const fix = fixWorkbook(workbook, toCheckOptions(this.current.settings, this.lang));
    const reasons = new Map<string, Finding>();
    for (const finding of fix.before.findings) {
      for (const write of finding.fix ?? []) {
        const key = cellKey(write.sheet, write.cell);
        if (!reasons.has(key)) reasons.set(key, finding);
      }
    }
    // Workbook order: sheets as in the workbook, then row by row (fix passes append out of order).
    const sheetRank = new Map(workbook.sheets.map((sheet, i) => [sheet.name, i]));
    const position = (w: CellWrite) => parseA1(w.cell) ?? { row: 0, col: 0 };
    const writes = [...fix.writes].sort(
      (a, b) =>
        (sheetRank.get(a.sheet) ?? Infinity) - (sheetRank.get(b.sheet) ?? Infinity) ||
        position(a).row - position(b).row ||
        position(a).col - position(b).col,
    );
    const rows = writes.map((write): PreviewRow => {
      const key = cellKey(write.sheet, write.cell);
      const after: CellContent = {
        value: write.value,
        formula: write.formula ?? null,
        numberFormat: write.numberFormat ?? write.expected.numberFormat ?? null,
      };
      const finding = reasons.get(key);
      return {
        note: describeChange(write.expected, after, this.s),
        key,
        write,
        location: cellLocation(write.sheet, write.cell),
        before: formatContent(write.expected, this.s),
        after: formatContent(after, this.s),
        ticked: true,
        reason: finding ? finding.messages[this.lang] : null,
        ruleId: finding?.ruleId ?? null,
      };
    });
    const fixableFindings = fix.before.stats.fixable;
    this.update({
      result: fix.before,
      preview: { rows, fixableFindings },
      status: this.s.previewReady(rows.length, fixableFindings),
    });
    if (this.current.highlight) await this.syncHighlight();
  }

  /**
   * Makes the workbook's colouring match the toggle and the shown findings. highlight() makes
   * exactly the given cells coloured (restoring cells it coloured before and no longer gets), so
   * a re-check needs no clear in between; clearHighlight() restores every original fill.
   */
  private async syncHighlight(): Promise<void> {
    if (!this.current.highlight) {
      await this.host.clearHighlight();
      return;
    }
    const cells = new Map<string, HighlightCell>();
    for (const f of this.visibleFindings()) {
      const key = cellKey(f.sheet, f.cell);
      const seen = cells.get(key);
      if (!seen || SEVERITY_RANK[f.severity] < SEVERITY_RANK[seen.severity])
        cells.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
    }
    if (cells.size === 0) await this.host.clearHighlight();
    else await this.host.highlight([...cells.values()]);
  }

  private describeSkip(skip: SkippedWrite, during: "apply" | "revert"): string {
    return skipMessage(skip, during)[this.lang];
  }

  private enqueue(kind: BusyKind, work: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.queue.then(async () => {
      this.setBusy(kind);
      try {
        await work();
      } catch (error) {
        this.fail(error);
      } finally {
        this.pending--;
        if (this.pending === 0) this.setBusy(null);
      }
    });
    this.queue = run;
    return run;
  }

  private setBusy(busy: BusyKind | null): void {
    if (this.current.busy !== busy) this.update({ busy });
  }

  private fail(error: unknown): void {
    if (error instanceof HostError) {
      const text = error.userMessage[this.lang] || error.userMessage.ja;
      this.update({ notice: { kind: "error", text, details: [] }, status: text });
    } else {
      this.log("KPI報告チェッカー: unexpected error", error);
      this.update({ notice: { kind: "error", text: this.s.unexpectedError, details: [] }, status: this.s.unexpectedError });
    }
  }

  private update(patch: Partial<TaskpaneState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch (error) {
        this.log("KPI報告チェッカー: render failed", error);
      }
    }
  }
}

function notice(kind: Notice["kind"], text: string, details: string[], s: Strings): Notice {
  return details.length > 0 ? { kind, text: `${text} ${s.skippedHeading(details.length)}`, details } : { kind, text, details };
}
