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
 * Which policy applies to a ticket: policyFor.ts. Zendesk's policies:
 * src/adapters/zendeskPolicies.ts.
 */

import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { zodWords } from "../schemas/issues.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { MAX_BUSINESS_SPAN_MS, MAX_BUSINESS_SPAN_YEARS } from "../time/businessTime.ts";
import { parseOrThrow, parseWithin } from "../time/issueError.ts";

// Kept at this path for src/metrics/tickets/slaAttainment.test.ts, which imports policyFor
// from here; the lead moves that import to ./policyFor.ts and drops this line.
export { policyFor, policyMatches, targetsFor } from "./policyFor.ts";

/**
 * The kinds of target a policy can set:
 * - `firstReply`: from the ticket's creation to its first public human agent reply;
 * - `nextReply`: from each customer message left unanswered after the first reply (the first
 *   of a run of them) to the next public human agent reply;
 * - `periodicUpdate`: from each public human agent message to the next one;
 * - `resolution`: from the ticket's creation to its resolution (final by default).
 */
export const SLA_KINDS = ["firstReply", "nextReply", "periodicUpdate", "resolution"] as const;
/** A kind of SLA target; see {@link SLA_KINDS}. */
export type SlaKind = (typeof SLA_KINDS)[number];

/** One target as a caller writes it: a duration in `seconds` or `minutes`, and its clock. */
export interface SlaTargetInput {
  /** The duration allowed, in seconds. Give this or `minutes`. */
  seconds?: number;
  /** The duration allowed, in minutes (as Zendesk stores targets). Give this or `seconds`. */
  minutes?: number;
  /**
   * `true`: the duration is counted in working time of the schedule given when evaluating;
   * `false`: in calendar (elapsed) time.
   */
  businessHours: boolean;
}

/** A validated target: the duration in seconds and its clock. */
export interface SlaTarget {
  readonly seconds: number;
  readonly businessHours: boolean;
}

/** Targets as a caller writes them, by kind; a kind left out has no target. */
export type SlaTargetsInput = { [Kind in SlaKind]?: SlaTargetInput };
/** Validated targets by kind. */
export type SlaTargets = { readonly [Kind in SlaKind]?: SlaTarget };

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

const KIND_LIST = SLA_KINDS.join(", ");

const positive = "must be a positive number";
/**
 * A target's duration, positive and at most {@link MAX_BUSINESS_SPAN_YEARS} years (in its
 * unit): a target beyond what business time measures is refused here, not met as an
 * unbounded search or an Invalid Date later (docs/business-hours.md, "Limits").
 */
const durationNumber = (perSecond: number) => {
  const most = MAX_BUSINESS_SPAN_MS / 1000 / perSecond;
  return z
    .number({ error: positive })
    .check(
      z.positive({ error: positive }),
      z.maximum(most, { error: `must be at most ${most} (${MAX_BUSINESS_SPAN_YEARS} years)` }),
    );
};

const targetSchema = z.pipe(
  z
    .strictObject(
      {
        seconds: z.optional(durationNumber(1)),
        minutes: z.optional(durationNumber(60)),
        businessHours: z.boolean({ error: "must be a boolean" }),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `must have only seconds or minutes, and businessHours, got ${show(issue.keys[0])}`
            : "must be an object { seconds or minutes, businessHours }",
      },
    )
    .check(
      z.superRefine((target, ctx) => {
        const given =
          (target.seconds === undefined ? 0 : 1) + (target.minutes === undefined ? 0 : 1);
        if (given !== 1) {
          ctx.addIssue({
            code: "custom",
            message: `must give exactly one of seconds or minutes, got ${given === 0 ? "neither" : "both"}`,
            input: undefined,
          });
        }
      }),
    ),
  z.transform(
    (target): SlaTarget =>
      Object.freeze({
        seconds: target.seconds ?? (target.minutes as number) * 60,
        businessHours: target.businessHours,
      }),
  ),
);

const targetsSchema = z.pipe(
  z.strictObject(
    {
      firstReply: z.optional(targetSchema),
      nextReply: z.optional(targetSchema),
      periodicUpdate: z.optional(targetSchema),
      resolution: z.optional(targetSchema),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must name targets among ${KIND_LIST}, got ${show(issue.keys[0])}`
          : "must be an object of targets by kind",
    },
  ),
  z.transform((targets): SlaTargets => {
    const out: { [Kind in SlaKind]?: SlaTarget } = {};
    for (const kind of SLA_KINDS) {
      const target = targets[kind];
      if (target) out[kind] = target;
    }
    return Object.freeze(out);
  }),
);

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
    targetsByPriority: z.nullish(
      z.record(z.string(WORDS), targetsSchema, {
        error: "must be an object of targets by priority",
      }),
    ),
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
