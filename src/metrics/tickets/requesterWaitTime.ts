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

/** The fields {@link requesterWaitTime} reads; callers may pass whole tickets. */
export type RequesterWaitTimeInput = StatusTimeInput;

/** Options for {@link requesterWaitTime}. */
export type RequesterWaitTimeOptions = WaitTimeOptions;

/** Why a ticket did not count. */
export type RequesterWaitTimeExclusion = StatusTimeExclusion;

/** The statuses in which the requester waits on the support team. */
const WAITING: readonly TicketStatus[] = ["new", "open", "onHold"];

/**
 * Requester wait time, as Zendesk defines it: the seconds a ticket spent new, open or on hold
 * (the customer waiting on the support team, including while a third party is consulted)
 * between its creation and its latest resolution (`resolution: "first"` for the first one).
 * Time pending (waiting on the customer) and solved does not count.
 *
 * Read from `statusChanges`; before its first recorded change a ticket is new. Calendar time
 * without a schedule, business time with one. Excluded: `unresolved`, `noStatusHistory`,
 * `noSchedule` (business time not computable). Placed by the resolution that ends the measure.
 * Definition: docs/definitions.md, "Requester wait time".
 *
 * @param items - Validated tickets with their status changes.
 * @param options - See {@link WaitTimeOptions}.
 * @returns The distribution of requester wait times in seconds with the chosen statistic as
 *   `value`, `null` when no ticket counts.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // new 09:00–09:10, open 09:10–10:00, pending 10:00–12:00, open 12:00–12:30, solved 12:30:
 * // 600 + 3000 + 1800 = 5400 s
 * requesterWaitTime([{ createdAt: at("09:00"), firstResolvedAt: at("12:30"), lastResolvedAt: at("12:30"),
 *   statusChanges: [{ at: at("09:10"), status: "open" }, { at: at("10:00"), status: "pending" },
 *     { at: at("12:00"), status: "open" }, { at: at("12:30"), status: "solved" }] }]).value
 * //=> 5400
 */
export const requesterWaitTime = callOf(requesterWaitTimeReducer);

/**
 * The mergeable reducer behind {@link requesterWaitTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // new 09:00–09:10, open 09:10–10:00, pending 10:00–12:00, open 12:00–12:30, solved 12:30:
 * // 600 + 3000 + 1800 = 5400 s
 * const all = [{ createdAt: at("09:00"), firstResolvedAt: at("12:30"), lastResolvedAt: at("12:30"),
 *   statusChanges: [{ at: at("09:10"), status: "open" }, { at: at("10:00"), status: "pending" },
 *     { at: at("12:00"), status: "open" }, { at: at("12:30"), status: "solved" }] }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(requesterWaitTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 5400
 */
export function requesterWaitTimeReducer(
  options: RequesterWaitTimeOptions = {},
): DurationReducer<RequesterWaitTimeInput, RequesterWaitTimeExclusion> {
  return skipMergedSources(timeInStatusesReducer("requesterWaitTime", WAITING, options));
}

/** Requester wait time in the catalogue: the CLI's `requester-wait`. */
export const requesterWaitTimeMetric = defineMetric({
  name: "requester-wait",
  key: "requesterWaitTime",
  label: "Requester wait time",
  description:
    "Time a ticket spent new, open or on hold (the customer waiting on the team) before its resolution.",
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
  sql: (options) => statusTimeSql(WAITING, INITIAL_STATUS, options),
  reducer: requesterWaitTimeReducer,
});
