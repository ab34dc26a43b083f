import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
  durations,
} from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { field, isNull, MERGED_SOURCE_RULE, SKETCH_REFUSAL, sketchAsked } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/** The fields {@link handleTime} reads; callers may pass whole tickets. */
export type HandleTimeInput = Pick<Ticket, "handleSeconds" | "lastResolvedAt">;

/** Options for {@link handleTime}; its default statistic, the mean, is the average handle time (AHT). */
export interface HandleTimeOptions extends DurationOptions {
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
export type HandleTimeExclusion = "noHandleTime" | MergedSourceExclusion;

const EXCLUSIONS: readonly HandleTimeExclusion[] = ["noHandleTime"];
const WHY = "handle time is recorded work seconds, not a span that business hours could re-time";

/** The schema of {@link HandleTimeOptions}. */
const OPTIONS = z.strictObject({
  ...durationOptionFields,
  clock: z.optional(z.literal("calendar", { error: `must be "calendar" (${WHY})` })),
  schedule: z.optional(z.undefined({ error: `must be left out (${WHY})` })),
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
 * @param items - Validated tickets.
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
export const handleTime = callOf(handleTimeReducer);

/**
 * The mergeable reducer behind {@link handleTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const lastResolvedAt = new Date("2024-03-01T17:00:00Z");
 * // (300 + 420 + 600) / 3 = 1320 / 3 = 440 s
 * const all = [300, 420, 600].map((handleSeconds) => ({ handleSeconds, lastResolvedAt }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(handleTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 440
 */
export function handleTimeReducer(
  options: HandleTimeOptions = {},
): DurationReducer<HandleTimeInput, HandleTimeExclusion> {
  const fn = "handleTime";
  const { statistic, percentiles, interval } = readOptions(fn, OPTIONS, options);
  return skipMergedSources(
    durations.reducer(fn, {
      timeOf: (ticket: HandleTimeInput) => ticket.lastResolvedAt,
      measure: (ticket: HandleTimeInput): number | HandleTimeExclusion => {
        const seconds: unknown = ticket.handleSeconds;
        if (seconds === null || seconds === undefined) return "noHandleTime";
        // Cheap check for records that never went through the schema (recordError.ts).
        if (typeof seconds !== "number" || !(seconds >= 0 && seconds < Infinity)) {
          badField(fn, "handleSeconds", "a finite number of seconds, at least 0, or null", seconds);
        }
        return seconds;
      },
      exclusions: EXCLUSIONS,
      percentiles,
      statistic,
      interval,
    }),
  );
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
  takesInterval: true,
  options: OPTIONS,
  sql: (options) => {
    if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
    return {
      exclude: [MERGED_SOURCE_RULE, { reason: "noHandleTime", when: isNull("handleSeconds") }],
      recorded: field("handleSeconds"),
      statistic: options.statistic ?? "mean",
    };
  },
  reducer: handleTimeReducer,
});
