/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts drawn by Observable
 * Plot when the report is generated, one small inline script) that opens with no network.
 *
 * Its data comes from one pass over the records ({@link reportDataReducer}): rows, totals,
 * breakdowns, distributions and a bounded sample of the newest records, so a report over
 * millions of tickets holds no more than a monthly rollup and ten thousand records. What each
 * metric is (label, unit, which way is better) comes from the catalogue, or from the caller
 * for a metric of its own.
 */
import { evaluateTargets, type RowTarget } from "../aggregate/targets.ts";
import type { ReportData, ReportRow } from "./data.ts";
import { csvCell, escapeHtml, jsonForScript } from "./escape.ts";
import { type ReportMetric, reportMetric } from "./metrics.ts";
import { TABLE_SCRIPT } from "./script.ts";
import {
  breakdown,
  distributions,
  kpiCards,
  periodLines,
  targetsSection,
  trendCharts,
} from "./sections.ts";
import { targetsTable } from "./targetsTable.ts";

export { type ReportData, type ReportDataOptions, reportDataReducer } from "./data.ts";
export type { Histogram, HistogramBin } from "./histogram.ts";
export type { ReportMetric } from "./metrics.ts";
export type { Sample } from "./sample.ts";

/** What the report is about. */
export interface HtmlReportMeta {
  title: string;
  generatedAt: Date;
  /** The grouping asked for, e.g. `["month", "channel", "priority"]`. */
  by: readonly string[];
  timeZone: string;
  /** Rows read and rejected, to say so in the report (the `validate` command lists them). */
  read?: number;
  rejected?: number;
}

/** The input of {@link renderHtmlReport}. */
export interface HtmlReportInput {
  /** What {@link reportDataReducer} computed over the records. */
  data: ReportData;
  /**
   * The metric columns to show, in order: a catalogue metric by its column name (`"frt"`), or
   * `{ column, label, unit, better }` for a metric of one's own.
   */
  metrics: readonly (string | ReportMetric)[];
  /** The record fields the per-record table shows (default: every plain field of the sample). */
  fields?: readonly string[];
  meta: HtmlReportMeta;
  /**
   * KPI targets, evaluated over the period totals (baseline: the first period with a value;
   * judged at the end of the last), shown as a table under the summary.
   */
  targets?: readonly RowTarget[];
}

function section(title: string, body: string, id: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** A field a table cell can show: text, a number, a flag, an instant or a list of labels. */
function plainFields(records: readonly unknown[]): string[] {
  const fields: string[] = [];
  for (const record of records.slice(0, 50)) {
    for (const [name, value] of Object.entries(record as Record<string, unknown>)) {
      const plain =
        ["string", "number", "boolean"].includes(typeof value) ||
        value instanceof Date ||
        (Array.isArray(value) && value.every((item) => typeof item === "string"));
      if (plain && !fields.includes(name)) fields.push(name);
    }
  }
  return fields;
}

/** The per-record table's cells: fields as text or numbers, metrics' measures in seconds. */
function recordTable(input: HtmlReportInput, metrics: readonly ReportMetric[]): string {
  const { sample } = input.data;
  const fields = input.fields ?? plainFields(sample.records);
  const measured = metrics.filter((metric) => input.data.sample.measures[metric.column]);
  const wall = new Intl.DateTimeFormat("sv-SE", {
    timeZone: input.meta.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const columns = [
    ...fields.map((name) => ({ name, kind: "field" })),
    ...measured.map((metric) => ({ name: metric.label, kind: "duration" })),
  ];
  const rows = sample.records.map((record, i) => {
    const item = record as Record<string, unknown>;
    return [
      ...fields.map((name) => {
        const value = item[name];
        if (value instanceof Date) return wall.format(value);
        if (Array.isArray(value)) return value.join(" ");
        return value === undefined ? null : value;
      }),
      ...measured.map((metric) => sample.measures[metric.column]?.[i] ?? null),
    ];
  });
  const note =
    sample.total > sample.records.length
      ? `<p class="note">The ${sample.records.length.toLocaleString("en-US")} newest of ${sample.total.toLocaleString("en-US")} records.</p>`
      : "";
  const header = columns
    .map(
      (column) =>
        `<th scope="col" class="${column.kind === "duration" ? "num" : ""}" title="sort">${escapeHtml(column.name)}</th>`,
    )
    .join("");
  return `${note}<div class="tools"><input id="ticket-filter" type="search" placeholder="Filter…" aria-label="Filter records"> <button id="ticket-export" type="button">Export CSV</button> <output id="ticket-count"></output></div><div class="scroll"><table id="ticket-table"><thead><tr>${header}</tr></thead><tbody></tbody></table></div><script type="application/json" id="ticket-data">${jsonForScript({ columns, rows })}</script>`;
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
 * Renders the report as one self-contained HTML page: KPI cards for the latest complete
 * period against the one before, a trend chart per metric (partial periods hollow),
 * breakdowns by each key, the distribution of each metric that measures one number per
 * record, per-target attainment for SLA-like metrics, and the newest records in a table that
 * sorts, filters and exports to CSV. Nothing in it loads anything at view time.
 *
 * @example
 * import { reduce, ticketVolumeReducer, validateTickets } from "support-metrics";
 * import { reportDataReducer } from "./data.ts";
 * const { records } = validateTickets([{ id: "T1", createdAt: "2024-03-01T09:00:00Z" }]);
 * const data = reduce(records, reportDataReducer({
 *   metrics: { volume: ticketVolumeReducer() }, period: "month", keys: [], timeZone: "UTC",
 *   timeOf: (ticket) => ticket.createdAt,
 * }));
 * const html = renderHtmlReport({
 *   data, metrics: ["volume"],
 *   meta: { title: "Support", generatedAt: new Date(0), by: ["month"], timeZone: "UTC" },
 * });
 * html.includes('data-metric="volume" data-value="1" data-source="totals" data-row="0"')
 * //=> true
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { meta, data } = input;
  const metrics = input.metrics.map(reportMetric);
  const keys = Object.keys(data.breakdowns);
  const extent = { first: data.sample.first, last: data.sample.last };
  const totals = periodLines(data.totals, "totals", extent);

  const parts: string[] = [];
  parts.push(section("Summary", kpiCards(totals, metrics), "summary"));
  const targets = (input.targets ?? []).flatMap((target) => evaluateTargets(data.totals, target));
  if (targets.length > 0)
    parts.push(section("KPI targets", targetsTable(targets, metrics), "targets"));
  parts.push(section("Trends", trendCharts(totals, metrics), "trends"));
  if (keys.length > 0) {
    const bodies = keys.map((key) =>
      breakdown(key, periodLines(data.breakdowns[key] ?? [], `breakdown:${key}`, extent), metrics),
    );
    parts.push(section("Breakdowns", bodies.join(""), "breakdowns"));
  }
  if (Object.values(data.distributions).some((histogram) => histogram.n > 0))
    parts.push(
      section("Distributions", distributions(data.distributions, metrics), "distributions"),
    );
  for (const metric of metrics.filter((m) => m.result === "targets"))
    parts.push(section(metric.label, targetsSection(metric, totals), `targets-${metric.column}`));
  if (data.sample.records.length > 0)
    parts.push(section("Records", recordTable(input, metrics), "tickets"));

  const rejected =
    meta.rejected !== undefined && meta.rejected > 0
      ? ` · ${meta.rejected.toLocaleString("en-US")} of ${(meta.read ?? 0).toLocaleString("en-US")} rows rejected (see the validate command)`
      : "";
  const subtitle = `Generated ${meta.generatedAt.toISOString()} · grouped by ${meta.by.join(", ") || "nothing"} · periods in ${meta.timeZone}${rejected}`;
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
<script>var csvCell = ${csvCell.toString()};
${TABLE_SCRIPT}</script>
</body>
</html>
`;
}

/** Rows of a rollup, for callers that have them already. */
export type { ReportRow };
