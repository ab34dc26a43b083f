import { describe, expect, test } from "vitest";
import { publishedSummary } from "../../test/fixtures/cdnow/load.ts";
import { bgNbdConditionalExpectedPurchases, fitBgNbd } from "./bgNbd.ts";
import { predictedLifetimeValue } from "./clv.ts";
import { fitGammaGamma, gammaGammaExpectedSpend } from "./gammaGamma.ts";

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const summary = publishedSummary();
const purchases = fitBgNbd(summary);
const spend = fitGammaGamma(summary);

describe("predictedLifetimeValue", () => {
  test("reproduces the lifetimes docs' CLV table for customers 1–10", () => {
    // lifetimes docs/Quickstart.md: customer_lifetime_value(bgf, …, time=12,
    // discount_rate=0.01) with freq left at its default "D", i.e. 30-unit steps; the model
    // was fitted in weeks, so each step there is 30 weeks. PUBLISHED.md lists:
    const expected = [
      140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574,
      167.418216, 38.180574,
    ];
    const options = { purchases, spend, periods: 12, periodLength: 30, discountRate: 0.01 };
    summary.slice(0, 10).forEach((customer, i) => {
      const value = predictedLifetimeValue(customer, options) as number;
      // our fits agree with lifetimes' to about 1e-6, so the values to 1e-6 relative
      near(value, expected[i] as number, 2e-6 * (expected[i] as number));
    });
  });

  test("is spend times expected purchases when nothing is discounted", () => {
    // d = 0: the sum telescopes to E[M] · E[Y(nL)]
    const customer = summary[0] as (typeof summary)[number];
    const value = predictedLifetimeValue(customer, {
      purchases,
      spend,
      periods: 12,
      periodLength: 30 / 7,
      discountRate: 0,
    }) as number;
    const expected =
      (gammaGammaExpectedSpend(spend, customer) as number) *
      bgNbdConditionalExpectedPurchases(purchases, customer, (12 * 30) / 7);
    near(value, expected, 1e-12 * expected);
  });

  test("discounts each period's purchases at its end", () => {
    // one period: E[M] · E[Y(L)] / (1 + d)
    const customer = summary[5] as (typeof summary)[number];
    const one = predictedLifetimeValue(customer, {
      purchases,
      spend,
      periods: 1,
      periodLength: 4,
      discountRate: 0.1,
    }) as number;
    const expected =
      ((gammaGammaExpectedSpend(spend, customer) as number) *
        bgNbdConditionalExpectedPurchases(purchases, customer, 4)) /
      1.1;
    near(one, expected, 1e-12 * expected);
  });

  test("has no value when the spend model has no mean for the customer", () => {
    expect(
      predictedLifetimeValue(
        { frequency: 0, recency: 0, T: 10, monetaryValue: null },
        {
          purchases,
          spend: { p: 1, q: 0.5, gamma: 1 },
          periods: 3,
          periodLength: 1,
          discountRate: 0,
        },
      ),
    ).toBeNull();
  });

  test("rejects bad options", () => {
    const customer = { frequency: 0, recency: 0, T: 10, monetaryValue: null };
    const base = { purchases, spend, periods: 12, periodLength: 4, discountRate: 0.01 };
    expect(() => predictedLifetimeValue(customer, { ...base, periods: 0 })).toThrow(
      "predictedLifetimeValue: periods must be a whole number at least 1, got 0",
    );
    expect(() => predictedLifetimeValue(customer, { ...base, periodLength: -1 })).toThrow(
      "predictedLifetimeValue: periodLength must be a positive number, got -1",
    );
    expect(() => predictedLifetimeValue(customer, { ...base, discountRate: -0.1 })).toThrow(
      "predictedLifetimeValue: discountRate must be a number at least 0, got -0.1",
    );
  });
});
