/**
 * `npm run docs:rules`: writes docs/rules.md and docs/rules/<id>.md (src/dev/rules-doc.ts).
 * With --check (the drift test) it writes nothing and exits 1 naming each file it would change.
 */
import { staleDocs, writeAllDocs } from "../src/dev/rules-doc";

if (process.argv.includes("--check")) {
  const { checked, stale, extra } = staleDocs();
  for (const relative of stale) process.stdout.write(`stale: ${relative}\n`);
  for (const relative of extra) process.stdout.write(`not a rule's page: ${relative}\n`);
  process.stdout.write(`checked ${checked} files\n`);
  process.exitCode = stale.length + extra.length > 0 ? 1 : 0;
} else {
  const { written, removed } = writeAllDocs();
  for (const relative of written) process.stdout.write(`wrote ${relative}\n`);
  for (const relative of removed) process.stdout.write(`removed ${relative}\n`);
}
