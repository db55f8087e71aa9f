/**
 * docs/deploy.md's setting-up parts: the browser version on an intranet web server, the
 * add-in's "check it loaded" and "blank pane" lists, in Japanese first and English after, and the
 * CSP and MIME types it quotes kept equal to what the build and the demo server use.
 */
import * as fs from "fs";
import * as path from "path";
import { TYPES } from "../src/dev/demo-server";

const ROOT = path.resolve(__dirname, "..");
const doc = fs.readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8");
const englishAt = doc.indexOf("# Sideloading and deploying the Excel add-in (English)");
const ja = doc.slice(0, englishAt);
const en = doc.slice(englishAt);

/** The CSP a page template sets in its <meta>. */
function metaCsp(file: string, scriptSrc = "'self'"): string {
  const html = fs.readFileSync(path.join(ROOT, file), "utf8");
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error(`${file}: no CSP meta`);
  return match[1].replace("<%= htmlWebpackPlugin.options.scriptSrc %>", scriptSrc);
}

/** The extension → Content-Type rows of the MIME table under `heading`. */
function mimeTable(text: string, heading: string): Map<string, string> {
  const start = text.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string>();
  for (const line of text.slice(start).split("\n").slice(1)) {
    if (line.startsWith("#")) break;
    const m = /^\| `(\.[a-z]+)` \| `([^`]+)`/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

test("English follows Japanese", () => {
  expect(englishAt).toBeGreaterThan(0);
});

describe.each([
  ["ja", () => ja, "## 3. ブラウザ版（dist-demo/）の庁内 Web サーバーへの配置", "### MIME タイプ", /npm レジストリ/],
  ["en", () => en, "## 3. Deploying the browser version (dist-demo/) on an intranet web server", "### MIME types", /npm registry/],
])("%s: the browser version on an intranet web server", (_lang, text, heading, mimeHeading, registry) => {
  test("has its section: built once where the npm registry is reachable, copied, no Node on the PCs", () => {
    const section = text().slice(text().indexOf(heading));
    expect(text()).toContain(heading);
    expect(section).toMatch(registry);
    expect(section).toMatch(/npm ci\nnpm run build:demo/);
    expect(section).toContain("dist-demo/");
    expect(section).toContain("Node.js");
    expect(section).toContain("web.config"); // IIS
    expect(section).toMatch(/location \/kpi-demo\/ \{[\s\S]*alias/); // nginx
    expect(section).toContain("F12");
    expect(section).toContain("hanamaki-r6.xlsx");
  });

  test("lists the MIME types the files need, as the demo server serves them", () => {
    const rows = mimeTable(text(), mimeHeading);
    expect(rows.get(".js")).toBe("application/javascript");
    expect(rows.get(".xlsx")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    for (const ext of [".html", ".css", ".png", ".xlsx", ".map", ".txt"]) {
      expect(rows.has(ext)).toBe(true);
      expect(TYPES[ext].split(";")[0]).toBe(rows.get(ext)!.split(";")[0]);
    }
  });

  test("quotes the CSP the pages set themselves", () => {
    expect(text()).toContain(`\`index.html\`: \`${metaCsp("src/demo/index.html")}\``);
    expect(text()).toContain(`\`taskpane.html\`: \`${metaCsp("src/taskpane/taskpane.html")}\``);
  });
});

describe.each([
  ["ja", () => ja, "### 読み込めたことの確認（アドイン）", "### 作業ウィンドウが空白のとき"],
  ["en", () => en, "### Check that it loaded (add-in)", "### A blank task pane"],
])("%s: the add-in's check and troubleshooting", (_lang, text, check, blank) => {
  test("has a check-it-loaded step and a blank-pane list", () => {
    expect(text()).toContain(check);
    const list = text().slice(text().indexOf(blank));
    expect(text()).toContain(blank);
    for (const point of [
      "SourceLocation",
      "https",
      "office.js",
      "OFFICE_JS_LOCAL=1",
      "Content-Security-Policy",
      "nosniff",
      "Wef",
      "WebView2",
    ]) {
      expect(list).toContain(point);
    }
  });
});
