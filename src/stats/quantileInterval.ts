/**
 * A distribution-free interval for a quantile (the median, p90) from order statistics.
 *
 * If B counts how many of n independent values fall below the true q-quantile, B is
 * Binomial(n, q) whatever the distribution (as long as it is continuous), and the true
 * quantile lies between the l-th and u-th smallest values exactly when l ≤ B ≤ u − 1. So
 * [x(l), x(u)] covers it with probability P(l ≤ B ≤ u − 1) = F(u − 1) − F(l − 1), F the
 * binomial distribution function (W. R. Thompson, Annals of Math. Statistics 7, 1936;
 * W. J. Conover, "Practical Nonparametric Statistics", 3rd ed. 1999, §3.2).
 *
 * The ranks are chosen with at most α/2 in each tail: l is the largest rank with
 * F(l − 1) ≤ α/2 and u the smallest with F(u − 1) ≥ 1 − α/2. Because B is discrete the
 * achieved coverage is at least the level and usually above it; it is reported. For n = 10
 * the median's interval is [x(2), x(9)], covering with 1 − 22/1024 = 97.9 %.
 */
import { show } from "../reduce/arguments.ts";
import { binomialCdf } from "./binomial.ts";
import { requireCount, requireLevel, requireProbability } from "./checks.ts";
import type { ConfidenceInterval, LevelOptions } from "./interval.ts";

/** The ranks of an order-statistic interval and the probability that they cover. */
export interface OrderStatisticRanks {
  /** 1-based rank of the lower end. */
  lowerRank: number;
  /** 1-based rank of the upper end. */
  upperRank: number;
  /** P(x(lowerRank) ≤ true quantile ≤ x(upperRank)), at least the level asked for. */
  coverage: number;
}

/** An order-statistic interval for a quantile, with its ranks and achieved coverage. */
export interface QuantileInterval
  extends ConfidenceInterval<"order-statistics">,
    OrderStatisticRanks {}

/**
 * The ranks of the distribution-free interval for the q-quantile of n values (see the file's
 * introduction), found by bisection on the binomial distribution function.
 *
 * @returns The ranks and their coverage, or `null` when n is too small for any pair of order
 *   statistics to keep each tail under α/2 (n < 6 for a 95 % median interval, n < 36 for a
 *   95 % p90 interval).
 *
 * @example
 * // n = 10, median: F(1) = 11/1024 ≤ 0.025 < F(2), F(8) = 1013/1024 ≥ 0.975 → x(2) to x(9)
 * orderStatisticRanks(10, 0.5)
 * //=> { lowerRank: 2, upperRank: 9, coverage: 0.978515625 }
 */
export function orderStatisticRanks(
  n: number,
  q: number,
  options: LevelOptions = {},
): OrderStatisticRanks | null {
  const level = requireLevel("orderStatisticRanks", options.level);
  requireCount("orderStatisticRanks", "n", n, 0, Number.POSITIVE_INFINITY);
  requireProbability("orderStatisticRanks", "q", q);
  if (n === 0) return null;
  const tail = (1 - level) / 2;
  const cdf = (k: number) => binomialCdf(k, n, q);
  // Lower: the largest j = l − 1 in [0, n − 1] with F(j) ≤ α/2.
  if (!(cdf(0) <= tail)) return null;
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cdf(mid) <= tail) low = mid;
    else high = mid - 1;
  }
  const lowerJ = low;
  // Upper: the smallest j = u − 1 in [0, n − 1] with F(j) ≥ 1 − α/2.
  if (!(cdf(n - 1) >= 1 - tail)) return null;
  low = 0;
  high = n - 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (cdf(mid) >= 1 - tail) high = mid;
    else low = mid + 1;
  }
  const upperJ = low;
  return { lowerRank: lowerJ + 1, upperRank: upperJ + 1, coverage: cdf(upperJ) - cdf(lowerJ) };
}

/**
 * A distribution-free confidence interval for the q-quantile of the population the values
 * came from: two of the values themselves, chosen by rank (see the file's introduction).
 * With ties the coverage is approximate (slightly conservative).
 *
 * @param sorted - The values in ascending order (a duration result's values, sorted).
 * @param q - The quantile, from 0 to 1 (0.5 for the median, 0.9 for p90).
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns `{ lower, upper, level, method, lowerRank, upperRank, coverage }`, or `null` when
 *   there are too few values (see `orderStatisticRanks`).
 *
 * @example
 * // 10 resolution times in minutes: the median's interval is the 2nd to the 9th value
 * const minutes = [3, 5, 8, 12, 15, 20, 31, 45, 60, 240];
 * const { lower, upper, coverage } = quantileInterval(minutes, 0.5);
 * [lower, upper, coverage]
 * //=> [5, 60, 0.978515625]
 */
export function quantileInterval(
  sorted: ArrayLike<number>,
  q: number,
  options: LevelOptions = {},
): QuantileInterval | null {
  const level = requireLevel("quantileInterval", options.level);
  requireProbability("quantileInterval", "q", q);
  for (let i = 1; i < sorted.length; i++) {
    if (!((sorted[i - 1] as number) <= (sorted[i] as number))) {
      throw new RangeError(
        `quantileInterval: values must be sorted in ascending order, got ${show(sorted[i - 1])} before ${show(sorted[i])}`,
      );
    }
  }
  const ranks = orderStatisticRanks(sorted.length, q, { level });
  if (ranks === null) return null;
  return {
    lower: sorted[ranks.lowerRank - 1] as number,
    upper: sorted[ranks.upperRank - 1] as number,
    level,
    method: "order-statistics",
    ...ranks,
  };
}
