import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { quantile } from "../reduce/results.ts";
import { compareProportions } from "./compareProportions.ts";
import { type ProportionMethod, proportionInterval } from "./proportion.ts";
import { quantileInterval } from "./quantileInterval.ts";

const method = fc.constantFrom<ProportionMethod>("wilson", "agresti-coull", "clopper-pearson");
/** A count of successes out of n, n from 1 to 5,000. */
const counts = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe("proportion interval properties", () => {
  test("lie in [0, 1] and contain the observed proportion", () => {
    fc.assert(
      fc.property(counts, method, level, ([x, n], m, l) => {
        const interval = proportionInterval(x, n, { method: m, level: l });
        if (interval === null) throw new Error("n ≥ 1 always has an interval");
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(x / n + 1e-15);
        expect(interval.upper).toBeGreaterThanOrEqual(x / n - 1e-15);
      }),
    );
  });

  test("widen with the level: a higher level's interval holds the lower level's", () => {
    fc.assert(
      fc.property(counts, method, level, level, ([x, n], m, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const narrow = proportionInterval(x, n, { method: m, level: low });
        const wide = proportionInterval(x, n, { method: m, level: high });
        expect(wide?.lower).toBeLessThanOrEqual((narrow?.lower as number) + 1e-12);
        expect(wide?.upper).toBeGreaterThanOrEqual((narrow?.upper as number) - 1e-12);
      }),
    );
  });

  test("shrink with n: the same proportion from k times the data is narrower", () => {
    fc.assert(
      fc.property(counts, method, fc.integer({ min: 2, max: 10 }), ([x, n], m, k) => {
        const small = proportionInterval(x, n, { method: m });
        const large = proportionInterval(k * x, k * n, { method: m });
        const width = (i: typeof small) => (i?.upper as number) - (i?.lower as number);
        expect(width(large)).toBeLessThan(width(small));
      }),
    );
  });

  test("mirror: the interval of n − x is 1 minus that of x", () => {
    fc.assert(
      fc.property(counts, method, ([x, n], m) => {
        const a = proportionInterval(x, n, { method: m });
        const b = proportionInterval(n - x, n, { method: m });
        expect(a?.lower).toBeCloseTo(1 - (b?.upper as number), 10);
        expect(a?.upper).toBeCloseTo(1 - (b?.lower as number), 10);
      }),
    );
  });
});

describe("comparison properties", () => {
  test("Newcombe's interval lies in [−1, 1] and contains the difference; p in [0, 1]", () => {
    fc.assert(
      fc.property(counts, counts, level, ([xa, na], [xb, nb], l) => {
        const result = compareProportions(
          { successes: xa, n: na },
          { successes: xb, n: nb },
          { level: l },
        );
        if (result === null || result.interval === null) throw new Error("always defined here");
        expect(result.interval.lower).toBeGreaterThanOrEqual(-1);
        expect(result.interval.upper).toBeLessThanOrEqual(1);
        expect(result.interval.lower).toBeLessThanOrEqual(result.difference + 1e-12);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.difference - 1e-12);
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("quantile interval properties", () => {
  test("covers at least the level and brackets the sample quantile", () => {
    const sample = fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 400 });
    const q = fc.constantFrom(0.5, 0.9, 0.95);
    fc.assert(
      fc.property(sample, q, level, (values, p, l) => {
        const sorted = [...values].sort((a, b) => a - b);
        const interval = quantileInterval(sorted, p, { level: l });
        if (interval === null) return;
        expect(interval.coverage).toBeGreaterThanOrEqual(l - 1e-12);
        expect(interval.coverage).toBeLessThanOrEqual(1);
        const point = quantile(sorted, p) as number;
        expect(interval.lower).toBeLessThanOrEqual(point);
        expect(interval.upper).toBeGreaterThanOrEqual(point);
      }),
    );
  });
});
