/**
 * The `interval` option every rate and score metric takes, and the one step that adds the
 * interval to its result. A metric file declares the option with {@link intervalField},
 * checks it once with {@link intervalFor}, and wraps its reducer with {@link withInterval}:
 * the interval is computed in `result` only, from the state the reducer already keeps, so
 * `init`, `add` and `merge` (and with them the reducer laws) are those of the metric without
 * the option, and without the option the reducer is returned as it is.
 */
import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { checkedBy } from "../reduce/options.ts";
import type { Reducer } from "../reduce/reducer.ts";
import type { Statistic } from "../reduce/results.ts";
import { DEFAULT_LEVEL } from "./checks.ts";
import type { ConfidenceInterval } from "./interval.ts";
import { meanInterval, momentsFromSums, type Sums } from "./meanInterval.ts";
import { npsIntervalOf, type RateCounts, rateInterval } from "./metricIntervals.ts";
import { NPS_INTERVAL_METHODS, type NpsCounts, type NpsIntervalMethod } from "./npsInterval.ts";
import { PROPORTION_METHODS, type ProportionMethod } from "./proportion.ts";

/**
 * What a metric's interval is computed from, which fixes the methods it can use:
 * - `"rate"`: numerator of denominator, a proportion (`"wilson"` by default,
 *   `"agresti-coull"`, `"clopper-pearson"`), in percent;
 * - `"trinomial"`: promoters (+1), passives (0) and detractors (−1) of n, as NPS (`"adjusted-wald"` by default, `"wald"`), in points;
 * - `"mean"`: a mean score from its sums (`"t"`), in the score's unit;
 * - `"duration"`: durations kept in the state (`"t"` for the mean, `"order-statistics"` for
 *   the median, p90 and p95), in seconds.
 */
export type IntervalKind = "rate" | "trinomial" | "mean" | "duration";

/** Every interval method a metric can be asked for. */
export type IntervalMethod = ProportionMethod | NpsIntervalMethod | "t" | "order-statistics";

/** The methods of each {@link IntervalKind}, the default first. */
export const INTERVAL_METHODS: Readonly<Record<IntervalKind, readonly IntervalMethod[]>> = {
  rate: PROPORTION_METHODS,
  trinomial: NPS_INTERVAL_METHODS,
  mean: ["t"],
  duration: ["t", "order-statistics"],
};

const ALL_METHODS: readonly IntervalMethod[] = [...new Set(Object.values(INTERVAL_METHODS).flat())];

/**
 * What `interval` takes: `true` for a 95 % interval by the metric's default method, or
 * `{ level, method }` (both optional); `false` or left out for none.
 */
export type IntervalRequest = boolean | { level?: number; method?: IntervalMethod };

/** The options fragment of a metric that can report an interval. */
export interface IntervalOption {
  /**
   * Adds `interval: { lower, upper, level, method }` to the result, in the unit of `value`
   * (`null` when there are too few records for one). `true` for 95 % by the metric's default
   * method, or `{ level, method }`. See docs/statistics.md.
   */
  interval?: IntervalRequest;
}

/** A checked `interval` option: the level, and the method when one was named. */
export interface IntervalChoice {
  level: number;
  method?: IntervalMethod;
}

/** An interval as a metric's result carries it. */
export type MetricInterval = ConfidenceInterval<IntervalMethod>;

/** The checked `interval` option, `null` for none; throws in the library's grammar. */
function readRequest(value: IntervalRequest, fn: string): IntervalChoice | null {
  if (value === false) return null;
  if (value === true) return { level: DEFAULT_LEVEL };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${fn}: interval must be true, false or an object { level, method }, got ${show(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== "level" && key !== "method") {
      throw new TypeError(`${fn}: interval.${key} is not an option of interval`);
    }
  }
  const { level = DEFAULT_LEVEL, method } = value;
  if (typeof level !== "number") {
    throw new TypeError(`${fn}: interval.level must be a number, got ${show(level)}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(
      `${fn}: interval.level must be between 0 and 1 (exclusive), got ${show(level)}`,
    );
  }
  if (method === undefined) return { level };
  if (!ALL_METHODS.includes(method)) {
    throw new RangeError(
      `${fn}: interval.method must be one of ${ALL_METHODS.join(", ")}, got ${show(method)}`,
    );
  }
  return { level, method };
}

/**
 * The checked `interval` option, for a metric that reads its options without a schema.
 *
 * @example
 * [readInterval("averageHandleTime", undefined), readInterval("averageHandleTime", { level: 0.9 })]
 * //=> [null, { level: 0.9 }]
 */
export function readInterval(fn: string, value: unknown): IntervalChoice | null {
  return value === undefined ? null : readRequest(value as IntervalRequest, fn);
}

/** The `interval` field of a metric's options schema, to spread into it. */
export const intervalField = {
  interval: z.optional(checkedBy(readRequest)),
};

/**
 * The interval a metric was asked for, resolved for what it is computed from: the method
 * defaults to the kind's first, and a method of another kind is refused.
 *
 * @param fn - The metric's name, for the error.
 * @param kind - What the interval is computed from (see {@link IntervalKind}).
 * @param choice - The checked option (`null` or `undefined` for none).
 * @returns `{ level, method }`, or `null` when no interval was asked for.
 *
 * @example
 * [intervalFor("csat", "rate", { level: 0.9 }), intervalFor("nps", "trinomial", null)]
 * //=> [{ level: 0.9, method: "wilson" }, null]
 */
export function intervalFor(
  fn: string,
  kind: IntervalKind,
  choice: IntervalChoice | null | undefined,
): Required<IntervalChoice> | null {
  if (choice === null || choice === undefined) return null;
  const methods = INTERVAL_METHODS[kind];
  const method = choice.method ?? (methods[0] as IntervalMethod);
  if (!methods.includes(method)) {
    throw new RangeError(
      `${fn}: interval.method must be one of ${methods.join(", ")}, got ${show(method)}`,
    );
  }
  return { level: choice.level, method };
}

/** Computes a result's interval from the reducer's state and its result without one. */
export type IntervalOf<State, Result> = (
  state: State,
  result: Result,
  choice: Required<IntervalChoice>,
) => MetricInterval | null;

/**
 * The reducer with `interval` added to its result, or the reducer itself when no interval was
 * asked for. Only `result` changes: `init`, `add`, `merge` and everything else are the
 * reducer's own.
 *
 * @param reducer - The metric's reducer.
 * @param choice - From {@link intervalFor}; `null` for none.
 * @param of - How the interval is computed ({@link rateIntervalOf}, {@link npsIntervalFrom},
 *   {@link meanIntervalOf}; durations: `durations.reducer`'s `interval`).
 *
 * @example
 * import { ratio } from "../reduce/results.ts";
 * const plain = { name: "rate", timeOf: () => null, init: () => ratio.init([]), add() {}, merge: ratio.merge, result: ratio.percent };
 * const rate = withInterval(plain, { level: 0.95, method: "wilson" }, rateIntervalOf);
 * // Newcombe (1998): 81 of 263 → 25.53 % to 36.62 %
 * rate.result({ numerator: 81, denominator: 263, excluded: {} }).interval
 * //=> { lower: 25.53, upper: 36.62, level: 0.95, method: "wilson" }
 */
export function withInterval<Item, State, Result extends object>(
  reducer: Reducer<Item, State, Result>,
  choice: Required<IntervalChoice> | null,
  of: IntervalOf<State, Result>,
): Reducer<Item, State, Result & { interval?: MetricInterval | null }> {
  if (choice === null) return reducer;
  const result = reducer.result;
  return {
    ...reducer,
    result(state) {
      const plain = result(state);
      return { ...plain, interval: of(state, plain, choice) };
    },
  };
}

/**
 * A rate's interval in percent, from its result's numerator and denominator. A rate whose
 * numerator can fall outside 0..denominator is no proportion then (resolution rate's flow form
 * resolving more tickets than were created, churn counting customers who came and went inside
 * the window): no interval, `null`, rather than an error for the whole result.
 *
 * @example
 * [rateIntervalOf(null, { numerator: 0, denominator: 20 }, { level: 0.95, method: "wilson" }),
 *   rateIntervalOf(null, { numerator: 5, denominator: 4 }, { level: 0.95, method: "wilson" })]
 * //=> [{ lower: 0, upper: 16.11, level: 0.95, method: "wilson" }, null]
 */
export function rateIntervalOf(
  _state: unknown,
  result: RateCounts,
  choice: Required<IntervalChoice>,
): MetricInterval | null {
  if (result.numerator < 0 || result.numerator > result.denominator) return null;
  return rateInterval(result, {
    level: choice.level,
    method: choice.method as ProportionMethod,
  });
}

/**
 * An NPS-like score's interval in points, from promoters and detractors of n in its result.
 *
 * @example
 * // The definition book's 10 answers (NPS 20): adjusted Wald −30.33 to 61.10
 * npsIntervalFrom(null, { promoters: 5, detractors: 3, n: 10 }, { level: 0.95, method: "adjusted-wald" })
 * //=> { lower: -30.33, upper: 61.10, level: 0.95, method: "adjusted-wald" }
 */
export function npsIntervalFrom(
  _state: unknown,
  result: NpsCounts,
  choice: Required<IntervalChoice>,
): MetricInterval | null {
  return npsIntervalOf(result, {
    level: choice.level,
    method: choice.method as NpsIntervalMethod,
  });
}

/**
 * A mean score's t interval, from the state's sums (`n`, `sum`, `sumOfSquares`).
 *
 * @example
 * // CES answers 4 5 5 3 4 2 5 4 4 5: Σx = 41, Σx² = 177 → 4.1 ± 0.71137
 * meanIntervalOf({ n: 10, sum: 41, sumOfSquares: 177 }, null, { level: 0.95, method: "t" })
 * //=> { lower: 3.388628400280501, upper: 4.811371599719498, level: 0.95, method: "t" }
 */
export function meanIntervalOf(
  state: Sums,
  _result: unknown,
  choice: Required<IntervalChoice>,
): MetricInterval | null {
  const interval = meanInterval(momentsFromSums(state), { level: choice.level });
  return (
    interval && { lower: interval.lower, upper: interval.upper, level: choice.level, method: "t" }
  );
}

/**
 * The interval choice of a duration metric: the method follows the statistic (t for the
 * mean, order statistics otherwise), and a sketch, which keeps no durations, is refused.
 *
 * @example
 * durationIntervalFor("firstResponseTime", { level: 0.9 }, "median", false)
 * //=> { level: 0.9, method: "order-statistics" }
 */
export function durationIntervalFor(
  fn: string,
  choice: IntervalChoice | null | undefined,
  statistic: Statistic,
  sketch: boolean,
): Required<IntervalChoice> | null {
  if (choice === null || choice === undefined) return null;
  if (sketch) {
    throw new RangeError(
      `${fn}: interval needs percentiles "exact" (a sketch keeps no durations), got a sketch`,
    );
  }
  const method = statistic === "mean" ? "t" : "order-statistics";
  if (choice.method !== undefined && choice.method !== method) {
    throw new RangeError(
      `${fn}: interval.method must be ${method} for the statistic ${statistic}, got ${show(choice.method)}`,
    );
  }
  return { level: choice.level, method };
}
