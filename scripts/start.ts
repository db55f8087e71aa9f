/**
 * `npm start [-- <platform> <options>]`: office-addin-debugging start manifest.xml, after checking that
 * this machine can run it (src/dev/start.ts); otherwise a Japanese/English explanation and exit 1.
 */
import { runPlan, startPlan } from "../src/dev/start";

runPlan(startPlan(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
