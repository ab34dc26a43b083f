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

/** The fields {@link churnRate} reads; callers may pass whole customers. */
export type ChurnRateInput = CustomerCountsInput;

/** Options for {@link churnRate}: `includeNewChurners`, `window` and `interval`, as for every customer rate. */
export type ChurnRateOptions = CustomerRateOptions;

/** The accumulator behind {@link churnRate}. */
export type ChurnRateState = CustomerCountsState;

/** Churn with the counts behind it: value = 100 × lost / start (`numerator` = lost). */
export type ChurnRateResult = CustomerRateResult;

/**
 * Customer churn rate: the percentage of customers present at the window's start that were
 * lost by its end, 100 × lost / start.
 *
 * A customer is present at the start S when `startedAt ≤ S` and it had not ended by then
 * (`endedAt` null or after S); it is lost when `S < endedAt ≤ E`. Customers who joined and
 * left inside the window never count at the start; by default they count as lost, so the rate
 * can exceed 100 (`includeNewChurners: false` leaves them out, keeping it within 0–100).
 * Definition: docs/definitions.md, "Customer churn rate".
 *
 * @param items - Validated customers.
 * @param options - `window` (required) and `includeNewChurners`; see {@link ChurnRateOptions}.
 * @returns `value` in percent, or `null` when no customer was present at the start, with
 *   `start`, `new`, `lost`, `end`, `newChurners` and `excluded`.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const since = new Date("2024-01-01T00:00:00Z");
 * // 4 customers at the start, 1 lost on 15 March: 100 × 1 / 4 = 25
 * churnRate([
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: new Date("2024-03-15T00:00:00Z") },
 * ], { window }).value
 * //=> 25
 */
export const churnRate: CallNeeding<typeof churnRateReducer, "window"> = callOf(churnRateReducer);

/**
 * The mergeable reducer behind {@link churnRate}, for `rollup` and for shards. A stock
 * metric: in a rollup each customer is added to every period its life overlaps.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const since = new Date("2024-01-01T00:00:00Z");
 * // 4 customers at the start, 1 lost on 15 March: 100 × 1 / 4 = 25
 * const all = [
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: null },
 *   { startedAt: since, endedAt: new Date("2024-03-15T00:00:00Z") },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(churnRateReducer({ window }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 25
 */
export function churnRateReducer(
  options: ChurnRateOptions = {},
): Reducer<ChurnRateInput, ChurnRateState, ChurnRateResult> {
  // Lost customers over the customers at the start.
  return customerRateReducer("churnRate", options, (counts) => ({
    numerator: counts.lost,
    denominator: counts.start,
  }));
}

/** Churn in the catalogue: each period (or the plain call's window) is the window measured. */
export const churnRateMetric = defineMetric({
  name: "churn",
  key: "churnRate",
  label: "Customer churn rate",
  description: "Share of the customers present at a window's start that were lost by its end.",
  unit: "percent",
  better: "lower",
  records: "customers",
  reads: ["startedAt", "endedAt"],
  placement: { by: "stock", span: "active" },
  result: "ratio",
  takesInterval: true,
  options: CUSTOMER_COUNTS_OPTIONS,
  sql: customerRateSql,
  reducer: churnRateReducer,
});
