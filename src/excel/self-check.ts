/// <reference types="office-js" />
/**
 * The self-check (Settings > 動作確認, issue 14 §5): probes what the adapter depends on but the
 * documentation leaves open, or what differs between Excel builds, so IT staff can verify a real
 * Excel in a minute and send the result with a support request.
 *
 * Each probe runs in its own Excel.run and catches its own failure: one probe failing never stops
 * the others. The probes that write do so on a scratch sheet added for the purpose and deleted at
 * the end (also when a probe failed); the user's sheets are never written, and the active sheet is
 * put back should adding the scratch sheet have activated it. A workbook whose structure is
 * protected cannot take the sheet: the report says so and skips those probes.
 *
 * Loaded when first used (excel-host.ts: a chunk of its own), like apply.ts and highlight.ts.
 */
import type { Localized } from "../core";
import type { SelfCheckProbe, SelfCheckReport, SelfCheckStatus } from "../host/workbook-host";
import { errorCodeOf } from "./errors";
import type { ExcelSession, Operation } from "./operation";

/** The ExcelApi requirement sets asked about, oldest first. */
const EXCEL_API_VERSIONS: readonly string[] = Array.from({ length: 17 }, (_, i) => `1.${i + 1}`);

/** The highest set whose features the adapter uses (merged areas, ExcelApi 1.13). */
const FULL_FEATURES = "1.13";

/** Office.context.diagnostics (Office.ContextInformation): which Office runs the pane. */
export interface HostDiagnostics {
  host?: string;
  platform?: string;
  version?: string;
}

export interface SelfCheckEnvironment {
  /** navigator.userAgent by default. */
  userAgent?: string;
  /** Office.context.diagnostics by default (null where absent). */
  diagnostics?: HostDiagnostics | null;
  /** The clock (new Date() by default): the report's time and the scratch sheet's unique name. */
  now?: () => Date;
  /** The add-in's version, where the caller knows it. */
  addinVersion?: string;
}

const both = (ja: string, en: string): Localized => ({ ja, en });

function probe(id: string, label: Localized, status: SelfCheckStatus, outcome: Localized, handling: Localized): SelfCheckProbe {
  return { id, label, status, outcome, handling };
}

/** A probe whose run threw: its error code, never the (Office-localized) message. */
function failedProbe(id: string, label: Localized, error: unknown, handling: Localized): SelfCheckProbe {
  const code = errorCodeOf(error);
  return probe(
    id,
    label,
    "failed",
    both(`確認できませんでした（エラーコード: ${code}）。`, `Could not be checked (error code: ${code}).`),
    handling,
  );
}

function officeDiagnostics(): HostDiagnostics | null {
  try {
    if (typeof Office === "undefined") return null;
    const context = Office.context;
    const diagnostics = context?.diagnostics;
    if (diagnostics) return { host: String(diagnostics.host), platform: String(diagnostics.platform), version: diagnostics.version };
    // Office.context.host / platform where diagnostics are missing.
    const loose = context as unknown as { host?: unknown; platform?: unknown } | undefined;
    if (loose && (loose.host || loose.platform)) {
      return { host: loose.host ? String(loose.host) : undefined, platform: loose.platform ? String(loose.platform) : undefined };
    }
  } catch {
    // Office.js absent or half-initialized: nothing to say.
  }
  return null;
}

function browserUserAgent(): string {
  return typeof navigator !== "undefined" && typeof navigator.userAgent === "string" ? navigator.userAgent : "";
}

/** Unique enough for a sheet name (at most 31 characters, none of : \ / ? * [ ]). */
function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** "'Sheet'!B2:C3" -> "B2:C3" (the scratch sheet's name says nothing to the reader). */
function bare(address: string): string {
  return address
    .split(",")
    .map((part) => part.slice(part.lastIndexOf("!") + 1).trim())
    .join(", ");
}

// ---------------------------------------------------------------------------------------------
// Probes without Excel.run

const API_LABEL = both("対応している API（ExcelApi 要件セット）と Excel の版", "API sets supported (ExcelApi) and the Excel build");

function probeApiSets(session: ExcelSession, diagnostics: HostDiagnostics | null): SelfCheckProbe {
  const handling = both(
    `ExcelApi ${FULL_FEATURES} 以上ではすべての機能を使います。それより前の版では、対応していない機能（結合セルの読み取り 1.13、セル編集の終了を待つ 1.11、表の確認 1.9、非表示行 1.3 など）を使わずに点検・書き込みします。`,
    `From ExcelApi ${FULL_FEATURES} every feature is used. Older builds are checked and written without what they lack (merged areas 1.13, waiting for a cell edit 1.11, table checks 1.9, hidden rows 1.3, …).`,
  );
  let supported: string[];
  try {
    supported = EXCEL_API_VERSIONS.filter((version) => session.supports(version));
  } catch (error) {
    return failedProbe("api-sets", API_LABEL, error, handling);
  }
  const office = diagnostics
    ? [diagnostics.host, diagnostics.platform, diagnostics.version].filter((part) => part !== undefined && part !== "").join(" ")
    : "";
  const officeJa = office ? `。Office: ${office}` : "。Office の版の情報（Office.context.diagnostics）はありません";
  const officeEn = office ? `. Office: ${office}` : ". No Office build information (Office.context.diagnostics)";
  if (supported.length === 0) {
    return probe(
      "api-sets",
      API_LABEL,
      "unsupported",
      both(
        `ExcelApi 1.1 にも対応していません（または確かめられません）${officeJa}。`,
        `Not even ExcelApi 1.1 is reported (or it cannot be asked)${officeEn}.`,
      ),
      both("このアドインには ExcelApi 1.1（Excel 2016 以降）が必要です。", "The add-in needs ExcelApi 1.1 (Excel 2016 or later)."),
    );
  }
  // The highest set of an unbroken run from 1.1 (a gap would be a host bug, and is shown).
  let highest = "1.1";
  for (const version of EXCEL_API_VERSIONS) {
    if (!supported.includes(version)) break;
    highest = version;
  }
  const gaps = supported.length !== EXCEL_API_VERSIONS.indexOf(highest) + 1;
  const list = gaps ? `（対応: ${supported.join(", ")}）` : "";
  const listEn = gaps ? ` (supported: ${supported.join(", ")})` : "";
  const full = EXCEL_API_VERSIONS.indexOf(highest) >= EXCEL_API_VERSIONS.indexOf(FULL_FEATURES);
  return probe(
    "api-sets",
    API_LABEL,
    full ? "ok" : "differs",
    both(`ExcelApi 1.1〜${highest} に対応${list}${officeJa}。`, `ExcelApi 1.1 to ${highest} supported${listEn}${officeEn}.`),
    handling,
  );
}

const WEBVIEW_LABEL = both("作業ウィンドウの Web ビュー", "The task pane's webview");

/** Built-ins newer than ES2017 that tell the engine's age (the pane itself needs none of them). */
const ES_FEATURES: readonly [string, () => boolean][] = [
  ["Promise.prototype.finally (ES2018)", () => hasFunction(Promise.prototype, "finally")],
  ["Object.fromEntries (ES2019)", () => hasFunction(Object, "fromEntries")],
  ["BigInt (ES2020)", () => hasFunction(globalScope(), "BigInt")],
  ["String.prototype.replaceAll (ES2021)", () => hasFunction(String.prototype, "replaceAll")],
  ["Array.prototype.at (ES2022)", () => hasFunction(Array.prototype, "at")],
];

/** Looked up by a name in a variable: a feature test, not a use of the built-in. */
function hasFunction(target: unknown, name: string): boolean {
  return target !== undefined && target !== null && typeof (target as Record<string, unknown>)[name] === "function";
}

function globalScope(): unknown {
  if (typeof self !== "undefined") return self;
  if (typeof window !== "undefined") return window;
  return typeof global !== "undefined" ? global : undefined;
}

/** The webview from the user agent: Office's webviews ("Browsers and webview controls used by Office Add-ins"). */
export function webviewOf(userAgent: string): { name: string; status: SelfCheckStatus } {
  if (/Trident\/|MSIE /.test(userAgent)) return { name: "Trident (Internet Explorer 11)", status: "unsupported" };
  if (/Edge\/\d+/.test(userAgent)) return { name: "EdgeHTML (Microsoft Edge Legacy)", status: "differs" };
  if (/Edg\/\d+/.test(userAgent)) return { name: "Chromium (Microsoft Edge WebView2 / Edge)", status: "ok" };
  if (/(Chrome|Chromium)\/\d+/.test(userAgent)) return { name: "Chromium", status: "ok" };
  if (/Firefox\/\d+/.test(userAgent)) return { name: "Firefox", status: "ok" };
  if (/AppleWebKit\//.test(userAgent)) {
    return { name: /Safari\//.test(userAgent) ? "Safari (WebKit)" : "WKWebView (Safari, WebKit)", status: "ok" };
  }
  return { name: "", status: "differs" };
}

function probeWebview(userAgent: string): SelfCheckProbe {
  const { name, status } = webviewOf(userAgent);
  const features = ES_FEATURES.map(([feature, test]) => {
    let present = false;
    try {
      present = test();
    } catch {
      present = false;
    }
    return { feature, present };
  });
  const missing = features.filter((f) => !f.present).map((f) => f.feature);
  const engineJa = name ? name : "判別できません";
  const engineEn = name ? name : "not recognized";
  const esJa = missing.length === 0 ? "ES2018〜ES2022 の組み込み機能あり" : `ない組み込み機能: ${missing.join(", ")}`;
  const esEn = missing.length === 0 ? "ES2018 to ES2022 built-ins present" : `built-ins missing: ${missing.join(", ")}`;
  return probe(
    "webview",
    WEBVIEW_LABEL,
    status,
    both(`${engineJa}。${esJa}。`, `${engineEn}. ${esEn}.`),
    both(
      "作業ウィンドウは ES2017 で動くように作られています（EdgeHTML でも動きます）。Internet Explorer 11（Trident）では動かず、使えない旨とブラウザ版の場所を表示します。",
      "The pane is built to run on ES2017 (EdgeHTML included). Internet Explorer 11 (Trident) cannot run it; the pane then says so and where the browser version is.",
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Probes with Excel.run

const CALC_LABEL = both("計算方法（Application.calculationMode）", "Calculation mode (Application.calculationMode)");

async function probeCalculation(op: Operation): Promise<{ probe: SelfCheckProbe; mode: string | null }> {
  const handlingManual = both(
    "手動計算のブックでは、アドインは書き込んだ後に再計算（Application.calculate）してから結果を確かめます。",
    "In manual calculation the add-in recalculates (Application.calculate) after writing, then checks what the cells hold.",
  );
  try {
    // Application.calculationMode: read since ExcelApi 1.1, settable from 1.8
    // (learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member).
    const mode = await op.run(async (context) => {
      const application = context.workbook.application;
      application.load("calculationMode");
      await context.sync();
      return String(application.calculationMode);
    });
    const manual = mode === "Manual";
    return {
      mode,
      probe: probe(
        "calculation-mode",
        CALC_LABEL,
        manual ? "differs" : "ok",
        manual
          ? both("手動（Manual）: 数式は再計算を指示されるまで計算されません。", "Manual: formulas calculate only when asked to.")
          : both(`${mode === "Automatic" ? "自動" : "テーブル以外自動"}（${mode}）。`, `${mode}.`),
        manual
          ? handlingManual
          : both("自動計算のため、書き込んだ数式はそのまま計算されます。", "Excel calculates written formulas by itself."),
      ),
    };
  } catch (error) {
    return { mode: null, probe: failedProbe("calculation-mode", CALC_LABEL, error, handlingManual) };
  }
}

const NULL_LABEL = both(
  "存在しないシートの null オブジェクトからの呼び出し（getItemOrNullObject → getRange）",
  "Calls on a null object's children (getItemOrNullObject, then getRange)",
);

async function probeNullObject(op: Operation, session: ExcelSession, missing: string): Promise<SelfCheckProbe> {
  const handling = both(
    "アドインはこの呼び出し方に頼りません（シートは Excel が返した名前でだけ取得します）。どちらの動作でも点検は同じです。",
    "The add-in never relies on it (it takes sheets only by the names Excel gave); either way the checks are the same.",
  );
  // "*OrNullObject methods and properties" documents only the null object's own isNullObject; what
  // a child call on it does in the same batch is not documented
  // (learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
  if (!session.supports("1.4")) {
    return probe(
      "null-object",
      NULL_LABEL,
      "unsupported",
      both("getItemOrNullObject（ExcelApi 1.4）がありません。", "getItemOrNullObject (ExcelApi 1.4) is not available."),
      handling,
    );
  }
  try {
    const seen = await op.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(missing);
      const range = sheet.getRange("A1");
      range.load("values");
      await context.sync();
      const read = (f: () => unknown): unknown => {
        try {
          return f();
        } catch {
          return undefined;
        }
      };
      return {
        sheetNull: read(() => sheet.isNullObject),
        // A child of a null object: isNullObject is what this probe asks about (read guarded).
        // eslint-disable-next-line office-addins/load-object-before-read
        rangeNull: read(() => range.isNullObject),
        values: read(() => range.values),
      };
    });
    if (seen.sheetNull === true && (seen.rangeNull === true || seen.values === undefined || seen.values === null)) {
      return probe(
        "null-object",
        NULL_LABEL,
        "ok",
        both(
          "同期は成功し、子（getRange）も null オブジェクトになりました。",
          "The sync succeeds; the child (getRange) comes back as a null object too.",
        ),
        handling,
      );
    }
    return probe(
      "null-object",
      NULL_LABEL,
      "failed",
      both(
        `同期は成功しましたが、想定と異なる結果です（isNullObject: ${String(seen.sheetNull)}、子: ${String(seen.rangeNull)}）。`,
        `The sync succeeds with an unexpected result (isNullObject: ${String(seen.sheetNull)}, child: ${String(seen.rangeNull)}).`,
      ),
      handling,
    );
  } catch (error) {
    const code = errorCodeOf(error);
    return probe(
      "null-object",
      NULL_LABEL,
      "ok",
      both(`同期が失敗しました（エラーコード: ${code}）。`, `The sync fails (error code: ${code}).`),
      handling,
    );
  }
}

const MERGE_LABEL = both(
  "結合セルの一部（C3）だけでの結合範囲の問い合わせ（getMergedAreasOrNullObject）",
  "Merged-area query on a covered cell alone (getMergedAreasOrNullObject on C3)",
);
const MERGE_HANDLING = both(
  "アドインは結合範囲を必ず A1 からの範囲で問い合わせるため、この動作に左右されません（office-js issue 3611）。",
  "The add-in always queries merged areas from A1, so this behaviour does not affect it (office-js issue 3611).",
);

async function probeCoveredMerge(op: Operation, session: ExcelSession, scratch: string): Promise<SelfCheckProbe> {
  if (!session.supports("1.13")) {
    return probe(
      "covered-merge",
      MERGE_LABEL,
      "unsupported",
      both("getMergedAreasOrNullObject（ExcelApi 1.13）がありません。", "getMergedAreasOrNullObject (ExcelApi 1.13) is not available."),
      both(
        "この Excel ではアドインは結合セルの範囲を読まずに点検します（結合セルへの書き込みは Excel が拒めば書き込みません）。",
        "Here the add-in checks without reading merged areas (a write Excel refuses for a merge is not made).",
      ),
    );
  }
  try {
    const found = await op.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(scratch);
      sheet.getRange("B2:C3").merge(false); // ExcelApi 1.2
      await context.sync();
      // "Returns a RangeAreas object that represents the merged areas in this range": a covered cell
      // asked alone gives none (github.com/OfficeDev/office-js/issues/3611).
      const one = sheet.getRange("C3").getMergedAreasOrNullObject();
      one.load("address");
      const wide = sheet.getRange("A1:C3").getMergedAreasOrNullObject();
      wide.load("address");
      await context.sync();
      return { one: one.isNullObject ? null : bare(one.address), wide: wide.isNullObject ? null : bare(wide.address) };
    });
    if (found.wide === null) {
      return probe(
        "covered-merge",
        MERGE_LABEL,
        "failed",
        both("A1:C3 の問い合わせでも結合範囲 B2:C3 が見つかりません。", "Even the query over A1:C3 does not find the merged area B2:C3."),
        both(
          "結合セルを正しく読めない可能性があります。この結果を添えてお問い合わせください。",
          "Merged cells may be read wrongly; please send this result to support.",
        ),
      );
    }
    if (found.one === null) {
      return probe(
        "covered-merge",
        MERGE_LABEL,
        "differs",
        both(
          `C3 だけの問い合わせでは何も見つからず、A1:C3 では ${found.wide} が見つかります（office-js issue 3611 と同じ動作）。`,
          `The one-cell query (C3) finds nothing; the query over A1:C3 finds ${found.wide} (as in office-js issue 3611).`,
        ),
        MERGE_HANDLING,
      );
    }
    return probe(
      "covered-merge",
      MERGE_LABEL,
      "ok",
      both(`C3 だけの問い合わせでも ${found.one} が見つかります。`, `The one-cell query (C3) finds ${found.one} too.`),
      MERGE_HANDLING,
    );
  } catch (error) {
    return failedProbe("covered-merge", MERGE_LABEL, error, MERGE_HANDLING);
  }
}

const TEXT_LABEL = both("文字列（@）の書式のセルへの数式の書き込み", "Writing a formula into a Text-formatted (@) cell");

async function probeTextFormat(op: Operation, scratch: string, mode: string | null): Promise<SelfCheckProbe> {
  const handling = both(
    "アドインは文字列の書式のセルに数値や数式を書き込むとき、同じ一括処理で先に書式を「標準」（または書き込む書式）にします。書き込み後は読み戻して確かめます。",
    "Before writing a number or formula into a Text-formatted cell, the add-in sets its format to General (or the write's own) in the same batch, and reads the cell back afterwards.",
  );
  // Excel stores what is entered into a Text cell as typed ("set the cell format before you type":
  // learn.microsoft.com/troubleshoot/microsoft-365-apps/excel/long-numbers-incorrectly-in-excel).
  try {
    const cells = await op.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(scratch);
      const plain = sheet.getRange("B5");
      const adapter = sheet.getRange("B6");
      plain.numberFormat = [["@"]];
      adapter.numberFormat = [["@"]];
      plain.formulas = [["=1+1"]];
      plain.load("values, formulas, numberFormat");
      await context.sync();
      // The adapter's way (apply.ts): General first, then the formula, in one batch; in manual
      // calculation a recalculation of what changed (Application.calculate, ExcelApi 1.1).
      adapter.numberFormat = [["General"]];
      adapter.formulas = [["=1+1"]];
      if (mode === "Manual") context.workbook.application.calculate("Recalculate");
      adapter.load("values, formulas, numberFormat");
      await context.sync();
      const first = (grid: unknown[][]) => (Array.isArray(grid) && Array.isArray(grid[0]) ? grid[0][0] : undefined);
      return {
        plain: { value: first(plain.values), formula: first(plain.formulas), format: first(plain.numberFormat) },
        adapter: { value: first(adapter.values), formula: first(adapter.formulas), format: first(adapter.numberFormat) },
      };
    });
    const asText = typeof cells.plain.value === "string";
    const shown = (v: unknown) => JSON.stringify(v);
    const plainJa = asText
      ? `そのまま書くと文字列として保存されます（値 ${shown(cells.plain.value)}、書式 ${shown(cells.plain.format)}）`
      : `そのまま書いても計算されます（値 ${shown(cells.plain.value)}）`;
    const plainEn = asText
      ? `written as is, it is stored as text (value ${shown(cells.plain.value)}, format ${shown(cells.plain.format)})`
      : `written as is, it calculates (value ${shown(cells.plain.value)})`;
    const calculated = cells.adapter.value === 2;
    const adapterJa = calculated
      ? "先に書式を「標準」にすると 2 と計算されます"
      : `先に書式を「標準」にしても計算されません（値 ${shown(cells.adapter.value)}、数式 ${shown(cells.adapter.formula)}）`;
    const adapterEn = calculated
      ? "with the format set to General first it calculates to 2"
      : `even with the format set to General first it does not calculate (value ${shown(cells.adapter.value)}, formula ${shown(cells.adapter.formula)})`;
    return probe(
      "text-format",
      TEXT_LABEL,
      !calculated ? "failed" : asText ? "differs" : "ok",
      both(`${plainJa}。${adapterJa}。`, `${plainEn[0].toUpperCase()}${plainEn.slice(1)}; ${adapterEn}.`),
      calculated
        ? handling
        : both(
            "アドインが書き込んだ数式が計算されない可能性があります（書き込み後の確認で「書き込めなかった」と報告します）。この結果を添えてお問い合わせください。",
            "Formulas the add-in writes may not calculate (its read-back reports them as not written). Please send this result to support.",
          ),
    );
  } catch (error) {
    return failedProbe("text-format", TEXT_LABEL, error, handling);
  }
}

const DELAY_LABEL = both(
  "セル編集中の待機（Excel.RunOptions.delayForCellEdit）",
  "Waiting for a cell edit (Excel.RunOptions.delayForCellEdit)",
);

function probeDelayForCellEdit(session: ExcelSession): SelfCheckProbe {
  // "delayForCellEdit: Determines whether Excel will delay the batch request until the user exits
  // cell edit mode" (Excel.RunOptions, ExcelApi 1.11; learn.microsoft.com/javascript/api/excel/excel.runoptions).
  const available = session.supports("1.11");
  return probe(
    "delay-for-cell-edit",
    DELAY_LABEL,
    available ? "ok" : "unsupported",
    available
      ? both("使えます（ExcelApi 1.11）。", "Available (ExcelApi 1.11).")
      : both("使えません（ExcelApi 1.11 が必要）。", "Not available (needs ExcelApi 1.11)."),
    available
      ? both(
          "セルの編集中に点検を始めると、編集が終わるまで待ってから点検します。",
          "A check started while a cell is being edited waits for the edit to end.",
        )
      : both(
          "セルの編集中は点検できず、Enter キーか Esc キーで編集を終えるよう表示します。",
          "While a cell is being edited the check cannot run; the pane asks to press Enter or Esc first.",
        ),
  );
}

const TABLES_LABEL = both("表（テーブル）の確認（Worksheet.tables、Range.getTables）", "Tables (Worksheet.tables, Range.getTables)");

function tablesHandling(scoped: boolean): Localized {
  return scoped
    ? both(
        "表の中のセルには数式でなく値を書き込みます（数式が列全体に広がるのを防ぐため）。",
        "Cells inside a table get values, not formulas (so a formula cannot fill the whole column).",
      )
    : both(
        "Range.getTables（ExcelApi 1.9）がないため、表のあるシートでは数式でなく値を書き込みます。",
        "Without Range.getTables (ExcelApi 1.9), on a sheet with a table the add-in writes values, not formulas.",
      );
}

async function probeTables(op: Operation, session: ExcelSession, scratch: string): Promise<SelfCheckProbe> {
  const scoped = session.supports("1.9");
  const handling = tablesHandling(scoped);
  try {
    const counts = await op.run(async (context) => {
      const all = context.workbook.worksheets.getItem(scratch).tables; // ExcelApi 1.1
      all.load("items/name");
      const inRange = scoped ? context.workbook.worksheets.getItem(scratch).getRange("A1:C3").getTables(false) : null;
      inRange?.load("items/name");
      await context.sync();
      return { all: all.items.length, inRange: inRange ? inRange.items.length : null };
    });
    return probe(
      "tables",
      TABLES_LABEL,
      scoped ? "ok" : "unsupported",
      scoped
        ? both(
            `Worksheet.tables と Range.getTables が使えます（表 ${counts.all} 件）。`,
            `Worksheet.tables and Range.getTables work (${counts.all} tables).`,
          )
        : both(
            "Worksheet.tables は使えますが、Range.getTables（ExcelApi 1.9）はありません。",
            "Worksheet.tables works; Range.getTables (ExcelApi 1.9) is not available.",
          ),
      handling,
    );
  } catch (error) {
    return failedProbe("tables", TABLES_LABEL, error, handling);
  }
}

// ---------------------------------------------------------------------------------------------
// The scratch sheet

const SCRATCH_LABEL = both("作業用シートの追加と削除", "Adding and deleting the scratch sheet");

interface Scratch {
  /** The sheet active before it was added (re-activated should adding have activated the scratch sheet). */
  previous: string | null;
  activated: boolean;
}

async function addScratch(op: Operation, name: string): Promise<Scratch> {
  return op.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const before = sheets.getActiveWorksheet();
    before.load("name");
    // "The worksheet will be added at the end of existing worksheets. If you wish to activate the
    // newly added worksheet, call .activate() on it" (WorksheetCollection.add, ExcelApi 1.1): adding
    // should not activate it; checked, and undone if it did.
    sheets.add(name);
    const after = sheets.getActiveWorksheet();
    after.load("name");
    await context.sync();
    const activated = after.name !== before.name;
    if (activated) {
      sheets.getItem(before.name).activate();
      await context.sync();
    }
    return { previous: before.name, activated };
  });
}

async function deleteScratch(op: Operation, name: string, scratch: Scratch): Promise<void> {
  await op.run(async (context) => {
    const sheets = context.workbook.worksheets;
    if (scratch.previous !== null) {
      // The sheet the user had active, again (a probe may have moved the selection).
      const active = sheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      if (active.name !== scratch.previous) sheets.getItem(scratch.previous).activate();
    }
    sheets.getItem(name).delete();
    await context.sync();
  });
}

// ---------------------------------------------------------------------------------------------

/** Runs every probe; never throws for what a probe meets (each is reported). */
export async function runSelfCheck(session: ExcelSession, environment: SelfCheckEnvironment = {}): Promise<SelfCheckReport> {
  const now = (environment.now ?? (() => new Date()))();
  const userAgent = environment.userAgent ?? browserUserAgent();
  const diagnostics = environment.diagnostics !== undefined ? environment.diagnostics : officeDiagnostics();
  const unique = stamp(now);
  const scratchName = `KPI動作確認_${unique}`;
  const probes = await session.operation(async (op) => {
    const list: SelfCheckProbe[] = [probeApiSets(session, diagnostics), probeWebview(userAgent)];
    const calculation = await probeCalculation(op);
    list.push(calculation.probe);
    list.push(await probeNullObject(op, session, `KPI存在しないシート_${unique}`));

    let scratch: Scratch | null = null;
    let addError: unknown = null;
    try {
      scratch = await addScratch(op, scratchName);
    } catch (error) {
      addError = error;
    }
    if (scratch === null) {
      const code = errorCodeOf(addError);
      const skipped = both("作業用シートを追加できなかったため、確認していません。", "Not checked: the scratch sheet could not be added.");
      list.push(
        probe("covered-merge", MERGE_LABEL, "failed", skipped, MERGE_HANDLING),
        probe(
          "text-format",
          TEXT_LABEL,
          "failed",
          skipped,
          both("書き込み後は読み戻して確かめます。", "The add-in reads cells back after writing."),
        ),
        probeDelayForCellEdit(session),
        probe("tables", TABLES_LABEL, "failed", skipped, tablesHandling(session.supports("1.9"))),
        probe(
          "scratch-sheet",
          SCRATCH_LABEL,
          "failed",
          both(
            `作業用シートを追加できませんでした（エラーコード: ${code}）。ブックの構成が保護されている（［校閲］→［ブックの保護］）可能性があります。結合セル・文字列の書式・表の確認は行っていません。`,
            `The scratch sheet could not be added (error code: ${code}). The workbook's structure may be protected (Review > Protect Workbook). The merged-cell, Text-format and table probes were skipped.`,
          ),
          both(
            "点検と書き込みには影響しません（アドインはシートを追加しません）。すべてを確かめるには、保護されていないブックで実行してください。",
            "Checking and writing are not affected (the add-in never adds sheets). Run it in an unprotected workbook to see every probe.",
          ),
        ),
      );
      return list;
    }

    const sheetProbes: SelfCheckProbe[] = [];
    let deleteError: unknown = null;
    try {
      sheetProbes.push(await probeCoveredMerge(op, session, scratchName));
      sheetProbes.push(await probeTextFormat(op, scratchName, calculation.mode));
      sheetProbes.push(probeDelayForCellEdit(session));
      sheetProbes.push(await probeTables(op, session, scratchName));
    } finally {
      try {
        await deleteScratch(op, scratchName, scratch);
      } catch (error) {
        deleteError = error;
      }
    }
    list.push(...sheetProbes);
    const activatedJa = scratch.activated ? "追加で作業用シートが選ばれたため、元のシートを選び直しました。" : "";
    const activatedEn = scratch.activated ? " Adding it activated it, so the previous sheet was activated again." : "";
    list.push(
      deleteError === null
        ? probe(
            "scratch-sheet",
            SCRATCH_LABEL,
            "ok",
            both(
              `作業用シート「${scratchName}」を追加し、確認の後に削除しました。${activatedJa}`,
              `The scratch sheet "${scratchName}" was added and deleted after the probes.${activatedEn}`,
            ),
            both(
              "アドインの点検はシートを追加しません（この確認のときだけです）。",
              "The add-in adds no sheet when checking (only for this self-check).",
            ),
          )
        : probe(
            "scratch-sheet",
            SCRATCH_LABEL,
            "failed",
            both(
              `作業用シート「${scratchName}」を削除できませんでした（エラーコード: ${errorCodeOf(deleteError)}）。お手数ですが手動で削除してください。`,
              `The scratch sheet "${scratchName}" could not be deleted (error code: ${errorCodeOf(deleteError)}). Please delete it by hand.`,
            ),
            both(
              "残ったシートも報告書の一部として読まれます。削除してから点検してください。",
              "A sheet left behind is read along with the report: delete it before checking.",
            ),
          ),
    );
    return list;
  });
  const report: SelfCheckReport = { ranAt: now.toISOString(), userAgent, probes };
  if (environment.addinVersion) report.addinVersion = environment.addinVersion;
  return report;
}
