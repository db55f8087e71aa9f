/**
 * What an emitted script needs of the JavaScript engine that runs it: whether it parses at a given
 * ECMAScript version (acorn, the parser webpack itself uses), regular expressions included — also
 * those esbuild rewrote from literals into `new RegExp("…")` calls because the target lacks their
 * features — and which built-ins newer than ES2017 it names.
 */
import * as acorn from "acorn";
import * as walk from "acorn-walk";

export interface SyntaxProblem {
  /** 1-based line and column in the script. */
  line: number;
  column: number;
  message: string;
  /** The script around the problem. */
  excerpt: string;
}

function excerptAt(code: string, offset: number): string {
  return code.slice(Math.max(0, offset - 40), offset + 40).replace(/\s+/g, " ");
}

/** Problems parsing `code` as a classic script of `ecmaVersion` (empty: it parses). */
export function syntaxProblems(code: string, ecmaVersion: acorn.ecmaVersion): SyntaxProblem[] {
  let ast: acorn.Program;
  try {
    ast = acorn.parse(code, { ecmaVersion, sourceType: "script", locations: true });
  } catch (error) {
    const e = error as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
    return [{ line: e.loc?.line ?? 0, column: (e.loc?.column ?? 0) + 1, message: e.message, excerpt: excerptAt(code, e.pos ?? 0) }];
  }
  const problems: SyntaxProblem[] = [];
  const checkPattern = (node: acorn.Node & { arguments: acorn.Node[]; callee: acorn.Node }) => {
    if (node.callee.type !== "Identifier" || (node.callee as acorn.Identifier).name !== "RegExp") return;
    const [source, flags] = node.arguments as acorn.Literal[];
    if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
    const flagText = flags && flags.type === "Literal" && typeof flags.value === "string" ? flags.value : "";
    const literal = `/${source.value.replace(/\//g, "\\/")}/${flagText}`;
    try {
      acorn.parse(literal, { ecmaVersion, sourceType: "script" });
    } catch (error) {
      problems.push({
        line: node.loc?.start.line ?? 0,
        column: (node.loc?.start.column ?? 0) + 1,
        message: `regular expression ${literal}: ${(error as Error).message}`,
        excerpt: excerptAt(code, node.start),
      });
    }
  };
  walk.simple(ast, {
    NewExpression: (node) => checkPattern(node as never),
    CallExpression: (node) => checkPattern(node as never),
  });
  return problems;
}

/**
 * Built-ins after ES2017 that EdgeHTML (Edge 18), the oldest webview the add-in supports, does not
 * have, as they appear in minified code. Promise.prototype.finally is left out: Edge 18 has it.
 */
export const NEWER_BUILTINS: readonly { name: string; pattern: RegExp }[] = [
  { name: "globalThis", pattern: /\bglobalThis\b/ },
  { name: "Object.fromEntries", pattern: /\.fromEntries\b/ },
  { name: "Object.hasOwn", pattern: /\bObject\.hasOwn\b/ },
  { name: "Array.prototype.flat", pattern: /\.flat\(/ },
  { name: "Array.prototype.flatMap", pattern: /\.flatMap\(/ },
  { name: "Array/String.prototype.at", pattern: /\.at\(/ },
  { name: "Array.prototype.findLast", pattern: /\.findLast(Index)?\(/ },
  { name: "String.prototype.matchAll", pattern: /\.matchAll\(/ },
  { name: "String.prototype.replaceAll", pattern: /\.replaceAll\(/ },
  { name: "String.prototype.trimStart/trimEnd", pattern: /\.trim(Start|End)\(/ },
  { name: "Promise.allSettled", pattern: /\.allSettled\(/ },
  { name: "Promise.any", pattern: /\bPromise\.any\(/ },
  { name: "structuredClone", pattern: /\bstructuredClone\(/ },
  { name: "BigInt", pattern: /\bBigInt\(/ },
  { name: "Intl.Segmenter", pattern: /\.Segmenter\b/ },
  { name: "WeakRef", pattern: /\bWeakRef\b/ },
];

/** The names of NEWER_BUILTINS that `code` uses. */
export function newerBuiltinsIn(code: string): string[] {
  return NEWER_BUILTINS.filter((b) => b.pattern.test(code)).map((b) => b.name);
}
