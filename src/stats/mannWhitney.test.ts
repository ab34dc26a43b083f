import { describe, expect, test } from "vitest";
import { mannWhitney } from "./mannWhitney.ts";

// R's ?wilcox.test example ("x" and "y" with alternative "greater").
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];

describe("mannWhitney", () => {
  test("R's wilcox.test example: W = 35, exact one-sided p = 0.1272 (issue 18)", () => {
    const result = mannWhitney(x, y, { alternative: "greater" });
    expect(result).toMatchObject({ w: 35, test: "exact", alternative: "greater" });
    // SciPy 1.17.1 mannwhitneyu(method="exact"): 0.1272061272061272 = 6.36.../50.05...
    expect(result?.pValue).toBeCloseTo(0.1272061272061272, 14);
  });

  test("two-sided doubles the smaller tail", () => {
    expect(mannWhitney(x, y)?.pValue).toBeCloseTo(0.2544122544122544, 14);
    expect(mannWhitney(x, y, { alternative: "less" })?.pValue).toBeGreaterThan(0.85);
  });

  test("estimates the shift by Hodges-Lehmann with its exact interval", () => {
    // median of the 50 differences x_i − y_j = 0.305; k = 9 (P(W ≤ 8) ≤ 0.025 < P(W ≤ 9)),
    // so the 9th and 42nd smallest differences: −0.15 and 0.76, covering 96.0 %
    // (computed independently with NumPy by sorting all 50 differences).
    const result = mannWhitney(x, y);
    expect(result?.difference).toBeCloseTo(0.305, 14);
    expect(result?.interval).toEqual({
      lower: expect.closeTo(-0.15, 14),
      upper: expect.closeTo(0.76, 14),
      level: 0.95,
      method: "hodges-lehmann",
    });
  });

  test("with ties uses the normal approximation with tie and continuity corrections", () => {
    // SciPy 1.17.1 mannwhitneyu(method="asymptotic", use_continuity=True): W = 22,
    // two-sided p = 0.3360998255541686, "less" p = 0.1680499127770843
    const a = [1, 2, 2, 3, 4, 5, 5, 5, 9];
    const b = [2, 3, 3, 6, 7, 8, 8];
    const result = mannWhitney(a, b);
    expect(result).toMatchObject({ w: 22, test: "normal", difference: -1 });
    expect(result?.pValue).toBeCloseTo(0.3360998255541686, 13);
    expect(mannWhitney(a, b, { alternative: "less" })?.pValue).toBeCloseTo(0.1680499127770843, 13);
  });

  test("is exact below 50 values a side and normal from 50 on, the two agreeing there", () => {
    // No ties: a ends in .25, b in .1 or .6.
    const a = Array.from({ length: 50 }, (_, i) => i + 0.25);
    const b = Array.from({ length: 49 }, (_, i) => 1.5 * i + 0.1);
    const exact = mannWhitney(a.slice(0, 49), b) as { pValue: number; test: string };
    const normal = mannWhitney(a, b) as { pValue: number; test: string };
    expect(exact.test).toBe("exact");
    expect(normal.test).toBe("normal");
    expect(exact.pValue).toBeGreaterThan(0.001);
    expect(Math.abs(exact.pValue - normal.pValue)).toBeLessThan(0.02);
  });

  test("finds the k-th difference without listing them: large samples", () => {
    // a = 0..1999, b = a + 0.5 → every difference is an integer − 0.5; the median is −0.5
    const a = Array.from({ length: 2000 }, (_, i) => i);
    const b = a.map((v) => v + 0.5);
    const result = mannWhitney(a, b);
    expect(result?.difference).toBe(-0.5);
    expect(result?.tooSmall).toBe(false);
    expect(result?.interval?.lower).toBeLessThan(-0.5);
    expect(result?.interval?.upper).toBeGreaterThan(-0.5);
  });

  test("flags samples too small to ever be significant, and gives no interval", () => {
    // 3 against 3: the most extreme arrangement has p = 2 / C(6, 3) = 0.1 > 0.05
    expect(mannWhitney([1, 2, 3], [4, 5, 6])).toMatchObject({
      pValue: expect.closeTo(0.1, 15),
      tooSmall: true,
      interval: null,
    });
    // 4 against 4: 2 / 70 = 0.029 can be reached
    expect(mannWhitney([1, 2, 3, 4], [5, 6, 7, 8])).toMatchObject({
      pValue: expect.closeTo(2 / 70, 15),
      tooSmall: false,
    });
  });

  test("has no comparison with an empty sample; rejects bad input", () => {
    expect(mannWhitney([], [1, 2])).toBeNull();
    expect(() => mannWhitney([1, Number.NaN], [2])).toThrow(
      "mannWhitney: a must hold finite numbers, got NaN",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => mannWhitney([1], [2], { alternative: "bigger" })).toThrow(
      'mannWhitney: alternative must be one of two-sided, greater, less, got "bigger"',
    );
  });
});
