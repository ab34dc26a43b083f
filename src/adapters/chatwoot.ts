/**
 * Chatwoot: conversations, messages, CSAT survey responses and webhook events to our raw
 * records. Chatwoot's API gives times as epoch seconds; its webhooks partly as ISO strings.
 * Definitions: docs/definitions.md, "Helpdesk adapters".
 *
 * Long (about 450 lines): four Chatwoot sources (conversations, messages, CSAT responses,
 * webhook events), each with its own shape and time format, map to the same records.
 */
import type { SurveyResponseInput } from "../schemas/survey.ts";
import type { AuthorRole, TicketInput, TicketStatus } from "../schemas/ticket.ts";
import {
  type Adapted,
  adaptEach,
  fromEpochSeconds,
  isObject,
  keyOf,
  listOf,
  lookup,
  msOf,
  own,
  pass,
  path,
  type Skipped,
  skip,
  tagsOf,
} from "./common.ts";

const STATUSES: ReadonlyMap<string, TicketStatus> = new Map([
  ["open", "open"],
  ["pending", "new"],
  ["snoozed", "onHold"],
  ["resolved", "solved"],
]);

/** `message_type`, as the API (a number) or webhooks (a word) give it. */
const MESSAGE_TYPES: ReadonlyMap<string, string> = new Map([
  ["0", "incoming"],
  ["1", "outgoing"],
  ["2", "activity"],
  ["3", "template"],
  ["incoming", "incoming"],
  ["outgoing", "outgoing"],
  ["activity", "activity"],
  ["template", "template"],
]);

/** Sender types of outgoing messages: API (`sender_type`) and webhook (`sender.type`) spellings. */
const SENDERS: ReadonlyMap<string, AuthorRole> = new Map([
  ["User", "agent"],
  ["user", "agent"],
  ["AgentBot", "bot"],
  ["agent_bot", "bot"],
  ["Captain::Assistant", "bot"],
  ["captain_assistant", "bot"],
  ["Contact", "customer"],
  ["contact", "customer"],
]);

type RawMessage = NonNullable<TicketInput["messages"]>[number];
type RawAssignment = NonNullable<TicketInput["assignments"]>[number];

/**
 * The assignee change a `conversation_updated` payload reports in `changed_attributes`
 * (`[{ assignee_id: { previous_value, current_value } }, ...]`), dated by the `updated_at`
 * change beside it, else the payload's `updated_at`; `undefined` when the assignee did not
 * change. Chatwoot's webhook listener writes these from the record's saved changes.
 */
function assigneeChangeOf(payload: Record<string, unknown>): RawAssignment | undefined {
  const changes = own(payload, "changed_attributes");
  if (!Array.isArray(changes)) return undefined;
  const find = (key: string) => changes.find((change) => own(change, key) !== undefined);
  const assignee = find("assignee_id");
  if (assignee === undefined) return undefined;
  const updated = own(own(find("updated_at"), "updated_at"), "current_value");
  return {
    at: pass(timeOf(updated ?? own(payload, "updated_at"))),
    assigneeId: pass(keyOf(own(own(assignee, "assignee_id"), "current_value"))),
  };
}

/** A time Chatwoot gives as epoch seconds or as an ISO string. */
function timeOf(value: unknown): string | number | null {
  return typeof value === "number" ? fromEpochSeconds(value) : pass(value);
}

/** `Channel::WebWidget` → `web_widget`. */
function channelOf(value: unknown): string | null {
  if (typeof value !== "string") return pass(value);
  return value
    .replace(/^Channel::/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/**
 * One Chatwoot message as ours, or why it is not a message. Incoming → customer; outgoing
 * by a User → agent (automated when sent by an automation rule or a campaign, or with no
 * sender), by a bot → bot; templates (the widget's forms) → system; activity messages
 * (status notices) are not messages. `private` → internal note.
 */
function messageOf(message: Record<string, unknown>): RawMessage | string {
  const type = lookup(MESSAGE_TYPES, own(message, "message_type"));
  if (type === undefined) return "unknownType";
  if (type === "activity") return "activity";
  const senderType = own(message, "sender_type") ?? path(message, "sender", "type");
  const automated =
    keyOf(path(message, "content_attributes", "automation_rule_id")) !== null ||
    keyOf(path(message, "additional_attributes", "campaign_id")) !== null;
  let role: AuthorRole;
  if (type === "incoming") role = "customer";
  else if (type === "template") role = "system";
  else role = senderType == null ? "agent" : (lookup(SENDERS, senderType) ?? "system");
  return {
    at: pass<string>(timeOf(own(message, "created_at"))),
    authorRole: role,
    public: own(message, "private") !== true,
    automated: automated || (type === "outgoing" && senderType == null),
    authorId: pass(own(message, "sender_id") ?? path(message, "sender", "id")),
  };
}

function ticketOf(conversation: Record<string, unknown>): TicketInput {
  const status = own(conversation, "status");
  return {
    id: pass(own(conversation, "id")),
    createdAt: pass(timeOf(own(conversation, "created_at"))),
    channel: channelOf(own(conversation, "channel") ?? path(conversation, "meta", "channel")),
    priority: pass(own(conversation, "priority")),
    status: pass(lookup(STATUSES, status) ?? status),
    assigneeId: pass(path(conversation, "meta", "assignee", "id")),
    groupId: pass(path(conversation, "meta", "team", "id")),
    customerId: pass(
      path(conversation, "meta", "sender", "id") ??
        path(conversation, "contact_inbox", "contact_id"),
    ),
    firstResponseAt: pass(timeOf(own(conversation, "first_reply_created_at"))),
    tags: tagsOf(own(conversation, "labels")),
  };
}

/** Options for {@link chatwootConversations}. */
export interface ChatwootConversationsOptions {
  /**
   * Messages of the conversations (`GET .../conversations/{id}/messages` payloads, flattened),
   * joined by `conversation_id`. Without it, the messages inside each conversation are used.
   * A message whose conversation is not given is skipped as `noConversation`.
   */
  messages?: unknown;
}

function addMessages(
  ticket: TicketInput,
  list: readonly { index: number; message: Record<string, unknown> }[],
  source: string,
  skipped: Skipped[],
): void {
  const messages: RawMessage[] = [];
  for (const { index, message } of list) {
    const mapped = messageOf(message);
    if (typeof mapped === "string") {
      skipped.push(
        skip(
          source,
          index,
          own(message, "id"),
          mapped,
          mapped === "activity"
            ? "activity messages (status notices) are not messages"
            : "message_type must be 0–3 or incoming, outgoing, activity, template",
        ),
      );
    } else {
      messages.push(mapped);
    }
  }
  ticket.messages = messages;
}

/**
 * Chatwoot conversations (`GET /api/v1/accounts/{id}/conversations`, whose `data.payload`
 * holds them, or an array) to raw tickets.
 *
 * - `status` open → `open`, pending (waiting for a bot or an agent to pick it up) → `new`,
 *   snoozed → `onHold`, resolved → `solved`; `created_at` (epoch seconds) → `createdAt`;
 *   `channel` (`Channel::WebWidget` → `web_widget`), `priority`, `labels` → `tags`,
 *   `meta.assignee.id` → `assigneeId`, `meta.team.id` → `groupId`, `meta.sender.id` →
 *   `customerId`, `first_reply_created_at` → `firstResponseAt`.
 * - Messages (from `options.messages`, else the conversation's own `messages`): incoming →
 *   customer; outgoing by a `User` → agent, by an `AgentBot` → bot, automated when
 *   `content_attributes.automation_rule_id` or `additional_attributes.campaign_id` is set or
 *   the sender is missing; `template` → system; `private` → internal. Activity messages are
 *   skipped as `activity`.
 *
 * @example
 * const { records, skipped } = chatwootConversations([{
 *   id: 10, created_at: 1709283600, status: "resolved", channel: "Channel::WebWidget",
 *   messages: [
 *     { id: 1, message_type: 0, created_at: 1709283600, private: false, sender_type: "Contact" },
 *     { id: 2, message_type: 1, created_at: 1709284200, private: false, sender_type: "User", sender_id: 4 },
 *     { id: 3, message_type: 2, created_at: 1709284300 },
 *   ],
 * }]);
 * [records[0].status, records[0].channel, records[0].messages[1].authorRole, skipped[0].reason]
 * //=> ["solved", "web_widget", "agent", "activity"]
 */
export function chatwootConversations(
  conversations: unknown,
  options: ChatwootConversationsOptions = {},
): Adapted<TicketInput> {
  const payload = path(conversations, "data", "payload");
  const list = listOf(
    Array.isArray(payload) ? payload : conversations,
    "chatwootConversations",
    ["payload", "conversations"],
    ["conversation"],
  );
  const skipped: Skipped[] = [];
  let joined: Map<string, { index: number; message: Record<string, unknown> }[]> | null = null;
  if (options.messages !== undefined) {
    joined = new Map();
    listOf(options.messages, "chatwootConversations", ["payload", "messages"], []).forEach(
      (message, index) => {
        const key = keyOf(own(message, "conversation_id"));
        if (!isObject(message) || key === null) {
          skipped.push(
            skip(
              "messages",
              index,
              own(message, "id"),
              isObject(message) ? "noConversation" : "notAnObject",
              isObject(message) ? "message has no conversation_id" : "message is not an object",
            ),
          );
          return;
        }
        const group = joined?.get(key) ?? [];
        group.push({ index, message });
        joined?.set(key, group);
      },
    );
  }

  const seen = new Set<string>();
  const adapted = adaptEach(
    list,
    "conversations",
    "conversation",
    (conversation, _skipAs, index) => {
      const ticket = ticketOf(conversation);
      const key = keyOf(own(conversation, "id"));
      if (joined) {
        if (key !== null && !seen.has(key)) {
          seen.add(key);
          addMessages(ticket, joined.get(key) ?? [], "messages", skipped);
        }
      } else {
        const inner = own(conversation, "messages");
        if (Array.isArray(inner)) {
          const own_: { index: number; message: Record<string, unknown> }[] = [];
          inner.forEach((message, i) => {
            if (isObject(message)) own_.push({ index: i, message });
            else
              skipped.push(
                skip(
                  `conversations[${index}].messages`,
                  i,
                  null,
                  "notAnObject",
                  "message is not an object",
                ),
              );
          });
          addMessages(ticket, own_, `conversations[${index}].messages`, skipped);
        }
      }
      return ticket;
    },
    skipped,
  );
  if (joined) {
    for (const [key, group] of joined) {
      if (seen.has(key)) continue;
      for (const { index, message } of group) {
        skipped.push(
          skip(
            "messages",
            index,
            own(message, "id"),
            "noConversation",
            `message of conversation ${key}, which is not among the conversations given`,
          ),
        );
      }
    }
  }
  return adapted;
}

/**
 * Chatwoot CSAT survey responses (`GET .../csat_survey_responses`) to CSAT responses on 1–5:
 * `rating` → score, `created_at` → `respondedAt`, `conversation_id` → `ticketId`,
 * `contact.id` (or `contact_id`) → `customerId`, `assigned_agent.id` (or
 * `assigned_agent_id`) → `agentId`. A response without a rating is a survey sent and not
 * answered (`sentAt` = `created_at`).
 *
 * @example
 * const { records } = chatwootCsatResponses([
 *   { id: 1, rating: 5, conversation_id: 10, contact: { id: 12 }, assigned_agent: { id: 1 }, created_at: "2024-03-01T10:00:00Z" },
 * ]);
 * [records[0].score, records[0].scale, records[0].agentId]
 * //=> [5, { min: 1, max: 5 }, 1]
 */
export function chatwootCsatResponses(responses: unknown): Adapted<SurveyResponseInput> {
  const list = listOf(
    responses,
    "chatwootCsatResponses",
    ["payload", "csat_survey_responses"],
    ["csat_survey_response"],
  );
  return adaptEach(list, "csat_survey_responses", "response", (response) => {
    const rating = own(response, "rating");
    const at = timeOf(own(response, "created_at"));
    const answered = rating !== undefined && rating !== null;
    return {
      id: pass(own(response, "id")),
      kind: "csat",
      score: answered ? pass(rating) : null,
      scale: { min: 1, max: 5 },
      sentAt: answered ? null : pass(at),
      respondedAt: answered ? pass(at) : null,
      ticketId: pass(own(response, "conversation_id")),
      customerId: pass(path(response, "contact", "id") ?? own(response, "contact_id")),
      agentId: pass(path(response, "assigned_agent", "id") ?? own(response, "assigned_agent_id")),
    };
  });
}

const CONVERSATION_EVENTS = new Set([
  "conversation_created",
  "conversation_updated",
  "conversation_status_changed",
]);
const MESSAGE_EVENTS = new Set(["message_created", "message_updated"]);

/**
 * Chatwoot webhook payloads (as received, in the order received) to raw tickets, one per
 * conversation. Conversation events (`conversation_created`, `conversation_updated`,
 * `conversation_status_changed`) give the conversation as of that event; the latest one
 * wins. Message events (`message_created`, `message_updated`) add or replace a message by
 * its id, and give the conversation too. Other events are skipped as `unsupportedEvent`.
 *
 * Webhook payloads carry no creation time for the conversation; when no payload gave
 * `created_at`, the earliest message seen stands for it (Chatwoot creates a conversation
 * with its first message). Status changes are not dated in the payloads, so only the latest
 * status is kept. Assignments are: once `conversation_created` was received, the assignee
 * at creation (`meta.assignee.id`) and each `assignee_id` change in the `changed_attributes`
 * of `conversation_updated` payloads; without `conversation_created` the history is unknown.
 *
 * @example
 * const { records } = chatwootWebhookEvents([
 *   { event: "message_created", id: 1, message_type: "incoming", created_at: "2024-03-01T09:00:00Z",
 *     sender: { id: 12, type: "contact" }, conversation: { id: 10, status: "open", channel: "Channel::Email" } },
 *   { event: "message_created", id: 2, message_type: "outgoing", created_at: "2024-03-01T09:30:00Z",
 *     sender: { id: 1, type: "user" }, conversation: { id: 10, status: "open", channel: "Channel::Email" } },
 *   { event: "conversation_status_changed", id: 10, status: "resolved", channel: "Channel::Email" },
 * ]);
 * [records[0].createdAt, records[0].status, records[0].messages.map((m) => m.authorRole)]
 * //=> ["2024-03-01T09:00:00Z", "solved", ["customer", "agent"]]
 */
export function chatwootWebhookEvents(events: unknown): Adapted<TicketInput> {
  const list = listOf(events, "chatwootWebhookEvents", ["events"], [], "event");
  const skipped: Skipped[] = [];
  interface Entry {
    conversation: Record<string, unknown>;
    source: number;
    messages: Map<string, { index: number; message: Record<string, unknown>; inner: boolean }>;
    /** The assignee at creation, once a `conversation_created` payload was seen. */
    first: RawAssignment | null;
    assigneeChanges: RawAssignment[];
  }
  const byConversation = new Map<string, Entry>();
  const entryFor = (conversation: Record<string, unknown>, index: number, replace: boolean) => {
    const key = keyOf(own(conversation, "id"));
    if (key === null) return null;
    let entry = byConversation.get(key);
    if (!entry) {
      entry = {
        conversation,
        source: index,
        messages: new Map(),
        first: null,
        assigneeChanges: [],
      };
      byConversation.set(key, entry);
    } else if (replace) {
      entry.conversation = conversation;
    }
    // The conversation's own recent messages, unless a message event already gave them.
    const inner = own(conversation, "messages");
    if (Array.isArray(inner)) {
      for (const message of inner) {
        const id = keyOf(own(message, "id"));
        if (isObject(message) && id !== null && !entry.messages.has(id)) {
          entry.messages.set(id, { index, message, inner: true });
        }
      }
    }
    return entry;
  };

  list.forEach((payload, index) => {
    if (!isObject(payload)) {
      skipped.push(skip("events", index, null, "notAnObject", "webhook payload is not an object"));
      return;
    }
    const event = own(payload, "event");
    if (typeof event === "string" && CONVERSATION_EVENTS.has(event)) {
      const entry = entryFor(payload, index, true);
      if (entry && event === "conversation_created") {
        entry.first = {
          at: pass(timeOf(own(payload, "created_at"))),
          assigneeId: pass(keyOf(path(payload, "meta", "assignee", "id"))),
        };
      }
      const change = entry && event === "conversation_updated" && assigneeChangeOf(payload);
      if (change) entry.assigneeChanges.push(change);
      if (!entry) {
        skipped.push(
          skip("events", index, null, "noConversation", `${event} payload has no conversation id`),
        );
      }
      return;
    }
    if (typeof event === "string" && MESSAGE_EVENTS.has(event)) {
      const conversation = own(payload, "conversation");
      const entry = isObject(conversation) ? entryFor(conversation, index, true) : null;
      const id = keyOf(own(payload, "id"));
      if (!entry || id === null) {
        skipped.push(
          skip(
            "events",
            index,
            own(payload, "id"),
            "noConversation",
            `${event} payload has no conversation id or no message id`,
          ),
        );
        return;
      }
      const earlier = entry.messages.get(id);
      if (earlier && !earlier.inner) {
        skipped.push(
          skip(
            "events",
            earlier.index,
            id,
            "replaced",
            `message ${id} was replaced by a later ${event} payload (index ${index})`,
          ),
        );
      }
      entry.messages.set(id, { index, message: payload, inner: false });
      return;
    }
    skipped.push(
      skip(
        "events",
        index,
        own(payload, "id"),
        "unsupportedEvent",
        `the ${typeof event === "string" ? JSON.stringify(event.slice(0, 40)) : "unnamed"} event does not describe a conversation or a message`,
      ),
    );
  });

  const records: TicketInput[] = [];
  const sources: number[] = [];
  for (const entry of byConversation.values()) {
    const ticket = ticketOf(entry.conversation);
    const messages = [...entry.messages.values()];
    addMessages(ticket, messages, "events", skipped);
    // The history is known only from the conversation's creation on.
    if (entry.first) ticket.assignments = [entry.first, ...entry.assigneeChanges];
    // A later payload without created_at does not undo the one conversation_created gave.
    if (ticket.createdAt === null && entry.first) ticket.createdAt = entry.first.at;
    if (ticket.createdAt === null) {
      let earliest: { ms: number; at: unknown } | null = null;
      for (const message of ticket.messages ?? []) {
        const ms = msOf(message.at);
        if (ms !== null && (earliest === null || ms < earliest.ms))
          earliest = { ms, at: message.at };
      }
      if (earliest) ticket.createdAt = pass(earliest.at);
    }
    records.push(ticket);
    sources.push(entry.source);
  }
  return { records, sources, skipped };
}
