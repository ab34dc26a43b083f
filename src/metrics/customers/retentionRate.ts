import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { customerRateSql } from "../../sql/customerStock.ts";
import { defineMetric } from "../define.ts";
import {
  CUSTOMER_COUNTS_OPTIONS,
  type CustomerCountsInput,
  type CustomerCountsState,
  type CustomerRateOptions,
  type CustomerRateResult,
  customerRateReducer,
} from "./customerCounts.ts";

/** The fields {@link retentionRate} reads; callers may pass whole customers. */
export type RetentionRateInput = CustomerCountsInput;

/** Options for {@link retentionRate}: `includeNewChurners`, `window` and `interval`, as for every customer rate. */
export type RetentionRateOptions = CustomerRateOptions;

/** The accumulator behind {@link retentionRate}. */
export type RetentionRateState = CustomerCountsState;

/** Retention with the counts behind it: value = 100 × (end − new) / start. */
export type RetentionRateResult = CustomerRateResult;

/**
 * Customer retention rate: 100 × (customers at the window's end − new customers acquired in
 * it) / customers at its start.
 *
 * Counted as for {@link churnRate}, so `end = start + new − lost` and retention = 100 − churn
 * with the same options. By default customers who joined and left inside the window count in
 * both `new` and `lost` (the textbook reading, which can go below 0 when many such customers
 * come and go); `includeNewChurners: false` leaves them out of both, so the value is the share
 * of the starting customers still present at the end, within 0–100. It never exceeds 100.
 * Definition: docs/definitions.md, "Customer retention rate".
 *
 * @param items - Validated customers.
 * @param options - `window` (required) and `includeNewChurners`; see {@link RetentionRateOptions}.
 * @returns `value` in percent, or `null` when no customer was present at the start, with
 *   `start`, `new`, `lost`, `end`, `newChurners` and `excluded`.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const since = new Date("2024-01-01T00:00:00Z");
 * // start 2, 1 new, end 2 (one starting customer lost): 100 × (2 − 1) / 2 = 50
 * retentionRate([
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: new Date("2024-03-15T00:00:00Z") },
 *   { startedAt: new Date("2024-03-20T00:00:00Z"), endedAt: null },
 * ], { window }).value
 * //=> 50
 */
export const retentionRate: CallNeeding<typeof retentionRateReducer, "window"> =
  callOf(retentionRateReducer);

/**
 * The mergeable reducer behind {@link retentionRate}, for `rollup` and for shards. A stock
 * metric: in a rollup each customer is added to every period its life overlaps.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const since = new Date("2024-01-01T00:00:00Z");
 * // start 2, 1 new, end 2 (one starting customer lost): 100 × (2 − 1) / 2 = 50
 * const all = [
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: new Date("2024-03-15T00:00:00Z") },
 *   { startedAt: new Date("2024-03-20T00:00:00Z"), endedAt: null },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(retentionRateReducer({ window }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 50
 */
export function retentionRateReducer(
  options: RetentionRateOptions = {},
): Reducer<RetentionRateInput, RetentionRateState, RetentionRateResult> {
  // Customers at the end who were not new, over the customers at the start.
  return customerRateReducer("retentionRate", options, (counts) => ({
    numerator: counts.end - counts.new,
    denominator: counts.start,
  }));
}

/** Retention in the catalogue: each period (or the plain call's window) is the window measured. */
export const retentionRateMetric = defineMetric({
  name: "retention",
  key: "retentionRate",
  label: "Customer retention rate",
  description:
    "Customers at a window's end who were not new in it, as a share of those at its start.",
  unit: "percent",
  better: "higher",
  records: "customers",
  reads: ["startedAt", "endedAt"],
  placement: { by: "stock", span: "active" },
  result: "ratio",
  takesInterval: true,
  options: CUSTOMER_COUNTS_OPTIONS,
  sql: customerRateSql,
  reducer: retentionRateReducer,
});
