import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { hypergeometric2F1, logGamma } from "./special.ts";

const positive = fc.double({ min: 0.05, max: 30, noNaN: true });

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe("special function properties", () => {
  test("ln Γ(x + 1) = ln Γ(x) + ln x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        const scale = Math.max(1, Math.abs(logGamma(x + 1)));
        expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x)) / scale).toBeLessThan(1e-12);
      }),
    );
  });

  test("2F1 is symmetric in a and b, and keeps Euler's transformation", () => {
    // c above a and b keeps every term of both sides positive, so no digits cancel and the
    // identity must hold to rounding
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (a, b, extra, z) => {
          const c = Math.max(a, b) + extra;
          const value = hypergeometric2F1(a, b, c, z);
          expect(relativeError(value, hypergeometric2F1(b, a, c, z))).toBeLessThan(1e-12);
          // A&S 15.3.3: 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z)
          const euler = (1 - z) ** (c - a - b) * hypergeometric2F1(c - a, c - b, c, z);
          expect(relativeError(value, euler)).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("Pfaff's transformation carries negative z: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1))", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        positive,
        positive,
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (a, b, c, z) => {
          // the right side alternates in sign and loses digits to cancellation as z/(z − 1)
          // nears −1 with large a (8 of them at −0.82, a = 12.7); a ≤ 5 and z ≤ 0.3 (so z/(z − 1) ≥ −0.43) keep that small
          const pfaff = (1 - z) ** -a * hypergeometric2F1(a, c - b, c, z / (z - 1));
          expect(relativeError(hypergeometric2F1(a, b, c, z), pfaff)).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 200 },
    );
  });
});
