import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { flag, oneOf, readOptions } from "../../reduce/options.ts";
import { badField, requireInstant } from "../../reduce/recordError.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
  durations,
} from "../../reduce/results.ts";
import { TICKET_STATUSES, type Ticket, type TicketStatus } from "../../schemas/ticket.ts";
import {
  all,
  compare,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  type MetricSql,
  SKETCH_REFUSAL,
  sketchAsked,
} from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type ClockOptions, clockOptionFields, spanClock } from "./elapsed.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";
import { resolutionEnd, resolutionOption, resolutionPlacement, statusSpans } from "./statusTime.ts";

/**
 * The fields {@link resolutionTime} reads; callers may pass whole tickets. `statusChanges` is
 * read only with `pauseWhilePending`, and `agentReplyCount` and `firstResponseAt` only with
 * `requireAgentReply`.
 */
export type ResolutionTimeInput = Pick<Ticket, "createdAt" | "firstResolvedAt" | "lastResolvedAt"> &
  Partial<Pick<Ticket, "statusChanges" | "agentReplyCount" | "firstResponseAt">>;

/**
 * Which resolution ends the clock: `"first"`, the first time the ticket was solved or
 * closed; `"full"`, the latest time, so reopened tickets count until their final solve.
 */
export type Resolution = "first" | "full";

/**
 * Options for {@link resolutionTime}. With a `schedule` the time is counted in business hours;
 * see {@link ClockOptions}.
 */
export interface ResolutionTimeOptions extends ClockOptions, DurationOptions {
  /** See {@link Resolution}. Defaults to `"first"`. */
  resolution?: Resolution;
  /**
   * Leave out the time the ticket spent in `pausedStatuses` (waiting on the customer or a
   * third party) between creation and resolution, read from `statusChanges`. A ticket
   * without status history is then excluded as `noStatusHistory`, never measured unpaused.
   * Before its first recorded change a ticket is `"new"`. In business time the paused stays
   * are measured in business time too. Defaults to `false` (all statuses count, as Zendesk's
   * native resolution times).
   */
  pauseWhilePending?: boolean;
  /**
   * The statuses that stop the clock with `pauseWhilePending`. Defaults to
   * `["pending", "onHold"]`. Add `"solved"` to leave out the time a reopened ticket spent
   * solved before it was reopened (with `resolution: "full"`).
   */
  pausedStatuses?: readonly TicketStatus[];
  /**
   * Count only tickets with at least one public agent reply, as Help Scout does. A ticket
   * whose `agentReplyCount` is 0 is excluded as `noReply`. When the count is unknown (`null`:
   * neither given nor derivable from messages), a `firstResponseAt` proves a reply; without
   * either the ticket is excluded as `unknownReplyCount`, never guessed. Defaults to `false`.
   */
  requireAgentReply?: boolean;
}

/** Why a ticket did not count. */
export type ResolutionTimeExclusion =
  | "unresolved"
  | "noReply"
  | "unknownReplyCount"
  | "noStatusHistory"
  | "noSchedule"
  | MergedSourceExclusion;

const EXCLUSIONS: readonly ResolutionTimeExclusion[] = [
  "unresolved",
  "noReply",
  "unknownReplyCount",
  "noStatusHistory",
  "noSchedule",
];
/** The schema of {@link ResolutionTimeOptions}. */
const OPTIONS = z.strictObject({
  resolution: resolutionOption("first"),
  pauseWhilePending: z._default(flag(), false),
  pausedStatuses: z._default(
    z.array(oneOf(TICKET_STATUSES), { error: "must be an array of statuses" }),
    ["pending", "onHold"],
  ),
  requireAgentReply: z._default(flag(), false),
  ...durationOptionFields,
  ...clockOptionFields,
});

/**
 * Resolution time: seconds from a ticket's creation to its first resolution (or, with
 * `resolution: "full"`, its latest one).
 *
 * Unresolved tickets are excluded as `unresolved`. By default the clock runs in every status;
 * `pauseWhilePending` stops it while the ticket waits in `pausedStatuses`.
 *
 * Calendar time by default; with a `schedule`, business time. Under
 * `scheduleRule: "atEvent"` the whole span, paused stays included, is timed by the schedule
 * version in force at the resolution (as Zendesk's single-event metrics). A ticket whose
 * business time cannot be computed (no schedule version in force for part of it) is excluded
 * as `noSchedule`, never counted as 0. A ticket is placed in a period by the resolution that
 * ends its clock. Definition: docs/definitions.md, "Resolution time".
 *
 * @param items - Validated tickets.
 * @param options - See {@link ResolutionTimeOptions}.
 * @returns The distribution of resolution times in seconds (`n`, `mean`, `median`, `p90`,
 *   `p95`, `min`, `max`) with the chosen statistic as `value`, `null` when no ticket counts.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * // solved after 1 h and after 3 h: (3600 + 10800) / 2 = 7200 s
 * resolutionTime([
 *   { createdAt, firstResolvedAt: new Date("2024-03-01T10:00:00Z"), lastResolvedAt: new Date("2024-03-01T10:00:00Z") },
 *   { createdAt, firstResolvedAt: new Date("2024-03-01T12:00:00Z"), lastResolvedAt: new Date("2024-03-02T12:00:00Z") },
 * ]).value
 * //=> 7200
 */
export const resolutionTime = callOf(resolutionTimeReducer);

/**
 * The mergeable reducer behind {@link resolutionTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * // solved after 1 h and after 3 h: (3600 + 10800) / 2 = 7200 s
 * const all = [
 *   { createdAt, firstResolvedAt: new Date("2024-03-01T10:00:00Z"), lastResolvedAt: new Date("2024-03-01T10:00:00Z") },
 *   { createdAt, firstResolvedAt: new Date("2024-03-01T12:00:00Z"), lastResolvedAt: new Date("2024-03-02T12:00:00Z") },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(resolutionTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 7200
 */
export function resolutionTimeReducer(
  options: ResolutionTimeOptions = {},
): DurationReducer<ResolutionTimeInput, ResolutionTimeExclusion> {
  const fn = "resolutionTime";
  const {
    resolution,
    pauseWhilePending: pause,
    pausedStatuses,
    requireAgentReply: requireReply,
    statistic,
    percentiles,
    interval,
    ...clockOptions
  } = readOptions(fn, OPTIONS, options);
  const paused = new Set<TicketStatus>(pausedStatuses);
  const running: ReadonlySet<TicketStatus> = new Set(
    TICKET_STATUSES.filter((status) => !paused.has(status)),
  );
  const clock = spanClock(fn, clockOptions);
  const { endOf, checkedEnd } = resolutionEnd(fn, resolution);
  /** The ticket's resolution time in seconds, or why it has none. */
  function measure(ticket: ResolutionTimeInput): number | ResolutionTimeExclusion {
    const end = checkedEnd(ticket);
    if (end === undefined) return "unresolved";
    if (requireReply) {
      const replies = ticket.agentReplyCount ?? null;
      if (replies === 0) return "noReply";
      if (replies === null && (ticket.firstResponseAt ?? null) === null) return "unknownReplyCount";
    }
    const start = requireInstant(fn, "createdAt", ticket.createdAt).getTime();
    if (start > end.getTime())
      badField(fn, "createdAt", "at or before the resolution", ticket.createdAt);
    let seconds: number | null;
    if (pause) {
      const changes = ticket.statusChanges;
      if (!changes || changes.length === 0) return "noStatusHistory";
      // The running stays, each timed by the clock as parts of the one resolution time.
      const stays = statusSpans(start, end.getTime(), changes, running);
      seconds = clock.partsOf(stays, end.getTime());
    } else {
      seconds = clock.span(start, end.getTime());
    }
    return seconds ?? "noSchedule";
  }
  return skipMergedSources(
    durations.reducer(fn, {
      timeOf: endOf,
      measure,
      exclusions: EXCLUSIONS,
      percentiles,
      statistic,
      interval,
    }),
  );
}

/** Resolution time as data for the SQL compiler (src/sql/spec.ts). */
function resolutionTimeSql(options: ResolutionTimeOptions): MetricSql {
  if (options.pauseWhilePending)
    return {
      refused:
        "pauseWhilePending pauses the clock by the statusChanges arrays, which the compiler does not write yet",
    };
  if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
  const end = (options.resolution ?? "first") === "first" ? "firstResolvedAt" : "lastResolvedAt";
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "unresolved", when: isNull(end) },
      ...(options.requireAgentReply
        ? [
            { reason: "noReply", when: compare("=", field("agentReplyCount"), 0) },
            {
              reason: "unknownReplyCount",
              when: all(isNull("agentReplyCount"), isNull("firstResponseAt")),
            },
          ]
        : []),
    ],
    duration: { start: field("createdAt"), end: field(end), timing: options },
    statistic: options.statistic ?? "mean",
  };
}

/** Resolution time in the catalogue: the CLI's `resolution`, to the first resolution. */
export const resolutionTimeMetric = defineMetric({
  name: "resolution",
  aliases: ["resolution-time"],
  key: "resolutionTime",
  label: "Resolution time",
  description: "Time from a ticket's creation to its first resolution.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResolvedAt", "lastResolvedAt"],
  placement: resolutionPlacement("first"),
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  vendors: {
    zendesk: { resolution: "first", statistic: "mean", scheduleRule: "atEvent" },
    freshdesk: { resolution: "full", pauseWhilePending: false, statistic: "mean" },
    intercom: { resolution: "first", statistic: "median" },
    helpscout: { resolution: "first", requireAgentReply: true, statistic: "mean" },
    chatwoot: { resolution: "full", statistic: "mean" },
  },
  sql: resolutionTimeSql,
  reducer: resolutionTimeReducer,
});

/**
 * Full resolution time in the catalogue: the CLI's `full-resolution`, resolution time to the
 * latest resolution (`resolution: "full"`), for the helpdesks that report both.
 */
export const fullResolutionTimeMetric = defineMetric({
  name: "full-resolution",
  key: "fullResolutionTime",
  function: "resolutionTime",
  label: "Full resolution time",
  description: "Time from a ticket's creation to its latest resolution, reopens included.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResolvedAt", "lastResolvedAt"],
  placement: resolutionPlacement("first"),
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  fixed: { resolution: "full" },
  vendors: {
    zendesk: { resolution: "full", statistic: "mean", scheduleRule: "atEvent" },
    intercom: { resolution: "full", statistic: "median" },
  },
  sql: resolutionTimeSql,
  reducer: resolutionTimeReducer,
});
