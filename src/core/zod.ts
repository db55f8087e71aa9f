/**
 * zod/mini (zod's tree-shakable build), configured before any schema is built: the pane's
 * Content-Security-Policy forbids eval, so zod must not compile validators with new Function.
 * Every schema of the code the browser runs imports zod from here (`import * as z from "../core/zod"`,
 * "./zod" in the core), whichever chunk loads first; eslint.config.mjs refuses a direct import.
 * Re-exported with `export *`: a namespace object passed on as a value would keep every zod module
 * in the bundle.
 */
import { config } from "zod/mini";

config({ jitless: true });

export * from "zod/mini";
