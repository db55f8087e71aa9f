/**
 * The roll-up as one self-contained HTML page (kpi-check --report FILE.html): inline CSS and SVG,
 * no font, image or script from anywhere (a strict CSP says so to the browser too), so it works
 * opened from a shared folder on a closed network and prints on A4. Every text that comes from a
 * file (names, cells, messages) is escaped. The KPI table sorts and filters with a small inline
 * script whose hash is the only script the CSP allows; without it the page is complete, unsorted.
 *
 * The figures come from rollup.ts; each headline figure carries data-figure / data-value so that
 * tests read the number, not the prose.
 */
import { createHash } from "crypto";
import type { Lang } from "../core/types";
import { fiscalYearText } from "../core/year";
import { csvRate, displayWidth } from "./render";
import type { KpiFigures, KpiRecord, Rollup, RollupFigures, RollupFile } from "./rollup";
import { byKindHeadings, percentText, ROLLUP_TEXT, statusLabel, type RollupText } from "./rollup-i18n";

export interface RollupMeta {
  /** When the run ended (shown as written). */
  date: string;
  /** The grant rate the run used ("1/2"). */
  rate: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content and attribute values alike. */
function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const COLORS = {
  achieved: "#2e7d32",
  unmet: "#c62828",
  unmeasured: "#9e9e9e",
  undetermined: "#e0e0e0",
  error: "#c62828",
  warning: "#e0a000",
  info: "#1565c0",
};

// The one script of the page: sorts the KPI table by a clicked heading and filters its rows.
const SCRIPT = `(function () {
  var table = document.getElementById("kpi-table");
  var controls = document.getElementById("kpi-controls");
  if (!table || !controls) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("kpi-filter");
  var status = document.getElementById("kpi-status");
  var kind = document.getElementById("kpi-kind");
  var count = document.getElementById("kpi-count");
  controls.hidden = false;
  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!status.value || r.getAttribute("data-status") === status.value) &&
        (!kind.value || r.getAttribute("data-kind") === kind.value);
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = count.getAttribute("data-template").replace("{n}", shown);
  }
  text.addEventListener("input", apply);
  status.addEventListener("change", apply);
  kind.addEventListener("change", apply);
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.title = table.getAttribute("data-sort-hint");
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      var key = function (row) {
        var cell = row.cells[column];
        var v = cell.getAttribute("data-sort");
        if (v === null) v = cell.textContent;
        return numeric ? (v === "" ? NaN : Number(v)) : v;
      };
      var keyed = rows.map(function (row, i) { return { row: row, key: key(row), i: i }; });
      keyed.sort(function (a, b) {
        var x = a.key, y = b.key, c;
        if (numeric) {
          var xn = isNaN(x), yn = isNaN(y);
          c = xn || yn ? (xn === yn ? 0 : xn ? 1 : -1) : (x - y) * (ascending ? 1 : -1);
        } else {
          c = x === y ? 0 : (x === "" ? 1 : y === "" ? -1 : x.localeCompare(y, "ja") * (ascending ? 1 : -1));
        }
        return c || a.i - b.i;
      });
      var fragment = document.createDocumentFragment();
      keyed.forEach(function (k) { fragment.appendChild(k.row); });
      body.appendChild(fragment);
    });
  });
})();`;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: #1a1a1a; background: #fff;
  font: 14px/1.5 "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", Meiryo, system-ui, sans-serif; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #1f4e79; color: #1f4e79; break-after: avoid; }
h3 { font-size: 14px; margin: 16px 0 4px; break-after: avoid; }
.meta { color: #555; margin: 0; }
.note { color: #555; font-size: 12px; margin: 2px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; margin: 8px 0; }
.card { border: 1px solid #cfd8e3; border-radius: 6px; padding: 8px 10px; background: #f7f9fc; break-inside: avoid; }
.card .label { font-size: 12px; color: #444; }
.card .value { font-size: 24px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card .sub { font-size: 11px; color: #666; }
.card.alert .value { color: ${COLORS.error}; }
.card.share .value { color: #1f4e79; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 4px 0 8px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef2f7; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.sev-error { color: ${COLORS.error}; font-weight: 600; }
.sev-warning { color: #8a6100; font-weight: 600; }
.sev-info { color: ${COLORS.info}; }
.status-達成 { color: ${COLORS.achieved}; }
.status-未達成 { color: ${COLORS.unmet}; }
.status-未計測 { color: #616161; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; margin: 4px 0; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
${Object.entries(COLORS)
  .map(([key, color]) => `.sw-${key}::before { background: ${color}; }`)
  .join("\n")}
svg.chart { width: 100%; max-width: 900px; height: auto; display: block; }
svg.chart text { font-size: 11px; fill: #1a1a1a; font-family: inherit; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 4px 0 6px; }
.controls input, .controls select { font: inherit; padding: 2px 4px; }
#kpi-table th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; color: inherit; }
#kpi-table th[aria-sort=ascending] button::after { content: " ▲"; }
#kpi-table th[aria-sort=descending] button::after { content: " ▼"; }
.report { break-inside: auto; }
.ok { color: ${COLORS.achieved}; }
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .controls { display: none !important; }
  h2 { break-before: auto; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  .card .value { font-size: 16pt; }
  table { font-size: 8pt; }
  tr[hidden] { display: table-row; }
  a { color: inherit; text-decoration: none; }
}
`;

const hash = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/** The page's Content-Security-Policy: nothing from anywhere; its one style sheet and one script, by their hashes. */
const ROLLUP_CSP = `default-src 'none'; style-src '${hash(CSS)}'; script-src '${hash(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

function figureAttrs(name: string, value: number | null): string {
  return `data-figure="${escapeHtml(name)}" data-value="${value === null ? "" : escapeHtml(String(value))}"`;
}

function card(name: string, label: string, value: number, sub: string, extra = ""): string {
  return (
    `<div class="card${extra}"><div class="label">${escapeHtml(label)}</div>` +
    `<div class="value" ${figureAttrs(name, value)}>${escapeHtml(value.toLocaleString("en-US"))}</div>` +
    `<div class="sub">${escapeHtml(sub)}</div></div>`
  );
}

function shareCard(name: string, label: string, ratio: number | null, sub: string): string {
  return (
    `<div class="card share"><div class="label">${escapeHtml(label)}</div>` +
    `<div class="value" ${figureAttrs(name, ratio)}>${escapeHtml(percentText(ratio))}</div>` +
    `<div class="sub">${escapeHtml(sub)}</div></div>`
  );
}

function yearsText(years: readonly number[], lang: Lang, t: RollupText): string {
  if (years.length === 0) return t.noYear;
  return years.map((y) => fiscalYearText(y)[lang]).join(lang === "ja" ? "・" : ", ");
}

function headline(figures: RollupFigures, t: RollupText): string {
  const a = figures.all;
  return [
    `<div class="cards">`,
    card("files", t.reports, figures.files, t.reportsNote(figures.checked, figures.unreadable)),
    card("projects", t.projects, figures.projects, `${t.projectsWithKpis} ${a.projectsWithKpis.toLocaleString("en-US")}`),
    card("kpis", t.kpis, a.kpis, `${t.undetermined} ${a.undetermined.toLocaleString("en-US")}`),
    card(
      "withErrors",
      t.withErrors,
      figures.withErrors,
      t.withErrorsNote(figures.withWarningsOnly),
      figures.withErrors > 0 ? " alert" : "",
    ),
    card("achieved", t.achieved, a.achieved, t.kpis),
    card("unmet", t.unmet, a.unmet, t.kpis),
    card("unmeasured", t.unmeasured, a.unmeasured, t.kpis),
    card("unreadable", t.failures, figures.unreadable, "", figures.unreadable > 0 ? " alert" : ""),
    shareCard("kpiShare", t.kpiShare, a.achievedShare.ratio, t.kpiShareNote),
    shareCard("kpiShareStrict", t.kpiShareStrict, a.achievedShareStrict.ratio, t.kpiShareStrictNote),
    shareCard("projectShare", t.projectShare, a.projectShare.ratio, t.projectShareNote),
    `</div>`,
  ].join("\n");
}

function kindRow(key: string, label: string, f: KpiFigures): string {
  const n = (name: string, value: number) =>
    `<td class="num" ${figureAttrs(`${key}.${name}`, value)}>${value.toLocaleString("en-US")}</td>`;
  const p = (name: string, ratio: number | null) => `<td class="num" ${figureAttrs(`${key}.${name}`, ratio)}>${percentText(ratio)}</td>`;
  return (
    `<tr><th>${escapeHtml(label)}</th>${n("kpis", f.kpis)}${n("achieved", f.achieved)}${n("unmet", f.unmet)}${n("unmeasured", f.unmeasured)}` +
    `${p("kpiShare", f.achievedShare.ratio)}${p("kpiShareStrict", f.achievedShareStrict.ratio)}` +
    `${n("projectsWithKpis", f.projectsWithKpis)}${n("projectsAchieved", f.projectsAchieved)}${p("projectShare", f.projectShare.ratio)}</tr>`
  );
}

function byKind(figures: RollupFigures, t: RollupText): string {
  const head = byKindHeadings(t);
  return [
    `<h3>${escapeHtml(t.byKindTitle)}</h3>`,
    `<table class="kinds"><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`,
    kindRow("all", t.all, figures.all),
    kindRow("output", t.output, figures.byKind.output),
    kindRow("outcome", t.outcome, figures.byKind.outcome),
    `</tbody></table>`,
  ].join("\n");
}

/** A label that fits the chart's label column (30 columns: 15 wide characters, 30 narrow). */
function shortLabel(text: string, max = 30): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 2) break;
    out += ch;
  }
  return out + "…";
}

/** A legend: each item's swatch is a class (sw-achieved …), so the page has no style attribute. */
function legend(items: [string, keyof typeof COLORS][]): string {
  return `<div class="legend">${items.map(([label, key]) => `<span class="sw-${key}">${escapeHtml(label)}</span>`).join("")}</div>`;
}

/** Horizontal stacked bars, one per row of `rows`. */
function barChart(id: string, title: string, rows: { label: string; tip: string; parts: { value: number; color: string }[] }[]): string {
  const rowHeight = 18;
  const labelWidth = 200;
  const barWidth = 520;
  const width = labelWidth + barWidth + 60;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  const out: string[] = [
    `<svg class="chart" id="${id}" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
  ];
  rows.forEach((row, i) => {
    const y = 4 + i * rowHeight;
    out.push(`<g><title>${escapeHtml(row.tip)}</title>`);
    out.push(`<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(shortLabel(row.label))}</text>`);
    let x = labelWidth;
    let total = 0;
    for (const part of row.parts) {
      if (part.value <= 0) continue;
      const w = (part.value / max) * barWidth;
      out.push(`<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 5}" fill="${part.color}"/>`);
      x += w;
      total += part.value;
    }
    out.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 12}">${total}</text></g>`);
  });
  out.push(`</svg>`);
  return out.join("");
}

function kpiChart(rollup: Rollup, t: RollupText): string {
  const rows = rollup.files
    .filter((f) => !f.failure)
    .map((f) => {
      const undetermined = f.kpis - f.achieved - f.unmet - f.unmeasured;
      return {
        label: f.municipality,
        tip:
          `${f.file}: ${t.achieved} ${f.achieved}・${t.unmet} ${f.unmet}・${t.unmeasured} ${f.unmeasured}` +
          (undetermined ? `・${t.undetermined} ${undetermined}` : ""),
        parts: [
          { value: f.achieved, color: COLORS.achieved },
          { value: f.unmet, color: COLORS.unmet },
          { value: f.unmeasured, color: COLORS.unmeasured },
          { value: undetermined, color: COLORS.undetermined },
        ],
      };
    });
  return [
    `<h3>${escapeHtml(t.chartKpis)}</h3>`,
    `<p class="note">${escapeHtml(t.chartKpisNote)}</p>`,
    legend([
      [t.achieved, "achieved"],
      [t.unmet, "unmet"],
      [t.unmeasured, "unmeasured"],
      [t.undetermined, "undetermined"],
    ]),
    rows.length ? barChart("chart-kpis", t.chartKpis, rows) : `<p>—</p>`,
  ].join("\n");
}

function ruleChart(figures: RollupFigures, t: RollupText): string {
  const rows = figures.byRule.map((r) => ({
    label: r.ruleId,
    tip: `${r.ruleId}: ${t.severity.error} ${r.errors}・${t.severity.warning} ${r.warnings}・${t.severity.info} ${r.infos}`,
    parts: [
      { value: r.errors, color: COLORS.error },
      { value: r.warnings, color: COLORS.warning },
      { value: r.infos, color: COLORS.info },
    ],
  }));
  return [
    `<h3>${escapeHtml(t.chartRules)}</h3>`,
    legend([
      [t.severity.error, "error"],
      [t.severity.warning, "warning"],
      [t.severity.info, "info"],
    ]),
    rows.length ? barChart("chart-rules", t.chartRules, rows) : `<p class="ok">${escapeHtml(t.noFindings)}</p>`,
  ].join("\n");
}

function reportList(rollup: Rollup, t: RollupText): string {
  const reports = rollup.reportsErrorsFirst();
  const out: string[] = [`<h2 id="reports">${escapeHtml(t.reportList)}</h2>`, `<p class="note">${escapeHtml(t.reportListNote)}</p>`];
  out.push(
    `<table id="report-table"><thead><tr><th>${escapeHtml(t.file)}</th><th class="num">${escapeHtml(t.errors)}</th>` +
      `<th class="num">${escapeHtml(t.warnings)}</th><th class="num">${escapeHtml(t.infos)}</th><th class="num">${escapeHtml(t.kpis)}</th>` +
      `<th class="num">${escapeHtml(t.achieved)}</th><th class="num">${escapeHtml(t.unmet)}</th><th class="num">${escapeHtml(t.unmeasured)}</th></tr></thead><tbody>`,
  );
  for (const f of reports) {
    out.push(
      `<tr data-file="${escapeHtml(f.file)}"><td>${escapeHtml(f.file)}</td><td class="num${f.errors ? " sev-error" : ""}">${f.errors}</td>` +
        `<td class="num">${f.warnings}</td><td class="num">${f.infos}</td><td class="num">${f.kpis}</td><td class="num">${f.achieved}</td>` +
        `<td class="num">${f.unmet}</td><td class="num">${f.unmeasured}</td></tr>`,
    );
  }
  out.push(`</tbody></table>`);
  for (const f of reports) out.push(reportFindings(f, t));
  return out.join("\n");
}

function reportFindings(f: RollupFile, t: RollupText): string {
  const counts = `${t.severity.error} ${f.errors}・${t.severity.warning} ${f.warnings}・${t.severity.info} ${f.infos}`;
  const head = `<section class="report"><h3>${escapeHtml(f.file)} <span class="note">${escapeHtml(counts)}</span></h3>`;
  if (f.findings.length === 0) return `${head}<p class="ok">${escapeHtml(t.noProblems)}</p></section>`;
  const rows = f.findings.map(
    (x) =>
      `<tr><td class="sev-${x.severity}">${escapeHtml(t.severity[x.severity])}</td><td>${escapeHtml(x.sheet)}</td><td>${escapeHtml(x.cell)}</td>` +
      `<td>${escapeHtml(x.message)}</td><td>${escapeHtml(x.ruleId)}</td></tr>`,
  );
  return (
    `${head}<table class="findings"><thead><tr><th>${escapeHtml(t.severityHeader)}</th><th>${escapeHtml(t.sheet)}</th>` +
    `<th>${escapeHtml(t.cell)}</th><th>${escapeHtml(t.message)}</th><th>${escapeHtml(t.rule)}</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`
  );
}

function failureList(rollup: Rollup, t: RollupText): string {
  const failures = rollup.failures();
  const out = [`<h2 id="failures">${escapeHtml(t.failures)}</h2>`];
  if (failures.length === 0) {
    out.push(`<p class="ok">${escapeHtml(t.failuresNone)}</p>`);
    return out.join("\n");
  }
  out.push(`<table id="failure-table"><thead><tr><th>${escapeHtml(t.file)}</th><th>${escapeHtml(t.reason)}</th></tr></thead><tbody>`);
  for (const f of failures) out.push(`<tr><td>${escapeHtml(f.file)}</td><td>${escapeHtml(f.failure!.message)}</td></tr>`);
  out.push(`</tbody></table>`);
  return out.join("\n");
}

function kpiTable(kpis: readonly KpiRecord[], lang: Lang, t: RollupText): string {
  const columns: [string, "text" | "number"][] = [
    [t.file, "text"],
    [t.project, "number"],
    [t.projectName, "text"],
    [t.kpi, "number"],
    [t.kpiName, "text"],
    [t.kind, "text"],
    [t.unit, "text"],
    [t.direction, "text"],
    [t.target, "number"],
    [t.actual, "number"],
    [t.statusWritten, "text"],
    [t.statusComputed, "text"],
  ];
  const option = (value: string, label: string) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const out = [
    `<h2 id="kpis">${escapeHtml(t.kpiTable)}</h2>`,
    `<div class="controls" id="kpi-controls" hidden><label>${escapeHtml(t.filter)} <input id="kpi-filter" type="search"></label>`,
    `<select id="kpi-status" aria-label="${escapeHtml(t.statusComputed)}">${option("", t.filterAll)}${option("達成", t.achieved)}${option("未達成", t.unmet)}${option("未計測", t.unmeasured)}${option("-", t.undetermined)}</select>`,
    `<select id="kpi-kind" aria-label="${escapeHtml(t.kind)}">${option("", `${t.kind}: ${t.all}`)}${option("output", t.output)}${option("outcome", t.outcome)}</select>`,
    `<span id="kpi-count" data-template="${escapeHtml(t.shown(-1, kpis.length).replace("-1", "{n}"))}">${escapeHtml(t.shown(kpis.length, kpis.length))}</span>`,
    `<span class="note">${escapeHtml(t.kpiTableNote)}</span></div>`,
    `<table id="kpi-table" data-sort-hint="${escapeHtml(t.sortHint)}"><thead><tr>` +
      columns
        .map(([label, type]) => `<th data-type="${type}"${type === "number" ? ' class="num"' : ""}>${escapeHtml(label)}</th>`)
        .join("") +
      `</tr></thead><tbody>`,
  ];
  const numberCell = (text: string, value: number | null) =>
    `<td class="num" data-sort="${value === null ? "" : value}">${escapeHtml(text)}</td>`;
  const rows: string[] = [];
  for (const k of kpis) {
    const computed = k.computedStatus ?? "";
    rows.push(
      `<tr data-status="${escapeHtml(k.outcome ?? "-")}" data-kind="${k.kindClass}">` +
        `<td>${escapeHtml(k.file)}</td>` +
        `<td class="num">${k.project ?? ""}</td>` +
        `<td>${escapeHtml(k.projectName)}</td>` +
        `<td class="num">${k.kpi}</td>` +
        `<td>${escapeHtml(k.name)}</td>` +
        `<td>${escapeHtml(k.kind)}</td>` +
        `<td>${escapeHtml(k.unit)}</td>` +
        `<td>${escapeHtml(t.directionValue[k.direction])}</td>` +
        numberCell(k.target, k.targetValue) +
        numberCell(k.actual, k.actualValue) +
        `<td>${escapeHtml(k.status)}</td>` +
        `<td class="status-${escapeHtml(computed)}">${escapeHtml(statusLabel(k.computedStatus, lang))}</td></tr>`,
    );
  }
  out.push(rows.join("\n"), `</tbody></table>`);
  return out.join("\n");
}

/** The whole page. */
export function renderRollupHtml(rollup: Rollup, lang: Lang, meta: RollupMeta): string {
  const t = ROLLUP_TEXT[lang];
  const figures = rollup.figures();
  return [
    `<!DOCTYPE html>`,
    `<html lang="${lang}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${ROLLUP_CSP}">`,
    `<meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="kpi-check">`,
    `<title>${escapeHtml(t.title)}</title>`,
    `<style>${CSS}</style>`,
    `</head>`,
    `<body>`,
    `<header><h1>${escapeHtml(t.title)}</h1>`,
    `<p class="meta">${escapeHtml(t.yearsRate(yearsText(figures.reportingYears, lang, t), csvRate(meta.rate, lang)))}</p>`,
    `<p class="meta">${escapeHtml(t.generated(meta.date))}</p></header>`,
    `<main>`,
    `<h2 id="overview">${escapeHtml(t.headline)}</h2>`,
    headline(figures, t),
    byKind(figures, t),
    kpiChart(rollup, t),
    ruleChart(figures, t),
    reportList(rollup, t),
    failureList(rollup, t),
    kpiTable(rollup.kpis, lang, t),
    `</main>`,
    `<script>${SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
