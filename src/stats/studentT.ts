/**
 * Student's t distribution, for intervals around a mean estimated from few values (CES, a
 * mean handle time): its cumulative distribution function and quantile, both read through
 * the regularized incomplete beta function.
 */
import { inverseRegularizedBeta, regularizedBeta } from "./beta.ts";
import { requirePositiveNumber, requireProbability } from "./checks.ts";

/**
 * P(T ≤ t) for T ~ Student t with `df` degrees of freedom, through
 * P(|T| > |t|) = I_(df / (df + t²))(df / 2, 1/2) (Abramowitz & Stegun 26.7.1 and 26.5.27).
 *
 * @param t - Any number.
 * @param df - Degrees of freedom, > 0 (need not be whole).
 *
 * @example
 * // R: pt(2.262157, 9) = 0.975 (to 7 digits)
 * studentTCdf(2.262157162798205, 9)
 * //=> 0.975
 */
export function studentTCdf(t: number, df: number): number {
  requirePositiveNumber("studentTCdf", "df", df);
  if (Number.isNaN(t)) return Number.NaN;
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  // Two tails: whichever of df/(df+t²) and t²/(df+t²) is smaller is computed directly.
  const t2 = t * t;
  const twoTails =
    df < t2
      ? regularizedBeta(df / (df + t2), df / 2, 0.5)
      : 1 - regularizedBeta(t2 / (df + t2), 0.5, df / 2);
  return t < 0 ? twoTails / 2 : 1 - twoTails / 2;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (R: `qt(p, df)`).
 *
 * Method: with tail = 2 min(p, 1 − p), the quantile's square is t² = df (1 − x) / x where
 * x = I⁻¹_tail(df / 2, 1/2) (the inverse of A&S 26.7.1). When x is close to 1 (many degrees of
 * freedom, t small) 1 − x is found directly as I⁻¹_(1 − tail)(1/2, df / 2), so t keeps its
 * relative accuracy. Accurate to about 1e-13 relative.
 *
 * @param p - A probability in [0, 1]; 0 and 1 give −Infinity and Infinity.
 * @param df - Degrees of freedom, > 0.
 *
 * @example
 * // R: qt(0.975, 9) = 2.262157
 * studentTQuantile(0.975, 9)
 * //=> 2.262157162798205
 */
export function studentTQuantile(p: number, df: number): number {
  requireProbability("studentTQuantile", "p", p);
  requirePositiveNumber("studentTQuantile", "df", df);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const tail = 2 * Math.min(p, 1 - p);
  const x = inverseRegularizedBeta(tail, df / 2, 0.5);
  let t: number;
  if (x < 0.5) {
    t = Math.sqrt((df * (1 - x)) / x);
  } else {
    const y = inverseRegularizedBeta(1 - tail, 0.5, df / 2); // y = 1 − x
    t = Math.sqrt((df * y) / (1 - y));
  }
  return p < 0.5 ? -t : t;
}
