/**
 * Shared result shapes and the arithmetic behind them. Metrics say only how a record counts;
 * merging and dividing live here once, so every metric merges and rounds the same way.
 */

/** Counts of records left out of a metric, by the rule that left them out. */
export type Excluded<Reason extends string = string> = Record<Reason, number>;

/** Accumulator of a rate: additive counts, divided only in `result`. */
export interface RatioState<Reason extends string = string> {
  numerator: number;
  denominator: number;
  excluded: Excluded<Reason>;
}

/** A rate or share: `value` = 100 × numerator / denominator, `null` when the denominator is 0. */
export interface RatioResult<Reason extends string = string> {
  value: number | null;
  numerator: number;
  denominator: number;
  excluded: Excluded<Reason>;
}

/** Accumulator of a count (ticket volume). */
export interface CountState<Reason extends string = string> {
  count: number;
  excluded: Excluded<Reason>;
}

/** A count. Unlike rates, a count of nothing is 0, not `null`: zero tickets is a fact. */
export interface CountResult<Reason extends string = string> {
  value: number;
  excluded: Excluded<Reason>;
}

/** Accumulator of a mean: sum and count. */
export interface MeanState<Reason extends string = string> {
  sum: number;
  n: number;
  excluded: Excluded<Reason>;
}

/** A mean: `value` = sum / n, `null` when n is 0. */
export interface MeanResult<Reason extends string = string> {
  value: number | null;
  sum: number;
  n: number;
  excluded: Excluded<Reason>;
}

/** Accumulator of a distribution of durations: every value is kept, so percentiles are exact. */
export interface DurationState<Reason extends string = string> {
  values: number[];
  excluded: Excluded<Reason>;
}

/** The statistic a duration result reports as its headline `value`. */
export type Statistic = "mean" | "median" | "p90" | "p95";

/** Every {@link Statistic}, for option checks. */
export const STATISTICS: readonly Statistic[] = ["mean", "median", "p90", "p95"];

/**
 * A distribution of durations, in seconds. `value` is the chosen statistic (the mean unless
 * the metric was asked for another). Percentiles interpolate linearly between closest ranks
 * (see {@link quantile}). Every number is `null` when there is no duration.
 */
export interface DurationResult<Reason extends string = string> {
  value: number | null;
  statistic: Statistic;
  n: number;
  sum: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  excluded: Excluded<Reason>;
}

/** A fresh table of exclusion counts with every reason at 0, so results always list them all. */
export function excludedCounts<Reason extends string>(
  reasons: readonly Reason[],
): Excluded<Reason> {
  const counts = {} as Excluded<Reason>;
  for (const reason of reasons) counts[reason] = 0;
  return counts;
}

/** Adds two tables of exclusion counts, reason by reason. */
export function mergeExcluded<Reason extends string>(
  a: Excluded<Reason>,
  b: Excluded<Reason>,
): Excluded<Reason> {
  const out = { ...a };
  for (const reason of Object.keys(b) as Reason[]) out[reason] = (out[reason] ?? 0) + b[reason];
  return out;
}

/**
 * The quantile `p` (0 to 1) of values sorted ascending, interpolating linearly between the
 * two closest ranks: position h = (n − 1) × p, value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]).
 * This is DuckDB's `quantile_cont`, numpy's default and spreadsheet `PERCENTILE.INC`.
 *
 * @example
 * quantile([10, 20, 30, 40], 0.5)
 * //=> 25
 */
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
  // Outside [0, 1] the rank falls off the array and the answer would be undefined or NaN.
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new RangeError(`quantile: p must be between 0 and 1, got ${String(p)}`);
  }
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const low = sorted[lower] as number;
  if (lower + 1 >= n) return low;
  const high = sorted[lower + 1] as number;
  return low + (h - lower) * (high - low);
}

/** Arithmetic for rates. */
export const ratio = {
  init<Reason extends string>(reasons: readonly Reason[]): RatioState<Reason> {
    return { numerator: 0, denominator: 0, excluded: excludedCounts(reasons) };
  },
  merge<Reason extends string>(a: RatioState<Reason>, b: RatioState<Reason>): RatioState<Reason> {
    return {
      numerator: a.numerator + b.numerator,
      denominator: a.denominator + b.denominator,
      excluded: mergeExcluded(a.excluded, b.excluded),
    };
  },
  /** 100 × numerator / denominator, or `null` with nothing in the denominator. */
  percent<Reason extends string>(state: RatioState<Reason>): RatioResult<Reason> {
    return {
      value: state.denominator === 0 ? null : (100 * state.numerator) / state.denominator,
      numerator: state.numerator,
      denominator: state.denominator,
      excluded: { ...state.excluded },
    };
  },
  /** numerator / denominator as a plain quotient (e.g. tickets per agent-day), or `null`. */
  quotient<Reason extends string>(state: RatioState<Reason>): RatioResult<Reason> {
    return {
      value: state.denominator === 0 ? null : state.numerator / state.denominator,
      numerator: state.numerator,
      denominator: state.denominator,
      excluded: { ...state.excluded },
    };
  },
};

/** Arithmetic for counts. */
export const count = {
  init<Reason extends string>(reasons: readonly Reason[]): CountState<Reason> {
    return { count: 0, excluded: excludedCounts(reasons) };
  },
  merge<Reason extends string>(a: CountState<Reason>, b: CountState<Reason>): CountState<Reason> {
    return { count: a.count + b.count, excluded: mergeExcluded(a.excluded, b.excluded) };
  },
  result<Reason extends string>(state: CountState<Reason>): CountResult<Reason> {
    return { value: state.count, excluded: { ...state.excluded } };
  },
};

/** Arithmetic for means. */
export const mean = {
  init<Reason extends string>(reasons: readonly Reason[]): MeanState<Reason> {
    return { sum: 0, n: 0, excluded: excludedCounts(reasons) };
  },
  merge<Reason extends string>(a: MeanState<Reason>, b: MeanState<Reason>): MeanState<Reason> {
    return { sum: a.sum + b.sum, n: a.n + b.n, excluded: mergeExcluded(a.excluded, b.excluded) };
  },
  result<Reason extends string>(state: MeanState<Reason>): MeanResult<Reason> {
    return {
      value: state.n === 0 ? null : state.sum / state.n,
      sum: state.sum,
      n: state.n,
      excluded: { ...state.excluded },
    };
  },
};

/** Arithmetic for distributions of durations. */
export const durations = {
  init<Reason extends string>(reasons: readonly Reason[]): DurationState<Reason> {
    return { values: [], excluded: excludedCounts(reasons) };
  },
  merge<Reason extends string>(
    a: DurationState<Reason>,
    b: DurationState<Reason>,
  ): DurationState<Reason> {
    return { values: a.values.concat(b.values), excluded: mergeExcluded(a.excluded, b.excluded) };
  },
  /**
   * Summarises the kept durations. The sum is taken over the sorted values, so it does not
   * depend on the order records arrived in or shards were merged: merged results are
   * identical to the result over the concatenation, to the last bit.
   */
  result<Reason extends string>(
    state: DurationState<Reason>,
    statistic: Statistic = "mean",
  ): DurationResult<Reason> {
    const sorted = Float64Array.from(state.values).sort();
    const n = sorted.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i] as number;
    const summary = {
      mean: n === 0 ? null : sum / n,
      median: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p95: quantile(sorted, 0.95),
    };
    return {
      value: summary[statistic],
      statistic,
      n,
      sum,
      ...summary,
      min: n === 0 ? null : (sorted[0] as number),
      max: n === 0 ? null : (sorted[n - 1] as number),
      excluded: { ...state.excluded },
    };
  },
};

/** Seconds between two instants given in epoch milliseconds. */
export function secondsBetween(startMs: number, endMs: number): number {
  return (endMs - startMs) / 1000;
}
