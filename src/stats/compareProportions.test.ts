import { describe, expect, test } from "vitest";
import { compareProportions } from "./compareProportions.ts";

const round4 = (x: number) => Number(x.toFixed(4));

describe("compareProportions", () => {
  // R. G. Newcombe, "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17 (1998), method 10, 95 %.
  test.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [10, 10, 0, 20, 0.6791, 1],
  ])("%d/%d − %d/%d gives Newcombe's interval (issue 18)", (xa, na, xb, nb, lower, upper) => {
    const { interval } = compareProportions({ successes: xa, n: na }, { successes: xb, n: nb }) as {
      interval: { lower: number; upper: number };
    };
    expect([round4(interval.lower), round4(interval.upper)]).toEqual([lower, upper]);
  });

  // The same formula computed independently with SciPy 1.17.1 (Wilson ends from the closed
  // form, p-values from scipy.stats.chi2_contingency without correction).
  test.each([
    [56, 70, 48, 80, 0.052431472402364815, 0.3338726540369059, 0.008045081368196585],
    [6, 7, 2, 7, 0.05822792748231231, 0.8062496375242278, 0.03075356125927456],
    [5, 56, 0, 29, -0.03813714790353688, 0.1925600138551116, 0.09718656817057987],
  ])(
    "%d/%d − %d/%d matches SciPy in every digit that matters",
    (xa, na, xb, nb, lower, upper, p) => {
      const result = compareProportions({ successes: xa, n: na }, { successes: xb, n: nb });
      expect(result?.interval?.lower).toBeCloseTo(lower, 12);
      expect(result?.interval?.upper).toBeCloseTo(upper, 12);
      expect(result?.pValue).toBeCloseTo(p, 12);
    },
  );

  test("reports the difference, the score test and the flag", () => {
    // 56/70 − 48/80 = 0.8 − 0.6 = 0.2; pooled 104/150; expected failures 70 × 46/150 = 21.5 ≥ 5
    expect(compareProportions({ successes: 56, n: 70 }, { successes: 48, n: 80 })).toMatchObject({
      difference: expect.closeTo(0.2, 15),
      test: "score",
      tooSmall: false,
      interval: { level: 0.95, method: "newcombe" },
    });
  });

  test("flags samples whose expected counts fall under 5 (Cochran 1954)", () => {
    // 9/10 vs 3/10: pooled 12/20 = 0.6, expected failures 10 × 0.4 = 4 < 5
    expect(compareProportions({ successes: 9, n: 10 }, { successes: 3, n: 10 })?.tooSmall).toBe(
      true,
    );
    // 90/100 vs 30/100: expected failures 100 × 0.4 = 40
    expect(compareProportions({ successes: 90, n: 100 }, { successes: 30, n: 100 })?.tooSmall).toBe(
      false,
    );
  });

  test("no difference gives p = 1; opposite order flips the interval", () => {
    expect(compareProportions({ successes: 5, n: 5 }, { successes: 8, n: 8 })?.pValue).toBe(1);
    const ab = compareProportions({ successes: 9, n: 10 }, { successes: 3, n: 10 });
    const ba = compareProportions({ successes: 3, n: 10 }, { successes: 9, n: 10 });
    expect(ba?.interval?.lower).toBeCloseTo(-(ab?.interval?.upper as number), 14);
    expect(ba?.pValue).toBeCloseTo(ab?.pValue as number, 15);
  });

  test("has no comparison with an empty group; rejects bad counts", () => {
    expect(compareProportions({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toBeNull();
    expect(() => compareProportions({ successes: 3, n: 2 }, { successes: 1, n: 2 })).toThrow(
      "compareProportions: a.successes must be a whole number from 0 to 2, got 3",
    );
  });
});
