/**
 * Confidence intervals for a proportion: successes out of n independent trials (satisfied
 * answers out of answered surveys, tickets resolved on first contact out of resolved
 * tickets). Three methods, by name:
 *
 * - `"wilson"` (default): the score interval (E. B. Wilson, JASA 22, 1927). Its coverage is
 *   close to the level on average even for small n, it never leaves [0, 1], and it is the
 *   interval Brown, Cai & DasGupta (Statistical Science 16(2), 2001) recommend for small n.
 * - `"agresti-coull"`: the Wald interval around the Wilson centre (A. Agresti & B. A. Coull,
 *   The American Statistician 52, 1998): add z²/2 successes and z²/2 failures, then use the
 *   textbook formula. A little wider than Wilson; recommended by Brown et al. for n ≥ 40.
 * - `"clopper-pearson"`: the exact interval (C. J. Clopper & E. S. Pearson, Biometrika 26,
 *   1934), from beta quantiles. Its coverage is never below the level, so it is conservative
 *   (wider); use it when under-coverage is not acceptable.
 */

import { show } from "../reduce/arguments.ts";
import { inverseRegularizedBeta } from "./beta.ts";
import { requireCount, requireLevel } from "./checks.ts";
import { type Bounds, type ConfidenceInterval, criticalZ, type LevelOptions } from "./interval.ts";

/** A proportion interval method, by name. */
export type ProportionMethod = "wilson" | "agresti-coull" | "clopper-pearson";

/** Every {@link ProportionMethod}, for option checks. */
export const PROPORTION_METHODS: readonly ProportionMethod[] = [
  "wilson",
  "agresti-coull",
  "clopper-pearson",
];

/** Options for {@link proportionInterval}. */
export interface ProportionIntervalOptions extends LevelOptions {
  /** See {@link ProportionMethod}. Defaults to `"wilson"`. */
  method?: ProportionMethod;
}

/** Checks successes and n; `false` means n = 0, where no interval exists. */
function counts(fn: string, successes: number, n: number): boolean {
  requireCount(fn, "n", n, 0, Number.POSITIVE_INFINITY);
  requireCount(fn, "successes", successes, 0, n);
  return n > 0;
}

/** Wilson's bounds for checked counts (n > 0) and level. */
function wilson(successes: number, n: number, level: number): Bounds {
  const z = criticalZ(level);
  const z2 = z * z;
  const centre = (successes + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((successes * (n - successes)) / n + z2 / 4);
  // At 0 and n the formula gives 0 and 1 up to rounding; say them exactly.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The Wilson score interval for a proportion, as fractions from 0 to 1.
 *
 * With z the two-sided normal critical value of `level`, p̂ = successes / n:
 * centre = (successes + z²/2) / (n + z²), half-width = z / (n + z²) · √(n p̂ (1 − p̂) + z²/4).
 * It is the set of proportions p that the score test of p would not reject, so it stays in
 * [0, 1] and is not centred on p̂ (it leans towards ½). Newcombe (Statistics in Medicine 17,
 * 1998, "Two-sided confidence intervals for the single proportion") gives 81/263 →
 * 0.2553–0.3662 and 0/20 → 0–0.1611 at 95 %.
 *
 * @param successes - A whole number from 0 to n.
 * @param n - Trials, a whole number ≥ 0.
 * @param options - `level`, from 0 to 1 exclusive (default 0.95).
 * @returns `{ lower, upper }`, or `null` when n is 0 (no data, no interval).
 *
 * @example
 * // Newcombe (1998): 81 of 263 → 0.2553 to 0.3662
 * wilsonInterval(81, 263)
 * //=> { lower: 0.2553, upper: 0.3662 }
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: LevelOptions = {},
): Bounds | null {
  const level = requireLevel("wilsonInterval", options.level);
  if (!counts("wilsonInterval", successes, n)) return null;
  return wilson(successes, n, level);
}

/**
 * The Agresti-Coull interval for a proportion, as fractions: with ñ = n + z² and
 * p̃ = (successes + z²/2) / ñ, the interval p̃ ± z √(p̃ (1 − p̃) / ñ), clipped to [0, 1]
 * (Agresti & Coull, The American Statistician 52, 1998; Brown, Cai & DasGupta 2001, §4.1.2).
 *
 * @returns `{ lower, upper }`, or `null` when n is 0.
 *
 * @example
 * // 81 of 263 at 95 %: p̃ = 82.92 / 266.84 = 0.3108, half-width 0.0555
 * agrestiCoullInterval(81, 263)
 * //=> { lower: 0.2552, upper: 0.3663 }
 */
export function agrestiCoullInterval(
  successes: number,
  n: number,
  options: LevelOptions = {},
): Bounds | null {
  const level = requireLevel("agrestiCoullInterval", options.level);
  if (!counts("agrestiCoullInterval", successes, n)) return null;
  return agrestiCoull(successes, n, level);
}

/** Agresti-Coull bounds for checked counts (n > 0) and level. */
function agrestiCoull(successes: number, n: number, level: number): Bounds {
  const z = criticalZ(level);
  const total = n + z * z;
  const centre = (successes + (z * z) / 2) / total;
  const half = z * Math.sqrt((centre * (1 - centre)) / total);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * The exact Clopper-Pearson interval for a proportion, as fractions: with α = 1 − level,
 * lower = the α/2 quantile of Beta(successes, n − successes + 1) (0 when successes = 0),
 * upper = the 1 − α/2 quantile of Beta(successes + 1, n − successes) (1 when successes = n)
 * (Clopper & Pearson, Biometrika 26, 1934). Each tail is guaranteed to hold at most α/2, so
 * the coverage is at least the level for every true proportion.
 *
 * @returns `{ lower, upper }`, or `null` when n is 0.
 *
 * @example
 * // R: binom.test(0, 20)$conf.int = 0 to 0.1684335
 * clopperPearsonInterval(0, 20)
 * //=> { lower: 0, upper: 0.1684335 }
 */
export function clopperPearsonInterval(
  successes: number,
  n: number,
  options: LevelOptions = {},
): Bounds | null {
  const level = requireLevel("clopperPearsonInterval", options.level);
  if (!counts("clopperPearsonInterval", successes, n)) return null;
  return clopperPearson(successes, n, level);
}

/** Clopper-Pearson bounds for checked counts (n > 0) and level. */
function clopperPearson(successes: number, n: number, level: number): Bounds {
  const tail = (1 - level) / 2;
  return {
    lower: successes === 0 ? 0 : inverseRegularizedBeta(tail, successes, n - successes + 1),
    upper: successes === n ? 1 : inverseRegularizedBeta(1 - tail, successes + 1, n - successes),
  };
}

const BY_METHOD = {
  wilson,
  "agresti-coull": agrestiCoull,
  "clopper-pearson": clopperPearson,
} as const;

/**
 * A confidence interval for a proportion by any method, as fractions from 0 to 1, with the
 * level and method that made it. See the file's introduction for when to use which method.
 *
 * @param successes - A whole number from 0 to n.
 * @param n - Trials, a whole number ≥ 0.
 * @param options - `level` (default 0.95) and `method` (default `"wilson"`).
 * @returns `{ lower, upper, level, method }`, or `null` when n is 0.
 *
 * @example
 * // Newcombe (1998): 1 of 29 → Wilson 0.0061–0.1718, Clopper-Pearson 0.0009–0.1776
 * [proportionInterval(1, 29), proportionInterval(1, 29, { method: "clopper-pearson" })]
 * //=> [{ lower: 0.0061, upper: 0.1718, level: 0.95, method: "wilson" }, { lower: 0.0009, upper: 0.1776, level: 0.95, method: "clopper-pearson" }]
 */
export function proportionInterval(
  successes: number,
  n: number,
  options: ProportionIntervalOptions = {},
): ConfidenceInterval<ProportionMethod> | null {
  const method = options.method ?? "wilson";
  if (!PROPORTION_METHODS.includes(method)) {
    throw new RangeError(
      `proportionInterval: method must be one of ${PROPORTION_METHODS.join(", ")}, got ${show(method)}`,
    );
  }
  const level = requireLevel("proportionInterval", options.level);
  if (!counts("proportionInterval", successes, n)) return null;
  return { ...BY_METHOD[method](successes, n, level), level, method };
}
