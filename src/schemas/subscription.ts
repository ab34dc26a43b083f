import type * as z from "zod/mini";
import {
  defineRecord,
  type FieldValues,
  orderRules,
  type RecordInputOf,
  type RecordOf,
  type Report,
} from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

/**
 * The records of a subscription business at the boundary: a log of subscription changes (who
 * pays how much a month from when) and sign-ups with their activation. The subscription
 * metrics (src/economics/subscriptions) and the subscription cohort triangle read them.
 * Unknowns are `null`, never 0: an unknown amount is not a free plan.
 */

const subscriptionChangeRecord = defineRecord({
  noun: "subscription change",
  fields: {
    customerId: {
      kind: "identifier",
      absent: "required",
      doc: "The customer (or account) whose subscription changed.",
    },
    at: { kind: "timestamp", absent: "required", doc: "When the new amount takes effect." },
    mrr: {
      kind: "amount",
      min: 0,
      absent: null,
      doc: "Monthly recurring revenue from then on: 0 to cancel, null when unknown.",
    },
  },
});

/** A subscription change as a caller may give it. */
export type SubscriptionChangeInput = RecordInputOf<typeof subscriptionChangeRecord>;
/** A validated subscription change: from `at` on, the customer pays `mrr` a month. */
export interface SubscriptionChange extends RecordOf<typeof subscriptionChangeRecord> {}

const signupFields = {
  customerId: { kind: "identifier", absent: "required", doc: "The customer who signed up." },
  signedUpAt: {
    kind: "timestamp",
    absent: null,
    doc: "When the customer signed up; null when unknown.",
  },
  activatedAt: {
    kind: "timestamp",
    absent: null,
    doc: "When the customer first reached the activation event; null if not (yet) or unknown.",
  },
} as const;

type SignupFields = FieldValues<typeof signupFields>;

/** A validated sign-up, with when (if ever) the customer reached the activation event. */
export interface Signup extends SignupFields {}

const checkSignupOrder = orderRules<SignupFields>([["activatedAt", "signedUpAt"]]);

function completeSignup(raw: SignupFields, report: Report): Signup {
  checkSignupOrder(raw, report);
  return raw;
}

const signupRecord = defineRecord({
  noun: "sign-up",
  fields: signupFields,
  complete: completeSignup,
});

/** A sign-up as a caller may give it. */
export type SignupInput = RecordInputOf<typeof signupRecord>;

/**
 * The Zod schema of a subscription change. Pass `timeZone` to read timestamps written
 * without an offset as local times in that zone.
 *
 * @example
 * const change = subscriptionChangeSchema().parse({ customerId: 7, at: "2024-03-01T00:00:00Z" });
 * [change.customerId, change.mrr]
 * //=> ["7", null]
 */
export function subscriptionChangeSchema(
  options: TimestampOptions = {},
): z.ZodMiniType<SubscriptionChange, unknown> {
  return schemaFor(subscriptionChangeRecord, options);
}

/**
 * The Zod schema of a sign-up: an activation before the sign-up is refused.
 *
 * @example
 * signupSchema().safeParse({
 *   customerId: "c1", signedUpAt: "2024-03-02T00:00:00Z", activatedAt: "2024-03-01T00:00:00Z",
 * }).success
 * //=> false
 */
export function signupSchema(options: TimestampOptions = {}): z.ZodMiniType<Signup, unknown> {
  return schemaFor(signupRecord, options);
}

/** The subscription change schema for timestamps that carry their own offset. */
export const SubscriptionChangeSchema = /* @__PURE__ */ subscriptionChangeSchema();
/** The sign-up schema for timestamps that carry their own offset. */
export const SignupSchema = /* @__PURE__ */ signupSchema();
