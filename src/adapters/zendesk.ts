/**
 * Zendesk Support: tickets, ticket metrics, ticket metric events and (legacy) satisfaction
 * ratings to our raw records. SLA policies and schedules have converters of their own
 * (zendeskPolicies.ts, zendeskSchedules.ts). Definitions: docs/definitions.md, "Helpdesk
 * adapters".
 *
 * Long (about 550 lines) because Zendesk spreads one ticket over four sources that are joined
 * here (tickets, ticket metrics, metric events, satisfaction ratings) and share the readers of
 * ids, times and repeated records.
 */
import { show } from "../reduce/arguments.ts";
import type { SurveyResponseInput } from "../schemas/survey.ts";
import type { TicketInput, TicketStatus } from "../schemas/ticket.ts";
import {
  type Adapted,
  adaptEach,
  isObject,
  keyOf,
  listOf,
  lookup,
  msOf,
  own,
  pass,
  path,
  plusSeconds,
  type Skipped,
  skip,
  tagsOf,
} from "./common.ts";
import { zendeskAuditAssignments } from "./zendeskAudits.ts";

const STATUSES: ReadonlyMap<string, TicketStatus> = new Map([
  ["new", "new"],
  ["open", "open"],
  ["pending", "pending"],
  ["hold", "onHold"],
  ["solved", "solved"],
  ["closed", "closed"],
]);

/** Options for {@link zendeskTickets}. */
export interface ZendeskTicketsOptions {
  /**
   * Ticket metrics (`GET /api/v2/ticket_metrics`, or the `metric_sets` sideload): the
   * response, an array, or one metric. Joined to tickets by `ticket_id`; a metric whose ticket
   * is not among the tickets is skipped as `noTicket`.
   */
  metrics?: unknown;
  /**
   * Ticket metric events (`GET /api/v2/incremental/ticket_metric_events`): the response or an
   * array. They fill only the fields the metrics left empty; see {@link zendeskMetricEvents}.
   */
  metricEvents?: unknown;
  /**
   * Ticket audits (`GET /api/v2/ticket_audits` or each ticket's `/audits`): the response or
   * an array. Their `assignee_id` changes become each ticket's `assignments` (see
   * {@link zendeskAuditAssignments}); a ticket none of whose audits is given keeps an unknown
   * history. An audit whose ticket is not given is skipped as `noTicket`.
   */
  audits?: unknown;
}

/** The ticket fields read from one ticket metric record. */
interface MetricFields {
  /** `null`: no reply (`replies` is 0); `undefined`: unknown (no reply count or reply time). */
  firstResponseAt: string | null | undefined;
  firstResolvedAt: string | null;
  lastResolvedAt: string | null;
  reopenCount: number | null;
  agentReplyCount: number | null;
}

/** Calendar minutes of a Zendesk `{ calendar, business }` duration, as seconds. */
function calendarSeconds(value: unknown): number | null {
  const minutes = own(value, "calendar");
  return typeof minutes === "number" && Number.isFinite(minutes) ? minutes * 60 : null;
}

function countOf(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

/**
 * Reads one ticket metric record, timed from `createdAt` (the ticket's creation):
 * - `firstResponseAt` = creation + `reply_time_in_seconds.calendar` (or
 *   `reply_time_in_minutes.calendar` × 60); none when `replies` is 0;
 * - `lastResolvedAt` = `solved_at` (or creation + `full_resolution_time_in_minutes.calendar`);
 * - `firstResolvedAt` = `solved_at` when `reopens` is 0, else creation +
 *   `first_resolution_time_in_minutes.calendar` (whole minutes), never after the last;
 * - `reopenCount` = `reopens`, `agentReplyCount` = `replies`.
 */
function metricFields(metric: unknown, createdAt: unknown): MetricFields {
  const replies = countOf(own(metric, "replies"));
  const reopens = countOf(own(metric, "reopens"));
  const replySeconds =
    path(metric, "reply_time_in_seconds", "calendar") ??
    calendarSeconds(own(metric, "reply_time_in_minutes"));
  const firstResponseAt =
    replies === 0 ? null : (plusSeconds(createdAt, replySeconds) ?? undefined);
  const solvedAt = own(metric, "solved_at");
  const lastResolvedAt =
    typeof solvedAt === "string" && solvedAt !== ""
      ? solvedAt
      : plusSeconds(createdAt, calendarSeconds(own(metric, "full_resolution_time_in_minutes")));
  let firstResolvedAt =
    reopens === 0 && lastResolvedAt !== null
      ? lastResolvedAt
      : plusSeconds(createdAt, calendarSeconds(own(metric, "first_resolution_time_in_minutes")));
  // First resolution times are whole minutes: a reopened ticket solved again within the
  // minute must not look solved for the first time after its last solve.
  const first = msOf(firstResolvedAt);
  const last = msOf(lastResolvedAt);
  if (first !== null && last !== null && first > last) firstResolvedAt = lastResolvedAt;
  return {
    firstResponseAt,
    firstResolvedAt: firstResolvedAt ?? lastResolvedAt,
    lastResolvedAt,
    reopenCount: pass(own(metric, "reopens")),
    agentReplyCount: pass(own(metric, "replies")),
  };
}

function ticketFields(ticket: unknown): TicketInput {
  const status = own(ticket, "status");
  return {
    id: pass(own(ticket, "id")),
    createdAt: pass(own(ticket, "created_at")),
    channel: pass(path(ticket, "via", "channel")),
    priority: pass(own(ticket, "priority")),
    status: pass(lookup(STATUSES, status) ?? status),
    assigneeId: pass(own(ticket, "assignee_id")),
    groupId: pass(own(ticket, "group_id")),
    customerId: pass(own(ticket, "requester_id")),
    // firstResponseAt is left out: not given until a metric or an event says (unknown ≠ none).
    firstResolvedAt: null,
    lastResolvedAt: null,
    reopenCount: null,
    agentReplyCount: null,
    tags: tagsOf(own(ticket, "tags")),
    category: pass(own(ticket, "type")),
  };
}

/** Fills the fields of `ticket` still empty from `fields`. */
function fill(ticket: TicketInput, fields: Partial<MetricFields>): void {
  // A reply time wins over "no reply" and over not given; "no reply" (null) wins over not given.
  if (ticket.firstResponseAt === undefined || ticket.firstResponseAt === null) {
    if (fields.firstResponseAt !== undefined && fields.firstResponseAt !== ticket.firstResponseAt) {
      ticket.firstResponseAt = fields.firstResponseAt;
    }
  }
  ticket.firstResolvedAt ??= fields.firstResolvedAt ?? null;
  ticket.lastResolvedAt ??= fields.lastResolvedAt ?? null;
  ticket.reopenCount ??= fields.reopenCount ?? null;
  ticket.agentReplyCount ??= fields.agentReplyCount ?? null;
}

interface Keyed {
  index: number;
  value: unknown;
}

/** Indexes records by a key field; records without one or repeating one are skipped. */
function byKey(
  list: readonly unknown[],
  source: string,
  field: string,
  what: string,
  skipped: Skipped[],
): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  list.forEach((value, index) => {
    if (!isObject(value)) {
      skipped.push(skip(source, index, null, "notAnObject", `${what} is not an object`));
      return;
    }
    const key = keyOf(own(value, field));
    if (key === null) {
      skipped.push(skip(source, index, own(value, "id"), "noTicketId", `${what} has no ${field}`));
    } else if (out.has(key)) {
      skipped.push(
        skip(
          source,
          index,
          own(value, "id"),
          "duplicate",
          `${what} repeats ${field} ${key}; the first one was used`,
        ),
      );
    } else {
      out.set(key, { index, value });
    }
  });
  return out;
}

/**
 * Zendesk tickets (`GET /api/v2/tickets`, the incremental export, or one ticket) to raw
 * tickets, joined with their ticket metrics and metric events by ticket id.
 *
 * Ticket fields: `status` (`hold` → `onHold`; `deleted` tickets are skipped), `priority`,
 * `via.channel` → `channel`, `assignee_id`, `group_id`, `requester_id` → `customerId`,
 * `tags`, `type` → `category`. From the metric: first reply, first and last resolution,
 * reopens and replies (see docs/definitions.md, "Helpdesk adapters"). From the audits, when
 * given: the assignment history. Metrics and events
 * whose ticket is not given are skipped as `noTicket`; nothing is dropped silently.
 *
 * @param tickets - The tickets response, an array of tickets, or `{ ticket: {...} }`.
 * @param options - Metrics and metric events to join; see {@link ZendeskTicketsOptions}.
 * @returns Raw tickets for `validateTickets`, where each came from, and what was skipped.
 *
 * @example
 * const { records, skipped } = zendeskTickets(
 *   { tickets: [{ id: 7, created_at: "2024-03-01T09:00:00Z", status: "hold", via: { channel: "email" } }] },
 *   { metrics: [
 *     { ticket_id: 7, replies: 1, reopens: 0, reply_time_in_seconds: { calendar: 960 }, solved_at: null },
 *     { ticket_id: 8, replies: 0 },
 *   ] },
 * );
 * [records[0].status, records[0].channel, records[0].firstResponseAt, skipped[0].reason]
 * //=> ["onHold", "email", "2024-03-01T09:16:00.000Z", "noTicket"]
 */
export function zendeskTickets(
  tickets: unknown,
  options: ZendeskTicketsOptions = {},
): Adapted<TicketInput> {
  const list = listOf(tickets, "zendeskTickets", ["tickets", "results"], ["ticket"]);
  const skipped: Skipped[] = [];
  const metrics =
    options.metrics === undefined
      ? new Map<string, Keyed>()
      : byKey(
          listOf(
            options.metrics,
            "zendeskTickets",
            ["ticket_metrics", "metric_sets"],
            ["ticket_metric"],
            "ticket_id",
          ),
          "ticket_metrics",
          "ticket_id",
          "ticket metric",
          skipped,
        );
  const events =
    options.metricEvents === undefined
      ? { records: [], sources: [], skipped: [] }
      : zendeskMetricEvents(options.metricEvents);
  const eventsByTicket = new Map<string, ZendeskEventSummary>();
  events.records.forEach((summary) => {
    eventsByTicket.set(summary.ticketId, summary);
  });
  const audits = options.audits === undefined ? undefined : zendeskAuditAssignments(options.audits);
  const usedTickets = new Map<string, "used" | "skipped">();

  const adapted = adaptEach(
    list,
    "tickets",
    "ticket",
    (item, skipAs) => {
      const key = keyOf(own(item, "id"));
      if (key !== null && usedTickets.has(key)) {
        return skipAs(key, "duplicate", `ticket ${key} repeats; the first one was used`);
      }
      if (own(item, "status") === "deleted") {
        if (key !== null) usedTickets.set(key, "skipped");
        return skipAs(key, "deleted", "ticket is deleted");
      }
      if (key !== null) usedTickets.set(key, "used");
      const ticket = ticketFields(item);
      const metric = key === null ? undefined : metrics.get(key);
      if (metric) fill(ticket, metricFields(metric.value, own(item, "created_at")));
      const summary = key === null ? undefined : eventsByTicket.get(key);
      if (summary) fill(ticket, summary);
      const history = key === null ? undefined : audits?.byTicket.get(key);
      if (history) ticket.assignments = history;
      return ticket;
    },
    skipped,
  );

  for (const [key, metric] of metrics) {
    const state = usedTickets.get(key);
    if (state === "used") continue;
    skipped.push(
      skip(
        "ticket_metrics",
        metric.index,
        own(metric.value, "id"),
        state === "skipped" ? "ticketSkipped" : "noTicket",
        state === "skipped"
          ? `ticket metric for ticket ${key}, which was skipped`
          : `ticket metric for ticket ${key}, which is not among the tickets given`,
      ),
    );
  }
  skipped.push(...events.skipped);
  if (audits) {
    skipped.push(...audits.skipped);
    for (const [key, indexes] of audits.auditIndexes) {
      const state = usedTickets.get(key);
      if (state === "used") continue;
      for (const index of indexes) {
        skipped.push(
          skip(
            "audits",
            index,
            null,
            state === "skipped" ? "ticketSkipped" : "noTicket",
            `audit of ticket ${key}, which ${state === "skipped" ? "was skipped" : "is not among the tickets given"}`,
          ),
        );
      }
    }
  }
  events.records.forEach((summary) => {
    const state = usedTickets.get(summary.ticketId);
    if (state === "used") return;
    for (const index of summary.eventIndexes) {
      skipped.push(
        skip(
          "ticket_metric_events",
          index,
          null,
          state === "skipped" ? "ticketSkipped" : "noTicket",
          `metric event for ticket ${summary.ticketId}, which ${state === "skipped" ? "was skipped" : "is not among the tickets given"}`,
        ),
      );
    }
  });
  return adapted;
}

/**
 * Raw tickets from ticket metrics alone (no ticket records): `ticket_id` → `id`, the metric's
 * `created_at` → `createdAt`, and the metric fields as in {@link zendeskTickets}. Status,
 * channel, priority and people are unknown. Useful when only the metrics export is at hand.
 *
 * @example
 * const { records } = zendeskTicketsFromMetrics({ ticket_metrics: [
 *   { ticket_id: 3, created_at: "2024-03-01T09:00:00Z", replies: 2, reopens: 1,
 *     reply_time_in_minutes: { calendar: 30 }, first_resolution_time_in_minutes: { calendar: 60 },
 *     solved_at: "2024-03-02T09:00:00Z" },
 * ] });
 * [records[0].firstResponseAt, records[0].firstResolvedAt, records[0].lastResolvedAt]
 * //=> ["2024-03-01T09:30:00.000Z", "2024-03-01T10:00:00.000Z", "2024-03-02T09:00:00Z"]
 */
export function zendeskTicketsFromMetrics(metrics: unknown): Adapted<TicketInput> {
  const list = listOf(
    metrics,
    "zendeskTicketsFromMetrics",
    ["ticket_metrics", "metric_sets"],
    ["ticket_metric"],
    "ticket_id",
  );
  const skipped: Skipped[] = [];
  const byTicket = byKey(list, "ticket_metrics", "ticket_id", "ticket metric", skipped);
  const records: TicketInput[] = [];
  const sources: number[] = [];
  for (const { index, value } of byTicket.values()) {
    const createdAt = own(value, "created_at");
    const ticket: TicketInput = {
      id: pass(own(value, "ticket_id")),
      createdAt: pass(createdAt),
      firstResolvedAt: null,
      lastResolvedAt: null,
      reopenCount: null,
      agentReplyCount: null,
    };
    fill(ticket, metricFields(value, createdAt));
    records.push(ticket);
    sources.push(index);
  }
  return { records, sources, skipped };
}

/** An SLA breach recorded by a `breach` metric event. */
export interface ZendeskBreach {
  /** The Zendesk metric: `reply_time`, `requester_wait_time`, `periodic_update_time`... */
  metric: string;
  /** Which instance of the metric (reply_time 1 is the first reply, 2+ the next replies). */
  instanceId: number | null;
  /** When the target was breached. */
  at: string;
}

/** What the metric events of one ticket say. */
export interface ZendeskEventSummary {
  ticketId: string;
  /** The first `fulfill` of `reply_time` instance 1: the first public agent reply. */
  firstResponseAt: string | null;
  /** The first `fulfill` of `requester_wait_time`: the ticket's first solve. */
  firstResolvedAt: string | null;
  /** The last `fulfill` of `requester_wait_time`: the ticket's latest solve. */
  lastResolvedAt: string | null;
  /** `activate` events of `requester_wait_time` that follow a fulfil: reopens after a solve. */
  reopenCount: number;
  /** The policy of the latest `apply_sla` event, when there was one. */
  slaPolicy: { id: string | number | null; title: string | null } | null;
  /** Breaches (`breach` events not marked `deleted`), in time order. */
  breaches: ZendeskBreach[];
  /** Indexes of the events read for this ticket. */
  eventIndexes: number[];
}

/**
 * Reconstructs what it can from Zendesk ticket metric events, per ticket: the first reply
 * (`reply_time` instance 1 `fulfill`), every solve (`requester_wait_time` `fulfill`, which
 * a solve triggers) and reopen (its `activate` after a fulfil), the applied SLA policy
 * (`apply_sla`) and the SLA breaches (`breach`). Other events (`pause`, `measure`,
 * `update_status`, `apply_group_sla`, later reply instances, the other metrics) cannot
 * become ticket fields and are listed in `skipped` as `notReconstructed`.
 *
 * @example
 * const { records, skipped } = zendeskMetricEvents({ ticket_metric_events: [
 *   { id: 1, ticket_id: 5, metric: "reply_time", instance_id: 1, type: "fulfill", time: "2024-03-01T09:20:00Z" },
 *   { id: 2, ticket_id: 5, metric: "requester_wait_time", instance_id: 1, type: "fulfill", time: "2024-03-01T10:00:00Z" },
 *   { id: 3, ticket_id: 5, metric: "requester_wait_time", instance_id: 1, type: "activate", time: "2024-03-02T08:00:00Z" },
 *   { id: 4, ticket_id: 5, metric: "requester_wait_time", instance_id: 1, type: "fulfill", time: "2024-03-02T09:00:00Z" },
 *   { id: 5, ticket_id: 5, metric: "agent_work_time", instance_id: 0, type: "measure", time: "2024-03-01T09:00:00Z" },
 * ] });
 * [records[0].firstResponseAt, records[0].lastResolvedAt, records[0].reopenCount, skipped[0].reason]
 * //=> ["2024-03-01T09:20:00Z", "2024-03-02T09:00:00Z", 1, "notReconstructed"]
 */
export function zendeskMetricEvents(events: unknown): Adapted<ZendeskEventSummary> {
  const list = listOf(
    events,
    "zendeskMetricEvents",
    ["ticket_metric_events"],
    ["ticket_metric_event"],
  );
  const skipped: Skipped[] = [];
  const byTicket = new Map<string, { index: number; event: Record<string, unknown> }[]>();
  list.forEach((event, index) => {
    if (!isObject(event)) {
      skipped.push(
        skip("ticket_metric_events", index, null, "notAnObject", "metric event is not an object"),
      );
      return;
    }
    const key = keyOf(own(event, "ticket_id"));
    const at = own(event, "time");
    if (key === null || msOf(at) === null) {
      skipped.push(
        skip(
          "ticket_metric_events",
          index,
          own(event, "id"),
          key === null ? "noTicketId" : "badTime",
          key === null ? "metric event has no ticket_id" : "metric event has no readable time",
        ),
      );
      return;
    }
    const group = byTicket.get(key) ?? [];
    group.push({ index, event });
    byTicket.set(key, group);
  });

  const records: ZendeskEventSummary[] = [];
  const sources: number[] = [];
  for (const [ticketId, group] of byTicket) {
    // Time order; events at the same instant keep their id (creation) order.
    group.sort(
      (a, b) =>
        (msOf(own(a.event, "time")) as number) - (msOf(own(b.event, "time")) as number) ||
        Number(own(a.event, "id") ?? 0) - Number(own(b.event, "id") ?? 0) ||
        a.index - b.index,
    );
    const summary: ZendeskEventSummary = {
      ticketId,
      firstResponseAt: null,
      firstResolvedAt: null,
      lastResolvedAt: null,
      reopenCount: 0,
      slaPolicy: null,
      breaches: [],
      eventIndexes: [],
    };
    let solved = false;
    for (const { index, event } of group) {
      const metric = own(event, "metric");
      const type = own(event, "type");
      const time = own(event, "time") as string;
      const instance = own(event, "instance_id");
      let used = true;
      if (metric === "reply_time" && type === "fulfill" && instance === 1) {
        summary.firstResponseAt ??= time;
      } else if (metric === "requester_wait_time" && type === "fulfill") {
        summary.firstResolvedAt ??= time;
        summary.lastResolvedAt = time;
        solved = true;
      } else if (metric === "requester_wait_time" && type === "activate") {
        if (solved) summary.reopenCount++;
        solved = false;
      } else if (type === "apply_sla") {
        const policy = path(event, "sla", "policy");
        summary.slaPolicy = {
          id: (keyOf(own(policy, "id")) === null ? null : own(policy, "id")) as string | number,
          title: typeof own(policy, "title") === "string" ? (own(policy, "title") as string) : null,
        };
      } else if (type === "breach") {
        if (own(event, "deleted") !== true) {
          summary.breaches.push({
            metric: String(metric),
            instanceId: typeof instance === "number" ? instance : null,
            at: time,
          });
        } else {
          used = false;
        }
      } else {
        used = false;
      }
      if (used) {
        summary.eventIndexes.push(index);
      } else {
        skipped.push(
          skip(
            "ticket_metric_events",
            index,
            own(event, "id"),
            "notReconstructed",
            `${String(type)} event of ${String(metric)} does not become a ticket field`,
          ),
        );
      }
    }
    records.push(summary);
    sources.push(group[0]?.index ?? 0);
  }
  return { records, sources, skipped };
}

/**
 * Zendesk (legacy) satisfaction ratings to survey responses on the binary CSAT scale
 * `{ min: 0, max: 1 }`: `good` → 1, `bad` → 0, answered at `updated_at` (the rating's
 * latest change) and sent at `created_at`; `offered` → a survey sent and not answered.
 * `unoffered` ratings (no survey was sent) are skipped, as are unknown scores.
 *
 * @example
 * const { records, skipped } = zendeskSatisfactionRatings({ satisfaction_ratings: [
 *   { id: 1, ticket_id: 9, score: "good", created_at: "2024-03-01T09:00:00Z", updated_at: "2024-03-01T10:00:00Z" },
 *   { id: 2, ticket_id: 10, score: "unoffered", created_at: "2024-03-01T09:00:00Z" },
 * ] });
 * [records[0].score, records[0].scale, skipped[0].reason]
 * //=> [1, { min: 0, max: 1 }, "unoffered"]
 */
export function zendeskSatisfactionRatings(ratings: unknown): Adapted<SurveyResponseInput> {
  const list = listOf(
    ratings,
    "zendeskSatisfactionRatings",
    ["satisfaction_ratings"],
    ["satisfaction_rating"],
  );
  return adaptEach(list, "satisfaction_ratings", "rating", (rating, skipAs) => {
    const score = own(rating, "score");
    const id = own(rating, "id");
    if (score === "unoffered") {
      return skipAs(id, "unoffered", "no survey was offered (unoffered)");
    }
    const value = score === "good" ? 1 : score === "bad" ? 0 : score === "offered" ? null : NaN;
    if (Number.isNaN(value)) {
      return skipAs(
        id,
        "unknownScore",
        `score must be good, bad, offered or unoffered, got ${show(score)}`,
      );
    }
    const created = own(rating, "created_at");
    const updated = own(rating, "updated_at");
    return {
      id: pass(id),
      kind: "csat",
      score: value,
      scale: { min: 0, max: 1 },
      sentAt: pass(created),
      respondedAt: value === null ? null : pass(updated ?? created),
      ticketId: pass(own(rating, "ticket_id")),
      customerId: pass(own(rating, "requester_id")),
      agentId: pass(own(rating, "assignee_id")),
    };
  });
}
