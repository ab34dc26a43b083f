import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  count,
  durations,
  exactSum,
  mean,
  mergeExcluded,
  quantile,
  ratio,
  sortedNumbers,
} from "./results.ts";
import { addPartial, partialsSum } from "./sketch.ts";

/** Durations as metrics produce them: seconds with millisecond resolution, some large. */
const seconds = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((ms) => ms / 1000),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
);
const reasons = fc.record({ a: fc.nat(100), b: fc.nat(100) });
const durationState = fc.record({
  values: fc.array(seconds, { maxLength: 30 }),
  excluded: reasons,
});

/** numpy's linear interpolation, written from its documentation, as an independent check. */
function numpyLinear(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

describe("quantile properties", () => {
  const sortedValues = fc
    .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 })
    .map((values) => [...values].sort((x, y) => x - y));
  const p = fc.double({ min: 0, max: 1, noNaN: true });

  test("lies between the minimum and the maximum and agrees with numpy's rule", () => {
    fc.assert(
      fc.property(sortedValues, p, (values, q) => {
        const value = quantile(values, q) as number;
        expect(value).toBeGreaterThanOrEqual(values[0] as number);
        expect(value).toBeLessThanOrEqual(values.at(-1) as number);
        expect(value).toBeCloseTo(numpyLinear(values, q), 6);
      }),
    );
  });

  test("does not decrease as p grows", () => {
    fc.assert(
      fc.property(sortedValues, p, p, (values, p1, p2) => {
        const [low, high] = p1 <= p2 ? [p1, p2] : [p2, p1];
        expect(quantile(values, low) as number).toBeLessThanOrEqual(
          (quantile(values, high) as number) + 1e-9,
        );
      }),
    );
  });
});

describe("durations properties", () => {
  test("merging two states equals one state over the concatenation, to the last bit", () => {
    fc.assert(
      fc.property(
        durationState,
        durationState,
        fc.constantFrom("mean", "median", "p90", "p95" as const),
        (a, b, statistic) => {
          const together = {
            values: [...a.values, ...b.values],
            excluded: { a: a.excluded.a + b.excluded.a, b: a.excluded.b + b.excluded.b },
          };
          expect(durations.result(durations.merge(a, b), statistic)).toEqual(
            durations.result(together, statistic),
          );
          expect(durations.result(durations.merge(b, a), statistic)).toEqual(
            durations.result(together, statistic),
          );
        },
      ),
    );
  });

  test("any order of values gives the same result", () => {
    fc.assert(
      fc.property(
        fc
          .array(seconds, { maxLength: 30 })
          .chain((vs) =>
            fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length })),
          ),
        ([values, shuffled]) => {
          expect(durations.result({ values: shuffled, excluded: {} })).toEqual(
            durations.result({ values, excluded: {} }),
          );
        },
      ),
    );
  });

  test("statistics are ordered: min ≤ median ≤ p90 ≤ p95 ≤ max, and min ≤ mean ≤ max", () => {
    fc.assert(
      fc.property(durationState, (state) => {
        const r = durations.result(state);
        expect(r.n).toBe(state.values.length);
        if (r.n === 0) {
          expect([r.value, r.mean, r.median, r.p90, r.p95, r.min, r.max]).toEqual([
            null,
            null,
            null,
            null,
            null,
            null,
            null,
          ]);
          return;
        }
        const [min, median, p90, p95, max, mean] = [
          r.min,
          r.median,
          r.p90,
          r.p95,
          r.max,
          r.mean,
        ] as number[];
        expect(min).toBeLessThanOrEqual(median as number);
        expect(median).toBeLessThanOrEqual(p90 as number);
        expect(p90).toBeLessThanOrEqual(p95 as number);
        expect(p95).toBeLessThanOrEqual(max as number);
        // The mean of rounded floats may stray from [min, max] by a rounding error only.
        expect(mean).toBeGreaterThanOrEqual((min as number) * (1 - 1e-12));
        expect(mean).toBeLessThanOrEqual((max as number) * (1 + 1e-12));
      }),
    );
  });
});

describe("durations with a sketch: properties", () => {
  const method = durations.percentiles("test", { sketch: "ddsketch", relativeAccuracy: 0.01 });
  const sketchedOf = (values: readonly number[]) => {
    const state = durations.init([], method);
    for (const value of values) durations.add(state, value);
    return state;
  };

  test("n, sum, mean, min and max equal the exact ones to the last bit; percentiles within α", () => {
    fc.assert(
      fc.property(fc.array(seconds, { maxLength: 40 }), (values) => {
        const exact = durations.result({ values, excluded: {} });
        const sketched = durations.result(sketchedOf(values));
        expect(sketched.percentiles).toBe("ddsketch(0.01)");
        expect([sketched.n, sketched.sum, sketched.mean, sketched.min, sketched.max]).toEqual([
          exact.n,
          exact.sum,
          exact.mean,
          exact.min,
          exact.max,
        ]);
        for (const key of ["median", "p90", "p95"] as const) {
          if (exact[key] === null) expect(sketched[key]).toBeNull();
          else {
            const want = exact[key] as number;
            expect(Math.abs((sketched[key] as number) - want)).toBeLessThanOrEqual(
              0.01 * want * (1 + 1e-9),
            );
          }
        }
      }),
    );
  });

  test("merging sketched states equals one state over the concatenation, to the last bit", () => {
    fc.assert(
      fc.property(
        fc.array(seconds, { maxLength: 30 }),
        fc.array(seconds, { maxLength: 30 }),
        (a, b) => {
          const together = durations.result(sketchedOf([...a, ...b]));
          expect(durations.result(durations.merge(sketchedOf(a), sketchedOf(b)))).toEqual(together);
          expect(durations.result(durations.merge(sketchedOf(b), sketchedOf(a)))).toEqual(together);
        },
      ),
    );
  });
});

describe("ratio, count and mean properties", () => {
  const ratioState = fc
    .record({ numerator: fc.nat(1000), extra: fc.nat(1000), excluded: reasons })
    .map(({ numerator, extra, excluded }) => ({
      numerator,
      denominator: numerator + extra,
      excluded,
    }));

  test("ratio.merge is exact, associative and commutative", () => {
    fc.assert(
      fc.property(ratioState, ratioState, ratioState, (a, b, c) => {
        expect(ratio.merge(a, b)).toEqual(ratio.merge(b, a));
        expect(ratio.merge(ratio.merge(a, b), c)).toEqual(ratio.merge(a, ratio.merge(b, c)));
        const merged = ratio.percent(ratio.merge(a, b));
        const total = a.denominator + b.denominator;
        expect(merged.value).toBe(total === 0 ? null : (100 * (a.numerator + b.numerator)) / total);
        if (merged.value !== null) {
          expect(merged.value).toBeGreaterThanOrEqual(0);
          expect(merged.value).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  test("count.merge and mean.merge are exact on whole numbers, in any order", () => {
    const countState = fc.record({ count: fc.nat(1e6), excluded: reasons });
    const meanState = fc.record({
      sum: fc.integer({ min: -1e9, max: 1e9 }),
      n: fc.nat(1e6),
      excluded: reasons,
    });
    fc.assert(
      fc.property(countState, countState, meanState, meanState, (c1, c2, m1, m2) => {
        expect(count.result(count.merge(c1, c2))).toEqual(count.result(count.merge(c2, c1)));
        expect(count.result(count.merge(c1, c2)).value).toBe(c1.count + c2.count);
        expect(mean.result(mean.merge(m1, m2))).toEqual(mean.result(mean.merge(m2, m1)));
        expect(mean.merge(m1, m2).excluded).toEqual(mergeExcluded(m1.excluded, m2.excluded));
      }),
    );
  });
});

describe("exactSum", () => {
  /** The reference: every value through Shewchuk's partials, whatever they are. */
  const viaPartials = (values: readonly number[]) => {
    const partials: number[] = [];
    for (const value of values) addPartial(partials, value);
    return partialsSum(partials);
  };

  test("equals the sum over partials, for whole numbers (the plain-arithmetic path) and others", () => {
    const whole = fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 200 });
    const mixed = fc.array(
      fc.oneof(fc.integer(), fc.double({ noNaN: true, min: -1e15, max: 1e15 })),
      {
        maxLength: 200,
      },
    );
    fc.assert(
      fc.property(fc.oneof(whole, mixed), (values) => {
        // The partials keep the sign of a zero (a lone -0 sums to -0); exactSum reports 0.
        expect(exactSum(values)).toBe(viaPartials(values) + 0);
      }),
    );
  });

  test("whole numbers beyond 2^53 in total fall back to partials", () => {
    // 2^53 + 1 rounds to 2^53 in plain arithmetic, twice; the exact sum 2^53 + 2 is representable.
    expect(exactSum([2 ** 53, 1, 1])).toBe(2 ** 53 + 2);
    expect(exactSum([1, 2, 3])).toBe(6);
    expect(exactSum([])).toBe(0);
    // fast-check found it: -0 alone went through the partials and came back as -0.
    expect(exactSum([-0])).toBe(0);
    expect(exactSum([-0, 0.5, -0.5])).toBe(0);
  });
});

describe("sortedNumbers", () => {
  const reference = (values: readonly number[]) => Array.from(Float64Array.from(values).sort());

  test("gives the built-in sort's sequence: whole seconds (radix path), fractions, edge values", () => {
    const whole = fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 400, maxLength: 3000 });
    const skewed = fc.array(fc.nat({ max: 5000 }), { minLength: 500, maxLength: 3000 });
    const odd = fc
      .tuple(
        fc.array(fc.nat({ max: 100_000 }), { minLength: 600, maxLength: 1500 }),
        fc.constantFrom(-0, 0.5, -1, 2 ** 32, 1e300, Number.POSITIVE_INFINITY),
        fc.nat(),
      )
      .map(([values, intruder, at]) => {
        const out = [...values];
        out.splice(at % (out.length + 1), 0, intruder);
        return out;
      });
    fc.assert(
      fc.property(fc.oneof(whole, skewed, odd), (values) => {
        // toEqual treats -0 and 0 alike: mark -0 so that it does not.
        const marked = (list: ArrayLike<number>) =>
          Array.from(list, (v) => (Object.is(v, -0) ? "-0" : v));
        expect(marked(sortedNumbers(values))).toEqual(marked(reference(values)));
      }),
      // Shrinking arrays of thousands is slow, and the first counterexample says enough.
      { numRuns: 200, endOnFailure: true },
    );
  });

  test("the radix path keeps duplicates and the 11-bit digit boundaries in order", () => {
    // 600 values around 2^11 and 2^22 (digit boundaries), each three times, shuffled by a stride.
    const base = [2047, 2048, 2049, 4_194_303, 4_194_304, 4_194_305, 0, 1, 2 ** 32 - 1];
    const values = Array.from(
      { length: 1800 },
      (_, i) => (base[(i * 7) % base.length] as number) + (i % 3),
    );
    expect(Array.from(sortedNumbers(values))).toEqual(reference(values));
  });
});
