/**
 * Comparing two NPS (this quarter against the last, one product against another).
 *
 * Each NPS is a mean of +100 / 0 / −100 scores, so the difference of two independent NPS has
 * variance va / na + vb / nb, each v the trinomial variance p + d − (p − d)² of its group
 * (the same variance as {@link npsMarginOfError}; J. Rocks, "Confidence intervals for the Net
 * Promoter Score", 2016). The test is the two-sample z test:
 * z = (NPSa − NPSb) / (100 √(va / na + vb / nb)), two-sided p = 2 Φ(−|z|), and the interval
 * is the difference ± z(level) × that standard error, in NPS points.
 *
 * Too small: when either group has fewer than 30 answers, the usual floor for a z test on a
 * mean of a bounded variable, or when both groups' answers are all in one category (no
 * variance to test against). The 30 is a convention, not a theorem: below it the normal
 * approximation of a three-valued mean is rough, and one answer moves an NPS by more than
 * 3 points.
 */
import { requireLevel } from "./checks.ts";
import type { Comparison } from "./comparison.ts";
import { criticalZ, type LevelOptions } from "./interval.ts";
import { normalCdf } from "./normal.ts";
import { checkNpsCounts, type NpsCounts, npsVariance } from "./npsInterval.ts";

/** The fewest answers per group for an NPS comparison to be trusted. */
export const NPS_MIN_ANSWERS = 30;

/**
 * Compares two NPS: their difference a − b in points, its z interval, the z test's two-sided
 * p-value, and `tooSmall` under 30 answers in a group (see the file's introduction).
 *
 * @param a - The first group's `{ promoters, detractors, n }` (this period).
 * @param b - The second group's (the period compared against).
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns The comparison, or `null` when either group has no answer.
 *
 * @example
 * // 60 promoters, 20 detractors of 120 (NPS 33.33) against 45 and 30 of 110 (NPS 13.64):
 * // difference 19.70 points, standard error 10.32, z = 1.91, p = 0.056: not significant
 * const { difference, interval, pValue } = compareNps(
 *   { promoters: 60, detractors: 20, n: 120 },
 *   { promoters: 45, detractors: 30, n: 110 },
 * );
 * [difference, interval.lower, interval.upper, pValue]
 * //=> [19.70, -0.54, 39.93, 0.0564]
 */
export function compareNps(
  a: NpsCounts,
  b: NpsCounts,
  options: LevelOptions = {},
): Comparison<"z"> | null {
  const fn = "compareNps";
  const level = requireLevel(fn, options.level);
  const hasA = checkNpsCounts(fn, a);
  const hasB = checkNpsCounts(fn, b);
  if (!hasA || !hasB) return null;
  const difference =
    (100 * (a.promoters - a.detractors)) / a.n - (100 * (b.promoters - b.detractors)) / b.n;
  const se =
    100 *
    Math.sqrt(
      npsVariance(a.promoters, a.detractors, a.n) / a.n +
        npsVariance(b.promoters, b.detractors, b.n) / b.n,
    );
  const pValue = se === 0 ? (difference === 0 ? 1 : 0) : 2 * normalCdf(-Math.abs(difference) / se);
  const margin = criticalZ(level) * se;
  return {
    difference,
    interval: {
      lower: Math.max(-200, difference - margin),
      upper: Math.min(200, difference + margin),
      level,
      method: "z",
    },
    pValue,
    test: "z",
    tooSmall: Math.min(a.n, b.n) < NPS_MIN_ANSWERS || se === 0,
  };
}
