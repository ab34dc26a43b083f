import { describe, expect, test } from "vitest";
import { noDurations, oneDuration, seed002Durations } from "../../test/durations.ts";
import {
  count,
  durations,
  excludedCounts,
  mean,
  mergeExcluded,
  quantile,
  ratio,
  secondsBetween,
} from "./results.ts";

describe("quantile", () => {
  test("hand-computed: linear between the two closest ranks", () => {
    // [10, 20, 30, 40], p 0.5: h = 3 × 0.5 = 1.5 → 20 + 0.5 × (30 − 20) = 25
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    // p 0.9: h = 2.7 → 30 + 0.7 × 10 = 37
    expect(quantile([10, 20, 30, 40], 0.9)).toBe(37);
    // p 0: the minimum; p 1: the maximum
    expect(quantile([10, 20, 30, 40], 0)).toBe(10);
    expect(quantile([10, 20, 30, 40], 1)).toBe(40);
    // One value is every quantile.
    expect(quantile([7], 0.95)).toBe(7);
  });

  test("values whose gap passes the largest double: never NaN, never Infinity", () => {
    // [-1e308, 1e308]: the gap, 2e308, overflows to Infinity. p 0: h = 0, the minimum itself
    // (0 × Infinity was NaN); p 0.5: h = 0.5 → -1e308 × 0.5 + 1e308 × 0.5 = 0 (was Infinity);
    // p 0.25: -1e308 × 0.75 + 1e308 × 0.25 = -5e307.
    const wide = [-1e308, 1e308];
    expect(quantile(wide, 0)).toBe(-1e308);
    expect(quantile(wide, 0.5)).toBe(0);
    expect(quantile(wide, 0.25)).toBe(-5e307);
    expect(quantile(wide, 1)).toBe(1e308);
  });

  test("numpy's default (linear) rule", () => {
    // Values from numpy 2.4: numpy.percentile(values, q), q = 100 × p.
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // numpy.percentile([1..10], 50) = 5.5; 90 → 9.1; 95 → 9.549999999999999; 25 → 3.25
    expect(quantile(oneToTen, 0.5)).toBe(5.5);
    expect(quantile(oneToTen, 0.9)).toBe(9.1);
    expect(quantile(oneToTen, 0.95)).toBe(9.549999999999999);
    expect(quantile(oneToTen, 0.25)).toBe(3.25);
    // numpy.percentile([1..20], 50) = 10.5; 90 → 18.1; 95 → 19.05
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(oneToTwenty, 0.5)).toBe(10.5);
    expect(quantile(oneToTwenty, 0.9)).toBe(18.1);
    expect(quantile(oneToTwenty, 0.95)).toBe(19.05);
    // numpy.percentile([1, 3], 50) = 2.0; 90 → 2.8; 95 → 2.9
    expect(quantile([1, 3], 0.5)).toBe(2);
    expect(quantile([1, 3], 0.9)).toBe(2.8);
    expect(quantile([1, 3], 0.95)).toBe(2.9);
    // numpy.percentile([0.1, 0.2, 0.7, 1.9, 2.5], 50) = 0.7; 90 → 2.26; 95 → 2.38; 33 → 0.36
    const uneven = [0.1, 0.2, 0.7, 1.9, 2.5];
    expect(quantile(uneven, 0.5)).toBe(0.7);
    expect(quantile(uneven, 0.9)).toBe(2.26);
    expect(quantile(uneven, 0.95)).toBe(2.38);
    expect(quantile(uneven, 0.33)).toBe(0.36);
  });

  test("is null for no values", () => {
    expect(quantile([], 0.5)).toBeNull();
  });

  test("reads typed arrays", () => {
    expect(quantile(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });

  test("refuses p outside [0, 1]", () => {
    for (const p of [-0.1, 1.5, 90, Number.NaN]) {
      expect(() => quantile([1, 2, 3], p)).toThrow(
        new RangeError(`quantile: p must be between 0 and 1, got ${p}`),
      );
    }
  });

  test('refuses a p that is not a number, though null and "0.5" would compare as numbers', () => {
    // null >= 0 && null <= 1 holds (null reads as 0), so without the type check quantile(xs,
    // null) would return the minimum, and "0.5" would be coerced to the median
    expect(() => quantile([1, 2, 3], null as unknown as number)).toThrow(
      new RangeError("quantile: p must be between 0 and 1, got null"),
    );
    expect(() => quantile([1, 2, 3], "0.5" as unknown as number)).toThrow(
      new RangeError('quantile: p must be between 0 and 1, got "0.5"'),
    );
  });
});

describe("durations", () => {
  test("result on no durations: every number null, n 0, sum 0", () => {
    expect(durations.result(durations.init(["unanswered"]))).toEqual(
      noDurations({ unanswered: 0 }),
    );
  });

  test("result on one duration: it is every statistic", () => {
    const state = durations.init(["unanswered"]);
    state.values.push(42);
    state.excluded.unanswered = 3;
    expect(durations.result(state, "p95")).toEqual(oneDuration(42, { unanswered: 3 }, "p95"));
  });

  test("result on many durations, in any order", () => {
    // Seed 002: 20 s, 15 s and 30 s → mean 65 / 3 = 21.67 s; median 20;
    // p90: h = 2 × 0.9 = 1.8 → 20 + 0.8 × 10 = 28; p95: h = 1.9 → 29.
    const state = { values: [20, 15, 30], excluded: {} };
    const result = durations.result(state);
    expect(result).toEqual(seed002Durations({}));
    expect(result.value).toBeCloseTo(21.67, 2);
    expect(durations.result(state, "median").value).toBe(20);
    expect(durations.result(state, "p90").value).toBe(28);
    // The state is not sorted in place: result is pure.
    expect(state.values).toEqual([20, 15, 30]);
  });

  test("sorts numerically, not as text", () => {
    // As strings, 100 < 20 < 3; as numbers 3 < 20 < 100.
    const result = durations.result({ values: [100, 3, 20], excluded: {} });
    expect([result.min, result.median, result.max]).toEqual([3, 20, 100]);
  });

  test("merge keeps every value and adds exclusions, exactly", () => {
    const a = { values: [0.7, 0.2], excluded: { unanswered: 1, spam: 0 } };
    const b = { values: [0.1, 0.3], excluded: { unanswered: 2, spam: 5 } };
    const merged = durations.merge(a, b);
    expect(merged).toEqual({ values: [0.7, 0.2, 0.1, 0.3], excluded: { unanswered: 3, spam: 5 } });
    // Summed exactly (correctly rounded) whatever the arrival or merge order: identical to the
    // last bit. In arrival order 0.7 + 0.2 + 0.1 + 0.3 = 1.2999999999999998; exactly it is 1.3.
    expect(0.7 + 0.2 + 0.1 + 0.3).toBe(1.2999999999999998);
    expect(durations.result(merged).sum).toBe(1.3);
    expect(durations.result(merged)).toEqual(durations.result(durations.merge(b, a)));
    expect(durations.result(merged)).toEqual(
      durations.result({ values: [0.1, 0.2, 0.3, 0.7], excluded: { unanswered: 3, spam: 5 } }),
    );
    // Inputs are left alone.
    expect(a.values).toEqual([0.7, 0.2]);
  });
});

describe("durations with a sketch", () => {
  const sketched = durations.percentiles("test", { sketch: "ddsketch", relativeAccuracy: 0.01 });

  test("percentiles option: exact by default, or a DDSketch with a relative accuracy", () => {
    expect(durations.percentiles("fn", undefined)).toEqual({ sketch: null });
    expect(durations.percentiles("fn", "exact")).toEqual({ sketch: null });
    expect(durations.percentiles("fn", { sketch: "ddsketch" })).toEqual({
      sketch: { relativeAccuracy: 0.01 },
    });
    expect(durations.percentiles("fn", { sketch: "ddsketch", relativeAccuracy: 0.05 })).toEqual({
      sketch: { relativeAccuracy: 0.05 },
    });
  });

  test("refuses bad percentiles options", () => {
    // each bad value printed as it was given (an object as JSON, never "[object Object]")
    const bad: [unknown, string][] = [
      ["approx", '"approx"'],
      [1, "1"],
      [null, "null"],
      [{ sketch: "tdigest" }, '{"sketch":"tdigest"}'],
      [{}, "{}"],
    ];
    for (const [value, shown] of bad) {
      expect(() => durations.percentiles("fn", value as "exact")).toThrow(
        new TypeError(
          `fn: percentiles must be "exact" or { sketch: "ddsketch", relativeAccuracy? }, got ${shown}`,
        ),
      );
    }
    expect(() => durations.percentiles("fn", "approx" as "exact")).toThrow(
      new TypeError(
        'fn: percentiles must be "exact" or { sketch: "ddsketch", relativeAccuracy? }, got "approx"',
      ),
    );
    expect(() =>
      durations.percentiles("fn", { sketch: "ddsketch", relativeAccuracy: 1.5 }),
    ).toThrow(
      new RangeError(
        "fn: percentiles.relativeAccuracy must be a number greater than 0 and less than 1, got 1.5",
      ),
    );
  });

  test("n, sum, mean, min and max are exact; percentiles within 1 %; the result says which", () => {
    // 20, 15, 30 s: n 3, sum 65, mean 21.67, min 15, max 30 exactly; exact median 20,
    // p90 28, p95 29; the sketch reads rank values as bin values within 1 %.
    const state = durations.init(["unanswered"], sketched);
    for (const value of [20, 15, 30]) durations.add(state, value);
    expect(state.values).toEqual([]);
    const result = durations.result(state, "median");
    expect(result).toMatchObject({
      statistic: "median",
      percentiles: "ddsketch(0.01)",
      n: 3,
      sum: 65,
      mean: 65 / 3,
      min: 15,
      max: 30,
      excluded: { unanswered: 0 },
    });
    expect(Math.abs((result.median as number) - 20)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((result.p90 as number) - 28)).toBeLessThanOrEqual(0.28);
    expect(Math.abs((result.p95 as number) - 29)).toBeLessThanOrEqual(0.29);
    expect(result.value).toBe(result.median);
  });

  test("on no durations every number is null, as with exact percentiles", () => {
    expect(durations.result(durations.init(["unanswered"], sketched))).toEqual(
      noDurations({ unanswered: 0 }, { percentiles: "ddsketch(0.01)" }),
    );
  });

  test("merge adds sketches; mixing exact and sketched states throws", () => {
    const a = durations.init(["x"], sketched);
    const b = durations.init(["x"], sketched);
    durations.add(a, 1);
    durations.add(b, 2);
    b.excluded.x = 4;
    const merged = durations.merge(a, b);
    expect(durations.result(merged)).toMatchObject({
      n: 2,
      sum: 3,
      min: 1,
      max: 2,
      excluded: { x: 4 },
    });
    expect(a.sketch?.count).toBe(1);
    expect(() => durations.merge(a, durations.init(["x"]))).toThrow(
      new TypeError(
        "durations.merge: both states must use the same percentiles, got ddsketch(0.01) and exact",
      ),
    );
  });
});

describe("ratio", () => {
  test("percent and quotient, null with an empty denominator", () => {
    const state = ratio.init(["noScore"]);
    expect(ratio.percent(state)).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { noScore: 0 },
    });
    state.numerator = 3;
    state.denominator = 4;
    expect(ratio.percent(state)).toEqual({
      value: 75,
      numerator: 3,
      denominator: 4,
      excluded: { noScore: 0 },
    });
    expect(ratio.quotient(state).value).toBe(0.75);
    expect(ratio.quotient(ratio.init([])).value).toBeNull();
  });

  test("merge adds numerators, denominators and exclusions", () => {
    const a = { numerator: 1, denominator: 3, excluded: { noScore: 2 } };
    const b = { numerator: 2, denominator: 3, excluded: { noScore: 1 } };
    // 3 / 6 = 50 %, not the mean of 33.3 % and 66.7 %.
    expect(ratio.percent(ratio.merge(a, b))).toEqual({
      value: 50,
      numerator: 3,
      denominator: 6,
      excluded: { noScore: 3 },
    });
  });

  test("the result does not share its exclusion table with the state", () => {
    const state = ratio.init(["noScore"]);
    ratio.percent(state).excluded.noScore = 99;
    expect(state.excluded.noScore).toBe(0);
  });
});

describe("count", () => {
  test("a count of nothing is 0, not null", () => {
    expect(count.result(count.init(["spam"]))).toEqual({ value: 0, excluded: { spam: 0 } });
  });

  test("merge adds", () => {
    expect(
      count.result(
        count.merge({ count: 2, excluded: { spam: 1 } }, { count: 5, excluded: { spam: 0 } }),
      ),
    ).toEqual({ value: 7, excluded: { spam: 1 } });
  });
});

describe("mean", () => {
  test("null with nothing, sum / n otherwise", () => {
    expect(mean.result(mean.init(["x"]))).toEqual({
      value: null,
      sum: 0,
      n: 0,
      excluded: { x: 0 },
    });
    expect(mean.result({ sum: 10, n: 4, excluded: {} })).toEqual({
      value: 2.5,
      sum: 10,
      n: 4,
      excluded: {},
    });
  });

  test("merge adds sums and counts", () => {
    // (1 + 2) / 2 and (6) / 1 → 9 / 3 = 3, not the mean of means 3.75.
    expect(
      mean.result(mean.merge({ sum: 3, n: 2, excluded: {} }, { sum: 6, n: 1, excluded: {} })).value,
    ).toBe(3);
  });
});

describe("excluded counts", () => {
  test("excludedCounts lists every reason at 0", () => {
    expect(excludedCounts(["a", "b"])).toEqual({ a: 0, b: 0 });
    expect(excludedCounts([])).toEqual({});
  });

  test("mergeExcluded adds reason by reason, keeping reasons only one side has", () => {
    const a = { a: 1, b: 2 } as Record<string, number>;
    const b = { b: 3, c: 4 } as Record<string, number>;
    expect(mergeExcluded(a, b)).toEqual({ a: 1, b: 5, c: 4 });
    expect(a).toEqual({ a: 1, b: 2 });
  });
});

describe("secondsBetween", () => {
  test("is the difference in seconds, with milliseconds kept", () => {
    expect(secondsBetween(Date.UTC(2024, 2, 1, 9), Date.UTC(2024, 2, 1, 9, 20))).toBe(1200);
    expect(secondsBetween(0, 1500)).toBe(1.5);
    expect(secondsBetween(1000, 0)).toBe(-1);
  });

  test("counts elapsed time across a DST change, not wall-clock time", () => {
    // 01:30 EST → 03:30 EDT on 2024-03-10 in New York is one hour, not two.
    expect(
      secondsBetween(
        Date.parse("2024-03-10T01:30:00-05:00"),
        Date.parse("2024-03-10T03:30:00-04:00"),
      ),
    ).toBe(3600);
  });
});
