/**
 * node:test reporter for the end-to-end tests: one line per test as it ends (✔ / ✖ / ﹣ with its
 * time), the failure's message and stack, what the tests printed, and a closing line
 * "N passed, N failed" (", N skipped" when some were).
 */
import { inspect } from "node:util";

function seconds(details) {
  const ms = details?.duration_ms;
  return typeof ms === "number" ? ` (${(ms / 1000).toFixed(1)} s)` : "";
}

function describeError(error) {
  const cause = error && typeof error === "object" && "cause" in error && error.cause ? error.cause : error;
  if (cause instanceof Error) {
    const text = cause.stack ?? `${cause.name}: ${cause.message}`;
    const extra =
      "actual" in cause || "expected" in cause
        ? `\n  actual:   ${inspect(cause.actual, { depth: 4 })}\n  expected: ${inspect(cause.expected, { depth: 4 })}`
        : "";
    return text + extra;
  }
  return inspect(cause, { depth: 4 });
}

function indent(text, by) {
  return text
    .split("\n")
    .map((line) => by + line)
    .join("\n");
}

export default async function* reporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    const pad = "  ".repeat(data.nesting ?? 0);
    const suite = data.details?.type === "suite";
    switch (event.type) {
      case "test:pass":
        if (data.skip || data.todo) {
          if (!suite) skipped++;
          yield `${pad}﹣ ${data.name} (skipped${typeof data.skip === "string" ? `: ${data.skip}` : ""})\n`;
        } else {
          if (!suite) passed++;
          yield `${pad}✔ ${data.name}${seconds(data.details)}\n`;
        }
        break;
      case "test:fail":
        if (!suite) failed++;
        yield `${pad}✖ ${data.name}${seconds(data.details)}\n${indent(describeError(data.details?.error), pad + "    ")}\n`;
        break;
      case "test:stdout":
      case "test:stderr":
        yield indent(String(data.message).replace(/\n$/, ""), "    ") + "\n";
        break;
      case "test:diagnostic":
        if (!/^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(String(data.message))) yield `${pad}ℹ ${data.message}\n`;
        break;
      default:
        break;
    }
  }
  yield `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`;
}
