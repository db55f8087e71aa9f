/// <reference types="office-js" />
/**
 * highlight / clearHighlight: fills the cells of findings by severity and puts back their original
 * fills, two syncs each whatever the number of cells. A batch is not a transaction: when the fill
 * sync fails, the fills queued before the failing command may have landed ("Error handling with
 * the application-specific JavaScript APIs", learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling;
 * OfficeExtension.Error.traceMessages). So every cell about to be filled is remembered with its
 * original before the fill sync, and stays remembered when that sync fails: clearing restores the
 * cells that show the colour applied and leaves the others alone, right whether the fills landed
 * or not. Worksheets are taken only by name (sheet-refs.ts). The originals are kept in the document's
 * settings too (saved inside the file: learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings),
 * so a reloaded task pane (or a workbook saved with colours) can still restore them.
 * The schemas below are built on import, with zod configured for the pane's CSP by src/core/zod.ts.
 */
import * as z from "../core/zod";
import { cellKey } from "../core/address";
import { SEVERITY_RANK } from "../core/severity";
import type { Severity } from "../core";
import type { HighlightCell, SettingsStore } from "../host/workbook-host";
import { normalizeCell } from "./convert";
import type { ExcelSession } from "./operation";
import { FILL_PATTERNS, HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY } from "./fill";
import { formatWritable, isMissing, SheetRefs } from "./sheet-refs";

export { FILL_PATTERNS, HIGHLIGHT_COLORS, HIGHLIGHT_SETTINGS_KEY };

const FillStateSchema = z.object({
  /** null: no fill. */
  color: z.nullable(z.string()),
  pattern: z.optional(z.nullable(z.enum(FILL_PATTERNS))),
  patternColor: z.optional(z.nullable(z.string())),
});

type FillState = z.infer<typeof FillStateSchema>;

/**
 * One highlighted cell as saved in the document. The settings are untrusted (another version of
 * the add-in, a hand-edited file): each entry is checked on its own and a malformed one dropped.
 * The cell must be spelled as highlight() saves it ("B23"), so it matches the cells asked for.
 */
const SavedHighlightSchema = z.object({
  sheet: z.string().check(z.minLength(1)),
  cell: z.string().check(z.refine((cell) => normalizeCell(cell) === cell)),
  /** The fill before highlight(). */
  original: FillStateSchema,
  /** The colour highlight() put there; clearHighlight() restores only cells still showing it. */
  applied: z.string(),
});

type SavedHighlight = z.infer<typeof SavedHighlightSchema>;

const SavedHighlightsSchema = z.object({ cells: z.array(z.unknown()) });

/** The well-formed entries of what the settings hold under HIGHLIGHT_SETTINGS_KEY; [] for anything else. */
export function parseSavedHighlights(value: unknown): SavedHighlight[] {
  const saved = SavedHighlightsSchema.safeParse(value);
  if (!saved.success) return [];
  const cells: SavedHighlight[] = [];
  for (const entry of saved.data.cells) {
    const cell = SavedHighlightSchema.safeParse(entry);
    if (cell.success) cells.push(cell.data);
  }
  return cells;
}

function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" && a.trim().toUpperCase() === b.trim().toUpperCase();
}

export class Highlighter {
  /** The cells coloured now, by cellKey, with their original fills. */
  private readonly highlights = new Map<string, SavedHighlight>();

  constructor(
    private readonly session: ExcelSession,
    private readonly colors: Readonly<Record<Severity, string>>,
    private readonly settings?: SettingsStore,
  ) {}

  highlight(cells: readonly HighlightCell[]): Promise<void> {
    return this.session.operation(async (op) => {
      this.recall();
      const desired = new Map<string, HighlightCell>();
      for (const c of cells) {
        const cell = normalizeCell(c.cell);
        if (!cell) continue;
        const key = cellKey(c.sheet, cell);
        const known = desired.get(key);
        if (!known || SEVERITY_RANK[c.severity] < SEVERITY_RANK[known.severity]) {
          desired.set(key, { sheet: c.sheet, cell, severity: c.severity });
        }
      }
      const dropped = [...this.highlights.entries()].filter(([key]) => !desired.has(key));
      if (desired.size === 0 && dropped.length === 0) return;

      // The cells of the fill sync, remembered before it runs (see the module comment).
      let pending: Map<string, SavedHighlight> | null = null;
      const run = op.run(async (context) => {
        pending = null;
        // Sync 1: the fills to remember (new cells) and to check (cells to restore).
        const refs = new SheetRefs(context, this.session);
        const reads = new Map<string, Excel.Range>();
        for (const [key, d] of desired) {
          const ref = refs.get(d.sheet);
          if (isMissing(ref)) continue; // nothing queued on a sheet known to be gone
          const range = ref.sheet.getRange(d.cell);
          if (!this.highlights.has(key)) {
            if (this.session.supports("1.9")) range.format.fill.load("color, pattern, patternColor");
            else range.format.fill.load("color");
          }
          reads.set(key, range);
        }
        const checks = new Map<string, Excel.Range>();
        for (const [key, saved] of dropped) {
          const ref = refs.get(saved.sheet);
          if (isMissing(ref)) continue;
          const range = ref.sheet.getRange(saved.cell);
          range.format.fill.load("color");
          checks.set(key, range);
        }
        await context.sync();

        // Sync 2: fill, restore. Sheets gone are forgotten; sheets protected against formatting
        // are left alone (their highlights stay remembered until they can be restored).
        const result = new Map<string, SavedHighlight>();
        for (const [key, d] of desired) {
          const ref = refs.get(d.sheet);
          if (isMissing(ref)) continue;
          const known = this.highlights.get(key);
          if (!formatWritable(ref)) {
            if (known) result.set(key, known);
            continue;
          }
          const range = reads.get(key)!;
          const original = known?.original ?? this.fillStateOf(range.format.fill);
          const color = this.colors[d.severity];
          range.format.fill.color = color;
          if (original.pattern && this.session.supports("1.9")) range.format.fill.pattern = "Solid";
          result.set(key, { sheet: d.sheet, cell: d.cell, original, applied: color });
        }
        for (const [key, saved] of dropped) {
          const ref = refs.get(saved.sheet);
          if (isMissing(ref)) continue;
          if (!formatWritable(ref)) {
            result.set(key, saved);
            continue;
          }
          const range = checks.get(key)!;
          // A cell whose fill the user changed since is left as the user made it.
          if (sameColor(range.format.fill.color, saved.applied)) this.restoreFill(range, saved.original);
        }
        // Until the sync succeeds, both the cells being filled and those being restored stay known.
        pending = new Map([...this.highlights, ...result]);
        await context.sync();
        return result;
      });
      let next: Map<string, SavedHighlight>;
      try {
        next = await run;
      } catch (error) {
        const known: Map<string, SavedHighlight> | null = pending;
        if (known) await this.remember(known);
        throw error;
      }
      await this.remember(next);
    });
  }

  clear(): Promise<void> {
    return this.session.operation(async (op) => {
      this.recall();
      const saved = [...this.highlights.entries()];
      if (saved.length === 0) return;
      const kept = await op.run(async (context) => {
        const refs = new SheetRefs(context, this.session);
        const ranges = saved.map(([, s]) => {
          const ref = refs.get(s.sheet);
          if (isMissing(ref)) return null; // nothing queued on a sheet known to be gone
          const range = ref.sheet.getRange(s.cell);
          range.format.fill.load("color");
          return range;
        });
        await context.sync();
        const keep = new Map<string, SavedHighlight>();
        saved.forEach(([key, s], i) => {
          const ref = refs.get(s.sheet);
          if (isMissing(ref)) return;
          if (!formatWritable(ref)) {
            keep.set(key, s);
            return;
          }
          const range = ranges[i]!;
          if (sameColor(range.format.fill.color, s.applied)) this.restoreFill(range, s.original);
        });
        await context.sync();
        return keep;
      });
      await this.remember(kept);
    });
  }

  private fillStateOf(fill: Excel.RangeFill): FillState {
    if (this.session.supports("1.9")) {
      if (fill.pattern === "None" || (fill.pattern == null && !fill.color)) return { color: null };
      const state: FillState = { color: fill.color ?? null };
      if (fill.pattern && fill.pattern !== "Solid") {
        state.pattern = fill.pattern;
        state.patternColor = fill.patternColor ?? null;
      }
      return state;
    }
    // Before ExcelApi 1.9 "no fill" reads as white: restoring it as no fill looks the same.
    if (!fill.color || sameColor(fill.color, "#FFFFFF")) return { color: null };
    return { color: fill.color };
  }

  private restoreFill(range: Excel.Range, state: FillState): void {
    const fill = range.format.fill;
    if (state.color === null) {
      fill.clear();
      return;
    }
    fill.color = state.color;
    if (state.pattern && this.session.supports("1.9")) {
      fill.pattern = state.pattern;
      if (state.patternColor) fill.patternColor = state.patternColor;
    }
  }

  /** Takes the saved highlights from the document when this session knows none (a reloaded pane). */
  private recall(): void {
    if (this.highlights.size > 0 || !this.settings) return;
    for (const saved of parseSavedHighlights(this.settings.get(HIGHLIGHT_SETTINGS_KEY))) {
      this.highlights.set(cellKey(saved.sheet, saved.cell), saved);
    }
  }

  /** Makes `cells` the highlights known, in memory and in the document. */
  private async remember(cells: ReadonlyMap<string, SavedHighlight>): Promise<void> {
    this.highlights.clear();
    for (const [key, saved] of cells) this.highlights.set(key, saved);
    const settings = this.settings;
    if (!settings) return;
    const list = [...this.highlights.values()];
    settings.set(HIGHLIGHT_SETTINGS_KEY, list.length > 0 ? { version: 1, cells: list } : null);
    try {
      await settings.save();
    } catch {
      // Best effort: the fills are still remembered in memory for this session.
    }
  }
}
