/**
 * Duration results written out by hand, once. Seed 002's first responses, 20 s, 15 s and
 * 30 s: mean (20 + 15 + 30) / 3 = 65 / 3 = 21.67 s; sorted 15, 20, 30, so the median is 20;
 * p90 at rank 2 × 0.9 = 1.8 → 20 + 0.8 × 10 = 28; p95 at rank 1.9 → 20 + 0.9 × 10 = 29.
 */
export function seed002Durations<Excluded extends Record<string, number>>(excluded: Excluded) {
  return {
    value: 65 / 3,
    statistic: "mean",
    percentiles: "exact",
    n: 3,
    sum: 65,
    mean: 65 / 3,
    median: 20,
    p90: 28,
    p95: 29,
    min: 15,
    max: 30,
    excluded,
  };
}

/**
 * The result every duration metric gives when nothing was timed: no value and no statistic,
 * `n` and `sum` 0. A test passes the exclusions it expects (and the percentile method's
 * label, or fields a metric adds).
 */
export function noDurations<Excluded extends Record<string, number>>(
  excluded: Excluded,
  more: { percentiles?: string; tickets?: number } = {},
) {
  return {
    value: null,
    statistic: "mean",
    percentiles: more.percentiles ?? "exact",
    n: 0,
    sum: 0,
    mean: null,
    median: null,
    p90: null,
    p95: null,
    min: null,
    max: null,
    ...(more.tickets === undefined ? {} : { tickets: more.tickets }),
    excluded,
  };
}

/** The result over one duration of `seconds`: it is every statistic, and `n` is 1. */
export function oneDuration<Excluded extends Record<string, number>>(
  seconds: number,
  excluded: Excluded,
  statistic = "mean",
) {
  return {
    value: seconds,
    statistic,
    percentiles: "exact",
    n: 1,
    sum: seconds,
    mean: seconds,
    median: seconds,
    p90: seconds,
    p95: seconds,
    min: seconds,
    max: seconds,
    excluded,
  };
}
