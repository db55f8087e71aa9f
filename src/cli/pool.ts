/**
 * Checks many files on several threads: worker_threads each load and check one file at a time
 * (lib/cli/worker.js) and send back its FileReport without the report model. Reports reach the
 * caller in input order, whatever order they finish in; a file that fails, or crashes its worker,
 * becomes an error report and the others go on.
 *
 * Memory stays flat however many files there are: only reports not yet passed on are held, and a
 * file is sent to a worker only while it is fewer than `window` files ahead of the next report due.
 */
import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { CheckOptions, Lang } from "../core/types";
import { MSG } from "./i18n";
import type { InputFile } from "./inputs";
import type { PreviousJob } from "./previous";
import type { FileReport } from "./render";

/** What a worker needs to check one file. Plain data: it crosses to the worker by structured clone. */
export interface FileJob {
  input: InputFile;
  /** Where the fixed copy goes (--fix). */
  target?: string;
  options: CheckOptions;
  lang: Lang;
  cwd: string;
  /** --previous: last year's report to compare with (null: none found); absent without --previous. */
  previous?: PreviousJob | null;
}

export interface WorkerRequest {
  id: number;
  job: FileJob;
  /** Send back an internal error's stack (KPI_CHECK_DEBUG). */
  debug: boolean;
}

export interface WorkerReply {
  id: number;
  report: FileReport;
  /** Stack traces to show (debug only); "" otherwise. */
  debug: string;
}

export interface PoolOptions {
  /** Threads to use; 1 checks in the calling thread. */
  threads: number;
  /** The worker script; null (or a missing file) checks in the calling thread. */
  workerScript: string | null;
  debug: boolean;
  /** Called once per file, in input order. */
  onReport(index: number, report: FileReport, debugText: string): void;
  /** Called whenever a file is done (in any order): files done so far. */
  onProgress?(done: number): void;
  /** How far ahead of the next report due files may be sent out; 4 per thread by default. */
  window?: number;
}

/** lib/cli/worker.js next to the running main.js; null when running from TypeScript (jest, tsx). */
export function defaultWorkerScript(): string | null {
  if (!__filename.endsWith(".js")) return null;
  const script = path.join(__dirname, "worker.js");
  return fs.existsSync(script) ? script : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkFiles(jobs: readonly FileJob[], options: PoolOptions): Promise<void> {
  const threads = Math.max(1, Math.min(Math.floor(options.threads), jobs.length));
  if (threads <= 1 || !options.workerScript) return checkInThread(jobs, options);
  return checkInWorkers(jobs, options, threads, options.workerScript);
}

/**
 * Files a thread is handed at once. A worker done with one file goes on with the next without
 * waiting for the main thread's answer, and a large file's asynchronous read (src/node/xlsx.ts
 * reads small files at once) overlaps another file's parsing: the thread is not left idle.
 */
const FILES_PER_THREAD = 3;

/**
 * A file this large is checked alone on its thread (nothing else in hand meanwhile): a loaded
 * workbook takes many times its file size in memory, so several big ones at once would not.
 */
export const LARGE_FILE_BYTES = 8 * 1024 * 1024;

function isLarge(job: FileJob): boolean {
  try {
    return fs.statSync(job.input.absolute).size > LARGE_FILE_BYTES;
  } catch {
    return false; // not there or not readable: checking it reports why
  }
}

async function checkInThread(jobs: readonly FileJob[], options: PoolOptions): Promise<void> {
  // Loaded here, not at the top: with workers, the main thread never loads ExcelJS.
  const { checkFile } = await import("./check-file");
  const started: Promise<{ report: FileReport; debug: string }>[] = [];
  let next = 0; // the next file to start
  let largeInHand = false;
  /** Starts files while fewer than FILES_PER_THREAD are in hand; a large file only alone. */
  const fill = (due: number) => {
    while (next < jobs.length && next < due + FILES_PER_THREAD && !largeInHand) {
      const large = isLarge(jobs[next]);
      if (large && next > due) return; // wait until the files before it are done
      largeInHand = large;
      let debugText = "";
      const debug = options.debug ? (text: string) => (debugText += text) : undefined;
      started[next] = checkFile({ ...jobs[next], debug }).then((report) => ({ report, debug: debugText }));
      next++;
    }
  };
  for (let i = 0; i < jobs.length; i++) {
    fill(i);
    const { report, debug } = await started[i];
    delete started[i];
    if (i === next - 1) largeInHand = false;
    fill(i + 1);
    options.onProgress?.(i + 1);
    options.onReport(i, report, debug);
  }
}

interface Slot {
  worker: Worker;
  /** The files it is checking (at most FILES_PER_THREAD). */
  busy: Set<number>;
  /** It is checking a file alone (a large one, or one checked again: see lost()): it gets no other file meanwhile. */
  solo: boolean;
  alive: boolean;
}

function checkInWorkers(jobs: readonly FileJob[], options: PoolOptions, threads: number, script: string): Promise<void> {
  const total = jobs.length;
  const window = Math.max(threads * FILES_PER_THREAD, options.window ?? threads * 4);
  const finished = new Map<number, { report: FileReport; debug: string }>();
  const slots = new Set<Slot>();
  /** Files whose worker died while it had another file too: checked again, each alone. */
  const retries: number[] = [];
  const retried = new Set<number>();
  let next = 0; // the next file to send out
  let due = 0; // the next report to pass on
  let done = 0;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      for (const slot of slots) void slot.worker.terminate();
      reject(error);
    };

    const finish = (id: number, report: FileReport, debug: string) => {
      finished.set(id, { report, debug });
      done++;
      try {
        options.onProgress?.(done);
        for (let entry = finished.get(due); entry; entry = finished.get(due)) {
          finished.delete(due);
          options.onReport(due, entry.report, entry.debug);
          due++;
        }
      } catch (error) {
        fail(error);
        return;
      }
      if (due === total) {
        settled = true;
        Promise.all([...slots].map((slot) => slot.worker.terminate())).then(() => resolve(), resolve);
        return;
      }
      for (const slot of slots) if (slot.alive) send(slot);
    };

    const post = (slot: Slot, id: number) => {
      slot.busy.add(id);
      const request: WorkerRequest = { id, job: jobs[id], debug: options.debug };
      slot.worker.postMessage(request);
    };

    /** Gives the worker files until it has FILES_PER_THREAD (or none are left to give). */
    const send = (slot: Slot) => {
      if (slot.solo) return;
      if (retries.length > 0) {
        // A file to check again goes alone to a worker with nothing else in hand.
        if (slot.busy.size === 0) {
          slot.solo = true;
          post(slot, retries.shift()!);
        }
        return;
      }
      while (slot.busy.size < FILES_PER_THREAD && next < total && next < due + window) {
        if (isLarge(jobs[next])) {
          if (slot.busy.size > 0) return; // a large file waits for a worker with nothing in hand
          slot.solo = true;
          post(slot, next++);
          return;
        }
        post(slot, next++);
      }
    };

    /**
     * The worker died. A file it had alone is the cause: it becomes an error report. Files it had
     * together are each checked once more, alone, so that only the file that kills a worker fails.
     */
    const lost = (slot: Slot, error: unknown) => {
      if (!slot.alive) return;
      slot.alive = false;
      slots.delete(slot);
      const ids = [...slot.busy];
      slot.busy.clear();
      if (settled) return;
      const failed: number[] = [];
      for (const id of ids) {
        if (ids.length > 1 && !retried.has(id)) {
          retried.add(id);
          retries.push(id);
        } else {
          failed.push(id);
        }
      }
      if (next < total || retries.length > 0) start();
      for (const id of failed) {
        if (settled) return;
        const { input, lang } = jobs[id];
        finish(id, { file: input.display, error: { message: MSG.internalError[lang](errorText(error)), code: "internal" } }, "");
      }
      for (const other of slots) if (other.alive) send(other);
    };

    const start = () => {
      const slot: Slot = { worker: new Worker(script), busy: new Set(), solo: false, alive: true };
      slots.add(slot);
      slot.worker.on("message", (reply: WorkerReply) => {
        if (settled || !slot.busy.delete(reply.id)) return;
        slot.solo = false;
        finish(reply.id, reply.report, reply.debug);
        if (!settled) send(slot);
      });
      slot.worker.on("error", (error) => lost(slot, error));
      slot.worker.on("exit", (code) => lost(slot, new Error(`worker stopped (exit code ${code})`)));
      send(slot);
    };

    for (let i = 0; i < threads; i++) start();
  });
}
