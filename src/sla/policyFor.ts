/**
 * Which SLA policy applies to a ticket, and which targets it sets: the first policy, in
 * order, whose conditions the ticket meets (as Zendesk applies its policies by `position`),
 * and its targets for the ticket's priority. Definition: docs/business-hours.md,
 * "SLA policies".
 */
import {
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTargets,
  type SlaTicket,
  slaPolicy,
} from "./policy.ts";

function oneOf(allowed: readonly string[] | null, value: string | null | undefined): boolean {
  return allowed === null || (value != null && allowed.includes(value));
}

/**
 * Whether a ticket meets a policy's conditions: every condition given must hold (`priority`,
 * `channel` and `groupId` compare exactly; a ticket without the field meets no such
 * condition), and `matches` must return `true`.
 *
 * @example
 * import { slaPolicy } from "./policy.ts";
 * const policy = slaPolicy({ name: "Urgent email", priority: "urgent", channel: "email",
 *   targets: { firstReply: { minutes: 30, businessHours: false } } });
 * const ticket = (priority, channel) => ({ createdAt: new Date(), priority, channel, status: "open",
 *   firstResponseAt: null, firstResolvedAt: null, lastResolvedAt: null });
 * [policyMatches(policy, ticket("urgent", "email")), policyMatches(policy, ticket("urgent", "chat")),
 *   policyMatches(policy, ticket(null, "email"))]
 * //=> [true, false, false]
 */
export function policyMatches(policy: SlaPolicy, ticket: SlaTicket): boolean {
  return (
    oneOf(policy.priority, ticket.priority) &&
    oneOf(policy.channel, ticket.channel) &&
    oneOf(policy.groupId, ticket.groupId) &&
    (policy.matches === null || policy.matches(ticket) === true)
  );
}

/**
 * The policy that applies to a ticket: the first, in order, whose conditions it meets, or
 * `null` when none does. Use it to group any metric by policy:
 * `by: { policy: (t) => policyFor(t, policies)?.name ?? null }`.
 *
 * @param ticket - A ticket (the fields in {@link SlaTicket}).
 * @param policies - Policies in matching order, built by {@link slaPolicies} (inputs are
 *   accepted and checked on every call, which is slower).
 * @returns The matching policy, or `null`.
 *
 * @example
 * import { slaPolicies } from "./policy.ts";
 * const policies = slaPolicies([
 *   { name: "Email", channel: "email", targets: { firstReply: { minutes: 240, businessHours: false } } },
 *   { name: "Default", targets: { firstReply: { minutes: 60, businessHours: false } } },
 * ]);
 * policyFor({ createdAt: new Date(), priority: null, channel: "chat", status: "open",
 *   firstResponseAt: null, firstResolvedAt: null, lastResolvedAt: null }, policies)?.name
 * //=> "Default"
 */
export function policyFor(
  ticket: SlaTicket,
  policies: readonly (SlaPolicy | SlaPolicyInput)[],
): SlaPolicy | null {
  for (const candidate of policies) {
    const policy = slaPolicy(candidate);
    if (policyMatches(policy, ticket)) return policy;
  }
  return null;
}

/**
 * The targets a policy sets for a ticket: those for its priority in `targetsByPriority`,
 * else `targets`, else `null` (the policy applies but sets no target for this ticket).
 *
 * @example
 * import { slaPolicy } from "./policy.ts";
 * const policy = slaPolicy({ name: "Email", channel: "email",
 *   targets: { firstReply: { minutes: 240, businessHours: false } },
 *   targetsByPriority: { urgent: { firstReply: { minutes: 30, businessHours: false } } } });
 * const ticket = (priority) => ({ createdAt: new Date(), priority, channel: "email", status: "open",
 *   firstResponseAt: null, firstResolvedAt: null, lastResolvedAt: null });
 * // targets are stored in seconds
 * [targetsFor(policy, ticket("urgent")).firstReply.seconds, targetsFor(policy, ticket("low")).firstReply.seconds]
 * //=> [1800, 14400]
 */
export function targetsFor(policy: SlaPolicy, ticket: SlaTicket): SlaTargets | null {
  const priority = ticket.priority;
  if (priority != null && Object.hasOwn(policy.targetsByPriority, priority)) {
    return policy.targetsByPriority[priority] as SlaTargets;
  }
  return policy.targets;
}
