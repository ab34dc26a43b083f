import type { Reducer } from "../reduce/reducer.ts";

/**
 * A histogram of durations as a mergeable reducer, for the report's distributions: fixed bins
 * on a scale people read (minutes, hours, days), so that shards and periods merge exactly and
 * memory does not grow with the input. Each record's duration comes from the metric's own
 * `measure`, so the chart shows exactly what the metric's card summarises.
 */

/** The lower edge of each bin, in seconds; the last bin has no upper edge. */
export const DURATION_EDGES: readonly number[] = [
  0, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 345_600, 604_800, 1_209_600,
  2_592_000,
];

const EDGE_LABELS = [
  "0",
  "1 min",
  "5 min",
  "15 min",
  "30 min",
  "1 h",
  "2 h",
  "4 h",
  "8 h",
  "1 d",
  "2 d",
  "4 d",
  "7 d",
  "14 d",
  "30 d",
];

/** One bin: its label, edges in seconds (`null`: no upper edge) and count. */
export interface HistogramBin {
  label: string;
  fromSeconds: number;
  toSeconds: number | null;
  count: number;
}

/** A histogram: the bins, and how many records had no value (excluded by the metric). */
export interface Histogram {
  bins: HistogramBin[];
  n: number;
  noValue: number;
}

/** The histogram's state: one count per bin, and the records without a value. */
export interface HistogramState {
  counts: number[];
  noValue: number;
}

/** The bin of a duration: the last bin whose lower edge it reaches. */
function binOf(seconds: number): number {
  let bin = 0;
  while (bin + 1 < DURATION_EDGES.length && seconds >= (DURATION_EDGES[bin + 1] as number)) bin++;
  return bin;
}

/**
 * A histogram reducer over the values `measure` gives (seconds; `null` for a record without
 * one).
 *
 * @example
 * import { reduce } from "support-metrics";
 * const seconds = [30, 90, 100, 4000, null];
 * const histogram = reduce(seconds, histogramReducer((s) => s));
 * [histogram.n, histogram.noValue, histogram.bins[0].count, histogram.bins[1].count, histogram.bins[5].label]
 * //=> [4, 1, 1, 2, "1 h – 2 h"]
 */
export function histogramReducer<Item>(
  measure: (item: Item) => number | null,
): Reducer<Item, HistogramState, Histogram> {
  return {
    name: "histogram",
    timeOf: () => undefined,
    init: () => ({ counts: new Array<number>(DURATION_EDGES.length).fill(0), noValue: 0 }),
    add(state, item) {
      const seconds = measure(item);
      if (seconds === null || !Number.isFinite(seconds)) {
        state.noValue++;
        return;
      }
      const bin = binOf(Math.max(0, seconds));
      state.counts[bin] = (state.counts[bin] as number) + 1;
    },
    merge: (a, b) => ({
      counts: a.counts.map((count, i) => count + (b.counts[i] as number)),
      noValue: a.noValue + b.noValue,
    }),
    result: (state) => ({
      bins: state.counts.map((count, i) => {
        const next = DURATION_EDGES[i + 1];
        return {
          label:
            next === undefined
              ? `${EDGE_LABELS[i]} or more`
              : `${EDGE_LABELS[i]} – ${EDGE_LABELS[i + 1]}`,
          fromSeconds: DURATION_EDGES[i] as number,
          toSeconds: next ?? null,
          count,
        };
      }),
      n: state.counts.reduce((sum, count) => sum + count, 0),
      noValue: state.noValue,
    }),
  };
}
