/**
 * The rows of a compiled rollup's query, as the in-memory rollup returns them: one row per
 * period and key combination that a metric placed a record in (and, with a range, every
 * period of it for every key combination seen), sorted by period (the `null` period last)
 * then by each key, each metric's result built by its own reducer from the counts and sums
 * the query returned, or as a duration result from the query's n, sum, extremes and quantiles.
 * A stock's state gets its counts (its counts by age as a list) and the instant measured, so
 * its reducer's `result` writes the very result the in-memory rollup gives. A distinct count
 * (customers contacted, agents and agent-days) comes back as the exact number of distinct ids,
 * never the ids: the rows hold that number, and the metric's declared `result` builds its
 * result from it (the in-memory state's set, or its HyperLogLog sketch, is not rebuilt; a
 * sketch is refused, as its estimate is not SQL's exact count).
 */
import { compareKeys, type KeyValue } from "../aggregate/keys.ts";
import type { Statistic } from "../reduce/results.ts";
import type { Period } from "../time/period.ts";
import { fromWall } from "../time/zone.ts";
import type { ResolvedSqlMetric } from "./compile.ts";
import { tallyOf } from "./nested.ts";

/** What the decoder needs of a compiled rollup. */
export interface Decoder {
  readonly period: Period | undefined;
  readonly keyNames: readonly string[];
  readonly names: readonly string[];
  readonly metrics: readonly ResolvedSqlMetric[];
  readonly range: { readonly first: number; readonly last: number } | undefined;
}

interface Group {
  start: number | null;
  keys: KeyValue[];
  /** Per metric, the query's row that holds it (undefined: no record placed here). */
  rows: (Record<string, unknown> | undefined)[];
}

/** A number the engine returned (a bigint for 64-bit integers), 0 for SQL's NULL. */
function numberOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/** A key the engine returned: integers come back as bigints, read as numbers. */
function keyOf(value: unknown): KeyValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return Number.isNaN(value) ? null : value === 0 ? 0 : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** The instant a period starts, from its first local day `YYYY-MM-DD` (the library's rule). */
function startOf(period: Period, day: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  // Noon of that day is never skipped or repeated; the period's floor finds its start.
  return period.floor(fromWall(Date.UTC(year, month - 1, date, 12), period.timeZone));
}

/** The exclusion counts of one metric, on top of its reducer's own list of reasons. */
function excludedOf(
  metric: ResolvedSqlMetric,
  index: number,
  row: Record<string, unknown> | undefined,
): Record<string, number> {
  const state = metric.reducer.init() as { excluded?: Record<string, number> };
  const excluded: Record<string, number> = { ...(state.excluded ?? {}) };
  metric.spec.exclude.forEach((rule, j) => {
    const count = row ? numberOf(row[`m${index}_x${j}`]) : 0;
    if (rule.sparse && count === 0) return;
    excluded[rule.reason] = (excluded[rule.reason] ?? 0) + count;
  });
  return excluded;
}

/** A duration result from the query's aggregates, as `durations.result` writes it. */
function durationResult(
  statistic: Statistic,
  index: number,
  row: Record<string, unknown> | undefined,
  excluded: Record<string, number>,
) {
  const n = row ? numberOf(row[`m${index}_n`]) : 0;
  const seconds = (key: string) => (n === 0 || !row ? null : numberOf(row[key]) / 1000);
  const sum = row && n > 0 ? numberOf(row[`m${index}_sum`]) / 1000 : 0;
  const quantiles = (row?.[`m${index}_q`] as unknown[] | null | undefined) ?? [];
  const q = (i: number) => (n === 0 ? null : numberOf(quantiles[i]));
  const summary = { mean: n === 0 ? null : sum / n, median: q(0), p90: q(1), p95: q(2) };
  return {
    value: summary[statistic],
    statistic,
    percentiles: "exact",
    n,
    sum,
    ...summary,
    min: seconds(`m${index}_min`),
    max: seconds(`m${index}_max`),
    excluded,
  };
}

/**
 * One metric's result in one group. `measured` is the instant a stock is measured at in it
 * (the period's end, or `asOf`), set in the state when some record reached it, as `add` sets
 * it; a list of counts by age is read from one column per bucket.
 */
function resultOf(
  metric: ResolvedSqlMetric,
  index: number,
  row: Record<string, unknown> | undefined,
  measured: number | null,
): unknown {
  const excluded = excludedOf(metric, index, row);
  const { spec } = metric;
  if ("duration" in spec || "recorded" in spec)
    return durationResult(spec.statistic, index, row, excluded);
  // The waits' duration result, and the records that gave them (waits.ts).
  if ("waits" in spec)
    return {
      ...durationResult(spec.statistic, index, row, excluded),
      [spec.waits.records]: row ? numberOf(row[`m${index}_records`]) : 0,
    };
  if ("result" in spec && spec.result) {
    const numbers: Record<string, number> = {};
    for (const name of Object.keys(spec.state))
      numbers[name] = row ? numberOf(row[`m${index}_s_${name}`]) : 0;
    return spec.result(numbers, excluded);
  }
  const state = metric.reducer.init() as Record<string, unknown>;
  for (const [name, aggregate] of Object.entries(spec.state)) {
    const column = `m${index}_s_${name}`;
    if ("tally" in aggregate) {
      state[name] = tallyOf(row?.[column]);
      continue;
    }
    state[name] =
      "ages" in aggregate
        ? Array.from({ length: aggregate.boundaries.length + 1 }, (_, j) =>
            row ? numberOf(row[`${column}_${j}`]) : 0,
          )
        : row
          ? numberOf(row[column])
          : 0;
  }
  const measuredAt = "stock" in spec ? spec.stock.measuredAt : undefined;
  if (measuredAt !== undefined && row && numberOf(row[`m${index}_reached`]) > 0)
    state[measuredAt] = measured;
  state.excluded = excluded;
  return metric.reducer.result(state);
}

/**
 * The rollup rows of a compiled query's result rows.
 *
 * @internal
 */
export function decodeRows(
  result: readonly Record<string, unknown>[],
  decoder: Decoder,
): Record<string, unknown>[] {
  const { period, keyNames, names, metrics, range } = decoder;
  const groups = new Map<string, Group>();
  const combinations = new Map<string, KeyValue[]>();
  const groupOf = (start: number | null, keys: KeyValue[]): Group => {
    const id = JSON.stringify([start, keys]);
    let group = groups.get(id);
    if (!group) {
      group = { start, keys, rows: metrics.map(() => undefined) };
      groups.set(id, group);
    }
    return group;
  };
  // Which metrics each branch holds: those placed by the branch's field, in order of places.
  const places = [...new Set(metrics.map((metric) => metric.place))];
  for (const row of result) {
    const keys = keyNames.map((_name, k) => keyOf(row[`k${k}`]));
    combinations.set(JSON.stringify(keys), keys);
    const branch = numberOf(row.branch);
    if (branch < 0) continue;
    const day = row.period;
    const start = period && typeof day === "string" ? startOf(period, day) : null;
    const group = groupOf(start, keys);
    metrics.forEach((metric, i) => {
      if (metric.place === places[branch]) group.rows[i] = row;
    });
  }
  if (period && range) {
    const seen = keyNames.length === 0 ? [[]] : [...combinations.values()];
    for (let start = range.first; start <= range.last; start = period.next(start))
      for (const keys of seen) groupOf(start, keys);
  }
  if (!period && keyNames.length === 0 && groups.size === 0) groupOf(null, []);

  const sorted = [...groups.values()].sort((a, b) => {
    if (a.start !== b.start) {
      if (a.start === null) return 1;
      if (b.start === null) return -1;
      return a.start - b.start;
    }
    for (let k = 0; k < keyNames.length; k++) {
      const order = compareKeys(a.keys[k] as KeyValue, b.keys[k] as KeyValue);
      if (order !== 0) return order;
    }
    return 0;
  });
  return sorted.map((group) => {
    const out: Record<string, unknown> = {};
    if (period) {
      out.period =
        group.start === null
          ? null
          : {
              start: new Date(group.start).toISOString(),
              end: new Date(period.next(group.start)).toISOString(),
              label: period.label(group.start),
            };
    }
    keyNames.forEach((name, k) => {
      out[name] = group.keys[k];
    });
    names.forEach((name, i) => {
      const metric = metrics[i] as ResolvedSqlMetric;
      const at = "stock" in metric.spec ? (metric.spec.stock.at ?? null) : null;
      const measured = period && group.start !== null ? period.next(group.start) : at;
      out[name] = resultOf(metric, i, group.rows[i], measured);
    });
    return out;
  });
}
