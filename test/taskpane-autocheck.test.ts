/**
 * The task pane's automatic check ("入力に合わせて自動で点検"), on fake timers: edits that pause are
 * checked once; the pane's own writes (apply, revert, colours) do not start a check, whichever
 * order their events come in; it waits while the fix preview is open; the option is kept in the
 * document and, off, stops listening.
 */
import type { CellWrite, Scalar } from "../src/core";
import { HostError, type ApplyOutcome, type HighlightCell, type WorkbookChange } from "../src/host/workbook-host";
import { TaskpaneController } from "../src/taskpane/controller";
import { SETTINGS_KEY } from "../src/taskpane/settings-model";
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { faultyReport } from "./helpers/pane";

/**
 * A FakeHost that raises change events as Excel does: for the user's edits, and for its own writes
 * (values and colours) either during the call or later (`ownEvents`), told apart (byThisAddin) or not.
 */
class WatchingHost extends FakeHost {
  listener: ((change: WorkbookChange) => void) | null = null;
  watching = 0;
  stopped = 0;
  /** When the host raises the events of the pane's own writes. */
  ownEvents: "during" | "later" = "during";
  /** What the host says about who made a change (ExcelApi 1.14 triggerSource), or null (older hosts). */
  tellsSource = false;
  private late: WorkbookChange[] = [];
  private coloured = new Set<string>();

  async watchChanges(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>> {
    this.watching++;
    this.listener = listener;
    return async () => {
      this.stopped++;
      this.listener = null;
    };
  }

  /** The user types into a cell. */
  type(sheet: string, cell: string, value: Scalar): void {
    this.editCell(sheet, cell, value);
    this.listener?.({ sheet, address: cell, byThisAddin: this.tellsSource ? false : null });
  }

  /** Delivers the events held back (ownEvents "later"). */
  deliverLate(): void {
    for (const change of this.late.splice(0)) this.listener?.(change);
  }

  private own(cells: Iterable<string>): void {
    for (const key of cells) {
      const [sheet, cell] = key.split("!");
      const change: WorkbookChange = { sheet, address: cell, byThisAddin: this.tellsSource ? true : null };
      if (this.ownEvents === "during") this.listener?.(change);
      else this.late.push(change);
    }
  }

  override async applyWrites(writes: readonly CellWrite[]): Promise<ApplyOutcome> {
    const outcome = await super.applyWrites(writes);
    this.own(outcome.applied.map((w) => `${w.sheet}!${w.cell}`));
    return outcome;
  }

  override async highlight(cells: readonly HighlightCell[]): Promise<void> {
    await super.highlight(cells);
    const next = new Set(cells.map((c) => `${c.sheet}!${c.cell}`));
    this.own(new Set([...this.coloured, ...next]));
    this.coloured = next;
  }

  override async clearHighlight(): Promise<void> {
    await super.clearHighlight();
    this.own(this.coloured);
    this.coloured = new Set();
  }
}

const DELAY = 1000;

async function setup(options: { store?: MemorySettings; host?: WatchingHost } = {}) {
  const host = options.host ?? new WatchingHost(faultyReport());
  const store = options.store ?? new MemorySettings();
  const log = jest.fn();
  const controller = new TaskpaneController(host, store, "ja", { log, autoCheckDelayMs: DELAY });
  await controller.validate();
  await settle();
  return { host, store, controller, log };
}

/** Runs what is queued now (promise chains, timers due), without moving the clock. */
async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

const statusAt = (controller: TaskpaneController) =>
  controller.state.result!.findings.filter((f) => f.ruleId === "status" && f.cell === "G18" && f.sheet === "事業1").length;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("the automatic check", () => {
  it("listens once the settings are read, and checks once the edits pause, once for several edits", async () => {
    const { host, controller } = await setup();
    expect(controller.canAutoCheck).toBe(true);
    expect(controller.state.settings.autoCheck).toBe(true);
    expect(host.watching).toBe(1);
    expect(statusAt(controller)).toBe(1);
    const reads = host.calls.readWorkbook;

    host.type("事業1", "G18", "未");
    await jest.advanceTimersByTimeAsync(400);
    host.type("事業1", "G18", "未達");
    await jest.advanceTimersByTimeAsync(400);
    host.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(DELAY - 1);
    expect(host.calls.readWorkbook).toBe(reads); // still typing: no check yet
    await jest.advanceTimersByTimeAsync(1);
    expect(host.calls.readWorkbook).toBe(reads + 1);
    expect(statusAt(controller)).toBe(0);
    expect(controller.state.busy).toBeNull();

    // Typed back: the finding returns, again without a click.
    host.type("事業1", "G18", "未達成");
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(host.calls.readWorkbook).toBe(reads + 2);
    expect(statusAt(controller)).toBe(1);
  });

  it("keeps the filters and the order of the findings list", async () => {
    const { host, controller } = await setup();
    await controller.setFilter("info", false);
    controller.setOrder("project");
    host.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(statusAt(controller)).toBe(0);
    expect(controller.state.filter).toEqual({ error: true, warning: true, info: false });
    expect(controller.state.order).toBe("project");
    expect(controller.visibleFindings().some((f) => f.severity === "info")).toBe(false);
  });

  it("never runs two checks at once: edits during a check queue one more after it", async () => {
    const { host, controller } = await setup();
    const reads = host.calls.readWorkbook;
    host.type("事業1", "G18", "達成");
    host.hold();
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(controller.state.busy).toBe("validate");
    host.type("事業1", "G18", "未達成"); // while the first check waits for Excel
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(host.calls.readWorkbook).toBe(reads); // both held, none overlapping
    host.release();
    await settle();
    // The held read saw the second edit already; a check queued for it reads once more at most.
    expect(host.calls.readWorkbook).toBeLessThanOrEqual(reads + 2);
    expect(statusAt(controller)).toBe(1);
    expect(controller.state.busy).toBeNull();
  });

  describe.each([
    ["during the write", "during" as const],
    ["after the write ends", "later" as const],
  ])("the pane's own writes (events %s)", (_title, when) => {
    it("colouring the findings does not start a check, nor colour again", async () => {
      const host = new WatchingHost(faultyReport());
      host.ownEvents = when;
      const { controller } = await setup({ host });
      await controller.setHighlight(true);
      await settle();
      const reads = host.calls.readWorkbook;
      const colourings = host.calls.highlight.length;
      const result = controller.state.result;
      host.deliverLate();
      await jest.advanceTimersByTimeAsync(5 * DELAY);
      // Late events cost at most one read, which finds what the last check read: nothing changes.
      expect(host.calls.readWorkbook).toBeLessThanOrEqual(reads + (when === "later" ? 1 : 0));
      expect(host.calls.highlight.length).toBe(colourings);
      expect(controller.state.result).toBe(result);

      // The user's edit of a coloured cell is still checked, and coloured anew.
      host.type("事業1", "G18", "達成");
      await jest.advanceTimersByTimeAsync(DELAY);
      expect(statusAt(controller)).toBe(0);
      expect(host.highlighted.has("事業1!G18")).toBe(false);
      host.deliverLate();
      await jest.advanceTimersByTimeAsync(5 * DELAY);
      expect(host.calls.highlight.length).toBe(colourings + 1); // no loop
    });

    it("apply and revert check once themselves, and their writes start no other check", async () => {
      const host = new WatchingHost(faultyReport());
      host.ownEvents = when;
      const { controller } = await setup({ host });
      await controller.openPreview();
      const reads = host.calls.readWorkbook;
      await controller.applyPreview();
      expect(host.calls.readWorkbook).toBe(reads + 1);
      const result = controller.state.result;
      host.deliverLate();
      await jest.advanceTimersByTimeAsync(5 * DELAY);
      expect(host.calls.readWorkbook).toBeLessThanOrEqual(reads + 1 + (when === "later" ? 1 : 0));
      expect(controller.state.result).toBe(result);

      const before = host.calls.readWorkbook;
      await controller.revert();
      host.deliverLate();
      await jest.advanceTimersByTimeAsync(5 * DELAY);
      expect(host.calls.readWorkbook).toBeLessThanOrEqual(before + 1 + (when === "later" ? 1 : 0));
    });
  });

  it("drops the changes the host says are the pane's own (ExcelApi 1.14), even when they come late", async () => {
    const host = new WatchingHost(faultyReport());
    host.tellsSource = true;
    host.ownEvents = "later";
    const { controller } = await setup({ host });
    await controller.setHighlight(true);
    await settle();
    const reads = host.calls.readWorkbook;
    host.deliverLate();
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(reads);
  });

  it("waits while the fix preview is open, and checks when it closes", async () => {
    const { host, controller } = await setup();
    await controller.openPreview();
    const reads = host.calls.readWorkbook;
    host.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(reads);
    expect(controller.state.preview).not.toBeNull();
    controller.closePreview();
    await settle();
    expect(host.calls.readWorkbook).toBe(reads + 1);
    expect(statusAt(controller)).toBe(0);

    // Closed without edits: nothing to check.
    await controller.openPreview();
    const again = host.calls.readWorkbook;
    controller.closePreview();
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(again);
  });

  it("off: no check after edits, no listening, and the choice is kept in the document", async () => {
    const store = new MemorySettings();
    const { host, controller } = await setup({ store });
    const reads = host.calls.readWorkbook;
    await controller.setAutoCheck(false);
    await settle();
    expect(host.calls.readWorkbook).toBe(reads); // turning it off checks nothing
    expect(host.stopped).toBe(1);
    expect(store.get(SETTINGS_KEY)).toMatchObject({ autoCheck: false });
    host.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(reads);

    // A pane reopened over the document starts with it off, and does not listen.
    const reopened = new WatchingHost(faultyReport());
    const second = await setup({ store, host: reopened });
    expect(second.controller.state.settings.autoCheck).toBe(false);
    expect(reopened.watching).toBe(0);
    await second.controller.setAutoCheck(true);
    expect(reopened.watching).toBe(1);
    reopened.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(statusAt(second.controller)).toBe(0);
  });

  it("an edit pending when the option is turned off is dropped", async () => {
    const { host, controller } = await setup();
    const reads = host.calls.readWorkbook;
    host.type("事業1", "G18", "達成");
    await jest.advanceTimersByTimeAsync(DELAY / 2);
    await controller.setAutoCheck(false);
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(reads);
  });

  it("a user still editing a cell is no error: the check runs once the edits pause again", async () => {
    const { host, controller } = await setup();
    host.type("事業1", "G18", "達成");
    host.failNext("readWorkbook", new HostError("InvalidOperationInCellEditMode", { ja: "編集中", en: "editing" }));
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(controller.state.notice).toBeNull();
    expect(statusAt(controller)).toBe(1);
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(statusAt(controller)).toBe(0);
    expect(controller.state.notice).toBeNull();
  });

  it("is not offered where the host raises no change events", async () => {
    const host = new FakeHost(faultyReport());
    const controller = new TaskpaneController(host, new MemorySettings(), "ja", { log: jest.fn() });
    await controller.validate();
    expect(controller.canAutoCheck).toBe(false);
  });

  it("dispose stops listening and drops a pending check", async () => {
    const { host, controller } = await setup();
    const reads = host.calls.readWorkbook;
    host.type("事業1", "G18", "達成");
    await controller.dispose();
    expect(host.stopped).toBe(1);
    await jest.advanceTimersByTimeAsync(5 * DELAY);
    expect(host.calls.readWorkbook).toBe(reads);
  });
});
