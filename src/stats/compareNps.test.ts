import { describe, expect, test } from "vitest";
import { compareNps } from "./compareNps.ts";

describe("compareNps", () => {
  test("tests the difference with the two trinomial variances", () => {
    // a: 60 P, 20 D of 120 → NPS 33.333, v = 0.5 + 0.1667 − 0.3333² = 0.555556
    // b: 45 P, 30 D of 110 → NPS 13.636, v = 0.4091 + 0.2727 − 0.1364² = 0.662810
    // se = 100 √(0.555556 / 120 + 0.662810 / 110) = 10.324210, z = 19.6970 / 10.3242 = 1.9078
    // (computed independently with SciPy 1.17.1: p = 0.0564115337674776)
    const result = compareNps(
      { promoters: 60, detractors: 20, n: 120 },
      { promoters: 45, detractors: 30, n: 110 },
    );
    expect(result?.difference).toBeCloseTo(19.696969696969695, 12);
    expect(result?.pValue).toBeCloseTo(0.056411533767477554, 12);
    expect(result?.interval?.lower).toBeCloseTo(-0.5381097818326985, 10);
    expect(result?.interval?.upper).toBeCloseTo(39.93204917577209, 10);
    expect(result).toMatchObject({ test: "z", tooSmall: false });
  });

  test("flags fewer than 30 answers in a group", () => {
    const big = { promoters: 60, detractors: 20, n: 120 };
    expect(compareNps(big, { promoters: 5, detractors: 3, n: 10 })?.tooSmall).toBe(true);
    expect(compareNps(big, { promoters: 15, detractors: 9, n: 30 })?.tooSmall).toBe(false);
  });

  test("flags groups with no variance, where a z test has nothing to stand on", () => {
    const all = { promoters: 40, detractors: 0, n: 40 };
    expect(compareNps(all, all)).toMatchObject({ difference: 0, pValue: 1, tooSmall: true });
  });

  test("has no comparison with an empty group", () => {
    expect(
      compareNps({ promoters: 0, detractors: 0, n: 0 }, { promoters: 1, detractors: 0, n: 1 }),
    ).toBeNull();
  });
});
