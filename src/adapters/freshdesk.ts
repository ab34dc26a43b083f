/**
 * Freshdesk: tickets (with `include=stats`) and satisfaction ratings to our raw records.
 * Definitions: docs/definitions.md, "Helpdesk adapters".
 */

import { show } from "../reduce/arguments.ts";
import type { SurveyResponseInput } from "../schemas/survey.ts";
import { TICKET_STATUSES, type TicketInput, type TicketStatus } from "../schemas/ticket.ts";
import {
  type Adapted,
  adaptEach,
  isObject,
  listOf,
  lookup,
  own,
  pass,
  path,
  tagsOf,
} from "./common.ts";

/** Freshdesk's built-in status codes. Custom statuses (6 and up) need the `statuses` option. */
export const FRESHDESK_STATUSES: ReadonlyMap<string, TicketStatus> = new Map([
  ["2", "open"],
  ["3", "pending"],
  ["4", "solved"],
  ["5", "closed"],
]);

/** Freshdesk's priority codes. */
export const FRESHDESK_PRIORITIES: ReadonlyMap<string, string> = new Map([
  ["1", "low"],
  ["2", "medium"],
  ["3", "high"],
  ["4", "urgent"],
]);

/** Freshdesk's source codes, as channel names. An unknown code becomes `source-<code>`. */
export const FRESHDESK_SOURCES: ReadonlyMap<string, string> = new Map([
  ["1", "email"],
  ["2", "portal"],
  ["3", "phone"],
  ["4", "forum"],
  ["5", "twitter"],
  ["6", "facebook"],
  ["7", "chat"],
  ["8", "mobihelp"],
  ["9", "feedback_widget"],
  ["10", "outbound_email"],
]);

/**
 * Freshdesk's satisfaction answers (`ratings.default_question`) on its 7-point scale,
 * mapped in rank order onto our 1–7 scale. Surveys with fewer points use a subset of these
 * codes, so their answers keep their rank here.
 */
export const FRESHDESK_RATINGS: ReadonlyMap<string, number> = new Map([
  ["-103", 1], // extremely unhappy
  ["-102", 2], // very unhappy
  ["-101", 3], // unhappy
  ["100", 4], // neutral
  ["101", 5], // happy
  ["102", 6], // very happy
  ["103", 7], // extremely happy
]);

/** Options for {@link freshdeskTickets}. */
export interface FreshdeskTicketsOptions {
  /**
   * Statuses by code, added to (or replacing) the built-in ones: your account's custom
   * statuses, e.g. `{ 6: "pending", 7: "onHold" }` for "Waiting on Customer" and "Waiting on
   * Third Party". A code without a status is passed on and rejected by validation.
   */
  statuses?: Record<number, TicketStatus>;
}

function statusTable(options: FreshdeskTicketsOptions): ReadonlyMap<string, TicketStatus> {
  if (options.statuses === undefined) return FRESHDESK_STATUSES;
  if (!isObject(options.statuses)) {
    throw new TypeError(
      `freshdeskTickets: statuses must be an object { code: status }, got ${show(options.statuses)}`,
    );
  }
  const table = new Map(FRESHDESK_STATUSES);
  for (const [code, status] of Object.entries(options.statuses)) {
    if (!(TICKET_STATUSES as readonly unknown[]).includes(status)) {
      throw new RangeError(
        `freshdeskTickets: statuses[${code}] must be one of ${TICKET_STATUSES.join(", ")}, got ${show(status)}`,
      );
    }
    table.set(code, status);
  }
  return table;
}

/** `is_escalated` or `fr_escalated`: true if either is, unknown (`null`) if neither is given. */
function escalationOf(ticket: unknown): boolean | null {
  const flags = [own(ticket, "is_escalated"), own(ticket, "fr_escalated")];
  if (flags.includes(true)) return true;
  return flags.includes(false) ? false : null;
}

/**
 * Freshdesk tickets (`GET /api/v2/tickets?include=stats`, or one ticket) to raw tickets.
 *
 * - `status` 2 open, 3 pending, 4 resolved (our `solved`), 5 closed; custom codes through
 *   `options.statuses`. `priority` 1–4 → low, medium, high, urgent. `source` → channel
 *   (1 email, 2 portal, 3 phone, 7 chat, 9 feedback_widget, 10 outbound_email...).
 * - `responder_id` → `assigneeId`, `group_id`, `requester_id` → `customerId`, `tags`,
 *   `type` → `category`, `is_escalated` or `fr_escalated` → `escalated` (`null`, unknown,
 *   when neither is given).
 * - `stats.first_responded_at` → `firstResponseAt`, `stats.resolved_at` →
 *   `lastResolvedAt` (and `firstResolvedAt` unless the ticket was reopened: Freshdesk keeps
 *   only the latest resolution), `stats.closed_at` → `closedAt`, `stats.reopened_at` set →
 *   `reopenCount` 1 (at least once; Freshdesk keeps only the latest reopening). Without
 *   `stats`, `firstResponseAt` is left out and `reopenCount` is `null`: unknown, kept unknown
 *   by validation (never 0, never "unanswered").
 * - Tickets marked `spam` or `deleted` are skipped.
 *
 * @example
 * const { records } = freshdeskTickets([{
 *   id: 20, created_at: "2015-08-24T11:56:51Z", status: 4, priority: 2, source: 3,
 *   stats: { first_responded_at: "2015-08-24T12:30:00Z", resolved_at: "2015-08-25T09:00:00Z" },
 * }]);
 * [records[0].status, records[0].priority, records[0].channel, records[0].firstResolvedAt]
 * //=> ["solved", "medium", "phone", "2015-08-25T09:00:00Z"]
 */
export function freshdeskTickets(
  tickets: unknown,
  options: FreshdeskTicketsOptions = {},
): Adapted<TicketInput> {
  const statuses = statusTable(options);
  const list = listOf(tickets, "freshdeskTickets", ["tickets", "results"], ["ticket"]);
  return adaptEach(list, "tickets", "ticket", (ticket, skipAs) => {
    const id = own(ticket, "id");
    if (own(ticket, "spam") === true || own(ticket, "deleted") === true) {
      const reason = own(ticket, "spam") === true ? "spam" : "deleted";
      return skipAs(id, reason, `ticket is marked ${reason}`);
    }
    const status = own(ticket, "status");
    const priority = own(ticket, "priority");
    const source = own(ticket, "source");
    const stats = own(ticket, "stats");
    const resolvedAt = own(stats, "resolved_at") ?? null;
    const reopenedAt = own(stats, "reopened_at") ?? null;
    return {
      id: pass(id),
      createdAt: pass(own(ticket, "created_at")),
      channel:
        source === undefined || source === null
          ? null
          : (lookup(FRESHDESK_SOURCES, source) ??
            (typeof source === "number" ? `source-${source}` : pass(source))),
      priority: pass(lookup(FRESHDESK_PRIORITIES, priority) ?? priority),
      status: pass(lookup(statuses, status) ?? status),
      assigneeId: pass(own(ticket, "responder_id")),
      groupId: pass(own(ticket, "group_id")),
      customerId: pass(own(ticket, "requester_id")),
      // Without stats the first response is unknown (undefined), not "never answered" (null).
      firstResponseAt:
        stats === undefined || stats === null ? undefined : pass(own(stats, "first_responded_at")),
      firstResolvedAt: reopenedAt === null ? pass(resolvedAt) : null,
      lastResolvedAt: pass(resolvedAt),
      closedAt: pass(own(stats, "closed_at")),
      reopenCount: stats === undefined || stats === null ? null : reopenedAt === null ? 0 : 1,
      escalated: escalationOf(ticket),
      tags: tagsOf(own(ticket, "tags")),
      category: pass(own(ticket, "type")),
    };
  });
}

/**
 * Freshdesk satisfaction ratings (`GET /api/v2/surveys/satisfaction_ratings`) to CSAT
 * responses on a 1–7 scale: `ratings.default_question` −103 … 103 → 1 … 7 (see
 * {@link FRESHDESK_RATINGS}), answered at `created_at`. `ticket_id`, `user_id` →
 * `customerId`, `agent_id` → `agentId`. The custom questions (`question_2`...) are not read.
 * A rating without a default answer, or with an unknown one, is skipped.
 *
 * @example
 * const { records } = freshdeskSatisfactionRatings([
 *   { id: 102, ticket_id: 432, user_id: 2, agent_id: 1, ratings: { default_question: 103 }, created_at: "2015-08-28T09:08:16Z" },
 * ]);
 * [records[0].score, records[0].scale]
 * //=> [7, { min: 1, max: 7 }]
 */
export function freshdeskSatisfactionRatings(ratings: unknown): Adapted<SurveyResponseInput> {
  const list = listOf(
    ratings,
    "freshdeskSatisfactionRatings",
    ["satisfaction_ratings", "results"],
    ["satisfaction_rating"],
  );
  return adaptEach(list, "satisfaction_ratings", "rating", (rating, skipAs) => {
    const id = own(rating, "id");
    const answer = path(rating, "ratings", "default_question");
    if (answer === undefined || answer === null) {
      return skipAs(id, "noDefaultQuestion", "rating has no answer to the default question");
    }
    const score = typeof answer === "number" ? lookup(FRESHDESK_RATINGS, answer) : undefined;
    if (score === undefined) {
      return skipAs(
        id,
        "unknownRating",
        `ratings.default_question must be one of 103, 102, 101, 100, -101, -102, -103, got ${show(answer)}`,
      );
    }
    return {
      id: pass(id),
      kind: "csat",
      score,
      scale: { min: 1, max: 7 },
      respondedAt: pass(own(rating, "created_at")),
      ticketId: pass(own(rating, "ticket_id")),
      customerId: pass(own(rating, "user_id")),
      agentId: pass(own(rating, "agent_id")),
    };
  });
}
