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
import { FILL_PATTERNS } from "../../excel/highlight";
import type { DemoSheet, DemoWorkbook } from "../workbook-model";
import { ERROR_CODES, MESSAGES, OfficeError, propertyNotLoaded } from "./errors";
import {
  areaAddress,
  Batch,
  enterInput,
  MAX_CELLS_PER_READ,
  parseAddress,
  parseColor,
  protectionOptions,
  quoteSheetName,
  rectAddress,
  setSheetProtection,
  type Area,
  type Cell,
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
  _enqueue(op: Op): void;
}

export type LoadOption = string | string[] | { select?: string | string[]; expand?: string | string[]; [key: string]: unknown };

/** load()'s argument -> property paths ("values", "format/fill/color", "items/name"); "*" is every scalar property. */
function loadPaths(option: LoadOption | undefined | null, prefix = ""): string[] {
  const split = (text: string | string[]) =>
    (Array.isArray(text) ? text : [text])
      .flatMap((t) => t.split(","))
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
          values.push([name, this._read(name, target, batch)]);
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

  constructor(context: ContextLike) {
    super(context, (batch) => batch.workbook);
  }

  get name(): string {
    return this._get("name");
  }

  get worksheets(): WorksheetCollectionProxy {
    return (this._worksheets ??= new WorksheetCollectionProxy(this._context, this));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "worksheets" ? this.worksheets : undefined;
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

export class WorksheetCollectionProxy extends ClientObject<DemoWorkbook> {
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
    return new WorksheetProxy(this._context, (batch) =>
      this._child(batch, "1.4", "getItemOrNullObject", (workbook) => findSheet(workbook, name) ?? null),
    );
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

/** Excel finds sheets by name case-insensitively. */
function findSheet(workbook: DemoWorkbook, name: string): DemoSheet | undefined {
  return workbook.sheet(name) ?? workbook.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
}

const VISIBILITY = "Visible";

export class WorksheetProxy extends ClientObject<DemoSheet> {
  readonly _typeName = "Worksheet";
  protected readonly _properties = { id: "1.1", name: "1.1", position: "1.1", visibility: "1.1" };
  private _protection?: WorksheetProtectionProxy;

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

  get protection(): WorksheetProtectionProxy {
    return (this._protection ??= new WorksheetProtectionProxy(this._context, (batch) => this._child(batch, "1.2", "protection", (s) => s)));
  }

  protected override _navigation(name: string): ClientObject<unknown> | undefined {
    return name === "protection" ? this.protection : undefined;
  }

  protected override _check(sheet: DemoSheet, batch: Batch): void {
    batch.checkSheet(sheet, "Worksheet");
  }

  protected _read(name: string, sheet: DemoSheet, batch: Batch): unknown {
    switch (name) {
      case "id":
        return `{${String(batch.workbook.sheets.indexOf(sheet) + 1).padStart(8, "0")}-0000-0000-0000-000000000000}`;
      case "name":
        return sheet.name;
      case "position":
        return batch.workbook.sheets.indexOf(sheet);
      case "visibility":
        return VISIBILITY;
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
    return new RangeProxy(this._context, (batch) =>
      this._child(batch, "1.4", "getUsedRangeOrNullObject", (sheet) => {
        const rect = batch.usedRect(sheet, valuesOnly === true);
        return rect ? { sheet, ...rect } : null;
      }),
    );
  }

  getNextOrNullObject(_visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this._context, (batch) =>
      this._child(batch, "1.5", "getNextOrNullObject", (sheet) => batch.workbook.sheets[batch.workbook.sheets.indexOf(sheet) + 1] ?? null),
    );
  }

  getPreviousOrNullObject(_visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this._context, (batch) =>
      this._child(
        batch,
        "1.5",
        "getPreviousOrNullObject",
        (sheet) => batch.workbook.sheets[batch.workbook.sheets.indexOf(sheet) - 1] ?? null,
      ),
    );
  }

  activate(): void {
    this._call("activate", "1.1", (sheet, batch) => {
      batch.checkSheet(sheet, "Worksheet.activate");
      batch.workbook.activate(sheet.name);
    });
  }
}

export class WorksheetProtectionProxy extends ClientObject<DemoSheet> {
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
  for (const [address, value] of writes) batch.put(sheet, address, write(batch.cell(sheet, address), value, address));
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

  /** The merged areas that overlap this range, a null object when there is none (ExcelApi 1.13); fails past 512. */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this._context, (batch) =>
      this._child(batch, "1.13", "getMergedAreasOrNullObject", (area) => {
        const rects: Rect[] = [];
        for (const merge of area.sheet.merges) {
          const m = parseAddress(merge)?.rect;
          if (m && m.r0 <= area.r1 && m.r1 >= area.r0 && m.c0 <= area.c1 && m.c1 >= area.c0) rects.push(m);
        }
        // "If the merged areas count in this range is more than 512, then this method will fail to
        // return the result" (Range.getMergedAreasOrNullObject, ExcelApi 1.13). How it fails is not
        // documented: here the sync fails with a GeneralException.
        if (rects.length > MAX_MERGED_AREAS) {
          throw new OfficeError(ERROR_CODES.generalException, MESSAGES.tooManyMergedAreas, "Range.getMergedAreasOrNullObject");
        }
        return rects.length > 0 ? { sheet: area.sheet, rects } : null;
      }),
    );
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

  select(): void {
    this._call("select", "1.1", (area, batch) => {
      batch.checkSheet(area.sheet, "Range.select");
      batch.workbook.select(area.sheet.name, rectAddress(area));
    });
  }
}

export class RangeFormatProxy extends ClientObject<Area> {
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
export class RangeFillProxy extends ClientObject<Area> {
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

export class RangeFormatProtectionProxy extends ClientObject<Area> {
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
// RangeAreas, RangeView

interface Areas {
  sheet: DemoSheet;
  rects: Rect[];
}

export class RangeAreasProxy extends ClientObject<Areas> {
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

export class RangeCollectionProxy extends ClientObject<Areas> {
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

export class RangeViewProxy extends ClientObject<View> {
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
