/**
 * The task pane's state and actions, without a DOM and without Office.js: it reads the workbook
 * through a WorkbookHost, keeps its settings in a SettingsStore, and calls the core. The view
 * renders `state` and calls the methods; tests drive it with an in-memory host.
 *
 * Long operations (validate, preview, apply, revert, highlight) run one at a time, in the order
 * they were asked for; `state.busy` names the one running. A host error ends the operation with a
 * message in the user's language (HostError.userMessage), never a stack.
 *
 * The automatic check (settings.autoCheck, where the host has watchChanges): the host's change
 * events restart a timer; once the edits pause (autoCheckDelayMs) one check is queued, reading the
 * workbook in one host call. It waits while the fix preview is open (and runs when it closes, if
 * anything changed meanwhile). The pane's own writes raise change events too; they are told apart
 * without relying on when Excel delivers them (see onWorkbookChange).
 */
import { kpiKey } from "../core/types";
import {
  type CellWrite,
  type Direction,
  type Finding,
  type KpiSummaryRow,
  type Lang,
  type ProjectStats,
  type Severity,
  type SkippedWrite,
  type ValidationResult,
  type WorkbookData,
} from "../core";
import { cellKey, parseRange, toA1 } from "../core/address";
import { projectTitle } from "../core/numbering";
import { SEVERITIES, SEVERITY_RANK } from "../core/severity";
import {
  HostError,
  type HighlightCell,
  type SelfCheckReport,
  type SettingsStore,
  type WorkbookChange,
  type WorkbookHost,
} from "../host/workbook-host";
import type { Rule } from "../core/rule";
import { isChunkLoadError, loadEngine, type Engine } from "./engine";
import { strings, type BusyText, type Strings } from "./i18n";
import type { PreviousDigest } from "../core/previous";
import {
  DEFAULT_SETTINGS,
  cloneSettings,
  loadPrevious,
  loadSettings,
  savePrevious,
  saveSettings,
  toCheckOptions,
  type TaskpaneSettings,
} from "./settings-model";

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
  /** The last self-check's report (Settings > 動作確認), null before one ran. */
  selfCheck: SelfCheckReport | null;
  /** Last year's report the checks compare with (kept in the document), null when none. */
  previous: PreviousDigest | null;
}

/** A file the user picked: its name and bytes (read in the pane, never uploaded). */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export type Listener = (state: Readonly<TaskpaneState>) => void;

/** "auto" removes a KPI's direction override. */
export type DirectionChoice = Direction | "auto";

export interface ControllerOptions {
  /** Where unexpected errors are logged (never shown). Default console.error. */
  log?: (...args: unknown[]) => void;
  /** How long the edits must pause before the automatic check runs; 1000 ms by default. */
  autoCheckDelayMs?: number;
  /** The timer the automatic check waits with; setTimeout / clearTimeout by default. */
  timer?: AutoCheckTimer;
}

export interface AutoCheckTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const GLOBAL_TIMER: AutoCheckTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Above this many cells a changed area is not compared cell by cell with the pane's own writes. */
const MAX_COMPARED_CELLS = 10_000;

export class TaskpaneController {
  private current: TaskpaneState;
  private readonly listeners = new Set<Listener>();
  private readonly s: Strings;
  private readonly log: (...args: unknown[]) => void;
  private lastRevert: CellWrite[] | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  // The automatic check
  private readonly autoDelay: number;
  private readonly timer: AutoCheckTimer;
  private autoTimer: unknown = null;
  /** The user changed cells since the last read of the workbook began. */
  private editsPending = false;
  /** An automatic check is queued and has not started yet. */
  private autoQueued = false;
  /** The cells (cellKey) the pane's write running now changes (apply, revert, colours); null when none runs. */
  private ownWrites: Set<string> | null = null;
  /** The cells the last highlight() coloured, by cellKey. */
  private coloured = new Set<string>();
  /** What the last completed check read: an automatic check that reads the same changes nothing. */
  private lastRead: WorkbookData | null = null;
  /** The change subscription: resolves to its stop function (null when it could not start). */
  private watching: Promise<(() => Promise<void>) | null> | null = null;
  private disposed = false;
  /** The rule engine, once its chunk has loaded (engine.ts). */
  private engine: Engine | null = null;

  constructor(
    private readonly host: WorkbookHost,
    private readonly store: SettingsStore,
    readonly lang: Lang,
    options: ControllerOptions = {},
  ) {
    this.s = strings(lang);
    this.log = options.log ?? ((...args) => console.error(...args));
    this.autoDelay = options.autoCheckDelayMs ?? 1000;
    this.timer = options.timer ?? GLOBAL_TIMER;
    const settings = cloneSettings(DEFAULT_SETTINGS);
    this.current = {
      lang,
      busy: "settings", // until the document's settings are read (below)
      result: null,
      preview: null,
      canRevert: false,
      settings,
      filter: { error: true, warning: true, info: true },
      order: "severity",
      highlight: settings.highlight,
      notice: null,
      status: "",
      selfCheck: null,
      previous: null,
    };
    // The document's settings are read first of all (the settings' check loads as a chunk of its
    // own); every action waits for them in the queue, and the settings inputs stay disabled meanwhile.
    this.ready = this.enqueue("settings", async () => {
      const [loaded, previous] = await Promise.all([loadSettings(store), loadPrevious(store)]);
      this.update({ settings: loaded, highlight: loaded.highlight, previous });
      this.syncWatching();
    });
  }

  /** Resolves once the document's settings are read (the first thing every action waits for). */
  readonly ready: Promise<void>;

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

  /**
   * Compares from now on with last year's report `file`: read here (its reader is a chunk loaded
   * now), its digest kept in the document's settings, and the workbook checked again. A file that
   * cannot be read gives a notice naming it and why; nothing is kept then.
   */
  comparePrevious(file: PickedFile): Promise<void> {
    return this.enqueue("previous", async () => {
      this.update({ notice: null });
      const { readPreviousFile } = await import(/* webpackChunkName: "previous" */ "./previous-file");
      const read = readPreviousFile(file.name, file.bytes, this.lang);
      if ("problem" in read) {
        this.update({ notice: { kind: "error", text: read.problem, details: [] }, status: read.problem });
        return;
      }
      this.update({ previous: read.digest });
      await this.keepPrevious(read.digest);
      await this.runValidation();
    });
  }

  /** Stops comparing with last year's report (and forgets it in the document), then checks again. */
  clearPrevious(): Promise<void> {
    return this.enqueue("previous", async () => {
      this.update({ notice: null, previous: null });
      await this.keepPrevious(null);
      await this.runValidation();
    });
  }

  closePreview(): void {
    if (this.current.preview) this.update({ preview: null });
    // Edits made while the preview was open are checked now.
    if (this.editsPending) this.fireAutoCheck();
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
      const outcome = await this.ownWrite(writes, () => this.host.applyWrites(writes));
      if (outcome.revert.length > 0) this.lastRevert = outcome.revert;
      const skipped = await this.describeSkips(outcome.skipped, "apply");
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
      const outcome = await this.ownWrite(writes, () => this.host.applyWrites(writes));
      this.lastRevert = null;
      const skipped = await this.describeSkips(outcome.skipped, "revert");
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

  /** True where the host raises change events: the automatic check can be offered. */
  get canAutoCheck(): boolean {
    return typeof this.host.watchChanges === "function";
  }

  /**
   * Turns the automatic check on or off, saved in the document. No check runs now: the findings
   * do not depend on it; listening to the workbook starts or stops.
   */
  setAutoCheck(on: boolean): Promise<void> {
    if (this.current.settings.autoCheck === on) return this.queue;
    const settings = { ...cloneSettings(this.current.settings), autoCheck: on };
    this.update({ settings });
    if (!on) {
      this.cancelAutoCheck();
      this.editsPending = false;
    }
    this.syncWatching();
    return saveSettings(this.store, settings).catch((error: unknown) => this.log("settings.save failed", error));
  }

  /** Stops listening to the workbook and drops a pending automatic check (the pane is going away). */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelAutoCheck();
    await this.stopWatching();
  }

  /** Lists the findings by severity (errors first) or grouped by project and KPI. */
  setOrder(order: FindingOrder): void {
    if (this.current.order !== order) this.update({ order });
  }

  /** A finding's rule (its description, anchor and documentation), from the engine that found it. */
  ruleOf(finding: Pick<Finding, "ruleId">): Rule | null {
    return this.engine?.ruleById(finding.ruleId) ?? null;
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

  /** True where the host can run the self-check (Settings > 動作確認). */
  get canSelfCheck(): boolean {
    return typeof this.host.selfCheck === "function";
  }

  /**
   * Runs the host's self-check (a scratch sheet added and deleted, the user's cells untouched) and
   * keeps its report for the settings to show and copy. Queued like every operation.
   */
  runSelfCheck(): Promise<void> {
    return this.enqueue("selfCheck", async () => {
      if (!this.host.selfCheck) return;
      const report = await this.host.selfCheck();
      const count = (status: string) => report.probes.filter((p) => p.status === status).length;
      this.update({ selfCheck: report, status: this.s.selfCheckDone(count("ok"), report.probes.length - count("ok")) });
    });
  }

  /**
   * The last self-check as plain text, in the pane's language, for a support request: a heading,
   * the date, the add-in's version where known, the user agent, then one line per probe.
   */
  selfCheckText(): string {
    const report = this.current.selfCheck;
    if (!report) return "";
    const s = this.s;
    const lang = this.lang;
    const lines = [s.selfCheckTextHeading, `${s.selfCheckTextDate}: ${report.ranAt}`];
    if (report.addinVersion) lines.push(`${s.selfCheckTextVersion}: ${report.addinVersion}`);
    lines.push(`${s.selfCheckTextUserAgent}: ${report.userAgent || "—"}`);
    for (const p of report.probes) {
      lines.push(`[${s.selfCheckStatus[p.status]}] ${p.label[lang]}: ${p.outcome[lang]} ${s.selfCheckHandling}: ${p.handling[lang]}`);
    }
    return lines.join("\n");
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

  /**
   * Reads the workbook and checks it. An automatic check that reads exactly what the last check
   * read gives null: the findings would be the same (every settings change checks again itself).
   */
  private async readAndCheck(auto = false): Promise<ValidationResult | null> {
    // Edits from now on are after this read: they need another check.
    this.editsPending = false;
    const [{ workbook }, engine] = await Promise.all([this.host.readWorkbook(), loadEngine()]);
    this.engine = engine;
    if (auto && this.current.result && this.lastRead && sameData(workbook, this.lastRead)) return null;
    const result = engine.validateWorkbook(workbook, this.checkOptions());
    this.lastRead = workbook;
    return result;
  }

  /** The core's options: the settings and last year's report. */
  private checkOptions() {
    return toCheckOptions(this.current.settings, this.lang, this.current.previous);
  }

  /** Saves last year's digest in the document; a failed save leaves it in use in this pane, with a warning. */
  private async keepPrevious(digest: PreviousDigest | null): Promise<void> {
    try {
      await savePrevious(this.store, digest);
    } catch (error) {
      this.log("settings.save failed", error);
      const text = error instanceof HostError ? error.userMessage[this.lang] : this.s.settingsSaveFailed;
      this.update({ notice: { kind: "warning", text, details: [] } });
    }
  }

  private async runValidation(options: { keepStatus?: boolean; auto?: boolean } = {}): Promise<void> {
    const result = await this.readAndCheck(options.auto);
    // Nothing the check reads changed (the pane's own colours, a value typed back): the pane stays
    // as it is, and nothing is coloured again (which would raise change events once more).
    if (result === null) return;
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
    this.editsPending = false;
    const [{ workbook }, { previewOf }] = await Promise.all([
      this.host.readWorkbook(),
      import(/* webpackChunkName: "preview" */ "./preview-model"),
    ]);
    const { result, preview } = previewOf(workbook, this.checkOptions(), this.s);
    this.lastRead = workbook;
    this.update({
      result,
      preview,
      status: this.s.previewReady(preview.rows.length, preview.fixableFindings),
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
      await this.clearColours();
      return;
    }
    const cells = new Map<string, HighlightCell>();
    for (const f of this.visibleFindings()) {
      const key = cellKey(f.sheet, f.cell);
      const seen = cells.get(key);
      if (!seen || SEVERITY_RANK[f.severity] < SEVERITY_RANK[seen.severity])
        cells.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
    }
    if (cells.size === 0) {
      await this.clearColours();
      return;
    }
    // The cells coloured now and those whose colour goes: what highlight() writes.
    const touched = new Set([...this.coloured, ...cells.keys()]);
    await this.ownWrite(touched, () => this.host.highlight([...cells.values()]));
    this.coloured = new Set(cells.keys());
  }

  private async clearColours(): Promise<void> {
    await this.ownWrite(this.coloured, () => this.host.clearHighlight());
    this.coloured = new Set();
  }

  // ------------------------------------------------------------------------------------------
  // The automatic check

  /** Listens to the workbook while the automatic check is on (and the host can), else stops. */
  private syncWatching(): void {
    const want = this.canAutoCheck && this.current.settings.autoCheck && !this.disposed;
    if (want && !this.watching) {
      this.watching = this.host.watchChanges!((change) => this.onWorkbookChange(change)).catch((error: unknown) => {
        // The pane still checks on 検証; only the automatic check is lost.
        this.log("KPI報告チェッカー: change events unavailable", error);
        return null;
      });
    } else if (!want && this.watching) {
      void this.stopWatching();
    }
  }

  /** Removes the change-event handlers, if any; a failure is logged, never shown. */
  private async stopWatching(): Promise<void> {
    const watching = this.watching;
    this.watching = null;
    const stop = watching ? await watching : null;
    if (stop) await stop().catch((error: unknown) => this.log("KPI報告チェッカー: stopping change events failed", error));
  }

  /**
   * A change the host reported. The pane's own writes (apply, revert, colours) raise change events
   * too, and when Excel delivers them is not documented (before or after the write's sync resolves,
   * before or after the next check). So:
   * - where the host tells (ExcelApi 1.14 triggerSource), the pane's own changes are dropped;
   * - otherwise a change inside the cells of the pane's write running now is taken as that write's;
   * - one delivered later starts the timer like any edit, and the check it queues reads the
   *   workbook and finds it as the last check read it (readAndCheck): nothing is shown or coloured
   *   again, so it costs one read and can never start a loop.
   * Right in either order; the cost of a late event is one read. (Before 1.14, the user typing into
   * one of the very cells being written, during that write, is taken as the pane's: apply and
   * revert read the workbook again right after writing, and the next edit or 検証 shows it.)
   */
  private onWorkbookChange(change: WorkbookChange): void {
    if (this.disposed || !this.current.settings.autoCheck) return;
    if (change.byThisAddin === true) return;
    if (change.byThisAddin === null && this.isOwnWrite(change)) return;
    this.editsPending = true;
    if (this.current.preview) return; // paused; closePreview() checks
    this.cancelAutoCheck();
    this.autoTimer = this.timer.set(() => {
      this.autoTimer = null;
      this.fireAutoCheck();
    }, this.autoDelay);
  }

  /** True when every cell of the change is one the pane's running write changes. */
  private isOwnWrite(change: WorkbookChange): boolean {
    const own = this.ownWrites;
    if (!own || change.sheet === null || change.address === null) return false;
    const area = parseRange(change.address.replace(/\$/g, ""));
    if (!area) return false;
    const { start, end } = area;
    if ((end.row - start.row + 1) * (end.col - start.col + 1) > MAX_COMPARED_CELLS) return false;
    for (let row = start.row; row <= end.row; row++) {
      for (let col = start.col; col <= end.col; col++) if (!own.has(cellKey(change.sheet, toA1(row, col)))) return false;
    }
    return true;
  }

  /** Queues one automatic check, unless one is queued already or the preview is open. */
  private fireAutoCheck(): void {
    this.cancelAutoCheck();
    if (!this.editsPending || this.autoQueued || this.current.preview || !this.current.settings.autoCheck || this.disposed) return;
    this.autoQueued = true;
    void this.enqueue("validate", async () => {
      this.autoQueued = false;
      // A check queued before it read the edits already, or the preview opened meanwhile.
      if (!this.editsPending || this.current.preview) return;
      try {
        await this.runValidation({ auto: true });
      } catch (error) {
        // The user is editing a cell again (Excel refuses batches meanwhile below ExcelApi 1.11):
        // not an error to show; the check runs once the edits pause again.
        if (error instanceof HostError && error.code === "InvalidOperationInCellEditMode") {
          this.editsPending = true;
          this.autoTimer = this.timer.set(() => {
            this.autoTimer = null;
            this.fireAutoCheck();
          }, this.autoDelay);
          return;
        }
        throw error;
      }
    });
  }

  private cancelAutoCheck(): void {
    if (this.autoTimer !== null) this.timer.clear(this.autoTimer);
    this.autoTimer = null;
  }

  /** Runs one of the pane's own writes, its cells known meanwhile (onWorkbookChange). */
  private async ownWrite<T>(cells: Iterable<string | { sheet: string; cell: string }>, write: () => Promise<T>): Promise<T> {
    const keys = new Set<string>();
    for (const c of cells) keys.add(typeof c === "string" ? c : cellKey(c.sheet, c.cell));
    this.ownWrites = keys;
    try {
      return await write();
    } finally {
      this.ownWrites = null;
    }
  }

  /** One line per cell not written; the skip reasons' texts load with them (a chunk shared with the writes). */
  private async describeSkips(skips: readonly SkippedWrite[], during: "apply" | "revert"): Promise<string[]> {
    if (skips.length === 0) return [];
    const { skipMessage } = await import(/* webpackChunkName: "apply" */ "../core/writes");
    return skips.map((skip) => skipMessage(skip, during)[this.lang]);
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
    } else if (isChunkLoadError(error)) {
      // One of the pane's own scripts (the engine, the preview, the writes…) could not be fetched;
      // the next attempt fetches it again.
      this.log("KPI報告チェッカー: a script of the pane could not be loaded", error);
      this.update({ notice: { kind: "error", text: this.s.scriptLoadFailed, details: [] }, status: this.s.scriptLoadFailed });
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

/** Two reads of the workbook hold the same (JSON-like data: arrays, plain objects, scalars). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (
      !Object.prototype.hasOwnProperty.call(b, key) ||
      !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    )
      return false;
  }
  return true;
}

function notice(kind: Notice["kind"], text: string, details: string[], s: Strings): Notice {
  return details.length > 0 ? { kind, text: `${text} ${s.skippedHeading(details.length)}`, details } : { kind, text, details };
}
