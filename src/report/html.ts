/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts drawn by Observable
 * Plot when the report is generated, one small inline script) that opens with no network.
 *
 * Every number a KPI card or a table shows sits in an element with `data-metric`,
 * `data-value` (the exact number, unformatted) and, when it was read from an input row,
 * `data-source` (`totals`, `rows`, `breakdown:<key>` or `sla`), `data-row` (the row's index in
 * that array) and `data-field` (the path in the metric's result, `value` unless said), so a
 * test can check each one against the JSON it came from. Numbers the report had to combine
 * from several rows say `data-source="combined"` (see combine.ts for which are exact).
 */
import { isResolvedStatus, type Ticket } from "../schemas/ticket.ts";
import { barChart, histogram, lineChart, type SeriesPoint } from "./charts.ts";
import { combineResults, type MetricValue, readResult, type ValueKind } from "./combine.ts";
import { escapeHtml, jsonForScript } from "./escape.ts";
import { TABLE_SCRIPT } from "./script.ts";

export type { ValueKind } from "./combine.ts";

/** A rollup row as the report reads it: the period, key values, and one result per metric. */
export type ReportRow = { period?: { start: string; end: string; label: string } | null } & {
  [column: string]: unknown;
};

/** What the report is about. */
export interface HtmlReportMeta {
  title: string;
  generatedAt: Date;
  /** The grouping asked for, e.g. `["month", "channel", "priority"]`. */
  by: readonly string[];
  timeZone: string;
  /** The metric columns to show, in order. */
  metrics: readonly string[];
}

/** The input of {@link renderHtmlReport}. */
export interface HtmlReportInput {
  /** A rollup by period and optionally keys (channel, priority...) holding the metric columns. */
  rows: readonly ReportRow[];
  /**
   * The same metrics by period alone, for the KPI cards and trend charts. Without it the rows
   * are used when they have no keys, and otherwise combined (exact for counts, rates and means;
   * durations combine to their mean).
   */
  totals?: readonly ReportRow[];
  /** The same metrics by period and one key, per key; without them the rows are combined. */
  breakdowns?: Readonly<Record<string, readonly ReportRow[]>>;
  /** Validated tickets, for the distributions and the per-ticket table. */
  tickets?: readonly Ticket[];
  /** Rows (by period, or one row) holding an SLA attainment result, when policies were given. */
  sla?: readonly ReportRow[];
  /** At most this many tickets go into the table (default 10 000); the report says so. */
  maxTickets?: number;
  meta: HtmlReportMeta;
}

/** A number shown, with where it came from. */
interface Cell {
  value: MetricValue;
  source?: { name: string; row: number; field?: string };
}

/** A period's numbers: its label and start, and one cell per metric. */
interface Line {
  label: string;
  start: string | null;
  key?: string;
  cells: Record<string, Cell>;
}

const LABELS: Record<string, string> = {
  volume: "Tickets created",
  frt: "First response time",
  firstResponse: "First response time",
  resolution: "Resolution time",
  csat: "CSAT",
  nps: "NPS",
  ces: "Customer effort (CES)",
  backlog: "Backlog",
  fcr: "First contact resolution",
  oneTouch: "One-touch resolution",
  reopen: "Reopen rate",
  escalation: "Escalation rate",
  sla: "SLA attainment",
};

const LOWER_IS_BETTER = /backlog|reopen|escalat|wait|queue|cost|churn|handle|hold/i;
// Neither good nor bad when it changes: shown without a colour.
const NEUTRAL = /volume|created|count/i;

function labelOf(metric: string): string {
  return LABELS[metric] ?? metric;
}

/**
 * A number as people read it: durations (seconds) in s, min, h or d; rates in %.
 *
 * @example
 * formatValue(5400, "duration")
 * //=> "90.0 min"
 */
export function formatValue(value: number | null, kind: ValueKind): string {
  if (value === null) return "–";
  switch (kind) {
    case "duration": {
      const abs = Math.abs(value);
      if (abs < 120) return `${value.toFixed(0)} s`;
      if (abs < 7200) return `${(value / 60).toFixed(1)} min`;
      if (abs < 172_800) return `${(value / 3600).toFixed(1)} h`;
      return `${(value / 86_400).toFixed(1)} d`;
    }
    case "percent":
      return `${value.toFixed(1)} %`;
    case "score":
      return value.toFixed(1);
    case "count":
      return Math.round(value).toLocaleString("en-US");
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

function unitOf(kind: ValueKind): { divide: number; label: string } {
  if (kind === "duration") return { divide: 3600, label: "hours" };
  if (kind === "percent") return { divide: 1, label: "%" };
  return { divide: 1, label: "" };
}

function valueElement(metric: string, cell: Cell, extra = ""): string {
  const { value, kind } = cell.value;
  const attributes = [`data-metric="${escapeHtml(metric)}"`];
  if (value !== null) attributes.push(`data-value="${String(value)}"`);
  if (cell.source) {
    attributes.push(`data-source="${escapeHtml(cell.source.name)}"`);
    attributes.push(`data-row="${cell.source.row}"`);
    if (cell.source.field) attributes.push(`data-field="${escapeHtml(cell.source.field)}"`);
  } else if (value !== null) attributes.push(`data-source="combined"`);
  const statistic =
    !cell.source && cell.value.statistic === "mean"
      ? ' title="combined from several rows: the mean"'
      : "";
  return `<span class="value${extra}" ${attributes.join(" ")}${statistic}>${escapeHtml(formatValue(value, kind))}</span>`;
}

function keyText(value: unknown): string {
  return value === null || value === undefined ? "(none)" : String(value);
}

function periodOf(row: ReportRow): { label: string; start: string | null } | undefined {
  if (row.period === null) return undefined; // records no period could hold
  if (row.period === undefined) return { label: "all", start: null };
  return { label: row.period.label, start: row.period.start };
}

/** Rows read as they are, one line per row (period-less rows left out). */
function linesFrom(
  rows: readonly ReportRow[],
  source: string,
  metrics: readonly string[],
  key?: string,
): Line[] {
  const lines: Line[] = [];
  rows.forEach((row, index) => {
    const period = periodOf(row);
    if (!period) return;
    const cells: Record<string, Cell> = {};
    for (const metric of metrics) {
      if (!(metric in row)) continue;
      cells[metric] = { value: readResult(row[metric]), source: { name: source, row: index } };
    }
    lines.push({ ...period, ...(key === undefined ? {} : { key: keyText(row[key]) }), cells });
  });
  return lines;
}

/** Rows combined into one line per period (and per value of `key`, when given). */
function combinedLines(
  rows: readonly ReportRow[],
  metrics: readonly string[],
  key?: string,
): Line[] {
  const groups = new Map<
    string,
    { period: { label: string; start: string | null }; key?: string; rows: ReportRow[] }
  >();
  for (const row of rows) {
    const period = periodOf(row);
    if (!period) continue;
    const keyValue = key === undefined ? undefined : keyText(row[key]);
    const id = `${period.start}\u0000${keyValue ?? ""}`;
    let group = groups.get(id);
    if (!group) {
      group = { period, rows: [], ...(keyValue === undefined ? {} : { key: keyValue }) };
      groups.set(id, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()].map((group) => {
    const cells: Record<string, Cell> = {};
    for (const metric of metrics) {
      if (group.rows.some((row) => metric in row))
        cells[metric] = { value: combineResults(group.rows.map((row) => row[metric])) };
    }
    return { ...group.period, ...(group.key === undefined ? {} : { key: group.key }), cells };
  });
}

function section(title: string, body: string, id: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function chartFigure(name: string, title: string, svg: string, note = ""): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}"><figcaption>${escapeHtml(title)}</figcaption>${svg}${note ? `<p class="note">${escapeHtml(note)}</p>` : ""}</figure>`;
}

function kpiCards(lines: readonly Line[], metrics: readonly string[]): string {
  const latest = lines.at(-1);
  const previous = lines.at(-2);
  if (!latest) return `<p class="note">No period holds any record.</p>`;
  const cards = metrics.map((metric) => {
    const cell = latest.cells[metric];
    if (!cell) return "";
    const before = previous?.cells[metric];
    let change = "";
    if (before && before.value.value !== null && cell.value.value !== null) {
      const delta = cell.value.value - before.value.value;
      const kind = cell.value.kind;
      const better =
        delta === 0 || NEUTRAL.test(metric)
          ? "same"
          : delta < 0 === (kind === "duration" || LOWER_IS_BETTER.test(metric))
            ? "better"
            : "worse";
      const shown =
        kind === "percent" || kind === "score"
          ? `${delta >= 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)}${kind === "percent" ? " pts" : ""}`
          : `${delta >= 0 ? "+" : "−"}${formatValue(Math.abs(delta), kind)}`;
      change = `<div class="change ${better}">${delta > 0 ? "▲" : delta < 0 ? "▼" : "="} ${escapeHtml(shown)} vs ${escapeHtml(previous?.label ?? "")} (${valueElement(metric, before, " previous")})</div>`;
    } else if (previous) {
      change = `<div class="change same">no comparison with ${escapeHtml(previous.label)}</div>`;
    }
    const statistic = cell.value.statistic
      ? ` <small>${escapeHtml(cell.value.statistic)}</small>`
      : "";
    const n = cell.value.n === undefined ? "" : `<div class="n">n = ${cell.value.n}</div>`;
    return `<div class="card"><div class="name">${escapeHtml(labelOf(metric))}${statistic}</div>${valueElement(metric, cell, " big")}${change}${n}</div>`;
  });
  return `<p class="note">Latest period: <strong>${escapeHtml(latest.label)}</strong>${previous ? `, compared with ${escapeHtml(previous.label)}` : ""}.</p><div class="cards">${cards.join("")}</div>`;
}

function points(lines: readonly Line[], metric: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const line of lines) {
    const cell = line.cells[metric];
    if (!cell || cell.value.value === null || line.start === null) continue;
    const { divide } = unitOf(cell.value.kind);
    out.push({
      x: new Date(line.start),
      y: cell.value.value / divide,
      ...(line.key === undefined ? {} : { series: line.key }),
    });
  }
  return out;
}

function kindIn(lines: readonly Line[], metric: string): ValueKind {
  for (const line of lines) {
    const cell = line.cells[metric];
    if (cell) return cell.value.kind;
  }
  return "number";
}

function trendCharts(lines: readonly Line[], metrics: readonly string[]): string {
  if (!lines.some((line) => line.start !== null))
    return `<p class="note">The rows have no periods: no trend to draw.</p>`;
  const figures = metrics.map((metric) => {
    const data = points(lines, metric);
    if (data.length === 0) return "";
    const unit = unitOf(kindIn(lines, metric)).label;
    return chartFigure(
      metric,
      `${labelOf(metric)}${unit ? ` (${unit})` : ""}`,
      lineChart(data, unit),
    );
  });
  return `<div class="charts">${figures.join("")}</div>`;
}

function breakdown(key: string, lines: readonly Line[], metrics: readonly string[]): string {
  const figures = metrics.map((metric) => {
    const data = points(lines, metric);
    if (data.length === 0) return "";
    const unit = unitOf(kindIn(lines, metric)).label;
    const name = `${metric}-by-${key}`;
    return lines.some((line) => line.start !== null)
      ? chartFigure(
          name,
          `${labelOf(metric)} by ${key}${unit ? ` (${unit})` : ""}`,
          lineChart(data, unit),
        )
      : chartFigure(
          name,
          `${labelOf(metric)} by ${key}`,
          barChart(
            data.map((point) => ({ label: point.series ?? "", value: point.y })),
            unit,
          ),
        );
  });
  // The latest period's numbers per key value, as a table.
  const starts = [...new Set(lines.map((line) => line.start))];
  const last = starts.at(-1);
  const latest = lines.filter((line) => line.start === last);
  const header = `<tr><th>${escapeHtml(key)}</th>${metrics.map((m) => `<th>${escapeHtml(labelOf(m))}</th>`).join("")}</tr>`;
  const body = latest
    .map(
      (line) =>
        `<tr><th>${escapeHtml(line.key ?? "")}</th>${metrics
          .map((metric) => {
            const cell = line.cells[metric];
            return `<td class="num">${cell ? valueElement(metric, cell) : "–"}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  const period = latest[0]?.label ?? "";
  return `<h3>By ${escapeHtml(key)}</h3><div class="charts">${figures.join("")}</div><table class="breakdown"><caption>${escapeHtml(period)} by ${escapeHtml(key)}</caption><thead>${header}</thead><tbody>${body}</tbody></table>`;
}

const HOUR = 3_600_000;

/** Calendar durations from a ticket's own timestamps, in seconds (`null` when not there). */
function ticketTimes(ticket: Ticket): { firstResponse: number | null; resolution: number | null } {
  const created = ticket.createdAt.getTime();
  const firstResponse =
    ticket.firstResponseAt === null ? null : (ticket.firstResponseAt.getTime() - created) / 1000;
  const resolution =
    ticket.lastResolvedAt === null || !isResolvedStatus(ticket.status)
      ? null
      : (ticket.lastResolvedAt.getTime() - created) / 1000;
  return { firstResponse, resolution };
}

function distribution(name: string, title: string, seconds: number[]): string {
  if (seconds.length === 0) return "";
  const hours = seconds.map((s) => (s * 1000) / HOUR).sort((a, b) => a - b);
  // The long tail would squeeze every bar into the first bin: draw up to the 99th percentile.
  const cut = hours[Math.min(hours.length - 1, Math.floor(0.99 * (hours.length - 1)))] as number;
  const shown = hours.filter((h) => h <= cut);
  const left = hours.length - shown.length;
  const note = `${hours.length} tickets${left > 0 ? `; ${left} above ${cut.toFixed(1)} h (the 99th percentile) not drawn` : ""}. Calendar time from the tickets' timestamps.`;
  return chartFigure(name, title, histogram(shown, "hours"), note);
}

function distributions(tickets: readonly Ticket[]): string {
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  for (const ticket of tickets) {
    const times = ticketTimes(ticket);
    if (times.firstResponse !== null) firstResponse.push(times.firstResponse);
    if (times.resolution !== null) resolution.push(times.resolution);
  }
  return `<div class="charts">${distribution("firstResponse-distribution", "First response time (hours)", firstResponse)}${distribution("resolution-distribution", "Resolution time (hours)", resolution)}</div>`;
}

function slaColumnOf(row: ReportRow): string | undefined {
  return Object.keys(row).find((column) => {
    const value = row[column];
    return typeof value === "object" && value !== null && "byKind" in value && "breached" in value;
  });
}

interface SlaShape {
  value: number | null;
  achieved: number;
  breached: number;
  inProgress: number;
  tickets: number;
  byKind: Record<string, { value: number | null } | undefined>;
}

function slaSection(rows: readonly ReportRow[]): string {
  const column = rows.map(slaColumnOf).find((name) => name !== undefined);
  if (column === undefined) return `<p class="note">No SLA attainment result in the rows.</p>`;
  const kinds = new Set<string>();
  for (const row of rows) {
    const result = row[column] as SlaShape | undefined;
    // Kinds of target no policy set have no value anywhere: leave their columns out.
    for (const [kind, counts] of Object.entries(result?.byKind ?? {}))
      if (counts && counts.value !== null) kinds.add(kind);
  }
  const data: SeriesPoint[] = [];
  const body: string[] = [];
  rows.forEach((row, index) => {
    const period = periodOf(row);
    const result = row[column] as SlaShape | undefined;
    if (!period || !result) return;
    const cell = (field: string, value: number | null, kind: ValueKind = "percent") =>
      valueElement(column, {
        value: { value, kind },
        source: { name: "sla", row: index, field },
      });
    if (period.start !== null) {
      if (result.value !== null)
        data.push({ x: new Date(period.start), y: result.value, series: "all targets" });
      for (const kind of kinds) {
        const value = result.byKind[kind]?.value ?? null;
        if (value !== null) data.push({ x: new Date(period.start), y: value, series: kind });
      }
    }
    body.push(
      `<tr><th>${escapeHtml(period.label)}</th><td class="num">${cell("tickets", result.tickets, "count")}</td><td class="num">${cell("value", result.value)}</td>${[
        ...kinds,
      ]
        .map(
          (kind) =>
            `<td class="num">${cell(`byKind.${kind}.value`, result.byKind[kind]?.value ?? null)}</td>`,
        )
        .join(
          "",
        )}<td class="num">${cell("achieved", result.achieved, "count")}</td><td class="num">${cell("breached", result.breached, "count")}</td><td class="num">${cell("inProgress", result.inProgress, "count")}</td></tr>`,
    );
  });
  const header = `<tr><th>period</th><th>tickets</th><th>met %</th>${[...kinds].map((kind) => `<th>${escapeHtml(kind)} %</th>`).join("")}<th>achieved</th><th>breached</th><th>in progress</th></tr>`;
  const chart =
    data.length > 0 && data.some((point) => point.x.getTime() !== data[0]?.x.getTime())
      ? chartFigure("sla", "SLA attainment (% of decided targets met)", lineChart(data, "%"))
      : data.length > 0
        ? chartFigure(
            "sla",
            "SLA attainment (% of decided targets met)",
            barChart(
              data.map((point) => ({ label: point.series ?? "", value: point.y })),
              "%",
            ),
          )
        : "";
  return `<div class="charts">${chart}</div><table class="breakdown"><thead>${header}</thead><tbody>${body.join("")}</tbody></table>`;
}

const TICKET_COLUMNS = [
  { name: "id", numeric: false },
  { name: "channel", numeric: false },
  { name: "priority", numeric: false },
  { name: "status", numeric: false },
  { name: "created", numeric: false },
  { name: "first response s", numeric: true },
  { name: "resolution s", numeric: true },
  { name: "reopens", numeric: true },
  { name: "escalated", numeric: false },
  { name: "assignee", numeric: false },
  { name: "tags", numeric: false },
];

function ticketTable(tickets: readonly Ticket[], timeZone: string, max: number): string {
  const wall = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const rows = tickets.slice(0, max).map((ticket) => {
    const times = ticketTimes(ticket);
    return [
      ticket.id,
      ticket.channel,
      ticket.priority,
      ticket.status,
      wall.format(ticket.createdAt),
      times.firstResponse,
      times.resolution,
      ticket.reopenCount,
      ticket.escalated ? "yes" : "no",
      ticket.assigneeId,
      ticket.tags.join(" "),
    ];
  });
  const note =
    tickets.length > max
      ? `<p class="note">The first ${max} of ${tickets.length} tickets.</p>`
      : "";
  const header = TICKET_COLUMNS.map(
    (column) =>
      `<th scope="col" class="${column.numeric ? "num" : ""}" title="sort">${escapeHtml(column.name)}</th>`,
  ).join("");
  return `${note}<div class="tools"><input id="ticket-filter" type="search" placeholder="Filter tickets…" aria-label="Filter tickets"> <button id="ticket-export" type="button">Export CSV</button> <output id="ticket-count"></output></div><div class="scroll"><table id="ticket-table"><thead><tr>${header}</tr></thead><tbody></tbody></table></div><script type="application/json" id="ticket-data">${jsonForScript({ columns: TICKET_COLUMNS, rows })}</script>`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--good:#11763c;--bad:#b42318;--card:#f6f7f9}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:20px 0 8px}
.meta,.note{color:var(--muted);font-size:12px}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}.card .name{color:var(--muted);font-size:12px}
.value.big{display:block;font-size:26px;font-weight:600;margin:4px 0}.change{font-size:12px}.change.better{color:var(--good)}.change.worse{color:var(--bad)}.change.same{color:var(--muted)}.n{color:var(--muted);font-size:11px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:16px}figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:8px}figcaption{font-weight:600;font-size:13px;margin-bottom:4px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums}
#ticket-table thead th{cursor:pointer;user-select:none;position:sticky;top:0;background:#fff}#ticket-table th[aria-sort=ascending]::after{content:" ▲"}#ticket-table th[aria-sort=descending]::after{content:" ▼"}
.scroll{max-height:520px;overflow:auto;border:1px solid var(--line);border-radius:8px}.tools{margin:8px 0}.tools input{padding:4px 8px;width:280px}
@media print{.tools,.scroll{max-height:none;overflow:visible}}
`;

/**
 * Renders the report as one self-contained HTML page: KPI cards with the change against the
 * previous period, a trend chart per metric, breakdowns by each key, distributions of first
 * response and resolution time, SLA attainment when given, and a per-ticket table that can be
 * sorted, filtered and exported to CSV. Nothing in it loads anything at view time.
 *
 * @example
 * import { rollup, ticketVolumeReducer, validateTickets } from "support-metrics";
 * const { records } = validateTickets([{ id: "T1", createdAt: "2024-03-01T09:00:00Z" }]);
 * const html = renderHtmlReport({
 *   rows: rollup(records, { by: { period: "month" }, metrics: { volume: ticketVolumeReducer() } }),
 *   meta: { title: "Support", generatedAt: new Date(0), by: ["month"], timeZone: "UTC", metrics: ["volume"] },
 * });
 * html.includes('data-metric="volume" data-value="1" data-source="rows" data-row="0"')
 * //=> true
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { meta } = input;
  const metrics = meta.metrics;
  const keys = meta.by.filter(
    (name) => name !== "period" && input.rows.some((row) => Object.hasOwn(row, name)),
  );
  const totals = input.totals
    ? linesFrom(input.totals, "totals", metrics)
    : keys.length === 0
      ? linesFrom(input.rows, "rows", metrics)
      : combinedLines(input.rows, metrics);
  totals.sort((a, b) => (a.start ?? "").localeCompare(b.start ?? ""));

  const parts: string[] = [];
  parts.push(section("Summary", kpiCards(totals, metrics), "summary"));
  parts.push(section("Trends", trendCharts(totals, metrics), "trends"));
  if (keys.length > 0) {
    const bodies = keys.map((key) => {
      const given = input.breakdowns?.[key];
      const lines = given
        ? linesFrom(given, `breakdown:${key}`, metrics, key)
        : keys.length === 1
          ? linesFrom(input.rows, "rows", metrics, key)
          : combinedLines(input.rows, metrics, key);
      return breakdown(key, lines, metrics);
    });
    parts.push(section("Breakdowns", bodies.join(""), "breakdowns"));
  }
  if (input.tickets && input.tickets.length > 0)
    parts.push(section("Distributions", distributions(input.tickets), "distributions"));
  if (input.sla && input.sla.length > 0)
    parts.push(section("SLA attainment", slaSection(input.sla), "sla"));
  if (input.tickets)
    parts.push(
      section(
        "Tickets",
        ticketTable(input.tickets, meta.timeZone, input.maxTickets ?? 10_000),
        "tickets",
      ),
    );

  const subtitle = `Generated ${meta.generatedAt.toISOString()} · grouped by ${meta.by.join(", ") || "nothing"} · periods in ${meta.timeZone}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(meta.title)}</h1><p class="meta">${escapeHtml(subtitle)}</p></header>
${parts.join("\n")}
<footer class="note"><p>Made with support-metrics. Definitions: docs/definitions.md. Charts: Observable Plot, drawn when the report was generated.</p></footer>
<script>${TABLE_SCRIPT}</script>
</body>
</html>
`;
}
