/**
 * The scripts Office loads run in the add-in's oldest supported webview, EdgeHTML (Edge 18): every
 * script the builds emit for the pane and the function file must parse as ES2017 (acorn), regular
 * expressions included, and name no newer built-in that src/taskpane/polyfills.ts does not provide.
 * The builds are made once per run by test/global-setup.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { NEWER_BUILTINS, newerBuiltinsIn, syntaxProblems } from "./helpers/script-syntax";
import { filesOf, successfulBuild } from "./helpers/webpack-run";
import { POLYFILLED } from "../src/taskpane/polyfills";

const { BUNDLE_TARGET } = require("../webpack.base.js") as { BUNDLE_TARGET: string };
const ECMA_VERSION = 2017;

describe("the syntax checker", () => {
  it.each([
    ["optional chaining", "a?.b"],
    ["nullish coalescing", "a ?? b"],
    ["object spread", "({ ...a })"],
    ["a class field", "class A { b = 1 }"],
    ["a BigInt literal", "10n"],
    ["a named group in a literal", "/(?<year>\\d+)/"],
    ["a lookbehind in new RegExp", 'new RegExp("(?<=a)b")'],
    ["the s flag in RegExp()", 'RegExp("a.b", "s")'],
  ])("refuses %s at ES2017", (_what, code) => {
    expect(syntaxProblems(code, ECMA_VERSION)).not.toEqual([]);
  });

  it("takes ES2017 (async functions, exponent, trailing commas) and plain patterns", () => {
    const code = 'async function f(a, b,) { await g(2 ** 3); return new RegExp("^(\\\\d+)年$", "u"); }';
    expect(syntaxProblems(code, ECMA_VERSION)).toEqual([]);
  });

  it("names newer built-ins as minified code writes them", () => {
    expect(newerBuiltinsIn("const x=Object.fromEntries(a),y=s.matchAll(r),z=globalThis;")).toEqual([
      "globalThis",
      "Object.fromEntries",
      "String.prototype.matchAll",
    ]);
    expect(newerBuiltinsIn("a.includes(b);Object.entries(c);s.padStart(2)")).toEqual([]);
  });
});

describe.each(["addin-intranet", "demo"] as const)("the %s build's scripts for Office", (name) => {
  const dir = () => successfulBuild(name).dir;
  // The add-in's scripts; in the demo, the pane's chunk (its page and ExcelJS are for today's browsers).
  const scripts = () => filesOf(dir()).filter((f) => (name === "demo" ? /^taskpane\.[0-9a-f]{8}\.js$/ : /^[^/]+\.js$/).test(f));

  it("are built for ES2017", () => {
    expect(BUNDLE_TARGET).toBe("es2017");
    expect(scripts().length).toBeGreaterThan(0);
  });

  it("parse as ES2017 scripts, regular expressions included", () => {
    const problems = scripts().flatMap((file) =>
      syntaxProblems(fs.readFileSync(path.join(dir(), file), "utf8"), ECMA_VERSION).map(
        (p) => `${file}:${p.line}:${p.column} ${p.message} — ${p.excerpt}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it("use no built-in newer than ES2017 that the pane does not polyfill", () => {
    expect(NEWER_BUILTINS.map((b) => b.name)).toEqual(expect.arrayContaining([...POLYFILLED]));
    const unpolyfilled = scripts().flatMap((file) =>
      newerBuiltinsIn(fs.readFileSync(path.join(dir(), file), "utf8"))
        .filter((builtin) => !(POLYFILLED as readonly string[]).includes(builtin))
        .map((builtin) => `${file}: ${builtin}`),
    );
    expect(unpolyfilled).toEqual([]);
  });
});
