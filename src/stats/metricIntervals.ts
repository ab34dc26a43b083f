/**
 * Intervals in the unit of a metric's `value`, one call per result shape, for the metrics'
 * `interval: true` option, the rollup's change columns and the report: percent for rates,
 * points for NPS, seconds for durations. Each returns `{ lower, upper, level, method }` (or
 * `null` when the result has no data or too little for an interval).
 */

import { show } from "../reduce/arguments.ts";
import type { Statistic } from "../reduce/results.ts";
import { requireLevel } from "./checks.ts";
import { compareProportions } from "./compareProportions.ts";
import type { Comparison } from "./comparison.ts";
import type { ConfidenceInterval, LevelOptions } from "./interval.ts";
import { meanInterval, momentsOf } from "./meanInterval.ts";
import {
  type NpsCounts,
  type NpsIntervalMethod,
  type NpsIntervalOptions,
  npsInterval,
} from "./npsInterval.ts";
import {
  type ProportionIntervalOptions,
  type ProportionMethod,
  proportionInterval,
} from "./proportion.ts";
import { quantileInterval } from "./quantileInterval.ts";

/** What a rate result carries: `numerator` of `denominator` (a `RatioResult`, a CSAT). */
export interface RateCounts {
  numerator: number;
  denominator: number;
}

/**
 * A confidence interval for a rate, in percent like the rate's `value`: the proportion
 * interval of numerator out of denominator (Wilson by default), times 100.
 *
 * @param rate - `{ numerator, denominator }`, as rate results have them.
 * @param options - `level` (default 0.95) and `method` (default `"wilson"`).
 * @returns `{ lower, upper, level, method }` in percent, or `null` when the denominator is 0.
 *
 * @example
 * // CSAT 11 of 12 = 91.7 %: Wilson 64.6 % to 98.5 %
 * rateInterval({ numerator: 11, denominator: 12 })
 * //=> { lower: 64.61, upper: 98.51, level: 0.95, method: "wilson" }
 */
export function rateInterval(
  rate: RateCounts,
  options: ProportionIntervalOptions = {},
): ConfidenceInterval<ProportionMethod> | null {
  const interval = proportionInterval(rate.numerator, rate.denominator, options);
  return interval && { ...interval, lower: 100 * interval.lower, upper: 100 * interval.upper };
}

/**
 * A confidence interval for an NPS, in points: {@link npsInterval} reduced to the shared
 * shape (adjusted Wald by default).
 *
 * @param counts - `{ promoters, detractors, n }`, as an NPS result has them.
 * @param options - `level` (default 0.95) and `method` (default `"adjusted-wald"`).
 * @returns `{ lower, upper, level, method }` in NPS points, or `null` when n is 0.
 *
 * @example
 * // The definition book's 10 answers (NPS 20)
 * npsIntervalOf({ promoters: 5, passives: 2, detractors: 3, n: 10 })
 * //=> { lower: -30.33, upper: 61.10, level: 0.95, method: "adjusted-wald" }
 */
export function npsIntervalOf(
  counts: NpsCounts,
  options: NpsIntervalOptions = {},
): ConfidenceInterval<NpsIntervalMethod> | null {
  const interval = npsInterval(counts, options);
  if (interval === null) return null;
  const { lower, upper, level, method } = interval;
  return { lower, upper, level, method };
}

const QUANTILE_OF: Record<Exclude<Statistic, "mean">, number> = {
  median: 0.5,
  p90: 0.9,
  p95: 0.95,
};

/**
 * A confidence interval for a duration statistic, in seconds: Student's t interval for the
 * mean, the distribution-free order-statistic interval for the median, p90 and p95.
 *
 * @param sortedSeconds - The durations in ascending order.
 * @param statistic - `"mean"`, `"median"`, `"p90"` or `"p95"`, as a duration result's.
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns `{ lower, upper, level, method }` in seconds, or `null` when there are too few
 *   durations (under 2 for the mean; see `orderStatisticRanks` for quantiles).
 *
 * @example
 * // 10 first response times: the median's interval is the 2nd to the 9th
 * const seconds = [30, 45, 60, 90, 120, 150, 300, 600, 900, 3600];
 * durationInterval(seconds, "median")
 * //=> { lower: 45, upper: 900, level: 0.95, method: "order-statistics" }
 */
export function durationInterval(
  sortedSeconds: ArrayLike<number>,
  statistic: Statistic,
  options: LevelOptions = {},
): ConfidenceInterval<"t" | "order-statistics"> | null {
  const level = requireLevel("durationInterval", options.level);
  if (statistic === "mean") {
    const interval = meanInterval(momentsOf(sortedSeconds), { level });
    return interval && { lower: interval.lower, upper: interval.upper, level, method: "t" };
  }
  const q = QUANTILE_OF[statistic];
  if (q === undefined) {
    throw new RangeError(
      `durationInterval: statistic must be one of mean, median, p90, p95, got ${show(statistic)}`,
    );
  }
  const interval = quantileInterval(sortedSeconds, q, { level });
  return (
    interval && { lower: interval.lower, upper: interval.upper, level, method: interval.method }
  );
}

/**
 * Compares two rates in percentage points: {@link compareProportions} on numerator of
 * denominator, with the difference and its interval times 100.
 *
 * @param a - The first rate (this period), `{ numerator, denominator }`.
 * @param b - The second rate (the period compared against).
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns The comparison in percentage points, or `null` when either denominator is 0.
 *
 * @example
 * // FCR 80 % of 70 this month against 60 % of 80 last month: +20 points, p = 0.008
 * const change = compareRates({ numerator: 56, denominator: 70 }, { numerator: 48, denominator: 80 });
 * [change.difference, change.interval.lower, change.interval.upper, change.tooSmall]
 * //=> [20.0, 5.24, 33.39, false]
 */
export function compareRates(
  a: RateCounts,
  b: RateCounts,
  options: LevelOptions = {},
): Comparison<"newcombe"> | null {
  const comparison = compareProportions(
    { successes: a.numerator, n: a.denominator },
    { successes: b.numerator, n: b.denominator },
    options,
  );
  if (comparison === null) return null;
  const { difference, interval } = comparison;
  return {
    ...comparison,
    difference: 100 * difference,
    interval: interval && { ...interval, lower: 100 * interval.lower, upper: 100 * interval.upper },
  };
}
