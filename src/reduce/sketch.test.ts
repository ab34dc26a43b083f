import { describe, expect, test } from "vitest";
import {
  addPartial,
  addToSketch,
  createSketch,
  mergeSketches,
  partialsSum,
  sketchQuantile,
  sketchQuantiles,
  sketchSum,
} from "./sketch.ts";

function sketchOf(values: readonly number[], alpha = 0.01) {
  const sketch = createSketch(alpha);
  for (const value of values) addToSketch(sketch, value);
  return sketch;
}

function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  for (const value of values) addPartial(partials, value);
  return partialsSum(partials);
}

describe("createSketch and addToSketch", () => {
  test("hand-computed bins at α = 0.1", () => {
    // γ = 1.1 / 0.9 = 1.2222…; ln γ = 0.2006707; bin i = ⌈ln x / ln γ⌉ covers (γ^(i−1), γ^i]
    // 1 → ⌈0⌉ = 0; 2 → ⌈0.693147 / 0.200671⌉ = ⌈3.454⌉ = 4; 2.1 → ⌈3.697⌉ = 4; 100 → ⌈22.95⌉ = 23
    const sketch = sketchOf([1, 2, 2.1, 100, 0, -2], 0.1);
    expect(sketch.positive).toEqual(
      new Map([
        [0, 1],
        [4, 2],
        [23, 1],
      ]),
    );
    expect(sketch.negative).toEqual(new Map([[4, 1]]));
    expect([sketch.count, sketch.zeroCount, sketch.min, sketch.max]).toEqual([6, 1, -2, 100]);
    expect(sketchSum(sketch)).toBe(103.1);
  });

  test("a bin's representative value is within α of both its edges", () => {
    // Bin 4 at α = 0.1 covers (γ³, γ⁴] = (1.8258, 2.2316]; its value is 2γ⁴ / (γ + 1) = 2.0084.
    const gamma = 1.1 / 0.9;
    const value = sketchQuantile(sketchOf([1, 2, 2.1, 100], 0.1), 0.5) as number;
    expect(value).toBeCloseTo((2 * gamma ** 4) / (gamma + 1), 12);
    expect(Math.abs(value - gamma ** 3) / gamma ** 3).toBeCloseTo(0.1, 12);
    expect(Math.abs(value - gamma ** 4) / gamma ** 4).toBeCloseTo(0.1, 12);
  });

  test("the ends are exact: p 0 is the minimum, p 1 the maximum", () => {
    const sketch = sketchOf([3.7, 12.25, 999.5]);
    expect(sketchQuantiles(sketch, [0, 1])).toEqual([3.7, 999.5]);
    expect(sketchQuantile(sketchOf([42]), 0.95)).toBe(42);
  });

  test("an empty sketch has no quantile and a sum of 0", () => {
    const sketch = createSketch();
    expect(sketchQuantile(sketch, 0.5)).toBeNull();
    expect(sketchSum(sketch)).toBe(0);
    expect([sketch.min, sketch.max]).toEqual([Infinity, -Infinity]);
  });

  test("orders negative values, zero and positive values", () => {
    const sketch = sketchOf([-100, -1, 0, 0, 1, 100]);
    // ranks 0..5; median at h = 2.5 → halfway between 0 and 0
    expect(sketchQuantile(sketch, 0.5)).toBe(0);
    const [low, high] = sketchQuantiles(sketch, [0.2, 0.8]) as number[];
    // h = 1 → −1 (within 1 %); h = 4 → 1 (within 1 %)
    expect(Math.abs((low as number) + 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs((high as number) - 1)).toBeLessThanOrEqual(0.01);
  });

  test("memory does not grow with the number of values", () => {
    const sketch = createSketch(0.01);
    for (let i = 0; i < 200_000; i++) addToSketch(sketch, 1 + ((i * 7919) % 1_000_000));
    // from 1 to 10⁶ at α = 1 %: ln(10⁶) / ln(1.0202) ≈ 691 bins at most
    expect(sketch.positive.size).toBeLessThanOrEqual(692);
    expect(sketch.count).toBe(200_000);
  });

  test("refuses bad input", () => {
    for (const alpha of [0, 1, -0.1, 2, Number.NaN]) {
      expect(() => createSketch(alpha)).toThrow(
        new RangeError(
          `createSketch: relativeAccuracy must be a number greater than 0 and less than 1, got ${alpha}`,
        ),
      );
    }
    // @ts-expect-error: testing plain JavaScript
    expect(() => createSketch("0.01")).toThrow(/got "0.01"/);
    for (const value of [Number.NaN, Infinity, -Infinity]) {
      expect(() => addToSketch(createSketch(), value)).toThrow(
        new RangeError(`addToSketch: value must be a finite number, got ${value}`),
      );
    }
    expect(() => sketchQuantile(createSketch(), 1.5)).toThrow(
      new RangeError("sketchQuantile: p must be between 0 and 1, got 1.5"),
    );
    expect(() => mergeSketches(createSketch(0.01), createSketch(0.02))).toThrow(
      new RangeError(
        "mergeSketches: relativeAccuracy must be the same in both sketches, got 0.01 and 0.02",
      ),
    );
  });

  test("merging leaves both inputs alone", () => {
    const a = sketchOf([1, 2]);
    const b = sketchOf([2, 3]);
    const merged = mergeSketches(a, b);
    expect(merged.positive).toEqual(sketchOf([1, 2, 2, 3]).positive);
    expect(a.count).toBe(2);
    expect(a.positive).toEqual(sketchOf([1, 2]).positive);
  });
});

describe("exact sums", () => {
  test("known cases (Python's math.fsum gives the same)", () => {
    // fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]) == 1e-100
    expect(fsum([1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50])).toBe(1e-100);
    // fsum([0.1] * 10) == 1.0, where the running sum gives 0.9999999999999999
    expect(fsum(Array(10).fill(0.1))).toBe(1);
    // fsum([1.0, 1e-16, 1e-16]) == 1.0000000000000002: the two halves of an ulp add up
    expect(fsum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    // fsum([2.0**53, 1.0, 2.0**-52]) == 9007199254740994.0: the tie is broken by the tail
    expect(fsum([2 ** 53, 1, 2 ** -52])).toBe(9007199254740994);
    // fsum([2.0**53, 1.0]) == 9007199254740992.0: an exact tie rounds to even
    expect(fsum([2 ** 53, 1])).toBe(9007199254740992);
    expect(fsum([])).toBe(0);
  });
});

describe("mergeSketches refuses what cannot be a sketch (a state read from elsewhere)", () => {
  // The sketch of [1]: count 1, one value in positive bin 0 (⌈ln 1 / ln γ⌉ = 0), min = max = 1.
  const one = () => sketchOf([1]);
  const refused = (fields: Record<string, unknown>) => () =>
    mergeSketches({ ...one(), ...fields } as never, one());

  test.each([
    [{ count: -1 }, "a.count must be a whole number at least 0, got -1"],
    [{ count: 1.5 }, "a.count must be a whole number at least 0, got 1.5"],
    [{ count: "1" }, 'a.count must be a whole number at least 0, got "1"'],
    [{ zeroCount: -1 }, "a.zeroCount must be a whole number at least 0, got -1"],
    [{ zeroCount: 0.5 }, "a.zeroCount must be a whole number at least 0, got 0.5"],
    [{ positive: {} }, "a.positive must be a Map of bin counts, got an object"],
    [{ negative: [] }, "a.negative must be a Map of bin counts, got an array"],
    [{ positive: new Map([[0.5, 1]]) }, "a.positive must have whole bin indices, got 0.5"],
    [{ negative: new Map([[-1.5, 1]]) }, "a.negative must have whole bin indices, got -1.5"],
    [{ positive: new Map([[0, 0]]) }, "a.positive must hold whole counts above 0, got 0"],
    [{ positive: new Map([[0, 1.5]]) }, "a.positive must hold whole counts above 0, got 1.5"],
    [{ negative: new Map([[2, -1]]) }, "a.negative must hold whole counts above 0, got -1"],
    // 1 in positive bin 0 + 1 in negative bin 3 + zeroCount 0 = 2 ≠ count 1
    [{ negative: new Map([[3, 1]]) }, "a.count must equal the counts of its bins, got 1"],
    // 1 in positive bin 0 + zeroCount 1 = 2 ≠ count 1
    [{ zeroCount: 1 }, "a.count must equal the counts of its bins, got 1"],
    [{ min: "1" }, 'a.min and max must be numbers, got "1"'],
    [{ max: null }, "a.min and max must be numbers, got 1"],
    [{ min: Number.POSITIVE_INFINITY }, "a.min must be finite and at most max, got Infinity"],
    [{ min: Number.NaN }, "a.min must be finite and at most max, got NaN"],
    [{ min: 2 }, "a.min must be finite and at most max, got 2"],
    [{ sumPartials: "1" }, 'a.sumPartials must be an array of numbers, got "1"'],
    [{ sumPartials: ["1"] }, 'a.sumPartials must hold finite numbers, got "1"'],
    [
      { sumPartials: [1, Number.NEGATIVE_INFINITY] },
      "a.sumPartials must hold finite numbers, got -Infinity",
    ],
  ])("%o: %s", (fields, message) => {
    expect(refused(fields)).toThrow(new TypeError(`mergeSketches: ${message}`));
  });

  test("checks the second sketch as well", () => {
    expect(() => mergeSketches(one(), { ...one(), count: 2 })).toThrow(
      new TypeError("mergeSketches: b.count must equal the counts of its bins, got 2"),
    );
  });

  test("refuses a value that is not an object", () => {
    // Neither has a relativeAccuracy (both undefined), so the sides are checked one by one.
    expect(() => mergeSketches(5 as never, 5 as never)).toThrow(
      new TypeError("mergeSketches: a must be a sketch, got 5"),
    );
  });

  test("accepts the edges: min equal to max, an empty sketch's infinite min and max", () => {
    // min = max = 1 is a sketch of one value; the empty sketch has min Infinity, max −Infinity.
    const merged = mergeSketches(one(), createSketch());
    expect([merged.count, merged.min, merged.max, sketchSum(merged)]).toEqual([1, 1, 1, 1]);
    // a sketch of 0 only: zeroCount 1 = count 1, no bins
    const zero = mergeSketches(sketchOf([0]), sketchOf([0]));
    expect([zero.count, zero.zeroCount, zero.min, zero.max]).toEqual([2, 2, 0, 0]);
  });
});

describe("sketchQuantile and sketchQuantiles at their edges (issue 13)", () => {
  // At α = 0.1, γ = 1.1 / 0.9 = 1.2222…; bin 4 covers (γ³, γ⁴] = (1.8258, 2.2316] and its
  // representative value is 2γ⁴ / (γ + 1) = 2.0084; bin 0 covers (0.8182, 1], value 0.9.
  const gamma = 1.1 / 0.9;
  const bin4 = (2 * gamma ** 4) / (gamma + 1);

  test("the top rank is the exact maximum, even when its bin's value lies below it", () => {
    // [1, 2.2]: 2.2 is in bin 4, whose value 2.0084 < 2.2; p = 1 → h = 1 = n − 1 → the max.
    expect(sketchQuantile(sketchOf([1, 2.2], 0.1), 1)).toBe(2.2);
    // [1, 1.9, 2.2] at p = 0.9: h = 2 × 0.9 = 1.8 → rank 1 (1.9, bin 4 → 2.0084) and rank 2
    // (the max, 2.2): 2.0084 + 0.8 × (2.2 − 2.0084)
    expect(sketchQuantile(sketchOf([1, 1.9, 2.2], 0.1), 0.9)).toBeCloseTo(
      bin4 + 0.8 * (2.2 - bin4),
      12,
    );
  });

  test("a minimum and maximum whose gap passes the largest double: never NaN", () => {
    // [-1e308, 1e308]: p 0 and 1 are the exact ends; p 0.5 (h = 0.5) weighs the two ends
    // half and half: 0, where low + 0.5 × (high − low) overflowed to Infinity (and p 0 was
    // 0 × Infinity, NaN).
    const wide = sketchOf([-1e308, 1e308], 0.01);
    expect(sketchQuantiles(wide, [0, 0.5, 1])).toEqual([-1e308, 0, 1e308]);
  });

  test("a bin's value is clamped to the minimum and maximum seen", () => {
    // [1, 1, 1]: rank 1 is read from bin 0 (0.9), clamped up to the min, 1
    expect(sketchQuantile(sketchOf([1, 1, 1], 0.1), 0.5)).toBe(1);
    // [1.9, 1.9, 1.9]: rank 1 is read from bin 4 (2.0084), clamped down to the max, 1.9
    expect(sketchQuantile(sketchOf([1.9, 1.9, 1.9], 0.1), 0.5)).toBe(1.9);
  });

  test("orders negative bins from the most negative, whatever order they came in", () => {
    // sorted: −1000, −100, −10, −5, −1; n = 5, so p 0.25, 0.5, 0.75 are ranks 1, 2, 3
    const sketch = sketchOf([-1, -100, -10, -1000, -5]);
    const [q1, median, q3] = sketchQuantiles(sketch, [0.25, 0.5, 0.75]) as number[];
    expect(Math.abs((q1 as number) + 100)).toBeLessThanOrEqual(0.01 * 100);
    expect(Math.abs((median as number) + 10)).toBeLessThanOrEqual(0.01 * 10);
    expect(Math.abs((q3 as number) + 5)).toBeLessThanOrEqual(0.01 * 5);
  });

  test("an empty sketch gives null for every p, not undefined", () => {
    expect(sketchQuantiles(createSketch(), [0, 0.5, 1])).toStrictEqual([null, null, null]);
  });

  test("p may be 0 or 1 and nothing outside", () => {
    const sketch = sketchOf([3, 5]);
    expect([sketchQuantile(sketch, 0), sketchQuantile(sketch, 1)]).toEqual([3, 5]);
    for (const p of [-0.1, 1.1, Number.NaN]) {
      expect(() => sketchQuantile(sketch, p)).toThrow(
        new RangeError(`sketchQuantile: p must be between 0 and 1, got ${p}`),
      );
    }
    // @ts-expect-error: testing plain JavaScript
    expect(() => sketchQuantile(sketch, "0.5")).toThrow(/got "0.5"$/);
  });
});

describe("partialsSum of partials that do not come from addPartial (issue 13)", () => {
  test("reads on while the top partials add up exactly, and rounds the tie they make", () => {
    // 1 + 2⁻⁵² is exact (the next number after 1), so the sum reads on: + 2⁻⁵³ is a tie
    // between 1 + 2⁻⁵² and 1 + 2⁻⁵¹, and the 2⁻⁷⁰ below tips it up: 1 + 2⁻⁵¹ = 1.0000000000000004
    // (Python: math.fsum([1, 2**-52, 2**-53, 2**-70]) == 1.0000000000000004)
    expect(partialsSum([2 ** -70, 2 ** -53, 2 ** -52, 1])).toBe(1 + 2 ** -51);
  });

  test("a tie with nothing below it rounds to even", () => {
    // 2⁵³ − 0.5 is half-way between 2⁵³ − 1 and 2⁵³: to even, 2⁵³ (Python's fsum agrees)
    expect(fsum([2 ** 53, -0.5])).toBe(2 ** 53);
    expect(fsum([-(2 ** 53), 0.5])).toBe(-(2 ** 53));
  });
});
