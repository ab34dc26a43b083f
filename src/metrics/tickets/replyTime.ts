import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { flag, oneOf, readOptions } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import type { Reducer, Window } from "../../reduce/reducer.ts";
import {
  type DurationOptions,
  type DurationResult,
  type DurationState,
  durationOptionFields,
  durations,
} from "../../reduce/results.ts";
import { isAgentReply, type Ticket, type TicketMessage } from "../../schemas/ticket.ts";
import {
  compare,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  type MetricSql,
  needsBusinessTime,
  not,
  SKETCH_REFUSAL,
  type SpanTiming,
  sketchAsked,
  WAIT_COLUMNS,
} from "../../sql/spec.ts";
import { durationIntervalFor, withInterval } from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { type ClockOptions, clockOptionFields, spanClock } from "./elapsed.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";
import { isMessage, MESSAGES } from "./messageCheck.ts";

/** The fields {@link replyTime} reads; callers may pass whole tickets. */
export type ReplyTimeInput = Pick<Ticket, "messages">;

/**
 * Which customer messages start a wait:
 * - `"each"`: every customer message, until the next agent reply (dbt_zendesk's total reply
 *   time, Freshdesk's average response time);
 * - `"firstUnanswered"`: one wait per run of customer messages, from the first one not yet
 *   answered (Zendesk's next reply time SLA, Chatwoot's reply time).
 */
export type ReplyTimeFrom = "each" | "firstUnanswered";

/**
 * Options for {@link replyTime}. With a `schedule` each wait is counted in business hours; see
 * {@link ClockOptions}.
 */
export interface ReplyTimeOptions extends ClockOptions, DurationOptions {
  /** See {@link ReplyTimeFrom}. Defaults to `"each"`. */
  from?: ReplyTimeFrom;
  /**
   * Leave out the waits ended by the ticket's first reply, so the metric measures only
   * follow-up replies (Chatwoot's reply time; first replies are first response time).
   * Defaults to `false`.
   */
  excludeFirstReply?: boolean;
}

/** Why a ticket did not count. */
export type ReplyTimeExclusion = "noMessages" | "noReplies" | "noSchedule" | MergedSourceExclusion;

/** The accumulator behind {@link replyTime}: every wait, and the tickets they came from. */
export interface ReplyTimeState extends DurationState<ReplyTimeExclusion> {
  tickets: number;
}

/**
 * Reply times in seconds, one per (customer message, agent reply) pair, as `n`; `tickets` is
 * the number of tickets that contributed at least one pair.
 */
export interface ReplyTimeResult extends DurationResult<ReplyTimeExclusion> {
  tickets: number;
}

const EXCLUSIONS: readonly ReplyTimeExclusion[] = ["noMessages", "noReplies", "noSchedule"];
const FROMS = ["each", "firstUnanswered"] as const satisfies readonly ReplyTimeFrom[];

/** The schema of {@link ReplyTimeOptions}. */
const OPTIONS = z.strictObject({
  from: z._default(oneOf(FROMS), "each"),
  excludeFirstReply: z._default(flag(), false),
  ...durationOptionFields,
  ...clockOptionFields,
});

/** One wait: a customer message (epoch ms) and the agent reply that ended it. */
interface Wait {
  asked: number;
  replied: number;
}

/**
 * The waits of a ticket, in time order. A reply is a public human agent message
 * (`isAgentReply`); notes, bots and automation never end a wait. An agent message with no
 * customer message waiting (an outbound ticket's first message) ends no wait.
 */
function waitsOf(
  messages: readonly TicketMessage[],
  from: ReplyTimeFrom,
  excludeFirstReply: boolean,
): Wait[] {
  if (!Array.isArray(messages)) badField("replyTime", "messages", MESSAGES, messages);
  const waits: Wait[] = [];
  let waiting: number[] = [];
  let answeredBefore = false;
  for (const message of messages) {
    // Checked in the pass that reads them, for records that never went through the schema.
    if (!isMessage(message)) badField("replyTime", "messages", MESSAGES, message);
    if (message.authorRole === "customer") {
      waiting.push(message.at.getTime());
    } else if (waiting.length > 0 && isAgentReply(message)) {
      const replied = message.at.getTime();
      if (answeredBefore || !excludeFirstReply) {
        const asked = from === "each" ? waiting : waiting.slice(0, 1);
        for (const start of asked) waits.push({ asked: start, replied });
      }
      answeredBefore = true;
      waiting = [];
    }
  }
  return waits;
}

function inWindow(time: number, window: Window | undefined): boolean {
  return window === undefined || (time >= window.start && time < window.end);
}

/**
 * Average reply time: seconds from each customer message to the next public agent reply,
 * averaged over all such pairs (two customer messages answered by one reply are two pairs).
 *
 * Needs the ticket's messages: a ticket without them is excluded as `noMessages`, one whose
 * customer messages were never answered (or, with `excludeFirstReply`, answered only once) as
 * `noReplies`. Each pair is placed in a period by the time of its reply, so a ticket whose
 * replies fall on two days counts in both, each day with its own pairs (`tickets` then counts
 * it on both days).
 *
 * Calendar time by default; with a `schedule`, each wait is business time (under
 * `scheduleRule: "atEvent"`, by the schedule version in force at its reply). A ticket with a
 * wait whose business time cannot be computed (no schedule version in force for part of it) is
 * excluded as `noSchedule`, with all its waits in that period: a ticket is measured whole or not
 * at all, so an untimed wait is never dropped from the average or counted as 0. Definition:
 * docs/definitions.md, "Reply time".
 *
 * @param items - Validated tickets with their messages.
 * @param options - See {@link ReplyTimeOptions}.
 * @returns The distribution of reply times in seconds (`n` pairs, `mean`, `median`, `p90`,
 *   `p95`, `min`, `max`) with the chosen statistic as `value` (`null` with no pair), and
 *   `tickets`, the tickets that contributed.
 *
 * @example
 * const message = (authorRole, time) =>
 *   ({ at: new Date(`2024-03-01T${time}Z`), authorRole, public: true, automated: false, authorId: null });
 * // 09:00 and 09:10 answered at 09:20 (1200 s and 600 s), 10:00 answered at 10:30 (1800 s):
 * // (1200 + 600 + 1800) / 3 = 1200 s
 * replyTime([{ messages: [message("customer", "09:00:00"), message("customer", "09:10:00"),
 *   message("agent", "09:20:00"), message("customer", "10:00:00"), message("agent", "10:30:00")] }]).value
 * //=> 1200
 */
export const replyTime = callOf(replyTimeReducer);

/**
 * The mergeable reducer behind {@link replyTime}, for `rollup` and for shards. It declares
 * `timesOf` (the reply time of every pair), and `add` counts only the pairs whose reply lies
 * in the window it is given (all of them without a window).
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const message = (authorRole, time) =>
 *   ({ at: new Date(`2024-03-01T${time}Z`), authorRole, public: true, automated: false, authorId: null });
 * // 09:00 and 09:10 answered at 09:20 (1200 s and 600 s), 10:00 answered at 10:30 (1800 s):
 * // (1200 + 600 + 1800) / 3 = 1200 s
 * const all = [{ messages: [message("customer", "09:00:00"), message("customer", "09:10:00"),
 *   message("agent", "09:20:00"), message("customer", "10:00:00"), message("agent", "10:30:00")] }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(replyTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 1200
 */
export function replyTimeReducer(
  options: ReplyTimeOptions = {},
): Reducer<ReplyTimeInput, ReplyTimeState, ReplyTimeResult> {
  const fn = "replyTime";
  const { from, excludeFirstReply, statistic, percentiles, interval, ...clockOptions } =
    readOptions(fn, OPTIONS, options);
  const clock = spanClock(fn, clockOptions);
  const waits = (ticket: ReplyTimeInput): Wait[] =>
    ticket.messages === null || ticket.messages === undefined
      ? []
      : waitsOf(ticket.messages, from, excludeFirstReply);
  const choice = durationIntervalFor(fn, interval, statistic, percentiles?.sketch != null);
  const plain: ReturnType<typeof replyTimeReducer> = skipMergedSources({
    name: fn,
    timeOf(ticket) {
      const first = waits(ticket)[0];
      return first ? new Date(first.replied) : null;
    },
    timesOf: (ticket) => waits(ticket).map((wait) => new Date(wait.replied)),
    init: () => ({ ...durations.init(EXCLUSIONS, percentiles), tickets: 0 }),
    add(state, ticket, window) {
      const messages: unknown = ticket.messages;
      if (
        messages === null ||
        messages === undefined ||
        (Array.isArray(messages) && messages.length === 0)
      ) {
        state.excluded.noMessages++;
        return;
      }
      const all = waits(ticket);
      if (all.length === 0) {
        state.excluded.noReplies++;
        return;
      }
      // A ticket with replies in several periods is added once per period; each time it
      // contributes only that period's pairs, so no pair is counted twice.
      const seconds: number[] = [];
      for (const wait of all) {
        if (!inWindow(wait.replied, window)) continue;
        const measured = clock.span(wait.asked, wait.replied);
        if (measured === null) {
          state.excluded.noSchedule++;
          return;
        }
        seconds.push(measured);
      }
      if (seconds.length === 0) return;
      for (const value of seconds) durations.add(state, value);
      state.tickets++;
    },
    merge: (a, b) => ({ ...durations.merge(a, b), tickets: a.tickets + b.tickets }),
    result: (state) => ({ ...durations.result(state, statistic), tickets: state.tickets }),
  });
  return withInterval(plain, choice, durations.intervalOf);
}

/** Why business time over the waits does not compile. */
const BUSINESS_WAITS_REFUSAL =
  "business time over each wait of a ticket's messages is not compiled to SQL (each wait would be joined to the working intervals); use the calendar clock, or the in-memory engine";

/**
 * The `sql` declaration of reply time, with its checked options: the waits of a ticket's
 * messages (spec.ts `WaitsSql`, compiled by src/sql/waits.ts), excluded as the reducer
 * excludes (a merged source, no messages, no replies); business time over the waits and
 * sketched percentiles are refused with their reasons (src/sql/messages.test.ts).
 */
function replyTimeSql(
  options: SpanTiming & {
    readonly from?: ReplyTimeFrom | undefined;
    readonly excludeFirstReply?: boolean | undefined;
    readonly statistic?: "mean" | "median" | "p90" | "p95" | undefined;
    readonly percentiles?: unknown;
  },
): MetricSql {
  if (needsBusinessTime(options)) return { refused: BUSINESS_WAITS_REFUSAL };
  if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      // No messages given (null or no column), or an empty list.
      { reason: "noMessages", when: not(compare(">", field(WAIT_COLUMNS.messages), 0)) },
      // A row without a wait is the one row of a ticket that has none.
      { reason: "noReplies", when: isNull(WAIT_COLUMNS.replied) },
    ],
    waits: {
      list: "messages",
      from: options.from ?? "each",
      excludeFirstReply: options.excludeFirstReply ?? false,
      records: "tickets",
    },
    statistic: options.statistic ?? "mean",
  };
}

/** Reply time in the catalogue: the CLI's `reply`, placed by each reply. */
export const replyTimeMetric = defineMetric({
  name: "reply",
  key: "replyTime",
  label: "Reply time",
  description: "Time from each customer message to the public agent reply that answers it.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["messages"],
  placement: { by: "instants", events: "replies" },
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  vendors: {
    zendesk: {
      from: "firstUnanswered",
      excludeFirstReply: false,
      statistic: "mean",
      scheduleRule: "atEvent",
    },
    freshdesk: { from: "each", excludeFirstReply: false, statistic: "mean" },
    intercom: { from: "firstUnanswered", excludeFirstReply: false, statistic: "median" },
    helpscout: { from: "firstUnanswered", excludeFirstReply: false, statistic: "mean" },
    chatwoot: { from: "firstUnanswered", excludeFirstReply: true, statistic: "mean" },
  },
  sql: replyTimeSql,
  reducer: replyTimeReducer,
});
