import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { logDeathIntegral } from "./paretoIntegral.ts";

describe("the Pareto/NBD death integral", () => {
  test("the 2F1 closed form and the quadrature agree wherever both apply", () => {
    // Parameters as fits meet them: shapes from 0.05 to 5 plus up to 50 purchases, scales
    // from 0.5 to 200, times in weeks; z kept ≤ 0.9 so that the series converges quickly
    const case_ = fc
      .record({
        r: fc.double({ min: 0.05, max: 5, noNaN: true }),
        s: fc.double({ min: 0.05, max: 5, noNaN: true }),
        x: fc.integer({ min: 0, max: 50 }),
        alpha: fc.double({ min: 0.5, max: 200, noNaN: true }),
        beta: fc.double({ min: 0.5, max: 200, noNaN: true }),
        from: fc.double({ min: 0, max: 50, noNaN: true }),
        length: fc.double({ min: 0.01, max: 80, noNaN: true }),
      })
      .filter(
        ({ alpha, beta, from }) => Math.abs(alpha - beta) / (Math.max(alpha, beta) + from) <= 0.9,
      );
    fc.assert(
      fc.property(case_, ({ r, s, x, alpha, beta, from, length }) => {
        const args = [alpha, beta, r + x, s + 1, from, from + length] as const;
        const series = logDeathIntegral(...args, "series");
        const quadrature = logDeathIntegral(...args, "quadrature");
        // logs of the same integral: equal to 1e-9 of the value (plus the cancellation in
        // the closed form's difference of two terms when the interval is short)
        expect(Math.abs(series - quadrature)).toBeLessThan(1e-8 * Math.max(1, Math.abs(series)));
      }),
      { numRuns: 300 },
    );
  });
});
