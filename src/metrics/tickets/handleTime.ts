import { requireOneOf } from "../../reduce/arguments.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import {
  type DurationResult,
  type DurationState,
  durations,
  type Statistic,
} from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";

/** The fields {@link handleTime} reads; callers may pass whole tickets. */
export type HandleTimeInput = Pick<Ticket, "handleSeconds" | "lastResolvedAt">;

/** Options for {@link handleTime}. */
export interface HandleTimeOptions {
  /** The statistic reported as `value`. Defaults to `"mean"` (average handle time, AHT). */
  statistic?: Statistic;
}

/** Why a ticket did not count. */
export type HandleTimeExclusion = "noHandleTime";

const EXCLUSIONS: readonly HandleTimeExclusion[] = ["noHandleTime"];
const STATISTICS: readonly Statistic[] = ["mean", "median", "p90", "p95"];

/**
 * Handle time: the agent work seconds recorded on each handled ticket (`handleSeconds`, from a
 * time-tracking app, a timesheet, or talk + hold + after-call work for calls). By default the
 * mean: average handle time (AHT) = total handle seconds / tickets handled.
 *
 * Tickets without a recorded handle time are excluded as `noHandleTime`; a recorded 0 counts.
 * A ticket is placed in a period by its latest resolution (`lastResolvedAt`). A ticket handled
 * but not resolved still counts in a plain call; in a rollup by period it has no resolution to
 * place it by, so it lands in the row whose `period` is `null`. Definition:
 * docs/definitions.md, "Handle time".
 *
 * @param tickets - Validated tickets.
 * @param options - See {@link HandleTimeOptions}.
 * @returns The distribution of handle times in seconds (`n`, `sum`, `mean`, `median`, `p90`,
 *   `p95`, `min`, `max`) with the chosen statistic as `value`, `null` when no ticket has one.
 *
 * @example
 * const lastResolvedAt = new Date("2024-03-01T17:00:00Z");
 * // (300 + 420 + 600) / 3 = 1320 / 3 = 440 s
 * handleTime([300, 420, 600].map((handleSeconds) => ({ handleSeconds, lastResolvedAt }))).value
 * //=> 440
 */
export function handleTime(
  tickets: Iterable<HandleTimeInput>,
  options?: HandleTimeOptions,
): DurationResult<HandleTimeExclusion> {
  return reduce(tickets, handleTimeReducer(options));
}

/** The mergeable reducer behind {@link handleTime}, for `rollup` and for shards. */
export function handleTimeReducer(
  options: HandleTimeOptions = {},
): Reducer<
  HandleTimeInput,
  DurationState<HandleTimeExclusion>,
  DurationResult<HandleTimeExclusion>
> {
  const statistic = requireOneOf(
    "handleTime",
    "statistic",
    options.statistic ?? "mean",
    STATISTICS,
  );
  return {
    name: "handleTime",
    timeOf: (ticket) => ticket.lastResolvedAt,
    init: () => durations.init(EXCLUSIONS),
    add(state, ticket) {
      if (ticket.handleSeconds == null) state.excluded.noHandleTime++;
      else state.values.push(ticket.handleSeconds);
    },
    merge: durations.merge,
    result: (state) => durations.result(state, statistic),
  };
}
