// Imported first by the pane's entry: the pane's Content-Security-Policy forbids eval, so zod
// must be told before any schema is built (on import) not to compile validators with new Function.
import { z } from "zod";

z.config({ jitless: true });
