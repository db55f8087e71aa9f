/**
 * A kpi-check worker thread (lib/cli/worker.js): checks the files the main thread sends, one at a
 * time, and answers each with its FileReport.
 */
import { parentPort } from "worker_threads";
import { checkFile } from "./check-file";
import type { WorkerReply, WorkerRequest } from "./pool";

const port = parentPort;
if (!port) throw new Error("kpi-check: worker.js runs only as a worker thread");

port.on("message", (request: WorkerRequest) => {
  let debugText = "";
  const debug = request.debug ? (text: string) => (debugText += text) : undefined;
  void checkFile({ ...request.job, debug }).then((report) => {
    const reply: WorkerReply = { id: request.id, report, debug: debugText };
    port.postMessage(reply);
  });
});
