import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import type { AgentShift } from "../../schemas/shift.ts";
import { refuse } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type AgentTimeResult, type AgentTimeState, agentTime, toMs } from "./intervals.ts";

/** The fields {@link occupancy} reads; callers may pass whole shifts. */
export type OccupancyInput = Pick<
  AgentShift,
  "agentId" | "loggedIn" | "breaks" | "working" | "startsAt"
>;

/**
 * Options for {@link occupancy}: none. It takes an options object like every metric, so that a
 * misspelt or misplaced option is refused rather than ignored.
 */
export type OccupancyOptions = Record<string, never>;

/** Why a shift did not count. */
export type OccupancyExclusion = "notLoggedIn";

/** The accumulator behind {@link occupancy}: each agent's intervals, unioned by `result`. */
export type OccupancyState = AgentTimeState<OccupancyExclusion>;

/**
 * Occupancy with the seconds behind it: value = 100 × numerator / denominator, where the
 * numerator is work inside available time and the denominator is available time.
 */
export type OccupancyResult = AgentTimeResult<OccupancyExclusion>;

/** The schema of {@link OccupancyOptions}: no option. */
const OPTIONS = z.strictObject({});

/**
 * Agent occupancy: the percentage of available time spent on customer work, over agent
 * shifts. Available time is logged-in time minus breaks (lunches, meetings, anything in
 * `breaks`).
 *
 * Per agent, the intervals of all its shifts are unioned before measuring, so overlapping
 * work or overlapping log-ins count once. Work outside available time (while logged out or on
 * a break) is clipped off the value and reported as `clipped` seconds, so the value never
 * exceeds 100. Shifts with no logged-in interval are excluded as `notLoggedIn`.
 * Definition: docs/definitions.md, "Occupancy".
 *
 * @param items - Validated agent shifts.
 * @param options - None; see {@link OccupancyOptions}.
 * @returns `value` from 0 to 100, or `null` with no available time, with `numerator`,
 *   `denominator` and `clipped` in seconds, `agents`, `shifts` and `excluded`.
 *
 * @example
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * // logged in 09:00–17:00 with a 12:00–13:00 break: 7 h available; work 3.5 h → 50
 * occupancy([{
 *   agentId: "ana",
 *   startsAt: at("09:00"),
 *   loggedIn: [{ start: at("09:00"), end: at("17:00") }],
 *   breaks: [{ start: at("12:00"), end: at("13:00") }],
 *   working: [{ start: at("09:00"), end: at("10:30") }, { start: at("14:00"), end: at("16:00") }],
 * }]).value
 * //=> 50
 */
export const occupancy = callOf(occupancyReducer);

/**
 * The mergeable reducer behind {@link occupancy}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * // logged in 09:00–17:00 with a 12:00–13:00 break: 7 h available; work 3.5 h → 50
 * const all = [{
 *   agentId: "ana",
 *   startsAt: at("09:00"),
 *   loggedIn: [{ start: at("09:00"), end: at("17:00") }],
 *   breaks: [{ start: at("12:00"), end: at("13:00") }],
 *   working: [{ start: at("09:00"), end: at("10:30") }, { start: at("14:00"), end: at("16:00") }],
 * }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(occupancyReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 50
 */
export function occupancyReducer(
  options: OccupancyOptions = {},
): Reducer<OccupancyInput, OccupancyState, OccupancyResult> {
  readOptions("occupancy", OPTIONS, options);
  return agentTime.reducer("occupancy", "notLoggedIn", (shift: OccupancyInput) => {
    const loggedIn = toMs(shift.loggedIn, "occupancy", "loggedIn");
    const breaks = toMs(shift.breaks, "occupancy", "breaks");
    return loggedIn.length === 0 ? null : { base: loggedIn, minus: breaks };
  });
}

/** Agent occupancy in the catalogue: a shift is placed by when it starts. */
export const occupancyMetric = defineMetric({
  name: "occupancy",
  key: "occupancy",
  label: "Agent occupancy",
  description:
    "Share of agents' available time (logged in, not on a break) spent on customer work.",
  unit: "percent",
  better: "neither",
  records: "agentShifts",
  reads: ["agentId", "loggedIn", "breaks", "working"],
  placement: { by: "instant", field: "startsAt" },
  result: "ratio",
  options: OPTIONS,
  sql: refuse("reads agent shift records, which the engine does not load yet"),
  reducer: occupancyReducer,
});
