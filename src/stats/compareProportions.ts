/**
 * Comparing two proportions (a CSAT this month against last month, an SLA attainment in two
 * channels).
 *
 * - Difference: p̂a − p̂b, as a fraction.
 * - Interval: Newcombe's hybrid score interval (R. G. Newcombe, "Interval estimation for the
 *   difference between independent proportions: comparison of eleven methods", Statistics in
 *   Medicine 17, 1998, method 10). With (la, ua) and (lb, ub) the two Wilson intervals:
 *   lower = d − √((p̂a − la)² + (ub − p̂b)²), upper = d + √((ua − p̂a)² + (p̂b − lb)²).
 *   Newcombe's examples: 56/70 − 48/80 → 0.0524 to 0.3339; 9/10 − 3/10 → 0.1705 to 0.8090;
 *   10/10 − 0/20 → 0.6791 to 1.
 * - p-value: the two-sample score (pooled z) test, z = d / √(p̄ (1 − p̄) (1/na + 1/nb)) with
 *   p̄ the pooled proportion; the same as Pearson's chi-squared test of the 2 × 2 table
 *   without continuity correction (R: `prop.test(..., correct = FALSE)`).
 * - Too small: when any of the four expected counts na p̄, na (1 − p̄), nb p̄, nb (1 − p̄) is
 *   below 5, the usual condition for the chi-squared approximation of a 2 × 2 table
 *   (W. G. Cochran, "Some methods for strengthening the common χ² tests", Biometrics 10, 1954).
 *   The interval stays valid for small samples; it is the p-value that is not to be trusted.
 */
import { requireCount, requireLevel } from "./checks.ts";
import type { Comparison } from "./comparison.ts";
import type { LevelOptions } from "./interval.ts";
import { normalCdf } from "./normal.ts";
import { wilsonInterval } from "./proportion.ts";

/** One group of a proportion comparison: successes out of n. */
export interface ProportionCounts {
  successes: number;
  n: number;
}

/** The smallest expected cell count for the score test to be trusted (Cochran 1954). */
export const MIN_EXPECTED_COUNT = 5;

/**
 * Compares two proportions: their difference a − b (as a fraction), Newcombe's hybrid score
 * interval for it, the score test's two-sided p-value, and `tooSmall` when an expected cell
 * count is under 5 (see the file's introduction).
 *
 * @param a - The first group, `{ successes, n }` (this period).
 * @param b - The second group (the period compared against).
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns The comparison, or `null` when either group is empty.
 *
 * @example
 * // Newcombe (1998b), example (a): 56/70 − 48/80 = 0.2, 95 % interval 0.0524 to 0.3339
 * const { difference, interval, pValue } = compareProportions(
 *   { successes: 56, n: 70 },
 *   { successes: 48, n: 80 },
 * );
 * [difference, interval.lower, interval.upper, pValue]
 * //=> [0.2, 0.0524, 0.3339, 0.008]
 */
export function compareProportions(
  a: ProportionCounts,
  b: ProportionCounts,
  options: LevelOptions = {},
): Comparison<"newcombe"> | null {
  const fn = "compareProportions";
  const level = requireLevel(fn, options.level);
  const na = requireCount(fn, "a.n", a.n, 0, Number.POSITIVE_INFINITY);
  const xa = requireCount(fn, "a.successes", a.successes, 0, na);
  const nb = requireCount(fn, "b.n", b.n, 0, Number.POSITIVE_INFINITY);
  const xb = requireCount(fn, "b.successes", b.successes, 0, nb);
  if (na === 0 || nb === 0) return null;
  const pa = xa / na;
  const pb = xb / nb;
  const difference = pa - pb;
  const wa = wilsonInterval(xa, na, { level }) as { lower: number; upper: number };
  const wb = wilsonInterval(xb, nb, { level }) as { lower: number; upper: number };
  const lower = difference - Math.hypot(pa - wa.lower, wb.upper - pb);
  const upper = difference + Math.hypot(wa.upper - pa, pb - wb.lower);
  const pooled = (xa + xb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  // All successes or all failures in both groups: no variance, and no difference either.
  const pValue = se === 0 ? 1 : 2 * normalCdf(-Math.abs(difference) / se);
  const smallestExpected = Math.min(na, nb) * Math.min(pooled, 1 - pooled);
  return {
    difference,
    interval: {
      lower: Math.max(-1, lower),
      upper: Math.min(1, upper),
      level,
      method: "newcombe",
    },
    pValue,
    test: "score",
    tooSmall: smallestExpected < MIN_EXPECTED_COUNT,
  };
}
