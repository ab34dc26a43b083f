/**
 * The shifted-beta-geometric (sBG) model of contractual retention (P. S. Fader and
 * B. G. S. Hardie, "How to Project Customer Retention", Journal of Interactive Marketing
 * 21(1), 2007; equations numbered as there).
 *
 * Each period every customer renews or churns; a customer's churn probability θ stays the
 * same over time and varies across customers as a beta(α, β). Because the customers most
 * likely to churn leave first, the cohort's retention rate rises with tenure.
 */
import { show } from "../reduce/arguments.ts";
import { type FitReport, fitPositive } from "./optimize.ts";
import { hypergeometricSeries, logBeta } from "./special.ts";

/** The two sBG parameters. */
export interface SbgParameters {
  alpha: number;
  beta: number;
}

/** An sBG fit. */
export interface SbgFit extends SbgParameters, FitReport<keyof SbgParameters> {
  /** Periods of churn observed (the survivors given, less one). */
  periods: number;
}

/** P(T = t): the probability a new customer churns in period t ≥ 1 (equation 7, by recursion). */
function churnProbabilities({ alpha, beta }: SbgParameters, periods: number): number[] {
  const p = [Number.NaN, alpha / (alpha + beta)];
  for (let t = 2; t <= periods; t++) {
    p.push((p[t - 1] as number) * ((beta + t - 2) / (alpha + beta + t - 1)));
  }
  return p;
}

function checkSurvivors(survivors: readonly number[]): void {
  const fn = "fitSbg";
  if (!Array.isArray(survivors) || survivors.length < 2) {
    throw new RangeError(
      `${fn}: survivors must list at least 2 counts (the cohort and a later period), got ${Array.isArray(survivors) ? survivors.length : show(survivors)}`,
    );
  }
  survivors.forEach((count, t) => {
    if (typeof count !== "number" || !Number.isFinite(count) || count < 0) {
      throw new RangeError(
        `${fn}: survivors[${t}] must be a number at least 0, got ${show(count)}`,
      );
    }
    if (t > 0 && count > (survivors[t - 1] as number)) {
      throw new RangeError(
        `${fn}: survivors[${t}] must be at most survivors[${t - 1}] (${survivors[t - 1]}), got ${count}`,
      );
    }
  });
  if (!((survivors[0] as number) > 0)) {
    throw new RangeError(
      `${fn}: survivors[0] must be positive (the cohort's size), got ${survivors[0]}`,
    );
  }
  if (survivors.at(-1) === survivors[0]) {
    throw new RangeError(
      `${fn}: survivors must show at least one lost customer, got ${survivors[0]} throughout`,
    );
  }
  if (survivors.at(-1) === 0 && survivors.filter((count) => count > 0).length === 1) {
    throw new RangeError(
      `${fn}: survivors must show someone renewing at least once, got all lost in period 1`,
    );
  }
}

/**
 * Fits the sBG model by maximum likelihood to a survivor curve (equation 11): the customers
 * lost in each period, and those still alive at the end.
 *
 * @param survivors - Customers alive at the start of each period: `survivors[0]` is the
 *   cohort's size, `survivors[t]` those who renewed t times. Non-increasing, with at least
 *   one customer lost.
 * @returns `{ alpha, beta }`, `logLikelihood`, `converged`, `iterations`, `standardErrors`
 *   and `periods`.
 *
 * @example
 * // Fader & Hardie (2007), "regular" segment, years 0–7 (published: alpha 0.704, beta 1.182)
 * const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
 * [fit.alpha, fit.beta]
 * //=> [0.704, 1.182]
 */
export function fitSbg(survivors: readonly number[]): SbgFit {
  checkSurvivors(survivors);
  const periods = survivors.length - 1;
  const logLikelihood = ([alpha, beta]: number[]) => {
    const p = churnProbabilities({ alpha, beta } as SbgParameters, periods);
    let sum = 0;
    for (let t = 1; t <= periods; t++) {
      const lost = (survivors[t - 1] as number) - (survivors[t] as number);
      if (lost > 0) sum += lost * Math.log(p[t] as number);
    }
    // Survival after the last period, from the beta functions: more exact than 1 − Σ P(T = t).
    const remaining = survivors[periods] as number;
    if (remaining > 0) {
      sum +=
        remaining *
        (logBeta(alpha as number, (beta as number) + periods) -
          logBeta(alpha as number, beta as number));
    }
    return sum;
  };
  const { parameters, ...report } = fitPositive(["alpha", "beta"], [1, 1], logLikelihood);
  return { ...parameters, ...report, periods };
}

/**
 * The share of a cohort still alive after `t` periods, S(t) = B(α, β + t) / B(α, β)
 * (equation 6).
 *
 * @example
 * // Regular segment (the MLE): of 1,000 customers, 626.7 survive year 1 and 473.8 year 2
 * [1, 2].map((t) => 1000 * sbgSurvival({ alpha: 0.7040773, beta: 1.1820431 }, t))
 * //=> [626.7, 473.8]
 */
export function sbgSurvival(parameters: SbgParameters, t: number): number {
  const { alpha, beta } = parameters;
  if (t === 0) return 1;
  return Math.exp(logBeta(alpha, beta + t) - logBeta(alpha, beta));
}

/**
 * The retention rate in period t ≥ 1: the share of those alive at t − 1 who renew,
 * r(t) = (β + t − 1) / (α + β + t − 1) (equation 8). It rises with t.
 *
 * @example
 * [1, 2].map((t) => sbgRetention({ alpha: 1, beta: 3 }, t))
 * //=> [0.75, 0.8]
 */
export function sbgRetention(parameters: SbgParameters, t: number): number {
  const { alpha, beta } = parameters;
  return (beta + t - 1) / (alpha + beta + t - 1);
}

/** Options for {@link sbgDiscountedResidualLifetime}. */
export interface DiscountedLifetimeOptions {
  /** Discount rate per period, such as 0.1 for 10 % a year. Must be positive. */
  discountRate: number;
  /** Renewals the customer has made so far: 0 for one in their first period. Defaults to 0. */
  renewals?: number;
}

/**
 * Discounted expected residual lifetime (DERL) of a customer who has made `renewals`
 * renewals and is about to decide on the next one: the expected number of further payments,
 * the next one (if the customer renews) counted in full and each later one discounted by
 * (1 + d) per period. Multiply by the payment per period for the customer's residual value.
 * From P. S. Fader and B. G. S. Hardie, "Customer-Base Valuation in a Contractual Setting:
 * The Perils of Ignoring Heterogeneity", Marketing Science 29(1), 2010, equation 6, with
 * n = renewals + 1:
 * DERL = (β + n − 1) / (α + β + n − 1) · 2F1(1, β + n; α + β + n; 1 / (1 + d)).
 *
 * @example
 * // High-end segment at a 10 % discount rate: a customer in year 1, and one 5 renewals in
 * const fit = { alpha: 0.668, beta: 3.806 };
 * [sbgDiscountedResidualLifetime(fit, { discountRate: 0.1 }),
 *   sbgDiscountedResidualLifetime(fit, { discountRate: 0.1, renewals: 5 })]
 * //=> [5.4149, 7.136]
 */
export function sbgDiscountedResidualLifetime(
  parameters: SbgParameters,
  options: DiscountedLifetimeOptions,
): number {
  const fn = "sbgDiscountedResidualLifetime";
  const d = options.discountRate;
  if (typeof d !== "number" || !Number.isFinite(d) || d <= 0) {
    throw new RangeError(`${fn}: discountRate must be a positive number, got ${show(d)}`);
  }
  const renewals = options.renewals ?? 0;
  if (typeof renewals !== "number" || !Number.isInteger(renewals) || renewals < 0) {
    throw new RangeError(
      `${fn}: renewals must be a whole number at least 0, got ${show(renewals)}`,
    );
  }
  const { alpha, beta } = parameters;
  const n = renewals + 1;
  const series = hypergeometricSeries(1, beta + n, alpha + beta + n, 1 / (1 + d));
  return ((beta + n - 1) / (alpha + beta + n - 1)) * series.sign * Math.exp(series.log);
}
