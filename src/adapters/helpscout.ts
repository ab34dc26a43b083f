/**
 * Help Scout: conversations (with their threads) and satisfaction ratings to our raw
 * records. Definitions: docs/definitions.md, "Helpdesk adapters".
 */

import { show } from "../reduce/arguments.ts";
import type { SurveyResponseInput } from "../schemas/survey.ts";
import type { AuthorRole, TicketInput, TicketStatus } from "../schemas/ticket.ts";
import { type Adapted, adaptEach, isObject, listOf, lookup, own, pass, path } from "./common.ts";

const STATUSES: ReadonlyMap<string, TicketStatus> = new Map([
  ["active", "open"],
  ["open", "open"],
  ["pending", "pending"],
  ["closed", "solved"],
]);

const PEOPLE: ReadonlyMap<string, AuthorRole> = new Map([
  ["user", "agent"],
  ["customer", "customer"],
]);

/** Help Scout's rating words, as scores on the 1–3 scale of the happiness method. */
const RATINGS: ReadonlyMap<string, number> = new Map([
  ["great", 3],
  ["okay", 2],
  ["ok", 2],
  ["not good", 1],
  ["not-good", 1],
  ["notgood", 1],
]);

type RawMessage = NonNullable<TicketInput["messages"]>[number];
type RawChange = NonNullable<TicketInput["statusChanges"]>[number];

/** Messages and status changes from a conversation's threads. */
function threadsOf(conversation: unknown): {
  messages: RawMessage[] | null;
  changes: RawChange[] | null;
} {
  const threads = path(conversation, "_embedded", "threads");
  if (!Array.isArray(threads)) return { messages: null, changes: null };
  const messages: RawMessage[] = [];
  const changes: RawChange[] = [];
  for (const thread of threads) {
    if (!isObject(thread)) continue;
    const type = own(thread, "type");
    const at = pass<string>(own(thread, "createdAt"));
    const state = own(thread, "state");
    const status = lookup(STATUSES, own(thread, "status"));
    if (status) changes.push({ at, status });
    // Drafts and hidden threads were never sent; line items are events, not messages.
    if (state === "draft" || state === "hidden" || type === "lineitem") continue;
    const createdBy = own(thread, "createdBy");
    const role =
      type === "customer" ? "customer" : (lookup(PEOPLE, own(createdBy, "type")) ?? "system");
    messages.push({
      at,
      authorRole: role,
      // Notes and forwards to a third party are not replies to the customer.
      public: type !== "note" && type !== "forwardparent" && type !== "forwardchild",
      authorId: pass(own(createdBy, "id")),
    });
  }
  return { messages, changes };
}

/**
 * Help Scout conversations (Mailbox API 2.0 `GET /v2/conversations?embed=threads`, or one
 * conversation) to raw tickets.
 *
 * - `status` active → `open`, pending → `pending`, closed → `solved` (a closed conversation
 *   reopens when the customer writes); `spam` conversations and those whose `state` is
 *   `deleted` or `draft` are skipped. `type` (email, chat, phone) → `channel`, `mailboxId`
 *   → `groupId`, `assignee.id` → `assigneeId`, `primaryCustomer.id` → `customerId`, tag
 *   names → `tags`, `closedAt` → `lastResolvedAt` when the conversation is closed.
 * - Threads (`_embedded.threads`): `customer` threads are customer messages; `message`,
 *   `chat` and `phone` threads by a user are public agent messages; `note` threads (and
 *   forwards) are internal; drafts, hidden threads and `lineitem` events are not messages.
 *   Each thread's `status` (other than `nochange`) is a status change, from which first and
 *   last resolution and reopens are derived.
 *
 * @example
 * const { records } = helpscoutConversations({ _embedded: { conversations: [{
 *   id: 1, createdAt: "2024-03-01T09:00:00Z", status: "closed", type: "email", mailboxId: 5,
 *   _embedded: { threads: [
 *     { type: "customer", status: "active", createdAt: "2024-03-01T09:00:00Z", createdBy: { id: 9, type: "customer" } },
 *     { type: "message", status: "closed", createdAt: "2024-03-01T09:45:00Z", createdBy: { id: 3, type: "user" } },
 *   ] },
 * }] } });
 * [records[0].status, records[0].groupId, records[0].messages.length, records[0].statusChanges[1].status]
 * //=> ["solved", 5, 2, "solved"]
 */
export function helpscoutConversations(conversations: unknown): Adapted<TicketInput> {
  // A list response holds `_embedded.conversations`; a single conversation has its own
  // `_embedded` (its threads).
  const embedded = own(conversations, "_embedded");
  const list = listOf(
    Array.isArray(own(embedded, "conversations")) ? embedded : conversations,
    "helpscoutConversations",
    ["conversations"],
    ["conversation"],
  );
  return adaptEach(list, "conversations", "conversation", (conversation, skipAs) => {
    const id = own(conversation, "id");
    const status = own(conversation, "status");
    const state = own(conversation, "state");
    if (status === "spam" || state === "deleted" || state === "draft") {
      const reason = status === "spam" ? "spam" : String(state);
      return skipAs(id, reason, `conversation is ${reason}`);
    }
    const mapped = lookup(STATUSES, status);
    const { messages, changes } = threadsOf(conversation);
    const tags = own(conversation, "tags");
    return {
      id: pass(id),
      createdAt: pass(own(conversation, "createdAt")),
      channel: pass(own(conversation, "type")),
      status: pass(mapped ?? status),
      assigneeId: pass(path(conversation, "assignee", "id")),
      groupId: pass(own(conversation, "mailboxId")),
      customerId: pass(path(conversation, "primaryCustomer", "id")),
      lastResolvedAt: mapped === "solved" ? pass(own(conversation, "closedAt")) : null,
      tags: Array.isArray(tags) ? tags.map((tag) => own(tag, "tag") as string) : [],
      messages,
      statusChanges: changes,
    };
  });
}

/**
 * Help Scout satisfaction ratings (the webhook Rating object, or a list of them) to CSAT
 * responses on the 1–3 scale of the happiness method: Great 3, Okay 2, Not Good 1 (any
 * case). `createdAt` → `respondedAt`, `ticketId` (the conversation) → `ticketId`,
 * `customer.id` → `customerId`, `user.id` (when given) → `agentId`. Unknown words are
 * skipped.
 *
 * @example
 * const { records } = helpscoutRatings({ id: 5434, customer: { id: 449379 }, ticketId: 1560011,
 *   rating: "Great", createdAt: "2015-04-13T12:34:12Z" });
 * [records[0].score, records[0].scale, records[0].ticketId]
 * //=> [3, { min: 1, max: 3 }, 1560011]
 */
export function helpscoutRatings(ratings: unknown): Adapted<SurveyResponseInput> {
  const embedded = own(ratings, "_embedded");
  const list = listOf(
    Array.isArray(own(embedded, "ratings")) ? embedded : ratings,
    "helpscoutRatings",
    ["ratings"],
    ["rating_object"],
  );
  return adaptEach(list, "ratings", "rating", (rating, skipAs) => {
    const id = own(rating, "id");
    const word = own(rating, "rating");
    const score = typeof word === "string" ? lookup(RATINGS, word.toLowerCase()) : undefined;
    if (score === undefined) {
      return skipAs(
        id,
        "unknownRating",
        `rating must be Great, Okay or Not Good, got ${show(word)}`,
      );
    }
    return {
      id: pass(id),
      kind: "csat",
      score,
      scale: { min: 1, max: 3 },
      respondedAt: pass(own(rating, "createdAt")),
      ticketId: pass(own(rating, "ticketId")),
      customerId: pass(path(rating, "customer", "id")),
      agentId: pass(path(rating, "user", "id") ?? own(rating, "userId")),
    };
  });
}
