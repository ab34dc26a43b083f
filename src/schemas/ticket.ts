import * as z from "zod";
import { checkTimeZone } from "../time/zone.ts";
import {
  explainBoolean,
  explainFields,
  explainIdentifier,
  explainMember,
  explainOptionalCount,
  explainOptionalIdentifier,
  explainOptionalLabel,
  explainOptionalNonNegative,
  explainTimestamp,
  isRecordObject,
  readIdentifier,
  readOptionalCount,
  readOptionalIdentifier,
  readOptionalLabel,
  readOptionalMember,
  readOptionalTimestamp,
  readTimestamp,
  SLOW,
  timeOrNull,
  withFastPath,
} from "./fastPath.ts";
import type { FieldIssue } from "./fieldIssue.ts";
import {
  identifier,
  MAX_TEXT,
  nonNegativeInteger,
  optionalIdentifier,
  optionalLabel,
} from "./fields.ts";
import { optionalTimestamp, type TimestampOptions, timestamp } from "./timestamp.ts";

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

function messageSchema(options: TimestampOptions) {
  return z.object({
    /** When the message was posted. */
    at: timestamp(options),
    /** Who wrote it. */
    authorRole: z.enum(AUTHOR_ROLES),
    /** Public reply (true, the default) or internal note (false). Notes never count as replies. */
    public: z.boolean().default(true),
    /** Sent by a trigger, macro or automation; such messages do not count as replies. */
    automated: z.boolean().default(false),
    /** The author's id, when known. */
    authorId: optionalIdentifier.default(null),
  });
}

function statusChangeSchema(options: TimestampOptions) {
  return z.object({
    /** When the ticket entered `status`. */
    at: timestamp(options),
    /** The status entered. */
    status: z.enum(TICKET_STATUSES),
  });
}

function ticketFields(options: TimestampOptions) {
  const when = optionalTimestamp(options);
  return z.object({
    id: identifier,
    createdAt: timestamp(options),
    channel: optionalLabel.default(null),
    priority: optionalLabel.default(null),
    status: z.enum(TICKET_STATUSES).nullish(),
    assigneeId: optionalIdentifier.default(null),
    groupId: optionalIdentifier.default(null),
    customerId: optionalIdentifier.default(null),
    firstCustomerMessageAt: when.default(null),
    firstResponseAt: when.default(null),
    firstResolvedAt: when.default(null),
    lastResolvedAt: when.default(null),
    closedAt: when.default(null),
    reopenCount: nonNegativeInteger.nullish(),
    agentReplyCount: nonNegativeInteger.nullish(),
    handleSeconds: z.number().min(0).nullish(),
    escalated: z.boolean().default(false),
    tags: z.array(z.string().max(MAX_TEXT)).max(1000).default([]),
    category: optionalLabel.default(null),
    messages: z.array(messageSchema(options)).max(100_000).nullish(),
    statusChanges: z.array(statusChangeSchema(options)).max(100_000).nullish(),
  });
}

/** A message of a ticket, as validated. */
export type TicketMessage = z.output<ReturnType<typeof messageSchema>>;
/** A status change of a ticket, as validated. */
export type StatusChange = z.output<ReturnType<typeof statusChangeSchema>>;

/** A ticket as a caller may give it: timestamps as Dates, ISO strings or epoch milliseconds. */
export type TicketInput = z.input<ReturnType<typeof ticketFields>>;

/**
 * A validated ticket. Every flat field is present (`null` when unknown); where the input
 * gave messages or status changes and left a flat field out, the field was derived from them.
 */
export interface Ticket {
  id: string;
  createdAt: Date;
  channel: string | null;
  priority: string | null;
  status: TicketStatus;
  assigneeId: string | null;
  groupId: string | null;
  customerId: string | null;
  /** First message by the customer, when messages were given. */
  firstCustomerMessageAt: Date | null;
  /** First public reply by a human agent; `null` if never answered. */
  firstResponseAt: Date | null;
  /** First time the ticket became solved or closed. */
  firstResolvedAt: Date | null;
  /** Latest time the ticket became solved or closed (equals the first when never reopened). */
  lastResolvedAt: Date | null;
  /** When the ticket was closed, if it is closed now (a closed ticket opened again is not). */
  closedAt: Date | null;
  /** Times the ticket went from solved or closed back to an open status. */
  reopenCount: number;
  /** Public human agent replies; `null` when neither given nor derivable from messages. */
  agentReplyCount: number | null;
  /** Agent work seconds on the ticket; `null` when unknown. */
  handleSeconds: number | null;
  escalated: boolean;
  tags: string[];
  category: string | null;
  /** Messages sorted by time, or `null` when not given. */
  messages: TicketMessage[] | null;
  /** Status changes sorted by time, or `null` when not given. */
  statusChanges: StatusChange[] | null;
}

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

type Raw = z.output<ReturnType<typeof ticketFields>>;

function byTime<T extends { at: Date }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Fills the flat fields a ticket left out from its messages and status changes. */
function derive(raw: Raw): Ticket {
  const messages = raw.messages ? byTime(raw.messages) : null;
  const changes = raw.statusChanges ? byTime(raw.statusChanges) : null;

  let firstCustomerMessageAt = raw.firstCustomerMessageAt;
  let firstResponseAt = raw.firstResponseAt;
  let agentReplyCount = raw.agentReplyCount ?? null;
  if (messages) {
    // A ticket an agent opened (outbound) starts with an agent message; that message is the
    // ticket itself, not a reply, so the clock stops at the next public agent reply (Zendesk).
    const replies = messages.filter(isAgentReply);
    const opener = messages[0] && isAgentReply(messages[0]) ? messages[0] : undefined;
    const counted = opener ? replies.slice(1) : replies;
    firstCustomerMessageAt ??= messages.find((m) => m.authorRole === "customer")?.at ?? null;
    firstResponseAt ??= counted[0]?.at ?? null;
    agentReplyCount ??= counted.length;
  }

  let firstResolvedAt = raw.firstResolvedAt;
  let lastResolvedAt = raw.lastResolvedAt;
  let closedAt = raw.closedAt;
  let reopenCount = raw.reopenCount ?? null;
  let status = raw.status ?? null;
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

  // Fill zod's fresh output object in place rather than copying it: validation allocates one
  // object per ticket, not two.
  const ticket = raw as unknown as Ticket;
  ticket.status = status;
  ticket.firstCustomerMessageAt = firstCustomerMessageAt;
  ticket.firstResponseAt = firstResponseAt;
  ticket.firstResolvedAt = firstResolvedAt;
  ticket.lastResolvedAt = lastResolvedAt;
  ticket.closedAt = closedAt;
  ticket.reopenCount = reopenCount ?? 0;
  ticket.agentReplyCount = agentReplyCount;
  ticket.handleSeconds = raw.handleSeconds ?? null;
  ticket.messages = messages;
  ticket.statusChanges = changes;
  return ticket;
}

function notBeforeCreation(
  ctx: z.RefinementCtx<Raw>,
  field: "messages" | "statusChanges",
  events: readonly { at: Date }[] | null | undefined,
  created: number,
): void {
  events?.forEach((event, i) => {
    if (event.at.getTime() < created) {
      ctx.addIssue({
        code: "custom",
        path: [field, i, "at"],
        message: "must not be before createdAt",
        input: event.at,
      });
    }
  });
}

/**
 * Reports messages and status changes dated before the ticket's creation. It runs before the
 * events are sorted, so that a path such as `["messages", 3, "at"]` points at the caller's
 * fourth message, not at the fourth by time.
 */
function checkEvents(raw: Raw, ctx: z.RefinementCtx<Raw>): void {
  const created = raw.createdAt.getTime();
  notBeforeCreation(ctx, "messages", raw.messages, created);
  notBeforeCreation(ctx, "statusChanges", raw.statusChanges, created);
}

/** Reports flat timestamps that contradict each other; a negative duration is a data error. */
function checkOrder(ticket: Ticket, ctx: z.RefinementCtx<Ticket>): void {
  const created = ticket.createdAt.getTime();
  const notBefore = (field: keyof Ticket, value: Date | null, limit: number, limitName: string) => {
    if (value && value.getTime() < limit) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `must not be before ${limitName}`,
        input: value,
      });
    }
  };
  notBefore("firstCustomerMessageAt", ticket.firstCustomerMessageAt, created, "createdAt");
  notBefore("firstResponseAt", ticket.firstResponseAt, created, "createdAt");
  notBefore("firstResolvedAt", ticket.firstResolvedAt, created, "createdAt");
  notBefore("closedAt", ticket.closedAt, created, "createdAt");
  if (ticket.firstResolvedAt) {
    notBefore(
      "lastResolvedAt",
      ticket.lastResolvedAt,
      ticket.firstResolvedAt.getTime(),
      "firstResolvedAt",
    );
  }
}

const STATUS_SET: ReadonlySet<string> = new Set(TICKET_STATUSES);

/** `tags`: absent is `[]`; otherwise up to 1000 strings of at most MAX_TEXT, copied. */
function readTags(value: unknown): string[] | typeof SLOW {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 1000) return SLOW;
  const tags = new Array<string>(value.length);
  for (let i = 0; i < value.length; i++) {
    const tag: unknown = value[i];
    if (typeof tag !== "string" || tag.length > MAX_TEXT) return SLOW;
    tags[i] = tag;
  }
  return tags;
}

/**
 * The ticket schema's fast path (see fastPath.ts): flat tickets (no messages or status
 * changes) whose every field is valid come out exactly as the schema would make them; any
 * other record returns `undefined` and goes through Zod, which says what is wrong.
 */
function fastTicket(timeZone: string | undefined) {
  return (input: unknown): Ticket | undefined => {
    if (!isRecordObject(input)) return undefined;
    // Events need sorting, derivation and per-event paths: the schema does that.
    if (input.messages != null || input.statusChanges != null) return undefined;
    const id = readIdentifier(input.id);
    const createdAt = readTimestamp(input.createdAt, timeZone);
    const channel = readOptionalLabel(input.channel);
    const priority = readOptionalLabel(input.priority);
    const status = readOptionalMember<TicketStatus>(input.status, STATUS_SET);
    const assigneeId = readOptionalIdentifier(input.assigneeId);
    const groupId = readOptionalIdentifier(input.groupId);
    const customerId = readOptionalIdentifier(input.customerId);
    const firstCustomerMessageAt = readOptionalTimestamp(input.firstCustomerMessageAt, timeZone);
    const firstResponseAt = readOptionalTimestamp(input.firstResponseAt, timeZone);
    let firstResolvedAt = readOptionalTimestamp(input.firstResolvedAt, timeZone);
    let lastResolvedAt = readOptionalTimestamp(input.lastResolvedAt, timeZone);
    const closedAt = readOptionalTimestamp(input.closedAt, timeZone);
    const reopenCount = readOptionalCount(input.reopenCount);
    const agentReplyCount = readOptionalCount(input.agentReplyCount);
    const handle: unknown = input.handleSeconds;
    // `z.boolean().default(false)` replaces only undefined: a null must reach the schema.
    const given: unknown = input.escalated;
    const escalated = given === undefined ? false : given;
    const tags = readTags(input.tags);
    const category = readOptionalLabel(input.category);
    if (
      id === SLOW ||
      createdAt === SLOW ||
      channel === SLOW ||
      priority === SLOW ||
      status === SLOW ||
      assigneeId === SLOW ||
      groupId === SLOW ||
      customerId === SLOW ||
      firstCustomerMessageAt === SLOW ||
      firstResponseAt === SLOW ||
      firstResolvedAt === SLOW ||
      lastResolvedAt === SLOW ||
      closedAt === SLOW ||
      reopenCount === SLOW ||
      agentReplyCount === SLOW ||
      tags === SLOW ||
      category === SLOW ||
      typeof escalated !== "boolean" ||
      !(handle == null || (typeof handle === "number" && Number.isFinite(handle) && handle >= 0))
    ) {
      return undefined;
    }
    // The same flat derivation and order checks as `derive` and `checkOrder`; a contradiction
    // goes to the schema, which reports it.
    firstResolvedAt ??= lastResolvedAt ?? closedAt;
    lastResolvedAt ??= firstResolvedAt;
    const created = createdAt.getTime();
    if (
      (firstCustomerMessageAt !== null && firstCustomerMessageAt.getTime() < created) ||
      (firstResponseAt !== null && firstResponseAt.getTime() < created) ||
      (firstResolvedAt !== null && firstResolvedAt.getTime() < created) ||
      (closedAt !== null && closedAt.getTime() < created) ||
      (firstResolvedAt !== null &&
        lastResolvedAt !== null &&
        lastResolvedAt.getTime() < firstResolvedAt.getTime())
    ) {
      return undefined;
    }
    return {
      id,
      createdAt,
      channel,
      priority,
      status: status ?? (closedAt ? "closed" : lastResolvedAt ? "solved" : "open"),
      assigneeId,
      groupId,
      customerId,
      firstCustomerMessageAt,
      firstResponseAt,
      firstResolvedAt,
      lastResolvedAt,
      closedAt,
      reopenCount: reopenCount ?? 0,
      agentReplyCount,
      handleSeconds: (handle as number | null | undefined) ?? null,
      escalated,
      tags,
      category,
      messages: null,
      statusChanges: null,
    };
  };
}

/**
 * The ticket schema's explainer (see fastPath.ts): for a flat ticket the fast path declined,
 * the schema's own issues when every problem is a common one; `undefined` otherwise.
 */
function explainTicket(timeZone: string | undefined) {
  return (input: unknown): FieldIssue[] | undefined => {
    if (!isRecordObject(input)) return undefined;
    if (input.messages != null || input.statusChanges != null) return undefined;
    if (readTags(input.tags) === SLOW) return undefined;
    // The schema's field order: issues come out in it.
    const issues = explainFields([
      ["id", explainIdentifier(input.id)],
      ["createdAt", explainTimestamp(input.createdAt, timeZone, false)],
      ["channel", explainOptionalLabel(input.channel)],
      ["priority", explainOptionalLabel(input.priority)],
      ["status", explainMember(input.status, STATUS_SET, true)],
      ["assigneeId", explainOptionalIdentifier(input.assigneeId)],
      ["groupId", explainOptionalIdentifier(input.groupId)],
      ["customerId", explainOptionalIdentifier(input.customerId)],
      ["firstCustomerMessageAt", explainTimestamp(input.firstCustomerMessageAt, timeZone, true)],
      ["firstResponseAt", explainTimestamp(input.firstResponseAt, timeZone, true)],
      ["firstResolvedAt", explainTimestamp(input.firstResolvedAt, timeZone, true)],
      ["lastResolvedAt", explainTimestamp(input.lastResolvedAt, timeZone, true)],
      ["closedAt", explainTimestamp(input.closedAt, timeZone, true)],
      ["reopenCount", explainOptionalCount(input.reopenCount)],
      ["agentReplyCount", explainOptionalCount(input.agentReplyCount)],
      ["handleSeconds", explainOptionalNonNegative(input.handleSeconds)],
      ["escalated", explainBoolean(input.escalated)],
      ["category", explainOptionalLabel(input.category)],
    ]);
    if (issues === undefined || issues.length > 0) return issues;
    // Every field is valid: what is left is `checkOrder`, on the derived resolution times.
    const created = timeOrNull(input.createdAt, timeZone) as number;
    const closed = timeOrNull(input.closedAt, timeZone);
    let lastResolved = timeOrNull(input.lastResolvedAt, timeZone);
    const firstResolved = timeOrNull(input.firstResolvedAt, timeZone) ?? lastResolved ?? closed;
    lastResolved ??= firstResolved;
    const customer = timeOrNull(input.firstCustomerMessageAt, timeZone);
    const response = timeOrNull(input.firstResponseAt, timeZone);
    notBefore(issues, "firstCustomerMessageAt", customer, created, "createdAt");
    notBefore(issues, "firstResponseAt", response, created, "createdAt");
    notBefore(issues, "firstResolvedAt", firstResolved, created, "createdAt");
    notBefore(issues, "closedAt", closed, created, "createdAt");
    if (firstResolved !== null) {
      notBefore(issues, "lastResolvedAt", lastResolved, firstResolved, "firstResolvedAt");
    }
    return issues.length > 0 ? issues : undefined;
  };
}

/** `checkOrder`'s issue, when `value` is before `limit`. */
function notBefore(
  issues: FieldIssue[],
  field: string,
  value: number | null,
  limit: number,
  limitName: string,
): void {
  if (value !== null && value < limit) {
    issues.push({ path: [field], code: "custom", message: `must not be before ${limitName}` });
  }
}

const cache = new Map<string, z.ZodType<Ticket, unknown>>();

/**
 * The Zod schema of a ticket. Pass `timeZone` to accept timestamps written without an
 * offset as local times in that zone.
 *
 * @example
 * ticketSchema().parse({ id: 7, createdAt: "2024-03-01T09:00:00Z" }).status
 * //=> "open"
 */
export function ticketSchema(options: TimestampOptions = {}): z.ZodType<Ticket, unknown> {
  const key = options.timeZone ?? "";
  let schema = cache.get(key);
  if (!schema) {
    const timeZone =
      options.timeZone === undefined ? undefined : checkTimeZone(options.timeZone, "timestamp");
    schema = withFastPath(
      ticketFields(options).superRefine(checkEvents).transform(derive).superRefine(checkOrder),
      fastTicket(timeZone),
      explainTicket(timeZone),
    );
    cache.set(key, schema);
  }
  return schema;
}

/** The ticket schema for timestamps that carry their own offset. */
export const TicketSchema = ticketSchema();
