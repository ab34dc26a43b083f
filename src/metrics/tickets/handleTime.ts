import * as z from "zod";
import { readOptions } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import {
  type DurationResult,
  type DurationState,
  durationOptionFields,
  durations,
  type Percentiles,
  type Statistic,
} from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { defineMetric } from "../define.ts";

/** The fields {@link handleTime} reads; callers may pass whole tickets. */
export type HandleTimeInput = Pick<Ticket, "handleSeconds" | "lastResolvedAt">;

/** Options for {@link handleTime}. */
export interface HandleTimeOptions {
  /**
   * How percentiles (`median`, `p90`, `p95`) are computed: `"exact"` (default) keeps every
   * duration; `{ sketch: "ddsketch", relativeAccuracy: 0.01 }` keeps a mergeable DDSketch in
   * flat memory, each percentile within `relativeAccuracy` of the exact one (for streams and
   * large data). `n`, `sum`, `mean`, `min` and `max` stay exact; the result's `percentiles`
   * says which was used. See `Percentiles`.
   */
  percentiles?: Percentiles;
  /** The statistic reported as `value`. Defaults to `"mean"` (average handle time, AHT). */
  statistic?: Statistic;
  /**
   * Only `"calendar"` (the default) is accepted. Handle time is agent work already recorded in
   * seconds (`handleSeconds`), not a span between two instants, so there is nothing a schedule
   * could re-time: `"business"` throws rather than return calendar seconds under a business
   * label. The option exists so that options shared by every duration metric can say so.
   */
  clock?: "calendar";
  /**
   * Never accepted, for the reason given under `clock`: a schedule throws. Work recorded outside
   * business hours (overtime, a weekend shift) is still work done.
   */
  schedule?: never;
}

/** Why a ticket did not count. */
export type HandleTimeExclusion = "noHandleTime";

const EXCLUSIONS: readonly HandleTimeExclusion[] = ["noHandleTime"];
const WHY = "handle time is recorded work seconds, not a span that business hours could re-time";

/** The schema of {@link HandleTimeOptions}. */
const OPTIONS = z.strictObject({
  ...durationOptionFields,
  clock: z.literal("calendar", { error: `must be "calendar" (${WHY})` }).optional(),
  schedule: z.undefined({ error: `must be left out (${WHY})` }).optional(),
});

/**
 * Handle time: the agent work seconds recorded on each handled ticket (`handleSeconds`, from a
 * time-tracking app, a timesheet, or talk + hold + after-call work for calls). By default the
 * mean: average handle time (AHT) = total handle seconds / tickets handled.
 *
 * Tickets without a recorded handle time are excluded as `noHandleTime`; a recorded 0 counts.
 * A ticket is placed in a period by its latest resolution (`lastResolvedAt`). A ticket handled
 * but not resolved still counts in a plain call; in a rollup by period it has no resolution to
 * place it by, so it lands in the row whose `period` is `null`.
 *
 * Unlike the other duration metrics it takes no schedule: the seconds are recorded work, not
 * a span between two instants, so there is no calendar time to turn into business time.
 * `clock: "business"` or a `schedule` throws. Definition: docs/definitions.md, "Handle time".
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

/**
 * The mergeable reducer behind {@link handleTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * const lastResolvedAt = new Date("2024-03-01T17:00:00Z");
 * // (300 + 420 + 600) / 3 = 1320 / 3 = 440 s
 * const all = [300, 420, 600].map((handleSeconds) => ({ handleSeconds, lastResolvedAt }));
 * const reducer = handleTimeReducer();
 * const fold = (part) => {
 *   const state = reducer.init();
 *   for (const item of part) reducer.add(state, item, reducer.window);
 *   return state;
 * };
 * // two shards folded apart, then merged: the same result as one pass
 * reducer.result(reducer.merge(fold(all.slice(0, 1)), fold(all.slice(1)))).value
 * //=> 440
 */
export function handleTimeReducer(
  options: HandleTimeOptions = {},
): Reducer<
  HandleTimeInput,
  DurationState<HandleTimeExclusion>,
  DurationResult<HandleTimeExclusion>
> {
  const fn = "handleTime";
  const { statistic, percentiles } = readOptions(fn, OPTIONS, options);
  return {
    name: fn,
    timeOf: (ticket) => ticket.lastResolvedAt,
    init: () => durations.init(EXCLUSIONS, percentiles),
    ...durations.measuredBy((ticket: HandleTimeInput): number | HandleTimeExclusion => {
      const seconds: unknown = ticket.handleSeconds;
      if (seconds === null || seconds === undefined) return "noHandleTime";
      // Cheap check for records that never went through the schema (recordError.ts).
      if (typeof seconds !== "number" || !(seconds >= 0 && seconds < Infinity)) {
        badField(fn, "handleSeconds", "a finite number of seconds, at least 0, or null", seconds);
      }
      return seconds;
    }),
    merge: durations.merge,
    result: (state) => durations.result(state, statistic),
  };
}

/** Handle time in the catalogue: the CLI's `handle`, placed by the latest resolution. */
export const handleTimeMetric = defineMetric({
  name: "handle",
  key: "handleTime",
  label: "Handle time",
  description: "Agent work seconds recorded on each handled ticket (average handle time).",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["handleSeconds", "lastResolvedAt"],
  placement: { by: "instant", field: "lastResolvedAt" },
  result: "duration",
  options: OPTIONS,
  reducer: handleTimeReducer,
});
