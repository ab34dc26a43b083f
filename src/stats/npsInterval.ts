/**
 * How sure an NPS is. NPS = 100 × (promoters − detractors) / n is the mean of a score that is
 * +100 for a promoter, 0 for a passive and −100 for a detractor, so its standard error comes
 * from that three-valued (trinomial) variable: with p and d the promoter and detractor shares,
 * the variance of one answer is p + d − (p − d)², in fractions squared, and the NPS's is that
 * divided by n.
 *
 * Two intervals, in NPS points:
 * - `"adjusted-wald"` (default): add ¾ of an answer to the promoters and to the detractors and
 *   3 to n, then use the Wald formula (J. Rocks, "Confidence intervals for the Net Promoter
 *   Score", 2016, after Agresti & Coull's adjustment for proportions). It does not collapse
 *   to a point when every answer is a promoter, and covers better for small n; it is centred
 *   on the adjusted NPS, not on the reported one.
 * - `"wald"`: NPS ± z × the standard error: the plain margin of error.
 *
 * Both are clipped to [−100, 100].
 */
import { show } from "../reduce/arguments.ts";
import { requireCount, requireLevel } from "./checks.ts";
import { type ConfidenceInterval, criticalZ, type LevelOptions } from "./interval.ts";

/** The counts an NPS interval reads (an `NpsResult` has them all). */
export interface NpsCounts {
  promoters: number;
  detractors: number;
  /** Every answer counted: promoters + passives + detractors. */
  n: number;
}

/** An NPS interval method, by name. */
export type NpsIntervalMethod = "adjusted-wald" | "wald";

/** Every {@link NpsIntervalMethod}, for option checks. */
export const NPS_INTERVAL_METHODS: readonly NpsIntervalMethod[] = ["adjusted-wald", "wald"];

/** Options for {@link npsInterval}. */
export interface NpsIntervalOptions extends LevelOptions {
  /** See {@link NpsIntervalMethod}. Defaults to `"adjusted-wald"`. */
  method?: NpsIntervalMethod;
}

/** An NPS interval with its centre and half-width, in NPS points. */
export interface NpsInterval extends ConfidenceInterval<NpsIntervalMethod> {
  /** The centre: the NPS itself (`"wald"`) or the adjusted NPS (`"adjusted-wald"`). */
  centre: number;
  /** The half-width before clipping to [−100, 100]: the margin of error. */
  margin: number;
}

/**
 * Checks NPS counts in the library's error grammar: whole numbers, promoters + detractors ≤ n.
 *
 * @returns `false` when n is 0 (no answer, so no interval), `true` otherwise.
 *
 * @example
 * [checkNpsCounts("npsInterval", { promoters: 5, detractors: 3, n: 10 }),
 *   checkNpsCounts("npsInterval", { promoters: 0, detractors: 0, n: 0 })]
 * //=> [true, false]
 */
export function checkNpsCounts(fn: string, counts: NpsCounts): boolean {
  if (typeof counts !== "object" || counts === null) {
    throw new TypeError(
      `${fn}: counts must be an object { promoters, detractors, n }, got ${show(counts)}`,
    );
  }
  const n = requireCount(fn, "n", counts.n, 0, Number.POSITIVE_INFINITY);
  const promoters = requireCount(fn, "promoters", counts.promoters, 0, n);
  requireCount(fn, "detractors", counts.detractors, 0, n - promoters);
  return n > 0;
}

/**
 * The variance of one answer's score, in fractions squared: p + d − (p − d)², with p and d
 * the promoter and detractor shares among n answers.
 *
 * @example
 * // 5 promoters, 3 detractors of 10: 0.5 + 0.3 − 0.2² = 0.76
 * npsVariance(5, 3, 10)
 * //=> 0.76
 */
export function npsVariance(promoters: number, detractors: number, n: number): number {
  const p = promoters / n;
  const d = detractors / n;
  return Math.max(0, p + d - (p - d) * (p - d));
}

/**
 * The margin of error of an NPS, in points: 100 × z × √(variance / n) with the trinomial
 * variance (see the file's introduction).
 *
 * @param counts - `{ promoters, detractors, n }`, as an `NpsResult` has them.
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns The margin in NPS points, or `null` when n is 0.
 *
 * @example
 * // The definition book's 10 answers: 5 promoters, 3 detractors → NPS 20
 * // 100 × 1.96 × √(0.76 / 10) = 54.03 points
 * npsMarginOfError({ promoters: 5, detractors: 3, n: 10 })
 * //=> 54.03
 */
export function npsMarginOfError(counts: NpsCounts, options: LevelOptions = {}): number | null {
  const level = requireLevel("npsMarginOfError", options.level);
  if (!checkNpsCounts("npsMarginOfError", counts)) return null;
  const { promoters, detractors, n } = counts;
  return 100 * criticalZ(level) * Math.sqrt(npsVariance(promoters, detractors, n) / n);
}

/**
 * A confidence interval for an NPS, in points, by the adjusted Wald method (default) or the
 * plain Wald method; see the file's introduction.
 *
 * @param counts - `{ promoters, detractors, n }`, as an `NpsResult` has them.
 * @param options - `level` (default 0.95) and `method` (default `"adjusted-wald"`).
 * @returns `{ lower, upper, level, method, centre, margin }`, or `null` when n is 0.
 *
 * @example
 * // The definition book's 10 answers (NPS 20), adjusted: 5.75 and 3.75 of 13 →
 * // centre 15.38, margin 45.71 → −30.33 to 61.10 (Rocks 2016's method)
 * const { lower, upper, centre } = npsInterval({ promoters: 5, detractors: 3, n: 10 });
 * [lower, upper, centre]
 * //=> [-30.33, 61.10, 15.38]
 */
export function npsInterval(
  counts: NpsCounts,
  options: NpsIntervalOptions = {},
): NpsInterval | null {
  const method = options.method ?? "adjusted-wald";
  if (!NPS_INTERVAL_METHODS.includes(method)) {
    throw new RangeError(
      `npsInterval: method must be one of ${NPS_INTERVAL_METHODS.join(", ")}, got ${show(method)}`,
    );
  }
  const level = requireLevel("npsInterval", options.level);
  if (!checkNpsCounts("npsInterval", counts)) return null;
  // Rocks' adjustment: ¾ of an answer more in each extreme category, 3 answers more in all.
  const extra = method === "adjusted-wald" ? 0.75 : 0;
  const n = counts.n + 4 * extra;
  const promoters = counts.promoters + extra;
  const detractors = counts.detractors + extra;
  const centre = (100 * (promoters - detractors)) / n;
  const margin = 100 * criticalZ(level) * Math.sqrt(npsVariance(promoters, detractors, n) / n);
  return {
    lower: Math.max(-100, centre - margin),
    upper: Math.min(100, centre + margin),
    level,
    method,
    centre,
    margin,
  };
}
