import { describe, expect, test } from "vitest";
import { normalQuantile } from "./normal.ts";
import { studentTCdf, studentTQuantile } from "./studentT.ts";

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe("studentTQuantile", () => {
  // Reference: the root of mpmath's t distribution function (through betainc) at 40 digits.
  // R prints the same to its 7 digits: qt(0.975, 1) = 12.7062, qt(0.975, 9) = 2.262157.
  test.each([
    [0.975, 1, 12.706204736174692],
    [0.975, 2, 4.302652729749462],
    [0.975, 9, 2.262157162798205],
    [0.95, 9, 1.8331129326562365],
    [0.995, 4, 4.604094871349992],
    [0.025, 3, -3.1824463052837095],
    [0.975, 29, 2.045229642132704],
    [0.975, 1000, 1.962339080826408],
    [0.6, 1000000, 0.2533471705378416],
    [0.9999, 2.5, 34.86796932111631],
    [1e-10, 10, -25.466008021697725],
  ])("t(%d, %d df) matches mpmath to 1e-13", (p, df, expected) => {
    expect(relative(studentTQuantile(p, df), expected)).toBeLessThan(1e-13);
  });

  test("matches the t table: t(0.975) for 1, 10, 30 df is 12.706, 2.228, 2.042", () => {
    // Any printed t table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
  });

  test("tends to the normal quantile as the degrees of freedom grow", () => {
    expect(Math.abs(studentTQuantile(0.975, 1e8) - normalQuantile(0.975))).toBeLessThan(1e-7);
  });

  test("is 0 at ½ and infinite at 0 and 1", () => {
    expect(studentTQuantile(0.5, 5)).toBe(0);
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(() => studentTQuantile(0.9, 0)).toThrow(
      "studentTQuantile: df must be a positive number, got 0",
    );
  });
});

describe("studentTCdf", () => {
  // Reference: mpmath at 40 digits.
  test.each([
    [-3, 5, 0.015049623948731288],
    [2.5, 3, 0.9561466764959672],
    [0.1, 1000000, 0.5398278272539784],
    [-40, 3, 0.000017190340394579263],
    [1, 1, 0.75],
    [-0.7, 12.5, 0.24837458036267318],
  ])("P(T ≤ %d) with %d df matches mpmath to 1e-13", (t, df, expected) => {
    expect(relative(studentTCdf(t, df), expected)).toBeLessThan(1e-13);
  });

  test("with 1 df is the Cauchy distribution: ½ + atan(t)/π", () => {
    for (const t of [-5, -0.3, 2, 17]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
    }
  });

  test("inverts studentTQuantile", () => {
    for (const p of [0.001, 0.2, 0.8, 0.975]) {
      expect(relative(studentTCdf(studentTQuantile(p, 7), 7), p)).toBeLessThan(1e-13);
    }
  });
});
