import { describe, expect, test } from "vitest";
import { fitSbg, sbgDiscountedResidualLifetime, sbgRetention, sbgSurvival } from "./sbg.ts";

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

// Fader & Hardie (2007), "How to Project Customer Retention", survivors per 1,000 at the
// start of years 0–12; the paper fits years 0–7 and holds out 8–12.
const regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

describe("fitSbg", () => {
  test("reproduces the published fits to 3 decimals", () => {
    const fitRegular = fitSbg(regular.slice(0, 8));
    const fitHighEnd = fitSbg(highEnd.slice(0, 8));
    // published: regular alpha 0.704, beta 1.182; high end alpha 0.668, beta 3.806
    expect([fitRegular.alpha, fitRegular.beta].map((v) => v.toFixed(3))).toEqual([
      "0.704",
      "1.182",
    ]);
    expect([fitHighEnd.alpha, fitHighEnd.beta].map((v) => v.toFixed(3))).toEqual([
      "0.668",
      "3.806",
    ]);
    // our script's MLE: LL −1680.265 and −1611.158
    expect(fitRegular.logLikelihood.toFixed(3)).toBe("-1680.265");
    expect(fitHighEnd.logLikelihood.toFixed(3)).toBe("-1611.158");
    expect(fitRegular).toMatchObject({ converged: true, periods: 7 });
    expect(fitRegular.standardErrors?.alpha).toBeGreaterThan(0);
  });

  test("projects the holdout years as the paper's model does", () => {
    // dataset notes: projected survivors t = 0..12 from the MLE, per 1,000
    const expected = [
      1000, 626.7, 473.8, 388.0, 332.1, 292.3, 262.5, 239.0, 220.1, 204.4, 191.2, 179.9, 170.0,
    ];
    const fit = fitSbg(regular.slice(0, 8));
    for (const [t, value] of expected.entries()) near(1000 * sbgSurvival(fit, t), value, 0.05);
    const high = fitSbg(highEnd.slice(0, 8));
    const expectedHigh = [
      1000, 850.7, 746.9, 669.8, 609.9, 561.8, 522.2, 488.9, 460.4, 435.8, 414.2, 395.1, 378.0,
    ];
    for (const [t, value] of expectedHigh.entries()) near(1000 * sbgSurvival(high, t), value, 0.05);
  });

  test("rejects survivor curves that cannot be fitted", () => {
    expect(() => fitSbg([1000])).toThrow(
      "fitSbg: survivors must list at least 2 counts (the cohort and a later period), got 1",
    );
    expect(() => fitSbg([1000, 900, 950])).toThrow(
      "fitSbg: survivors[2] must be at most survivors[1] (900), got 950",
    );
    expect(() => fitSbg([1000, -1])).toThrow(
      "fitSbg: survivors[1] must be a number at least 0, got -1",
    );
    expect(() => fitSbg([500, 500, 500])).toThrow(
      "fitSbg: survivors must show at least one lost customer, got 500 throughout",
    );
    expect(() => fitSbg([0, 0])).toThrow(
      "fitSbg: survivors[0] must be positive (the cohort's size), got 0",
    );
  });
});

describe("the sBG projections", () => {
  test("retention rises with tenure: r(t) = (β + t − 1)/(α + β + t − 1)", () => {
    // α 1, β 3: r(1) = 3/4, r(2) = 4/5, r(3) = 5/6
    expect([1, 2, 3].map((t) => sbgRetention({ alpha: 1, beta: 3 }, t))).toEqual([
      0.75,
      0.8,
      5 / 6,
    ]);
    // S(t) = Π r(i): S(3) = 3/4 · 4/5 · 5/6 = 1/2
    near(sbgSurvival({ alpha: 1, beta: 3 }, 3), 0.5, 1e-15);
    // simple retention of the data: 468/631 = 0.7417 in year 2 (dataset notes)
    near(regular[2]! / regular[1]!, 0.7417, 5e-5);
  });

  test("the discounted residual lifetime equals its defining sum", () => {
    // mpmath 1.3.0 nsum of S(n + 1 + k)/S(n) / 1.1^k: 5.90175316775302 (n = 1) and
    // 7.13600189948122 (n = 5) for the high-end segment
    const fit = { alpha: 0.668, beta: 3.806 };
    near(
      sbgDiscountedResidualLifetime(fit, { discountRate: 0.1, renewals: 1 }),
      5.90175316775302,
      1e-12,
    );
    near(
      sbgDiscountedResidualLifetime(fit, { discountRate: 0.1, renewals: 5 }),
      7.13600189948122,
      1e-12,
    );
    // and a plain summation here, for a new customer
    let sum = 0;
    for (let k = 0; k < 2000; k++) sum += sbgSurvival(fit, 1 + k) / 1.1 ** k;
    near(sbgDiscountedResidualLifetime(fit, { discountRate: 0.1 }), sum, 1e-10);
    // a new customer's discounted lifetime, the first payment included: 1 + DERL/(1 + d)
    // = 2F1(1, β; α + β; 1/(1 + d)) = 5.92259640761276 (mpmath)
    near(
      1 + sbgDiscountedResidualLifetime(fit, { discountRate: 0.1 }) / 1.1,
      5.92259640761276,
      1e-12,
    );
  });

  test("rejects a discount rate that is not positive and fractional renewals", () => {
    expect(() => sbgDiscountedResidualLifetime({ alpha: 1, beta: 2 }, { discountRate: 0 })).toThrow(
      "sbgDiscountedResidualLifetime: discountRate must be a positive number, got 0",
    );
    expect(() =>
      sbgDiscountedResidualLifetime({ alpha: 1, beta: 2 }, { discountRate: 0.1, renewals: 1.5 }),
    ).toThrow("sbgDiscountedResidualLifetime: renewals must be a whole number at least 0, got 1.5");
  });
});
