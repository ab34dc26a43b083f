/**
 * SLA policies: what a ticket is promised (first reply within an hour, resolution within two
 * business days...), and which tickets each promise covers.
 *
 * A list of policies is read in order and the first one whose conditions a ticket meets
 * applies to it, as Zendesk applies its policies by `position`. A policy's targets may depend
 * on the ticket's priority (`targetsByPriority`, Zendesk's shape) or be one set for every
 * ticket it covers (`targets`). Definition: docs/business-hours.md, "SLA policies".
 */

import * as z from "zod";
import { show } from "../reduce/arguments.ts";
import type { Ticket } from "../schemas/ticket.ts";

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
const durationNumber = z.number({ error: positive }).positive({ error: positive });

const targetSchema = z
  .strictObject(
    {
      seconds: durationNumber.optional(),
      minutes: durationNumber.optional(),
      businessHours: z.boolean({ error: "must be a boolean" }),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must have only seconds or minutes, and businessHours, got ${show(issue.keys[0])}`
          : "must be an object { seconds or minutes, businessHours }",
    },
  )
  .superRefine((target, ctx) => {
    const given = (target.seconds === undefined ? 0 : 1) + (target.minutes === undefined ? 0 : 1);
    if (given !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `must give exactly one of seconds or minutes, got ${given === 0 ? "neither" : "both"}`,
        input: undefined,
      });
    }
  })
  .transform(
    (target): SlaTarget =>
      Object.freeze({
        seconds: target.seconds ?? (target.minutes as number) * 60,
        businessHours: target.businessHours,
      }),
  );

const targetsSchema = z
  .strictObject(
    {
      firstReply: targetSchema.optional(),
      nextReply: targetSchema.optional(),
      periodicUpdate: targetSchema.optional(),
      resolution: targetSchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must name targets among ${KIND_LIST}, got ${show(issue.keys[0])}`
          : "must be an object of targets by kind",
    },
  )
  .transform((targets): SlaTargets => {
    const out: { [Kind in SlaKind]?: SlaTarget } = {};
    for (const kind of SLA_KINDS) {
      const target = targets[kind];
      if (target) out[kind] = target;
    }
    return Object.freeze(out);
  });

const oneOrManyMessage = "must be a non-empty string or a non-empty array of them";
const oneOrMany = z
  .union(
    [
      z.string().min(1, { error: oneOrManyMessage }),
      z
        .array(z.string().min(1, { error: oneOrManyMessage }), { error: oneOrManyMessage })
        .min(1, { error: oneOrManyMessage }),
    ],
    { error: oneOrManyMessage },
  )
  .nullish()
  .transform((value) =>
    value === null || value === undefined
      ? null
      : Object.freeze(typeof value === "string" ? [value] : [...value]),
  );

const predicate = z
  .custom<(ticket: SlaTicket) => boolean>((value) => typeof value === "function", {
    error: "must be a function (ticket) => boolean",
  })
  .nullish()
  .transform((value) => value ?? null);

/** Policies that went through the schema, so that a policy is checked only once. */
const validated = new WeakSet<object>();

const policyFields = z.strictObject(
  {
    name: z
      .string({ error: "must be a non-empty string" })
      .min(1, { error: "must be a non-empty string" }),
    id: z.union([z.string(), z.number()], { error: "must be a string or a number" }).nullish(),
    priority: oneOrMany,
    channel: oneOrMany,
    groupId: oneOrMany,
    matches: predicate,
    targets: targetsSchema.nullish(),
    targetsByPriority: z
      .record(z.string(), targetsSchema, { error: "must be an object of targets by priority" })
      .nullish(),
    description: z.string({ error: "must be a string" }).nullish(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `must have only name, id, priority, channel, groupId, matches, targets, targetsByPriority and description, got ${show(issue.keys[0])}`
        : "must be an object { name, targets or targetsByPriority, ... }",
  },
);

/**
 * The Zod schema of an SLA policy: unknown input → {@link SlaPolicy}. Use it to validate
 * policies read from a file; {@link slaPolicy} throws its first issue as an error instead.
 */
export const SlaPolicySchema: z.ZodType<SlaPolicy, unknown> = z
  .custom<SlaPolicy>((value) => typeof value === "object" && value !== null && validated.has(value))
  .or(
    policyFields.transform((input): SlaPolicy => {
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
    }),
  ) as z.ZodType<SlaPolicy, unknown>;

/** Turns the first Zod issue into an error in the library's grammar. */
function fail(fn: string, prefix: string, error: z.ZodError): never {
  // A union reports each branch; the policy branch (the last) says what is wrong.
  let issue = error.issues[0] as z.core.$ZodIssue;
  let path: PropertyKey[] = [...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branch = issue.errors[issue.errors.length - 1] as z.core.$ZodIssue[];
    if (branch[0]) {
      issue = branch[0];
      path = [...path, ...issue.path];
    }
  }
  let where = prefix;
  for (const key of path) {
    where += typeof key === "number" ? `[${key}]` : where === "" ? String(key) : `.${String(key)}`;
  }
  const range = issue.code === "too_small" || issue.code === "too_big";
  const got = issue.message.includes(", got ")
    ? ""
    : `, got ${show("input" in issue ? issue.input : undefined)}`;
  const message = `${fn}: ${where || "policy"} ${issue.message}${got}`;
  throw range ? new RangeError(message) : new TypeError(message);
}

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
  const parsed = SlaPolicySchema.safeParse(input, { reportInput: true });
  if (!parsed.success) fail("slaPolicy", "", parsed.error);
  return parsed.data;
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
    const parsed = SlaPolicySchema.safeParse(input, { reportInput: true });
    if (!parsed.success) fail(fn, `policies[${index}]`, parsed.error);
    const policy = parsed.data;
    if (names.has(policy.name)) {
      throw new TypeError(
        `${fn}: policies[${index}].name must be unique, got ${show(policy.name)}`,
      );
    }
    names.add(policy.name);
    return policy;
  });
  return Object.freeze(out);
}

function oneOf(allowed: readonly string[] | null, value: string | null | undefined): boolean {
  return allowed === null || (value != null && allowed.includes(value));
}

/**
 * Whether a ticket meets a policy's conditions: every condition given must hold (`priority`,
 * `channel` and `groupId` compare exactly; a ticket without the field meets no such
 * condition), and `matches` must return `true`.
 *
 * @example
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
    const policy = validated.has(candidate) ? (candidate as SlaPolicy) : slaPolicy(candidate);
    if (policyMatches(policy, ticket)) return policy;
  }
  return null;
}

/**
 * The targets a policy sets for a ticket: those for its priority in `targetsByPriority`,
 * else `targets`, else `null` (the policy applies but sets no target for this ticket).
 *
 * @example
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

// ---------------------------------------------------------------------------------------
// Zendesk

/** One condition of a Zendesk policy filter. */
export interface ZendeskCondition {
  field: string;
  operator: string;
  value?: unknown;
}

/** Something in a Zendesk policy that {@link policiesFromZendesk} could not carry over. */
export interface ZendeskUnsupported {
  /** The Zendesk policy's title. */
  policy: string;
  /** The Zendesk policy's id, when given. */
  id: string | number | null;
  /** A filter condition that cannot be evaluated, or a policy metric we have no target for. */
  item: "condition" | "metric";
  /** The condition or metric, in words: `type is "incident"`, `agent_work_time for urgent`. */
  text: string;
  /** Why. */
  reason: string;
}

/** Options for {@link policiesFromZendesk}. */
export interface ZendeskPolicyOptions {
  /**
   * Readers for Zendesk filter fields the library does not map itself, by Zendesk field name:
   * `{ type: (t) => t.category, via_id: (t) => (t.channel === "email" ? 4 : null) }`. A reader
   * returns the ticket's value (a string, a number, or an array of strings for tag-like
   * fields), or `null` when the ticket has none. A reader given for a mapped field replaces
   * the library's.
   */
  fields?: Record<string, (ticket: SlaTicket) => unknown>;
}

/** What {@link policiesFromZendesk} returns. */
export interface ZendeskPolicies {
  /** The policies, in Zendesk's `position` order. */
  policies: readonly SlaPolicy[];
  /**
   * Every filter condition and policy metric that could not be carried over. A policy with an
   * unsupported condition throws when a ticket reaches it during matching (so a report never
   * silently guesses whether it applies); an unsupported metric is simply not a target.
   */
  unsupported: ZendeskUnsupported[];
}

const ZENDESK_METRICS: Readonly<Record<string, SlaKind>> = {
  first_reply_time: "firstReply",
  next_reply_time: "nextReply",
  periodic_update_time: "periodicUpdate",
  total_resolution_time: "resolution",
  full_resolution_time: "resolution",
};

const ZENDESK_PRIORITIES = ["low", "normal", "high", "urgent"];
const ZENDESK_STATUSES: Readonly<Record<string, string>> = { onHold: "hold" };

const zendeskCondition = z.looseObject({
  field: z.string({ error: "must be a string" }),
  operator: z.string({ error: "must be a string" }),
  value: z.unknown(),
});
const zendeskMetric = z.looseObject({
  priority: z.string({ error: "must be a string" }),
  metric: z.string({ error: "must be a string" }),
  target: z.number({ error: "must be a number of minutes" }).nonnegative().nullish(),
  target_in_seconds: z.number({ error: "must be a number of seconds" }).nonnegative().nullish(),
  business_hours: z.boolean({ error: "must be a boolean" }),
});
const zendeskPolicy = z.looseObject({
  id: z.union([z.number(), z.string()], { error: "must be a number or a string" }).nullish(),
  title: z.string({ error: "must be a string" }).min(1, { error: "must be a non-empty string" }),
  description: z.string().nullish(),
  position: z.number({ error: "must be a number" }).nullish(),
  filter: z
    .looseObject({
      all: z.array(zendeskCondition).nullish(),
      any: z.array(zendeskCondition).nullish(),
    })
    .nullish(),
  policy_metrics: z.array(zendeskMetric).nullish(),
});
const zendeskResponse = z.union(
  [
    z.looseObject({
      sla_policies: z.array(zendeskPolicy, { error: "must be an array of policies" }),
    }),
    z.looseObject({ sla_policy: zendeskPolicy }),
    z.array(zendeskPolicy),
  ],
  { error: "must be a Zendesk SLA policies response ({ sla_policies: [...] })" },
);

type ZendeskPolicy = z.output<typeof zendeskPolicy>;
type Reader = (ticket: SlaTicket) => unknown;

const BUILT_IN_FIELDS: Readonly<Record<string, Reader>> = {
  priority: (ticket) => ticket.priority,
  group_id: (ticket) => ticket.groupId ?? null,
  assignee_id: (ticket) => ticket.assigneeId ?? null,
  status: (ticket) => ZENDESK_STATUSES[ticket.status] ?? ticket.status,
  current_tags: (ticket) => ticket.tags ?? [],
};

function describeCondition(condition: ZendeskCondition): string {
  const value =
    typeof condition.value === "string"
      ? JSON.stringify(condition.value)
      : JSON.stringify(condition.value ?? null);
  return `${condition.field} ${condition.operator.replaceAll("_", " ")} ${value}`;
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual === null || actual === undefined) return false;
  return String(actual) === String(expected);
}

/** Orders values for less_than / greater_than: Zendesk priorities by rank, else numbers. */
function rank(field: string, value: unknown): number | null {
  if (field === "priority") {
    const index = ZENDESK_PRIORITIES.indexOf(String(value));
    return index < 0 ? null : index;
  }
  const number = typeof value === "number" ? value : Number(value);
  return value === null || value === "" || !Number.isFinite(number) ? null : number;
}

/** A test of one condition, or why it cannot be evaluated. */
function conditionTest(
  condition: ZendeskCondition,
  readers: Readonly<Record<string, Reader>>,
): ((ticket: SlaTicket) => boolean) | string {
  const read = Object.hasOwn(readers, condition.field) ? readers[condition.field] : undefined;
  if (!read) {
    return `the field ${JSON.stringify(condition.field)} is not on our tickets; read it with the fields option`;
  }
  const { field, operator, value } = condition;
  switch (operator) {
    case "is":
      return (ticket) => sameValue(read(ticket), value);
    case "is_not":
      return (ticket) => !sameValue(read(ticket), value);
    case "less_than":
    case "greater_than":
    case "less_than_equal":
    case "greater_than_equal": {
      const limit = rank(field, value);
      if (limit === null) return `cannot order ${field} by ${JSON.stringify(value ?? null)}`;
      return (ticket) => {
        const actual = rank(field, read(ticket));
        if (actual === null) return false;
        if (operator === "less_than") return actual < limit;
        if (operator === "greater_than") return actual > limit;
        if (operator === "less_than_equal") return actual <= limit;
        return actual >= limit;
      };
    }
    case "includes":
    case "not_includes": {
      // Zendesk's tag conditions: "contains at least one of" / "contains none of" the
      // space-separated tags given.
      const wanted = String(value ?? "")
        .split(/\s+/)
        .filter((tag) => tag.length > 0);
      const any = (ticket: SlaTicket) => {
        const actual = read(ticket);
        const list = Array.isArray(actual)
          ? actual.map(String)
          : actual == null
            ? []
            : [String(actual)];
        return wanted.some((tag) => list.includes(tag));
      };
      return operator === "includes" ? any : (ticket) => !any(ticket);
    }
    default:
      return `the operator ${JSON.stringify(operator)} is not supported`;
  }
}

function zendeskPolicyToInput(
  source: ZendeskPolicy,
  index: number,
  readers: Readonly<Record<string, Reader>>,
  unsupported: ZendeskUnsupported[],
): SlaPolicyInput {
  const title = source.title;
  const id = source.id ?? null;
  const note = (item: ZendeskUnsupported["item"], text: string, reason: string) =>
    unsupported.push({ policy: title, id, item, text, reason });

  // The filter: every `all` condition, and at least one `any` condition when there are any.
  const all: ((ticket: SlaTicket) => boolean)[] = [];
  const any: ((ticket: SlaTicket) => boolean)[] = [];
  const cannot: string[] = [];
  for (const [list, out] of [
    [source.filter?.all ?? [], all],
    [source.filter?.any ?? [], any],
  ] as const) {
    for (const condition of list) {
      const test = conditionTest(condition, readers);
      if (typeof test === "string") {
        note("condition", describeCondition(condition), test);
        cannot.push(describeCondition(condition));
      } else {
        out.push(test);
      }
    }
  }
  let matches: ((ticket: SlaTicket) => boolean) | null = null;
  if (cannot.length > 0) {
    const message = `slaPolicy: policy ${JSON.stringify(title)} has Zendesk conditions that cannot be evaluated (${cannot.join(", ")}); read their fields with the fields option of policiesFromZendesk`;
    matches = () => {
      throw new TypeError(message);
    };
  } else if (all.length > 0 || any.length > 0) {
    matches = (ticket) =>
      all.every((test) => test(ticket)) && (any.length === 0 || any.some((test) => test(ticket)));
  }

  // The targets, by priority.
  const byPriority: Record<string, SlaTargetsInput> = {};
  (source.policy_metrics ?? []).forEach((metric, m) => {
    const kind = Object.hasOwn(ZENDESK_METRICS, metric.metric)
      ? ZENDESK_METRICS[metric.metric]
      : undefined;
    if (!kind) {
      note(
        "metric",
        `${metric.metric} for ${metric.priority}`,
        metric.metric === "pausable_update_time" ||
          metric.metric === "agent_work_time" ||
          metric.metric === "requester_wait_time"
          ? "targets that pause by status are not supported"
          : "not a metric the library evaluates",
      );
      return;
    }
    const seconds = metric.target_in_seconds ?? (metric.target == null ? null : metric.target * 60);
    const at = `policiesFromZendesk: sla_policies[${index}].policy_metrics[${m}]`;
    if (seconds === null || seconds <= 0) {
      throw new RangeError(
        `${at}.target must be a positive number of minutes, got ${show(metric.target)}`,
      );
    }
    const targets = Object.hasOwn(byPriority, metric.priority)
      ? (byPriority[metric.priority] as SlaTargetsInput)
      : {};
    byPriority[metric.priority] = targets;
    if (targets[kind]) {
      throw new TypeError(
        `${at} must not repeat a target, got ${metric.metric} twice for priority ${show(metric.priority)}`,
      );
    }
    targets[kind] = { seconds, businessHours: metric.business_hours };
  });

  return {
    name: title,
    id,
    matches,
    targetsByPriority: byPriority,
    ...(source.description == null ? {} : { description: source.description }),
  };
}

/**
 * Converts Zendesk's "List SLA Policies" response (`GET /api/v2/slas/policies`) into
 * policies, one per Zendesk policy, named by its title and ordered by `position`.
 *
 * - Targets: `first_reply_time` → `firstReply`, `next_reply_time` → `nextReply`,
 *   `periodic_update_time` → `periodicUpdate`, `total_resolution_time` (and
 *   `full_resolution_time`) → `resolution`, per priority, with `business_hours` as the clock
 *   and `target_in_seconds` (or `target` minutes × 60) as the duration. Targets that pause by
 *   status (`pausable_update_time`, `agent_work_time`, `requester_wait_time`) are listed in
 *   `unsupported`.
 * - Filter: `all` conditions must all hold and, when there are `any` conditions, one of
 *   them. The fields `priority`, `group_id`, `assignee_id`, `status` and `current_tags` are
 *   read from our tickets; any other field (`type`, `via_id`, `organization_id`...) needs a
 *   reader in `options.fields`. Operators: `is`, `is_not`, `less_than`, `greater_than`,
 *   `less_than_equal`, `greater_than_equal` (priorities by rank low < normal < high <
 *   urgent, else numbers), `includes` and `not_includes` (space-separated tags, any of them).
 *   A condition that cannot be evaluated is listed in `unsupported`, and its policy throws
 *   when matching reaches it, rather than guessing.
 *
 * @param json - The parsed response: `{ sla_policies: [...] }`, `{ sla_policy: {...} }` or an
 *   array of policies.
 * @param options - See {@link ZendeskPolicyOptions}.
 * @returns `{ policies, unsupported }`; see {@link ZendeskPolicies}.
 * @throws TypeError when the response does not have Zendesk's shape.
 *
 * @example
 * const { policies, unsupported } = policiesFromZendesk({ sla_policies: [{
 *   id: 1, title: "Urgent first", position: 1,
 *   filter: { all: [{ field: "priority", operator: "is", value: "urgent" }], any: [] },
 *   policy_metrics: [{ priority: "urgent", metric: "first_reply_time", target: 10, business_hours: false }],
 * }] });
 * [policies[0].name, policies[0].targetsByPriority.urgent.firstReply.seconds, unsupported.length]
 * //=> ["Urgent first", 600, 0]
 */
export function policiesFromZendesk(
  json: unknown,
  options: ZendeskPolicyOptions = {},
): ZendeskPolicies {
  const fn = "policiesFromZendesk";
  const fields = options.fields ?? {};
  if (typeof fields !== "object" || fields === null) {
    throw new TypeError(
      `${fn}: fields must be an object of readers by field name, got ${show(fields)}`,
    );
  }
  for (const [name, reader] of Object.entries(fields)) {
    if (typeof reader !== "function") {
      throw new TypeError(
        `${fn}: fields.${name} must be a function (ticket) => value, got ${show(reader)}`,
      );
    }
  }
  const parsed = zendeskResponse.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    // Report the branch that reads `sla_policies`, the documented response, unless the
    // response is not even an object.
    const first = issue.code === "invalid_union" ? issue.errors[0]?.[0] : undefined;
    const inner = first && first.path.length > 0 ? first : issue;
    const path = inner === issue ? issue.path : [...issue.path, ...inner.path];
    const where = path
      .map((key, i) =>
        typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
      )
      .join("");
    const got = show("input" in inner ? inner.input : undefined);
    throw new TypeError(`${fn}: ${where || "response"} ${inner.message}, got ${got}`);
  }
  const data = parsed.data;
  const list = Array.isArray(data)
    ? data
    : "sla_policies" in data
      ? (data.sla_policies as ZendeskPolicy[])
      : [data.sla_policy as ZendeskPolicy];
  const readers: Record<string, Reader> = { ...BUILT_IN_FIELDS };
  for (const [name, reader] of Object.entries(fields)) readers[name] = reader;

  const unsupported: ZendeskUnsupported[] = [];
  const inputs = list
    .map((source, index) => ({ source, index }))
    .sort(
      (a, b) =>
        (a.source.position ?? Number.POSITIVE_INFINITY) -
          (b.source.position ?? Number.POSITIVE_INFINITY) || a.index - b.index,
    )
    .map(({ source, index }) => zendeskPolicyToInput(source, index, readers, unsupported));
  return { policies: slaPolicies(inputs, fn), unsupported };
}
