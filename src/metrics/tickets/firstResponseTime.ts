import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { flag, oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
  durations,
} from "../../reduce/results.ts";
import type { Ticket, TicketMessage } from "../../schemas/ticket.ts";
import {
  all,
  compare,
  type Expr,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  not,
  SKETCH_REFUSAL,
  sketchAsked,
} from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type ClockOptions, clockOptionFields, spanClock } from "./elapsed.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/**
 * The fields {@link firstResponseTime} reads; callers may pass whole tickets.
 * `firstCustomerMessageAt` is read only with `startFrom: "firstCustomerMessage"`, and
 * `messages` only with `countAutomatedReplies`.
 */
export type FirstResponseTimeInput = Pick<Ticket, "createdAt" | "firstResponseAt"> &
  Partial<Pick<Ticket, "firstCustomerMessageAt" | "messages">>;

/** Where the first response clock starts. */
export type FirstResponseStart = "created" | "firstCustomerMessage";

/**
 * Options for {@link firstResponseTime}. With a `schedule` the time is counted in business
 * hours; see {@link ClockOptions}.
 */
export interface FirstResponseTimeOptions extends ClockOptions, DurationOptions {
  /**
   * `"created"` (default): the ticket's creation, as Zendesk, Freshdesk and Help Scout measure.
   * `"firstCustomerMessage"`: the customer's first message (`firstCustomerMessageAt`), as
   * Intercom measures.
   */
  startFrom?: FirstResponseStart;
  /**
   * Count public automated agent messages (triggers, macros) and bot messages as replies.
   * Defaults to `false`: only public human agent replies count, as every helpdesk reports.
   * Needs the ticket's `messages`; a ticket given without them keeps its `firstResponseAt`.
   */
  countAutomatedReplies?: boolean;
}

/** Why a ticket did not count. */
export type FirstResponseTimeExclusion =
  | "unknownFirstResponse"
  | "unanswered"
  | "noCustomerMessage"
  | "replyBeforeStart"
  | "noSchedule"
  | MergedSourceExclusion;

const EXCLUSIONS: readonly FirstResponseTimeExclusion[] = [
  "unknownFirstResponse",
  "unanswered",
  "noCustomerMessage",
  "replyBeforeStart",
  "noSchedule",
];
const STARTS = ["created", "firstCustomerMessage"] as const satisfies readonly FirstResponseStart[];

/** The schema of {@link FirstResponseTimeOptions}. */
const OPTIONS = z.strictObject({
  startFrom: z._default(oneOf(STARTS), "created"),
  countAutomatedReplies: z._default(flag(), false),
  ...durationOptionFields,
  ...clockOptionFields,
});

/** A public message by an agent or a bot, automated or not: a reply when automation counts. */
function isAnyReply(message: TicketMessage): boolean {
  return (message.authorRole === "agent" || message.authorRole === "bot") && message.public;
}

/**
 * The first reply when automated agent messages and bot messages count. As for human replies
 * (see `isAgentReply` in the ticket schema), a ticket that opens with such a message was
 * started by the support side: that message is the ticket, not a reply to it.
 */
function firstReplyCountingAutomation(messages: readonly TicketMessage[]): Date | null {
  // The first message is never the first reply: a reply there is the ticket itself, and
  // anything else is not a reply.
  for (let i = 1; i < messages.length; i++) {
    const message = messages[i] as TicketMessage;
    if (isAnyReply(message)) return message.at;
  }
  return null;
}

/**
 * First response time: seconds from a ticket's creation to its first public agent reply.
 *
 * Internal notes never count as replies, and neither do automated or bot messages unless
 * `countAutomatedReplies` is set. A ticket never answered is excluded as `unanswered`: it
 * has no first response time (it is not 0); one whose first response is not given at all
 * (`firstResponseAt` undefined: no such column, no messages) is excluded as
 * `unknownFirstResponse`, never as unanswered. With `startFrom: "firstCustomerMessage"` a
 * ticket without a customer message is excluded as `noCustomerMessage`, and one answered
 * before the customer wrote as `replyBeforeStart`.
 *
 * Calendar time by default; with a `schedule`, business time: only the seconds inside working
 * hours, so a ticket created on Friday at 17:55 and answered on Monday at 09:10, on a
 * Monday–Friday 09:00–18:00 schedule, waited 5 + 10 minutes = 900 s. A ticket whose business
 * time cannot be computed (no schedule version in force for part of the span) is excluded as
 * `noSchedule`, never counted as 0. A ticket is placed in a period by `createdAt`.
 * Definition: docs/definitions.md, "First response time".
 *
 * @param items - Validated tickets.
 * @param options - See {@link FirstResponseTimeOptions}.
 * @returns The distribution of first response times in seconds (`n`, `mean`, `median`, `p90`,
 *   `p95`, `min`, `max`) with the chosen statistic as `value`, `null` when no ticket counts.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * // answered after 20 s, 15 s and 30 s: (20 + 15 + 30) / 3 = 65 / 3 ≈ 21.67 s
 * const replies = [20, 15, 30].map((s) => new Date(createdAt.getTime() + s * 1000));
 * firstResponseTime(replies.map((firstResponseAt) => ({ createdAt, firstResponseAt }))).value
 * //=> 21.67
 *
 * @example In business hours: Friday 17:55 → Monday 09:10 on Mon–Fri 09:00–18:00 is 5 + 10 minutes
 * import { schedule } from "../../time/schedule.ts";
 * const day = [{ start: "09:00", end: "18:00" }];
 * const office = schedule({
 *   timeZone: "Europe/London",
 *   weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
 * });
 * const weekend = { createdAt: new Date("2024-03-01T17:55:00Z"), firstResponseAt: new Date("2024-03-04T09:10:00Z") };
 * firstResponseTime([weekend], { schedule: office }).value
 * //=> 900
 */
export const firstResponseTime = callOf(firstResponseTimeReducer);

/**
 * The mergeable reducer behind {@link firstResponseTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * // answered after 20 s, 15 s and 30 s: (20 + 15 + 30) / 3 = 65 / 3 ≈ 21.67 s
 * const replies = [20, 15, 30].map((s) => new Date(createdAt.getTime() + s * 1000));
 * const all = replies.map((firstResponseAt) => ({ createdAt, firstResponseAt }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(firstResponseTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 21.67
 */
export function firstResponseTimeReducer(
  options: FirstResponseTimeOptions = {},
): DurationReducer<FirstResponseTimeInput, FirstResponseTimeExclusion> {
  const fn = "firstResponseTime";
  const {
    startFrom,
    countAutomatedReplies: countAutomated,
    statistic,
    percentiles,
    interval,
    ...clockOptions
  } = readOptions(fn, OPTIONS, options);
  const clock = spanClock(fn, clockOptions);
  /** The ticket's first response time in seconds, or why it has none. */
  function measure(ticket: FirstResponseTimeInput): number | FirstResponseTimeExclusion {
    const reply =
      countAutomated && ticket.messages
        ? firstReplyCountingAutomation(ticket.messages)
        : ticket.firstResponseAt;
    // `undefined`: not given (no first-response column, no messages); `null`: never answered.
    if (reply === undefined) return "unknownFirstResponse";
    if (reply === null) return "unanswered";
    // Cheap checks for records that never went through the schema (recordError.ts).
    if (!isInstant(reply))
      badField(fn, "firstResponseAt", "a valid Date, null or undefined", reply);
    const start =
      startFrom === "created"
        ? requireInstant(fn, "createdAt", ticket.createdAt)
        : (ticket.firstCustomerMessageAt ?? null);
    if (start === null) return "noCustomerMessage";
    if (!isInstant(start)) {
      badField(fn, "firstCustomerMessageAt", "a valid Date or null", start);
    }
    if (startFrom === "firstCustomerMessage") requireInstant(fn, "createdAt", ticket.createdAt);
    if (reply.getTime() < start.getTime()) return "replyBeforeStart";
    return clock.span(start.getTime(), reply.getTime()) ?? "noSchedule";
  }
  return skipMergedSources(
    durations.reducer(fn, {
      timeOf: (ticket) => ticket.createdAt,
      measure,
      exclusions: EXCLUSIONS,
      percentiles,
      statistic,
      interval,
    }),
  );
}

/** First response time in the catalogue: the CLI's `frt`. */
export const firstResponseTimeMetric = defineMetric({
  name: "frt",
  aliases: ["first-response"],
  key: "firstResponseTime",
  label: "First response time",
  description: "Time from a ticket's creation to its first public agent reply.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResponseAt"],
  placement: { by: "instant", field: "createdAt" },
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  vendors: {
    zendesk: {
      startFrom: "created",
      countAutomatedReplies: false,
      statistic: "mean",
      scheduleRule: "atEvent",
    },
    freshdesk: { startFrom: "created", countAutomatedReplies: false, statistic: "mean" },
    intercom: {
      startFrom: "firstCustomerMessage",
      countAutomatedReplies: false,
      statistic: "median",
    },
    helpscout: { startFrom: "created", countAutomatedReplies: false, statistic: "mean" },
    chatwoot: { startFrom: "created", countAutomatedReplies: false, statistic: "mean" },
  },
  sql: (options, relation) => {
    if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
    const fromCustomer = options.startFrom === "firstCustomerMessage";
    const start = field(fromCustomer ? "firstCustomerMessageAt" : "createdAt");
    // With automated replies counted, a ticket with messages (an empty list too) is answered
    // by its first public agent or bot message after the first (firstReplyCountingAutomation);
    // one without keeps its firstResponseAt, as the reducer does.
    const readsMessages = options.countAutomatedReplies && relation.has("messages");
    const reply: Expr = readsMessages
      ? {
          cases: [
            {
              when: not(isNull("messages")),
              result: { firstMessageAt: { list: "messages", roles: ["agent", "bot"] } },
            },
          ],
          otherwise: field("firstResponseAt"),
        }
      : field("firstResponseAt");
    const unknown: Expr = { absent: "firstResponseAt" };
    return {
      exclude: [
        MERGED_SOURCE_RULE,
        {
          reason: "unknownFirstResponse",
          when: readsMessages ? all(isNull("messages"), unknown) : unknown,
        },
        { reason: "unanswered", when: { missing: reply } },
        ...(fromCustomer
          ? [{ reason: "noCustomerMessage", when: isNull("firstCustomerMessageAt") }]
          : []),
        { reason: "replyBeforeStart", when: compare("<", reply, start) },
      ],
      duration: { start, end: reply, timing: options },
      statistic: options.statistic ?? "mean",
    };
  },
  reducer: firstResponseTimeReducer,
});
