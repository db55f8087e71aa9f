/**
 * The reference scan `npm run lint` runs (src/dev/unused-exports.ts), over a small project made
 * for it: exported values nobody else uses are found, whatever way the others use them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeUnused, unusedExports } from "../src/dev/unused-exports";

let root = "";

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-unused-exports-"));
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({
      compilerOptions: { strict: true, module: "commonjs", target: "es2020", noEmit: true, esModuleInterop: true },
      include: ["src", "test"],
    }),
    "src/values.ts": [
      "export function imported(): number { return 1; }",
      "export function onlyHere(): number { return 2; }",
      "const local = onlyHere();",
      "export function nowhere(): number { return local; }",
      "export const throughNamespace = 3;",
      "export function throughDynamicImport(): number { return 4; }",
      "export class Renamed {}",
      "export enum Colour { Red }",
      "export const calledFromJavaScript = 5;",
      "export type NeverUsedType = { a: number };",
      "export interface NeverUsedInterface { b: string }",
      "",
    ].join("\n"),
    "src/user.ts": [
      'import { imported, Renamed as R } from "./values";',
      'import * as values from "./values";',
      "export const sum = imported() + values.throughNamespace + values.Colour.Red + new R().constructor.length;",
      "export async function later(): Promise<number> {",
      '  const { throughDynamicImport } = await import("./values");',
      "  return throughDynamicImport();",
      "}",
      "",
    ].join("\n"),
    "src/again.ts": 'export { imported as importedAgain } from "./values";\n',
    "test/user.test.ts":
      'import { sum, later } from "../src/user";\nimport { importedAgain } from "../src/again";\nvoid [sum, later, importedAgain];\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function scan(usedOutside: string[] = []) {
  return unusedExports({
    root,
    tsconfigs: [path.join(root, "tsconfig.json")],
    scanned: (file) => file.startsWith("src/"),
    usedOutside,
  });
}

describe("unused exports", () => {
  it("finds the exported values no other file uses (imported, renamed, namespaced, dynamic or re-exported uses count; types are left alone)", () => {
    const { unused } = scan(["src/values.ts#calledFromJavaScript"]);
    expect(unused).toEqual([
      { file: "src/values.ts", name: "onlyHere", line: 2, usedInOwnFile: true },
      { file: "src/values.ts", name: "nowhere", line: 4, usedInOwnFile: false },
    ]);
    expect(unused.map(describeUnused)).toEqual([
      "src/values.ts:2  onlyHere is exported but used only in its own file: drop the export",
      "src/values.ts:4  nowhere is exported and used nowhere: remove it",
    ]);
  });

  it("takes a value used from outside TypeScript only when it is named, and reports a name that no longer exists", () => {
    expect(scan().unused.map((u) => u.name)).toContain("calledFromJavaScript");
    const { unused, staleAllowances } = scan(["src/values.ts#calledFromJavaScript", "src/values.ts#removedLongAgo"]);
    expect(unused.map((u) => u.name)).not.toContain("calledFromJavaScript");
    expect(staleAllowances).toEqual(["src/values.ts#removedLongAgo"]);
  });
});
