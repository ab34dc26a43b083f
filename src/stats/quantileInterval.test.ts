import { describe, expect, test } from "vitest";
import { binomialCdf } from "./binomial.ts";
import { orderStatisticRanks, quantileInterval } from "./quantileInterval.ts";

describe("orderStatisticRanks", () => {
  test("n = 10, median: the 2nd to the 9th value cover with 97.9 % (issue 18)", () => {
    // B ~ Binomial(10, ½): F(1) = 11/1024 = 0.0107 ≤ 0.025 < F(2) = 56/1024 = 0.0547,
    // F(8) = 1013/1024 ≥ 0.975 → coverage F(8) − F(1) = 1002/1024 = 0.978515625
    expect(orderStatisticRanks(10, 0.5)).toEqual({
      lowerRank: 2,
      upperRank: 9,
      coverage: 0.978515625,
    });
  });

  // Reference: SciPy 1.17.1, the same rule with stats.binom.cdf.
  test.each([
    [100, 0.5, 40, 61, 0.9647997997822952],
    [100, 0.9, 84, 96, 0.955690107191223],
    [1000, 0.9, 881, 919, 0.9549071811148259],
    [6, 0.5, 1, 6, 0.96875],
  ])("n = %d, q = %d: ranks %d to %d, coverage %d", (n, q, lower, upper, coverage) => {
    const ranks = orderStatisticRanks(n, q);
    expect(ranks).toMatchObject({ lowerRank: lower, upperRank: upper });
    expect(ranks?.coverage).toBeCloseTo(coverage, 12);
  });

  test("keeps each tail under α/2 and cannot move a rank inward", () => {
    for (const [n, q] of [
      [37, 0.5],
      [250, 0.9],
      [80, 0.95],
    ] as const) {
      const { lowerRank, upperRank } = orderStatisticRanks(n, q) as {
        lowerRank: number;
        upperRank: number;
      };
      expect(binomialCdf(lowerRank - 1, n, q)).toBeLessThanOrEqual(0.025);
      expect(binomialCdf(lowerRank, n, q)).toBeGreaterThan(0.025);
      expect(binomialCdf(upperRank - 1, n, q)).toBeGreaterThanOrEqual(0.975);
      expect(binomialCdf(upperRank - 2, n, q)).toBeLessThan(0.975);
    }
  });

  test("has no interval when n is too small: median below 6 values, p90 below 36", () => {
    // median: ½⁵ = 0.03125 > 0.025; p90: 0.9³⁵ = 0.02503 > 0.025 but 0.9³⁶ = 0.02253
    expect(orderStatisticRanks(5, 0.5)).toBeNull();
    expect(orderStatisticRanks(35, 0.9)).toBeNull();
    expect(orderStatisticRanks(36, 0.9)).not.toBeNull();
    expect(orderStatisticRanks(0, 0.5)).toBeNull();
  });
});

describe("quantileInterval", () => {
  test("returns the values at those ranks, with the achieved coverage", () => {
    const minutes = [3, 5, 8, 12, 15, 20, 31, 45, 60, 240];
    expect(quantileInterval(minutes, 0.5)).toEqual({
      lower: 5,
      upper: 60,
      level: 0.95,
      method: "order-statistics",
      lowerRank: 2,
      upperRank: 9,
      coverage: 0.978515625,
    });
  });

  test("rejects unsorted values and a quantile outside [0, 1]", () => {
    expect(() => quantileInterval([1, 3, 2], 0.5)).toThrow(
      "quantileInterval: values must be sorted in ascending order, got 3 before 2",
    );
    expect(() => quantileInterval([1, 2, 3], 1.5)).toThrow(
      "quantileInterval: q must be between 0 and 1, got 1.5",
    );
  });
});
