import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Span } from "../../reduce/reducer.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
  durations,
} from "../../reduce/results.ts";
import {
  type StatusChange,
  TICKET_STATUSES,
  type Ticket,
  type TicketStatus,
} from "../../schemas/ticket.ts";
import { statusTimeSql } from "../../sql/statusTime.ts";
import { defineMetric, type Placement } from "../define.ts";
import { type ClockOptions, clockOptionFields, spanClock } from "./elapsed.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";
import type { Resolution } from "./resolutionTime.ts";

/** The fields {@link statusTime} and the wait-time metrics read; callers may pass whole tickets. */
export type StatusTimeInput = Pick<Ticket, "createdAt" | "firstResolvedAt" | "lastResolvedAt"> &
  Partial<Pick<Ticket, "statusChanges">>;

/** Options shared by {@link statusTime} and the wait-time metrics built on it. */
export interface WaitTimeOptions extends ClockOptions, DurationOptions {
  /**
   * Which resolution ends the measure: `"full"` (default), the latest time the ticket was
   * solved or closed, as Zendesk reports its wait times; `"first"`, the first time.
   */
  resolution?: Resolution;
}

/** Options for {@link statusTime}. */
export interface StatusTimeOptions extends WaitTimeOptions {
  /** The statuses whose time is summed (at least one). */
  statuses: readonly TicketStatus[];
}

/** Why a ticket did not count. */
export type StatusTimeExclusion =
  | "unresolved"
  | "noStatusHistory"
  | "noSchedule"
  | MergedSourceExclusion;

const EXCLUSIONS: readonly StatusTimeExclusion[] = ["unresolved", "noStatusHistory", "noSchedule"];
const RESOLUTIONS = ["first", "full"] as const satisfies readonly Resolution[];

/**
 * The `resolution` option as a schema field, for the metrics measured up to a resolution:
 * resolution time ends at the first one by default, the wait times at the latest.
 *
 * @example
 * import * as z from "zod/mini";
 * const schema = z.object({ resolution: resolutionOption("full") });
 * [schema.parse({}).resolution, schema.parse({ resolution: "first" }).resolution]
 * //=> ["full", "first"]
 */
export function resolutionOption(byDefault: Resolution) {
  return z._default(oneOf(RESOLUTIONS), byDefault);
}

/**
 * How a metric measured up to a resolution places a ticket: by the resolution that ends the
 * measure, the first or the latest as its `resolution` option says (`byDefault` when left out).
 *
 * @example
 * const place = resolutionPlacement("full");
 * [place({}).field, place({ resolution: "first" }).field]
 * //=> ["lastResolvedAt", "firstResolvedAt"]
 */
export function resolutionPlacement(
  byDefault: Resolution,
): (options: { resolution?: Resolution | undefined }) => Placement & { by: "instant" } {
  return (options) => ({
    by: "instant",
    field: (options.resolution ?? byDefault) === "first" ? "firstResolvedAt" : "lastResolvedAt",
  });
}

/**
 * The resolution that ends a measure for `fn`: the first or the latest, as `resolution` says.
 * `endOf` reads it (the reducer's `timeOf`); `checkedEnd` returns it, `undefined` when the
 * ticket is unresolved, and refuses one that is not a valid Date (a record that never went
 * through the schema; see recordError.ts).
 *
 * @internal
 */
export function resolutionEnd(fn: string, resolution: Resolution) {
  const field = resolution === "first" ? "firstResolvedAt" : "lastResolvedAt";
  const endOf = (ticket: Pick<Ticket, "firstResolvedAt" | "lastResolvedAt">) => ticket[field];
  return {
    endOf,
    checkedEnd(ticket: Pick<Ticket, "firstResolvedAt" | "lastResolvedAt">): Date | undefined {
      const end = endOf(ticket);
      if (end === null || end === undefined) return undefined;
      if (!isInstant(end)) badField(fn, field, "a valid Date or null", end);
      return end;
    },
  };
}

/**
 * The schema of {@link WaitTimeOptions}, which requester wait time, agent wait time and
 * on-hold time take as they are.
 *
 * @internal
 */
export const waitTimeOptions = z.strictObject({
  resolution: resolutionOption("full"),
  ...durationOptionFields,
  ...clockOptionFields,
});

/** The schema of {@link StatusTimeOptions}. */
const OPTIONS = z.extend(waitTimeOptions, {
  statuses: z
    .array(oneOf(TICKET_STATUSES), { error: "must be a non-empty array of statuses" })
    .check(z.minLength(1, { error: "must be a non-empty array of statuses" })),
});

/**
 * The status a ticket has before its first recorded status change.
 *
 * @internal
 */
export const INITIAL_STATUS: TicketStatus = "new";

/**
 * A ticket's stays in some statuses within `[start, end)`, from its status changes (sorted by
 * time): each change holds until the next one, and before its first recorded change the ticket
 * is `"new"`. Each stay is its own span, ended by the change that left it or by `end`; stays of
 * no length are left out. This is the one reading of a status history shared by the wait-time
 * metrics and resolution time's pauses.
 *
 * @param start - Start of the measure (the ticket's creation), epoch milliseconds.
 * @param end - End of the measure (its resolution), epoch milliseconds.
 * @param changes - The ticket's status changes, sorted by time.
 * @param statuses - The statuses whose stays are wanted.
 * @returns The stays, in time order, as `[start, end)` spans in epoch milliseconds.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}Z`);
 * // new 09:00–09:30, pending 09:30–10:00, open 10:00–10:15, pending 10:15–11:00
 * statusSpans(at("09:00").getTime(), at("11:00").getTime(), [
 *   { at: at("09:30"), status: "pending" },
 *   { at: at("10:00"), status: "open" },
 *   { at: at("10:15"), status: "pending" },
 * ], new Set(["pending"])).map((s) => (s.end - s.start) / 60_000)
 * //=> [30, 45]
 */
export function statusSpans(
  start: number,
  end: number,
  changes: readonly StatusChange[],
  statuses: ReadonlySet<TicketStatus>,
): Span[] {
  const spans: Span[] = [];
  let from = start;
  let status = INITIAL_STATUS;
  for (const change of changes) {
    const at = Math.min(Math.max(change.at.getTime(), start), end);
    if (statuses.has(status) && at > from) spans.push({ start: from, end: at });
    from = Math.max(from, at);
    status = change.status;
  }
  if (statuses.has(status) && end > from) spans.push({ start: from, end });
  return spans;
}

/**
 * Time in statuses: the seconds a ticket spent in the given `statuses` between its creation
 * and its resolution (by default the latest, `resolution: "full"`), read from its
 * `statusChanges`. Before its first recorded change a ticket is `"new"`. Calendar time without
 * a schedule, business time with one.
 *
 * A ticket not resolved is excluded as `unresolved`, one without status history as
 * `noStatusHistory` (its time in each status is unknown, not 0), and one whose business time
 * cannot be computed because no schedule version is in force for part of it as `noSchedule`.
 * A ticket is placed in a period by the resolution that ends the measure. Requester wait time,
 * agent wait time and on-hold time are this metric for fixed statuses. Definition:
 * docs/definitions.md, "Time in statuses".
 *
 * @param items - Validated tickets with their status changes.
 * @param options - See {@link StatusTimeOptions}.
 * @returns The distribution of the times in seconds (`n`, `mean`, `median`, `p90`, `p95`, `min`,
 *   `max`) with the chosen statistic as `value`, `null` when no ticket counts.
 *
 * @example
 * const at = (time) => `2024-03-01T${time}:00Z`;
 * // created 09:00, pending 09:30 → 10:00 and 10:15 → 11:00, solved 11:00: 1800 + 2700 = 4500 s
 * statusTime([{ createdAt: new Date(at("09:00")), firstResolvedAt: new Date(at("11:00")),
 *   lastResolvedAt: new Date(at("11:00")), statusChanges: [
 *     { at: new Date(at("09:30")), status: "pending" }, { at: new Date(at("10:00")), status: "open" },
 *     { at: new Date(at("10:15")), status: "pending" }, { at: new Date(at("11:00")), status: "solved" },
 *   ] }], { statuses: ["pending"] }).value
 * //=> 4500
 */
export const statusTime = callOf(statusTimeReducer);

/**
 * The mergeable reducer behind {@link statusTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => `2024-03-01T${time}:00Z`;
 * // created 09:00, pending 09:30 → 10:00 and 10:15 → 11:00, solved 11:00: 1800 + 2700 = 4500 s
 * const all = [{ createdAt: new Date(at("09:00")), firstResolvedAt: new Date(at("11:00")),
 *   lastResolvedAt: new Date(at("11:00")), statusChanges: [
 *     { at: new Date(at("09:30")), status: "pending" }, { at: new Date(at("10:00")), status: "open" },
 *     { at: new Date(at("10:15")), status: "pending" }, { at: new Date(at("11:00")), status: "solved" },
 *   ] }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(statusTimeReducer({ statuses: ["pending"] }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 4500
 */
export function statusTimeReducer(
  options: StatusTimeOptions,
): DurationReducer<StatusTimeInput, StatusTimeExclusion> {
  const { statuses, ...waitOptions } = readOptions("statusTime", OPTIONS, options);
  return skipMergedSources(timeInStatuses("statusTime", statuses, waitOptions));
}

/**
 * The reducer of a time-in-statuses metric named `fn`, for fixed `statuses`: the shared body of
 * {@link statusTime}, requester wait time, agent wait time and on-hold time.
 *
 * @internal
 *
 * @example
 * import { reduce } from "support-metrics";
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // pending 10:00–10:30 and onHold 10:30–11:00 both count: 3600 s
 * reduce([{ createdAt: at("09:00"), firstResolvedAt: at("11:00"), lastResolvedAt: at("11:00"),
 *   statusChanges: [{ at: at("10:00"), status: "pending" }, { at: at("10:30"), status: "onHold" },
 *     { at: at("11:00"), status: "solved" }] }], timeInStatusesReducer("parkedTime", ["pending", "onHold"])).value
 * //=> 3600
 */
export function timeInStatusesReducer(
  fn: string,
  statuses: readonly TicketStatus[],
  options: WaitTimeOptions = {},
): DurationReducer<StatusTimeInput, StatusTimeExclusion> {
  return skipMergedSources(timeInStatuses(fn, statuses, readOptions(fn, waitTimeOptions, options)));
}

/** The body of {@link timeInStatusesReducer}, over options already checked. */
function timeInStatuses(
  fn: string,
  statuses: readonly TicketStatus[],
  options: z.output<typeof waitTimeOptions>,
): DurationReducer<StatusTimeInput, StatusTimeExclusion> {
  const { resolution, statistic, percentiles, interval, ...clockOptions } = options;
  const clock = spanClock(fn, clockOptions);
  const wanted: ReadonlySet<TicketStatus> = new Set(statuses);
  const { endOf, checkedEnd } = resolutionEnd(fn, resolution);
  /** The ticket's time in the statuses, in seconds, or why it has none. */
  function measure(ticket: StatusTimeInput): number | StatusTimeExclusion {
    const end = checkedEnd(ticket);
    if (end === undefined) return "unresolved";
    // Cheap checks for records that never went through the schema (recordError.ts).
    const start = requireInstant(fn, "createdAt", ticket.createdAt).getTime();
    const changes: unknown = ticket.statusChanges;
    if (changes === null || changes === undefined) return "noStatusHistory";
    if (!Array.isArray(changes))
      badField(fn, "statusChanges", "an array of { at, status } or null", changes);
    if (changes.length === 0) return "noStatusHistory";
    for (const change of changes as unknown[]) {
      const { at, status } = (change ?? {}) as { at?: unknown; status?: unknown };
      if (!isInstant(at) || !TICKET_STATUSES.includes(status as TicketStatus)) {
        badField(fn, "statusChanges", "an array of { at: Date, status }", change);
      }
    }
    if (start > end.getTime())
      badField(fn, "createdAt", "at or before the resolution", ticket.createdAt);
    const spans = statusSpans(start, end.getTime(), changes as StatusChange[], wanted);
    return clock.eachSpan(spans) ?? "noSchedule";
  }
  return durations.reducer(fn, {
    timeOf: endOf,
    measure,
    exclusions: EXCLUSIONS,
    percentiles,
    statistic,
    interval,
  });
}

/** Time in statuses in the catalogue: the CLI's `status-time` (it needs `statuses`). */
export const statusTimeMetric = defineMetric({
  name: "status-time",
  key: "statusTime",
  label: "Time in statuses",
  description: "Time a ticket spent in the given statuses between its creation and resolution.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResolvedAt", "lastResolvedAt", "statusChanges"],
  placement: resolutionPlacement("full"),
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  sql: ({ statuses, ...options }) => statusTimeSql(statuses, INITIAL_STATUS, options),
  reducer: statusTimeReducer,
});
