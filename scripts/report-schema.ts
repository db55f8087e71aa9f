/** Writes docs/report.schema.json from the zod schemas of the JSON report (src/cli/report-schema.ts). */
import * as fs from "fs";
import * as path from "path";
import { reportJsonSchema } from "../src/cli/report-schema";

const target = path.resolve(__dirname, "../docs/report.schema.json");
fs.writeFileSync(target, JSON.stringify(reportJsonSchema(), null, 2) + "\n");
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
