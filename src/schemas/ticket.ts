import type * as z from "zod/mini";
import {
  defineRecord,
  type FieldValues,
  orderRules,
  type RecordInputOf,
  type RecordOf,
  type Report,
} from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

/** Ticket statuses, in helpdesk order. `solved` and `closed` are resolved states. */
export const TICKET_STATUSES = ["new", "open", "pending", "onHold", "solved", "closed"] as const;
/** A ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who wrote a message. Only `agent` messages can be replies; `bot` and `system` never are. */
export const AUTHOR_ROLES = ["agent", "customer", "bot", "system"] as const;
/** A message author's role. */
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

/**
 * Whether a status counts as resolved (`solved` or `closed`).
 *
 * @example
 * ["new", "open", "pending", "onHold", "solved", "closed"].map(isResolvedStatus)
 * //=> [false, false, false, false, true, true]
 */
export function isResolvedStatus(status: TicketStatus): boolean {
  // Compared directly rather than looked up: this runs for every ticket in several metrics.
  return status === "solved" || status === "closed";
}

const messageRecord = defineRecord({
  noun: "message",
  fields: {
    at: { kind: "timestamp", absent: "required", doc: "When the message was posted." },
    authorRole: { kind: "enum", values: AUTHOR_ROLES, absent: "required", doc: "Who wrote it." },
    public: {
      kind: "flag",
      absent: true,
      doc: "Public reply (true) or internal note (false); notes never count as replies.",
    },
    automated: {
      kind: "flag",
      absent: false,
      doc: "Sent by a trigger, macro or automation; such messages never count as replies.",
    },
    authorId: { kind: "identifier", absent: null, doc: "The author's id, when known." },
  },
});

const statusChangeRecord = defineRecord({
  noun: "status change",
  fields: {
    at: { kind: "timestamp", absent: "required", doc: "When the ticket entered `status`." },
    status: {
      kind: "enum",
      values: TICKET_STATUSES,
      absent: "required",
      doc: "The status entered.",
    },
  },
});

const assignmentRecord = defineRecord({
  noun: "assignment",
  fields: {
    at: { kind: "timestamp", absent: "required", doc: "When the assignee changed." },
    assigneeId: {
      kind: "identifier",
      absent: null,
      doc: "The agent it was assigned to from then on; null: unassigned.",
    },
  },
});

/** The fields of a ticket, in the order the schema reads (and reports) them. */
const ticketFields = {
  id: { kind: "identifier", absent: "required", doc: "The ticket's id in the helpdesk." },
  createdAt: {
    kind: "timestamp",
    absent: "required",
    doc: "When the ticket was created; places it in a period for most metrics.",
  },
  channel: { kind: "label", absent: null, doc: "How the customer came in (email, chat...)." },
  priority: { kind: "label", absent: null, doc: "The ticket's priority." },
  status: {
    kind: "enum",
    values: TICKET_STATUSES,
    absent: null,
    doc: "The current status; absent: the last status change's, else from closedAt and the resolutions.",
  },
  assigneeId: { kind: "identifier", absent: null, doc: "The agent the ticket is assigned to." },
  groupId: { kind: "identifier", absent: null, doc: "The group (team) it is assigned to." },
  customerId: { kind: "identifier", absent: null, doc: "The customer who asked." },
  firstCustomerMessageAt: {
    kind: "timestamp",
    absent: null,
    doc: "The customer's first message; absent: found in messages.",
  },
  firstResponseAt: {
    kind: "timestamp",
    absent: "undefined",
    doc: "First public human agent reply; null: never answered; absent: from messages, else unknown (undefined).",
  },
  firstResolvedAt: {
    kind: "timestamp",
    absent: null,
    doc: "First time the ticket became solved or closed; absent: from status changes, else lastResolvedAt or closedAt.",
  },
  lastResolvedAt: {
    kind: "timestamp",
    absent: null,
    doc: "Latest time it became solved or closed (the first, when never reopened).",
  },
  closedAt: {
    kind: "timestamp",
    absent: null,
    doc: "When it was closed, if it is closed now (a closed ticket opened again is not).",
  },
  reopenCount: {
    kind: "count",
    absent: null,
    doc: "Times it went from solved or closed back to open; absent: from status changes, else unknown (null).",
  },
  agentReplyCount: {
    kind: "count",
    absent: null,
    doc: "Public human agent replies; absent: counted in messages, else unknown (null).",
  },
  handleSeconds: {
    kind: "number",
    min: 0,
    absent: null,
    doc: "Agent work seconds on the ticket; null when unknown.",
  },
  escalated: {
    kind: "flag",
    absent: null,
    doc: "Whether the ticket was escalated; absent: unknown (null), not false.",
  },
  tags: { kind: "list", max: 1000, absent: [], doc: "The ticket's tags, as written." },
  category: { kind: "label", absent: null, doc: "What the ticket is about (a topic label)." },
  source: {
    kind: "label",
    absent: null,
    doc: "The helpdesk instance or brand it came from; ids are unique within a source, and it groups like channel.",
  },
  messages: {
    kind: "records",
    of: messageRecord,
    max: 100_000,
    absent: null,
    doc: "The conversation, sorted by time; null when not given.",
  },
  statusChanges: {
    kind: "records",
    of: statusChangeRecord,
    max: 100_000,
    absent: null,
    doc: "The status history, sorted by time; null when not given.",
  },
  assignments: {
    kind: "records",
    of: assignmentRecord,
    max: 100_000,
    absent: null,
    doc: 'The assignment history (each assignee change), sorted by time; null when not given: unknown, not "never reassigned".',
  },
} as const;

/** A message of a ticket, as validated. */
export interface TicketMessage extends RecordOf<typeof messageRecord> {}
/** A status change of a ticket, as validated. */
export interface StatusChange extends RecordOf<typeof statusChangeRecord> {}
/** An assignee change of a ticket, as validated. */
export interface Assignment extends RecordOf<typeof assignmentRecord> {}

type TicketFields = FieldValues<typeof ticketFields>;

/**
 * A validated ticket. Every flat field is present (`null` when unknown); where the input
 * gave messages or status changes and left a flat field out, the field was derived from them.
 */
export interface Ticket extends TicketFields {
  /** The current status: given, else derived (see the field's table entry). */
  status: TicketStatus;
}

/**
 * Timestamps that cannot come before another: resolved, answered or closed before the ticket
 * was created is a data error, not a negative duration. Checked on the derived values.
 */
const checkTicketOrder = orderRules<Ticket>([
  ["firstCustomerMessageAt", "createdAt"],
  ["firstResponseAt", "createdAt"],
  ["firstResolvedAt", "createdAt"],
  ["closedAt", "createdAt"],
  ["lastResolvedAt", "firstResolvedAt"],
]);

/**
 * Whether a message is a reply that counts: public, by a human agent, not automated.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const message = (authorRole, isPublic, automated) => ({ at, authorRole, public: isPublic, automated, authorId: null });
 * // a public human reply counts; an internal note, an auto-reply and a customer message do not
 * [message("agent", true, false), message("agent", false, false), message("agent", true, true),
 *   message("customer", true, false)].map(isAgentReply)
 * //=> [true, false, false, false]
 */
export function isAgentReply(message: TicketMessage): boolean {
  return message.authorRole === "agent" && message.public && !message.automated;
}

function byTime<T extends { at: Date }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Messages and status changes dated before the ticket's creation. Reported before the events
 * are sorted, so that a path such as `["messages", 3, "at"]` points at the caller's fourth
 * message, not at the fourth by time.
 */
function checkEvents(raw: TicketFields, report: Report): void {
  const created = raw.createdAt.getTime();
  if (raw.messages !== null) reportEarly(raw.messages, "messages", created, report);
  if (raw.statusChanges !== null) reportEarly(raw.statusChanges, "statusChanges", created, report);
  if (raw.assignments !== null) reportEarly(raw.assignments, "assignments", created, report);
}

/** The flat fields left out, derived; then the derived values checked for order. */
function completeTicket(raw: TicketFields, report: Report): Ticket {
  const ticket = derive(raw);
  checkTicketOrder(ticket, report);
  return ticket;
}

/** Reports the events before `created`. */
function reportEarly(
  events: readonly { at: Date }[],
  field: "messages" | "statusChanges" | "assignments",
  created: number,
  report: Report,
): void {
  for (let i = 0; i < events.length; i++) {
    const at = (events[i] as { at: Date }).at;
    if (at.getTime() < created) report([field, i, "at"], "must not be before createdAt", at);
  }
}

/** Fills the flat fields a ticket left out from its messages and status changes. */
function derive(raw: TicketFields): Ticket {
  const messages = raw.messages ? byTime(raw.messages) : null;
  const changes = raw.statusChanges ? byTime(raw.statusChanges) : null;

  let firstCustomerMessageAt = raw.firstCustomerMessageAt;
  let firstResponseAt = raw.firstResponseAt;
  let agentReplyCount = raw.agentReplyCount;
  if (messages) {
    // A ticket an agent opened (outbound) starts with an agent message; that message is the
    // ticket itself, not a reply, so the clock stops at the next public agent reply (Zendesk).
    const replies = messages.filter(isAgentReply);
    const opener = messages[0] && isAgentReply(messages[0]) ? messages[0] : undefined;
    const counted = opener ? replies.slice(1) : replies;
    firstCustomerMessageAt ??= messages.find((m) => m.authorRole === "customer")?.at ?? null;
    // Messages without a counted reply say "never answered" (null), not "unknown".
    firstResponseAt ??= counted[0]?.at ?? null;
    agentReplyCount ??= counted.length;
  }

  let firstResolvedAt = raw.firstResolvedAt;
  let lastResolvedAt = raw.lastResolvedAt;
  let closedAt = raw.closedAt;
  let reopenCount = raw.reopenCount;
  let status = raw.status;
  if (changes && changes.length > 0) {
    let reopens = 0;
    let wasResolved = false;
    let firstSolve: Date | null = null;
    let lastSolve: Date | null = null;
    let lastClose: Date | null = null;
    for (const change of changes) {
      const resolved = isResolvedStatus(change.status);
      if (resolved && !wasResolved) {
        firstSolve ??= change.at;
        lastSolve = change.at;
      }
      if (!resolved && wasResolved) reopens++;
      // A closed ticket that is opened again is no longer closed: keep the closing in force.
      if (change.status === "closed" && !(wasResolved && lastClose)) lastClose = change.at;
      if (!resolved) lastClose = null;
      wasResolved = resolved;
    }
    firstResolvedAt ??= firstSolve;
    lastResolvedAt ??= lastSolve;
    closedAt ??= lastClose;
    reopenCount ??= reopens;
    status ??= (changes[changes.length - 1] as StatusChange).status;
  }

  // A closed ticket was resolved no later than it was closed.
  firstResolvedAt ??= lastResolvedAt ?? closedAt;
  lastResolvedAt ??= firstResolvedAt;
  status ??= closedAt ? "closed" : lastResolvedAt ? "solved" : "open";

  // Fill the fresh record in place rather than copying it: validation allocates one object
  // per ticket, not two, and every ticket keeps the same shape.
  const ticket = raw as Ticket;
  ticket.status = status;
  ticket.firstCustomerMessageAt = firstCustomerMessageAt;
  ticket.firstResponseAt = firstResponseAt;
  ticket.firstResolvedAt = firstResolvedAt;
  ticket.lastResolvedAt = lastResolvedAt;
  ticket.closedAt = closedAt;
  // Unknown stays unknown: no status history and no count given is not "never reopened".
  ticket.reopenCount = reopenCount;
  ticket.agentReplyCount = agentReplyCount;
  ticket.messages = messages;
  ticket.statusChanges = changes;
  if (raw.assignments) ticket.assignments = byTime(raw.assignments);
  return ticket;
}

const ticketRecord = defineRecord({
  noun: "ticket",
  fields: ticketFields,
  check: checkEvents,
  complete: completeTicket,
});

/** A ticket as a caller may give it: timestamps as Dates, ISO strings or epoch milliseconds. */
export type TicketInput = RecordInputOf<typeof ticketRecord>;

/**
 * The Zod schema of a ticket. Pass `timeZone` to accept timestamps written without an
 * offset as local times in that zone.
 *
 * @example
 * ticketSchema().parse({ id: 7, createdAt: "2024-03-01T09:00:00Z" }).status
 * //=> "open"
 */
export function ticketSchema(options: TimestampOptions = {}): z.ZodMiniType<Ticket, unknown> {
  return schemaFor(ticketRecord, options);
}

/** The ticket schema for timestamps that carry their own offset. */
export const TicketSchema = ticketSchema();
