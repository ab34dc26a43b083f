import { describe, expect, test } from "vitest";
import { normalCdf, normalQuantile } from "./normal.ts";

const relative = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe("normalCdf", () => {
  // Reference: mpmath 1.3.0 `ncdf` at 40 digits, rounded to 17 (R's pnorm agrees where printed:
  // pnorm(-1.96) = 0.0249979, pnorm(-10) = 7.619853e-24).
  test.each([
    [-37, 5.725571222524577e-300],
    [-20, 2.7536241186062337e-89],
    [-10, 7.619853024160525e-24],
    [-5, 2.866515718791939e-7],
    [-2.5, 0.006209665325776135],
    [-1.96, 0.024997895148220435],
    [-1, 0.15865525393145705],
    [-0.1, 0.460172162722971],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
  ])("Φ(%d) matches mpmath to 1e-13, tails included", (z, expected) => {
    expect(relative(normalCdf(z), expected)).toBeLessThan(1e-13);
  });

  test("is symmetric: Φ(z) + Φ(−z) = 1", () => {
    for (const z of [0.3, 1, 1.7, 2.2, 4]) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
    }
  });

  test("has the right limits", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });
});

describe("normalQuantile", () => {
  // Reference: the root of mpmath's ncdf(z) = p at 40 digits, p the double as written.
  test.each([
    [1e-300, -37.0470962993612],
    [1e-50, -14.933337534788489],
    [1e-10, -6.361340902404057],
    [0.001, -3.0902323061678136],
    [0.025, -1.9599639845400543],
    [0.2, -0.8416212335729142],
    [0.7, 0.5244005127080407],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
  ])("Φ⁻¹(%d) matches mpmath to 1e-15 (AS 241's accuracy)", (p, expected) => {
    expect(relative(normalQuantile(p), expected)).toBeLessThan(1e-15);
  });

  test("gives R's qnorm(0.975) = 1.959963984540054", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15);
  });

  test("inverts normalCdf", () => {
    for (const p of [1e-12, 0.01, 0.3, 0.5, 0.6, 0.95]) {
      expect(relative(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-13);
    }
  });

  test("maps 0 and 1 to the infinities and rejects what is not a probability", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1.5)).toThrow("normalQuantile: p must be between 0 and 1, got 1.5");
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
    // @ts-expect-error: testing a wrong kind from plain JavaScript
    expect(() => normalQuantile("0.5")).toThrow(TypeError);
  });
});
