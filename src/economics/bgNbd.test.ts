import { describe, expect, test } from "vitest";
import { publishedFrequencySummary, sampleTransactions } from "../../test/fixtures/cdnow/load.ts";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdPurchaseProbability,
  fitBgNbd,
} from "./bgNbd.ts";
import { rfmSummary } from "./rfm.ts";

/** |actual − expected| ≤ tolerance. */
function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const customer1 = { frequency: 2, recency: 30.43, T: 38.86 };
// Fitted once: the published CDNOW summary (weeks, 2 decimals), as lifetimes fits it.
const fit = fitBgNbd(publishedFrequencySummary());

describe("bgNbdLogLikelihood", () => {
  test("stays finite where the textbook formula overflows (Hardie's anchor)", () => {
    // brucehardie.com/notes/027: r 0.25, alpha 4, a 0.8, b 2.5, T 40 → −0.59947382 for
    // x 0, tₓ 0, and 100.7957 for x 200, tₓ 38, where (α + T)^(r + x) = 44^200.25 ≈ e^758
    // exceeds a double
    const anchor = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    near(bgNbdLogLikelihood(anchor, { frequency: 0, recency: 0, T: 40 }), -0.59947382, 5e-9);
    near(bgNbdLogLikelihood(anchor, { frequency: 200, recency: 38, T: 40 }), 100.7957, 5e-5);
    // scipy 1.17.1 (our script, the same formula in logs): 100.79569309270
    near(bgNbdLogLikelihood(anchor, { frequency: 200, recency: 38, T: 40 }), 100.7956930927, 1e-9);
  });

  test("sums to the published log-likelihood at the published parameters", () => {
    // Fader, Hardie & Lee (2005): LL −9582.4; our scipy script at the rounded
    // parameters, on the 2-decimal summary: −9582.4268
    const total = publishedFrequencySummary().reduce(
      (sum, customer) => sum + bgNbdLogLikelihood(published, customer),
      0,
    );
    near(total, -9582.4268, 5e-5);
    expect(total.toFixed(1)).toBe("-9582.4");
  });
});

describe("fitBgNbd on CDNOW", () => {
  test("reproduces the published parameters to 3 decimals and LL −9582.4", () => {
    // Fader, Hardie & Lee (2005), Marketing Science 24(2), p. 280
    expect([fit.r, fit.alpha, fit.a, fit.b].map((v) => v.toFixed(3))).toEqual([
      "0.243",
      "4.414",
      "0.793",
      "2.426",
    ]);
    expect(fit.logLikelihood.toFixed(1)).toBe("-9582.4");
    expect(fit).toMatchObject({ converged: true, n: 2357 });
    expect(fit.iterations).toBeGreaterThan(0);
  });

  test("matches an independent maximum-likelihood fit and lifetimes' standard errors", () => {
    // scipy 1.17.1 Nelder-Mead + BFGS on the same data: 0.2425929043, 4.4135315432,
    // 0.7928862019, 2.4257539775, LL −9582.425560567
    near(fit.r, 0.2425929043, 2e-6);
    near(fit.alpha, 4.4135315432, 5e-5);
    near(fit.a, 0.7928862019, 2e-5);
    near(fit.b, 2.4257539775, 5e-5);
    near(fit.logLikelihood, -9582.425560567, 1e-6);
    // lifetimes docs/Quickstart.md: standard errors 0.012557, 0.378221, 0.185719, 0.705345
    // (its own finite differences; ours agree to 3 significant digits)
    const se = fit.standardErrors as Record<string, number>;
    near(se.r as number, 0.012557, 2e-5);
    near(se.alpha as number, 0.378221, 5e-4);
    near(se.a as number, 0.185719, 3e-4);
    near(se.b as number, 0.705345, 1e-3);
  });

  test("from the raw transaction log, matches CLVTools' fit: 0.2425945, 4.4136019, 0.7929199, 2.4258881, LL −9582.429", () => {
    // CLVTools tests/testthat/test_correctness_bgnbd.R (estimation.split 1997-09-30, weeks,
    // unrounded summaries). b moves along a flat ridge: CLVTools' optimiser stops 2e-5 short
    // of the optimum our scipy script finds (b 2.4259064515).
    const { customers } = rfmSummary(sampleTransactions(), { asOf: "1997-09-30T00:00:00Z" });
    const raw = fitBgNbd(customers);
    near(raw.r, 0.2425945, 5e-7);
    near(raw.alpha, 4.4136019, 5e-6);
    near(raw.a, 0.7929199, 1e-5);
    near(raw.b, 2.4258881, 5e-5);
    near(raw.b, 2.4259064515, 5e-5);
    expect(raw.logLikelihood.toFixed(3)).toBe("-9582.429");
  });
});

describe("the BG/NBD expectations", () => {
  test("E[X(t)] reproduces the lifetimes/BTYD table to 3 decimals", () => {
    // PUBLISHED.md, from Hardie's spreadsheet and R BTYD: 0.0078, 0.0532, 0.1506, 1.0405,
    // 1.0437, 1.8576 at t = 0.1429, 1, 3, 31.8571, 32, 78 (weeks)
    const table: [number, number][] = [
      [0.1429, 0.0078],
      [1, 0.0532],
      [3, 0.1506],
      [31.8571, 1.0405],
      [32, 1.0437],
      [78, 1.8576],
    ];
    for (const [t, expected] of table) near(bgNbdExpectedPurchases(fit, t), expected, 5e-4);
    // our scipy script: 1.8580 at t = 78; the spreadsheet's 1.8576 is within 0.0005
    near(bgNbdExpectedPurchases(fit, 78), 1.858, 5e-5);
    expect(bgNbdExpectedPurchases(fit, 0)).toBe(0);
  });

  test("customer 1 expects 1.226 purchases in the next 39 weeks", () => {
    // lifetimes test (atol 0.001) and our script: 1.2260
    near(bgNbdConditionalExpectedPurchases(fit, customer1, 39), 1.226, 5e-4);
    expect(bgNbdConditionalExpectedPurchases(fit, customer1, 0)).toBe(0);
  });

  test("customer 1 is alive with probability 0.7266", () => {
    // PUBLISHED.md: 1 / (1 + a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x)) at the rounded
    // parameters = 0.7266
    near(bgNbdProbabilityAlive(published, customer1), 0.7266, 5e-5);
    // no repeat purchase: no evidence of dropping out
    expect(bgNbdProbabilityAlive(published, { frequency: 0, recency: 0, T: 38 })).toBe(1);
  });

  test("P(X(t) = n) reproduces R BTYD to 1e-7", () => {
    // R BTYD bgnbd.pmf with (0.243, 4.414, 0.793, 2.426)
    near(bgNbdPurchaseProbability(published, 10, 2), 1.07869e-7, 5e-12);
    near(bgNbdPurchaseProbability(published, 0, 39), 0.5737864, 1e-7);
    const t30 = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902,
      0.0004361913, 0.0003467171, 0.0002769613, 0.000222226,
    ];
    for (const [i, expected] of t30.entries()) {
      near(bgNbdPurchaseProbability(published, 11 + i, 30), expected, 1e-10);
    }
  });

  test("the probabilities of every count add up to 1", () => {
    let total = 0;
    for (let n = 0; n < 400; n++) total += bgNbdPurchaseProbability(published, n, 39);
    near(total, 1, 1e-9);
  });

  test("stays finite at a = 1, where the formulas divide by a − 1", () => {
    const atOne = { ...published, a: 1 };
    const value = bgNbdExpectedPurchases(atOne, 39);
    expect(Number.isFinite(value)).toBe(true);
    // continuous in a: within 1e-5 of the values just either side
    near(value, bgNbdExpectedPurchases({ ...published, a: 1.0001 }, 39), 1e-4);
    near(value, bgNbdExpectedPurchases({ ...published, a: 0.9999 }, 39), 1e-4);
  });
});

describe("fitBgNbd input checks", () => {
  const ok = { frequency: 1, recency: 2, T: 10 };
  test("names the customer and the constraint", () => {
    expect(() => fitBgNbd([ok, { frequency: 1.5, recency: 2, T: 10 }])).toThrow(
      new RangeError("fitBgNbd: customers[1].frequency must be a whole number at least 0, got 1.5"),
    );
    expect(() => fitBgNbd([{ frequency: 2, recency: 12, T: 10 }])).toThrow(
      new RangeError("fitBgNbd: customers[0].recency must be at most T (10), got 12"),
    );
    expect(() => fitBgNbd([{ frequency: -1, recency: 0, T: 10 }])).toThrow(
      "fitBgNbd: customers[0].frequency must be a whole number at least 0, got -1",
    );
    expect(() => fitBgNbd([{ frequency: 0, recency: 3, T: 10 }])).toThrow(
      "fitBgNbd: customers[0].recency must be 0 when frequency is 0, got 3",
    );
    expect(() => fitBgNbd([{ frequency: 1, recency: 0, T: 0 }])).toThrow(
      "fitBgNbd: customers[0].T must be a positive number, got 0",
    );
    expect(() => fitBgNbd([{ frequency: "2", recency: 0, T: 5 } as never])).toThrow(
      new TypeError('fitBgNbd: customers[0].frequency must be a whole number at least 0, got "2"'),
    );
  });

  test("refuses data with no repeat buyer, and no data at all", () => {
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 10 }])).toThrow(
      "fitBgNbd: customers must include a repeat buyer (frequency > 0), got none among 1",
    );
    expect(() => fitBgNbd([])).toThrow("fitBgNbd: customers must not be empty, got 0 customers");
  });
});
