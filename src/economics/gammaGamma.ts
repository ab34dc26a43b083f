/**
 * The Gamma-Gamma model of spend per transaction (P. S. Fader and B. G. S. Hardie, "The
 * Gamma-Gamma Model of Monetary Value", 2013, brucehardie.com/notes/025; first in Fader,
 * Hardie and Lee, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", Journal
 * of Marketing Research 42(4), 2005).
 *
 * A customer's transactions are gamma(p, ν) distributed around the customer's mean p/ν; ν
 * varies across customers as a gamma(q, γ). The model reads each repeat buyer's number of
 * repeat transactions x and their mean value z̄, and assumes spend does not depend on how
 * often a customer buys.
 */
import { show } from "../reduce/arguments.ts";
import { type FitReport, fitPositive } from "./optimize.ts";
import { logGamma } from "./special.ts";

/** What the Gamma-Gamma model reads about a customer. */
export interface SpendCustomer {
  /** Repeat transactions (x): a whole number ≥ 0. Customers with 0 are left out of the fit. */
  frequency: number;
  /**
   * Mean value of the repeat transactions (z̄), positive; `null` (or anything) when
   * `frequency` is 0, as there is then nothing to average.
   */
  monetaryValue: number | null;
}

/** The three Gamma-Gamma parameters. */
export interface GammaGammaParameters {
  /** Shape of each transaction's gamma distribution. */
  p: number;
  /** Shape of the gamma distribution of ν across customers. */
  q: number;
  /** Rate of that gamma. */
  gamma: number;
}

/** A Gamma-Gamma fit. */
export interface GammaGammaFit extends GammaGammaParameters, FitReport<keyof GammaGammaParameters> {
  /** Repeat buyers fitted. */
  n: number;
  /** Customers left out because they made no repeat transaction. */
  excluded: { noRepeat: number };
}

/**
 * The log-likelihood of one repeat buyer's mean spend: the density of z̄ given x,
 * Γ(px + q) / (Γ(px) Γ(q)) · γ^q · z̄^(px − 1) · x^(px) / (γ + x z̄)^(px + q)
 * (Fader and Hardie 2013, equation 4).
 *
 * @example
 * // CDNOW customer 1: 2 repeat transactions worth 22.35 on average
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, monetaryValue: 22.35 })
 * //=> -3.5513
 */
export function gammaGammaLogLikelihood(
  parameters: GammaGammaParameters,
  customer: SpendCustomer,
): number {
  const { p, q, gamma } = parameters;
  const x = customer.frequency;
  const z = customer.monetaryValue as number;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(z) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + x * z)
  );
}

/** Checks the customers; returns the repeat buyers' x and z̄, and how many had no repeat. */
function repeatBuyers(customers: Iterable<SpendCustomer>): {
  x: Float64Array;
  z: Float64Array;
  noRepeat: number;
} {
  const fn = "fitGammaGamma";
  const xs: number[] = [];
  const zs: number[] = [];
  let index = 0;
  let noRepeat = 0;
  for (const customer of customers) {
    const where = `customers[${index++}]`;
    const { frequency, monetaryValue } = customer ?? ({} as SpendCustomer);
    if (typeof frequency !== "number" || !Number.isInteger(frequency) || frequency < 0) {
      throw new (typeof frequency === "number" ? RangeError : TypeError)(
        `${fn}: ${where}.frequency must be a whole number at least 0, got ${show(frequency)}`,
      );
    }
    if (frequency === 0) {
      noRepeat++;
      continue;
    }
    if (
      typeof monetaryValue !== "number" ||
      !Number.isFinite(monetaryValue) ||
      monetaryValue <= 0
    ) {
      throw new (typeof monetaryValue === "number" ? RangeError : TypeError)(
        `${fn}: ${where}.monetaryValue must be a positive number for a repeat buyer, got ${show(monetaryValue)}`,
      );
    }
    xs.push(frequency);
    zs.push(monetaryValue);
  }
  if (xs.length === 0) {
    throw new RangeError(
      `${fn}: customers must include a repeat buyer (frequency > 0), got none among ${index}`,
    );
  }
  return { x: Float64Array.from(xs), z: Float64Array.from(zs), noRepeat };
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood over the repeat buyers; customers
 * with no repeat transaction are counted in `excluded.noRepeat`.
 *
 * @param customers - `{ frequency, monetaryValue }` per customer (see `rfmSummary`).
 * @returns `{ p, q, gamma }`, `logLikelihood`, `converged`, `iterations`,
 *   `standardErrors`, `n` (repeat buyers) and `excluded`.
 * @throws RangeError or TypeError, naming the customer, for a fractional or negative
 *   frequency or a repeat buyer whose mean spend is not positive; RangeError when no customer
 *   made a repeat transaction.
 *
 * @example
 * // The first 30 CDNOW customers: 17 without a repeat purchase, 13 with [x, z̄]
 * const repeaters = [[2, 22.35], [1, 11.77], [7, 73.74], [1, 11.77], [2, 25.55], [5, 29.44],
 *   [10, 24.24], [1, 9.99], [3, 25.08], [2, 32.3], [1, 227.14], [1, 80.46], [1, 40.47]];
 * const customers = [
 *   ...repeaters.map(([frequency, monetaryValue]) => ({ frequency, monetaryValue })),
 *   ...Array.from({ length: 17 }, () => ({ frequency: 0, monetaryValue: null })),
 * ];
 * const fit = fitGammaGamma(customers);
 * [fit.p, fit.q, fit.gamma, fit.n, fit.excluded.noRepeat]
 * //=> [3.05, 3.19, 31.14, 13, 17]
 */
export function fitGammaGamma(customers: Iterable<SpendCustomer>): GammaGammaFit {
  const { x, z, noRepeat } = repeatBuyers(customers);
  // The terms in x and z̄ alone do not change with the parameters: add them once.
  let constant = 0;
  for (let i = 0; i < x.length; i++) constant -= Math.log(z[i]!);
  const logX = x.map(Math.log);
  const logZ = z.map(Math.log);
  const logLikelihood = ([p, q, gamma]: number[]) => {
    const logGammaRate = Math.log(gamma as number);
    const shared = -logGamma(q as number) + (q as number) * logGammaRate;
    let sum = constant;
    for (let i = 0; i < x.length; i++) {
      const px = (p as number) * x[i]!;
      sum +=
        logGamma(px + (q as number)) -
        logGamma(px) +
        shared +
        px * (logZ[i]! + logX[i]!) -
        (px + (q as number)) * Math.log((gamma as number) + x[i]! * z[i]!);
    }
    return sum;
  };
  const { parameters, ...report } = fitPositive(["p", "q", "gamma"], [1, 1, 1], logLikelihood);
  return { ...parameters, ...report, n: x.length, excluded: { noRepeat } };
}

/**
 * A customer's expected mean spend per transaction, E[M | x, z̄] = p(γ + x z̄) / (px + q − 1):
 * a weighted average of the population mean γp/(q − 1) and the customer's own z̄, the weight
 * on z̄ growing with x. With no repeat transaction it is the population mean. `null` when
 * q ≤ 1 and x = 0 (the population mean is then infinite).
 *
 * @example
 * // CDNOW customer 1 (x 2, z̄ 22.35) and a customer with no repeat purchase
 * const fit = { p: 6.25, q: 3.74, gamma: 15.44 };
 * [gammaGammaExpectedSpend(fit, { frequency: 2, monetaryValue: 22.35 }),
 *   gammaGammaExpectedSpend(fit, { frequency: 0, monetaryValue: null })]
 * //=> [24.6637, 35.219]
 */
export function gammaGammaExpectedSpend(
  parameters: GammaGammaParameters,
  customer: SpendCustomer,
): number | null {
  const { p, q, gamma } = parameters;
  const x = customer.frequency;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return null;
  const total = x === 0 ? 0 : x * (customer.monetaryValue as number);
  return (p * (gamma + total)) / denominator;
}
