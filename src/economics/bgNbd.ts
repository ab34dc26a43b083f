/**
 * The BG/NBD model of repeat purchasing in a non-contractual setting (P. S. Fader,
 * B. G. S. Hardie and K. L. Lee, "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2), 2005; equations below are numbered as there).
 *
 * While alive, a customer buys at a Poisson rate λ; rates vary across customers as a gamma
 * (shape r, rate α). After each purchase the customer drops out with probability p; p varies
 * as a beta (a, b). Time is in whatever unit the summaries use.
 */
import { compactCustomers, type RfmCustomer } from "./customers.ts";
import { type FitReport, fitPositive } from "./optimize.ts";
import { logAddExp, logBeta, logGamma, logHypergeometric2F1 } from "./special.ts";

/** The four BG/NBD parameters. */
export interface BgNbdParameters {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Rate (inverse scale) of that gamma, in the summaries' time unit. */
  alpha: number;
  /** Beta distribution of the drop-out probability: a. */
  a: number;
  /** Beta distribution of the drop-out probability: b. */
  b: number;
}

/** A BG/NBD fit: the parameters, the log-likelihood and how the optimiser fared. */
export interface BgNbdFit extends BgNbdParameters, FitReport<keyof BgNbdParameters> {
  /** Customers fitted. */
  n: number;
}

/**
 * The log-likelihood of one customer's summary (equation 6), computed in logs throughout so
 * that it stays finite for heavy buyers (Hardie's note "Overcoming the BG/NBD Model's #NUM!
 * Error Problem", brucehardie.com/notes/027).
 *
 * @example
 * // Hardie's anchor: r 0.25, alpha 4, a 0.8, b 2.5, T 40, a customer with 200 repeat purchases
 * bgNbdLogLikelihood({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { frequency: 200, recency: 38, T: 40 })
 * //=> 100.7957
 */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, customer: RfmCustomer): number {
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, T } = customer;
  const common =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + stillAlive;
  const droppedOut = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
  return common + logAddExp(stillAlive, droppedOut);
}

/**
 * Fits the BG/NBD model by maximum likelihood.
 *
 * @param customers - Summaries `{ frequency, recency, T }`, all in one time unit (see
 *   `rfmSummary`). At least one must be a repeat buyer.
 * @returns The parameters `{ r, alpha, a, b }`, `logLikelihood` (the sum over customers),
 *   `converged`, `iterations`, `standardErrors` and `n`.
 * @throws RangeError or TypeError, naming the customer, for a summary that cannot be one
 *   (negative or fractional frequency, recency past T...), or when no customer bought twice.
 *
 * @example
 * // Ten customers watched for 52 weeks: [repeat purchases, week of the last one]
 * const rows = [[0, 0], [0, 0], [0, 0], [1, 8], [2, 7], [7, 46], [7, 40], [0, 0], [0, 0], [0, 0]];
 * const fit = fitBgNbd(rows.map(([frequency, recency]) => ({ frequency, recency, T: 52 })));
 * [fit.r, fit.alpha, fit.a, fit.b, fit.converged]
 * //=> [0.211, 3.954, 0.345, 1.508, true]
 */
export function fitBgNbd(customers: Iterable<RfmCustomer>): BgNbdFit {
  const data = compactCustomers("fitBgNbd", customers);
  const { frequencies, recencies, ages, frequencyOf, recencyOf, ageOf, weight } = data;
  // Scratch arrays: per distinct frequency, recency and T, the parts of the likelihood that
  // depend only on them.
  const common = new Float64Array(frequencies.length);
  const dropout = new Float64Array(frequencies.length);
  const logAge = new Float64Array(ages.length);
  const logRecency = new Float64Array(recencies.length);
  const logLikelihood = ([r, alpha, a, b]: number[]) => {
    const r0 = r as number;
    const base = -logGamma(r0) + r0 * Math.log(alpha as number) - logBeta(a as number, b as number);
    for (let i = 0; i < frequencies.length; i++) {
      const x = frequencies[i] as number;
      common[i] = base + logGamma(r0 + x) + logBeta(a as number, (b as number) + x);
      dropout[i] = x > 0 ? Math.log(a as number) - Math.log((b as number) + x - 1) : Number.NaN;
    }
    for (let i = 0; i < ages.length; i++) logAge[i] = Math.log((alpha as number) + ages[i]!);
    for (let i = 0; i < recencies.length; i++)
      logRecency[i] = Math.log((alpha as number) + recencies[i]!);
    let sum = 0;
    for (let g = 0; g < weight.length; g++) {
      const f = frequencyOf[g] as number;
      const shape = r0 + frequencies[f]!;
      const stillAlive = -shape * logAge[ageOf[g]!]!;
      const value =
        frequencies[f] === 0
          ? stillAlive
          : logAddExp(stillAlive, dropout[f]! - shape * logRecency[recencyOf[g]!]!);
      sum += weight[g]! * (common[f]! + value);
    }
    return sum;
  };
  const { parameters, ...report } = fitPositive(
    ["r", "alpha", "a", "b"],
    [1, 1, 1, 1],
    logLikelihood,
  );
  return { ...parameters, ...report, n: data.n };
}

/**
 * Expected repeat purchases of a new customer in (0, t]: E[X(t)] (equation 9),
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r · 2F1(r, b; a + b − 1; t/(α + t))].
 *
 * @example
 * // The published CDNOW fit, 52 weeks after a first purchase
 * bgNbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 52)
 * //=> 1.4461
 */
export function bgNbdExpectedPurchases(parameters: BgNbdParameters, t: number): number {
  const { r, alpha, a, b } = awayFromOne(parameters);
  if (t === 0) return 0;
  const z = t / (alpha + t);
  const f = logHypergeometric2F1(r, b, a + b - 1, z);
  const rest = f.sign * Math.exp(r * Math.log(alpha / (alpha + t)) + f.log);
  return ((a + b - 1) / (a - 1)) * (1 - rest);
}

/**
 * The probability that a customer with this summary is still alive at the end of
 * observation: 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x)).
 *
 * @example
 * // CDNOW customer 1 (2 repeat purchases, the last at week 30.43 of 38.86)
 * bgNbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 })
 * //=> 0.7266
 */
export function bgNbdProbabilityAlive(parameters: BgNbdParameters, customer: RfmCustomer): number {
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, T } = customer;
  if (x === 0) return 1;
  const logOdds =
    Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected purchases in the next `t` time units of a customer with this summary
 * (equation 10): (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r + x) ·
 * 2F1(r + x, b + x; a + b + x − 1; t/(α + T + t))] times the probability alive.
 *
 * @example
 * // CDNOW customer 1 over the next 39 weeks, at the MLE of the published data
 * const fit = { r: 0.2425929, alpha: 4.4135315, a: 0.7928862, b: 2.425754 };
 * bgNbdConditionalExpectedPurchases(fit, { frequency: 2, recency: 30.43, T: 38.86 }, 39)
 * //=> 1.226
 */
export function bgNbdConditionalExpectedPurchases(
  parameters: BgNbdParameters,
  customer: RfmCustomer,
  t: number,
): number {
  const { r, alpha, a, b } = awayFromOne(parameters);
  const { frequency: x, T } = customer;
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const f = logHypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const rest = f.sign * Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)) + f.log);
  const expected = ((a + b + x - 1) / (a - 1)) * (1 - rest);
  return expected * bgNbdProbabilityAlive(parameters, customer);
}

/**
 * The probability that a new customer makes exactly `n` repeat purchases in (0, t]
 * (equation 8).
 *
 * @example
 * // R BTYD's value for the rounded CDNOW fit: P(X(39) = 0) = 0.5737864
 * bgNbdPurchaseProbability({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 39)
 * //=> 0.5737864
 */
export function bgNbdPurchaseProbability(
  parameters: BgNbdParameters,
  n: number,
  t: number,
): number {
  const { r, alpha, a, b } = parameters;
  const logShare = Math.log(alpha / (alpha + t));
  const logRatio = Math.log(t / (alpha + t));
  // ln[Γ(r + j) / (Γ(r) j!)] + j ln(t / (α + t)), term by term.
  const logTerm = (j: number) =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + (j === 0 ? 0 : j * logRatio);
  const alive = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logTerm(n) + r * logShare);
  if (n === 0) return alive;
  let partial = 0;
  for (let j = 0; j < n; j++) partial += Math.exp(logTerm(j) + r * logShare);
  return alive + Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * (1 - partial);
}

/**
 * The expectations divide by a − 1, which vanishes at a = 1 although the limit is finite:
 * there, a is moved by one part in 10⁷, which changes results in the 7th digit at most.
 */
function awayFromOne(parameters: BgNbdParameters): BgNbdParameters {
  if (Math.abs(parameters.a - 1) >= 1e-7) return parameters;
  return { ...parameters, a: 1 + 1e-7 };
}
