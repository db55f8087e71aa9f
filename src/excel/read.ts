/// <reference types="office-js" />
/**
 * readWorkbook: every worksheet's used range (values, formulas, number formats, merged areas,
 * hidden rows), taking worksheets only by the names Excel gave: the names are read first (one
 * sync) and remembered, so every later read is one sync (the remembered sheets' ranges, with the
 * names loaded alongside to see sheets added since). No sheet is reached through a null object
 * (getNextOrNullObject chains): what Excel does with calls on a null object's children before the
 * sync is not documented.
 *
 * | read                                   | syncs                                   |
 * |----------------------------------------|-----------------------------------------|
 * | first of a session (names unknown)     | 2: names, ranges                        |
 * | names known                            | 1                                       |
 * | a sheet added since                    | 2                                       |
 * | a sheet renamed or deleted since       | 3: the failed read, names, ranges       |
 * | past Excel on the web's response limit | sheet by sheet in row blocks: see below |
 */
import { bareAddress, parseRange, toA1 } from "../core/address";
import type { SheetData, WorkbookData } from "../core";
import { HostError, type ReadOutcome } from "../host/workbook-host";
import { emptySheet, hiddenRowsOf, sheetFromRange, splitAreas } from "./convert";
import { errorCodeOf } from "./errors";
import type { ExcelSession, Operation } from "./operation";
import { sameSheetName } from "./sheet-refs";

/** Failures where reading another way cannot do better: do not retry, report. */
const NO_READ_RETRY = new Set(["InvalidOperationInCellEditMode", "AccessDenied", "RequestPayloadSizeLimitExceeded", "InactiveWorkbook"]);

const TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

/**
 * Cells asked for in one sync when reading in blocks. Excel on the web refuses a response past
 * 5 MB ("Resource limits and performance optimization for Office Add-ins",
 * learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 * about 150,000 cells at ~35 bytes a cell (value, formula, number format); this leaves room for
 * long texts, and is halved after each refusal.
 */
export const CELLS_PER_SYNC = 50_000;

interface QueuedRead {
  used: Excel.Range;
  merged?: Excel.RangeAreas;
  view?: Excel.RangeView;
}

/** `values` (or formulas, number formats) came back null: Excel did not return the cells. */
class ValuesUnavailable extends Error {
  constructor(readonly sheet: string) {
    super(`values unavailable: ${sheet}`);
  }
}

/**
 * The message for a range whose values Excel did not return even in blocks. Range.values may
 * come back null instead of an error for ranges past Excel's limits (OfficeDev/office-js#6781,
 * #4783).
 */
function valuesUnavailable(sheet: string): HostError {
  return new HostError("ValuesUnavailable", {
    ja:
      `シート「${sheet}」のセルの内容を Excel から受け取れませんでした（使用範囲が大きすぎます）。` +
      "報告書と関係のない値や書式が表から離れたセルに残っていないか確かめ、削除してから、もう一度お試しください。",
    en:
      `Excel did not return the cells of sheet "${sheet}" (its used range is too large). Delete stray values or formatting ` +
      "far from the tables, then try again.",
  });
}

function isGrid(value: unknown): value is unknown[][] {
  return Array.isArray(value);
}

/** A used range of one empty cell: what getUsedRange gives for a blank sheet ("it will not throw an error"). */
function isBlank(address: string, values: unknown[][], formulas: unknown[][]): boolean {
  const range = parseRange(bareAddress(address));
  const single = range !== null && range.start.row === range.end.row && range.start.col === range.end.col;
  const empty = (v: unknown) => v === "" || v === null || v === undefined;
  return single && empty(values[0]?.[0]) && empty(formulas[0]?.[0]);
}

interface Dimensions {
  name: string;
  address: string;
  rows: number;
  columns: number;
  merges: string[];
}

interface Block {
  sheet: number;
  /** 0-based, within the used range. */
  row: number;
  rows: number;
}

interface BlockRead {
  block: Block;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  hiddenRows: number[];
}

export class WorkbookReader {
  /** Set once a response was too large: later reads go sheet by sheet at once. */
  private inBlocks = false;
  private cellsPerSync = CELLS_PER_SYNC;

  constructor(private readonly session: ExcelSession) {}

  read(): Promise<ReadOutcome> {
    return this.session.operation(async (op) => {
      const workbook = await this.readWith(op);
      return { workbook, syncs: op.syncs };
    });
  }

  private async readWith(op: Operation): Promise<WorkbookData> {
    let extras = true;
    for (let attempt = 0; ; attempt++) {
      const names = this.session.sheetNames ?? (await op.readSheetNames());
      try {
        if (this.inBlocks) return await this.readInBlocks(op, names, extras);
        return await op.run((context) => this.readNamed(context, names, extras));
      } catch (error) {
        const code = error instanceof ValuesUnavailable ? TOO_LARGE : errorCodeOf(error);
        if (error instanceof HostError || attempt >= 3 || NO_READ_RETRY.has(code)) throw error;
        if (code === "ItemNotFound") {
          this.session.sheetNames = null; // a sheet renamed or deleted since: read the names again
        } else if (code === TOO_LARGE) {
          if (this.inBlocks) throw error;
          this.inBlocks = true;
        } else if (extras) {
          // A host that rejects part of the batch (merged areas past 512, a view it cannot build):
          // read again without them rather than fail.
          extras = false;
        } else throw error;
      }
    }
  }

  /** Queues one sheet's used range (and merged areas / visible rows where supported and asked). */
  private queueRead(sheet: Excel.Worksheet, extras: boolean): QueuedRead {
    const used = this.usedRange(sheet);
    used.load("address, values, formulas, numberFormat");
    const queued: QueuedRead = { used };
    if (extras && this.session.supports("1.13")) {
      queued.merged = used.getMergedAreasOrNullObject(); // its own address only is read
      queued.merged.load("address");
    }
    if (extras && this.session.supports("1.3")) {
      queued.view = used.getColumn(0).getVisibleView();
      queued.view.load("cellAddresses");
    }
    return queued;
  }

  /**
   * getUsedRange, never a null object: "If the entire worksheet is blank, this function will
   * return the top left cell" (Worksheet.getUsedRange). Values only where ExcelApi 1.2 allows.
   */
  private usedRange(sheet: Excel.Worksheet): Excel.Range {
    return this.session.supports("1.2") ? sheet.getUsedRange(true) : sheet.getUsedRange();
  }

  private sheetData(name: string, queued: QueuedRead): SheetData {
    const { used } = queued;
    const { values, formulas, numberFormat } = used;
    if (!isGrid(values) || !isGrid(formulas) || !isGrid(numberFormat)) throw new ValuesUnavailable(name);
    if (isBlank(used.address, values, formulas)) return emptySheet(name);
    const merges = queued.merged && !queued.merged.isNullObject ? splitAreas(queued.merged.address) : [];
    const hiddenRows = queued.view ? hiddenRowsOf(used.address, queued.view.cellAddresses) : [];
    return sheetFromRange(name, { address: used.address, values, formulas, numberFormat }, { merges, hiddenRows });
  }

  /**
   * The sheets named (getItem: ItemNotFound when one is gone) and the names now, in one sync; the
   * sheets added since in a second.
   */
  private async readNamed(context: Excel.RequestContext, names: readonly string[], extras: boolean): Promise<WorkbookData> {
    const collection = context.workbook.worksheets;
    collection.load("items/name");
    const queued = names.map((name) => ({ name, queued: this.queueRead(collection.getItem(name), extras) }));
    await context.sync();

    const current = collection.items.map((s) => s.name);
    const read = new Map<number, QueuedRead>();
    for (const q of queued) {
      const index = current.findIndex((n) => sameSheetName(n, q.name));
      if (index >= 0) read.set(index, q.queued);
    }
    const added = current.map((_, i) => i).filter((i) => !read.has(i));
    for (const i of added) read.set(i, this.queueRead(collection.items[i], extras));
    if (added.length > 0) await context.sync();
    const sheets = current.map((name, i) => this.sheetData(name, read.get(i)!));
    this.session.sheetNames = current;
    return { sheets };
  }

  /**
   * Past the response limit: the used ranges' sizes (and merged areas) first, then the cells in
   * row blocks of at most cellsPerSync cells a sync; a refused block sync halves the blocks.
   */
  private async readInBlocks(op: Operation, names: readonly string[], extras: boolean): Promise<WorkbookData> {
    const dimensions = await op.run(async (context) => {
      const collection = context.workbook.worksheets;
      collection.load("items/name");
      const queued = names.map((name) => {
        const used = this.usedRange(collection.getItem(name));
        used.load("address, rowCount, columnCount");
        let merged: Excel.RangeAreas | undefined;
        if (extras && this.session.supports("1.13")) {
          merged = used.getMergedAreasOrNullObject();
          merged.load("address");
        }
        return { name, used, merged };
      });
      await context.sync();
      const current = collection.items.map((s) => s.name);
      this.session.sheetNames = current;
      if (current.length !== names.length || current.some((n, i) => !sameSheetName(n, names[i]))) return null;
      return queued.map(({ used, merged }, i): Dimensions => ({
        name: current[i],
        address: used.address,
        rows: used.rowCount,
        columns: used.columnCount,
        merges: merged && !merged.isNullObject ? splitAreas(merged.address) : [],
      }));
    });
    // Sheets added or moved since the names were read: again with the names now.
    if (dimensions === null) return this.readInBlocks(op, this.session.sheetNames ?? [], extras);

    const reads: BlockRead[] = [];
    let pending = this.split(
      dimensions.map((d, sheet) => ({ sheet, row: 0, rows: d.rows })),
      dimensions,
    );
    while (pending.length > 0) {
      const group: Block[] = [];
      let cells = 0;
      for (const block of pending) {
        const size = block.rows * dimensions[block.sheet].columns;
        if (group.length > 0 && cells + size > this.cellsPerSync) break;
        group.push(block);
        cells += size;
      }
      try {
        reads.push(...(await op.run((context) => this.readBlocks(context, group, dimensions, extras))));
        pending = pending.slice(group.length);
      } catch (error) {
        const oneRow = group.length === 1 && group[0].rows === 1;
        if (errorCodeOf(error) !== TOO_LARGE || oneRow) throw error;
        this.cellsPerSync = Math.max(1, Math.floor(Math.min(this.cellsPerSync, cells) / 2));
        pending = this.split(pending, dimensions);
      }
    }
    return {
      sheets: dimensions.map((d, i) =>
        this.assemble(
          d,
          reads.filter((r) => r.block.sheet === i),
        ),
      ),
    };
  }

  /** Blocks of at most cellsPerSync cells (at least one row each). */
  private split(blocks: readonly Block[], dimensions: readonly Dimensions[]): Block[] {
    const out: Block[] = [];
    for (const block of blocks) {
      const perBlock = Math.max(1, Math.floor(this.cellsPerSync / Math.max(1, dimensions[block.sheet].columns)));
      for (let row = block.row; row < block.row + block.rows; row += perBlock) {
        out.push({ sheet: block.sheet, row, rows: Math.min(perBlock, block.row + block.rows - row) });
      }
    }
    return out;
  }

  private async readBlocks(
    context: Excel.RequestContext,
    blocks: readonly Block[],
    dimensions: readonly Dimensions[],
    extras: boolean,
  ): Promise<BlockRead[]> {
    const queued = blocks.map((block) => {
      const d = dimensions[block.sheet];
      const origin = parseRange(bareAddress(d.address))!.start;
      const first = toA1(origin.row + block.row, origin.col);
      const last = toA1(origin.row + block.row + block.rows - 1, origin.col + d.columns - 1);
      const range = context.workbook.worksheets.getItem(d.name).getRange(`${first}:${last}`);
      range.load("address, values, formulas, numberFormat");
      let view: Excel.RangeView | undefined;
      if (extras && this.session.supports("1.3")) {
        view = range.getColumn(0).getVisibleView();
        view.load("cellAddresses");
      }
      return { block, range, view };
    });
    await context.sync();
    return queued.map(({ block, range, view }) => {
      const { values, formulas, numberFormat } = range;
      if (!isGrid(values) || !isGrid(formulas) || !isGrid(numberFormat)) throw valuesUnavailable(dimensions[block.sheet].name);
      return { block, values, formulas, numberFormat, hiddenRows: view ? hiddenRowsOf(range.address, view.cellAddresses) : [] };
    });
  }

  private assemble(d: Dimensions, reads: readonly BlockRead[]): SheetData {
    const ordered = [...reads].sort((a, b) => a.block.row - b.block.row);
    const values = ([] as unknown[][]).concat(...ordered.map((r) => r.values));
    const formulas = ([] as unknown[][]).concat(...ordered.map((r) => r.formulas));
    const numberFormat = ([] as unknown[][]).concat(...ordered.map((r) => r.numberFormat));
    if (isBlank(d.address, values, formulas)) return emptySheet(d.name);
    const hiddenRows = ([] as number[]).concat(...ordered.map((r) => r.hiddenRows));
    return sheetFromRange(d.name, { address: d.address, values, formulas, numberFormat }, { merges: d.merges, hiddenRows });
  }
}
