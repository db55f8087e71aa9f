/**
 * Offline checks of the add-in manifest (`npm run validate:offline`).
 *
 *   npm run validate:offline                          manifest.xml, base https://localhost:3000/
 *   npm run validate:offline -- dist/manifest.xml     the built manifest, base $ADDIN_BASE_URL
 *   npm run validate:offline -- <file> --base <url>   any manifest against any base
 *
 * 1. The XSDs in ../shared/manifest-xsd (next to the repository; only in the project's CI workspace),
 *    with xmllint-wasm: OfficeAppManifestV1_1.xsd as the schema, the other five preloaded. Skipped,
 *    with a message, when that folder is absent (a user's clone).
 * 2. The project's own checks, everywhere: well-formed XML; every resid resolves to a resource of the
 *    right kind; every URL is https and under the base URL; every icon exists at its declared size
 *    (PNG IHDR); ja-JP overrides for DisplayName, Description and every ribbon string; Permissions is
 *    ReadWriteDocument; ExcelApi 1.1; the Home-tab button opens the task pane; no <Runtimes>.
 *
 * Exit code 0 when everything passes, 1 on any problem, 2 on bad usage. The online validator
 * (`npm run validate`) checks more and should run before a release.
 */
import * as fs from "fs";
import * as path from "path";
import { validateXML } from "xmllint-wasm";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The base URL manifest.xml is written with; the build replaces it with ADDIN_BASE_URL. */
export const DEV_BASE_URL = "https://localhost:3000/";
export const XSD_DIR = path.resolve(REPO_ROOT, "../shared/manifest-xsd");
export const XSD_MAIN = "OfficeAppManifestV1_1.xsd";
const XSD_IMPORTS = [
  "OfficeAppBasicTypesV1_0.xsd",
  "TaskPaneAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_1.xsd",
  "ContentAppVersionOverridesV1_0.xsd",
];
const JA_JP = "ja-JP";
const TASKPANE_ID = "KpiCheckerPane";

/** The checks, in report order. */
export const CHECKS = {
  xml: "well-formed XML",
  xsd: "XSD schema",
  app: "task pane add-in for Excel (Workbook), en-US default locale",
  permissions: "Permissions is ReadWriteDocument",
  requirements: "requires ExcelApi 1.1 (nothing more)",
  resid: "every resid resolves to a resource of the right kind",
  urls: "every URL is https and under the base URL",
  icons: "every icon exists at its declared size",
  jaJP: "ja-JP overrides for DisplayName, Description and every ribbon string",
  lengths: "string lengths within the schema's limits",
  ribbon: "Home tab button opens the task pane; FunctionFile is commands.html",
} as const;
export type CheckId = keyof typeof CHECKS;

export interface Problem {
  check: CheckId;
  message: string;
}

// --- A small, strict XML parser (manifests only: no DTDs, no external entities) ----------------

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  /** Name without prefix, e.g. "Image". */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded. */
  text: string;
  line: number;
}

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

const NAME = /^[A-Za-z_][\w.\-:]*/;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const lineAt = (at: number) => source.slice(0, at).split("\n").length;
  const fail = (message: string, at = pos): never => {
    throw new XmlSyntaxError(message, lineAt(at));
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
      if (!match.endsWith(";")) fail(`"&" must start an entity reference such as &amp;`, at);
      if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
      if (!(name in ENTITIES)) fail(`unknown entity &${name};`, at);
      return ENTITIES[name];
    });
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos))![0];
      pos += ws.length;
      if (source.startsWith("<!--", pos)) {
        const end = source.indexOf("-->", pos + 4);
        if (end < 0) fail("unterminated comment");
        pos = end + 3;
      } else if (source.startsWith("<?", pos)) {
        const end = source.indexOf("?>", pos + 2);
        if (end < 0) fail("unterminated processing instruction");
        pos = end + 2;
      } else if (source.startsWith("<!DOCTYPE", pos)) {
        fail("a DOCTYPE is not allowed in a manifest");
      } else {
        return;
      }
    }
  };
  const parseElement = (): XmlElement => {
    const start = pos;
    pos++; // <
    const nameMatch = NAME.exec(source.slice(pos));
    if (!nameMatch) fail("expected an element name after <");
    const name = nameMatch![0];
    pos += name.length;
    const element: XmlElement = { name, local: name.replace(/^.*:/, ""), attrs: {}, children: [], text: "", line: lineAt(start) };
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos))![0];
      pos += ws.length;
      if (source.startsWith("/>", pos)) {
        pos += 2;
        return element;
      }
      if (source[pos] === ">") {
        pos++;
        break;
      }
      if (!ws) fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const attr = NAME.exec(source.slice(pos));
      if (!attr) fail(`malformed attribute in <${name}>`);
      pos += attr![0].length;
      const eq = /^\s*=\s*(["'])/.exec(source.slice(pos));
      if (!eq) fail(`attribute ${attr![0]} of <${name}> needs ="value"`);
      pos += eq![0].length;
      const end = source.indexOf(eq![1], pos);
      if (end < 0) fail(`unterminated value of attribute ${attr![0]}`);
      const raw = source.slice(pos, end);
      if (raw.includes("<")) fail(`"<" in the value of attribute ${attr![0]}`);
      if (attr![0] in element.attrs) fail(`attribute ${attr![0]} appears twice in <${name}>`);
      element.attrs[attr![0]] = decode(raw, pos);
      pos = end + 1;
    }
    for (;;) {
      const next = source.indexOf("<", pos);
      if (next < 0) fail(`<${name}> (line ${element.line}) is never closed`);
      const text = source.slice(pos, next);
      if (text.includes("]]>")) fail(`"]]>" in text`);
      element.text += decode(text, pos);
      pos = next;
      if (source.startsWith("</", pos)) {
        const close = /^<\/([^\s>]+)\s*>/.exec(source.slice(pos));
        if (!close) fail("malformed end tag");
        if (close![1] !== name) fail(`</${close![1]}> closes <${name}> opened on line ${element.line}`);
        pos += close![0].length;
        return element;
      }
      if (source.startsWith("<!--", pos)) {
        const end = source.indexOf("-->", pos + 4);
        if (end < 0) fail("unterminated comment");
        pos = end + 3;
      } else if (source.startsWith("<![CDATA[", pos)) {
        const end = source.indexOf("]]>", pos);
        if (end < 0) fail("unterminated CDATA section");
        element.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith("<?", pos)) {
        const end = source.indexOf("?>", pos + 2);
        if (end < 0) fail("unterminated processing instruction");
        pos = end + 2;
      } else {
        element.children.push(parseElement());
      }
    }
  };

  if (source.charCodeAt(0) === 0xfeff) pos = 1;
  skipMisc();
  if (source[pos] !== "<") fail("expected the root element");
  const root = parseElement();
  skipMisc();
  if (pos < source.length) fail("content after the root element");
  return root;
}

function* walk(element: XmlElement, ancestors: XmlElement[] = []): Generator<{ el: XmlElement; ancestors: XmlElement[] }> {
  yield { el: element, ancestors };
  for (const child of element.children) yield* walk(child, [...ancestors, element]);
}

const child = (el: XmlElement | undefined, local: string) => el?.children.find((c) => c.local === local);
const children = (el: XmlElement | undefined, local: string) => el?.children.filter((c) => c.local === local) ?? [];

// --- PNG size ------------------------------------------------------------------------------------

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.toString("hex", 0, 8) !== signature || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// --- The project's checks ------------------------------------------------------------------------

export interface CheckOptions {
  /** The URL every URL in the manifest must start with; https, ending in "/". */
  baseUrl: string;
  /** Where the files under baseUrl are on disk (icons are looked up here). Default: the repository root. */
  assetRoot?: string;
}

/** Checks the base URL itself; returns a message when it is unusable. */
function baseUrlProblem(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `base URL "${baseUrl}" is not a URL`;
  }
  if (url.protocol !== "https:") return `base URL "${baseUrl}" must be https`;
  if (!baseUrl.endsWith("/")) return `base URL "${baseUrl}" must end with "/"`;
  if (url.search || url.hash) return `base URL "${baseUrl}" must not have a query or fragment`;
  return null;
}

const RESOURCE_KIND: Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings"> = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};

const LIMITS = { ShortStrings: 125, LongStrings: 250, DisplayName: 125, Description: 250, id: 32, url: 2048 };

/** Runs the project's own checks on manifest text. Returns every problem found (empty = all pass). */
export function checkManifest(xml: string, options: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const report = (check: CheckId, message: string) => problems.push({ check, message });
  const baseIssue = baseUrlProblem(options.baseUrl);
  if (baseIssue) {
    report("urls", baseIssue);
    return problems;
  }
  const base = new URL(options.baseUrl);
  const assetRoot = options.assetRoot ?? REPO_ROOT;

  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    report("xml", error instanceof Error ? error.message : String(error));
    return problems;
  }
  const at = (el: XmlElement) => `line ${el.line}`;

  // The add-in: a task pane add-in for Excel.
  if (root.local !== "OfficeApp" || root.attrs["xsi:type"] !== "TaskPaneApp") {
    report("app", `root must be <OfficeApp xsi:type="TaskPaneApp">, found <${root.name} xsi:type="${root.attrs["xsi:type"] ?? ""}">`);
  }
  const hosts = children(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.length !== 1 || hosts[0] !== "Workbook") report("app", `<Hosts> must list exactly Workbook, found [${hosts.join(", ")}]`);
  const defaultLocale = child(root, "DefaultLocale")?.text.trim();
  if (defaultLocale !== "en-US") report("app", `<DefaultLocale> must be en-US, found "${defaultLocale ?? ""}"`);
  for (const { el } of walk(root)) {
    if (el.local === "Runtimes") report("app", `<Runtimes> (${at(el)}) is not allowed: the offline schemas predate it`);
  }
  const appDomains = children(child(root, "AppDomains"), "AppDomain");
  for (const d of appDomains)
    report("app", `<AppDomain>${d.text.trim()}</AppDomain> (${at(d)}): not needed, everything is served from the base URL`);

  // Permissions.
  const permissions = child(root, "Permissions")?.text.trim();
  if (permissions !== "ReadWriteDocument")
    report("permissions", `<Permissions> must be ReadWriteDocument, found "${permissions ?? "(missing)"}"`);

  // Requirements: ExcelApi 1.1.
  const sets = child(child(root, "Requirements"), "Sets");
  if (!sets) {
    report(
      "requirements",
      `<Requirements><Sets DefaultMinVersion="1.1"><Set Name="ExcelApi" MinVersion="1.1"/></Sets></Requirements> is missing`,
    );
  } else {
    if (sets.attrs.DefaultMinVersion !== "1.1")
      report("requirements", `<Sets DefaultMinVersion> must be 1.1, found "${sets.attrs.DefaultMinVersion ?? ""}"`);
    const list = children(sets, "Set");
    const excel = list.filter((s) => s.attrs.Name === "ExcelApi");
    if (excel.length !== 1) report("requirements", `exactly one <Set Name="ExcelApi"> expected, found ${excel.length}`);
    else if (excel[0].attrs.MinVersion !== "1.1")
      report("requirements", `ExcelApi MinVersion must be 1.1, found "${excel[0].attrs.MinVersion ?? "(none)"}"`);
    for (const s of list.filter((s) => s.attrs.Name !== "ExcelApi"))
      report("requirements", `unexpected requirement set ${s.attrs.Name} (${at(s)})`);
  }

  // Resources.
  const versionOverrides = child(root, "VersionOverrides");
  const resources = child(versionOverrides, "Resources");
  type Kind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
  const defined = new Map<string, { kind: Kind; el: XmlElement }>();
  const used = new Set<string>();
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as const) {
    for (const el of child(resources, kind)?.children ?? []) {
      const id = el.attrs.id;
      if (!id) {
        report("resid", `<${el.name}> (${at(el)}) has no id`);
        continue;
      }
      if (defined.has(id)) report("resid", `resource id "${id}" is defined twice (${at(defined.get(id)!.el)} and ${at(el)})`);
      if ([...id].length > LIMITS.id) report("lengths", `resource id "${id}" is longer than ${LIMITS.id} characters`);
      defined.set(id, { kind, el });
    }
  }
  const resolve = (el: XmlElement): { kind: Kind; el: XmlElement } | undefined => {
    const id = el.attrs.resid;
    used.add(id);
    const found = defined.get(id);
    const want = RESOURCE_KIND[el.local];
    if (!found) {
      report("resid", `<${el.name} resid="${id}"> (${at(el)}) does not resolve: no resource with id "${id}" in <Resources>`);
      return undefined;
    }
    if (want && found.kind !== want) {
      report("resid", `<${el.name} resid="${id}"> (${at(el)}) needs a resource in <bt:${want}>, but "${id}" is in <bt:${found.kind}>`);
    }
    return found;
  };
  for (const { el, ancestors } of walk(root)) {
    if ("resid" in el.attrs && !ancestors.some((a) => a.local === "Resources")) resolve(el);
  }
  for (const [id, { el }] of defined) {
    if (!used.has(id)) report("resid", `resource "${id}" (${at(el)}) is never used`);
  }

  // URLs: https, under the base.
  const urlOf = (raw: string, where: string): URL | null => {
    if ([...raw].length > LIMITS.url) report("lengths", `${where}: URL longer than ${LIMITS.url} characters`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      report("urls", `${where}: "${raw}" is not an absolute URL`);
      return null;
    }
    if (url.protocol !== "https:") report("urls", `${where}: "${raw}" is not https`);
    else if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname))
      report("urls", `${where}: "${raw}" is not under the base URL ${options.baseUrl}`);
    else return url;
    return null;
  };
  const urlElements = new Set(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "Url", "Image"]);
  const checkedUrls = new Map<XmlElement, URL | null>();
  for (const { el, ancestors } of walk(root)) {
    const inSetting = urlElements.has(el.local) && (el.attrs.DefaultValue !== undefined || ancestors.some((a) => a.local === "Resources"));
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const isUrlValue = inSetting && name === "DefaultValue";
      if (isUrlValue) checkedUrls.set(el, urlOf(value, `<${el.name}${el.attrs.id ? ` id="${el.attrs.id}"` : ""}> (${at(el)})`));
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) urlOf(value.trim(), `<${el.name} ${name}> (${at(el)})`);
    }
    if (
      el.local === "Override" &&
      el.attrs.Value !== undefined &&
      ancestors.length &&
      urlElements.has(ancestors[ancestors.length - 1].local)
    ) {
      urlOf(el.attrs.Value, `<${el.name} Locale="${el.attrs.Locale ?? ""}"> (${at(el)})`);
    }
    if (el.children.length === 0 && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(el.text)) urlOf(el.text.trim(), `<${el.name}> (${at(el)})`);
  }

  // Icons: exist at their declared size.
  const checkIcon = (url: URL | null | undefined, size: number, where: string) => {
    if (!url) return; // already reported as a URL problem
    const relative = decodeURIComponent(url.pathname.slice(base.pathname.length));
    const file = path.resolve(assetRoot, relative);
    if (path.relative(assetRoot, file).startsWith("..")) {
      report("icons", `${where}: ${url.href} points outside ${assetRoot}`);
      return;
    }
    if (!fs.existsSync(file)) {
      report("icons", `${where}: ${url.href} -> ${path.relative(process.cwd(), file) || file} does not exist`);
      return;
    }
    const dims = pngSize(fs.readFileSync(file));
    if (!dims) report("icons", `${where}: ${file} is not a PNG`);
    else if (dims.width !== size || dims.height !== size) {
      report("icons", `${where}: ${path.basename(file)} is ${dims.width}×${dims.height}, declared ${size}×${size}`);
    }
  };
  const icon = child(root, "IconUrl");
  if (!icon) report("icons", "<IconUrl> (32×32) is missing");
  else checkIcon(checkedUrls.get(icon), 32, `<IconUrl> (${at(icon)})`);
  const hiRes = child(root, "HighResolutionIconUrl");
  if (!hiRes) report("icons", "<HighResolutionIconUrl> (64×64) is missing");
  else checkIcon(checkedUrls.get(hiRes), 64, `<HighResolutionIconUrl> (${at(hiRes)})`);
  for (const { el, ancestors } of walk(root)) {
    if (el.local !== "Image" || !("resid" in el.attrs) || ancestors.some((a) => a.local === "Resources")) continue;
    const size = Number(el.attrs.size);
    if (!Number.isInteger(size) || size <= 0) {
      report("icons", `<${el.name} resid="${el.attrs.resid}"> (${at(el)}) has no valid size`);
      continue;
    }
    const resource = defined.get(el.attrs.resid);
    if (resource) checkIcon(checkedUrls.get(resource.el), size, `<${el.name} size="${size}" resid="${el.attrs.resid}"> (${at(el)})`);
  }

  // ja-JP overrides and lengths.
  const jaOverride = (el: XmlElement) => el.children.find((c) => c.local === "Override" && c.attrs.Locale === JA_JP);
  const checkLocalized = (el: XmlElement | undefined, label: string, limit: number) => {
    if (!el) {
      report("jaJP", `${label} is missing`);
      return;
    }
    const ja = jaOverride(el);
    if (!ja) report("jaJP", `${label} (${at(el)}) has no <Override Locale="${JA_JP}">`);
    else if (!ja.attrs.Value?.trim()) report("jaJP", `${label} (${at(el)}): the ${JA_JP} override is empty`);
    for (const value of [
      el.attrs.DefaultValue ?? "",
      ...el.children.filter((c) => c.local === "Override").map((c) => c.attrs.Value ?? ""),
    ]) {
      if ([...value].length > limit) report("lengths", `${label} (${at(el)}): "${value}" is longer than ${limit} characters`);
      if (!value.trim()) report("lengths", `${label} (${at(el)}): empty value`);
    }
  };
  checkLocalized(child(root, "DisplayName"), "<DisplayName>", LIMITS.DisplayName);
  checkLocalized(child(root, "Description"), "<Description>", LIMITS.Description);
  for (const kind of ["ShortStrings", "LongStrings"] as const) {
    for (const el of child(resources, kind)?.children ?? []) checkLocalized(el, `<${el.name} id="${el.attrs.id}">`, LIMITS[kind]);
  }

  // The ribbon: a button on the Home tab that shows the task pane; the function file.
  const parseUrl = (raw: string | undefined): URL | undefined => {
    try {
      return raw === undefined ? undefined : new URL(raw);
    } catch {
      return undefined;
    }
  };
  const defaultSource = parseUrl(child(child(root, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue);
  if (defaultSource && !defaultSource.pathname.endsWith("/taskpane.html")) {
    report("ribbon", `<DefaultSettings><SourceLocation> should be the base URL's taskpane.html, found ${defaultSource.href}`);
  }
  const desktop = child(
    children(child(versionOverrides, "Hosts"), "Host").find((h) => h.attrs["xsi:type"] === "Workbook"),
    "DesktopFormFactor",
  );
  if (!versionOverrides || !desktop) {
    report("ribbon", `<VersionOverrides> with <Host xsi:type="Workbook"><DesktopFormFactor> is missing`);
  } else {
    // The file a resid points at, whatever the URL's base (a wrong base is the urls check's business).
    const urlOfRes = (el: XmlElement | undefined) => {
      const found = el && defined.get(el.attrs.resid);
      return found ? parseUrl(found.el.attrs.DefaultValue) : undefined;
    };
    const functionFile = child(desktop, "FunctionFile");
    if (!functionFile) report("ribbon", "<FunctionFile> is missing (the template's commands.html)");
    else if (!urlOfRes(functionFile)?.pathname.endsWith("/commands.html"))
      report("ribbon", `<FunctionFile> (${at(functionFile)}) must point at commands.html`);
    const homeTabs = children(desktop, "ExtensionPoint")
      .filter((e) => e.attrs["xsi:type"] === "PrimaryCommandSurface")
      .flatMap((e) => children(e, "OfficeTab"))
      .filter((t) => t.attrs.id === "TabHome");
    const buttons = homeTabs
      .flatMap((t) => children(t, "Group"))
      .flatMap((g) => children(g, "Control").filter((c) => c.attrs["xsi:type"] === "Button"));
    const opens = buttons.filter((b) => {
      const action = child(b, "Action");
      return action?.attrs["xsi:type"] === "ShowTaskpane" && child(action, "TaskpaneId")?.text.trim() === TASKPANE_ID;
    });
    if (opens.length !== 1) {
      report(
        "ribbon",
        `expected one button on <OfficeTab id="TabHome"> with <Action xsi:type="ShowTaskpane"> and TaskpaneId ${TASKPANE_ID}, found ${opens.length}`,
      );
    } else {
      const action = child(opens[0], "Action")!;
      const source = urlOfRes(child(action, "SourceLocation"));
      if (!source?.pathname.endsWith("/taskpane.html"))
        report("ribbon", `the button's <SourceLocation> (${at(action)}) must point at taskpane.html`);
    }
  }
  return problems;
}

// --- XSD -----------------------------------------------------------------------------------------

export type XsdOutcome = { status: "passed" } | { status: "failed"; errors: string[] } | { status: "skipped"; reason: string };

/** Validates against the offline XSDs with xmllint-wasm, or skips when the folder is absent. */
export async function validateXsd(xml: string, xsdDir: string = XSD_DIR): Promise<XsdOutcome> {
  if (!fs.existsSync(path.join(xsdDir, XSD_MAIN))) {
    return {
      status: "skipped",
      reason: `${path.relative(REPO_ROOT, xsdDir)} not found (it exists only in the project's CI workspace); schema check skipped — run \`npm run validate\` (online) before a release`,
    };
  }
  const read = (file: string) => ({ fileName: file, contents: fs.readFileSync(path.join(xsdDir, file), "utf8") });
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [read(XSD_MAIN)],
    preload: XSD_IMPORTS.map(read),
  });
  return result.valid ? { status: "passed" } : { status: "failed", errors: result.errors.map((e) => e.rawMessage.trim()) };
}

// --- Putting it together -------------------------------------------------------------------------

export interface ValidationResult {
  file: string;
  baseUrl: string;
  xsd: XsdOutcome;
  problems: Problem[];
  ok: boolean;
}

export interface ValidateOptions extends CheckOptions {
  /** Folder with the XSDs; default ../shared/manifest-xsd. */
  xsdDir?: string;
}

export async function validateManifestText(xml: string, file: string, options: ValidateOptions): Promise<ValidationResult> {
  const problems = checkManifest(xml, options);
  const wellFormed = !problems.some((p) => p.check === "xml");
  const xsd: XsdOutcome = wellFormed ? await validateXsd(xml, options.xsdDir) : { status: "skipped", reason: "not well-formed XML" };
  const ok = problems.length === 0 && xsd.status !== "failed";
  return { file, baseUrl: options.baseUrl, xsd, problems, ok };
}

/** Validates a manifest file; icons are looked up relative to the manifest's folder unless assetRoot says otherwise. */
export async function validateManifestFile(file: string, options: Partial<ValidateOptions> = {}): Promise<ValidationResult> {
  const absolute = path.resolve(file);
  const baseUrl = options.baseUrl ?? defaultBaseUrl(absolute);
  return validateManifestText(fs.readFileSync(absolute, "utf8"), absolute, {
    ...options,
    baseUrl,
    assetRoot: options.assetRoot ?? path.dirname(absolute),
  });
}

/** manifest.xml at the repository root is written with the dev base; anything else (dist/manifest.xml) with ADDIN_BASE_URL. */
export function defaultBaseUrl(file: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path.resolve(file) === path.join(REPO_ROOT, "manifest.xml")) return DEV_BASE_URL;
  return env.ADDIN_BASE_URL || DEV_BASE_URL;
}

function formatResult(result: ValidationResult): string {
  const lines = [`${path.relative(process.cwd(), result.file) || result.file} (base URL ${result.baseUrl})`];
  const byCheck = new Map<CheckId, string[]>();
  for (const p of result.problems) byCheck.set(p.check, [...(byCheck.get(p.check) ?? []), p.message]);
  for (const id of Object.keys(CHECKS) as CheckId[]) {
    if (id === "xsd") {
      const x = result.xsd;
      if (x.status === "passed") lines.push(`  ok    ${CHECKS.xsd} (${XSD_MAIN} + ${XSD_IMPORTS.length} imports)`);
      else if (x.status === "skipped") lines.push(`  skip  ${CHECKS.xsd}: ${x.reason}`);
      else lines.push(`  FAIL  ${CHECKS.xsd}`, ...x.errors.map((e) => `          ${e}`));
      continue;
    }
    const messages = byCheck.get(id);
    if (!messages) lines.push(`  ok    ${CHECKS[id]}`);
    else lines.push(`  FAIL  ${CHECKS[id]}`, ...messages.map((m) => `          ${m}`));
  }
  const failures = result.problems.length + (result.xsd.status === "failed" ? result.xsd.errors.length : 0);
  lines.push(result.ok ? "manifest OK" : `manifest has ${failures} problem${failures === 1 ? "" : "s"}`);
  return lines.join("\n");
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let file = path.join(REPO_ROOT, "manifest.xml");
  let baseUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--base") baseUrl = argv[++i];
    else if (arg.startsWith("--base=")) baseUrl = arg.slice(7);
    else if (arg === "--dist") file = path.join(REPO_ROOT, "dist", "manifest.xml");
    else if (arg === "-h" || arg === "--help") {
      console.log("usage: validate-manifest [manifest.xml | dist/manifest.xml | --dist] [--base https://host/path/]");
      return 0;
    } else if (!arg.startsWith("-")) file = path.resolve(arg);
    else {
      console.error(`unknown option ${arg}`);
      return 2;
    }
  }
  if (!fs.existsSync(file)) {
    console.error(`${file} does not exist${file.includes(`${path.sep}dist${path.sep}`) ? " (run npm run build first)" : ""}`);
    return 2;
  }
  if (baseUrl === undefined) baseUrl = defaultBaseUrl(file);
  const baseIssue = baseUrlProblem(baseUrl);
  if (baseIssue) {
    console.error(baseIssue);
    return 2;
  }
  const result = await validateManifestFile(file, { baseUrl });
  (result.ok ? console.log : console.error)(formatResult(result));
  return result.ok ? 0 : 1;
}
