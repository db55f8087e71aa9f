/**
 * The reference scan that keeps dead code out: every value a module of src/ exports (a function, a
 * class, a constant, an enum) is used by another file of the repository — src/, test/, scripts/ or
 * test-e2e/ — or it is not exported (used only where it is written) or not there at all (used
 * nowhere). Types are left alone: a type names a shape its users may spell out.
 *
 * References are TypeScript's own (the language service's findReferences), so an import renamed,
 * re-exported, destructured from a dynamic import() or reached through `import * as` counts.
 * `npm run lint` runs it (scripts/unused-exports.ts).
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export interface UnusedExport {
  /** Relative to the root, with "/". */
  file: string;
  name: string;
  /** 1-based. */
  line: number;
  /** Used where it is written (then only its `export` goes), or nowhere (then it goes). */
  usedInOwnFile: boolean;
}

export interface ScanOptions {
  root: string;
  /** The tsconfig files whose files make up the repository (their `include`s). */
  tsconfigs: string[];
  /** The files whose exports are scanned (relative to root, with "/"). */
  scanned: (relative: string) => boolean;
  /**
   * Exports used from outside TypeScript (a JavaScript file, a worker started by path), as
   * "file#name"; each must exist (a stale entry is reported as a problem).
   */
  usedOutside?: readonly string[];
}

function readConfig(file: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
      },
    },
  );
  if (!parsed) throw new Error(`${file}: cannot be read`);
  return parsed;
}

const VALUE = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum;

/** The exported values of the scanned files that no other file uses. */
export function unusedExports(options: ScanOptions): { unused: UnusedExport[]; staleAllowances: string[] } {
  const configs = options.tsconfigs.map(readConfig);
  const fileNames = [...new Set(configs.flatMap((c) => c.fileNames))];
  const compilerOptions = configs[0].options;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => fileNames,
    // One scan of files that do not change meanwhile: every file at its first version.
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => (fs.existsSync(file) ? ts.ScriptSnapshot.fromString(fs.readFileSync(file, "utf8")) : undefined),
    getCurrentDirectory: () => options.root,
    getCompilationSettings: () => compilerOptions,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const program = service.getProgram();
  if (!program) throw new Error("TypeScript made no program");
  const checker = program.getTypeChecker();
  const relative = (file: string) => path.relative(options.root, file).split(path.sep).join("/");
  const allowed = new Set(options.usedOutside ?? []);
  const seenAllowed = new Set<string>();

  const unused: UnusedExport[] = [];
  for (const source of program.getSourceFiles()) {
    const file = relative(source.fileName);
    if (source.isDeclarationFile || file.startsWith("..") || !options.scanned(file)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (!(exported.flags & VALUE)) continue;
      const declaration = exported.declarations?.[0];
      // Re-exports are judged where the value is written.
      if (!declaration || declaration.getSourceFile() !== source) continue;
      const key = `${file}#${exported.name}`;
      if (allowed.has(key)) {
        seenAllowed.add(key);
        continue;
      }
      const named = ts.getNameOfDeclaration(declaration) ?? declaration;
      let outside = 0;
      let inside = 0;
      for (const symbol of service.findReferences(source.fileName, named.getStart()) ?? []) {
        for (const reference of symbol.references) {
          if (reference.isDefinition) continue;
          if (reference.fileName === source.fileName) inside++;
          else outside++;
        }
      }
      if (outside > 0) continue;
      unused.push({
        file,
        name: exported.name,
        line: source.getLineAndCharacterOfPosition(named.getStart()).line + 1,
        usedInOwnFile: inside > 0,
      });
    }
  }
  unused.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { unused, staleAllowances: [...allowed].filter((key) => !seenAllowed.has(key)) };
}

/** One line per finding, as a linter prints it. */
export function describeUnused(item: UnusedExport): string {
  return item.usedInOwnFile
    ? `${item.file}:${item.line}  ${item.name} is exported but used only in its own file: drop the export`
    : `${item.file}:${item.line}  ${item.name} is exported and used nowhere: remove it`;
}

/** The repository's scan: src/'s exports against src/, test/, scripts/ and test-e2e/. */
export function main(root: string, log: (line: string) => void = console.log): number {
  const { unused, staleAllowances } = unusedExports({
    root,
    tsconfigs: [path.join(root, "tsconfig.json"), path.join(root, "test-e2e", "tsconfig.json")],
    scanned: (file) => file.startsWith("src/"),
    usedOutside: [],
  });
  for (const item of unused) log(describeUnused(item));
  for (const key of staleAllowances)
    log(`src/dev/unused-exports.ts: "${key}" is allowed as used outside TypeScript, but there is no such export`);
  const problems = unused.length + staleAllowances.length;
  log(problems === 0 ? "unused exports: none" : `unused exports: ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}
