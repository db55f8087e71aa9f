/**
 * `npm run dev-server`: webpack serve --mode development (https://localhost:3000), after checking the
 * development certificate (src/dev/start.ts); otherwise a Japanese/English explanation and exit 1.
 * office-addin-debugging (`npm start`) runs this script too.
 */
import { devServerPlan, runPlan } from "../src/dev/start";

runPlan(devServerPlan(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run dev-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
