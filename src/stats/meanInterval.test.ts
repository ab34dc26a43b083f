import { describe, expect, test } from "vitest";
import { meanInterval, momentsFromSums, momentsOf } from "./meanInterval.ts";

const ces = [4, 5, 5, 3, 4, 2, 5, 4, 4, 5];

describe("meanInterval", () => {
  test("gives Student's t interval (SciPy 1.17.1: stats.t.interval, same as R's t.test)", () => {
    // mean 4.1, variance 8.9 / 9 = 0.988889, t(0.975, 9) = 2.262157
    // margin = 2.262157 × √(0.988889 / 10) = 0.711372
    const interval = meanInterval(momentsOf(ces));
    expect(interval).toMatchObject({ level: 0.95, method: "t", mean: 4.1, df: 9 });
    expect(interval?.lower).toBeCloseTo(3.388628400280501, 12);
    expect(interval?.upper).toBeCloseTo(4.811371599719498, 12);
  });

  test("needs two values; a constant sample has zero width", () => {
    expect(meanInterval(momentsOf([7]))).toBeNull();
    expect(meanInterval(momentsOf([]))).toBeNull();
    expect(meanInterval(momentsOf([3, 3, 3]))).toMatchObject({ lower: 3, upper: 3, margin: 0 });
  });

  test("widens with the level", () => {
    const at = (level: number) => meanInterval(momentsOf(ces), { level })?.margin as number;
    expect(at(0.99)).toBeGreaterThan(at(0.95));
  });

  test("rejects a negative variance or a bad level", () => {
    expect(() => meanInterval({ n: 5, mean: 1, variance: -1 })).toThrow(
      "meanInterval: variance must be a finite number at least 0, got -1",
    );
    expect(() => meanInterval(momentsOf(ces), { level: 1.2 })).toThrow(RangeError);
  });
});

describe("moments", () => {
  test("two passes and the sums agree on ordinary data", () => {
    const sums = { n: 10, sum: 41, sumOfSquares: ces.reduce((s, x) => s + x * x, 0) };
    // Σx² = 177: variance (177 − 41² / 10) / 9 = 0.988889
    expect(sums.sumOfSquares).toBe(177);
    const fromSums = momentsFromSums(sums);
    expect(fromSums?.variance).toBeCloseTo(momentsOf(ces)?.variance as number, 14);
  });

  test("two passes keep the digits that sums lose far from zero", () => {
    // 1e9 + {1, 2, 3}: variance 1. Σx² ≈ 3e18 has no digit left for it.
    const values = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    expect(momentsOf(values)?.variance).toBe(1);
    const sums = {
      n: 3,
      sum: values.reduce((s, x) => s + x, 0),
      sumOfSquares: values.reduce((s, x) => s + x * x, 0),
    };
    expect(momentsFromSums(sums)?.variance).not.toBe(1);
  });

  test("have no value for no data", () => {
    expect(momentsOf([])).toBeNull();
    expect(momentsFromSums({ n: 0, sum: 0, sumOfSquares: 0 })).toBeNull();
    expect(momentsOf([5])).toEqual({ n: 1, mean: 5, variance: 0 });
  });
});
