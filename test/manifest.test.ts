/**
 * The add-in manifest and its icons: manifest.xml passes the offline validation (src/dev/validate-manifest.ts),
 * the XSD part when ../shared/manifest-xsd exists (the CI workspace), and deliberately broken copies are
 * each caught by the project's own checks.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CHECKS,
  DEV_BASE_URL,
  REPO_ROOT,
  XSD_DIR,
  XSD_MAIN,
  checkManifest,
  defaultBaseUrl,
  main,
  parseXml,
  pngSize,
  validateManifestFile,
  validateManifestText,
  validateXsd,
  type CheckId,
  type Problem,
} from "../src/dev/validate-manifest";
import { ICON_SIZES, LOGO, crc32, decodePng, encodePng, iconFileName, iconFiles, renderIcon } from "../src/dev/icons";

const { rebaseManifest } = require("../webpack.config.js") as { rebaseManifest: (content: string, baseUrl: string) => string };

const MANIFEST = path.join(REPO_ROOT, "manifest.xml");
const source = fs.readFileSync(MANIFEST, "utf8");
const hasXsd = fs.existsSync(path.join(XSD_DIR, XSD_MAIN));
const dev = { baseUrl: DEV_BASE_URL, assetRoot: REPO_ROOT };
const INTRANET = "https://intranet.example.lg.jp/kpi/";
/** Tests that run the XSD check (xmllint compiled to WebAssembly): seconds on a busy machine. */
const XSD_TIMEOUT = 30_000;

/** manifest.xml with one edit; fails the test if the edit does not apply. */
function edit(from: string | RegExp, to: string, xml = source): string {
  const out = xml.replace(from, to);
  expect(out).not.toBe(xml);
  return out;
}

function checksOf(problems: Problem[]): CheckId[] {
  return [...new Set(problems.map((p) => p.check))];
}

function silenceConsole() {
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  return { log, error, restore: () => (log.mockRestore(), error.mockRestore()) };
}

describe("manifest.xml", () => {
  it("passes every project check", () => {
    expect(checkManifest(source, dev)).toEqual([]);
  });

  (hasXsd ? it : it.skip)(
    `validates against ${XSD_MAIN} (../shared/manifest-xsd)`,
    async () => {
      expect(await validateXsd(source)).toEqual({ status: "passed" });
    },
    XSD_TIMEOUT,
  );

  it("skips the XSD part with a clear message when the schema folder is absent", async () => {
    const outcome = await validateXsd(source, path.join(os.tmpdir(), "no-such-manifest-xsd"));
    expect(outcome.status).toBe("skipped");
    expect(outcome.status === "skipped" && outcome.reason).toMatch(/not found.*schema check skipped.*npm run validate/);
  });

  it("is what the issue asks for", () => {
    const root = parseXml(source);
    const text = (local: string) => root.children.find((c) => c.local === local);
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(text("DefaultLocale")?.text).toBe("en-US");
    expect(text("DisplayName")?.attrs.DefaultValue).toBe("KPI Report Checker");
    expect(text("DisplayName")?.children[0].attrs).toEqual({ Locale: "ja-JP", Value: "KPI報告チェッカー" });
    expect(text("Permissions")?.text).toBe("ReadWriteDocument");
    expect(text("SupportUrl")?.attrs.DefaultValue).toMatch(/^https:\/\/localhost:3000\//);
    expect(text("AppDomains")).toBeUndefined();
    const withoutComments = source.replace(/<!--[\s\S]*?-->/g, "");
    expect(withoutComments).not.toMatch(/<Runtimes/);
    expect(source).toMatch(/<OfficeTab id="TabHome">/);
    expect(source).toMatch(
      /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>KpiCheckerPane<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/,
    );
    expect(source).toMatch(/<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
    expect(source).toMatch(/<FunctionFile resid="Commands.Url"\/>/);
    expect(source).toMatch(/<bt:Url id="Commands.Url" DefaultValue="https:\/\/localhost:3000\/commands.html"\/>/);
  });

  it(
    "validate:offline (main) exits 0 on it and lists every check",
    async () => {
      const out = silenceConsole();
      try {
        expect(await main([])).toBe(0);
        const printed = out.log.mock.calls.flat().join("\n");
        for (const label of Object.values(CHECKS)) expect(printed).toContain(label);
        expect(printed).toMatch(/manifest OK/);
        expect(printed).toMatch(hasXsd ? /ok {4}XSD schema/ : /skip {2}XSD schema: .*not found/);
      } finally {
        out.restore();
      }
    },
    XSD_TIMEOUT,
  );
});

describe("broken copies of manifest.xml are caught", () => {
  const cases: Array<[string, () => string, CheckId, RegExp]> = [
    [
      "dangling resid",
      () => edit('<Description resid="Button.Tooltip"/>', '<Description resid="Button.Tooltip2"/>'),
      "resid",
      /resid="Button.Tooltip2".*does not resolve/,
    ],
    [
      "resid of the wrong kind",
      () => edit('<Label resid="Button.Label"/>', '<Label resid="Taskpane.Url"/>'),
      "resid",
      /needs a resource in <bt:ShortStrings>/,
    ],
    [
      "http URL",
      () => edit('"https://localhost:3000/taskpane.html"', '"http://localhost:3000/taskpane.html"'),
      "urls",
      /"http:\/\/localhost:3000\/taskpane.html" is not https/,
    ],
    [
      "URL outside the base",
      () => edit(/<SupportUrl DefaultValue="[^"]*"\/>/, '<SupportUrl DefaultValue="https://example.com/help"/>'),
      "urls",
      /not under the base URL/,
    ],
    ["missing icon", () => edit("assets/icon-80.png", "assets/icon-81.png"), "icons", /icon-81.png does not exist/],
    [
      "wrong icon size",
      () =>
        edit(
          'id="Icon.32x32" DefaultValue="https://localhost:3000/assets/icon-32.png"',
          'id="Icon.32x32" DefaultValue="https://localhost:3000/assets/icon-16.png"',
        ),
      "icons",
      /icon-16.png is 16×16, declared 32×32/,
    ],
    [
      "wrong IconUrl size",
      () =>
        edit(
          '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
          '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
        ),
      "icons",
      /<IconUrl>.*64×64, declared 32×32/,
    ],
    [
      "missing ja-JP override of a ribbon string",
      () => edit('<bt:Override Locale="ja-JP" Value="KPIチェック"/>', ""),
      "jaJP",
      /<bt:String id="Button.Label">.*no <Override Locale="ja-JP">/,
    ],
    [
      "missing ja-JP override of a tooltip",
      () => edit(/<bt:Override Locale="ja-JP" Value="点検ウィンドウを開き[^"]*"\/>/, ""),
      "jaJP",
      /<bt:String id="Button.Tooltip">.*no <Override/,
    ],
    [
      "missing ja-JP DisplayName",
      () => edit('<Override Locale="ja-JP" Value="KPI報告チェッカー"/>', ""),
      "jaJP",
      /<DisplayName>.*no <Override Locale="ja-JP">/,
    ],
    [
      "missing ja-JP Description",
      () => edit(/<Override Locale="ja-JP" Value="事業実施報告書の[^"]*"\/>/, ""),
      "jaJP",
      /<Description>.*no <Override/,
    ],
    [
      "broader permission",
      () => edit("<Permissions>ReadWriteDocument", "<Permissions>ReadAllDocument"),
      "permissions",
      /must be ReadWriteDocument, found "ReadAllDocument"/,
    ],
    [
      "ExcelApi above 1.1",
      () => edit('<Set Name="ExcelApi" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.3"/>'),
      "requirements",
      /ExcelApi MinVersion must be 1.1, found "1.3"/,
    ],
    [
      "an AppDomain",
      () => edit("<Hosts>", "<AppDomains><AppDomain>https://example.com</AppDomain></AppDomains>\n  <Hosts>"),
      "app",
      /AppDomain.*not needed/,
    ],
    [
      "a <Runtimes> element",
      () => edit("<Hosts>\n      <Host xsi:type", "<Runtimes/>\n    <Hosts>\n      <Host xsi:type"),
      "app",
      /<Runtimes>.*not allowed/,
    ],
    [
      "a button that does not open the pane",
      () => edit("<TaskpaneId>KpiCheckerPane</TaskpaneId>", "<TaskpaneId>Other</TaskpaneId>"),
      "ribbon",
      /TaskpaneId KpiCheckerPane, found 0/,
    ],
    [
      "a string over the schema's limit",
      () => edit('DefaultValue="KPI Report"', `DefaultValue="${"K".repeat(126)}"`),
      "lengths",
      /longer than 125 characters/,
    ],
    [
      "malformed XML",
      () => edit("</bt:ShortStrings>", "</bt:ShortString>"),
      "xml",
      /line \d+: <\/bt:ShortString> closes <bt:ShortStrings>/,
    ],
    ["a bare ampersand", () => edit("KPI Report Checker is ready", "KPI & Report"), "xml", /"&" must start an entity reference/],
  ];

  it.each(cases)("%s", (_name, make, check, message) => {
    const problems = checkManifest(make(), dev);
    expect(checksOf(problems)).toContain(check);
    expect(problems.filter((p) => p.check === check).map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]),
    );
  });

  it("catches a wrong-size icon in a dist-like folder (PNG IHDR, not the file name)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-manifest-"));
    try {
      fs.cpSync(path.join(REPO_ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
      fs.writeFileSync(path.join(dir, "assets", "icon-80.png"), encodePng(48, 48, new Uint8Array(48 * 48 * 4)));
      const problems = checkManifest(source, { baseUrl: DEV_BASE_URL, assetRoot: dir });
      expect(problems.map((p) => p.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/icon-80.png is 48×48, declared 80×80/)]),
      );
      fs.writeFileSync(path.join(dir, "assets", "icon-80.png"), "not a png");
      expect(checkManifest(source, { baseUrl: DEV_BASE_URL, assetRoot: dir }).map((p) => p.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/icon-80.png is not a PNG/)]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (hasXsd ? it : it.skip)(
    "the XSD catches what only the schema knows (element order)",
    async () => {
      const swapped = edit(/(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)\s*(<Permissions>ReadWriteDocument<\/Permissions>)/, "$2\n  $1");
      expect(checkManifest(swapped, dev)).toEqual([]);
      const result = await validateManifestText(swapped, "manifest.xml", dev);
      expect(result.ok).toBe(false);
      expect(result.xsd.status).toBe("failed");
    },
    XSD_TIMEOUT,
  );

  it(
    "validate:offline (main) exits 1 with the problems on stderr",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-manifest-"));
      const out = silenceConsole();
      try {
        const file = path.join(dir, "manifest.xml");
        fs.writeFileSync(file, edit('"https://localhost:3000/commands.html"', '"http://localhost:3000/commands.html"'));
        fs.cpSync(path.join(REPO_ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
        expect(await main([file, "--base", DEV_BASE_URL])).toBe(1);
        const printed = out.error.mock.calls.flat().join("\n");
        expect(printed).toMatch(/FAIL {2}every URL is https/);
        expect(printed).toMatch(/commands.html" is not https/);
        expect(printed).toMatch(/manifest has \d+ problems?/);
      } finally {
        out.restore();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    XSD_TIMEOUT,
  );

  it("validate:offline (main) refuses a base URL that is not https or lacks the final /", async () => {
    const out = silenceConsole();
    try {
      expect(await main(["--base", "http://intranet.example.lg.jp/kpi/"])).toBe(2);
      expect(await main(["--base", "https://intranet.example.lg.jp/kpi"])).toBe(2);
      expect(out.error.mock.calls.flat().join("\n")).toMatch(/must be https[\s\S]*must end with "\/"/);
    } finally {
      out.restore();
    }
  });
});

describe("the built manifest (dist/manifest.xml) under a deployment base URL", () => {
  const built = rebaseManifest(source, INTRANET);

  it("has every URL under the deployment base and nothing left of localhost", () => {
    expect(built).not.toMatch(/https:\/\/localhost/);
    expect(checkManifest(built, { baseUrl: INTRANET, assetRoot: REPO_ROOT })).toEqual([]);
  });

  it("fails against the wrong base, either way round", () => {
    expect(checksOf(checkManifest(built, dev))).toEqual(["urls"]);
    expect(checksOf(checkManifest(source, { baseUrl: INTRANET, assetRoot: REPO_ROOT }))).toEqual(["urls"]);
  });

  it(
    "is validated from a dist-like folder with the base from ADDIN_BASE_URL",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-dist-"));
      try {
        const file = path.join(dir, "manifest.xml");
        fs.writeFileSync(file, built);
        fs.cpSync(path.join(REPO_ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
        expect(defaultBaseUrl(file, { ADDIN_BASE_URL: INTRANET })).toBe(INTRANET);
        expect(defaultBaseUrl(MANIFEST, { ADDIN_BASE_URL: INTRANET })).toBe(DEV_BASE_URL);
        const result = await validateManifestFile(file, { baseUrl: INTRANET });
        expect(result.problems).toEqual([]);
        expect(result.xsd.status).toBe(hasXsd ? "passed" : "skipped");
        expect(result.ok).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    XSD_TIMEOUT,
  );
});

describe("assets (src/dev/icons.ts)", () => {
  it.each(iconFiles())("$file is a $size×$size PNG", ({ file, size }) => {
    expect(pngSize(fs.readFileSync(path.join(REPO_ROOT, "assets", file)))).toEqual({ width: size, height: size });
  });

  it("has the template's icon sizes and logo", () => {
    expect(ICON_SIZES).toEqual([16, 32, 64, 80, 128]);
    expect(iconFiles().map((f) => f.file)).toEqual(["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png", "icon-128.png", LOGO.file]);
  });

  it("the committed PNGs are what make-icons draws (else: npm run icons)", () => {
    for (const { file, size } of iconFiles()) {
      const png = decodePng(fs.readFileSync(path.join(REPO_ROOT, "assets", file)));
      expect({ file, width: png.width, height: png.height }).toEqual({ file, width: size, height: size });
      expect(Buffer.from(png.rgba).equals(Buffer.from(renderIcon(size)))).toBe(true);
    }
  });

  it("draws an opaque white sheet, a green check and a transparent margin", () => {
    const size = 32;
    const rgba = renderIcon(size);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
    expect(at(0, 0)[3]).toBe(0); // transparent corner
    expect(at(4, 12)).toEqual([255, 255, 255, 255]); // inside the sheet, below the header
    const [r, g, b, a] = at(19, 25); // on the check's corner stroke
    expect(a).toBe(255);
    expect(g).toBeGreaterThan(r + 60);
    expect(g).toBeGreaterThan(b + 40);
  });

  it("encodes PNGs that decode back to the same pixels, with valid CRCs", () => {
    const w = 7;
    const h = 5;
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_v, i) => (i * 37) & 0xff);
    const png = encodePng(w, h, rgba);
    expect(pngSize(png)).toEqual({ width: w, height: h });
    expect(Buffer.from(decodePng(png).rgba).equals(Buffer.from(rgba))).toBe(true);
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    const ihdr = png.subarray(12, 12 + 4 + 13);
    expect(png.readUInt32BE(12 + 4 + 13)).toBe(crc32(ihdr));
    expect(iconFileName(16)).toBe("icon-16.png");
  });
});
