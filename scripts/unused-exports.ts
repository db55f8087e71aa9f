/** `npm run lint`'s second half: the reference scan of src/dev/unused-exports.ts (exported values nobody else uses). */
import * as path from "path";
import { main } from "../src/dev/unused-exports";

process.exitCode = main(path.join(__dirname, ".."));
