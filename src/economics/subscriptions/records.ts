/**
 * The records the subscription metrics read. Zod schemas and catalogue entries for them come
 * later; until then callers pass validated objects of these shapes. Unknowns are `null`,
 * never 0: an unknown amount is not a free plan.
 */

/** One change in a customer's subscription: from `at` on, the customer pays `mrr` a month. */
export interface SubscriptionChange {
  customerId: string;
  /** When the new amount takes effect. */
  at: Date;
  /**
   * Monthly recurring revenue after the change: 0 when the customer stops paying (churns or
   * moves to a free plan), `null` when unknown.
   */
  mrr: number | null;
}

/** A sign-up, and whether and when the customer reached the activation event. */
export interface Signup {
  customerId: string;
  /** When the customer signed up; `null` when unknown. */
  signedUpAt: Date | null;
  /** When the customer first reached the activation event; `null` if not (yet) or unknown. */
  activatedAt: Date | null;
}
