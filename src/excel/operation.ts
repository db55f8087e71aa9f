/// <reference types="office-js" />
/**
 * What every part of the Excel adapter (read, apply, highlight) shares: running batches through
 * Excel.run while counting context.sync() round trips, asking which ExcelApi requirement sets the
 * host supports, and translating whatever a batch throws into a HostError.
 */
import { toHostError } from "./errors";
import { isSetSupported as officeIsSetSupported } from "./office";

/** Excel.run's shape; the browser demo passes its own. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface SyncCounter {
  readonly count: number;
}

/**
 * Wraps context.sync so every round trip is counted. The wrapper replaces `sync` on this
 * context object only.
 */
export function countSyncs(context: { sync: Excel.RequestContext["sync"] }): SyncCounter {
  const original = context.sync;
  let count = 0;
  const counted = function <T>(passThroughValue?: T): Promise<T> {
    count++;
    return original.call(context, passThroughValue) as Promise<T>;
  };
  context.sync = counted;
  return {
    get count() {
      return count;
    },
  };
}

/** One host operation: may span several Excel.run batches (a retry, a restore); counts all syncs. */
export class Operation {
  syncs = 0;
  constructor(private readonly runBatch: ExcelRun) {}

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.runBatch(async (context) => {
      const counter = countSyncs(context);
      try {
        return await batch(context);
      } finally {
        this.syncs += counter.count;
      }
    });
  }
}

export interface ExcelSessionOptions {
  /** Runs a batch; Excel.run by default. */
  run?: ExcelRun;
  /** ExcelApi requirement-set check ("1.5" -> boolean); Office.context.requirements by default. */
  isSetSupported?: (version: string) => boolean;
}

/** The adapter's link to Excel: runs operations, remembers their sync counts and the host's requirement sets. */
export class ExcelSession {
  private readonly runBatch: ExcelRun;
  private readonly isSetSupported: (version: string) => boolean;
  private readonly supported = new Map<string, boolean>();
  private syncs = 0;

  constructor(options: ExcelSessionOptions = {}) {
    this.runBatch = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
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
    const op = new Operation(this.runBatch);
    try {
      return await body(op);
    } catch (error) {
      throw toHostError(error);
    } finally {
      this.syncs = op.syncs;
    }
  }
}
