/**
 * The result every duration metric gives when nothing was timed, written out once: no value
 * and no statistic, `n` and `sum` 0. A test passes the exclusions it expects (and the
 * percentile method's label, or fields a metric adds).
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
