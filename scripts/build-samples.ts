/** `npm run samples`: rebuilds samples/*.xlsx from samples/data/hanamaki-r6.json (src/fixtures/samples.ts). */
import * as path from "path";
import { SAMPLES_DIR, buildSamples } from "../src/fixtures/samples";

buildSamples(SAMPLES_DIR).then(
  ({ hanamaki, blank }) => {
    console.log(`wrote ${path.relative(process.cwd(), hanamaki)}`);
    console.log(`wrote ${path.relative(process.cwd(), blank)}`);
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
