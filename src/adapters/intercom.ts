/**
 * Intercom: conversations (with `statistics` and `conversation_parts`) and their ratings to
 * our raw records. Intercom times are epoch seconds. Definitions: docs/definitions.md,
 * "Helpdesk adapters".
 */
import type { SurveyResponseInput } from "../schemas/survey.ts";
import type { AuthorRole, TicketInput, TicketStatus } from "../schemas/ticket.ts";
import {
  type Adapted,
  adaptEach,
  fromEpochSeconds,
  isObject,
  listOf,
  lookup,
  own,
  pass,
  path,
} from "./common.ts";

const STATES: ReadonlyMap<string, TicketStatus> = new Map([
  ["open", "open"],
  ["closed", "solved"],
  ["snoozed", "onHold"],
]);

const AUTHORS: ReadonlyMap<string, AuthorRole> = new Map([
  ["admin", "agent"],
  ["team", "agent"],
  ["user", "customer"],
  ["lead", "customer"],
  ["contact", "customer"],
  ["bot", "bot"],
]);

/** Status each part type moves the conversation to. */
const PART_STATUSES: ReadonlyMap<string, TicketStatus> = new Map([
  ["close", "solved"],
  ["open", "open"],
  ["snoozed", "onHold"],
  ["unsnoozed", "open"],
  ["timer_unsnooze", "open"],
]);

type RawMessage = NonNullable<TicketInput["messages"]>[number];
type RawChange = NonNullable<TicketInput["statusChanges"]>[number];
type RawAssignment = NonNullable<TicketInput["assignments"]>[number];

/**
 * The teammate a part assigned the conversation to: `assigned_to` of type `admin` is that
 * admin; `nobody_admin` (unassigned) and `bot` leave it with no agent (`null`); `team`
 * changes the team, not the teammate (`undefined`: no assignment of an agent). See
 * https://developers.intercom.com/docs/references/2.15/rest-api/api.intercom.io/models/conversation_part.
 */
function assigneeOf(part: unknown): string | null | undefined {
  const to = own(part, "assigned_to");
  if (!isObject(to)) return undefined;
  const type = own(to, "type");
  if (type === "admin") return pass(own(to, "id"));
  return type === "nobody_admin" || type === "bot" ? null : undefined;
}

function roleOf(author: unknown): AuthorRole {
  return lookup(AUTHORS, own(author, "type")) ?? "system";
}

function hasBody(part: unknown): boolean {
  const body = own(part, "body");
  return typeof body === "string" && body.trim() !== "";
}

/** Messages and status changes from the source message and the conversation parts. */
function partsOf(
  conversation: unknown,
  createdAt: string | number | null,
): {
  messages: RawMessage[] | null;
  changes: RawChange[] | null;
  assignments: RawAssignment[] | null;
} {
  const parts = path(conversation, "conversation_parts", "conversation_parts");
  if (!Array.isArray(parts)) return { messages: null, changes: null, assignments: null };
  const messages: RawMessage[] = [];
  const assignments: RawAssignment[] = [];
  const changes: RawChange[] = [{ at: pass(createdAt), status: "open" }];
  const source = own(conversation, "source");
  if (isObject(source)) {
    const author = own(source, "author");
    messages.push({
      at: pass(createdAt),
      authorRole: roleOf(author),
      public: true,
      authorId: pass(own(author, "id")),
    });
  }
  for (const part of parts) {
    if (!isObject(part)) continue;
    const type = own(part, "part_type");
    const at = pass<string>(fromEpochSeconds(own(part, "created_at")));
    const author = own(part, "author");
    // A comment is a message; a note is an internal one; an admin can also write while
    // closing, reopening, snoozing or assigning, and that text reaches the customer.
    if (type === "comment" || type === "note" || hasBody(part)) {
      messages.push({
        at,
        authorRole: roleOf(author),
        public: type !== "note",
        authorId: pass(own(author, "id")),
      });
    }
    const status = lookup(PART_STATUSES, type);
    if (status) changes.push({ at, status });
    const assignee = assigneeOf(part);
    if (assignee !== undefined) assignments.push({ at, assigneeId: assignee });
  }
  return { messages, changes, assignments };
}

/**
 * Intercom conversations (`GET /conversations`, `GET /conversations/{id}`, or the search
 * response) to raw tickets.
 *
 * - `created_at` → `createdAt`; `state` open → `open`, closed → `solved` (a closed
 *   conversation reopens when the customer writes), snoozed → `onHold`; `priority` and
 *   `source.type` (→ `channel`) verbatim; `admin_assignee_id` → `assigneeId`,
 *   `team_assignee_id` → `groupId`, first contact → `customerId`, tag names → `tags`.
 * - `statistics`: `first_contact_reply_at` → `firstCustomerMessageAt`, `first_admin_reply_at`
 *   → `firstResponseAt`, `first_close_at` / `last_close_at` → `firstResolvedAt` /
 *   `lastResolvedAt`, `count_reopens` → `reopenCount`, `handling_time` → `handleSeconds`.
 * - `conversation_parts` (when present): the source message and every `comment` (public) or
 *   `note` (internal) part, and any other part with a body, become messages; authors `admin`
 *   → agent, `user`/`lead`/`contact` → customer, `bot` → bot. `close`, `open`, `snoozed` and
 *   `unsnoozed` parts become status changes. Statistics win over what the parts imply.
 *   Every part with an `assigned_to` becomes an assignment: an `admin` is the assignee,
 *   `nobody_admin` and `bot` are no agent (`null`), a `team` is not a teammate and is left
 *   out. Without parts the assignment history is unknown.
 *
 * @example
 * const { records } = intercomConversations({ conversations: [{
 *   id: "471", created_at: 1709283600, state: "closed", source: { type: "email", author: { type: "user", id: "u1" } },
 *   statistics: { first_contact_reply_at: 1709283600, first_admin_reply_at: 1709284800, last_close_at: 1709290800 },
 * }] });
 * [records[0].status, records[0].firstResponseAt, records[0].lastResolvedAt]
 * //=> ["solved", "2024-03-01T09:20:00.000Z", "2024-03-01T11:00:00.000Z"]
 */
export function intercomConversations(conversations: unknown): Adapted<TicketInput> {
  const list = listOf(
    conversations,
    "intercomConversations",
    ["conversations", "data"],
    ["conversation"],
  );
  return adaptEach(list, "conversations", "conversation", (conversation) => {
    const createdAt = fromEpochSeconds(own(conversation, "created_at"));
    const state = own(conversation, "state");
    const stats = own(conversation, "statistics");
    const contacts = path(conversation, "contacts", "contacts");
    const tags = path(conversation, "tags", "tags");
    const { messages, changes, assignments } = partsOf(conversation, createdAt);
    const handling = own(stats, "handling_time");
    return {
      id: pass(own(conversation, "id")),
      createdAt: pass(createdAt),
      channel: pass(path(conversation, "source", "type")),
      priority: pass(own(conversation, "priority")),
      status: pass(lookup(STATES, state) ?? state),
      assigneeId: pass(own(conversation, "admin_assignee_id")),
      groupId: pass(own(conversation, "team_assignee_id")),
      customerId: Array.isArray(contacts) ? pass(own(contacts[0], "id")) : null,
      firstCustomerMessageAt: pass(fromEpochSeconds(own(stats, "first_contact_reply_at"))),
      // Without statistics the first reply is not given (unknown), not "never answered".
      ...(stats !== null && typeof stats === "object"
        ? { firstResponseAt: pass(fromEpochSeconds(own(stats, "first_admin_reply_at"))) }
        : {}),
      firstResolvedAt: pass(fromEpochSeconds(own(stats, "first_close_at"))),
      lastResolvedAt: pass(fromEpochSeconds(own(stats, "last_close_at"))),
      reopenCount: pass(own(stats, "count_reopens")),
      handleSeconds: pass(handling),
      tags: Array.isArray(tags) ? tags.map((tag) => own(tag, "name") as string) : [],
      messages,
      statusChanges: changes,
      ...(assignments === null ? {} : { assignments }),
    };
  });
}

/**
 * The `conversation_rating` of Intercom conversations to CSAT responses on 1–5:
 * `rating` → score, `created_at` → `respondedAt`, `contact.id` → `customerId`,
 * `teammate.id` → `agentId`, the conversation's id → `ticketId` and `id` (one rating per
 * conversation). Conversations without a rating are skipped as `unrated`.
 *
 * @example
 * const { records, skipped } = intercomRatings([
 *   { id: "1", conversation_rating: { rating: 4, created_at: 1709290800, contact: { id: "c1" }, teammate: { id: "a1" } } },
 *   { id: "2", conversation_rating: null },
 * ]);
 * [records[0].score, records[0].respondedAt, skipped[0].reason]
 * //=> [4, "2024-03-01T11:00:00.000Z", "unrated"]
 */
export function intercomRatings(conversations: unknown): Adapted<SurveyResponseInput> {
  const list = listOf(
    conversations,
    "intercomRatings",
    ["conversations", "data"],
    ["conversation"],
  );
  return adaptEach(list, "conversations", "conversation", (conversation, skipAs) => {
    const id = own(conversation, "id");
    const rating = own(conversation, "conversation_rating");
    if (!isObject(rating)) {
      return skipAs(id, "unrated", "conversation has no rating");
    }
    return {
      id: pass(id),
      kind: "csat",
      score: pass(own(rating, "rating")),
      scale: { min: 1, max: 5 },
      respondedAt: pass(fromEpochSeconds(own(rating, "created_at"))),
      ticketId: pass(id),
      customerId: pass(path(rating, "contact", "id")),
      agentId: pass(path(rating, "teammate", "id")),
    };
  });
}
