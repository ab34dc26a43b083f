/**
 * What every queue metric (src/metrics/queues) declares to the SQL compiler alike: the
 * outcome rules that leave a contact out, in the order `contactOutcome` decides them, and the
 * wait from the offer to an answer or an abandonment in seconds, divided as
 * `queueWaitSeconds` divides, so that a comparison with a target decides as the reducers do.
 */
import type { OutcomeExclusion } from "../metrics/queues/contact.ts";
import {
  all,
  any,
  compare,
  type ExclusionRule,
  type Expr,
  field,
  isNull,
  not,
  secondsBetween,
} from "./spec.ts";

/**
 * The outcome rules, as `contactOutcome` reads a contact: both ends set, then neither, then
 * an end before the offer (only one end is left by then; a comparison with a null is false).
 *
 * @example
 * OUTCOME_RULES.map((rule) => rule.reason)
 * //=> ["bothOutcomes", "unknownOutcome", "endsBeforeOffer"]
 */
export const OUTCOME_RULES: readonly (ExclusionRule & { reason: OutcomeExclusion })[] = [
  { reason: "bothOutcomes", when: all(not(isNull("answeredAt")), not(isNull("abandonedAt"))) },
  { reason: "unknownOutcome", when: all(isNull("answeredAt"), isNull("abandonedAt")) },
  {
    reason: "endsBeforeOffer",
    when: any(
      compare("<", field("answeredAt"), field("offeredAt")),
      compare("<", field("abandonedAt"), field("offeredAt")),
    ),
  },
];

/**
 * The seconds a contact waited until `end` (`"answeredAt"` or `"abandonedAt"`): null when
 * that end is not set, so a comparison with it holds only for contacts that ended so.
 *
 * @example
 * waitUntil("answeredAt")
 * //=> { seconds: { from: { field: "offeredAt" }, to: { field: "answeredAt" } } }
 */
export function waitUntil(end: "answeredAt" | "abandonedAt"): Expr {
  return secondsBetween(field("offeredAt"), field(end));
}

/** The contact was answered (once the outcome rules have left out those with both ends). */
export const ANSWERED: Expr = not(isNull("answeredAt"));

/** The contact was abandoned (once the outcome rules have left out those with both ends). */
export const ABANDONED: Expr = not(isNull("abandonedAt"));
