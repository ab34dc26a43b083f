import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { quantile } from "./results.ts";
import {
  addPartial,
  addToSketch,
  createSketch,
  type DDSketch,
  mergeSketches,
  partialsSum,
  sketchQuantiles,
  sketchSum,
} from "./sketch.ts";

const alpha = fc.constantFrom(0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.3);
/** Durations as metrics produce them (millisecond seconds), plus any positive doubles and 0. */
const positive = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((ms) => ms / 1000),
  fc.double({ min: 1e-9, max: 1e12, noNaN: true }),
);
const signed = fc.oneof(
  positive,
  positive.map((x) => -x),
);
const ps = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 });

function sketchOf(values: readonly number[], relativeAccuracy: number): DDSketch {
  const sketch = createSketch(relativeAccuracy);
  for (const value of values) addToSketch(sketch, value);
  return sketch;
}

/** A sketch as comparable data: the sum read out, bins as sorted entries. */
function canonical(sketch: DDSketch) {
  const bins = (map: Map<number, number>) => [...map].sort((a, b) => a[0] - b[0]);
  return {
    relativeAccuracy: sketch.relativeAccuracy,
    count: sketch.count,
    zeroCount: sketch.zeroCount,
    positive: bins(sketch.positive),
    negative: bins(sketch.negative),
    min: sketch.min,
    max: sketch.max,
    sum: sketchSum(sketch),
  };
}

// Float rounding in ln, exp and the bin boundaries may add a few ulps to α.
const SLACK = 1 + 1e-9;

describe("sketch quantiles", () => {
  test("within α of the exact quantile (values of one sign)", () => {
    fc.assert(
      fc.property(
        alpha,
        fc.array(positive, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        ps,
        (a, values, negate, qs) => {
          const data = negate ? values.map((x) => -x) : values;
          const sorted = Float64Array.from(data).sort();
          const found = sketchQuantiles(sketchOf(data, a), qs);
          // Interpolating between two ranks rounds to within a few ulps of the larger value,
          // whoever interpolates: next to 0 (p = 0.99999999999999 between -1e-9 and 0) that
          // absolute error dwarfs α × the tiny result, in the exact quantile too.
          const magnitude = Math.max(
            Math.abs(sorted[0] as number),
            Math.abs(sorted.at(-1) as number),
          );
          const rounding = 4 * Number.EPSILON * magnitude;
          qs.forEach((p, i) => {
            const exact = quantile(sorted, p) as number;
            const got = found[i] as number;
            expect(Math.abs(got - exact)).toBeLessThanOrEqual(
              a * Math.abs(exact) * SLACK + rounding + 1e-300,
            );
          });
        },
      ),
    );
  });

  test("within α of the lower and upper rank values (any signs)", () => {
    fc.assert(
      fc.property(alpha, fc.array(signed, { minLength: 1, maxLength: 60 }), ps, (a, data, qs) => {
        const sorted = Float64Array.from(data).sort();
        const n = sorted.length;
        const found = sketchQuantiles(sketchOf(data, a), qs);
        qs.forEach((p, i) => {
          const h = (n - 1) * p;
          const low = sorted[Math.floor(h)] as number;
          const high = sorted[Math.min(Math.floor(h) + 1, n - 1)] as number;
          const got = found[i] as number;
          // Each rank value is read within α of itself; the answer lies between the two.
          const floor = Math.min(
            low - a * Math.abs(low) * SLACK,
            high - a * Math.abs(high) * SLACK,
          );
          const ceiling = Math.max(
            low + a * Math.abs(low) * SLACK,
            high + a * Math.abs(high) * SLACK,
          );
          expect(got).toBeGreaterThanOrEqual(floor);
          expect(got).toBeLessThanOrEqual(ceiling);
          expect(got).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(got).toBeLessThanOrEqual(sorted[n - 1] as number);
        });
      }),
    );
  });

  test("do not decrease as p grows", () => {
    fc.assert(
      fc.property(alpha, fc.array(signed, { minLength: 1, maxLength: 40 }), ps, (a, data, qs) => {
        const sorted = [...qs].sort((x, y) => x - y);
        const found = sketchQuantiles(sketchOf(data, a), sorted) as number[];
        for (let i = 1; i < found.length; i++) {
          const previous = found[i - 1] as number;
          // allow a rounding error of the interpolation only
          expect(found[i] as number).toBeGreaterThanOrEqual(previous - 1e-12 * Math.abs(previous));
        }
      }),
    );
  });
});

describe("sketch merging", () => {
  test("the merge of shard sketches equals the sketch of the concatenation, exactly", () => {
    const cases = fc
      .array(signed, { maxLength: 60 })
      .chain((all) =>
        fc.tuple(
          fc.constant(all),
          fc.uniqueArray(fc.integer({ min: 0, max: all.length }), { maxLength: 4 }),
          fc.boolean(),
        ),
      );
    fc.assert(
      fc.property(alpha, cases, (a, [all, cuts, reverse]) => {
        const points = [0, ...[...cuts].sort((x, y) => x - y), all.length];
        const shards = points.slice(1).map((end, i) => sketchOf(all.slice(points[i], end), a));
        if (reverse) shards.reverse();
        const merged = shards.reduce((x, y) => mergeSketches(x, y));
        expect(canonical(merged)).toEqual(canonical(sketchOf(all, a)));
      }),
    );
  });

  test("merging is associative and commutative", () => {
    const values = fc.array(signed, { maxLength: 20 });
    fc.assert(
      fc.property(alpha, values, values, values, (a, x, y, z) => {
        const [sx, sy, sz] = [sketchOf(x, a), sketchOf(y, a), sketchOf(z, a)];
        expect(canonical(mergeSketches(sx, sy))).toEqual(canonical(mergeSketches(sy, sx)));
        expect(canonical(mergeSketches(mergeSketches(sx, sy), sz))).toEqual(
          canonical(mergeSketches(sx, mergeSketches(sy, sz))),
        );
      }),
    );
  });
});

describe("exact sums", () => {
  test("the sum does not depend on the order of the values", () => {
    const cases = fc
      .array(fc.double({ min: -1e15, max: 1e15, noNaN: true }), { maxLength: 40 })
      .chain((all) =>
        fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length })),
      );
    fc.assert(
      fc.property(cases, ([all, shuffled]) => {
        const sum = (values: number[]) => {
          const partials: number[] = [];
          for (const value of values) addPartial(partials, value);
          return partialsSum(partials);
        };
        expect(Object.is(sum(all), sum(shuffled)) || sum(all) === sum(shuffled)).toBe(true);
      }),
    );
  });

  test("whole numbers add up exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (values) => {
        const partials: number[] = [];
        for (const value of values) addPartial(partials, value);
        expect(partialsSum(partials)).toBe(values.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
