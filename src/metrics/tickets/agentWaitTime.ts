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

/** The fields {@link agentWaitTime} reads; callers may pass whole tickets. */
export type AgentWaitTimeInput = StatusTimeInput;

/** Options for {@link agentWaitTime}. */
export type AgentWaitTimeOptions = WaitTimeOptions;

/** Why a ticket did not count. */
export type AgentWaitTimeExclusion = StatusTimeExclusion;

/** The status in which the agent waits on the requester. */
const WAITING: readonly TicketStatus[] = ["pending"];

/**
 * Agent wait time, as Zendesk defines it: the seconds a ticket spent pending (the support team
 * waiting on the customer) between its creation and its latest resolution
 * (`resolution: "first"` for the first one).
 *
 * Read from `statusChanges`; before its first recorded change a ticket is new. Calendar time
 * without a schedule, business time with one. Excluded: `unresolved`, `noStatusHistory`,
 * `noSchedule` (business time not computable). Placed by the resolution that ends the measure.
 * Definition: docs/definitions.md, "Agent wait time".
 *
 * @param items - Validated tickets with their status changes.
 * @param options - See {@link WaitTimeOptions}.
 * @returns The distribution of agent wait times in seconds with the chosen statistic as
 *   `value`, `null` when no ticket counts.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // open 09:00–10:00, pending 10:00–12:00, open 12:00–12:30, solved 12:30: 7200 s
 * agentWaitTime([{ createdAt: at("09:00"), firstResolvedAt: at("12:30"), lastResolvedAt: at("12:30"),
 *   statusChanges: [{ at: at("09:00"), status: "open" }, { at: at("10:00"), status: "pending" },
 *     { at: at("12:00"), status: "open" }, { at: at("12:30"), status: "solved" }] }]).value
 * //=> 7200
 */
export const agentWaitTime = callOf(agentWaitTimeReducer);

/**
 * The mergeable reducer behind {@link agentWaitTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // open 09:00–10:00, pending 10:00–12:00, open 12:00–12:30, solved 12:30: 7200 s
 * const all = [{ createdAt: at("09:00"), firstResolvedAt: at("12:30"), lastResolvedAt: at("12:30"),
 *   statusChanges: [{ at: at("09:00"), status: "open" }, { at: at("10:00"), status: "pending" },
 *     { at: at("12:00"), status: "open" }, { at: at("12:30"), status: "solved" }] }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(agentWaitTimeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 7200
 */
export function agentWaitTimeReducer(
  options: AgentWaitTimeOptions = {},
): DurationReducer<AgentWaitTimeInput, AgentWaitTimeExclusion> {
  return skipMergedSources(timeInStatusesReducer("agentWaitTime", WAITING, options));
}

/** Agent wait time in the catalogue: the CLI's `agent-wait`. */
export const agentWaitTimeMetric = defineMetric({
  name: "agent-wait",
  key: "agentWaitTime",
  label: "Agent wait time",
  description:
    "Time a ticket spent pending (the team waiting on the customer) before its resolution.",
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
  reducer: agentWaitTimeReducer,
});
