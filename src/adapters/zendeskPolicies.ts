/**
 * Zendesk SLA policies (`GET /api/v2/slas/policies`) to our {@link SlaPolicy} list: targets
 * per priority from the policy metrics, and the filter's conditions as a `matches`
 * predicate, with everything that cannot be carried over listed rather than dropped.
 * Definition: docs/business-hours.md, "Zendesk policies".
 */
import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import {
  type SlaKind,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTargetsInput,
  type SlaTicket,
  slaPolicies,
} from "../sla/policy.ts";
import { type ErrorSite, parseOrThrow } from "../time/issueError.ts";

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
  target: z.nullish(z.number({ error: "must be a number of minutes" }).check(z.nonnegative())),
  target_in_seconds: z.nullish(
    z.number({ error: "must be a number of seconds" }).check(z.nonnegative()),
  ),
  business_hours: z.boolean({ error: "must be a boolean" }),
});
const zendeskPolicy = z.looseObject({
  id: z.nullish(z.union([z.number(), z.string()], { error: "must be a number or a string" })),
  title: z
    .string({ error: "must be a string" })
    .check(z.minLength(1, { error: "must be a non-empty string" })),
  description: z.nullish(z.string()),
  position: z.nullish(z.number({ error: "must be a number" })),
  filter: z.nullish(
    z.looseObject({
      all: z.nullish(z.array(zendeskCondition)),
      any: z.nullish(z.array(zendeskCondition)),
    }),
  ),
  policy_metrics: z.nullish(z.array(zendeskMetric)),
});
const RESPONSE = "must be a Zendesk SLA policies response ({ sla_policies: [...] })";
const listResponse = z.looseObject(
  { sla_policies: z.array(zendeskPolicy, { error: "must be an array of policies" }) },
  { error: RESPONSE },
);
const singleResponse = z.looseObject({ sla_policy: zendeskPolicy }, { error: RESPONSE });
const bareList = z.array(zendeskPolicy, { error: RESPONSE });

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
 * The policies of a response: `{ sla_policies: [...] }` (the documented one, and what
 * anything else is read as), `{ sla_policy: {...} }` or a bare array.
 */
function policyList(json: unknown, site: ErrorSite): ZendeskPolicy[] {
  if (Array.isArray(json)) return parseOrThrow(bareList, json, site);
  const single =
    typeof json === "object" && json !== null && !("sla_policies" in json) && "sla_policy" in json;
  if (single) return [parseOrThrow(singleResponse, json, site).sla_policy];
  return parseOrThrow(listResponse, json, site).sla_policies;
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
 * @throws TypeError (or RangeError for a value out of range) when the response does not
 *   have Zendesk's shape.
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
  const list = policyList(json, { fn, root: "response" });
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
