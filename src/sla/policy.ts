/**
 * SLA policies: what a ticket is promised (first reply within an hour, resolution within two
 * business days...), and which tickets each promise covers.
 *
 * A list of policies is read in order and the first one whose conditions a ticket meets
 * applies to it, as Zendesk applies its policies by `position`. A policy's targets may depend
 * on the ticket's priority (`targetsByPriority`, Zendesk's shape) or be one set for every
 * ticket it covers (`targets`). Definition: docs/business-hours.md, "SLA policies".
 *
 * This file is a policy's input: its types, its Zod schema ({@link SlaPolicySchema}, whose
 * issues are data, as the record schemas' are) and the builders that throw the first issue.
 * Its targets (kinds, durations, their schemas): targets.ts. Which policy applies to a ticket:
 * policyFor.ts. Zendesk's policies:
 * src/adapters/zendeskPolicies.ts.
 */

import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { zodWords } from "../schemas/issues.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { parseOrThrow, parseWithin } from "../time/issueError.ts";
import {
  type SlaTargets,
  type SlaTargetsInput,
  targetsByPriority,
  targetsSchema,
} from "./targets.ts";

// Kept at this path for src/metrics/tickets/slaAttainment.test.ts, which imports policyFor
// from here; the lead moves that import to ./policyFor.ts and drops this line.
export { policyFor, policyMatches, targetsFor } from "./policyFor.ts";
export {
  SLA_KINDS,
  type SlaKind,
  type SlaTarget,
  type SlaTargetInput,
  type SlaTargets,
  type SlaTargetsInput,
} from "./targets.ts";

/**
 * The ticket fields SLA policies and their evaluation read. Callers may pass whole tickets;
 * a `matches` predicate receives whatever record was passed.
 */
export type SlaTicket = Pick<
  Ticket,
  "createdAt" | "priority" | "status" | "firstResponseAt" | "firstResolvedAt" | "lastResolvedAt"
> &
  Partial<
    Omit<
      Ticket,
      "createdAt" | "priority" | "status" | "firstResponseAt" | "firstResolvedAt" | "lastResolvedAt"
    >
  >;

/** A policy condition on a ticket field: a value, or a list of values any of which matches. */
export type SlaCondition = string | readonly string[];

/** An SLA policy as a caller writes it. */
export interface SlaPolicyInput {
  /** The policy's name, shown in results and used to group by policy. Unique in a list. */
  name: string;
  /** An id of the caller's (Zendesk's policy id, for example). */
  id?: string | number | null;
  /** Only tickets whose `priority` is this value, or one of these values. */
  priority?: SlaCondition | null;
  /** Only tickets whose `channel` is this value, or one of these values. */
  channel?: SlaCondition | null;
  /** Only tickets whose `groupId` is this value, or one of these values. */
  groupId?: SlaCondition | null;
  /**
   * Only tickets for which this returns `true`: any other condition (a tag, a customer plan,
   * a ticket type). It receives the record as passed to the metric.
   */
  matches?: ((ticket: SlaTicket) => boolean) | null;
  /** Targets for every ticket the policy covers, unless `targetsByPriority` has its priority. */
  targets?: SlaTargetsInput | null;
  /** Targets by ticket priority (Zendesk's shape): `{ urgent: {...}, high: {...} }`. */
  targetsByPriority?: Record<string, SlaTargetsInput> | null;
  /** A description, kept for display. */
  description?: string | null;
}

/** A validated, immutable SLA policy. Build one with {@link slaPolicy} or {@link slaPolicies}. */
export interface SlaPolicy {
  readonly name: string;
  readonly id: string | number | null;
  readonly priority: readonly string[] | null;
  readonly channel: readonly string[] | null;
  readonly groupId: readonly string[] | null;
  readonly matches: ((ticket: SlaTicket) => boolean) | null;
  readonly targets: SlaTargets | null;
  readonly targetsByPriority: Readonly<Record<string, SlaTargets>>;
  readonly description: string | null;
}

/** Zod's English for the issues of a part that has no message of its own (see zodWords). */
const WORDS = { error: zodWords };

const oneOrManyMessage = "must be a non-empty string or a non-empty array of them";
const oneOrMany = z.pipe(
  z.nullish(
    z.union(
      [
        z.string(WORDS).check(z.minLength(1, { error: oneOrManyMessage })),
        z
          .array(z.string(WORDS).check(z.minLength(1, { error: oneOrManyMessage })), {
            error: oneOrManyMessage,
          })
          .check(z.minLength(1, { error: oneOrManyMessage })),
      ],
      { error: oneOrManyMessage },
    ),
  ),
  z.transform((value) =>
    value === null || value === undefined
      ? null
      : Object.freeze(typeof value === "string" ? [value] : [...value]),
  ),
);

const predicate = z.pipe(
  z.nullish(
    z.custom<(ticket: SlaTicket) => boolean>((value) => typeof value === "function", {
      error: "must be a function (ticket) => boolean",
    }),
  ),
  z.transform((value) => value ?? null),
);

/** Policies that went through the schema, so that a policy is checked only once. */
const validated = new WeakSet<object>();

const policyFields = z.strictObject(
  {
    name: z
      .string({ error: "must be a non-empty string" })
      .check(z.minLength(1, { error: "must be a non-empty string" })),
    id: z.nullish(
      z.union([z.string(WORDS), z.number(WORDS)], { error: "must be a string or a number" }),
    ),
    priority: oneOrMany,
    channel: oneOrMany,
    groupId: oneOrMany,
    matches: predicate,
    targets: z.nullish(targetsSchema),
    targetsByPriority: z.nullish(targetsByPriority),
    description: z.nullish(z.string({ error: "must be a string" })),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `must have only name, id, priority, channel, groupId, matches, targets, targetsByPriority and description, got ${show(issue.keys[0])}`
        : "must be an object { name, targets or targetsByPriority, ... }",
  },
);

/** The fields as a frozen {@link SlaPolicy}, remembered as built. */
function build(input: z.output<typeof policyFields>): SlaPolicy {
  const byPriority: Record<string, SlaTargets> = {};
  for (const [priority, targets] of Object.entries(input.targetsByPriority ?? {})) {
    byPriority[priority] = targets;
  }
  const policy: SlaPolicy = Object.freeze({
    name: input.name,
    id: input.id ?? null,
    priority: input.priority,
    channel: input.channel,
    groupId: input.groupId,
    matches: input.matches,
    targets: input.targets ?? null,
    targetsByPriority: Object.freeze(byPriority),
    description: input.description ?? null,
  });
  validated.add(policy);
  return policy;
}

const policySchema = z.pipe(policyFields, z.transform(build));

function isBuilt(value: unknown): value is SlaPolicy {
  return typeof value === "object" && value !== null && validated.has(value);
}

/**
 * The Zod schema of an SLA policy: unknown input → {@link SlaPolicy}, with every problem as an
 * issue (path, code, message). Use it to validate policies read from a file; {@link slaPolicy}
 * throws the first issue as an error instead. A built policy passes unchanged.
 *
 * @example
 * const parsed = SlaPolicySchema.safeParse({ name: "Slow", targets: { resolution: { minutes: 0, businessHours: false } } });
 * parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])
 * //=> [["targets.resolution.minutes", "must be a positive number"]]
 */
export const SlaPolicySchema: z.ZodMiniType<SlaPolicy, unknown> = z.pipe(
  z.unknown(),
  z.transform(
    (input, ctx): SlaPolicy => (isBuilt(input) ? input : parseWithin(policySchema, input, ctx)),
  ),
);

/**
 * Builds one SLA policy, checking it: a target needs exactly one of `seconds` or `minutes`
 * (a positive number) and `businessHours`; unknown keys are errors, so a misspelt target
 * (`firstResponse`) cannot be ignored silently. A policy already built is returned as is.
 *
 * @param input - The policy; see {@link SlaPolicyInput}.
 * @returns The validated, frozen policy.
 * @throws TypeError or RangeError naming the field, in the form
 *   `slaPolicy: targets.firstReply.minutes must be a positive number, got -5`.
 *
 * @example
 * slaPolicy({ name: "Urgent", priority: "urgent", targets: { firstReply: { minutes: 30, businessHours: false } } })
 *   .targets.firstReply.seconds
 * //=> 1800
 */
export function slaPolicy(input: SlaPolicyInput | SlaPolicy): SlaPolicy {
  // Built policies first: policyFor calls this for every policy and ticket.
  if (isBuilt(input)) return input;
  return parseOrThrow(policySchema, input, { fn: "slaPolicy", root: "policy" });
}

/**
 * Builds an ordered list of SLA policies: each is checked as by {@link slaPolicy}, and names
 * must be unique (results are grouped by name). The order is the order of matching: the first
 * policy whose conditions a ticket meets applies to it.
 *
 * @param inputs - Policies in matching order; built ones are kept as they are.
 * @returns The validated policies, frozen, in the same order.
 * @throws TypeError or RangeError naming the policy by index, in the form
 *   `slaPolicies: policies[1].targets.firstReply.seconds must be a positive number, got 0`.
 *
 * @example
 * slaPolicies([
 *   { name: "Urgent", priority: "urgent", targets: { firstReply: { minutes: 30, businessHours: false } } },
 *   { name: "Everyone else", targets: { firstReply: { minutes: 480, businessHours: true } } },
 * ]).map((policy) => policy.name)
 * //=> ["Urgent", "Everyone else"]
 */
export function slaPolicies(
  inputs: readonly (SlaPolicyInput | SlaPolicy)[],
  fn = "slaPolicies",
): readonly SlaPolicy[] {
  if (!Array.isArray(inputs)) {
    throw new TypeError(`${fn}: policies must be an array of policies, got ${show(inputs)}`);
  }
  const names = new Set<string>();
  const out = inputs.map((input, index) => {
    const site = { fn, prefix: `policies[${index}]`, root: "policies" };
    const policy = isBuilt(input) ? input : parseOrThrow(policySchema, input, site);
    if (names.has(policy.name)) {
      // A name given twice is a value out of range, not a value of the wrong kind.
      throw new RangeError(
        `${fn}: policies[${index}].name must be unique, got ${show(policy.name)}`,
      );
    }
    names.add(policy.name);
    return policy;
  });
  return Object.freeze(out);
}
