/**
 * The rule engine (the reader, the rules, the check) as the task pane loads it: a chunk of its own,
 * so that the pane's first script holds only what the pane needs to appear (its view, its controller,
 * the Excel adapter). The entry starts fetching it before Office is ready (preloadEngine), so that it
 * arrives while Office starts and the workbook is read; the first check waits for that same fetch.
 *
 * A load that failed is not remembered: the next check fetches the chunk again (webpack 5 forgets a
 * chunk whose script failed, and so does this module's promise).
 */
import type { Rule } from "../core/rule";
import type { validateWorkbook } from "../core/validate";

export interface Engine {
  validateWorkbook: typeof validateWorkbook;
  ruleById: (id: string) => Rule | undefined;
}

let loading: Promise<Engine> | null = null;

async function fetchEngine(): Promise<Engine> {
  // Destructured, so webpack keeps in the chunk only what is used here.
  const { validateWorkbook, ruleById } = await import("../core");
  return { validateWorkbook, ruleById };
}

/** The engine, loaded once; after a failed load, the next call tries again. */
export function loadEngine(): Promise<Engine> {
  if (!loading) {
    loading = fetchEngine().catch((error: unknown) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/** Starts loading the engine now; a failure is reported by the check that needs it. */
export function preloadEngine(): void {
  loadEngine().catch(() => undefined);
}

/**
 * A script of the pane's own that could not be fetched (webpack's ChunkLoadError: the add-in's
 * server unreachable, a proxy in the way), as opposed to a bug.
 */
export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && error.name === "ChunkLoadError";
}
