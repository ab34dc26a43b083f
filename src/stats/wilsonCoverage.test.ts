/**
 * The coverage of the 95 % Wilson interval, computed exactly: for n trials and a true
 * proportion p, coverage = Σ P(X = k) over the k whose interval contains p, X ~ Binomial(n, p).
 * No simulation: every number below is a finite sum of binomial probabilities.
 *
 * Facts checked (computed independently with SciPy 1.17.1 / NumPy before writing this test):
 * - mean coverage over p = 0.001, 0.002, ..., 0.999 lies between 94.98 % and 95.42 % for every
 *   n of the grid (10 to 2,000): the Wilson interval is right on average (Brown, Cai &
 *   DasGupta, Statistical Science 16(2), 2001, §4.1.1 and Figure 5);
 * - at n = 20, p = 0.95 the coverage is 92.452 %: the dip the issue quotes;
 * - the infimum over p is reached just below the lower end L of the interval for 1 success,
 *   where only k = 0 covers: (1 − L)ⁿ, 83.659 % at n = 20, rising towards the Poisson limit
 *   e^(−λ) = 83.82 % with λ = 1 + z²/2 − z √(1 + z²/4) = 0.17652 (the poor coverage near 0 and
 *   1 that Brown et al. report for the Wilson interval).
 *
 * A wrong formula fails these: the Wald interval, tested last, averages far below 94 %.
 */
import { describe, expect, test } from "vitest";
import { binomialPmf } from "./binomial.ts";
import { criticalZ } from "./interval.ts";
import { wilsonInterval } from "./proportion.ts";

type Bounds = { lower: number; upper: number };
type Method = (successes: number, n: number) => Bounds;

const wilson: Method = (x, n) => wilsonInterval(x, n) as Bounds;

/** The intervals for k = 0..n, and a function giving the exact coverage at any p. */
function coverageOf(method: Method, n: number): (p: number) => number {
  const intervals = Array.from({ length: n + 1 }, (_, k) => method(k, n));
  return (p) => {
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      const { lower, upper } = intervals[k] as Bounds;
      if (lower <= p && p <= upper) sum += binomialPmf(k, n, p);
    }
    return sum;
  };
}

const GRID_N = [10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000];
const GRID_P = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);

describe("the exact coverage of the 95 % Wilson interval", () => {
  test("at n = 20, p = 0.95 is 92.45 %, by hand", () => {
    // Wilson at n = 20 covers 0.95 for k = 18, 19, 20 only (k = 17 gives 0.548–0.948).
    // P(18) + P(19) + P(20) = 190 × 0.05² × 0.95¹⁸ + 20 × 0.05 × 0.95¹⁹ + 0.95²⁰
    const byHand = 190 * 0.05 ** 2 * 0.95 ** 18 + 20 * 0.05 * 0.95 ** 19 + 0.95 ** 20;
    expect(byHand).toBeCloseTo(0.9245163262, 10);
    expect(coverageOf(wilson, 20)(0.95)).toBeCloseTo(byHand, 12);
    expect((wilsonInterval(17, 20) as Bounds).upper).toBeLessThan(0.95);
  });

  test("averages between 94 % and 96 % over p for every n from 10 to 2,000", () => {
    for (const n of GRID_N) {
      const coverage = coverageOf(wilson, n);
      const mean = GRID_P.reduce((sum, p) => sum + coverage(p), 0) / GRID_P.length;
      expect(mean, `n = ${n}`).toBeGreaterThan(0.94);
      expect(mean, `n = ${n}`).toBeLessThan(0.96);
    }
  });

  test("dips to 83.66 % at n = 20, just below the lower end for 1 success", () => {
    const n = 20;
    const coverage = coverageOf(wilson, n);
    // The coverage only jumps at interval ends, so its infimum is a limit at one of them.
    let infimum = 1;
    for (let k = 0; k <= n; k++) {
      const { lower, upper } = wilsonInterval(k, n) as Bounds;
      for (const end of [lower, upper]) {
        for (const p of [end * (1 - 1e-12), end * (1 + 1e-12)]) {
          if (p > 0 && p < 1) infimum = Math.min(infimum, coverage(p));
        }
      }
    }
    const lowerOfOne = (wilsonInterval(1, n) as Bounds).lower;
    expect(lowerOfOne).toBeCloseTo(0.0088814488, 9);
    // only k = 0 covers there: (1 − L)²⁰
    expect(infimum).toBeCloseTo((1 - lowerOfOne) ** n, 9);
    expect(infimum).toBeCloseTo(0.8365889, 6);
  });

  test("has that boundary dip at every n, tending to the Poisson limit 83.82 %", () => {
    const z = criticalZ(0.95);
    const lambda = 1 + (z * z) / 2 - z * Math.sqrt(1 + (z * z) / 4);
    expect(lambda).toBeCloseTo(0.17652, 5);
    for (const n of GRID_N) {
      const lowerOfOne = (wilsonInterval(1, n) as Bounds).lower;
      const dip = coverageOf(wilson, n)(lowerOfOne * (1 - 1e-12));
      expect(dip, `n = ${n}`).toBeGreaterThan(0.8349);
      expect(dip, `n = ${n}`).toBeLessThan(Math.exp(-lambda));
    }
    expect(
      coverageOf(wilson, 2000)((wilsonInterval(1, 2000) as Bounds).lower * (1 - 1e-12)),
    ).toBeCloseTo(Math.exp(-lambda), 4);
  });

  test("would catch a wrong formula: the Wald interval averages far below 94 %", () => {
    const z = criticalZ(0.95);
    const wald: Method = (x, n) => {
      const p = x / n;
      const half = z * Math.sqrt((p * (1 - p)) / n);
      return { lower: p - half, upper: p + half };
    };
    const coverage = coverageOf(wald, 20);
    const mean = GRID_P.reduce((sum, p) => sum + coverage(p), 0) / GRID_P.length;
    expect(mean).toBeLessThan(0.9);
  });
});
