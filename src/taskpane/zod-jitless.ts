// Imported first by the pane's entry: the pane's Content-Security-Policy forbids eval, so zod
// must be told before any schema is built (on import) not to compile validators with new Function.
// zod/mini is the build the pane uses (settings-model.ts); its config sets zod's one shared core
// configuration, and importing it keeps zod's full build out of the pane's bundle.
import * as z from "zod/mini";

z.config({ jitless: true });
