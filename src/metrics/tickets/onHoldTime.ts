import { callOf } from "../../reduce/folds.ts";
import type { DurationReducer } from "../../reduce/results.ts";
import type { TicketStatus } from "../../schemas/ticket.ts";
import { statusTimeSql } from "../../sql/statusTime.ts";
import { defineMetric } from "../define.ts";
import { skipMergedSources } from "./mergedTickets.ts";
import {
  INITIAL_STATUS,
  resolutionPlacement,
  type StatusTimeExclusion,
  type StatusTimeInput,
  timeInStatusesReducer,
  type WaitTimeOptions,
  waitTimeOptions,
} from "./statusTime.ts";

/** The fields {@link onHoldTime} reads; callers may pass whole tickets. */
export type OnHoldTimeInput = StatusTimeInput;

/** Options for {@link onHoldTime}. */
export type OnHoldTimeOptions = WaitTimeOptions;

/** Why a ticket did not count. */
export type OnHoldTimeExclusion = StatusTimeExclusion;

/** The status of a ticket waiting on a third party. */
const ON_HOLD: readonly TicketStatus[] = ["onHold"];

/**
 * On-hold time, as Zendesk defines it: the seconds a ticket spent on hold (waiting on a third
 * party, another team or a supplier) between its creation and its latest resolution
 * (`resolution: "first"` for the first one). It is part of requester wait time.
 *
 * Read from `statusChanges`; before its first recorded change a ticket is new. Calendar time
 * without a schedule, business time with one. Excluded: `unresolved`, `noStatusHistory`,
 * `noSchedule` (business time not computable). A ticket never on hold counts with 0 s. Placed
 * by the resolution that ends the measure. Definition: docs/definitions.md, "On-hold time".
 *
 * @param items - Validated tickets with their status changes.
 * @param options - See {@link WaitTimeOptions}.
 * @returns The distribution of on-hold times in seconds with the chosen statistic as `value`,
 *   `null` when no ticket counts.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // open 09:00–10:00, on hold 10:00–10:45, open 10:45–11:00, solved 11:00: 2700 s
 * onHoldTime([{ createdAt: at("09:00"), firstResolvedAt: at("11:00"), lastResolvedAt: at("11:00"),
 *   statusChanges: [{ at: at("09:00"), status: "open" }, { at: at("10:00"), status: "onHold" },
 *     { at: at("10:45"), status: "open" }, { at: at("11:00"), status: "solved" }] }]).value
 * //=> 2700
 */
export const onHoldTime = callOf(onHoldTimeReducer);

/**
 * The mergeable reducer behind {@link onHoldTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // open 09:00–10:00, on hold 10:00–10:45, open 10:45–11:00, solved 11:00: 2700 s
 * const all = [{ createdAt: at("09:00"), firstResolvedAt: at("11:00"), lastResolvedAt: at("11:00"),
 *   statusChanges: [{ at: at("09:00"), status: "open" }, { at: at("10:00"), status: "onHold" },
 *     { at: at("10:45"), status: "open" }, { at: at("11:00"), status: "solved" }] }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(onHoldTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 2700
 */
export function onHoldTimeReducer(
  options: OnHoldTimeOptions = {},
): DurationReducer<OnHoldTimeInput, OnHoldTimeExclusion> {
  return skipMergedSources(timeInStatusesReducer("onHoldTime", ON_HOLD, options));
}

/** On-hold time in the catalogue: the CLI's `on-hold`. */
export const onHoldTimeMetric = defineMetric({
  name: "on-hold",
  key: "onHoldTime",
  label: "On-hold time",
  description: "Time a ticket spent on hold (waiting on a third party) before its resolution.",
  unit: "seconds",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResolvedAt", "lastResolvedAt", "statusChanges"],
  placement: resolutionPlacement("full"),
  result: "duration",
  takesInterval: true,
  options: waitTimeOptions,
  vendors: {
    zendesk: { resolution: "full", statistic: "mean", scheduleRule: "atEvent" },
  },
  sql: (options) => statusTimeSql(ON_HOLD, INITIAL_STATUS, options),
  reducer: onHoldTimeReducer,
});
