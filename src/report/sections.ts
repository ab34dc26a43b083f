/**
 * The sections of the HTML report, each a function from the report's data to HTML: KPI cards,
 * trends, breakdowns, distributions, SLA attainment by target. Every number shown sits in an
 * element with `data-metric`, `data-value` (the exact number), `data-source` (`totals`, `rows`,
 * `breakdown:<key>`), `data-row` and `data-field`, so a test can check each against the data.
 * No section knows a metric by name: labels, units and directions come with the metrics.
 */
import { changeBetween } from "../aggregate/change.ts";
import { barChart, binChart, lineChart, type SeriesPoint } from "./charts.ts";
import type { ReportRow } from "./data.ts";
import { escapeHtml } from "./escape.ts";
import type { Histogram } from "./histogram.ts";
import type { ReportMetric } from "./metrics.ts";
import { type DisplayUnit, displayUnit, formatIn } from "./units.ts";

/** A period of the rows: label, start, and whether the records cover it from end to end. */
export interface PeriodLine {
  label: string;
  start: string | null;
  complete: boolean;
  /** Where its numbers come from, and the row. */
  source: string;
  index: number;
  row: ReportRow;
}

/** The headline number of a result (`null` when there is none). */
export function headline(result: unknown): number | null {
  const value = (result as { value?: unknown } | undefined)?.value;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** How many records a result is over: `n`, else a rate's `denominator`. */
function countOf(result: unknown): number | null {
  const r = result as { n?: unknown; denominator?: unknown } | undefined;
  if (typeof r?.n === "number") return r.n;
  return typeof r?.denominator === "number" ? r.denominator : null;
}

/**
 * The lines of rows that have a period (or the one row without periods), each marked complete
 * when the records' instants (creation, for tickets) span it, give or take 1 % of its length:
 * a month the data starts or ends inside of is partial, and so is a tail of periods after the
 * last record that holds only late resolutions.
 */
export function periodLines(
  rows: readonly ReportRow[],
  source: string,
  extent: { first: number | null; last: number | null },
): PeriodLine[] {
  const lines: PeriodLine[] = [];
  rows.forEach((row, index) => {
    if (row.period === null) return; // records no period could hold
    if (row.period === undefined) {
      lines.push({ label: "all", start: null, complete: true, source, index, row });
      return;
    }
    const start = Date.parse(row.period.start);
    const end = Date.parse(row.period.end);
    const slack = (end - start) / 100;
    const complete =
      extent.first !== null &&
      extent.last !== null &&
      extent.first <= start + slack &&
      end - slack <= extent.last;
    lines.push({ label: row.period.label, start: row.period.start, complete, source, index, row });
  });
  return lines;
}

/** The display unit of a metric over some rows: one unit for a whole column or chart. */
export function unitOver(metric: ReportMetric, rows: readonly ReportRow[]): DisplayUnit {
  const values: number[] = [];
  for (const row of rows) {
    const value = headline(row[metric.column]);
    if (value !== null) values.push(value);
  }
  return displayUnit(metric.unit, values);
}

/** A result's confidence interval (the metric's `interval` option), or `null`. */
function intervalOf(result: unknown): { lower: number; upper: number; level: number } | null {
  const interval = (result as { interval?: unknown } | undefined)?.interval;
  return typeof interval === "object" && interval !== null
    ? (interval as { lower: number; upper: number; level: number })
    : null;
}

/** An interval under a number: "95 % interval 9.45 – 90.55", in the number's display unit. */
function intervalText(
  interval: { lower: number; upper: number; level: number } | null,
  display: DisplayUnit,
): string {
  if (interval === null) return "";
  const level = `${Number((interval.level * 100).toFixed(1))} %`;
  return `<div class="interval"><small>${escapeHtml(`${level} interval ${formatIn(interval.lower, display)} – ${formatIn(interval.upper, display)}`)}</small></div>`;
}

/** A number shown, with where it came from. */
export function valueElement(
  metric: ReportMetric,
  line: { source: string; index: number },
  value: number | null,
  display: DisplayUnit,
  options: { field?: string; className?: string } = {},
): string {
  const attributes = [
    `data-metric="${escapeHtml(metric.column)}"`,
    ...(value === null ? [] : [`data-value="${String(value)}"`]),
    `data-source="${escapeHtml(line.source)}"`,
    `data-row="${line.index}"`,
    ...(options.field ? [`data-field="${escapeHtml(options.field)}"`] : []),
  ];
  const className = options.className ? ` ${options.className}` : "";
  return `<span class="value${className}" ${attributes.join(" ")}>${escapeHtml(formatIn(value, display))}</span>`;
}

function chartFigure(name: string, title: string, svg: string, note = ""): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}"><figcaption>${escapeHtml(title)}</figcaption>${svg}${note ? `<p class="note">${escapeHtml(note)}</p>` : ""}</figure>`;
}

function titleOf(metric: ReportMetric, display: DisplayUnit, suffix = ""): string {
  return `${metric.label}${suffix}${display.label ? ` (${display.label})` : ""}`;
}

/**
 * KPI cards: the latest complete period with data, against the one before it, each change
 * coloured by whether it is better (from the metric's direction).
 */
export function kpiCards(lines: readonly PeriodLine[], metrics: readonly ReportMetric[]): string {
  const withData = lines.filter((line) =>
    metrics.some((metric) => countOf(line.row[metric.column]) !== 0),
  );
  const complete = withData.filter((line) => line.complete);
  const shown = complete.length > 0 ? complete : withData;
  const latest = shown.at(-1);
  if (!latest) return `<p class="note">No period holds any record.</p>`;
  const previous = shown.at(-2);
  const all = lines.map((line) => line.row);
  const cards = metrics.map((metric) => {
    const result = latest.row[metric.column];
    if (result === undefined) return "";
    const display = unitOver(metric, all);
    const value = headline(result);
    const before = previous ? headline(previous.row[metric.column]) : null;
    let change = "";
    if (previous && value !== null && before !== null) {
      const delta = value - before;
      const verdict =
        delta === 0 || metric.better === "neither"
          ? "same"
          : delta > 0 === (metric.better === "higher")
            ? "better"
            : "worse";
      const size =
        metric.unit === "percent"
          ? `${Math.abs(delta).toFixed(1)} pts`
          : formatIn(Math.abs(delta), display);
      change = `<div class="change ${verdict}">${delta > 0 ? "▲ +" : delta < 0 ? "▼ −" : "= "}${escapeHtml(size)} vs ${escapeHtml(previous.label)} (${valueElement(metric, previous, before, display, { className: "previous" })})</div>`;
    } else if (previous) {
      change = `<div class="change same">no comparison with ${escapeHtml(previous.label)}</div>`;
    }
    const interval = intervalOf(result);
    // Whether the change is noise: the test withChange uses, for this pair of periods.
    const test =
      previous && value !== null && before !== null
        ? changeBetween(
            result,
            previous.row[metric.column],
            { start: previous.start ?? "", end: "", label: previous.label },
            interval?.level,
          )
        : null;
    if (test && test.noise !== null) {
      const p =
        test.pValue === null
          ? ""
          : `p = ${test.pValue < 0.0001 ? "<0.0001" : test.pValue.toFixed(4)}`;
      const why = test.tooSmall ? `too few to say: ${test.threshold}` : p;
      change += `<div class="noise ${test.noise ? "noise" : "significant"}">${test.noise ? "within noise" : "significant"} (${escapeHtml(why)})</div>`;
    }
    const statistic = (result as { statistic?: unknown }).statistic;
    const small = typeof statistic === "string" ? ` <small>${escapeHtml(statistic)}</small>` : "";
    const n = countOf(result);
    return `<div class="card"><div class="name">${escapeHtml(metric.label)}${small}</div>${valueElement(metric, latest, value, display, { className: "big" })}${intervalText(interval, display)}${change}${n === null ? "" : `<div class="n">n = ${n}</div>`}</div>`;
  });
  const partial = latest.complete ? "" : " (partial: no period is fully covered by the records)";
  return `<p class="note">Latest complete period: <strong>${escapeHtml(latest.label)}</strong>${escapeHtml(partial)}${previous ? `, compared with ${escapeHtml(previous.label)}` : ""}.</p><div class="cards">${cards.join("")}</div>`;
}

function points(
  lines: readonly PeriodLine[],
  metric: ReportMetric,
  display: DisplayUnit,
  key?: string,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const line of lines) {
    const value = headline(line.row[metric.column]);
    if (value === null || line.start === null) continue;
    const series = key === undefined ? undefined : String(line.row[key] ?? "(none)");
    out.push({
      x: new Date(line.start),
      y: value / display.divide,
      partial: !line.complete,
      ...(series === undefined ? {} : { series }),
    });
  }
  return out;
}

/** A line chart per metric over the periods; partial periods drawn hollow. */
export function trendCharts(
  lines: readonly PeriodLine[],
  metrics: readonly ReportMetric[],
): string {
  if (!lines.some((line) => line.start !== null))
    return `<p class="note">The rows have no periods: no trend to draw.</p>`;
  const rows = lines.map((line) => line.row);
  const figures = metrics.map((metric) => {
    const display = unitOver(metric, rows);
    const data = points(lines, metric, display);
    if (data.length === 0) return "";
    const note = data.some((point) => point.partial)
      ? "Hollow dots: partial periods, not fully covered by the records."
      : "";
    return chartFigure(
      metric.column,
      titleOf(metric, display),
      lineChart(data, display.label),
      note,
    );
  });
  return `<div class="charts">${figures.join("")}</div>`;
}

/** One key's breakdown: a chart per metric and the latest complete period's numbers by key. */
export function breakdown(
  key: string,
  lines: readonly PeriodLine[],
  metrics: readonly ReportMetric[],
): string {
  const rows = lines.map((line) => line.row);
  const periods = lines.some((line) => line.start !== null);
  const figures = metrics.map((metric) => {
    const display = unitOver(metric, rows);
    const data = points(lines, metric, display, key);
    const name = `${metric.column}-by-${key}`;
    if (periods && data.length > 0)
      return chartFigure(
        name,
        titleOf(metric, display, ` by ${key}`),
        lineChart(data, display.label),
      );
    const bars = lines
      .map((line) => ({
        label: String(line.row[key] ?? "(none)"),
        value: headline(line.row[metric.column]),
      }))
      .filter((bar): bar is { label: string; value: number } => bar.value !== null)
      .map((bar) => ({ label: bar.label, value: bar.value / display.divide }));
    return bars.length === 0
      ? ""
      : chartFigure(name, titleOf(metric, display, ` by ${key}`), barChart(bars, display.label));
  });
  const complete = lines.filter((line) => line.complete);
  const last = (complete.length > 0 ? complete : lines).at(-1)?.start;
  const latest = lines.filter((line) => line.start === last);
  const header = `<tr><th>${escapeHtml(key)}</th>${metrics.map((m) => `<th>${escapeHtml(m.label)}</th>`).join("")}</tr>`;
  const body = latest
    .map(
      (line) =>
        `<tr><th>${escapeHtml(String(line.row[key] ?? "(none)"))}</th>${metrics
          .map((metric) => {
            const result = line.row[metric.column];
            const display = unitOver(metric, rows);
            const cell =
              result === undefined
                ? "–"
                : `${valueElement(metric, line, headline(result), display)}${intervalText(intervalOf(result), display)}`;
            return `<td class="num">${cell}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  const period = latest[0]?.label ?? "";
  return `<h3>By ${escapeHtml(key)}</h3><div class="charts">${figures.join("")}</div><table class="breakdown"><caption>${escapeHtml(period)} by ${escapeHtml(key)}</caption><thead>${header}</thead><tbody>${body}</tbody></table>`;
}

/** The distribution of each metric that measures one number per record, over all periods. */
export function distributions(
  histograms: Readonly<Record<string, Histogram>>,
  metrics: readonly ReportMetric[],
): string {
  const figures = metrics.map((metric) => {
    const histogram = histograms[metric.column];
    if (!histogram || histogram.n === 0) return "";
    const note = `${histogram.n.toLocaleString("en-US")} records${histogram.noValue > 0 ? `; ${histogram.noValue.toLocaleString("en-US")} without a value (excluded by the metric)` : ""}. Measured as the metric measures them.`;
    return chartFigure(
      `${metric.column}-distribution`,
      `${metric.label}: distribution`,
      binChart(histogram.bins.map((bin) => ({ label: bin.label, value: bin.count }))),
      note,
    );
  });
  return `<div class="charts">${figures.join("")}</div>`;
}

interface TargetsShape {
  value: number | null;
  achieved: number;
  breached: number;
  inProgress: number;
  tickets?: number;
  byKind: Record<string, { value: number | null } | undefined>;
}

/** A metric judged per target (SLA attainment): overall and per target kind, by period. */
export function targetsSection(metric: ReportMetric, lines: readonly PeriodLine[]): string {
  const kinds = new Set<string>();
  for (const line of lines) {
    const result = line.row[metric.column] as TargetsShape | undefined;
    for (const [kind, counts] of Object.entries(result?.byKind ?? {}))
      if (counts && counts.value !== null) kinds.add(kind);
  }
  const percent = displayUnit("percent", []);
  const count = displayUnit("count", []);
  const data: SeriesPoint[] = [];
  const body: string[] = [];
  for (const line of lines) {
    const result = line.row[metric.column] as TargetsShape | undefined;
    if (!result) continue;
    const cell = (field: string, value: number | null, display: DisplayUnit) =>
      `<td class="num">${valueElement(metric, line, value, display, { field })}</td>`;
    if (line.start !== null) {
      if (result.value !== null)
        data.push({ x: new Date(line.start), y: result.value, series: "all targets" });
      for (const kind of kinds) {
        const value = result.byKind[kind]?.value ?? null;
        if (value !== null) data.push({ x: new Date(line.start), y: value, series: kind });
      }
    }
    body.push(
      `<tr><th>${escapeHtml(line.label)}</th>${cell("value", result.value, percent)}${[...kinds]
        .map((kind) => cell(`byKind.${kind}.value`, result.byKind[kind]?.value ?? null, percent))
        .join(
          "",
        )}${cell("achieved", result.achieved, count)}${cell("breached", result.breached, count)}${cell("inProgress", result.inProgress, count)}</tr>`,
    );
  }
  const header = `<tr><th>period</th><th>met %</th>${[...kinds].map((kind) => `<th>${escapeHtml(kind)} %</th>`).join("")}<th>achieved</th><th>breached</th><th>in progress</th></tr>`;
  const distinct = new Set(data.map((point) => point.x.getTime())).size;
  const title = `${metric.label} (% of decided targets met)`;
  const chart =
    data.length === 0
      ? ""
      : distinct > 1
        ? chartFigure(`${metric.column}-targets`, title, lineChart(data, "%"))
        : chartFigure(
            `${metric.column}-targets`,
            title,
            barChart(
              data.map((point) => ({ label: point.series ?? "", value: point.y })),
              "%",
            ),
          );
  return `<div class="charts">${chart}</div><table class="breakdown"><thead>${header}</thead><tbody>${body.join("")}</tbody></table>`;
}
