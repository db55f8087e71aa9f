/**
 * The layering declared once in eslint.config.mjs fails on a deliberate violation of each boundary,
 * and lets the allowed imports through (so `npm run lint`, which CI runs, keeps the layers apart).
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..");

const use = (what: string) => `${what}\nexport const used = [x];\n`;

const REFUSED: [file: string, code: string, message: RegExp][] = [
  ["src/core/validate.ts", 'import { x } from "../excel/excel-host";', /src\/core may import only itself/],
  ["src/core/rules/status.ts", 'import { x } from "../../taskpane/controller";', /src\/core may import only itself/],
  ["src/core/reader/index.ts", 'import * as x from "fs";', /no Node module/],
  ["src/core/model.ts", 'import x from "exceljs";', /no ExcelJS/],
  ["src/xlsx/read.ts", 'import * as x from "zlib";', /no Node module/],
  ["src/xlsx/read.ts", 'import { x } from "../node/xlsx";', /src\/xlsx may import only src\/core/],
  ["src/taskpane/controller.ts", 'import { x } from "../excel/excel-host";', /Only src\/taskpane\/taskpane.ts/],
  ["src/host/workbook-host.ts", 'import { x } from "../excel/errors";', /src\/host may import only src\/core/],
  ["src/cli/main.ts", 'import { x } from "../taskpane/controller";', /src\/cli may import only/],
  ["src/demo/page.ts", 'import { x } from "../node/xlsx";', /src\/demo may import only/],
  ["src/excel/office.ts", 'import { x } from "../../test/helpers/rule-tester";', /never imports test\/ or scripts\//],
  ["src/core/validate.ts", 'import { x } from "../fixtures/report-builder";', /src\/core may import only itself/],
  // No product folder imports the fixtures or the development tools.
  ["src/cli/main.ts", 'import { x } from "../fixtures/samples";', /src\/cli may import only/],
  ["src/node/xlsx.ts", 'import { x } from "../dev/validate-manifest";', /src\/node may import only/],
  ["src/taskpane/taskpane.ts", 'import { x } from "../fixtures/report-builder";', /src\/taskpane may import only/],
  ["src/demo/page.ts", 'import { x } from "../dev/demo-server";', /src\/demo may import only/],
  ["src/excel/read.ts", 'import { x } from "../fixtures/template";', /src\/excel may import only/],
  // The fixtures do not lean on the tools built over them.
  ["src/fixtures/report-builder.ts", 'import { x } from "../dev/rules-doc";', /src\/fixtures may import only/],
  ["src/dev/rules-doc.ts", 'import { x } from "../../test/helpers/rule-tester";', /never imports test\/ or scripts\//],
  ["test/reader.test.ts", 'import { x } from "../scripts/build-samples";', /test\/ imports src\/, never scripts\//],
  ["test/rules/status.test.ts", 'import { x } from "../../scripts/rules-doc";', /never scripts\//],
  ["test-e2e/demo.e2e.test.ts", 'import { x } from "../scripts/demo-server";', /never scripts\//],
  ["scripts/bench/core.ts", 'import { x } from "../../test/helpers/rule-tester";', /scripts\/ imports src\/, never test\//],
  // zod only as src/core/zod.ts configures it for the pane's CSP.
  ["src/excel/highlight.ts", 'import * as x from "zod/mini";', /import zod from src\/core\/zod.ts/],
  ["src/taskpane/settings-schema.ts", 'import { x } from "zod";', /import zod from src\/core\/zod.ts/],
];

const ALLOWED: [file: string, code: string][] = [
  ["src/core/rules/status.ts", 'import { x } from "../analysis";'],
  ["src/excel/apply.ts", 'import { x } from "../host/workbook-host";'],
  ["src/taskpane/taskpane.ts", 'import { x } from "../excel/excel-host";'],
  ["src/cli/check-file.ts", 'import * as x from "fs";'],
  ["src/node/xlsx.ts", 'import { x } from "../xlsx/read";'],
  ["test/reader.test.ts", 'import { x } from "../src/fixtures/report-builder";'],
  ["test/manifest.test.ts", 'import { x } from "../src/dev/validate-manifest";'],
  ["test-e2e/demo.e2e.test.ts", 'import { x } from "../src/dev/demo-server";'],
  ["scripts/bench/core.ts", 'import { x } from "../../src/fixtures/report-builder";'],
  ["scripts/rules-doc.ts", 'import { x } from "../src/dev/rules-doc";'],
  ["src/fixtures/samples.ts", 'import * as x from "fs";'],
  ["src/fixtures/hostile-corpus.ts", 'import { x } from "../xlsx/zip";'],
  ["src/dev/rules-doc.ts", 'import { x } from "../fixtures/rule-cases";'],
  ["src/dev/bench-syncs.ts", 'import { x } from "../excel/excel-host";'],
  ["src/core/zod.ts", 'import { x } from "zod/mini";'],
  ["src/cli/args.ts", 'import { x } from "zod";'],
];

// What EdgeHTML (ES2017) lacks, in the code the browser runs: refused; the same in the CLI: allowed.
const BUILTINS: [file: string, code: string, refused: boolean][] = [
  ["src/core/text.ts", 'export const x = " a".trimStart();\n', true],
  ["src/taskpane/view/findings.ts", "export const x = Object.fromEntries([]);\n", true],
  ["src/excel/read.ts", "export const x = [[1]].flat();\n", true],
  ["src/core/text.ts", "export const x = 10n;\n", true],
  ["src/core/text.ts", "export const x = /(?<year>\\d+)/;\n", true],
  ["src/core/text.ts", "export const x = a?.b ?? { ...c };\n", false], // syntax the build lowers
  ["src/cli/main.ts", 'export const x = " a".trimStart();\n', false],
];

const GLOBALS: [file: string, code: string][] = [
  ["src/taskpane/controller.ts", "export const x = Office.context;\n"],
  ["src/excel/office.ts", "export const x = Office.context;\n"],
];

// ESLint loads its ESM config with a dynamic import, which jest's module system cannot do: one
// plain Node process lints every case with the project's real config and answers in JSON.
const LINTER = `
import { ESLint } from "eslint";
import * as path from "path";
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [file, code] of cases) {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  out.push(result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-globals" || m.ruleId?.startsWith("es-x/")).map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
`;

let answers: string[][] = [];
const cases: [string, string][] = [
  ...REFUSED.map(([f, c]) => [f, use(c)] as [string, string]),
  ...ALLOWED.map(([f, c]) => [f, use(c)] as [string, string]),
  ...GLOBALS,
  ...BUILTINS.map(([f, c]) => [f, c] as [string, string]),
];

beforeAll(() => {
  const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", LINTER, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  answers = JSON.parse(stdout) as string[][];
}, 120_000);

/** The messages of the layering rules for the case at `index` of `cases`. */
const layerErrors = (index: number) => answers[index];

describe("the import boundaries (eslint.config.mjs)", () => {
  it.each(REFUSED.map((c, i) => [...c, i] as const))("%s: %s is refused", (_file, _code, message, index) => {
    expect(layerErrors(index)).toEqual([expect.stringMatching(message)]);
  });

  it.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))("%s: %s is allowed", (_file, _code, index) => {
    expect(layerErrors(index)).toEqual([]);
  });

  it("Office.js globals only in src/excel", () => {
    const base = REFUSED.length + ALLOWED.length;
    expect(layerErrors(base)).toEqual([expect.stringMatching(/Only src\/excel touches Office.js/)]);
    expect(layerErrors(base + 1)).toEqual([]);
  });
});

describe("built-ins newer than ES2017 (eslint-plugin-es-x)", () => {
  const base = REFUSED.length + ALLOWED.length + GLOBALS.length;
  it.each(BUILTINS.map((c, i) => [...c, base + i] as const))("%s: %s refused: %s", (_file, _code, refused, index) => {
    if (refused) expect(layerErrors(index)).toEqual([expect.stringMatching(/^ES20(1[89]|2\d) /)]);
    else expect(layerErrors(index)).toEqual([]);
  });
});
