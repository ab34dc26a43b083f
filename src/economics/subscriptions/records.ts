/**
 * The records the subscription metrics read: a subscription change (from `at` on, the
 * customer pays `mrr` a month; 0 to cancel, `null` when unknown) and a sign-up with its
 * activation. They are the outputs of `subscriptionChangeSchema` and `signupSchema`
 * (src/schemas/subscription.ts), which the readers use for the kinds `subscriptionChanges`
 * and `signups`. Unknowns are `null`, never 0: an unknown amount is not a free plan.
 */
export type { Signup, SubscriptionChange } from "../../schemas/subscription.ts";
