import { describe, expect, test } from "vitest";
import { compareRates, durationInterval, npsIntervalOf, rateInterval } from "./metricIntervals.ts";
import { npsInterval } from "./npsInterval.ts";
import { proportionInterval } from "./proportion.ts";

describe("rateInterval", () => {
  test("is the proportion interval in percent", () => {
    // Newcombe: 81/263 → 25.53 % to 36.62 %
    const interval = rateInterval({ numerator: 81, denominator: 263 });
    expect(interval).toMatchObject({ level: 0.95, method: "wilson" });
    expect(interval?.lower).toBeCloseTo(25.53, 2);
    expect(interval?.upper).toBeCloseTo(36.62, 2);
    const exact = rateInterval({ numerator: 1, denominator: 29 }, { method: "clopper-pearson" });
    expect(exact?.upper).toBeCloseTo(
      100 * (proportionInterval(1, 29, { method: "clopper-pearson" })?.upper as number),
      12,
    );
  });

  test("has no interval for an empty denominator", () => {
    expect(rateInterval({ numerator: 0, denominator: 0 })).toBeNull();
  });
});

describe("npsIntervalOf", () => {
  test("keeps only the shared shape of npsInterval", () => {
    const counts = { promoters: 5, detractors: 3, n: 10 };
    const full = npsInterval(counts, { method: "wald" });
    expect(npsIntervalOf(counts, { method: "wald" })).toEqual({
      lower: full?.lower,
      upper: full?.upper,
      level: 0.95,
      method: "wald",
    });
    expect(npsIntervalOf({ promoters: 0, detractors: 0, n: 0 })).toBeNull();
  });
});

describe("durationInterval", () => {
  const seconds = [30, 45, 60, 90, 120, 150, 300, 600, 900, 3600];

  test("order statistics for the median, p90 and p95", () => {
    expect(durationInterval(seconds, "median")).toEqual({
      lower: 45,
      upper: 900,
      level: 0.95,
      method: "order-statistics",
    });
    // 10 values are too few for p90 at 95 % (36 needed)
    expect(durationInterval(seconds, "p90")).toBeNull();
    const many = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);
    // n = 100, p90 → ranks 84 to 96 (SciPy), values 840 s to 960 s
    expect(durationInterval(many, "p90")).toMatchObject({ lower: 840, upper: 960 });
    expect(durationInterval(many, "p95")?.method).toBe("order-statistics");
  });

  test("a t interval for the mean", () => {
    // 1, 2, 3: mean 2, variance 1, t(0.975, 2) = 4.302653 → 2 ± 4.302653 / √3 = 2 ± 2.484138
    const interval = durationInterval([1, 2, 3], "mean");
    expect(interval?.method).toBe("t");
    expect(interval?.lower).toBeCloseTo(2 - 4.302652729749462 / Math.sqrt(3), 12);
    expect(durationInterval([5], "mean")).toBeNull();
  });

  test("rejects an unknown statistic", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => durationInterval(seconds, "p99")).toThrow(
      'durationInterval: statistic must be one of mean, median, p90, p95, got "p99"',
    );
  });
});

describe("compareRates", () => {
  test("compares in percentage points", () => {
    const change = compareRates(
      { numerator: 56, denominator: 70 },
      { numerator: 48, denominator: 80 },
    );
    expect(change?.difference).toBeCloseTo(20, 12);
    expect(change?.interval?.lower).toBeCloseTo(5.243147240236482, 10);
    expect(change?.interval?.upper).toBeCloseTo(33.38726540369059, 10);
    expect(change?.pValue).toBeCloseTo(0.008045081368196585, 12);
    expect(
      compareRates({ numerator: 0, denominator: 0 }, { numerator: 1, denominator: 3 }),
    ).toBeNull();
  });
});
