import { describe, expect, test } from "vitest";
import { publishedFrequencySummary, sampleTransactions } from "../../test/fixtures/cdnow/load.ts";
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from "./paretoNbd.ts";
import { rfmSummary } from "./rfm.ts";

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const customer1 = { frequency: 2, recency: 30.43, T: 38.86 };

describe("fitParetoNbd on CDNOW", () => {
  test("reproduces the published fit: r 0.553, alpha 10.578, s 0.606, beta 11.669, LL −9595.0", () => {
    // Fader, Hardie & Lee (2005), Marketing Science 24(2), the Pareto/NBD beside the BG/NBD
    const fit = fitParetoNbd(publishedFrequencySummary());
    expect([fit.r, fit.alpha, fit.s].map((v) => v.toFixed(3))).toEqual([
      "0.553",
      "10.578",
      "0.606",
    ]);
    // beta lies on a flat ridge (standard error 6.2): the 2-decimal summary's optimum is
    // 11.668 (scipy 1.17.1: 11.6679140), the raw log's 11.669 (next test)
    near(fit.beta, 11.669, 2e-3);
    expect(fit.logLikelihood.toFixed(1)).toBe("-9595.0");
    // scipy 1.17.1 on the same data: 0.5532755, 10.5776122, 0.6062136, 11.6679140, LL −9594.97393
    near(fit.r, 0.5532755, 5e-6);
    near(fit.alpha, 10.5776122, 1e-4);
    near(fit.s, 0.6062136, 2e-5);
    near(fit.beta, 11.667914, 2e-3);
    near(fit.logLikelihood, -9594.97393, 1e-5);
    expect(fit.converged).toBe(true);
  });

  test("from the raw transaction log, matches CLVTools: LL −9594.976 and its standard errors", () => {
    // CLVTools test_correctness_pnbd (tolerance 0.001): r 0.5532, α 10.5763, s 0.6063,
    // β 11.6715, LL −9594.976; standard errors 0.0476264, 0.8427222, 0.1872594, 6.2105448
    const { customers } = rfmSummary(sampleTransactions(), { asOf: "1997-09-30T00:00:00Z" });
    const fit = fitParetoNbd(customers);
    near(fit.r, 0.5532, 1e-3);
    near(fit.alpha, 10.5763, 1e-2);
    near(fit.s, 0.6063, 1e-3);
    near(fit.beta, 11.6715, 1e-2);
    expect(fit.logLikelihood.toFixed(3)).toBe("-9594.976");
    const se = fit.standardErrors as Record<string, number>;
    near(se.r as number, 0.0476264, 1e-3);
    near(se.alpha as number, 0.8427222, 1e-3 * 0.8427222 + 1e-3);
    near(se.s as number, 0.1872594, 1e-3);
    near(se.beta as number, 6.2105448, 0.01);
  });
});

describe("the Pareto/NBD likelihood and expectations", () => {
  // mpmath 1.3.0 at 30 digits, with A₀ by numerical integration of its defining integral
  test("customer 1's log-likelihood, probability alive and next-39-week purchases", () => {
    near(paretoNbdLogLikelihood(published, customer1), -9.55428324515041, 1e-12);
    near(paretoNbdProbabilityAlive(published, customer1), 0.869167559153011, 1e-13);
    near(paretoNbdConditionalExpectedPurchases(published, customer1, 39), 1.4551231932576, 1e-12);
    near(paretoNbdExpectedPurchases(published, 39), 1.21300284428102, 1e-13);
  });

  test("agrees with mpmath where max(α, β) dwarfs min(α, β) (the quadrature path)", () => {
    // mpmath 1.3.0, 30 digits, numerical integration
    const cases: [typeof published, typeof customer1, number][] = [
      [
        { r: 0.5, alpha: 1000, s: 0.6, beta: 1.2 },
        { frequency: 0, recency: 0, T: 40 },
        -0.004584886840959811,
      ],
      [
        { r: 0.5, alpha: 1000, s: 0.6, beta: 1.2 },
        { frequency: 200, recency: 38, T: 40 },
        -531.4902322974683,
      ],
      [
        { r: 0.5, alpha: 0.01, s: 0.6, beta: 30 },
        { frequency: 0, recency: 0, T: 40 },
        -3.6771529576494695,
      ],
      [
        { r: 0.5, alpha: 0.01, s: 0.6, beta: 30 },
        { frequency: 200, recency: 38, T: 40 },
        121.45458680760754,
      ],
      [
        { r: 2, alpha: 4, s: 0.3, beta: 400 },
        { frequency: 3, recency: 39.99, T: 40 },
        -12.9988918488098,
      ],
    ];
    for (const [parameters, customer, expected] of cases) {
      near(
        paretoNbdLogLikelihood(parameters, customer),
        expected,
        1e-11 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  test("a customer who bought at T is alive for sure", () => {
    expect(paretoNbdProbabilityAlive(published, { frequency: 3, recency: 20, T: 20 })).toBe(1);
  });

  test("uses the s = 1 limit of the expectations", () => {
    // rβ/α · ln(1 + t/β) at s = 1
    const atOne = { ...published, s: 1 };
    near(
      paretoNbdExpectedPurchases(atOne, 39),
      ((0.553 * 11.669) / 10.578) * Math.log(1 + 39 / 11.669),
      1e-12,
    );
    near(
      paretoNbdExpectedPurchases(atOne, 39),
      paretoNbdExpectedPurchases({ ...published, s: 1 + 1e-7 }, 39),
      1e-6,
    );
  });

  test("checks its input as fitBgNbd does", () => {
    expect(() => fitParetoNbd([{ frequency: 0, recency: 0, T: 5 }])).toThrow(
      "fitParetoNbd: customers must include a repeat buyer (frequency > 0), got none among 1",
    );
    expect(() => fitParetoNbd([{ frequency: 1, recency: 6, T: 5 }])).toThrow(
      "fitParetoNbd: customers[0].recency must be at most T (5), got 6",
    );
  });
});
