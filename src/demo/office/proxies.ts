/**
 * The Excel JavaScript API objects of the emulation: proxies that queue what is asked of them and
 * only learn anything at context.sync(), as Office.js's do.
 *
 * - A method returning an object (getRange, getItem, getUsedRangeOrNullObject …) returns a proxy
 *   at once; what it stands for is found when the batch first uses it (Office.js instantiates an
 *   object path lazily, in the order of the batch) and kept for later syncs.
 * - load() queues a query: the values are taken when the query runs in the batch (after the writes
 *   queued before it, formulas recalculated) and delivered when the whole sync succeeded.
 * - Reading a property that was neither loaded-and-synced nor set throws PropertyNotLoaded, and
 *   so does isNullObject before the object has been synced.
 * - Setting a property keeps the value on the proxy (as Office.js does) and queues the write.
 * - *OrNullObject methods give null objects (isNullObject true after sync; their properties read
 *   undefined); anything got from a null object is null too; writing to one fails with ItemNotFound.
 * - An API newer than the emulated ExcelApi version fails the sync with ApiNotFound.
 * - Fill patterns (RangeFill.pattern / patternColor, ExcelApi 1.9) and the options of a sheet's
 *   protection (WorksheetProtection.protect(options)) are kept beside the page's cells (state.ts).
 */
import { toA1 } from "../../core/address";
import { FILL_PATTERNS } from "../../excel/fill";
import { emptySheet, type DemoSheet, type DemoWorkbook } from "../workbook-model";
import { ERROR_CODES, MESSAGES, OfficeError, propertyNotLoaded } from "./errors";
import { worksheetId, type ChangedHandler, type EventHub } from "./events";
import {
  areaAddress,
  Batch,
  calculationMode,
  enterInput,
  inRect,
  MAX_CELLS_PER_READ,
  parseAddress,
  parseColor,
  protectionOptions,
  quoteSheetName,
  rectAddress,
  setCalculationMode,
  setSheetProtection,
  setSheetVisibility,
  sheetVisibility,
  tableBody,
  tablesOf,
  type Area,
  type CalculationMode,
  type Cell,
  type EmulatedTable,
  type ProtectionOptions,
  type Rect,
} from "./state";

/** One queued operation; `mutates` marks those that change the workbook (property sets, method calls), not loads. */
export type Op = ((batch: Batch) => void) & { mutates?: boolean };

function mutating(op: (batch: Batch) => void): Op {
  return Object.assign(op, { mutates: true });
}

/** What the proxies need of the request context they belong to. */
export interface ContextLike {
  readonly _workbook: DemoWorkbook;
  /** The host's change events (events.ts); absent: the context raises none. */
  readonly _events?: EventHub;
  _enqueue(op: Op): void;
}

/**
 * OfficeExtension.EventHandlers: add(handler) registers at the next sync and gives an
 * EventHandlerResult whose remove() unregisters at the sync after it (events.ts).
 */
class EventHandlersProxy {
  constructor(
    private readonly context: ContextLike,
    private readonly api: string,
    private readonly version: string,
    private readonly kind: "changed" | "added",
    private readonly sheetOf: (batch: Batch) => DemoSheet | null,
  ) {}

  add(handler: ChangedHandler): { context: ContextLike; remove(): void } {
    if (typeof handler !== "function") throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, `${this.api}.add`);
    let registration: ReturnType<EventHub["add"]> | null = null;
    const context = this.context;
    context._enqueue((batch) => {
      batch.require(this.version, this.api);
      const hub = context._events;
      if (!hub) throw notEmulated(this.api, "add");
      const sheet = this.sheetOf(batch);
      batch.onSuccess.push(() => {
        registration = hub.add({ kind: this.kind, sheet, handler });
      });
    });
    return {
      context,
      remove: () => {
        context._enqueue((batch) => {
          batch.onSuccess.push(() => {
            if (registration) context._events?.remove(registration);
            registration = null;
          });
        });
      },
    };
  }
}

export type LoadOption = string | string[] | { select?: string | string[]; expand?: string | string[]; [key: string]: unknown };

/** load()'s argument -> property paths ("values", "format/fill/color", "items/name"); "*" is every scalar property. */
function loadPaths(option: LoadOption | undefined | null, prefix = ""): string[] {
  const split = (text: string | string[]) =>
    (Array.isArray(text) ? text : [text])
      // Not flatMap (ES2019): the demo's frame must run where the pane does (EdgeHTML; e2e test 9).
      .reduce<string[]>((all, t) => all.concat(t.split(",")), [])
      .map((t) => t.trim())
      .filter((t) => t !== "");
  if (option === undefined || option === null) return [`${prefix}*`];
  if (typeof option === "string" || Array.isArray(option)) {
    const paths = split(option);
    return paths.length > 0 ? paths.map((p) => prefix + p) : [`${prefix}*`];
  }
  if (option.select !== undefined || option.expand !== undefined) {
    const select = option.select !== undefined ? split(option.select) : ["*"];
    const expand = option.expand !== undefined ? split(option.expand).map((p) => `${p}/*`) : [];
    return [...select, ...expand].map((p) => prefix + p);
  }
  const paths: string[] = [];
  for (const [key, value] of Object.entries(option)) {
    if (value === true) paths.push(prefix + key);
    else if (value && typeof value === "object") paths.push(...loadPaths(value as LoadOption, `${prefix}${key}/`));
  }
  return paths.length > 0 ? paths : [`${prefix}*`];
}

/** Range.getMergedAreasOrNullObject fails past this many merged areas in the range. */
export const MAX_MERGED_AREAS = 512;

function nullObjectError(where: string): OfficeError {
  return new OfficeError(ERROR_CODES.itemNotFound, `${MESSAGES.itemNotFound} ${MESSAGES.nullObject}`, where);
}

function notEmulated(type: string, name: string): OfficeError {
  return new OfficeError(ERROR_CODES.apiNotFound, `${type}.${name} is not part of the demo's Excel emulation.`, `${type}.${name}`);
}

/**
 * The bytes a loaded property adds to the sync's response, as the emulation estimates it: the
 * UTF-8 length of `"name":<value as JSON>,` — Office.js sends a response as JSON, and a cell of a
 * report read as values, formulas and number formats comes to about 35 bytes this way. Excel on
 * the web fails a response past 5 MB with ResponsePayloadSizeLimitExceeded
 * (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * the emulator compares the sum with conditions.responseLimitBytes.
 */
function responseSize(name: string, value: unknown): number {
  const text = `"${name}":${JSON.stringify(value) ?? "null"},`;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** Marks a proxy as an *OrNullObject result: the one kind of object that may stand for nothing. */
function orNullObject<P extends ClientObject<unknown>>(proxy: P): P {
  proxy._nullable = true;
  return proxy;
}

function copy<T>(value: T): T {
  return Array.isArray(value) ? (value.map((v: unknown) => copy(v)) as T) : value;
}

// ---------------------------------------------------------------------------------------------
// Base

export abstract class ClientObject<T> {
  /** @internal */ _bound = false;
  /** @internal */ _target: T | null = null;
  /** @internal */ _isNull: boolean | undefined = undefined;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal True for what an *OrNullObject method returned: it may be a null object. */
  _nullable = false;
  abstract readonly _typeName: string;
  /** Scalar properties that load() can fetch, with the ExcelApi version each needs. */
  protected abstract readonly _properties: Readonly<Record<string, string>>;

  constructor(
    /** @internal */ readonly _context: ContextLike,
    private readonly _locate: (batch: Batch) => T | null,
  ) {}

  get context(): ContextLike {
    return this._context;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._typeName, "isNullObject");
    return this._isNull;
  }

  /** Objects reached by a property (range.format, format.fill …). */
  protected _navigation(_name: string): ClientObject<unknown> | undefined {
    return undefined;
  }

  /** A property's value now, in the batch. */
  protected abstract _read(name: string, target: T, batch: Batch): unknown;

  /** Fails when the object's target is gone (its sheet deleted, another file opened). */
  protected _check(_target: T, _batch: Batch): void {}

  /** What the object stands for in this batch: found the first time, then kept. */
  _resolve(batch: Batch): T | null {
    if (!this._bound) {
      const target = this._locate(batch);
      // Reached through a null object (range.format of a null range …): see nullObjectChildren.
      if (target === null && !this._nullable && batch.nullObjectChildren === "fail") throw nullObjectError(this._typeName);
      this._bind(target, batch);
    }
    if (this._target !== null) this._check(this._target, batch);
    return this._target;
  }

  /** @internal */
  _bind(target: T | null, batch: Batch): void {
    this._bound = true;
    this._target = target;
    batch.onSuccess.push(() => {
      this._isNull = target === null;
    });
    batch.onFailure.push(() => {
      this._bound = false;
      this._target = null;
    });
  }

  load(option?: LoadOption): this {
    this._queueLoad(loadPaths(option));
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  /** @internal Queues the queries of load(paths) (through `enqueue`: a collection runs its items' at once). */
  _queueLoad(paths: string[], enqueue: (op: Op) => void = (op) => this._context._enqueue(op)): void {
    const own = new Set<string>();
    const nested = new Map<ClientObject<unknown>, string[]>();
    for (const path of paths) {
      const slash = path.indexOf("/");
      const head = slash < 0 ? path : path.slice(0, slash);
      const rest = slash < 0 ? "" : path.slice(slash + 1);
      if (head === "*") {
        for (const name of Object.keys(this._properties)) own.add(`?${name}`);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(this._properties, head)) {
        own.add(head);
        continue;
      }
      const navigation = this._navigation(head);
      if (navigation) {
        const list = nested.get(navigation) ?? [];
        list.push(rest === "" ? "*" : rest);
        nested.set(navigation, list);
        continue;
      }
      own.add(head); // unknown: fails the sync
    }
    if (own.size > 0) enqueue(this._query([...own]));
    for (const [navigation, list] of nested) navigation._queueLoad(list, enqueue);
  }

  /** Names prefixed "?" are loaded only where the emulated version has them (load() of everything). */
  private _query(names: string[]): Op {
    return (batch) => {
      const target = this._resolve(batch);
      batch.ensureCalculated();
      const values: [string, unknown][] = [];
      if (target !== null) {
        for (const entry of names) {
          const optional = entry.startsWith("?");
          const name = optional ? entry.slice(1) : entry;
          const version = this._properties[name];
          if (version === undefined) throw notEmulated(this._typeName, name);
          if (optional) {
            try {
              batch.require(version, `${this._typeName}.${name}`);
            } catch {
              continue;
            }
          } else batch.require(version, `${this._typeName}.${name}`);
          const value = this._read(name, target, batch);
          batch.responseBytes += responseSize(name, value);
          values.push([name, value]);
        }
      }
      batch.onSuccess.push(() => {
        for (const [name, value] of values) this._loaded.set(name, value);
      });
    };
  }

  protected _get<V>(name: string): V {
    if (this._loaded.has(name)) return this._loaded.get(name) as V;
    if (this._isNull === true) return undefined as V;
    throw propertyNotLoaded(this._typeName, name);
  }

  /** Keeps the value on the proxy and queues the write. */
  protected _set(name: string, value: unknown, apply: (target: T, value: unknown, batch: Batch) => void): void {
    this._loaded.set(name, value);
    const sent = copy(value);
    this._context._enqueue(
      mutating((batch) => {
        batch.require(this._properties[name] ?? "1.1", `${this._typeName}.${name}`);
        const target = this._resolve(batch);
        if (target === null) throw nullObjectError(`${this._typeName}.${name}`);
        apply(target, sent, batch);
      }),
    );
  }

  /** Queues a method call with no result. */
  protected _call(name: string, version: string, run: (target: T, batch: Batch) => void): void {
    this._context._enqueue(
      mutating((batch) => {
        batch.require(version, `${this._typeName}.${name}`);
        const target = this._resolve(batch);
        if (target === null) throw nullObjectError(`${this._typeName}.${name}`);
        run(target, batch);
      }),
    );
  }

  /** Locates a child object: null when this one is null; fails with ApiNotFound past the version. */
  protected _child<C>(batch: Batch, version: string, api: string, locate: (target: T) => C | null): C | null {
    batch.require(version, `${this._typeName}.${api}`);
    const target = this._resolve(batch);
    // A method called on a null object before the sync: undocumented in Excel; the emulation has
    // both answers (conditions.nullObjectChildren): a null object again, or a failed batch.
    if (target === null && batch.nullObjectChildren === "fail") throw nullObjectError(`${this._typeName}.${api}`);
    return target === null ? null : locate(target);
  }
}

/**
 * A collection's load: "items/name", "name" and "items" all load the items with the properties
 * asked. The items' queries run right away, inside the collection's own query.
 */
function loadItems(items: ClientObject<unknown>[], paths: string[], batch: Batch): void {
  const itemPaths = paths.map((p) => (p === "items" || p === "*" ? "*" : p.startsWith("items/") ? p.slice(6) : p));
  const queued: Op[] = [];
  for (const item of items) item._queueLoad(itemPaths, (op) => queued.push(op));
  for (const op of queued) op(batch);
}

// ---------------------------------------------------------------------------------------------
// Workbook, worksheets

export class WorkbookProxy extends ClientObject<DemoWorkbook> {
  readonly _typeName = "Workbook";
  protected readonly _properties = { name: "1.7" };
  private _worksheets?: WorksheetCollectionProxy;
  private _application?: ApplicationProxy;

  constructor(context: ContextLike) {
    super(context, (batch) => batch.workbook);
  }

  get name(): string {
    return this._get("name");
  }

  get worksheets(): WorksheetCollectionProxy {
    return (this._worksheets ??= new WorksheetCollectionProxy(this._context, this));
  }

  get application(): ApplicationProxy {
    return (this._application ??= new ApplicationProxy(this._context, (batch) => this._resolve(batch)));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "worksheets" ? this.worksheets : name === "application" ? this.application : undefined;
  }

  protected _read(name: string): unknown {
    return name === "name" ? "Book1.xlsx" : undefined;
  }

  /** The selected cell(s), A1 of the active sheet when nothing was selected. */
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this._context, (batch) => {
      const workbook = this._child(batch, "1.1", "getSelectedRange", (w) => w);
      if (!workbook) return null;
      const selection = workbook.selection ?? { sheet: workbook.activeSheet, cell: "A1" };
      const sheet = workbook.sheet(selection.sheet);
      const parsed = parseAddress(selection.cell);
      if (!sheet || !parsed) throw new OfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Workbook.getSelectedRange");
      return { sheet, ...parsed.rect };
    });
  }
}

class WorksheetCollectionProxy extends ClientObject<DemoWorkbook> {
  readonly _typeName = "WorksheetCollection";
  protected readonly _properties = { items: "1.1" };

  constructor(context: ContextLike, parent: WorkbookProxy) {
    super(context, (batch) => parent._resolve(batch));
  }

  get items(): WorksheetProxy[] {
    return this._get("items");
  }

  protected _read(): unknown {
    return undefined;
  }

  /** "items/name", "name" and "items" all load the worksheets with the properties asked. */
  override _queueLoad(paths: string[], enqueue: (op: Op) => void = (op) => this._context._enqueue(op)): void {
    enqueue((batch) => {
      const workbook = this._resolve(batch)!;
      const items = workbook.sheets.map((sheet) => {
        const item = new WorksheetProxy(this._context, () => sheet);
        item._bind(sheet, batch);
        return item;
      });
      batch.onSuccess.push(() => this._loaded.set("items", items));
      loadItems(items, paths, batch);
    });
  }

  /** Occurs when any worksheet of the workbook is changed (ExcelApi 1.9). */
  get onChanged(): EventHandlersProxy {
    return new EventHandlersProxy(this._context, "WorksheetCollection.onChanged", "1.9", "changed", () => null);
  }

  /** Occurs when a worksheet is added to the workbook (ExcelApi 1.7). */
  get onAdded(): EventHandlersProxy {
    return new EventHandlersProxy(this._context, "WorksheetCollection.onAdded", "1.7", "added", () => null);
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getItem", (workbook) => {
        const sheet = findSheet(workbook, name);
        if (!sheet) throw new OfficeError(ERROR_CODES.itemNotFound, `${MESSAGES.itemNotFound} (${name})`, "WorksheetCollection.getItem");
        return sheet;
      }),
    );
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return orNullObject(
      new WorksheetProxy(this._context, (batch) =>
        this._child(batch, "1.4", "getItemOrNullObject", (workbook) => findSheet(workbook, name) ?? null),
      ),
    );
  }

  /**
   * Adds a worksheet at the end (ExcelApi 1.1): "The worksheet will be added at the end of existing
   * worksheets. If you wish to activate the newly added worksheet, call .activate() on it"
   * (learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)).
   * Fails where the workbook's structure is protected (conditions.structureProtected) or the name is taken.
   */
  add(name?: string): WorksheetProxy {
    let created: DemoSheet | null = null;
    this._call("add", "1.1", (workbook, batch) => {
      if (batch.structureProtected) throw new OfficeError(ERROR_CODES.accessDenied, MESSAGES.structureProtected, "WorksheetCollection.add");
      let sheetName = name;
      for (let n = workbook.sheets.length + 1; sheetName === undefined; n++) if (!findSheet(workbook, `Sheet${n}`)) sheetName = `Sheet${n}`;
      if (findSheet(workbook, sheetName))
        throw new OfficeError(ERROR_CODES.itemAlreadyExists, MESSAGES.sheetExists, "WorksheetCollection.add");
      created = emptySheet(sheetName);
      workbook.sheets.push(created); // at once, as every operation of a batch that ran
    });
    return new WorksheetProxy(this._context, () => {
      if (!created) throw new OfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "WorksheetCollection.add");
      return created;
    });
  }

  getFirst(_visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this._context, (batch) =>
      this._child(batch, "1.5", "getFirst", (workbook) => {
        const sheet = workbook.sheets[0];
        if (!sheet) throw new OfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "WorksheetCollection.getFirst");
        return sheet;
      }),
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getActiveWorksheet", (workbook) => workbook.sheet(workbook.activeSheet) ?? workbook.sheets[0] ?? null),
    );
  }
}

/**
 * A hidden or very hidden sheet cannot be activated, nor its cells selected, as in Excel's UI. The
 * error Office.js gives then is not documented; the emulation fails the sync with InvalidOperation.
 */
function checkVisible(sheet: DemoSheet, where: string): void {
  if (sheetVisibility(sheet) !== "Visible") throw new OfficeError(ERROR_CODES.invalidOperation, MESSAGES.hiddenSheet, where);
}

/** Excel finds sheets by name case-insensitively. */
function findSheet(workbook: DemoWorkbook, name: string): DemoSheet | undefined {
  return (
    workbook.sheet(name) ??
    workbook.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase()) ??
    // getItem(key): "a worksheet object using its name or ID" (Worksheet.id).
    workbook.sheets.find((s) => worksheetId(workbook, s) === name)
  );
}

class WorksheetProxy extends ClientObject<DemoSheet> {
  readonly _typeName = "Worksheet";
  protected readonly _properties = { id: "1.1", name: "1.1", position: "1.1", visibility: "1.1" };
  private _protection?: WorksheetProtectionProxy;
  private _tables?: TableCollectionProxy;

  get id(): string {
    return this._get("id");
  }
  get name(): string {
    return this._get("name");
  }
  get position(): number {
    return this._get("position");
  }
  get visibility(): string {
    return this._get("visibility");
  }
  /** Hides or shows the sheet (Excel.SheetVisibility; settable since ExcelApi 1.2). */
  set visibility(visibility: string) {
    this._set("visibility", visibility, (sheet, input, batch) => {
      batch.checkSheet(sheet, "Worksheet.visibility");
      if (input !== "Visible" && input !== "Hidden" && input !== "VeryHidden") {
        throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Worksheet.visibility");
      }
      setSheetVisibility(sheet, input);
    });
  }

  /** Occurs when data changes in this worksheet (ExcelApi 1.7). */
  get onChanged(): EventHandlersProxy {
    return new EventHandlersProxy(this._context, "Worksheet.onChanged", "1.7", "changed", (batch) => {
      const sheet = this._resolve(batch);
      if (sheet === null) throw nullObjectError("Worksheet.onChanged");
      return sheet;
    });
  }

  get protection(): WorksheetProtectionProxy {
    return (this._protection ??= new WorksheetProtectionProxy(this._context, (batch) => this._child(batch, "1.2", "protection", (s) => s)));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "protection" ? this.protection : name === "tables" ? this.tables : undefined;
  }

  /** The sheet's tables (ExcelApi 1.1). */
  get tables(): TableCollectionProxy {
    return (this._tables ??= new TableCollectionProxy(this._context, "TableCollection", (batch) =>
      this._child(batch, "1.1", "tables", (sheet) => ({ sheet, tables: tablesOf(sheet) })),
    ));
  }

  protected override _check(sheet: DemoSheet, batch: Batch): void {
    batch.checkSheet(sheet, "Worksheet");
  }

  protected _read(name: string, sheet: DemoSheet, batch: Batch): unknown {
    switch (name) {
      case "id":
        return worksheetId(batch.workbook, sheet);
      case "name":
        return sheet.name;
      case "position":
        return batch.workbook.sheets.indexOf(sheet);
      case "visibility":
        return sheetVisibility(sheet);
    }
    return undefined;
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getRange", (sheet) => {
        if (address === undefined || address === "") return { sheet, r0: 0, c0: 0, r1: 1_048_575, c1: 16_383 };
        const parsed = parseAddress(address);
        const otherSheet = parsed?.sheet !== null && parsed?.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase();
        if (!parsed || otherSheet) throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Worksheet.getRange");
        return { sheet, ...parsed.rect };
      }),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.7", "getRangeByIndexes", (sheet) => {
        if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1) {
          throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Worksheet.getRangeByIndexes");
        }
        return { sheet, r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      }),
    );
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getCell", (sheet) => ({ sheet, r0: row, c0: column, r1: row, c1: column })),
    );
  }

  /** The used range; A1 for an empty sheet. `valuesOnly` needs ExcelApi 1.2. */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, valuesOnly === undefined ? "1.1" : "1.2", "getUsedRange", (sheet) => {
        const rect = batch.usedRect(sheet, valuesOnly === true);
        return { sheet, ...(rect ?? { r0: 0, c0: 0, r1: 0, c1: 0 }) };
      }),
    );
  }

  /** The used range, a null object for an empty sheet (ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return orNullObject(
      new RangeProxy(this._context, (batch) =>
        this._child(batch, "1.4", "getUsedRangeOrNullObject", (sheet) => {
          const rect = batch.usedRect(sheet, valuesOnly === true);
          return rect ? { sheet, ...rect } : null;
        }),
      ),
    );
  }

  getNextOrNullObject(_visibleOnly?: boolean): WorksheetProxy {
    return orNullObject(
      new WorksheetProxy(this._context, (batch) =>
        this._child(
          batch,
          "1.5",
          "getNextOrNullObject",
          (sheet) => batch.workbook.sheets[batch.workbook.sheets.indexOf(sheet) + 1] ?? null,
        ),
      ),
    );
  }

  getPreviousOrNullObject(_visibleOnly?: boolean): WorksheetProxy {
    return orNullObject(
      new WorksheetProxy(this._context, (batch) =>
        this._child(
          batch,
          "1.5",
          "getPreviousOrNullObject",
          (sheet) => batch.workbook.sheets[batch.workbook.sheets.indexOf(sheet) - 1] ?? null,
        ),
      ),
    );
  }

  /**
   * Deletes the worksheet (ExcelApi 1.1). Fails where the workbook's structure is protected and for
   * the last visible sheet; a deleted active sheet passes activation to the first visible one.
   */
  delete(): void {
    this._call("delete", "1.1", (sheet, batch) => {
      batch.checkSheet(sheet, "Worksheet.delete");
      const workbook = batch.workbook;
      if (batch.structureProtected) throw new OfficeError(ERROR_CODES.accessDenied, MESSAGES.structureProtected, "Worksheet.delete");
      const visible = workbook.sheets.filter((s) => s !== sheet && sheetVisibility(s) === "Visible");
      if (visible.length === 0) throw new OfficeError(ERROR_CODES.invalidOperation, MESSAGES.lastVisibleSheet, "Worksheet.delete");
      workbook.sheets = workbook.sheets.filter((s) => s !== sheet);
      if (workbook.selection?.sheet === sheet.name) workbook.selection = null;
      if (workbook.activeSheet === sheet.name) workbook.activate(visible[0].name);
    });
  }

  activate(): void {
    this._call("activate", "1.1", (sheet, batch) => {
      batch.checkSheet(sheet, "Worksheet.activate");
      checkVisible(sheet, "Worksheet.activate");
      batch.workbook.activate(sheet.name);
    });
  }
}

class WorksheetProtectionProxy extends ClientObject<DemoSheet> {
  readonly _typeName = "WorksheetProtection";
  protected readonly _properties = { protected: "1.2", options: "1.2" };

  get protected(): boolean {
    return this._get("protected");
  }
  get options(): ProtectionOptions {
    return this._get("options");
  }

  protected _read(name: string, sheet: DemoSheet): unknown {
    return name === "protected" ? sheet.protected : protectionOptions(sheet);
  }

  /**
   * Protects the sheet; `options` say what stays allowed (Excel's defaults for the rest). "Fails if
   * the worksheet has already been protected" (WorksheetProtection.protect, ExcelApi 1.2; the
   * password, ExcelApi 1.7, is not kept). learn.microsoft.com/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-protect-member(1)
   */
  protect(options?: Partial<ProtectionOptions>, password?: string): void {
    const version = password === undefined ? "1.2" : "1.7";
    const given = { ...options };
    this._call("protect", version, (sheet, batch) => {
      batch.checkSheet(sheet, "WorksheetProtection.protect");
      if (sheet.protected) throw new OfficeError(ERROR_CODES.invalidOperation, MESSAGES.alreadyProtected, "WorksheetProtection.protect");
      setSheetProtection(sheet, given); // at once, as every operation of a batch that ran
    });
  }

  /** Unprotects the sheet (WorksheetProtection.unprotect, ExcelApi 1.2; with a password 1.7). */
  unprotect(password?: string): void {
    this._call("unprotect", password === undefined ? "1.2" : "1.7", (sheet, batch) => {
      batch.checkSheet(sheet, "WorksheetProtection.unprotect");
      setSheetProtection(sheet, null);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

type CellWriter = (cell: Cell, input: unknown, address: string) => Cell;

function cellCount(rect: Rect): number {
  return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
}

function grid<V>(rect: Rect, each: (address: string, r: number, c: number) => V): V[][] {
  if (cellCount(rect) > MAX_CELLS_PER_READ) {
    throw new OfficeError(ERROR_CODES.responsePayloadSizeLimitExceeded, MESSAGES.tooLarge, "Range");
  }
  const rows: V[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: V[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(each(toA1(r, c), r, c));
    rows.push(row);
  }
  return rows;
}

function scalarInput(value: unknown, where: string): string | number | boolean {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, where);
}

function valueType(cell: Cell): string {
  if (cell.value === null) return "Empty";
  if (typeof cell.value === "number") return "Double";
  if (typeof cell.value === "boolean") return "Boolean";
  return /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(cell.value) ? "Error" : "String";
}

/**
 * What a write changes, for a protected sheet: content needs unlocked cells; formatting needs the
 * protection's allowFormatCells ("the formatting cells feature",
 * learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions#excel-excel-worksheetprotectionoptions-allowformatcells-member);
 * locking or unlocking cells is never allowed on a protected sheet.
 */
type WriteKind = "content" | "format" | "lock";

/**
 * Writes an input array (or one value for every cell) into the area: checks the shape, the sheet's
 * protection (see WriteKind) and merged areas before changing anything.
 */
function writeArea(area: Area, batch: Batch, what: string, input: unknown, kind: WriteKind, write: CellWriter): void {
  const formatting = kind !== "content";
  batch.checkSheet(area.sheet, `Range.${what}`);
  const rows = area.r1 - area.r0 + 1;
  const cols = area.c1 - area.c0 + 1;
  let at: (r: number, c: number) => unknown;
  if (Array.isArray(input)) {
    const shaped = input.length === rows && input.every((row) => Array.isArray(row) && row.length === cols);
    if (!shaped) throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.dimensions, `Range.${what}`);
    at = (r, c) => (input[r] as unknown[])[c];
  } else {
    if (cellCount(area) > MAX_CELLS_PER_READ)
      throw new OfficeError(ERROR_CODES.requestPayloadSizeLimitExceeded, MESSAGES.tooLarge, `Range.${what}`);
    at = () => input;
  }
  const targets: [string, unknown][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = at(r, c);
      if (value !== null && value !== undefined) targets.push([toA1(area.r0 + r, area.c0 + c), value]); // null: leave the cell alone
    }
  }
  const sheet = area.sheet;
  if (sheet.protected) {
    const denied =
      kind === "content"
        ? targets.some(([address]) => batch.cell(sheet, address).locked)
        : targets.length > 0 && (kind === "lock" || !protectionOptions(sheet).allowFormatCells);
    if (denied) throw new OfficeError(ERROR_CODES.accessDenied, MESSAGES.accessDenied, `Range.${what}`);
  }
  const covered = batch.coveredCells(sheet);
  const inArea = (address: string) => {
    const p = parseAddress(address)!.rect;
    return p.r0 >= area.r0 && p.r0 <= area.r1 && p.c0 >= area.c0 && p.c0 <= area.c1;
  };
  const writes: [string, unknown][] = [];
  for (const [address, value] of targets) {
    const topLeft = formatting ? undefined : covered.get(address);
    if (topLeft === undefined) writes.push([address, value]);
    else if (!inArea(topLeft)) throw new OfficeError(ERROR_CODES.invalidOperation, MESSAGES.mergedPart, `Range.${what}`);
    // a covered cell written along with its merged area's top-left: ignored, as Excel does
  }
  for (const [address, value] of writes) {
    let cell = write(batch.cell(sheet, address), value, address);
    if (kind === "content") cell = batch.storeInstead?.(sheet, address, cell) ?? cell;
    batch.put(sheet, address, cell);
    if (kind === "content" && cell.formula) fillCalculatedColumn(batch, sheet, address, cell.formula);
  }
}

/**
 * A formula entered into an empty column of a table's data rows fills that column: a calculated
 * column ("Use calculated columns in an Excel table", support.microsoft.com/office/873fbac6-7110-4300-8f6f-aafa2ea11ce8;
 * the API does it too while AutoCorrect's "Fill formulas in tables to create calculated columns" is
 * on, the default: github.com/OfficeDev/office-js/issues/2093, /5909). Relative row references
 * move with each row.
 */
function fillCalculatedColumn(batch: Batch, sheet: DemoSheet, address: string, formula: string): void {
  const at = parseAddress(address)!.rect;
  for (const table of tablesOf(sheet)) {
    const body = tableBody(table);
    if (!body || !inRect(body, address)) continue;
    const others: string[] = [];
    for (let r = body.r0; r <= body.r1; r++) if (r !== at.r0) others.push(toA1(r, at.c0));
    const empty = others.every((a) => {
      const cell = batch.cell(sheet, a);
      return cell.value === null && cell.formula === null;
    });
    if (!empty) return;
    for (const other of others) {
      const row = parseAddress(other)!.rect.r0;
      batch.put(sheet, other, { ...batch.cell(sheet, other), value: null, formula: shiftRows(formula, row - at.r0) });
    }
    return;
  }
}

/** The formula with its relative row references moved down `delta` rows (outside "text"). */
function shiftRows(formula: string, delta: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_.])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![\d(!A-Za-z_])/g,
            (whole, before: string, col: string, fixed: string, row: string) => (fixed ? whole : `${before}${col}${Number(row) + delta}`),
          ),
    )
    .join('"');
}

export class RangeProxy extends ClientObject<Area> {
  readonly _typeName = "Range";
  protected readonly _properties = {
    address: "1.1",
    addressLocal: "1.1",
    values: "1.1",
    formulas: "1.1",
    formulasLocal: "1.1",
    numberFormat: "1.1",
    numberFormatLocal: "1.7",
    valueTypes: "1.1",
    rowIndex: "1.1",
    columnIndex: "1.1",
    rowCount: "1.1",
    columnCount: "1.1",
    cellCount: "1.1",
  };
  private _format?: RangeFormatProxy;
  private _worksheet?: WorksheetProxy;

  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }

  get values(): unknown[][] {
    return this._get("values");
  }
  set values(values: unknown[][]) {
    this._set("values", values, (area, input, batch) =>
      writeArea(area, batch, "values", input, "content", (cell, value) => enterInput(cell, scalarInput(value, "Range.values"))),
    );
  }

  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(formulas: unknown[][]) {
    this._set("formulas", formulas, (area, input, batch) =>
      writeArea(area, batch, "formulas", input, "content", (cell, value) => enterInput(cell, scalarInput(value, "Range.formulas"))),
    );
  }

  get formulasLocal(): unknown[][] {
    return this._get("formulasLocal");
  }
  set formulasLocal(formulas: unknown[][]) {
    this._set("formulasLocal", formulas, (area, input, batch) =>
      writeArea(area, batch, "formulasLocal", input, "content", (cell, value) =>
        enterInput(cell, scalarInput(value, "Range.formulasLocal")),
      ),
    );
  }

  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  set numberFormat(formats: unknown[][]) {
    this._set("numberFormat", formats, (area, input, batch) =>
      writeArea(area, batch, "numberFormat", input, "format", (cell, value) => {
        const format = String(scalarInput(value, "Range.numberFormat"));
        return { ...cell, numberFormat: format === "" || format === "General" ? null : format };
      }),
    );
  }

  get numberFormatLocal(): unknown[][] {
    return this._get("numberFormatLocal");
  }

  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this._context, (batch) => this._resolve(batch)));
  }

  get worksheet(): WorksheetProxy {
    return (this._worksheet ??= new WorksheetProxy(this._context, (batch) => this._resolve(batch)?.sheet ?? null));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "format" ? this.format : name === "worksheet" ? this.worksheet : undefined;
  }

  protected override _check(area: Area, batch: Batch): void {
    batch.checkSheet(area.sheet, "Range");
  }

  protected _read(name: string, area: Area, batch: Batch): unknown {
    const covered = batch.coveredCells(area.sheet);
    const cell = (address: string) => batch.cell(area.sheet, address);
    switch (name) {
      case "address":
      case "addressLocal":
        return areaAddress(area);
      case "values":
        return grid(area, (a) => (covered.has(a) ? "" : (cell(a).value ?? "")));
      case "formulas":
      case "formulasLocal":
        return grid(area, (a) => {
          if (covered.has(a)) return "";
          const c = cell(a);
          return c.formula ?? c.value ?? "";
        });
      case "numberFormat":
      case "numberFormatLocal":
        return grid(area, (a) => cell(a).numberFormat ?? "General");
      case "valueTypes":
        return grid(area, (a) => (covered.has(a) ? "Empty" : valueType(cell(a))));
      case "rowIndex":
        return area.r0;
      case "columnIndex":
        return area.c0;
      case "rowCount":
        return area.r1 - area.r0 + 1;
      case "columnCount":
        return area.c1 - area.c0 + 1;
      case "cellCount":
        return cellCount(area);
    }
    return undefined;
  }

  private _sub(api: string, version: string, rect: (area: Area) => Rect): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, version, api, (area) => {
        const r = rect(area);
        if (r.r0 < area.r0 || r.c0 < area.c0 || r.r1 > area.r1 || r.c1 > area.c1 || r.r0 > r.r1 || r.c0 > r.c1) {
          throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, `Range.${api}`);
        }
        return { sheet: area.sheet, ...r };
      }),
    );
  }

  getCell(row: number, column: number): RangeProxy {
    return this._sub("getCell", "1.1", (a) => ({ r0: a.r0 + row, c0: a.c0 + column, r1: a.r0 + row, c1: a.c0 + column }));
  }

  getRow(row: number): RangeProxy {
    return this._sub("getRow", "1.1", (a) => ({ r0: a.r0 + row, c0: a.c0, r1: a.r0 + row, c1: a.c1 }));
  }

  getColumn(column: number): RangeProxy {
    return this._sub("getColumn", "1.1", (a) => ({ r0: a.r0, c0: a.c0 + column, r1: a.r1, c1: a.c0 + column }));
  }

  /**
   * The merged areas whose top-left cell lies in this range, a null object when there is none
   * (ExcelApi 1.13); fails past 512. As Excel does: a merged area that only overlaps the range (a
   * covered cell asked alone) is not returned (github.com/OfficeDev/office-js/issues/3611).
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return orNullObject(
      new RangeAreasProxy(this._context, (batch) =>
        this._child(batch, "1.13", "getMergedAreasOrNullObject", (area) => {
          const rects: Rect[] = [];
          for (const merge of area.sheet.merges) {
            const m = parseAddress(merge)?.rect;
            if (m && m.r0 >= area.r0 && m.r0 <= area.r1 && m.c0 >= area.c0 && m.c0 <= area.c1) rects.push(m);
          }
          // "If the merged areas count in this range is more than 512, then this method will fail to
          // return the result" (Range.getMergedAreasOrNullObject, ExcelApi 1.13). How it fails is not
          // documented: here the sync fails with a GeneralException.
          if (rects.length > MAX_MERGED_AREAS) {
            throw new OfficeError(ERROR_CODES.generalException, MESSAGES.tooManyMergedAreas, "Range.getMergedAreasOrNullObject");
          }
          return rects.length > 0 ? { sheet: area.sheet, rects } : null;
        }),
      ),
    );
  }

  /**
   * Merges the range's cells (ExcelApi 1.2; `across`: each row apart). The covered cells' content is
   * dropped, as Excel keeps only the top-left cell's. A merge overlapping another fails, and so does
   * merging on a protected sheet (formatting).
   */
  merge(across?: boolean): void {
    this._call("merge", "1.2", (area, batch) => {
      const sheet = area.sheet;
      batch.checkSheet(sheet, "Range.merge");
      if (sheet.protected && !protectionOptions(sheet).allowFormatCells) {
        throw new OfficeError(ERROR_CODES.accessDenied, MESSAGES.accessDenied, "Range.merge");
      }
      const rows: Rect[] = across
        ? Array.from({ length: area.r1 - area.r0 + 1 }, (_, i) => ({ r0: area.r0 + i, c0: area.c0, r1: area.r0 + i, c1: area.c1 }))
        : [{ r0: area.r0, c0: area.c0, r1: area.r1, c1: area.c1 }];
      for (const rect of rows) {
        if (rect.r0 === rect.r1 && rect.c0 === rect.c1) continue;
        const overlaps = sheet.merges.some((merge) => {
          const m = parseAddress(merge)?.rect;
          return m !== undefined && m.r0 <= rect.r1 && m.r1 >= rect.r0 && m.c0 <= rect.c1 && m.c1 >= rect.c0;
        });
        if (overlaps) throw new OfficeError(ERROR_CODES.invalidOperation, MESSAGES.mergedPart, "Range.merge");
        for (let r = rect.r0; r <= rect.r1; r++) {
          for (let c = rect.c0; c <= rect.c1; c++) {
            if (r === rect.r0 && c === rect.c0) continue;
            const address = toA1(r, c);
            batch.put(sheet, address, { ...batch.cell(sheet, address), value: null, formula: null });
          }
        }
        sheet.merges = [...sheet.merges, rectAddress(rect)];
      }
      batch.mergesChanged(sheet);
    });
  }

  /** Unmerges every merged area whose top-left cell lies in the range (ExcelApi 1.2). */
  unmerge(): void {
    this._call("unmerge", "1.2", (area, batch) => {
      const sheet = area.sheet;
      batch.checkSheet(sheet, "Range.unmerge");
      sheet.merges = sheet.merges.filter((merge) => {
        const m = parseAddress(merge)?.rect;
        return !(m && m.r0 >= area.r0 && m.r0 <= area.r1 && m.c0 >= area.c0 && m.c0 <= area.c1);
      });
      batch.mergesChanged(sheet);
    });
  }

  /** The rows of this range that are not hidden (ExcelApi 1.3). */
  getVisibleView(): RangeViewProxy {
    return new RangeViewProxy(this._context, (batch) =>
      this._child(batch, "1.3", "getVisibleView", (area) => {
        const rows: number[] = [];
        for (let r = area.r0; r <= area.r1; r++) if (!area.sheet.hiddenRows.has(r + 1)) rows.push(r);
        return { area, rows };
      }),
    );
  }

  /** Calculates the formulas of this range only (ExcelApi 1.6); their dependents elsewhere are not. */
  calculate(): void {
    this._call("calculate", "1.6", (area, batch) => {
      batch.checkSheet(area.sheet, "Range.calculate");
      batch.calculate(area);
    });
  }

  /** The tables that overlap this range, or lie inside it when `fullyContained` (ExcelApi 1.9). */
  getTables(fullyContained?: boolean): TableCollectionProxy {
    return new TableCollectionProxy(this._context, "TableScopedCollection", (batch) =>
      this._child(batch, "1.9", "getTables", (area) => ({
        sheet: area.sheet,
        tables: tablesOf(area.sheet).filter(({ rect: t }) =>
          fullyContained
            ? t.r0 >= area.r0 && t.r1 <= area.r1 && t.c0 >= area.c0 && t.c1 <= area.c1
            : t.r0 <= area.r1 && t.r1 >= area.r0 && t.c0 <= area.c1 && t.c1 >= area.c0,
        ),
      })),
    );
  }

  select(): void {
    this._call("select", "1.1", (area, batch) => {
      batch.checkSheet(area.sheet, "Range.select");
      checkVisible(area.sheet, "Range.select");
      batch.workbook.select(area.sheet.name, rectAddress(area));
    });
  }
}

class RangeFormatProxy extends ClientObject<Area> {
  readonly _typeName = "RangeFormat";
  protected readonly _properties = {};
  private _fill?: RangeFillProxy;
  private _protection?: RangeFormatProtectionProxy;

  get fill(): RangeFillProxy {
    return (this._fill ??= new RangeFillProxy(this._context, (batch) => this._resolve(batch)));
  }

  get protection(): RangeFormatProtectionProxy {
    return (this._protection ??= new RangeFormatProtectionProxy(this._context, (batch) =>
      this._child(batch, "1.2", "protection", (a) => a),
    ));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "fill" ? this.fill : name === "protection" ? this.protection : undefined;
  }

  protected _read(): unknown {
    return undefined;
  }
}

/** One value for a whole range: the common value, null when the cells differ. */
function common<V>(area: Area, each: (address: string) => V): V | null {
  let first: V | undefined;
  let seen = false;
  for (let r = area.r0; r <= area.r1; r++) {
    for (let c = area.c0; c <= area.c1; c++) {
      const value = each(toA1(r, c));
      if (!seen) {
        first = value;
        seen = true;
      } else if (value !== first) return null;
    }
  }
  return first ?? null;
}

/** Excel.FillPattern (ExcelApi 1.9): the documented list, one copy shared with the adapter. */
const FILL_PATTERN_SET: ReadonlySet<string> = new Set(FILL_PATTERNS);

/**
 * Range.format.fill (learn.microsoft.com/javascript/api/excel/excel.rangefill): `color` is the
 * background, "#FFFFFF" where there is no fill; `pattern` "None" for no fill, "Solid" for a plain
 * one (setting a colour on a cell without fill makes it Solid); `patternColor` the colour of the
 * pattern's lines. clear() removes the fill, pattern included. A range whose cells differ reads null.
 */
class RangeFillProxy extends ClientObject<Area> {
  readonly _typeName = "RangeFill";
  protected readonly _properties = { color: "1.1", pattern: "1.9", patternColor: "1.9" };

  get color(): string {
    return this._get("color");
  }
  set color(color: string) {
    this._set("color", color, (area, input, batch) => {
      const fill = parseColor(input, "RangeFill.color");
      writeArea(area, batch, "format.fill.color", fill, "format", (cell) => ({ ...cell, fill }));
    });
  }

  get pattern(): string {
    return this._get("pattern");
  }
  set pattern(pattern: string) {
    this._set("pattern", pattern, (area, input, batch) => {
      const name = String(input);
      if (!FILL_PATTERN_SET.has(name)) throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "RangeFill.pattern");
      writeArea(area, batch, "format.fill.pattern", name, "format", (cell) =>
        name === "None"
          ? { ...cell, fill: null, pattern: null, patternColor: null }
          : { ...cell, fill: cell.fill ?? "#FFFFFF", pattern: name === "Solid" ? null : name },
      );
    });
  }

  get patternColor(): string | null {
    return this._get("patternColor");
  }
  set patternColor(color: string | null) {
    this._set("patternColor", color, (area, input, batch) => {
      const patternColor = input === null ? null : parseColor(input, "RangeFill.patternColor");
      writeArea(area, batch, "format.fill.patternColor", 0, "format", (cell) => ({ ...cell, patternColor }));
    });
  }

  protected _read(name: string, area: Area, batch: Batch): unknown {
    const at = (a: string) => batch.cell(area.sheet, a);
    switch (name) {
      case "color":
        return common(area, (a) => at(a).fill ?? "#FFFFFF");
      case "pattern":
        return common(area, (a) => (at(a).fill ? (at(a).pattern ?? "Solid") : "None"));
      case "patternColor":
        return common(area, (a) => (at(a).fill && at(a).pattern ? at(a).patternColor : null));
    }
    return undefined;
  }

  /** Removes the fill (no fill). */
  clear(): void {
    this._call("clear", "1.1", (area, batch) =>
      writeArea(area, batch, "format.fill.clear", 0, "format", (cell) => ({ ...cell, fill: null, pattern: null, patternColor: null })),
    );
  }
}

class RangeFormatProtectionProxy extends ClientObject<Area> {
  readonly _typeName = "FormatProtection";
  protected readonly _properties = { locked: "1.2", formulaHidden: "1.2" };

  get locked(): boolean | null {
    return this._get("locked");
  }
  set locked(locked: boolean | null) {
    this._set("locked", locked, (area, input, batch) =>
      writeArea(area, batch, "format.protection.locked", Boolean(input), "lock", (cell) => ({ ...cell, locked: Boolean(input) })),
    );
  }

  get formulaHidden(): boolean | null {
    return this._get("formulaHidden");
  }

  protected _read(name: string, area: Area, batch: Batch): unknown {
    return name === "locked" ? common(area, (a) => batch.cell(area.sheet, a).locked) : false;
  }
}

// ---------------------------------------------------------------------------------------------
// Application, tables

const CALCULATION_MODES: ReadonlySet<string> = new Set(["Automatic", "AutomaticExceptTables", "Manual"]);
const CALCULATION_TYPES: ReadonlySet<string> = new Set(["Recalculate", "Full", "FullRebuild"]);

/**
 * Workbook.application: the calculation mode (read ExcelApi 1.1, set 1.8) and calculate()
 * (learn.microsoft.com/javascript/api/excel/excel.application). See setCalculationMode (state.ts).
 */
class ApplicationProxy extends ClientObject<DemoWorkbook> {
  readonly _typeName = "Application";
  protected readonly _properties = { calculationMode: "1.1" };

  get calculationMode(): string {
    return this._get("calculationMode");
  }
  set calculationMode(mode: string) {
    this._set("calculationMode", mode, (workbook, input, batch) => {
      batch.require("1.8", "Application.calculationMode");
      if (!CALCULATION_MODES.has(String(input))) {
        throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Application.calculationMode");
      }
      setCalculationMode(workbook, input as CalculationMode);
    });
  }

  protected _read(name: string, workbook: DemoWorkbook): unknown {
    return name === "calculationMode" ? calculationMode(workbook) : undefined;
  }

  /** Recalculates the workbook, whatever the calculation mode (Excel.CalculationType). */
  calculate(calculationType: string): void {
    this._call("calculate", "1.1", (_workbook, batch) => {
      if (!CALCULATION_TYPES.has(String(calculationType))) {
        throw new OfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Application.calculate");
      }
      batch.calculate();
    });
  }
}

interface TableList {
  sheet: DemoSheet;
  tables: EmulatedTable[];
}

/** Worksheet.tables (TableCollection, ExcelApi 1.1) and Range.getTables() (TableScopedCollection, 1.9). */
class TableCollectionProxy extends ClientObject<TableList> {
  protected readonly _properties = { items: "1.1", count: "1.1" };

  constructor(
    context: ContextLike,
    readonly _typeName: string,
    locate: (batch: Batch) => TableList | null,
  ) {
    super(context, locate);
  }

  get items(): TableProxy[] {
    return this._get("items");
  }
  get count(): number {
    return this._get("count");
  }

  protected _read(): unknown {
    return undefined;
  }

  override _queueLoad(paths: string[], enqueue: (op: Op) => void = (op) => this._context._enqueue(op)): void {
    enqueue((batch) => {
      const list = this._resolve(batch);
      const items = (list?.tables ?? []).map((table) => {
        const target = { sheet: list!.sheet, table };
        const item = new TableProxy(this._context, () => target);
        item._bind(target, batch);
        return item;
      });
      batch.onSuccess.push(() => {
        this._loaded.set("items", items);
        this._loaded.set("count", items.length);
      });
      loadItems(
        items,
        paths.filter((p) => p !== "count"),
        batch,
      );
    });
  }
}

class TableProxy extends ClientObject<{ sheet: DemoSheet; table: EmulatedTable }> {
  readonly _typeName = "Table";
  protected readonly _properties = { id: "1.1", name: "1.1", showHeaders: "1.1" };

  get id(): string {
    return this._get("id");
  }
  get name(): string {
    return this._get("name");
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }

  protected _read(name: string, { table }: { table: EmulatedTable }): unknown {
    return name === "id" ? table.id : name === "name" ? table.name : name === "showHeaders" ? table.showHeaders : undefined;
  }

  /** The table's whole range, header row included. */
  getRange(): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getRange", ({ sheet, table }) => ({ sheet, ...table.rect })),
    );
  }

  /** The data rows (a null-free range only when the table has some). */
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.1", "getDataBodyRange", ({ sheet, table }) => {
        const body = tableBody(table);
        if (!body) throw new OfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Table.getDataBodyRange");
        return { sheet, ...body };
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// RangeAreas, RangeView

interface Areas {
  sheet: DemoSheet;
  rects: Rect[];
}

class RangeAreasProxy extends ClientObject<Areas> {
  readonly _typeName = "RangeAreas";
  protected readonly _properties = { address: "1.9", addressLocal: "1.9", areaCount: "1.9", cellCount: "1.9" };
  private _areas?: RangeCollectionProxy;

  /** "Sheet!A1:B2, Sheet!C3:D4". */
  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }

  get areas(): RangeCollectionProxy {
    return (this._areas ??= new RangeCollectionProxy(this._context, (batch) => this._resolve(batch)));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "areas" ? this.areas : undefined;
  }

  protected override _check(areas: Areas, batch: Batch): void {
    batch.checkSheet(areas.sheet, "RangeAreas");
  }

  protected _read(name: string, areas: Areas): unknown {
    switch (name) {
      case "address":
      case "addressLocal":
        return areas.rects.map((rect) => `${quoteSheetName(areas.sheet.name)}!${rectAddress(rect)}`).join(", ");
      case "areaCount":
        return areas.rects.length;
      case "cellCount":
        return areas.rects.reduce((n, rect) => n + cellCount(rect), 0);
    }
    return undefined;
  }
}

class RangeCollectionProxy extends ClientObject<Areas> {
  readonly _typeName = "RangeCollection";
  protected readonly _properties = { items: "1.9" };

  get items(): RangeProxy[] {
    return this._get("items");
  }

  protected _read(): unknown {
    return undefined;
  }

  override _queueLoad(paths: string[], enqueue: (op: Op) => void = (op) => this._context._enqueue(op)): void {
    enqueue((batch) => {
      const areas = this._resolve(batch);
      const items = (areas?.rects ?? []).map((rect) => {
        const area = { sheet: areas!.sheet, ...rect };
        const item = new RangeProxy(this._context, () => area);
        item._bind(area, batch);
        return item;
      });
      batch.onSuccess.push(() => this._loaded.set("items", items));
      loadItems(items, paths, batch);
    });
  }
}

interface View {
  area: Area;
  /** 0-based rows of the area that are visible. */
  rows: number[];
}

class RangeViewProxy extends ClientObject<View> {
  readonly _typeName = "RangeView";
  protected readonly _properties = {
    cellAddresses: "1.3",
    values: "1.3",
    formulas: "1.3",
    numberFormat: "1.3",
    rowCount: "1.3",
    columnCount: "1.3",
  };

  /** "Sheet!A1" for every visible cell, row by row. */
  get cellAddresses(): string[][] {
    return this._get("cellAddresses");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }

  protected override _check(view: View, batch: Batch): void {
    batch.checkSheet(view.area.sheet, "RangeView");
  }

  protected _read(name: string, view: View, batch: Batch): unknown {
    const { area } = view;
    const cols: number[] = [];
    for (let c = area.c0; c <= area.c1; c++) cols.push(c);
    const covered = batch.coveredCells(area.sheet);
    const each = (f: (address: string) => unknown) => view.rows.map((r) => cols.map((c) => f(toA1(r, c))));
    const cell = (a: string) => batch.cell(area.sheet, a);
    const prefix = `${quoteSheetName(area.sheet.name)}!`;
    switch (name) {
      case "cellAddresses":
        return each((a) => prefix + a);
      case "values":
        return each((a) => (covered.has(a) ? "" : (cell(a).value ?? "")));
      case "formulas":
        return each((a) => (covered.has(a) ? "" : (cell(a).formula ?? cell(a).value ?? "")));
      case "numberFormat":
        return each((a) => cell(a).numberFormat ?? "General");
      case "rowCount":
        return view.rows.length;
      case "columnCount":
        return cols.length;
    }
    return undefined;
  }
}
