/**
 * Customer lifetime value from the two probability models: the BG/NBD for how many purchases
 * a customer will make, the Gamma-Gamma for what each will be worth, discounted period by
 * period.
 */
import { show } from "../reduce/arguments.ts";
import { type BgNbdParameters, bgNbdConditionalExpectedPurchases } from "./bgNbd.ts";
import type { RfmCustomer } from "./customers.ts";
import {
  type GammaGammaParameters,
  gammaGammaExpectedSpend,
  type SpendCustomer,
} from "./gammaGamma.ts";

/** Options for {@link predictedLifetimeValue}. */
export interface PredictedLifetimeValueOptions {
  /** The BG/NBD fit (or any parameters `{ r, alpha, a, b }`). */
  purchases: BgNbdParameters;
  /** The Gamma-Gamma fit (or any parameters `{ p, q, gamma }`). */
  spend: GammaGammaParameters;
  /** How many periods ahead to sum: 12 for a year of months. */
  periods: number;
  /**
   * A period's length in the time unit the models were fitted in: 30/7 for 30-day months
   * when the summaries are in weeks, 30 when they are in days.
   */
  periodLength: number;
  /** Discount rate per period, at least 0: 0.01 for 1 % a month. */
  discountRate: number;
}

/**
 * A customer's expected value over the next `periods` periods, discounted to today
 * (P. S. Fader, B. G. S. Hardie and K. L. Lee, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", Journal of Marketing Research 42(4), 2005, section "CLV"; in the
 * discrete form of the Python package lifetimes, `GammaGammaFitter.customer_lifetime_value`,
 * which PyMC-Marketing's `customer_lifetime_value` follows):
 *
 * CLV = Σₖ₌₁..ₙ E[M | x, z̄] · (E[Y(kL) | x, tₓ, T] − E[Y((k − 1)L) | x, tₓ, T]) / (1 + d)^k
 *
 * with n = `periods`, L = `periodLength`, d = `discountRate`, E[Y(t) | …] the BG/NBD
 * conditional expected purchases in the next t time units and E[M | x, z̄] the Gamma-Gamma
 * expected spend. Each period's purchases are discounted as if paid at the period's end.
 * No margin is applied: multiply by one to value profit rather than revenue. Note that
 * lifetimes' own `freq` argument sets L to 30 days, 4.345 weeks (a month of 365.25 / 12
 * days) or 1 month; pass the same L to reproduce its numbers.
 *
 * @param customer - `{ frequency, recency, T, monetaryValue }` (an {@link RfmRow} fits).
 * @returns The value, or `null` when the spend model has no mean for the customer (q ≤ 1
 *   with no repeat purchase).
 *
 * @example
 * // CDNOW customer 1 over 12 months of 30 days (30/7 weeks) at 1 % a month
 * predictedLifetimeValue({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }, {
 *   purchases: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   spend: { p: 6.25, q: 3.74, gamma: 15.44 },
 *   periods: 12,
 *   periodLength: 30 / 7,
 *   discountRate: 0.01,
 * })
 * //=> 35.8817
 */
export function predictedLifetimeValue(
  customer: RfmCustomer & SpendCustomer,
  options: PredictedLifetimeValueOptions,
): number | null {
  const fn = "predictedLifetimeValue";
  const { periods, periodLength, discountRate } = options;
  if (typeof periods !== "number" || !Number.isInteger(periods) || periods < 1) {
    throw new RangeError(`${fn}: periods must be a whole number at least 1, got ${show(periods)}`);
  }
  if (typeof periodLength !== "number" || !Number.isFinite(periodLength) || periodLength <= 0) {
    throw new RangeError(
      `${fn}: periodLength must be a positive number, got ${show(periodLength)}`,
    );
  }
  if (typeof discountRate !== "number" || !Number.isFinite(discountRate) || discountRate < 0) {
    throw new RangeError(
      `${fn}: discountRate must be a number at least 0, got ${show(discountRate)}`,
    );
  }
  const spend = gammaGammaExpectedSpend(options.spend, customer);
  if (spend === null) return null;
  let value = 0;
  let before = 0;
  for (let k = 1; k <= periods; k++) {
    const upTo = bgNbdConditionalExpectedPurchases(options.purchases, customer, k * periodLength);
    value += (spend * (upTo - before)) / (1 + discountRate) ** k;
    before = upTo;
  }
  return value;
}
