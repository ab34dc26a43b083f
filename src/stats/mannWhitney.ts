/**
 * Comparing two samples of durations (first response times this week against last week)
 * without assuming a distribution: the Wilcoxon rank-sum / Mann-Whitney test, with the
 * Hodges-Lehmann estimate of the shift and its distribution-free interval.
 *
 * - Statistic: W = the number of pairs (a_i, b_j) with a_i > b_j, ties counting ½ (the W
 *   R's `wilcox.test` reports; H. B. Mann & D. R. Whitney, Annals of Math. Statistics 18,
 *   1947).
 * - p-value: exact when both samples have fewer than 50 values and there are no ties (the
 *   distribution of W counted exactly), otherwise the normal approximation with the tie
 *   correction of the variance and a continuity correction of ½ (both as R does; Hollander &
 *   Wolfe, "Nonparametric Statistical Methods", 2nd ed. 1999, §4.1).
 * - Difference: the Hodges-Lehmann estimate, the median of the n·m differences a_i − b_j
 *   (J. L. Hodges & E. L. Lehmann, Annals of Math. Statistics 34, 1963), in the samples' unit.
 * - Interval: the k-th smallest and k-th largest of those differences, k chosen from the
 *   distribution of W so that each tail holds at most α/2 (exact), or
 *   k = ⌊nm/2 − z √(nm(n + m + 1)/12)⌋ (normal; Hollander & Wolfe §4.3). It is two-sided
 *   whatever the `alternative`. The differences are never all stored: the k-th is found by
 *   bisection on its value, counting the differences below a candidate in one merge-like
 *   pass over the sorted samples, so memory stays O(n + m).
 * - Too small: when no outcome at all could reach significance at 1 − level, i.e. the
 *   smallest possible p-value, 2 / C(n + m, n) two-sided, exceeds it (e.g. 3 against 3
 *   values: 2/20 = 0.1 > 0.05). Then there is no interval either.
 */
import { show } from "../reduce/arguments.ts";
import { requireLevel } from "./checks.ts";
import type { Comparison } from "./comparison.ts";
import { criticalZ, type LevelOptions } from "./interval.ts";
import { logChoose } from "./logGamma.ts";
import { normalCdf } from "./normal.ts";

/** Which difference the test looks for: any, a larger than b, or a smaller than b. */
export type Alternative = "two-sided" | "greater" | "less";

/** Every {@link Alternative}, for option checks. */
export const ALTERNATIVES: readonly Alternative[] = ["two-sided", "greater", "less"];

/** Options for {@link mannWhitney}. */
export interface MannWhitneyOptions extends LevelOptions {
  /** See {@link Alternative}. Defaults to `"two-sided"`. */
  alternative?: Alternative;
}

/** A Mann-Whitney comparison: the shared {@link Comparison} plus the statistic W. */
export interface MannWhitneyComparison extends Comparison<"hodges-lehmann"> {
  /** Pairs with a_i > b_j, ties counting ½ (R's W). */
  w: number;
  /** How the p-value was computed. */
  test: "exact" | "normal";
  alternative: Alternative;
}

/** Below this many values in each sample (and without ties) the p-value is exact, as in R. */
export const EXACT_BELOW = 50;

/**
 * The distribution of W for samples of n and m values without ties: P(W = w) for w = 0..nm.
 * The number of arrangements giving W = w is the coefficient of q^w in the Gaussian binomial
 * coefficient [n + m choose n]_q = Π_(i=1..n) (1 − q^(m+i)) / (1 − q^i), built one factor at
 * a time (each partial product is itself a Gaussian binomial, so every coefficient stays
 * positive), then divided by their sum, C(n + m, n).
 */
function exactDistribution(n: number, m: number): Float64Array {
  const size = n * m + 1;
  const counts = new Float64Array(size);
  counts[0] = 1;
  for (let i = 1; i <= n; i++) {
    // × (1 − q^(m+i)): from the top down, so each coefficient is read before it changes.
    for (let w = size - 1; w >= m + i; w--)
      counts[w] = (counts[w] as number) - (counts[w - m - i] as number);
    // ÷ (1 − q^i): a running sum with stride i.
    for (let w = i; w < size; w++) counts[w] = (counts[w] as number) + (counts[w - i] as number);
  }
  let total = 0;
  for (let w = 0; w < size; w++) total += counts[w] as number;
  for (let w = 0; w < size; w++) counts[w] = (counts[w] as number) / total;
  return counts;
}

/** Ascending copy of finite values; throws on anything else. */
function sortedSample(fn: string, name: string, values: readonly number[]): Float64Array {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new TypeError(`${fn}: ${name} must be an array of numbers, got ${show(values)}`);
  }
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i] as number)) {
      throw new RangeError(`${fn}: ${name} must hold finite numbers, got ${show(values[i])}`);
    }
  }
  return out.sort();
}

/**
 * W and the tie term Σ(t³ − t) over groups of tied values, from the two sorted samples by
 * ranking their union once.
 */
function rankStatistic(a: Float64Array, b: Float64Array): { w: number; ties: number } {
  const n = a.length;
  const all: { value: number; fromA: boolean }[] = [];
  for (const value of a) all.push({ value, fromA: true });
  for (const value of b) all.push({ value, fromA: false });
  all.sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let ties = 0;
  for (let start = 0; start < all.length; ) {
    let end = start;
    while (
      end + 1 < all.length &&
      (all[end + 1] as { value: number }).value === (all[start] as { value: number }).value
    )
      end++;
    const t = end - start + 1;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++)
      if ((all[i] as { fromA: boolean }).fromA) rankSumA += midRank;
    ties += t * t * t - t;
    start = end + 1;
  }
  return { w: rankSumA - (n * (n + 1)) / 2, ties };
}

/**
 * Counts the differences a_i − b_j that are ≤ t, and finds the largest difference ≤ t and
 * the smallest > t, in one pass: as a_i grows, the b_j with a_i − b_j ≤ t start further on.
 */
function countAtMost(
  a: Float64Array,
  b: Float64Array,
  t: number,
): { count: number; below: number; above: number } {
  const m = b.length;
  let j = 0;
  let count = 0;
  let below = Number.NEGATIVE_INFINITY;
  let above = Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    while (j < m && ai - (b[j] as number) > t) j++;
    count += m - j;
    if (j < m) below = Math.max(below, ai - (b[j] as number));
    if (j > 0) above = Math.min(above, ai - (b[j - 1] as number));
  }
  return { count, below, above };
}

/**
 * The k-th smallest (1-based) of the differences a_i − b_j, by bisection on its value between
 * the smallest and the largest difference, each step jumping to an actual difference.
 */
function kthDifference(a: Float64Array, b: Float64Array, k: number): number {
  let low = (a[0] as number) - (b[b.length - 1] as number);
  let high = (a[a.length - 1] as number) - (b[0] as number);
  while (low < high) {
    let mid = low + (high - low) / 2;
    if (mid >= high) mid = low;
    const { count, below, above } = countAtMost(a, b, mid);
    // The k-th difference is ≤ mid (then it is ≤ the largest difference ≤ mid), or above it.
    if (count >= k) high = below;
    else low = above;
  }
  return low;
}

/** P(from ≤ W ≤ to) from the exact distribution. */
function probabilityBetween(distribution: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i <= to && i < distribution.length; i++) {
    sum += distribution[i] as number;
  }
  return Math.min(1, sum);
}

/**
 * The Wilcoxon rank-sum / Mann-Whitney comparison of two samples: W, the p-value (exact or
 * normal, see the file's introduction), the Hodges-Lehmann shift a − b with its interval,
 * and `tooSmall` when no outcome could be significant.
 *
 * @param a - The first sample (this period's durations), in any order.
 * @param b - The second sample.
 * @param options - `level` (default 0.95) and `alternative` (default `"two-sided"`).
 * @returns The comparison, or `null` when either sample is empty.
 *
 * @example
 * // R's ?wilcox.test example: W = 35, exact one-sided p = 0.1272
 * const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
 * const y = [1.15, 0.88, 0.9, 0.74, 1.21];
 * const { w, pValue, test } = mannWhitney(x, y, { alternative: "greater" });
 * [w, pValue, test]
 * //=> [35, 0.1272, "exact"]
 */
export function mannWhitney(
  a: readonly number[],
  b: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyComparison | null {
  const fn = "mannWhitney";
  const level = requireLevel(fn, options.level);
  const alternative = options.alternative ?? "two-sided";
  if (!ALTERNATIVES.includes(alternative)) {
    throw new RangeError(
      `${fn}: alternative must be one of ${ALTERNATIVES.join(", ")}, got ${show(alternative)}`,
    );
  }
  const xs = sortedSample(fn, "a", a);
  const ys = sortedSample(fn, "b", b);
  const n = xs.length;
  const m = ys.length;
  if (n === 0 || m === 0) return null;
  const pairs = n * m;
  const { w, ties } = rankStatistic(xs, ys);
  const alpha = 1 - level;
  const exact = ties === 0 && n < EXACT_BELOW && m < EXACT_BELOW;

  let pValue: number;
  let k: number; // rank of the interval's lower end among the sorted differences
  if (exact) {
    const distribution = exactDistribution(n, m);
    // Each tail summed on its own side, so a small tail keeps its digits.
    const atMost = (x: number) => probabilityBetween(distribution, 0, x);
    const atLeast = (x: number) => probabilityBetween(distribution, x, pairs);
    if (alternative === "greater") pValue = atLeast(w);
    else if (alternative === "less") pValue = atMost(w);
    else pValue = Math.min(1, 2 * (w > pairs / 2 ? atLeast(w) : atMost(w)));
    // The largest k with P(W ≤ k − 1) ≤ α/2.
    k = 0;
    for (let below = distribution[0] as number; k < pairs && below <= alpha / 2; k++) {
      below += distribution[k + 1] as number;
    }
  } else {
    const total = n + m;
    const sigma = Math.sqrt(((n * m) / 12) * (total + 1 - ties / (total * (total - 1))));
    const centred = w - pairs / 2;
    const correction =
      alternative === "two-sided"
        ? Math.sign(centred) * 0.5
        : alternative === "greater"
          ? 0.5
          : -0.5;
    const z = sigma === 0 ? 0 : (centred - correction) / sigma;
    if (sigma === 0) pValue = 1;
    else if (alternative === "greater") pValue = normalCdf(-z);
    else if (alternative === "less") pValue = normalCdf(z);
    else pValue = Math.min(1, 2 * normalCdf(-Math.abs(z)));
    k = Math.floor(pairs / 2 - criticalZ(level) * Math.sqrt((pairs * (total + 1)) / 12));
  }

  const middle = (pairs + 1) / 2;
  const difference =
    pairs % 2 === 1
      ? kthDifference(xs, ys, middle)
      : (kthDifference(xs, ys, Math.floor(middle)) + kthDifference(xs, ys, Math.ceil(middle))) / 2;
  // The smallest two-sided p-value any data could give: both extreme arrangements of C(n + m, n).
  const smallestP = 2 * Math.exp(-logChoose(n + m, n));
  return {
    difference,
    interval:
      k >= 1
        ? {
            lower: kthDifference(xs, ys, k),
            upper: kthDifference(xs, ys, pairs + 1 - k),
            level,
            method: "hodges-lehmann",
          }
        : null,
    pValue,
    test: exact ? "exact" : "normal",
    tooSmall: smallestP > alpha,
    w,
    alternative,
  };
}
