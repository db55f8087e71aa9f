/// <reference types="office-js" />
/**
 * The Excel the adapter's tests run on: the browser demo's emulation of the Excel JavaScript API
 * (src/demo/office) over a DemoWorkbook, with the adapter (createExcelHost) wired to its Excel.run
 * and its requirement sets, and what a test needs to look at the workbook as a user would: every
 * cell with its content, fill and lock, the changes the add-in made, the round trips.
 */
import type { WorkbookData } from "../../src/core";
import { createOfficeEmulator, type EmulatedHostConditions, type OfficeEmulator } from "../../src/demo/office/emulator";
import { demoWorkbookFromData } from "../../src/demo/office/from-data";
import {
  addTable,
  readCell,
  setCalculationMode,
  setSheetProtection,
  setSheetVisibility,
  type CalculationMode,
  type Cell,
  type ProtectionOptions,
  type SheetVisibility,
} from "../../src/demo/office/state";
import { DemoWorkbook, emptySheet, type DemoCell, type DemoSheet } from "../../src/demo/workbook-model";
import { createExcelHost, type ExcelHost, type ExcelHostOptions, type ExcelRun } from "../../src/excel/excel-host";

export type { Cell };

export interface EmulatedExcelOptions {
  /** The highest ExcelApi requirement set the host supports: "1.13" by default. */
  apiVersion?: string;
  /** What calls on a null object's children do before the sync (EmulatedHostConditions.nullObjectChildren): "null" by default. */
  nullObjectChildren?: "null" | "fail";
}

/** Both answers Excel may give to calls on a null object's children: the adapter's tests run under each. */
export const NULL_OBJECT_MODES = [["null objects"], ["a failed batch"]] as const;

/** The emulator's setting for a mode of NULL_OBJECT_MODES. */
export function nullObjectChildren(mode: (typeof NULL_OBJECT_MODES)[number][0]): "null" | "fail" {
  return mode === "null objects" ? "null" : "fail";
}

export class EmulatedExcel {
  readonly workbook: DemoWorkbook;
  readonly emulator: Omit<OfficeEmulator, "uninstall">;

  constructor(data: WorkbookData = { sheets: [] }, options: EmulatedExcelOptions = {}) {
    this.workbook = demoWorkbookFromData(data);
    this.emulator = createOfficeEmulator(this.workbook, { apiVersion: options.apiVersion ?? "1.13" });
    if (options.nullObjectChildren) this.emulator.conditions.nullObjectChildren = options.nullObjectChildren;
  }

  /** The adapter over this Excel: its Excel.run, its Office.context.requirements. */
  host(options: Omit<ExcelHostOptions, "run" | "isSetSupported"> = {}): ExcelHost {
    const { Excel, Office } = this.emulator;
    return createExcelHost({
      ...options,
      run: Excel.run as unknown as ExcelRun,
      isSetSupported: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
    });
  }

  /** The user editing a cell, syncs that fail. */
  get conditions(): EmulatedHostConditions {
    return this.emulator.conditions;
  }

  /** context.sync() round trips served so far. */
  get syncs(): number {
    return this.workbook.syncs;
  }

  addSheet(name: string): DemoSheet {
    const sheet = emptySheet(name);
    this.workbook.sheets.push(sheet);
    return sheet;
  }

  /** Deletes a sheet (as the user would, between two operations of the add-in). */
  deleteSheet(name: string): void {
    this.workbook.sheets = this.workbook.sheets.filter((s) => s.name !== name);
  }

  sheet(name: string): DemoSheet {
    const sheet = this.workbook.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** Protects the sheet (options: what stays allowed; Excel's defaults for the rest), or unprotects it (null). */
  protect(sheet: string, options: Partial<ProtectionOptions> | null = {}): void {
    setSheetProtection(this.sheet(sheet), options);
  }

  /** Hides the sheet ("Hidden", "VeryHidden") or shows it again ("Visible"), as Worksheet.visibility does. */
  hide(sheet: string, visibility: SheetVisibility = "Hidden"): void {
    setSheetVisibility(this.sheet(sheet), visibility);
  }

  /** Makes `address` (header row first) an Excel table, as the user would before the add-in runs. */
  addTable(sheet: string, name: string, address: string): void {
    addTable(this.sheet(sheet), name, address);
  }

  /** Application.calculationMode, as the user would set it (File > Options > Formulas). */
  setCalculationMode(mode: CalculationMode): void {
    setCalculationMode(this.workbook, mode);
  }

  /** Sets cells before the add-in runs (not recorded as anyone's change). */
  put(sheet: string, cells: Record<string, DemoCell>): void {
    const target = this.sheet(sheet);
    for (const [address, cell] of Object.entries(cells)) target.cells.set(address, cell);
  }

  /** Changes a cell as the user would, between two operations of the add-in. */
  edit(sheet: string, cell: string, content: Partial<DemoCell>): void {
    this.workbook.setCells([{ sheet, cell, content }], "user");
  }

  /** A cell as Excel holds it (fill pattern included). */
  cell(sheet: string, address: string): Cell {
    return readCell(this.sheet(sheet), address);
  }

  /** "Sheet!A1" of every change the add-in made, in order (one entry per cell and sync). */
  addinChanges(): string[] {
    return this.workbook.history.filter((c) => c.source === "addin").map((c) => `${c.sheet}!${c.cell}`);
  }

  /** Every cell holding anything (content, format, fill, unlocked), by "Sheet!A1", every field spelled out. */
  snapshot(): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    for (const sheet of this.workbook.sheets) {
      for (const address of [...sheet.cells.keys()].sort()) {
        const cell = readCell(sheet, address);
        const blank = cell.value === null && !cell.formula && !cell.numberFormat && !cell.fill && cell.locked;
        if (!blank) out[`${sheet.name}!${address}`] = cell;
      }
    }
    return out;
  }

  /**
   * Runs a batch through the emulated Excel.run to set the workbook up with the API itself (fill
   * patterns, which the page's model has no field for), then forgets the round trips and changes
   * it made, so a test sees only the add-in's.
   */
  async setUp(batch: (context: Excel.RequestContext) => Promise<void>): Promise<void> {
    await (this.emulator.Excel.run as unknown as ExcelRun)(batch);
    this.workbook.syncs = 0;
    this.workbook.history.length = 0;
  }
}
