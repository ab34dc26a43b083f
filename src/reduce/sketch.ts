/**
 * DDSketch: a mergeable quantile sketch with a relative-error guarantee (Masson, Rim and Lee,
 * "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with Relative-Error Guarantees",
 * VLDB 2019), and exact sums of floating-point numbers.
 *
 * A value x > 0 falls in bin i = ⌈log_γ(x)⌉, the bin covering (γ^(i−1), γ^i], where
 * γ = (1 + α) / (1 − α) and α is the relative accuracy. Every value of a bin is reported as the
 * bin's representative value 2γ^i / (γ + 1), which is within α × x of any x in the bin. Only
 * counts per bin are kept, so memory depends on the spread of the values (about
 * ln(max / min) / ln(γ) bins: some 800 for one second to four months at α = 1 %), never on
 * their number. Negative values use a mirror set of bins; zero has its own count.
 *
 * Bins hold whole counts, so merging two sketches is exact: the merge of the sketches of two
 * lists is the sketch of the concatenated list, bin for bin. The count, the minimum and the
 * maximum are kept exactly, and the sum is kept exactly too (as non-overlapping partial sums,
 * Shewchuk's method, read out correctly rounded), so it does not depend on the order in which
 * values arrived or sketches were merged.
 *
 * A sketch is a plain object of numbers, arrays and Maps: `stateToJSON` writes it and
 * `stateFromJSON` reads it back.
 */

import { show } from "./arguments.ts";
import { interpolate } from "./interpolate.ts";

/** A DDSketch. Build it with `createSketch`; treat its fields as read-only. */
export interface DDSketch {
  /** α: every quantile is within α × its exact value (0 < α < 1). */
  relativeAccuracy: number;
  /** How many values were added. */
  count: number;
  /** How many values were 0. */
  zeroCount: number;
  /** Counts of positive values by bin index. */
  positive: Map<number, number>;
  /** Counts of negative values by the bin index of their absolute value. */
  negative: Map<number, number>;
  /** The smallest and largest value added, exactly (`Infinity` and `-Infinity` when empty). */
  min: number;
  max: number;
  /** The exact sum as non-overlapping partial sums, smallest magnitude first. */
  sumPartials: number[];
}

/** The default relative accuracy: 1 %. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/**
 * Checks a relative accuracy: a number strictly between 0 and 1.
 *
 * @example
 * let message = "";
 * try { requireRelativeAccuracy("percentile", "relativeAccuracy", 2); } catch (error) { message = error.message; }
 * [requireRelativeAccuracy("percentile", "relativeAccuracy", 0.01), message]
 * //=> [0.01, "percentile: relativeAccuracy must be a number greater than 0 and less than 1, got 2"]
 */
export function requireRelativeAccuracy(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && value < 1)) {
    throw new RangeError(
      `${fn}: ${option} must be a number greater than 0 and less than 1, got ${show(value)}`,
    );
  }
  return value;
}

// The logarithm of γ for the last α seen: sketches of one report share one α. A cache only:
// computing it on every call gives the same number (a mutant that always does survives).
let cachedAccuracy = Number.NaN;
let cachedLogGamma = Number.NaN;

function logGamma(relativeAccuracy: number): number {
  if (relativeAccuracy !== cachedAccuracy) {
    cachedAccuracy = relativeAccuracy;
    cachedLogGamma = Math.log1p((2 * relativeAccuracy) / (1 - relativeAccuracy));
  }
  return cachedLogGamma;
}

/** The bin index of a positive value. */
function binIndex(x: number, lnGamma: number): number {
  return Math.ceil(Math.log(x) / lnGamma);
}

/** The representative value of bin `index`: 2γ^i / (γ + 1), within α of every value in it. */
function binValue(index: number, lnGamma: number): number {
  const gamma = Math.exp(lnGamma);
  return (2 * Math.exp(index * lnGamma)) / (gamma + 1);
}

/**
 * An empty sketch.
 *
 * @param relativeAccuracy - α, strictly between 0 and 1; defaults to 0.01 (1 %).
 * @returns A sketch to fill with {@link addToSketch}.
 *
 * @example
 * const sketch = createSketch(0.01);
 * for (const x of [1, 2, 3, 4, 100]) addToSketch(sketch, x);
 * [sketch.count, sketch.min, sketch.max]
 * //=> [5, 1, 100]
 */
export function createSketch(relativeAccuracy: number = DEFAULT_RELATIVE_ACCURACY): DDSketch {
  return {
    relativeAccuracy: requireRelativeAccuracy("createSketch", "relativeAccuracy", relativeAccuracy),
    count: 0,
    zeroCount: 0,
    positive: new Map(),
    negative: new Map(),
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    sumPartials: [],
  };
}

/**
 * Adds one value to a sketch, in place.
 *
 * @param sketch - The sketch.
 * @param value - A finite number.
 * @throws RangeError for `NaN` or an infinite value.
 *
 * @example
 * const sketch = createSketch();
 * addToSketch(sketch, 0);
 * addToSketch(sketch, 42);
 * [sketch.count, sketch.zeroCount, sketch.positive.size]
 * //=> [2, 1, 1]
 */
export function addToSketch(sketch: DDSketch, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`addToSketch: value must be a finite number, got ${show(value)}`);
  }
  const lnGamma = logGamma(sketch.relativeAccuracy);
  if (value > 0) {
    const index = binIndex(value, lnGamma);
    sketch.positive.set(index, (sketch.positive.get(index) ?? 0) + 1);
  } else if (value < 0) {
    const index = binIndex(-value, lnGamma);
    sketch.negative.set(index, (sketch.negative.get(index) ?? 0) + 1);
  } else {
    sketch.zeroCount++;
  }
  sketch.count++;
  // `<=` and `>=` would give equal bounds: they differ only in keeping 0 or −0 for a tie.
  if (value < sketch.min) sketch.min = value;
  if (value > sketch.max) sketch.max = value;
  addPartial(sketch.sumPartials, value);
}

/** Refuses a sketch whose fields cannot be a sketch's (a state read from elsewhere). */
function checkSketch(sketch: DDSketch, side: string): void {
  const fail = (what: string, value: unknown): never => {
    throw new TypeError(`mergeSketches: ${side}.${what}, got ${show(value)}`);
  };
  // (null never gets here, as mergeSketches reads relativeAccuracy first: `sketch === null`
  // is kept for callers to come, and its mutant survives.)
  if (typeof sketch !== "object" || sketch === null) {
    throw new TypeError(`mergeSketches: ${side} must be a sketch, got ${show(sketch)}`);
  }
  // Number.isInteger and Number.isFinite are false for anything but a number: no typeof needed.
  const whole = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (!whole(sketch.count)) fail("count must be a whole number at least 0", sketch.count);
  if (!whole(sketch.zeroCount))
    fail("zeroCount must be a whole number at least 0", sketch.zeroCount);
  let binned = sketch.zeroCount;
  for (const name of ["positive", "negative"] as const) {
    const bins = sketch[name];
    if (!(bins instanceof Map)) fail(`${name} must be a Map of bin counts`, bins);
    for (const [index, count] of bins) {
      if (!Number.isInteger(index)) fail(`${name} must have whole bin indices`, index);
      if (!whole(count) || count === 0) fail(`${name} must hold whole counts above 0`, count);
      binned += count;
    }
  }
  if (binned !== sketch.count) fail("count must equal the counts of its bins", sketch.count);
  if (typeof sketch.min !== "number" || typeof sketch.max !== "number") {
    fail("min and max must be numbers", sketch.min);
  }
  if (sketch.count > 0 && !(Number.isFinite(sketch.min) && sketch.min <= sketch.max)) {
    fail("min must be finite and at most max", sketch.min);
  }
  const partials = sketch.sumPartials;
  if (!Array.isArray(partials)) fail("sumPartials must be an array of numbers", partials);
  for (const partial of partials) {
    if (!Number.isFinite(partial)) {
      fail("sumPartials must hold finite numbers", partial);
    }
  }
}

function mergeBins(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [index, count] of b) out.set(index, (out.get(index) ?? 0) + count);
  return out;
}

/**
 * Merges two sketches into a new one, leaving both alone. The result is the sketch of all
 * their values together, exactly, in whatever order sketches are merged.
 *
 * @throws RangeError when the two were built with different relative accuracies.
 *
 * @example
 * const a = createSketch();
 * const b = createSketch();
 * [1, 2].forEach((x) => addToSketch(a, x));
 * [3, 4].forEach((x) => addToSketch(b, x));
 * const both = mergeSketches(a, b);
 * [both.count, both.min, both.max, sketchSum(both)]
 * //=> [4, 1, 4, 10]
 */
export function mergeSketches(a: DDSketch, b: DDSketch): DDSketch {
  if (a.relativeAccuracy !== b.relativeAccuracy) {
    throw new RangeError(
      `mergeSketches: relativeAccuracy must be the same in both sketches, got ${a.relativeAccuracy} and ${b.relativeAccuracy}`,
    );
  }
  checkSketch(a, "a");
  checkSketch(b, "b");
  // Both sides' partials added into a fresh sum: it stays non-overlapping (at most some 40
  // partials) after every step, so the merge is linear in the partials, and exact.
  const sumPartials: number[] = [];
  for (const partial of a.sumPartials) addPartial(sumPartials, partial);
  for (const partial of b.sumPartials) addPartial(sumPartials, partial);
  return {
    relativeAccuracy: a.relativeAccuracy,
    count: a.count + b.count,
    zeroCount: a.zeroCount + b.zeroCount,
    positive: mergeBins(a.positive, b.positive),
    negative: mergeBins(a.negative, b.negative),
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    sumPartials,
  };
}

/**
 * The exact sum of the values added, correctly rounded; 0 for an empty sketch.
 *
 * @example
 * const sketch = createSketch();
 * for (const value of [0.1, 0.2, 0.3]) addToSketch(sketch, value);
 * sketchSum(sketch)
 * //=> 0.6
 */
export function sketchSum(sketch: DDSketch): number {
  return partialsSum(sketch.sumPartials);
}

/**
 * The quantile `p` (0 to 1) of the values in a sketch, by the rule of {@link quantile}
 * (linear between the two closest ranks, h = (n − 1) × p), with each of the two rank values
 * read as its bin's representative value. For values of one sign the answer is within
 * α × |exact quantile| of the exact one; p = 0 and p = 1 give the exact minimum and maximum.
 * `null` for an empty sketch.
 *
 * @example
 * const sketch = createSketch(0.01);
 * for (let x = 1; x <= 1000; x++) addToSketch(sketch, x);
 * // exact median 500.5; the sketch is within 1 % of it
 * Math.abs(sketchQuantile(sketch, 0.5) - 500.5) <= 0.01 * 500.5
 * //=> true
 */
export function sketchQuantile(sketch: DDSketch, p: number): number | null {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new RangeError(`sketchQuantile: p must be between 0 and 1, got ${show(p)}`);
  }
  return sketchQuantiles(sketch, [p])[0] ?? null;
}

/**
 * Several quantiles of a sketch at once (bins are ordered once); see {@link sketchQuantile}.
 *
 * @example
 * const sketch = createSketch(0.01);
 * for (const x of [10, 20, 30, 40]) addToSketch(sketch, x);
 * sketchQuantiles(sketch, [0, 1])
 * //=> [10, 40]
 */
export function sketchQuantiles(sketch: DDSketch, ps: readonly number[]): (number | null)[] {
  const n = sketch.count;
  if (n === 0) return ps.map(() => null);
  const lnGamma = logGamma(sketch.relativeAccuracy);
  // Bins in value order: negative bins from the largest index (most negative), zero, positive.
  const negative = [...sketch.negative.keys()].sort((x, y) => y - x);
  const positive = [...sketch.positive.keys()].sort((x, y) => x - y);
  // The search below finds the first bin whose `upTo` exceeds the rank, so a bin that adds
  // nothing (an empty zero bin, or any leading non-bin) is never chosen: the zeroCount test
  // is for tidiness, and mutants that weaken it survive without changing an answer.
  const bins: { value: number; upTo: number }[] = [];
  let seen = 0;
  for (const index of negative) {
    seen += sketch.negative.get(index) as number;
    bins.push({ value: -binValue(index, lnGamma), upTo: seen });
  }
  if (sketch.zeroCount > 0) {
    seen += sketch.zeroCount;
    bins.push({ value: 0, upTo: seen });
  }
  for (const index of positive) {
    seen += sketch.positive.get(index) as number;
    bins.push({ value: binValue(index, lnGamma), upTo: seen });
  }
  /** The value at 0-based `rank`: exact at the ends, the bin's representative value between. */
  const atRank = (rank: number): number => {
    if (rank <= 0) return sketch.min;
    if (rank >= n - 1) return sketch.max;
    let low = 0;
    let high = bins.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((bins[mid] as { upTo: number }).upTo > rank) high = mid;
      else low = mid + 1;
    }
    const value = (bins[low] as { value: number }).value;
    return Math.min(Math.max(value, sketch.min), sketch.max);
  };
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lower = Math.floor(h);
    // At p = 1, lower + 1 is n: atRank gives the maximum for both, and h − lower is 0.
    const low = atRank(lower);
    const high = atRank(lower + 1);
    return interpolate(low, high, h - lower);
  });
}

// ---------------------------------------------------------------------------------------
// Exact sums (Shewchuk's partials, as Python's math.fsum).

/**
 * Adds `x` to an exact sum held as non-overlapping partial sums (smallest magnitude first),
 * in place. No rounding error is lost: the partials always add up to the exact sum.
 *
 * @example
 * const partials = [];
 * for (const x of [0.1, 0.2, 0.3]) addPartial(partials, x);
 * partialsSum(partials)
 * //=> 0.6
 */
export function addPartial(partials: number[], x: number): void {
  let i = 0;
  let value = x;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j] as number;
    // Equal magnitudes need no swap (either order gives the same hi and lo), so `<=` survives.
    if (Math.abs(value) < Math.abs(y)) {
      const t = value;
      value = y;
      y = t;
    }
    const hi = value + y;
    const lo = y - (hi - value);
    if (lo !== 0) partials[i++] = lo;
    value = hi;
  }
  // Setting the length is not free: only when partials were absorbed (setting it to the same
  // length would change nothing, so the test is a fast path and its mutant survives).
  if (i !== partials.length) partials.length = i;
  partials.push(value);
}

/**
 * The exact sum held in partials, correctly rounded to the nearest number (ties to even), so
 * the same values give the same sum in any order. 0 for no partials.
 *
 * @example
 * // 0.7 + 0.2 + 0.1 + 0.3 in that order is 1.2999999999999998; the exact sum rounds to 1.3
 * const partials = [];
 * for (const x of [0.7, 0.2, 0.1, 0.3]) addPartial(partials, x);
 * partialsSum(partials)
 * //=> 1.3
 */
export function partialsSum(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  n--;
  let hi = partials[n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    n--;
    const y = partials[n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Round half-way cases correctly: the partials below may tip a tie one way or the other.
  // (At n = 0, partials[−1] is undefined, which compares as 0 does: the guard is for types. And
  // lo is 0 only when every partial was read, where next is 0, so `lo <= 0` changes nothing.)
  const next = n > 0 ? (partials[n - 1] as number) : 0;
  if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
