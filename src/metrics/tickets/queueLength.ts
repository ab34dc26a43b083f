import * as z from "zod/mini";
import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer, Span } from "../../reduce/reducer.ts";
import type { Excluded } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { compare, field, MEASURED } from "../../sql/spec.ts";
import { ticketStockSql } from "../../sql/ticketStock.ts";
import { defineMetric } from "../define.ts";
import {
  type AgeBucket,
  type OpenSpanInput,
  openSpan,
  stockOptionFields,
  ticketStockReducer,
} from "./openSpans.ts";

/** The fields {@link queueLength} reads; callers may pass whole tickets. */
export type QueueLengthInput = OpenSpanInput & Pick<Ticket, "firstResponseAt">;

/** Options for {@link queueLength}. */
export interface QueueLengthOptions {
  /**
   * The instant to measure, for the plain call (required there) and for a rollup that is not
   * grouped by period. In a rollup by period, each period is measured at its end instead.
   */
  asOf?: Date | string | number;
  /**
   * Waiting-time bucket boundaries in seconds, strictly increasing. Defaults to 1 day,
   * 3 days, 7 days and 30 days. A ticket's wait is the time from creation to the instant.
   */
  ageBuckets?: readonly number[];
}

/**
 * Why a ticket handed to the metric is not in the queue:
 * - `notOpen`: handed to the metric (its span reaches the period or instant) but not open at
 *   the instant measured, by the backlog rule: resolved before it inside the period, or solved
 *   at it by its status history (a ticket created at or after the instant is never handed);
 * - `answered`: open, but an agent had already replied (`firstResponseAt` before it);
 * - `unknownResolution`: `solved` or `closed` without a resolution time or status history;
 * - `unknownFirstResponse`: open, but whether it was answered is unknown (`firstResponseAt`
 *   not given: no such column, no messages).
 */
export type QueueLengthExclusion =
  | "notOpen"
  | "answered"
  | "unknownResolution"
  | "unknownFirstResponse";

/** The accumulator behind {@link queueLength}. */
export interface QueueLengthState {
  count: number;
  byAge: number[];
  /** Epoch milliseconds of the instant measured; `null` until a ticket is added. */
  measuredAt: number | null;
  excluded: Excluded<QueueLengthExclusion>;
}

/** The queue at an instant, with how long its tickets have waited. */
export interface QueueLengthResult {
  /**
   * Open tickets still waiting for a first agent reply (0, not `null`, when none); `null`
   * when none was counted and some open ticket's first response is unknown, so a file
   * without first-response data never shows an empty queue.
   */
  value: number | null;
  /** Waiting tickets by time since creation; the counts add up to `value`. */
  byAge: AgeBucket[];
  /**
   * The instant measured (ISO 8601): the window's end, or `asOf` when no ticket was added;
   * `null` for a rollup period that no ticket reached.
   */
  measuredAt: string | null;
  excluded: Excluded<QueueLengthExclusion>;
}

const EXCLUSIONS: readonly QueueLengthExclusion[] = [
  "notOpen",
  "answered",
  "unknownResolution",
  "unknownFirstResponse",
];

/** The schema of {@link QueueLengthOptions}: the options every stock of tickets takes. */
const OPTIONS = z.strictObject(stockOptionFields);

/**
 * A ticket's first response: the Date, `null` (none yet) or `undefined` (unknown); anything
 * else is a record that never went through the schema (recordError.ts) and throws.
 */
function firstReply(ticket: QueueLengthInput): Date | null | undefined {
  const reply: unknown = ticket.firstResponseAt;
  if (reply === undefined || reply === null || isInstant(reply)) return reply;
  return badField("queueLength", "firstResponseAt", "a valid Date, null or absent", reply);
}

/** The widest span a ticket may wait in the queue: open and not yet answered. */
function queueSpan(ticket: QueueLengthInput): Span {
  const open = openSpan(ticket);
  const answered = firstReply(ticket)?.getTime() ?? Number.POSITIVE_INFINITY;
  return { start: open.start, end: Math.min(open.end, answered) };
}

/**
 * Queue length: the number of tickets open at an instant that are still waiting for their
 * first public agent reply — created before it and not resolved before it (the backlog rule),
 * and with no `firstResponseAt` before it: a ticket answered exactly at the instant still
 * waited until then, as one resolved then is still in the backlog. Always at most the backlog
 * at the same instant. A stock: in a rollup by period it is read at each period's end.
 * Definition: docs/definitions.md, "Queue length".
 *
 * @param items - Validated tickets.
 * @param options - `asOf` (required): the instant to measure. See {@link QueueLengthOptions}.
 * @returns `value` (a count, 0 when nobody waits), `byAge`, `measuredAt` and `excluded`.
 * @throws TypeError when `asOf` is missing.
 *
 * @example
 * const tickets = [
 *   { createdAt: new Date("2024-03-01T09:00:00Z"), status: "open", lastResolvedAt: null, firstResponseAt: null },
 *   { createdAt: new Date("2024-03-01T10:00:00Z"), status: "open", lastResolvedAt: null, firstResponseAt: new Date("2024-03-01T11:00:00Z") },
 * ];
 * queueLength(tickets, { asOf: new Date("2024-03-01T12:00:00Z") }).value
 * //=> 1
 */
export const queueLength: CallNeeding<typeof queueLengthReducer, "asOf"> =
  callOf(queueLengthReducer);

/**
 * The mergeable reducer behind {@link queueLength}, for `rollup` and for shards. It declares
 * `spanOf` (creation to the first reply or final resolution, whichever comes first).
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const tickets = [
 *   { createdAt: new Date("2024-03-01T09:00:00Z"), status: "open", lastResolvedAt: null, firstResponseAt: null },
 *   { createdAt: new Date("2024-03-01T10:00:00Z"), status: "open", lastResolvedAt: null, firstResponseAt: new Date("2024-03-01T11:00:00Z") },
 * ];
 * const all = tickets;
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(queueLengthReducer({ asOf: new Date("2024-03-01T12:00:00Z") }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 1
 */
export function queueLengthReducer(
  options: QueueLengthOptions = {},
): Reducer<QueueLengthInput, QueueLengthState, QueueLengthResult> {
  const { asOf, ageBuckets } = readOptions("queueLength", OPTIONS, options);
  const stock = ticketStockReducer("queueLength", {
    asOf,
    ageBuckets,
    exclusions: EXCLUSIONS,
    spanOf: queueSpan,
    leftOut(ticket: QueueLengthInput, t: number) {
      const reply = firstReply(ticket);
      if (reply === undefined) return "unknownFirstResponse";
      return reply !== null && reply.getTime() < t ? "answered" : null;
    },
  });
  return {
    ...stock,
    // Nothing counted while some open ticket's first response is unknown: not an empty queue.
    result(state) {
      const result = stock.result(state);
      return result.value === 0 && state.excluded.unknownFirstResponse > 0
        ? { ...result, value: null }
        : result;
    },
  };
}

/** Queue length in the catalogue: the CLI's `queue-length`, measured at each period's end. */
export const queueLengthMetric = defineMetric({
  name: "queue-length",
  key: "queueLength",
  label: "Queue length",
  description: "Tickets open at the end of each period still waiting for a first agent reply.",
  unit: "count",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "status", "lastResolvedAt", "firstResponseAt"],
  placement: { by: "stock", span: "unanswered" },
  result: "count",
  options: OPTIONS,
  // Waiting until the first reply: its time ends the span; a record without the field (not
  // given, not null) is left out as unknownFirstResponse wherever it is open.
  sql: (options, relation) =>
    ticketStockSql(
      options,
      relation,
      [
        { reason: "unknownFirstResponse", when: { absent: "firstResponseAt" } },
        { reason: "answered", when: compare("<", field("firstResponseAt"), MEASURED) },
      ],
      [{ field: "firstResponseAt" }],
    ),
  reducer: queueLengthReducer,
});
