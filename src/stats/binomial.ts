/**
 * The binomial distribution: the probability of k successes in n independent trials each
 * succeeding with probability p. Exact coverage sums, Clopper-Pearson limits and the
 * distribution-free quantile intervals all read it.
 */
import { regularizedBeta } from "./beta.ts";
import { requireCount, requireProbability } from "./checks.ts";
import { logChoose } from "./logGamma.ts";

/** Checks the arguments of the binomial functions; k may be any whole number. */
function check(fn: string, k: number, n: number, p: number): void {
  requireCount(fn, "n", n, 0, Number.POSITIVE_INFINITY);
  requireProbability(fn, "p", p);
  if (typeof k !== "number" || !Number.isInteger(k)) {
    throw new TypeError(`${fn}: k must be a whole number, got ${String(k)}`);
  }
}

/**
 * ln P(X = k) for X ~ Binomial(n, p), computed in log space:
 * ln C(n, k) + k ln p + (n − k) ln(1 − p), with ln(1 − p) by `log1p` so a small p keeps its
 * digits. Accurate to about 1e-12 relative (after `exp`) for n up to 10⁵.
 *
 * @returns −Infinity when the probability is 0 (k outside 0..n, or p at 0 or 1 with k
 *   elsewhere).
 *
 * @example
 * // P(X = 19) for n = 20, p = 0.95: 20 × 0.05 × 0.95¹⁹ = 0.37735360253530714
 * Math.exp(binomialLogPmf(19, 20, 0.95))
 * //=> 0.37735360253530714
 */
export function binomialLogPmf(k: number, n: number, p: number): number {
  check("binomialLogPmf", k, n, p);
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * P(X = k) for X ~ Binomial(n, p) (R: `dbinom(k, n, p)`), from {@link binomialLogPmf}.
 *
 * @example
 * // 3 heads in 10 fair tosses: C(10, 3) / 2¹⁰ = 120 / 1024
 * binomialPmf(3, 10, 0.5)
 * //=> 0.1171875
 */
export function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(binomialLogPmf(k, n, p));
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p) (R: `pbinom(k, n, p)`), through the identity
 * P(X ≤ k) = I_(1−p)(n − k, k + 1) (Abramowitz & Stegun 26.5.24), so it costs the same for
 * n = 10 and n = 10⁶ and keeps the relative accuracy of small lower tails.
 *
 * @example
 * // at most 1 success in 10 fair tosses: (1 + 10) / 1024 = 0.0107421875
 * binomialCdf(1, 10, 0.5)
 * //=> 0.0107421875
 */
export function binomialCdf(k: number, n: number, p: number): number {
  check("binomialCdf", k, n, p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return regularizedBeta(1 - p, n - k, k + 1);
}
