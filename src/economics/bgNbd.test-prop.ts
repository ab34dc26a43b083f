import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  fitBgNbd,
} from "./bgNbd.ts";

const parameters = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  a: fc.double({ min: 0.05, max: 5, noNaN: true }),
  b: fc.double({ min: 0.05, max: 20, noNaN: true }),
});
const customer = fc
  .record({
    frequency: fc.integer({ min: 0, max: 300 }),
    T: fc.double({ min: 1, max: 200, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ frequency, T, share }) => ({ frequency, T, recency: frequency === 0 ? 0 : share * T }));

describe("BG/NBD properties", () => {
  test("the log-likelihood is finite, however heavy the buyer", () => {
    fc.assert(
      fc.property(parameters, customer, (p, c) => {
        expect(Number.isFinite(bgNbdLogLikelihood(p, c))).toBe(true);
      }),
    );
  });

  test("P(alive) is in (0, 1], and 1 without a repeat purchase", () => {
    fc.assert(
      fc.property(parameters, customer, (p, c) => {
        const alive = bgNbdProbabilityAlive(p, c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (c.frequency === 0) expect(alive).toBe(1);
      }),
    );
  });

  test("expected purchases grow with the horizon", () => {
    fc.assert(
      fc.property(
        parameters,
        customer.filter((c) => c.frequency < 50),
        (p, c) => {
          const near = bgNbdConditionalExpectedPurchases(p, c, 10);
          const far = bgNbdConditionalExpectedPurchases(p, c, 40);
          expect(near).toBeGreaterThanOrEqual(0);
          expect(far).toBeGreaterThanOrEqual(near - 1e-9 * Math.max(1, near));
        },
      ),
      { numRuns: 100 },
    );
  });

  test("the fit does not depend on the order of the customers", () => {
    // a small population with a known interior optimum (the fitBgNbd example)
    const rows = [
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 8],
      [2, 7],
      [7, 46],
      [7, 40],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    const customers = rows.map(([frequency, recency]) => ({
      frequency: frequency as number,
      recency: recency as number,
      T: 52,
    }));
    const reference = fitBgNbd(customers);
    fc.assert(
      fc.property(fc.shuffledSubarray(customers, { minLength: customers.length }), (shuffled) => {
        const fit = fitBgNbd(shuffled);
        for (const key of ["r", "alpha", "a", "b"] as const) {
          expect(Math.abs(fit[key] - reference[key]) / reference[key]).toBeLessThan(1e-4);
        }
        expect(Math.abs(fit.logLikelihood - reference.logLikelihood)).toBeLessThan(1e-8);
      }),
      { numRuns: 10 },
    );
  });
});
