import { describe, expect, test } from "vitest";
import { fitPositive, hessian, inverseSymmetric, minimize } from "./optimize.ts";

describe("minimize", () => {
  test("finds the minimum of a shifted quadratic bowl", () => {
    // (x − 3)² + 10 (y + 2)² + 5: minimum 5 at (3, −2)
    const found = minimize(([x, y]) => (x! - 3) ** 2 + 10 * (y! + 2) ** 2 + 5, [0, 0]);
    expect(found.point[0]).toBeCloseTo(3, 6);
    expect(found.point[1]).toBeCloseTo(-2, 6);
    expect(found.value).toBeCloseTo(5, 12);
    expect(found.converged).toBe(true);
    expect(found.evaluations).toBeGreaterThan(found.iterations);
  });

  test("treats NaN as +Infinity, so a likelihood outside its domain is avoided", () => {
    // √x is NaN below 0: the minimum of (√x − 2)² is at x = 4
    const found = minimize(([x]) => (Math.sqrt(x!) - 2) ** 2, [1]);
    expect(found.point[0]).toBeCloseTo(4, 6);
  });

  test("stops at its iteration cap without claiming convergence", () => {
    const found = minimize(([x, y]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1], {
      maxIterations: 10,
    });
    expect(found).toMatchObject({ converged: false, iterations: 10 });
  });
});

describe("hessian and inverseSymmetric", () => {
  test("differentiate twice and invert", () => {
    // f = x²y + y³: ∂²/∂x² = 2y, ∂²/∂x∂y = 2x, ∂²/∂y² = 6y; at (1, 2): [[4, 2], [2, 12]]
    const h = hessian(([x, y]) => x! * x! * y! + y! ** 3, [1, 2]);
    expect(h.flat().map((v) => Math.round(v * 1e5) / 1e5)).toEqual([4, 2, 2, 12]);
    // inverse of [[4, 2], [2, 12]] = [[12, −2], [−2, 4]] / 44
    const inverse = inverseSymmetric([
      [4, 2],
      [2, 12],
    ]) as number[][];
    expect(inverse[0]![0]).toBeCloseTo(12 / 44, 14);
    expect(inverse[0]![1]).toBeCloseTo(-2 / 44, 14);
    expect(inverse[1]![1]).toBeCloseTo(4 / 44, 14);
  });

  test("a matrix that is not positive definite has no inverse here", () => {
    expect(
      inverseSymmetric([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
    expect(inverseSymmetric([[0]])).toBeNull();
  });
});

describe("fitPositive", () => {
  test("gives the exponential rate's MLE and its textbook standard error", () => {
    // waiting times 1..10: λ̂ = n / Σt = 10 / 55; the Fisher information n/λ² gives
    // se = λ̂ / √n = 0.18182 / 3.1623 = 0.057496
    const times = Array.from({ length: 10 }, (_, i) => i + 1);
    const fit = fitPositive(["rate"], [1], ([rate]) =>
      times.reduce((ll, t) => ll + Math.log(rate!) - rate! * t, 0),
    );
    expect(fit.parameters.rate).toBeCloseTo(10 / 55, 7);
    expect(fit.standardErrors?.rate).toBeCloseTo(10 / 55 / Math.sqrt(10), 5);
    expect(fit.logLikelihood).toBeCloseTo(10 * Math.log(10 / 55) - 10, 9);
    expect(fit.converged).toBe(true);
  });

  test("reports a parameter running off to infinity as not converged, without standard errors", () => {
    // the likelihood grows without bound as the parameter grows
    const fit = fitPositive(["runaway"], [1], ([v]) => -1 / v!);
    expect(fit.converged).toBe(false);
    expect(fit.standardErrors).toBeNull();
  });
});
