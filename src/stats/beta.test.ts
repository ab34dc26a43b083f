import { describe, expect, test } from "vitest";
import { inverseRegularizedBeta, regularizedBeta } from "./beta.ts";

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe("regularizedBeta", () => {
  // Reference: mpmath 1.3.0 `betainc(a, b, 0, x, regularized=True)` at 40 digits.
  test.each([
    [0.5, 2, 3, 0.6875],
    [0.1, 0.5, 0.5, 0.20483276469913345],
    [0.001, 1, 20, 0.019811135170465316],
    [0.3, 81, 183, 0.4114615980954786],
    [0.25, 15, 134, 0.999998578715172],
    [0.99, 1000, 10, 0.4460422708455097],
    [0.48, 1000, 1000, 0.036779483278639696],
    [0.00001, 0.5, 4.5, 0.007362358847597656],
    [0.6, 2000, 1500, 0.9997046528159743],
    [0.9, 0.2, 0.3, 0.7801962237861781],
  ])("I_%d(%d, %d) matches mpmath to 1e-12", (x, a, b, expected) => {
    expect(relative(regularizedBeta(x, a, b), expected)).toBeLessThan(1e-12);
  });

  test("I_0.5(2, 3) = 11/16 by hand", () => {
    // I_x(2, 3) = 6x² − 8x³ + 3x⁴ → at ½: 1.5 − 1 + 0.1875 = 0.6875
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
  });

  test("meets its symmetry I_x(a, b) = 1 − I_(1−x)(b, a)", () => {
    for (const [x, a, b] of [
      [0.2, 3, 7],
      [0.7, 0.5, 12],
      [0.45, 40, 60],
    ] as const) {
      expect(regularizedBeta(x, a, b) + regularizedBeta(1 - x, b, a)).toBeCloseTo(1, 14);
    }
  });

  test("is 0 at 0 and 1 at 1, and rejects bad shapes", () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedBeta(0.5, 0, 3)).toThrow(
      "regularizedBeta: a must be a positive number, got 0",
    );
    expect(() => regularizedBeta(1.2, 2, 3)).toThrow(
      "regularizedBeta: x must be between 0 and 1, got 1.2",
    );
  });
});

describe("inverseRegularizedBeta", () => {
  // Reference: the root of mpmath's betainc(a, b, 0, x) = p at 40 digits.
  test.each([
    [0.5, 2, 3, 0.38572756813238956],
    [0.025, 81, 183, 0.25273674558527115],
    [0.975, 82, 182, 0.36762192260135135],
    [0.025, 1, 29, 0.000872646883579922],
    [0.975, 2, 28, 0.1776442954887229],
    [0.025, 0.5, 0.5, 0.001541333133436012],
    [1e-8, 3, 7, 0.0004922975191879926],
    [0.05, 0.5, 4.5, 0.0004617041154873466],
    [0.3, 10, 0.1, 0.9981776012103405],
    [0.025, 1500, 500, 0.7307937954628991],
  ])("the %d quantile of Beta(%d, %d) matches mpmath to 1e-13", (p, a, b, expected) => {
    expect(relative(inverseRegularizedBeta(p, a, b), expected)).toBeLessThan(1e-13);
  });

  test("inverts regularizedBeta across shapes and tails", () => {
    for (const [a, b] of [
      [0.3, 0.3],
      [1, 1],
      [2.5, 80],
      [400, 3],
    ] as const) {
      for (const p of [1e-10, 0.01, 0.5, 0.99]) {
        const x = inverseRegularizedBeta(p, a, b);
        const back = regularizedBeta(x, a, b);
        // A lower tail keeps relative digits; near 1, x = 1 − y rounds y away, so only
        // absolute accuracy is left there.
        if (p < 0.5) expect(relative(back, p)).toBeLessThan(1e-10);
        else expect(Math.abs(back - p)).toBeLessThan(1e-12);
      }
    }
  });

  test("finds an upper quantile as 1 minus the lower quantile of the mirrored beta", () => {
    // 1 − 1e-9 is solved as 1e-9 of Beta(b, a), where the tail keeps its relative digits.
    for (const [a, b] of [
      [2.5, 80],
      [400, 3],
    ] as const) {
      const y = inverseRegularizedBeta(1e-9, b, a);
      expect(relative(regularizedBeta(y, b, a), 1e-9)).toBeLessThan(1e-10);
      expect(inverseRegularizedBeta(1 - 1e-9, a, b)).toBe(
        1 - inverseRegularizedBeta(1 - (1 - 1e-9), b, a),
      );
    }
  });

  test("maps 0 and 1 to themselves; Beta(1, 1) is uniform", () => {
    expect(inverseRegularizedBeta(0, 2, 3)).toBe(0);
    expect(inverseRegularizedBeta(1, 2, 3)).toBe(1);
    expect(inverseRegularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
  });
});
