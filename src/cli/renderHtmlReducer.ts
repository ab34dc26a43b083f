/**
 * The reducer of one metric for the HTML report. The page shows each duration metric's
 * headline statistic, its histogram (from the metric's `measure`) and the per-record sample,
 * never its median or p90 unless one of them is the headline. When the headline is the mean,
 * the metric keeps its durations in a DDSketch instead of every one of them: the mean, n, sum,
 * min and max a sketch gives are exactly those of exact percentiles (see
 * `DurationOptions.percentiles`), so the page is the same, in memory that does not grow with
 * the input (issue 11: over 1.5M tickets the exact durations were most of the heap, and the
 * heap grows to a few times what it holds). With `--statistic median`, p90 or p95 the
 * percentiles stay exact.
 */
import { requiredOptions } from "../metrics/define.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { PlannedMetric } from "./plan.ts";

/** The sketch the page's duration metrics use when it shows none of their percentiles. */
const SKETCH = { sketch: "ddsketch" } as const;

/**
 * The planned metric's reducer for the HTML report: with a sketch when it is a duration metric
 * whose page shows its mean (the default), as planned otherwise.
 */
export function htmlMetricReducer(planned: PlannedMetric, latest: () => number): AnyReducer {
  const { metric, options } = planned;
  const statistic = options.statistic ?? "mean";
  const sketched =
    metric.result === "duration" &&
    statistic === "mean" &&
    options.percentiles === undefined &&
    // --interval: the t interval of the mean needs the durations, which a sketch does not keep.
    options.interval === undefined &&
    !requiredOptions(metric).includes("asOf");
  if (!sketched) return planned.reducer(latest);
  return (metric.reducer as (options: Record<string, unknown>) => AnyReducer)({
    ...options,
    percentiles: SKETCH,
  });
}
