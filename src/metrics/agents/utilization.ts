import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import type { AgentShift } from "../../schemas/shift.ts";
import { refuse } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type AgentTimeResult, type AgentTimeState, agentTime, toMs } from "./intervals.ts";

/** The fields {@link utilization} reads; callers may pass whole shifts. */
export type UtilizationInput = Pick<AgentShift, "agentId" | "scheduled" | "working" | "startsAt">;

/**
 * Options for {@link utilization}: none. It takes an options object like every metric, so that a
 * misspelt or misplaced option is refused rather than ignored.
 */
export type UtilizationOptions = Record<string, never>;

/** Why a shift did not count. */
export type UtilizationExclusion = "unscheduled";

/** The accumulator behind {@link utilization}: each agent's intervals, unioned by `result`. */
export type UtilizationState = AgentTimeState<UtilizationExclusion>;

/**
 * Utilization with the seconds behind it: value = 100 × numerator / denominator, where the
 * numerator is work inside scheduled time and the denominator is scheduled time.
 */
export type UtilizationResult = AgentTimeResult<UtilizationExclusion>;

/** The schema of {@link UtilizationOptions}: no option. */
const OPTIONS = z.strictObject({});

/**
 * Agent utilization: the percentage of scheduled (paid) time spent on customer work
 * (handling and after-work), over agent shifts.
 *
 * Per agent, the `working` intervals of all its shifts are unioned, so overlapping work (two
 * conversations at once, or two shift records that overlap) counts once, and so is scheduled
 * time. Work outside scheduled time is clipped off the value and reported as `clipped`
 * seconds, so the value never exceeds 100. Shifts without a scheduled interval (or with an empty one) are
 * excluded as `unscheduled`. Times are real elapsed time, so a shift across a daylight-saving change
 * is as long as it really was. Definition: docs/definitions.md, "Utilization".
 *
 * @param items - Validated agent shifts.
 * @param options - None; see {@link UtilizationOptions}.
 * @returns `value` from 0 to 100, or `null` with no scheduled time, with `numerator`,
 *   `denominator` and `clipped` in seconds, `agents`, `shifts` and `excluded`.
 *
 * @example
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * // scheduled 09:00–17:00 (8 h); work 09:00–12:00 and 11:00–13:00 overlap → 4 h once
 * // 100 × 4 / 8 = 50
 * utilization([{
 *   agentId: "ana",
 *   startsAt: at("09:00"),
 *   scheduled: { start: at("09:00"), end: at("17:00") },
 *   working: [{ start: at("09:00"), end: at("12:00") }, { start: at("11:00"), end: at("13:00") }],
 * }]).value
 * //=> 50
 */
export const utilization = callOf(utilizationReducer);

/**
 * The mergeable reducer behind {@link utilization}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * // scheduled 09:00–17:00 (8 h); work 09:00–12:00 and 11:00–13:00 overlap → 4 h once
 * // 100 × 4 / 8 = 50
 * const all = [{
 *   agentId: "ana",
 *   startsAt: at("09:00"),
 *   scheduled: { start: at("09:00"), end: at("17:00") },
 *   working: [{ start: at("09:00"), end: at("12:00") }, { start: at("11:00"), end: at("13:00") }],
 * }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(utilizationReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 50
 */
export function utilizationReducer(
  options: UtilizationOptions = {},
): Reducer<UtilizationInput, UtilizationState, UtilizationResult> {
  readOptions("utilization", OPTIONS, options);
  return agentTime.reducer("utilization", "unscheduled", (shift: UtilizationInput) => {
    const scheduled =
      shift.scheduled === null || shift.scheduled === undefined
        ? []
        : toMs([shift.scheduled], "utilization", "scheduled");
    // Nothing is taken out of scheduled time. (A junk entry in `minus` would change nothing:
    // union drops anything that is not an interval with end after start, an equivalent mutant.)
    return scheduled.length === 0 ? null : { base: scheduled, minus: [] };
  });
}

/** Agent utilization in the catalogue: a shift is placed by when it starts. */
export const utilizationMetric = defineMetric({
  name: "utilization",
  key: "utilization",
  label: "Agent utilization",
  description: "Share of agents' scheduled time spent on customer work.",
  unit: "percent",
  better: "neither",
  records: "agentShifts",
  reads: ["agentId", "scheduled", "working"],
  placement: { by: "instant", field: "startsAt" },
  result: "ratio",
  options: OPTIONS,
  sql: refuse("reads agent shift records, which the engine does not load yet"),
  reducer: utilizationReducer,
});
