import { describe, expect, test } from "vitest";
import {
  agrestiCoullInterval,
  clopperPearsonInterval,
  proportionInterval,
  wilsonInterval,
} from "./proportion.ts";

/** Rounds both ends to 4 decimals, as Newcombe's tables print them. */
const four = (bounds: { lower: number; upper: number } | null) =>
  bounds && [Number(bounds.lower.toFixed(4)), Number(bounds.upper.toFixed(4))];

describe("wilsonInterval", () => {
  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17 (1998), Table II, method 3 (score), 95 %.
  test.each([
    [81, 263, [0.2553, 0.3662]],
    [15, 148, [0.0624, 0.1605]],
    [0, 20, [0, 0.1611]],
    [1, 29, [0.0061, 0.1718]],
  ])("%d of %d gives Newcombe's published interval", (successes, n, expected) => {
    expect(four(wilsonInterval(successes, n))).toEqual(expected);
  });

  test("by hand: 18 of 20 at 95 %", () => {
    // z = 1.959964, z² = 3.841459; centre = (18 + 1.920729) / 23.841459 = 0.835550
    // half = 1.959964 / 23.841459 × √(18 × 2 / 20 + 0.960365) = 0.082208 × 1.661435 = 0.136584
    const { lower, upper } = wilsonInterval(18, 20) as { lower: number; upper: number };
    expect(lower).toBeCloseTo(0.698966, 5);
    expect(upper).toBeCloseTo(0.972134, 5);
  });

  test("returns exactly { lower, upper } as fractions, 0 and 1 at the ends", () => {
    expect(Object.keys(wilsonInterval(3, 10) ?? {})).toEqual(["lower", "upper"]);
    expect(wilsonInterval(0, 20)?.lower).toBe(0);
    expect(wilsonInterval(29, 29)?.upper).toBe(1);
  });

  test("mirrors: the interval of n − x is 1 minus that of x", () => {
    const a = wilsonInterval(7, 31) as { lower: number; upper: number };
    const b = wilsonInterval(24, 31) as { lower: number; upper: number };
    expect(a.lower).toBeCloseTo(1 - b.upper, 15);
    expect(a.upper).toBeCloseTo(1 - b.lower, 15);
  });

  test("has no interval without data", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  test("honours the level: 99 % is wider than 95 %, which is wider than 80 %", () => {
    const width = (level: number) => {
      const { lower, upper } = wilsonInterval(12, 40, { level }) as {
        lower: number;
        upper: number;
      };
      return upper - lower;
    };
    expect(width(0.99)).toBeGreaterThan(width(0.95));
    expect(width(0.95)).toBeGreaterThan(width(0.8));
  });

  test("rejects bad counts and levels in the house grammar", () => {
    expect(() => wilsonInterval(21, 20)).toThrow(
      "wilsonInterval: successes must be a whole number from 0 to 20, got 21",
    );
    expect(() => wilsonInterval(-1, 20)).toThrow(RangeError);
    expect(() => wilsonInterval(2.5, 20)).toThrow(RangeError);
    expect(() => wilsonInterval(2, -3)).toThrow(
      "wilsonInterval: n must be a whole number at least 0, got -3",
    );
    expect(() => wilsonInterval(1, 10, { level: 1 })).toThrow(
      "wilsonInterval: level must be between 0 and 1 (exclusive), got 1",
    );
    expect(() => wilsonInterval(1, 10, { level: 0 })).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, { level: 95 })).toThrow(RangeError);
    // @ts-expect-error: testing a wrong kind from plain JavaScript
    expect(() => wilsonInterval("1", 10)).toThrow(TypeError);
    // @ts-expect-error: testing a wrong kind from plain JavaScript
    expect(() => wilsonInterval(1, 10, { level: "95%" })).toThrow(
      'wilsonInterval: level must be a number, got "95%"',
    );
  });
});

describe("clopperPearsonInterval", () => {
  // Newcombe (1998), Table II, method 5 (exact), 95 %; the full digits from SciPy 1.17.1
  // `beta.ppf`, the same beta quantiles R's binom.test uses.
  test.each([
    [81, 263, [0.2527, 0.3676], [0.25273674558527126, 0.36762192260135135]],
    [15, 148, [0.0578, 0.1617], [0.05784401008344857, 0.161650490349479]],
    [0, 20, [0, 0.1684], [0, 0.1684334709830853]],
    [1, 29, [0.0009, 0.1776], [0.000872646883579922, 0.1776442954887229]],
  ])("%d of %d gives the exact interval", (successes, n, rounded, full) => {
    const interval = clopperPearsonInterval(successes, n) as { lower: number; upper: number };
    expect(four(interval)).toEqual(rounded);
    expect(interval.lower).toBeCloseTo(full[0] as number, 13);
    expect(interval.upper).toBeCloseTo(full[1] as number, 13);
  });

  test("by hand at the ends: 0 of n has upper 1 − (α/2)^(1/n)", () => {
    // 0 of 20: 1 − 0.025^(1/20) = 0.168433...
    expect(clopperPearsonInterval(0, 20)?.upper).toBeCloseTo(1 - 0.025 ** (1 / 20), 14);
    // 20 of 20: lower = 0.025^(1/20)
    expect(clopperPearsonInterval(20, 20)).toEqual({
      lower: expect.closeTo(0.025 ** (1 / 20), 14),
      upper: 1,
    });
  });

  test("is never narrower than Wilson at the ends", () => {
    for (const [x, n] of [
      [0, 15],
      [1, 15],
      [14, 15],
    ] as const) {
      const exact = clopperPearsonInterval(x, n) as { lower: number; upper: number };
      const score = wilsonInterval(x, n) as { lower: number; upper: number };
      expect(exact.upper - exact.lower).toBeGreaterThan(score.upper - score.lower);
    }
  });
});

describe("agrestiCoullInterval", () => {
  test("by hand: 81 of 263", () => {
    // ñ = 263 + 3.841459 = 266.841459, p̃ = (81 + 1.920729) / ñ = 0.310749
    // half = 1.959964 × √(0.310749 × 0.689251 / 266.841459) = 0.055529
    const { lower, upper } = agrestiCoullInterval(81, 263) as { lower: number; upper: number };
    expect(lower).toBeCloseTo(0.255221, 5);
    expect(upper).toBeCloseTo(0.366277, 5);
  });

  test("is centred where Wilson is, and clipped to [0, 1]", () => {
    const ac = agrestiCoullInterval(3, 17) as { lower: number; upper: number };
    const w = wilsonInterval(3, 17) as { lower: number; upper: number };
    expect((ac.lower + ac.upper) / 2).toBeCloseTo((w.lower + w.upper) / 2, 14);
    expect(agrestiCoullInterval(0, 20)?.lower).toBe(0);
    expect(agrestiCoullInterval(29, 29)?.upper).toBe(1);
  });
});

describe("proportionInterval", () => {
  test("defaults to Wilson at 95 % and says so", () => {
    expect(proportionInterval(81, 263)).toEqual({
      ...wilsonInterval(81, 263),
      level: 0.95,
      method: "wilson",
    });
  });

  test("picks each method by name", () => {
    expect(proportionInterval(1, 29, { method: "clopper-pearson", level: 0.9 })).toEqual({
      ...clopperPearsonInterval(1, 29, { level: 0.9 }),
      level: 0.9,
      method: "clopper-pearson",
    });
    expect(proportionInterval(1, 29, { method: "agresti-coull" })).toEqual({
      ...agrestiCoullInterval(1, 29),
      level: 0.95,
      method: "agresti-coull",
    });
  });

  test("has no interval for n = 0, whatever the method", () => {
    expect(proportionInterval(0, 0, { method: "clopper-pearson" })).toBeNull();
  });

  test("rejects an unknown method and reports errors under its own name", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => proportionInterval(1, 2, { method: "wald" })).toThrow(
      'proportionInterval: method must be one of wilson, agresti-coull, clopper-pearson, got "wald"',
    );
    expect(() => proportionInterval(3, 2)).toThrow(
      "proportionInterval: successes must be a whole number from 0 to 2, got 3",
    );
  });
});
