/// <reference types="office-js" />
/**
 * What every part of the Excel adapter (read, apply, highlight) shares: running batches through
 * Excel.run while counting context.sync() round trips, asking which ExcelApi requirement sets the
 * host supports, the worksheet names last seen (so a batch queues work only on sheets known to
 * exist), and translating whatever a batch throws into a HostError.
 */
import { errorCodeOf, toHostError } from "./errors";
import { isSetSupported as officeIsSetSupported } from "./office";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Excel.run's shape (with or without Excel.RunOptions); the browser demo passes its own. */
export interface ExcelRun {
  <T>(batch: Batch<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
}

export interface SyncCounter {
  /** Round trips asked for, failed ones included. */
  readonly count: number;
  /** Round trips that succeeded. */
  readonly succeeded: number;
}

/**
 * Wraps context.sync so every round trip is counted. The wrapper replaces `sync` on this
 * context object only.
 */
export function countSyncs(context: { sync: Excel.RequestContext["sync"] }): SyncCounter {
  const original = context.sync;
  let count = 0;
  let succeeded = 0;
  const counted = async function <T>(passThroughValue?: T): Promise<T> {
    count++;
    const value = (await original.call(context, passThroughValue)) as T;
    succeeded++;
    return value;
  };
  context.sync = counted;
  return {
    get count() {
      return count;
    },
    get succeeded() {
      return succeeded;
    },
  };
}

/** What SheetRefs tells the operation about the batch it serves. */
interface BatchNotes {
  /** Worksheets were taken by name with getItem (which fails the sync with ItemNotFound when one is gone). */
  sheetsByName: boolean;
}

const NOTES = new WeakMap<object, BatchNotes>();

/** Notes that this batch took worksheets by name (SheetRefs): an ItemNotFound at its first sync means stale names. */
export function noteSheetsByName(context: object): void {
  const notes = NOTES.get(context);
  if (notes) notes.sheetsByName = true;
}

/** A batch's first sync failed on a worksheet taken by name: the names known are stale. */
class StaleSheetNames extends Error {
  constructor(readonly original: unknown) {
    super("stale sheet names");
  }
}

/**
 * One host operation: may span several Excel.run batches (a retry, a restore); counts all syncs.
 *
 * A batch that takes worksheets by name (SheetRefs) and fails at its first sync with ItemNotFound
 * is run once more after the names are read again (one sync): a sheet renamed or deleted since the
 * names were learnt. That first sync must only read (it does in apply and highlight), so running
 * the batch again repeats no change.
 */
export class Operation {
  syncs = 0;
  constructor(
    private readonly session: ExcelSession,
    private readonly runBatch: ExcelRun,
  ) {}

  async run<T>(batch: Batch<T>): Promise<T> {
    try {
      return await this.attempt(batch, true);
    } catch (error) {
      if (!(error instanceof StaleSheetNames)) throw error;
      await this.readSheetNames();
      return this.attempt(batch, false);
    }
  }

  /** Reads the worksheet names into the session (one sync). */
  async readSheetNames(): Promise<string[]> {
    return this.attempt(async (context) => {
      const collection = context.workbook.worksheets;
      collection.load("items/name");
      await context.sync();
      const names = collection.items.map((s) => s.name);
      this.session.sheetNames = names;
      return names;
    }, false);
  }

  private attempt<T>(batch: Batch<T>, mayRetry: boolean): Promise<T> {
    const body = async (context: Excel.RequestContext): Promise<T> => {
      const counter = countSyncs(context);
      const notes: BatchNotes = { sheetsByName: false };
      NOTES.set(context, notes);
      try {
        return await batch(context);
      } catch (error) {
        if (mayRetry && notes.sheetsByName && counter.succeeded === 0 && errorCodeOf(error) === "ItemNotFound") {
          throw new StaleSheetNames(error);
        }
        throw error;
      } finally {
        this.syncs += counter.count;
      }
    };
    // "delayForCellEdit: ... if the user is in cell edit mode the batch request is delayed until
    // the user exits cell edit mode" (Excel.RunOptions, ExcelApi 1.11;
    // learn.microsoft.com/javascript/api/excel/excel.runoptions): a check started while the user
    // types in a cell waits for the edit instead of failing with InvalidOperationInCellEditMode.
    // Older hosts get the plain Excel.run(batch).
    return this.session.supports("1.11") ? this.runBatch({ delayForCellEdit: true }, body) : this.runBatch(body);
  }
}

export interface ExcelSessionOptions {
  /** Runs a batch; Excel.run by default. */
  run?: ExcelRun;
  /** ExcelApi requirement-set check ("1.5" -> boolean); Office.context.requirements by default. */
  isSetSupported?: (version: string) => boolean;
}

/** The adapter's link to Excel: runs operations, remembers their sync counts, the host's requirement sets and the sheet names. */
export class ExcelSession {
  private readonly runBatch: ExcelRun;
  private readonly isSetSupported: (version: string) => boolean;
  private readonly supported = new Map<string, boolean>();
  private syncs = 0;
  /**
   * The worksheet names last read (by readWorkbook, or after a stale name), null before: batches
   * take only these sheets by name. A sheet gone since fails the batch's first sync (getItem's
   * ItemNotFound), and the operation reads the names again (Operation.run).
   */
  sheetNames: string[] | null = null;

  constructor(options: ExcelSessionOptions = {}) {
    this.runBatch = options.run ?? (((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun);
    this.isSetSupported = options.isSetSupported ?? officeIsSetSupported;
  }

  /** context.sync() round trips of the last operation, failed ones included. */
  get lastSyncs(): number {
    return this.syncs;
  }

  /** True when the host supports ExcelApi `version` (asked once per version). */
  supports(version: string): boolean {
    let answer = this.supported.get(version);
    if (answer === undefined) {
      answer = this.isSetSupported(version);
      this.supported.set(version, answer);
    }
    return answer;
  }

  /** Runs one host operation; anything it throws reaches the caller as a HostError. */
  async operation<T>(body: (op: Operation) => Promise<T>): Promise<T> {
    const op = new Operation(this, this.runBatch);
    try {
      return await body(op);
    } catch (error) {
      throw toHostError(error instanceof StaleSheetNames ? error.original : error);
    } finally {
      this.syncs = op.syncs;
    }
  }
}
