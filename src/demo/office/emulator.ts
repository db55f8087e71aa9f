/**
 * The browser demo's Excel: Office, Excel and OfficeExtension globals implementing the subset of
 * Office.js the add-in uses, over the page's DemoWorkbook, so the add-in's own adapter
 * (src/excel/excel-host.ts) and task pane run unchanged.
 *
 * Demo only: nothing under src/demo may be imported by the add-in's bundles.
 *
 * Excel semantics modelled (see proxies.ts and state.ts for the details):
 * - Excel.run(batch) makes a RequestContext, runs the batch, then syncs what is still queued.
 * - context.sync() is one round trip (workbook.countSync(); an empty queue costs none): the queued
 *   operations run in order; writes are not transactional (a failing operation leaves what ran
 *   before it applied, as in Excel); formulas are recalculated before anything is read back;
 *   the batch's cell changes reach the page in one setCells(…, "addin") call.
 * - Writing to a locked cell of a protected sheet, or formatting any cell of one (unless its
 *   protection allows formatting cells), fails the sync with AccessDenied; an API newer than
 *   `apiVersion` fails it with ApiNotFound.
 * - What the page's workbook gives no reason for can be set on `conditions`: the user editing a
 *   cell (every sync fails with InvalidOperationInCellEditMode, or waits for the edit to end in a
 *   run with `delayForCellEdit`), a coming sync that fails with a given code, part of its batch run
 *   first (failSync), what calls on a null object's children do (nullObjectChildren), the
 *   response size past which a sync fails as on Excel on the web (responseLimitBytes), and a
 *   workbook whose structure is protected (structureProtected: adding or deleting sheets fails).
 * - Hidden and very hidden sheets (Worksheet.visibility): activating one, or selecting its cells,
 *   fails the sync.
 * - Change events (Worksheet.onChanged, WorksheetCollection.onChanged / onAdded): raised for the
 *   user's edits in the grid and for the add-in's writes, as Excel raises them (events.ts).
 */
import type { DemoWorkbook } from "../workbook-model";
import { asOfficeError, ERROR_CODES, MESSAGES, OfficeError } from "./errors";
import { ClientObject, WorkbookProxy, type ContextLike, type LoadOption, type Op } from "./proxies";
import type { Scalar } from "../../core/workbook";
import { Batch, type Cell } from "./state";
import { EventHub } from "./events";

export interface OfficeEmulatorOptions {
  /** Office.context.displayLanguage; "ja-JP" by default. */
  displayLanguage?: string;
  /** The highest ExcelApi requirement set supported; "1.13" by default. */
  apiVersion?: string;
  /** The document's add-in settings (Office.context.document.settings); a new Map by default. */
  settings?: Map<string, unknown>;
  /** How long each sync takes, in milliseconds, so the page can show work in progress; 0 by default. */
  syncDelayMs?: number;
}

/**
 * A coming sync that fails although nothing in the workbook explains it: whatever Excel may raise
 * that the emulation does not model otherwise (a host error, a lost connection, the user starting
 * to edit a cell mid-batch), so the add-in's handling of it can be seen.
 *
 * A batch is not a transaction: the operations before the failing one stay done (the
 * OfficeExtension.Error reference's traceMessages example: a batch inserts two paragraphs
 * successfully, then fails on the next one; learn.microsoft.com/javascript/api/office/officeextension.error).
 * How much of a batch runs before a failure that no operation of it causes is not documented, so
 * `ranBefore` sets it, from none to all.
 */
interface SyncFault {
  /** The code the sync rejects with (Excel.ErrorCodes / OfficeExtension.ErrorCodes). */
  code: string;
  message?: string;
  /** Which coming sync fails: the next one that changes the workbook ("write", the default) or the next one ("any"). */
  on?: "write" | "any";
  /**
   * How many of that batch's changes (property sets, method calls; loads are not counted) run
   * before the failure: 0 by default (none lands); more than it has: all run, and it still fails.
   */
  ranBefore?: number;
}

/**
 * A coming write that Excel stores otherwise than the emulation would compute (what an event
 * handler, a data-validation or AutoCorrect rule, or a host bug could do), so the add-in's check of
 * what it wrote can be seen: the next Range.values / formulas write of that cell stores `stored`.
 */
interface Misstore {
  sheet: string;
  /** "B2". */
  cell: string;
  stored: { value: Scalar; formula?: string | null };
}

/** Conditions of the emulated host that the page's workbook does not hold. */
export interface EmulatedHostConditions {
  /**
   * The user is editing a cell: every sync fails with InvalidOperationInCellEditMode before any of
   * its batch runs ("The operation isn't available while Excel is in Edit cell mode", the error code
   * table of learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
   */
  cellEditMode: boolean;
  /** Queues a fault; queued faults are taken in order, each by the first sync it applies to. */
  failSync(fault: SyncFault): void;
  /** Faults queued and not taken yet. */
  readonly pendingFaults: number;
  /** Queues a write that stores something else (see Misstore); each is taken by the first write of its cell. */
  misstore(misstore: Misstore): void;
  /**
   * What a method or navigation on an object does when that object turns out to be a null object
   * (getItemOrNullObject of a missing sheet, then getRange on it) in the same batch: not
   * documented ("*OrNullObject methods and properties",
   * learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties,
   * only says the null object's own isNullObject is true). "null" (the default): what it returns
   * is a null object too, its loads read nothing; "fail": the sync fails with ItemNotFound.
   */
  nullObjectChildren: "null" | "fail";
  /**
   * A sync whose response is estimated past this many bytes fails with
   * ResponsePayloadSizeLimitExceeded, after its batch ran (Excel on the web: 5 MB, the default;
   * learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
   * The estimate: responseSize (proxies.ts), the UTF-8 JSON of every property loaded. null: no limit
   * (Excel on Windows and Mac).
   */
  responseLimitBytes: number | null;
  /**
   * The workbook's structure is protected (Review > Protect Workbook): adding or deleting a
   * worksheet fails the sync. The code Excel gives is not documented; the emulation uses AccessDenied.
   */
  structureProtected: boolean;
}

/** Excel on the web's limit on a response: 5 MB. */
export const WEB_RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

class HostConditions implements EmulatedHostConditions {
  nullObjectChildren: "null" | "fail" = "null";
  responseLimitBytes: number | null = WEB_RESPONSE_LIMIT_BYTES;
  structureProtected = false;
  private readonly faults: SyncFault[] = [];
  private readonly misstores: Misstore[] = [];
  private editing = false;
  private editEnded: (() => void)[] = [];

  get cellEditMode(): boolean {
    return this.editing;
  }
  set cellEditMode(editing: boolean) {
    this.editing = editing;
    if (editing) return;
    const waiting = this.editEnded;
    this.editEnded = [];
    for (const resume of waiting) resume();
  }

  /** Resolves once the user is no longer editing a cell (at once when not editing). */
  editDone(): Promise<void> {
    return this.editing ? new Promise((resolve) => this.editEnded.push(resolve)) : Promise.resolve();
  }

  failSync(fault: SyncFault): void {
    this.faults.push({ ...fault });
  }

  get pendingFaults(): number {
    return this.faults.length;
  }

  misstore(misstore: Misstore): void {
    this.misstores.push({ ...misstore, cell: misstore.cell.toUpperCase() });
  }

  /** What a content write of the cell stores when a misstore is queued for it. */
  storeInstead(sheet: string, address: string, written: Cell): Cell | undefined {
    const index = this.misstores.findIndex((m) => m.sheet === sheet && m.cell === address);
    if (index < 0) return undefined;
    const [{ stored }] = this.misstores.splice(index, 1);
    return { ...written, value: stored.value, formula: stored.formula ?? null };
  }

  /** The fault this sync takes, if the first one queued applies to it. */
  take(writes: boolean): SyncFault | undefined {
    const next = this.faults[0];
    if (!next || ((next.on ?? "write") === "write" && !writes)) return undefined;
    return this.faults.shift();
  }
}

export interface OfficeEmulator {
  readonly Office: EmulatedOffice;
  readonly Excel: EmulatedExcel;
  readonly OfficeExtension: EmulatedOfficeExtension;
  /** The settings store behind Office.context.document.settings. */
  readonly settings: Map<string, unknown>;
  /** The user editing a cell, syncs that fail: see EmulatedHostConditions. */
  readonly conditions: EmulatedHostConditions;
  /** The change events' handlers (events.ts): how many are registered; sheetAdded raises onAdded. */
  readonly events: Pick<EventHub, "size" | "sheetAdded">;
  /** Removes the globals installOfficeEmulator defined (if they are still these). */
  uninstall(): void;
}

interface Host {
  readonly workbook: DemoWorkbook;
  supports(version: string): boolean;
  /** Worksheet change events (events.ts). */
  readonly events: EventHub;
  readonly syncDelayMs: number;
  readonly conditions: HostConditions;
}

function versionParts(version: string | number | undefined): [number, number] | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(version ?? "").trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : null;
}

function atMost(version: string, highest: [number, number]): boolean {
  const parts = versionParts(version);
  if (!parts) return false;
  return parts[0] < highest[0] || (parts[0] === highest[0] && parts[1] <= highest[1]);
}

// ---------------------------------------------------------------------------------------------
// Excel

/** Excel.RequestContext: queues operations, runs them against the page's workbook at sync(). */
class RequestContext implements ContextLike {
  readonly workbook: WorkbookProxy;
  readonly trackedObjects = { add: (_objects: unknown): void => undefined, remove: (_objects: unknown): void => undefined };
  /** @internal */ readonly _workbook: DemoWorkbook;
  /** @internal */ readonly _events: EventHub;
  private queue: Op[] = [];

  constructor(
    private readonly host: Host,
    /** Excel.RunOptions.delayForCellEdit (ExcelApi 1.11): syncs wait for the cell edit to end. */
    private readonly delayForCellEdit = false,
  ) {
    this._workbook = host.workbook;
    this._events = host.events;
    this.workbook = new WorkbookProxy(this);
  }

  /** @internal */
  _enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** The old form of object.load(option). */
  load(object: ClientObject<unknown>, option?: LoadOption): void {
    object.load(option);
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return passThroughValue as T; // nothing to send: no round trip
    if (this.host.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.host.syncDelayMs));
    else await Promise.resolve();
    const workbook = this.host.workbook;
    const conditions = this.host.conditions;
    if (this.delayForCellEdit) await conditions.editDone(); // "delayed until the user exits cell edit mode"
    workbook.countSync();
    if (conditions.cellEditMode) {
      throw new OfficeError(ERROR_CODES.invalidOperationInCellEditMode, MESSAGES.cellEditMode, "RequestContext.sync");
    }
    const fault = conditions.take(ops.some((op) => op.mutates));
    const faultError = fault && new OfficeError(fault.code, fault.message ?? `${fault.code} (emulated)`, "RequestContext.sync");
    const batch = new Batch(workbook, (version) => this.host.supports(version));
    batch.storeInstead = (sheet, address, written) => conditions.storeInstead(sheet.name, address, written);
    batch.nullObjectChildren = conditions.nullObjectChildren;
    batch.structureProtected = conditions.structureProtected;
    let failure: OfficeError | null = null;
    try {
      let changes = 0;
      for (const op of ops) {
        if (op.mutates && faultError && changes++ === (fault.ranBefore ?? 0)) throw faultError;
        op(batch);
      }
      if (faultError) throw faultError;
      const limit = conditions.responseLimitBytes;
      if (limit !== null && batch.responseBytes > limit) {
        // The batch ran; only its response is refused (its writes stay done).
        throw new OfficeError(ERROR_CODES.responsePayloadSizeLimitExceeded, MESSAGES.tooLarge, "RequestContext.sync");
      }
    } catch (error) {
      failure = asOfficeError(error); // the rest of the batch does not run
    }
    try {
      batch.ensureCalculated(); // what ran stays done (also before a failure), recalculated
      batch.commit();
    } catch (error) {
      failure ??= asOfficeError(error);
    }
    if (failure) {
      for (const undo of batch.onFailure) undo();
      throw failure;
    }
    for (const deliver of batch.onSuccess) deliver();
    return passThroughValue as T;
  }
}

type Batcher<T> = (context: RequestContext) => Promise<T>;

interface EmulatedExcel {
  run<T>(batch: Batcher<T>): Promise<T>;
  run<T>(objects: unknown, batch: Batcher<T>): Promise<T>;
  RequestContext: new () => RequestContext;
  ErrorCodes: typeof ERROR_CODES;
}

function contextOf(objects: unknown): RequestContext | null {
  if (objects instanceof RequestContext) return objects;
  if (objects instanceof ClientObject && objects.context instanceof RequestContext) return objects.context;
  if (Array.isArray(objects) && objects.length > 0) return contextOf(objects[0]);
  if (objects && typeof objects === "object" && "previousObjects" in objects)
    return contextOf((objects as { previousObjects: unknown }).previousObjects);
  return null;
}

function createExcel(host: Host): EmulatedExcel {
  const run = <T>(...args: unknown[]): Promise<T> => {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") {
      return Promise.reject(new OfficeError(ERROR_CODES.invalidArgument, "Excel.run needs a batch function.", "Excel.run"));
    }
    const options = args.length > 1 ? args[0] : undefined;
    // Excel.RunOptions: delayForCellEdit where the emulated Excel has it (ExcelApi 1.11).
    const delay =
      Boolean(options && typeof options === "object" && (options as { delayForCellEdit?: unknown }).delayForCellEdit === true) &&
      host.supports("1.11");
    const context = (options !== undefined ? contextOf(options) : null) ?? new RequestContext(host, delay);
    return (async () => {
      const result: unknown = (batch as Batcher<T>)(context);
      if (!result || typeof (result as Promise<T>).then !== "function") {
        throw new OfficeError(
          ERROR_CODES.runMustReturnPromise,
          'The batch function passed to the ".run" method didn\'t return a promise.',
          "Excel.run",
        );
      }
      const value = await (result as Promise<T>);
      return context.sync(value); // Office.js syncs what the batch left queued
    })();
  };
  class BoundRequestContext extends RequestContext {
    constructor() {
      super(host);
    }
  }
  return { run: run as EmulatedExcel["run"], RequestContext: BoundRequestContext, ErrorCodes: ERROR_CODES };
}

// ---------------------------------------------------------------------------------------------
// Office

interface EmulatedAsyncResult {
  status: "succeeded" | "failed";
  value: undefined;
  error: { name: string; message: string; code: number } | undefined;
  asyncContext: unknown;
}

type AsyncCallback = (result: EmulatedAsyncResult) => void;

interface EmulatedSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(options?: { asyncContext?: unknown; overwriteIfStale?: boolean } | AsyncCallback, callback?: AsyncCallback): void;
  refreshAsync(callback?: AsyncCallback): void;
}

interface EmulatedOffice {
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  AsyncResultStatus: { Succeeded: "succeeded"; Failed: "failed" };
  context: {
    displayLanguage: string;
    contentLanguage: string;
    host: string;
    platform: string;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    document: { settings: EmulatedSettings; url: string };
  };
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  actions: { associate(name: string, action: (...args: unknown[]) => unknown): void };
  /** Called (with "inserted") once assigned. */
  initialize?: (reason: string) => void;
}

/** Settings are kept as JSON, as Office keeps them in the document: what is read back is a copy. */
function createSettings(store: Map<string, unknown>): EmulatedSettings {
  const later = (callback: AsyncCallback | undefined, asyncContext: unknown) => {
    if (callback) setTimeout(() => callback({ status: "succeeded", value: undefined, error: undefined, asyncContext }), 0);
  };
  return {
    get: (name) => (store.has(name) ? JSON.parse(JSON.stringify(store.get(name))) : null),
    set: (name, value) => {
      const text = JSON.stringify(value);
      if (text === undefined) throw new OfficeError(ERROR_CODES.invalidArgument, "Settings values must be JSON.", "Settings.set");
      store.set(name, JSON.parse(text));
    },
    remove: (name) => {
      store.delete(name);
    },
    saveAsync: (options, callback) => {
      const cb = typeof options === "function" ? options : callback;
      later(cb, typeof options === "object" ? options?.asyncContext : undefined);
    },
    refreshAsync: (callback) => later(callback, undefined),
  };
}

function createOffice(displayLanguage: string, highest: [number, number], settings: Map<string, unknown>): EmulatedOffice {
  const info = { host: "Excel", platform: "OfficeOnline" };
  const office: EmulatedOffice = {
    HostType: {
      Excel: "Excel",
      Word: "Word",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      displayLanguage,
      contentLanguage: displayLanguage,
      host: info.host,
      platform: info.platform,
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          if (String(name).toLowerCase() !== "excelapi") return false;
          return minVersion === undefined || atMost(String(minVersion), highest);
        },
      },
      document: { settings: createSettings(settings), url: "" },
    },
    onReady(callback) {
      return Promise.resolve().then(() => {
        callback?.({ ...info });
        return { ...info };
      });
    },
    actions: { associate: () => undefined },
  };
  // The older start-up hook: code that assigns Office.initialize is called back, as Office does.
  let initialize: unknown;
  Object.defineProperty(office, "initialize", {
    enumerable: true,
    get: () => initialize,
    set: (callback: unknown) => {
      initialize = callback;
      if (typeof callback === "function") void Promise.resolve().then(() => callback("inserted"));
    },
  });
  return office;
}

interface EmulatedOfficeExtension {
  Error: typeof OfficeError;
  ErrorCodes: typeof ERROR_CODES;
  ClientObject: typeof ClientObject;
  ClientRequestContext: typeof RequestContext;
  Promise: PromiseConstructor;
}

// ---------------------------------------------------------------------------------------------
// Install

/** Office, Excel and OfficeExtension over `workbook`, not installed anywhere (for tests or a frame). */
export function createOfficeEmulator(workbook: DemoWorkbook, options: OfficeEmulatorOptions = {}): Omit<OfficeEmulator, "uninstall"> {
  const highest = versionParts(options.apiVersion ?? "1.13");
  if (!highest) throw new Error(`apiVersion "${options.apiVersion}" is not a version like "1.13"`);
  const supports = (version: string) => atMost(version, highest);
  const host: Host = {
    workbook,
    supports,
    events: new EventHub(workbook, supports),
    syncDelayMs: Math.max(0, options.syncDelayMs ?? 0),
    conditions: new HostConditions(),
  };
  const settings = options.settings ?? new Map<string, unknown>();
  return {
    Office: createOffice(options.displayLanguage ?? "ja-JP", highest, settings),
    Excel: createExcel(host),
    OfficeExtension: { Error: OfficeError, ErrorCodes: ERROR_CODES, ClientObject, ClientRequestContext: RequestContext, Promise },
    settings,
    conditions: host.conditions,
    events: host.events,
  };
}

/**
 * Defines target.Office, target.Excel and target.OfficeExtension (target: the page's window, or
 * globalThis in a test) over the page's workbook. Load the task pane code after this.
 */
export function installOfficeEmulator(target: object, workbook: DemoWorkbook, options: OfficeEmulatorOptions = {}): OfficeEmulator {
  const emulator = createOfficeEmulator(workbook, options);
  const globals = target as Record<string, unknown>;
  globals.Office = emulator.Office;
  globals.Excel = emulator.Excel;
  globals.OfficeExtension = emulator.OfficeExtension;
  return {
    ...emulator,
    uninstall() {
      if (globals.Office === emulator.Office) delete globals.Office;
      if (globals.Excel === emulator.Excel) delete globals.Excel;
      if (globals.OfficeExtension === emulator.OfficeExtension) delete globals.OfficeExtension;
    },
  };
}
