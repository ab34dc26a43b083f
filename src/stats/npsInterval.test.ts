import { describe, expect, test } from "vitest";
import { npsInterval, npsMarginOfError, npsVariance } from "./npsInterval.ts";

// The definition book's example: scores 10, 9, 9, 8, 7, 6, 5, 10, 3, 9 → 5 promoters,
// 2 passives, 3 detractors, NPS 20.
const book = { promoters: 5, detractors: 3, n: 10 };

describe("npsMarginOfError", () => {
  test("is 54.03 points on the definition book's example (issue 18)", () => {
    // variance 0.5 + 0.3 − 0.2² = 0.76; 100 × 1.959964 × √(0.76 / 10) = 54.0325
    expect(npsMarginOfError(book)).toBeCloseTo(54.032478, 5);
  });

  test("shrinks with the square root of n", () => {
    // same shares, 100 times the answers → a tenth of the margin
    const large = npsMarginOfError({ promoters: 500, detractors: 300, n: 1000 }) as number;
    expect(large).toBeCloseTo((npsMarginOfError(book) as number) / 10, 10);
  });

  test("has no value without answers", () => {
    expect(npsMarginOfError({ promoters: 0, detractors: 0, n: 0 })).toBeNull();
  });
});

describe("npsInterval", () => {
  test("adjusted Wald is centred on 15.38, from −30.33 to 61.10 (issue 18, Rocks 2016)", () => {
    // (5 + ¾) / 13 = 0.442308 promoters, (3 + ¾) / 13 = 0.288462 detractors → centre 15.3846
    // variance 0.730769 − 0.153846² = 0.707101; margin 100 × 1.959964 × √(0.707101 / 13) = 45.7106
    const interval = npsInterval(book);
    expect(interval).toMatchObject({ level: 0.95, method: "adjusted-wald" });
    expect(interval?.centre).toBeCloseTo(15.384615, 5);
    expect(interval?.margin).toBeCloseTo(45.71061, 4);
    expect(interval?.lower).toBeCloseTo(-30.325994, 5);
    expect(interval?.upper).toBeCloseTo(61.095225, 5);
  });

  test("Wald is 20 ± 54.03", () => {
    expect(npsInterval(book, { method: "wald" })).toEqual({
      centre: 20,
      margin: expect.closeTo(54.032478, 5),
      lower: expect.closeTo(-34.032478, 5),
      upper: expect.closeTo(74.032478, 5),
      level: 0.95,
      method: "wald",
    });
  });

  test("all promoters: Wald collapses to 100 ± 0, adjusted Wald does not", () => {
    const all = { promoters: 12, detractors: 0, n: 12 };
    expect(npsInterval(all, { method: "wald" })).toMatchObject({ lower: 100, upper: 100 });
    const adjusted = npsInterval(all) as { lower: number; upper: number };
    expect(adjusted.upper).toBe(100); // clipped
    expect(adjusted.lower).toBeLessThan(90);
  });

  test("rejects inconsistent counts and unknown methods", () => {
    expect(() => npsInterval({ promoters: 6, detractors: 5, n: 10 })).toThrow(
      "npsInterval: detractors must be a whole number from 0 to 4, got 5",
    );
    expect(() => npsInterval({ promoters: 1, detractors: 0, n: 0.5 })).toThrow(
      "npsInterval: n must be a whole number at least 0, got 0.5",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => npsInterval(book, { method: "bootstrap" })).toThrow(
      'npsInterval: method must be one of adjusted-wald, wald, got "bootstrap"',
    );
    // @ts-expect-error: testing a wrong kind from plain JavaScript
    expect(() => npsInterval(null)).toThrow(TypeError);
  });

  test("npsVariance is the trinomial variance", () => {
    // p = 0.6, d = 0.1: 0.7 − 0.25 = 0.45
    expect(npsVariance(6, 1, 10)).toBeCloseTo(0.45, 15);
    expect(npsVariance(10, 0, 10)).toBe(0);
  });
});
