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
