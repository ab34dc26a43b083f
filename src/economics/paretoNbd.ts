/**
 * The Pareto/NBD model of repeat purchasing (D. C. Schmittlein, D. G. Morrison and
 * R. Colombo, "Counting Your Customers: Who Are They and What Will They Do Next?",
 * Management Science 33(1), 1987), in the form of P. S. Fader and B. G. S. Hardie,
 * "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005,
 * brucehardie.com/notes/009), whose equations are cited below.
 *
 * While alive, a customer buys at a Poisson rate λ (gamma across customers: shape r, rate α)
 * and lives an exponential lifetime with rate μ (gamma: shape s, rate β). Unlike the BG/NBD,
 * a customer can drop out at any moment, not only just after a purchase.
 */
import { compactCustomers, type RfmCustomer } from "./customers.ts";
import { type FitReport, fitPositive } from "./optimize.ts";
import { logDeathIntegral } from "./paretoIntegral.ts";
import { logAddExp, logGamma } from "./special.ts";

/** The four Pareto/NBD parameters. */
export interface ParetoNbdParameters {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Rate of that gamma, in the summaries' time unit. */
  alpha: number;
  /** Shape of the gamma distribution of drop-out rates. */
  s: number;
  /** Rate of that gamma. */
  beta: number;
}

/** A Pareto/NBD fit: the parameters, the log-likelihood and how the optimiser fared. */
export interface ParetoNbdFit extends ParetoNbdParameters, FitReport<keyof ParetoNbdParameters> {
  /** Customers fitted. */
  n: number;
}

/** ln[Γ(r + x) α^r β^s / Γ(r)]: the factor both terms share, the same for every customer with x. */
function logHead({ r, alpha, s, beta }: ParetoNbdParameters, x: number): number {
  return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
}

/** The two terms of the likelihood (equation 19), in logs: alive throughout, and died after tₓ. */
function logTerms(
  { r, alpha, s, beta }: ParetoNbdParameters,
  x: number,
  recency: number,
  T: number,
  head = logHead({ r, alpha, s, beta }, x),
): { alive: number; died: number } {
  const alive = head - (r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  // Death at τ in (tₓ, T]: E[λˣ e^(−λτ)] · E[μ e^(−μτ)], integrated over τ.
  const died = head + Math.log(s) + logDeathIntegral(alpha, beta, r + x, s + 1, recency, T);
  return { alive, died };
}

/**
 * The log-likelihood of one customer's summary (equation 19), computed in logs.
 *
 * @example
 * // Published CDNOW fit; a customer with 2 repeat purchases, the last at week 30.43 of 38.86
 * paretoNbdLogLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { frequency: 2, recency: 30.43, T: 38.86 })
 * //=> -9.5543
 */
export function paretoNbdLogLikelihood(
  parameters: ParetoNbdParameters,
  customer: RfmCustomer,
): number {
  const { alive, died } = logTerms(parameters, customer.frequency, customer.recency, customer.T);
  return logAddExp(alive, died);
}

/**
 * Fits the Pareto/NBD model by maximum likelihood.
 *
 * @param customers - Summaries `{ frequency, recency, T }`, all in one time unit. At least
 *   one must be a repeat buyer.
 * @returns `{ r, alpha, s, beta }`, `logLikelihood`, `converged`, `iterations`,
 *   `standardErrors` and `n`.
 * @throws As {@link fitBgNbd} does, for impossible summaries or no repeat buyer.
 *
 * @example
 * // 14 customers watched for 52 weeks: [repeat purchases, week of the last one]
 * const rows = [[0, 0], [1, 10], [4, 12], [6, 50], [2, 40], [0, 0], [3, 8], [8, 51], [1, 45],
 *   [0, 0], [5, 20], [0, 0], [2, 6], [7, 49]];
 * const fit = fitParetoNbd(rows.map(([frequency, recency]) => ({ frequency, recency, T: 52 })));
 * [fit.r, fit.alpha, fit.s, fit.beta, fit.converged]
 * //=> [3.04, 29.22, 0.7, 16.25, true]
 */
export function fitParetoNbd(customers: Iterable<RfmCustomer>): ParetoNbdFit {
  const data = compactCustomers("fitParetoNbd", customers);
  const { frequencies, recencies, ages, frequencyOf, recencyOf, ageOf, weight } = data;
  const heads = new Float64Array(frequencies.length);
  const logLikelihood = ([r, alpha, s, beta]: number[]) => {
    const parameters = { r, alpha, s, beta } as ParetoNbdParameters;
    for (let f = 0; f < frequencies.length; f++) heads[f] = logHead(parameters, frequencies[f]!);
    let sum = 0;
    for (let g = 0; g < weight.length; g++) {
      const f = frequencyOf[g]!;
      const { alive, died } = logTerms(
        parameters,
        frequencies[f]!,
        recencies[recencyOf[g]!]!,
        ages[ageOf[g]!]!,
        heads[f],
      );
      sum += weight[g]! * logAddExp(alive, died);
    }
    return sum;
  };
  const { parameters, ...report } = fitPositive(
    ["r", "alpha", "s", "beta"],
    [1, 1, 1, 1],
    logLikelihood,
  );
  return { ...parameters, ...report, n: data.n };
}

/**
 * Expected repeat purchases of a new customer in (0, t] (equation 17):
 * rβ / (α(s − 1)) · [1 − (β/(β + t))^(s − 1)], and rβ/α · ln(1 + t/β) when s = 1.
 *
 * @example
 * paretoNbdExpectedPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39)
 * //=> 1.213
 */
export function paretoNbdExpectedPurchases(parameters: ParetoNbdParameters, t: number): number {
  const { r, alpha, s, beta } = parameters;
  return (r / alpha) * growth(s, beta, t);
}

/**
 * The probability that a customer with this summary is still alive at T (equation 18):
 * the share of the likelihood that comes from "alive throughout".
 *
 * @example
 * paretoNbdProbabilityAlive({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { frequency: 2, recency: 30.43, T: 38.86 })
 * //=> 0.8692
 */
export function paretoNbdProbabilityAlive(
  parameters: ParetoNbdParameters,
  customer: RfmCustomer,
): number {
  const { alive, died } = logTerms(parameters, customer.frequency, customer.recency, customer.T);
  return Math.exp(alive - logAddExp(alive, died));
}

/**
 * Expected purchases in the next `t` time units of a customer with this summary
 * (equation 22): (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s − 1)]
 * times the probability alive.
 *
 * @example
 * paretoNbdConditionalExpectedPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { frequency: 2, recency: 30.43, T: 38.86 }, 39)
 * //=> 1.4551
 */
export function paretoNbdConditionalExpectedPurchases(
  parameters: ParetoNbdParameters,
  customer: RfmCustomer,
  t: number,
): number {
  const { r, alpha, s, beta } = parameters;
  const { frequency: x, T } = customer;
  const expected = ((r + x) / (alpha + T)) * growth(s, beta + T, t);
  return expected * paretoNbdProbabilityAlive(parameters, customer);
}

/** β/(s − 1) · [1 − (β/(β + t))^(s − 1)], with its limit β ln(1 + t/β) at s = 1. */
function growth(s: number, beta: number, t: number): number {
  const logRatio = Math.log1p(t / beta);
  if (Math.abs(s - 1) < 1e-10) return beta * logRatio;
  return (beta / (s - 1)) * -Math.expm1(-(s - 1) * logRatio);
}
