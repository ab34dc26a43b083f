import { describe, expect, test } from "vitest";
import { binomialCdf, binomialLogPmf, binomialPmf } from "./binomial.ts";

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe("binomial", () => {
  // Reference: mpmath at 40 digits, summing C(n, i) pⁱ (1 − p)ⁿ⁻ⁱ exactly: [k, n, p, P(X ≤ k), P(X = k)].
  test.each([
    [1, 10, 0.5, 0.0107421875, 0.009765625],
    [17, 20, 0.95, 0.0754836737884965, 0.05958214776873289],
    [900, 2000, 0.47, 0.03829718219752348, 0.003588065066032799],
    [5, 1000, 0.01, 0.06613951160725197, 0.03745311160824724],
    [0, 100, 0.3, 3.234476509624763e-16, 3.234476509624763e-16],
    [60, 100, 0.5, 0.9823998998911476, 0.010843866711637989],
    [3, 7, 0.001, 0.9999999999650839, 3.4860209860035e-8],
  ])("k = %d, n = %d, p = %d: cdf and pmf match mpmath to 1e-12", (k, n, p, cdf, pmf) => {
    expect(relative(binomialCdf(k, n, p), cdf)).toBeLessThan(1e-12);
    expect(relative(binomialPmf(k, n, p), pmf)).toBeLessThan(1e-12);
  });

  test("by hand: 3 heads in 10 fair tosses", () => {
    // C(10, 3) / 2¹⁰ = 120 / 1024; P(X ≤ 3) = (1 + 10 + 45 + 120) / 1024 = 176 / 1024
    expect(binomialPmf(3, 10, 0.5)).toBeCloseTo(120 / 1024, 15);
    expect(binomialCdf(3, 10, 0.5)).toBeCloseTo(176 / 1024, 15);
  });

  test("the pmf sums to 1 and its running sum is the cdf", () => {
    const n = 300;
    const p = 0.137;
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      sum += binomialPmf(k, n, p);
      if (k % 37 === 0) expect(binomialCdf(k, n, p)).toBeCloseTo(sum, 13);
    }
    expect(sum).toBeCloseTo(1, 13);
  });

  test("handles the ends: k outside 0..n, p at 0 and 1", () => {
    expect(binomialLogPmf(-1, 5, 0.3)).toBe(Number.NEGATIVE_INFINITY);
    expect(binomialPmf(6, 5, 0.3)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialPmf(4, 5, 1)).toBe(0);
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    expect(binomialCdf(5, 5, 0.3)).toBe(1);
    expect(binomialCdf(2, 5, 0)).toBe(1);
    expect(binomialCdf(2, 5, 1)).toBe(0);
  });

  test("rejects bad arguments in the house grammar", () => {
    expect(() => binomialCdf(1, 2.5, 0.5)).toThrow(
      "binomialCdf: n must be a whole number at least 0, got 2.5",
    );
    expect(() => binomialPmf(1, 10, 2)).toThrow("binomialLogPmf: p must be between 0 and 1, got 2");
    expect(() => binomialCdf(1.5, 10, 0.5)).toThrow(TypeError);
  });
});
