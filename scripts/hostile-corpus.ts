/** `npm run corpus [-- DIR]`: writes the hostile corpus (src/fixtures/hostile-corpus.ts), by default into test-output/hostile/. */
import * as path from "path";
import { DEFAULT_DIR, writeHostileCorpus } from "../src/fixtures/hostile-corpus";

const dir = path.resolve(process.argv[2] ?? DEFAULT_DIR);
writeHostileCorpus(dir).then(
  (files) => {
    for (const f of files)
      process.stdout.write(`${path.relative(process.cwd(), f.file)}  ${f.bytes.toLocaleString("en-US")} bytes  ${f.what}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`hostile-corpus: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
