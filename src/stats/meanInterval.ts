/**
 * Intervals for a mean (CES, a mean handle time): Student's t interval from the count, the
 * mean and the sample variance.
 *
 * What a mergeable state keeps: n, Σx and Σx², all additive, so shards and periods merge
 * exactly (with {@link exactSum}-style summation the merge does not even depend on order);
 * {@link momentsFromSums} turns them into a mean and a variance. The price is cancellation in
 * Σx² − (Σx)²/n: the variance loses about log10(mean² / variance) of its 16 digits, which is
 * harmless for durations and survey scores (a coefficient of variation of 1 % still leaves
 * 12 digits) but not for data far from 0 with tiny spread; with the values at hand,
 * `momentsOf` uses two passes and has no such loss.
 */
import { show } from "../reduce/arguments.ts";
import { requireCount, requireLevel } from "./checks.ts";
import type { ConfidenceInterval, LevelOptions } from "./interval.ts";
import { studentTQuantile } from "./studentT.ts";

/** A sample summarised: its size, mean and sample variance (divisor n − 1). */
export interface Moments {
  n: number;
  mean: number;
  /** Σ(x − mean)² / (n − 1); 0 when n is 1. */
  variance: number;
}

/** The additive sums a mergeable mean state can keep. */
export interface Sums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

/** A t interval for a mean, with what it was computed from. */
export interface MeanInterval extends ConfidenceInterval<"t"> {
  /** The sample mean: the interval's centre. */
  mean: number;
  /** The half-width: t × √(variance / n). */
  margin: number;
  /** Degrees of freedom, n − 1. */
  df: number;
}

/**
 * The size, mean and sample variance of some values, in two passes (the mean first, then the
 * squared deviations from it), so no digits cancel.
 *
 * @returns `null` for no values.
 *
 * @example
 * // mean (2 + 4 + 6) / 3 = 4; variance (4 + 0 + 4) / 2 = 4
 * momentsOf([2, 4, 6])
 * //=> { n: 3, mean: 4, variance: 4 }
 */
export function momentsOf(values: ArrayLike<number>): Moments | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - mean;
    squares += deviation * deviation;
  }
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/**
 * The size, mean and sample variance from additive sums, what a mergeable state keeps:
 * variance = (Σx² − (Σx)² / n) / (n − 1), never below 0. See the file's introduction for the
 * digits this loses.
 *
 * @returns `null` when n is 0.
 *
 * @example
 * // 2, 4, 6: Σx = 12, Σx² = 56 → variance (56 − 144 / 3) / 2 = 4
 * momentsFromSums({ n: 3, sum: 12, sumOfSquares: 56 })
 * //=> { n: 3, mean: 4, variance: 4 }
 */
export function momentsFromSums(sums: Sums): Moments | null {
  const n = requireCount("momentsFromSums", "n", sums.n, 0, Number.POSITIVE_INFINITY);
  if (n === 0) return null;
  const mean = sums.sum / n;
  const variance = n > 1 ? Math.max(0, (sums.sumOfSquares - sums.sum * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/**
 * Student's t interval for a mean: mean ± t(1 − α/2, n − 1) × √(variance / n), with α =
 * 1 − level (W. S. Gosset, "The probable error of a mean", Biometrika 6, 1908). It assumes
 * roughly normal data or enough of it; for skewed durations prefer an interval for the
 * median ({@link quantileInterval}).
 *
 * @param moments - `{ n, mean, variance }` (see `momentsOf`, {@link momentsFromSums}).
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns `{ lower, upper, level, method: "t", mean, margin, df }`, or `null` when n < 2
 *   (one value says nothing about spread).
 *
 * @example
 * // CES answers 4 5 5 3 4 2 5 4 4 5: mean 4.1, variance 0.98889, t(0.975, 9) = 2.26216
 * // 4.1 ± 2.26216 × √(0.98889 / 10) = 4.1 ± 0.71137 (R: t.test(x)$conf.int)
 * const { lower, upper } = meanInterval(momentsOf([4, 5, 5, 3, 4, 2, 5, 4, 4, 5]));
 * [lower, upper]
 * //=> [3.388628400280501, 4.811371599719498]
 */
export function meanInterval(
  moments: Moments | null,
  options: LevelOptions = {},
): MeanInterval | null {
  const level = requireLevel("meanInterval", options.level);
  if (moments === null) return null;
  const n = requireCount("meanInterval", "n", moments.n, 0, Number.POSITIVE_INFINITY);
  const { mean, variance } = moments;
  if (typeof mean !== "number" || !Number.isFinite(mean)) {
    throw new TypeError(`meanInterval: mean must be a finite number, got ${show(mean)}`);
  }
  if (typeof variance !== "number" || !(variance >= 0 && variance < Number.POSITIVE_INFINITY)) {
    throw new RangeError(
      `meanInterval: variance must be a finite number at least 0, got ${show(variance)}`,
    );
  }
  if (n < 2) return null;
  const df = n - 1;
  const margin = studentTQuantile(0.5 + level / 2, df) * Math.sqrt(variance / n);
  return { lower: mean - margin, upper: mean + margin, level, method: "t", mean, margin, df };
}
