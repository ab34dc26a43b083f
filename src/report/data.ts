import type { PlaceBy } from "../aggregate/placement.ts";
import { type RollupRow, rollupReducer } from "../aggregate/rollup.ts";
import { type CombinedState, combineReducers } from "../reduce/combine.ts";
import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import type { PeriodUnit } from "../time/period.ts";
import { type Histogram, histogramReducer } from "./histogram.ts";
import { newestReducer, type Sample } from "./sample.ts";

/**
 * Everything the HTML report shows, computed in one pass over the records as one mergeable
 * reducer: the rows (by period and every key), the totals by period (cards and trends), one
 * breakdown per key, a histogram per metric that measures one number per record, and a
 * bounded sample of the newest records for the per-record table. No record is kept: the
 * sample holds only the fields the table shows and each metric's measure.
 */

/** A rollup row as the report reads it: the period, key values, and one result per metric. */
export type ReportRow = { period?: { start: string; end: string; label: string } | null } & {
  [column: string]: unknown;
};

/** What {@link reportDataReducer} computes. */
export interface ReportData {
  /** By period and every key. */
  rows: ReportRow[];
  /** By period alone (the same as `rows` when there are no keys). */
  totals: ReportRow[];
  /** By period and one key, per key. */
  breakdowns: Record<string, ReportRow[]>;
  /** Per metric column that measures one number per record: the distribution over all periods. */
  distributions: Record<string, Histogram>;
  /** The newest records (their plain fields, what the table shows), with each metric's measure of them. */
  sample: Sample<unknown> & { measures: Record<string, (number | null)[]> };
}

/** Options for {@link reportDataReducer}. */
export interface ReportDataOptions {
  /** The metrics, by column name. */
  metrics: Record<string, AnyReducer>;
  /** The period to group by, if any. */
  period?: PeriodUnit;
  /** The record fields to group by. */
  keys: readonly string[];
  timeZone: string;
  /** Only these periods, each with a row (as rollup's `range`). */
  range?: { start: string; end: string };
  /** Place every ticket metric by the ticket's creation (as rollup's `placeBy`). */
  placeBy?: PlaceBy;
  /** How many records the per-record table shows (default 10 000), newest first by `timeOf`. */
  sampleSize?: number;
  /** The instant that orders the sample (a ticket's creation). */
  timeOf: (record: never) => Date | null | undefined;
}

/**
 * The report's data as one reducer: fold the records into it (in one pass, over several files
 * or shards), then read everything the report shows from its result.
 *
 * @example
 * import { reduce, ticketVolumeReducer, firstResponseTimeReducer } from "support-metrics";
 * const tickets = [
 *   { id: "1", createdAt: new Date("2024-03-01T09:00:00Z"), firstResponseAt: new Date("2024-03-01T09:10:00Z"), channel: "email" },
 *   { id: "2", createdAt: new Date("2024-04-01T09:00:00Z"), firstResponseAt: null, channel: "chat" },
 * ];
 * const data = reduce(tickets, reportDataReducer({
 *   metrics: { volume: ticketVolumeReducer(), frt: firstResponseTimeReducer() },
 *   period: "month", keys: ["channel"], timeZone: "UTC", timeOf: (t) => t.createdAt,
 * }));
 * [data.rows.length, data.totals.length, data.distributions.frt.n, data.sample.measures.frt]
 * //=> [2, 2, 1, [null, 600]]
 */
export function reportDataReducer(
  options: ReportDataOptions,
): Reducer<unknown, unknown, ReportData> {
  const { metrics, keys, period, timeZone, range, placeBy } = options;
  const grouping = (fields: readonly string[]) => {
    const by: Record<string, string> = {};
    if (period !== undefined) by.period = period;
    for (const key of fields) by[key] = key;
    return rollupReducer({
      metrics,
      by,
      timeZone,
      ...(range ? { range } : {}),
      ...(placeBy ? { placeBy } : {}),
    } as never);
  };
  const measured = Object.keys(metrics).filter(
    (column) => typeof metrics[column]?.measure === "function",
  );
  const parts: Record<string, AnyReducer> = { rows: grouping(keys) };
  if (keys.length > 0) parts.totals = grouping([]);
  if (keys.length > 1) for (const key of keys) parts[`by:${key}`] = grouping([key]);
  for (const column of measured) {
    const reducer = metrics[column] as AnyReducer;
    parts[`histogram:${column}`] = histogramReducer((record) => reducer.measure?.(record) ?? null);
  }
  // The sample holds what the table shows of a record (its plain fields) and each metric's
  // measure of it, packed as bytes, not the record: see newestReducer on why that bounds the heap.
  parts.sample = newestReducer(
    options.sampleSize ?? 10_000,
    options.timeOf as never,
    measured.map(
      (column) => (record: never) => (metrics[column] as AnyReducer).measure?.(record) ?? null,
    ),
  );
  const all = combineReducers(parts);
  return {
    name: "reportData",
    timeOf: () => undefined,
    init: all.init,
    add: all.add,
    merge: all.merge,
    result(state: CombinedState<Record<string, AnyReducer>>) {
      const out = all.result(state) as Record<string, unknown>;
      const rows = out.rows as RollupRow<never>[] as ReportRow[];
      const breakdowns: Record<string, ReportRow[]> = {};
      for (const key of keys) {
        breakdowns[key] = (keys.length === 1 ? rows : (out[`by:${key}`] as ReportRow[])) ?? [];
      }
      const distributions: Record<string, Histogram> = {};
      for (const column of measured) {
        distributions[column] = out[`histogram:${column}`] as Histogram;
      }
      const { measures: byMetric, ...sample } = out.sample as Sample<unknown> & {
        measures: (number | null)[][];
      };
      const measures: Record<string, (number | null)[]> = {};
      measured.forEach((column, i) => {
        measures[column] = byMetric[i] ?? [];
      });
      return {
        rows,
        totals: keys.length > 0 ? (out.totals as ReportRow[]) : rows,
        breakdowns,
        distributions,
        sample: { ...sample, measures },
      };
    },
  };
}
