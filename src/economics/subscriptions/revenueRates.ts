import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import {
  type MovementRateResult,
  type MrrMovementsInput,
  type MrrMovementsOptions,
  type MrrMovementsState,
  movementRate,
  movementReducer,
  type mrrMovements,
} from "./mrrMovements.ts";

/** Options for {@link arpa}. */
export type ArpaOptions = MrrMovementsOptions;

/**
 * Average revenue per account (ARPA): closing MRR / paying customers at the window's end (not a percentage).
 * Movements as in {@link mrrMovements}.
 *
 * @param items - Subscription changes, including those before the window.
 * @param options - `window` (required).
 * @returns `value`, `null` when the denominator is 0, with `numerator`, `denominator` and
 *   the `movements` behind them.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const changes = [
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("d", "02-01", 20), change("d", "03-02", 10), // contraction 10
 *   change("c", "03-05", 40), // new 40
 * ];
 * // at the end: a 150, d 10, c 40 → 200 / 3
 * arpa(changes, { window }).value
 * //=> 66.67
 */
export const arpa: CallNeeding<typeof arpaReducer, "window"> = callOf(arpaReducer);

/**
 * The mergeable reducer behind {@link arpa}, for `rollup` and shards (a stock metric:
 * each change weighs on every period from its instant on).
 *
 * @example
 * const reducer = arpaReducer({ window: { start: 0, end: 10 } });
 * reducer.result(reducer.init()).value
 * //=> null
 */
export function arpaReducer(
  options: ArpaOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MovementRateResult> {
  return movementReducer("arpa", options, (m) =>
    movementRate(m.closingMrr, m.customers.closing, m, 1),
  );
}

/** Options for {@link grossRevenueRetention}. */
export type GrossRevenueRetentionOptions = MrrMovementsOptions;

/**
 * Gross revenue retention (GRR): the share of the opening MRR kept, ignoring expansion:
 * 100 × (opening − contraction − churned) / opening, so never above 100.
 * Movements as in {@link mrrMovements}.
 *
 * @param items - Subscription changes, including those before the window.
 * @param options - `window` (required).
 * @returns `value`, `null` when the denominator is 0, with `numerator`, `denominator` and
 *   the `movements` behind them.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const changes = [
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("d", "02-01", 20), change("d", "03-02", 10), // contraction 10
 *   change("c", "03-05", 40), // new 40
 * ];
 * // opening 200; (200 − 10 − 80) / 200 = 55 %
 * grossRevenueRetention(changes, { window }).value
 * //=> 55
 */
export const grossRevenueRetention: CallNeeding<typeof grossRevenueRetentionReducer, "window"> =
  callOf(grossRevenueRetentionReducer);

/**
 * The mergeable reducer behind {@link grossRevenueRetention}, for `rollup` and shards (a stock metric:
 * each change weighs on every period from its instant on).
 *
 * @example
 * const reducer = grossRevenueRetentionReducer({ window: { start: 0, end: 10 } });
 * reducer.result(reducer.init()).value
 * //=> null
 */
export function grossRevenueRetentionReducer(
  options: GrossRevenueRetentionOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MovementRateResult> {
  return movementReducer("grossRevenueRetention", options, (m) =>
    movementRate(m.openingMrr - m.contractionMrr - m.churnedMrr, m.openingMrr, m),
  );
}

/** Options for {@link netRevenueRetention}. */
export type NetRevenueRetentionOptions = MrrMovementsOptions;

/**
 * Net revenue retention (NRR): the share of the opening MRR still billed at the end, counting expansion:
 * 100 × (opening + expansion − contraction − churned) / opening. New and reactivated customers
 * are left out (they were not in the opening MRR). Above 100 when expansion outgrows losses.
 * Movements as in {@link mrrMovements}.
 *
 * @param items - Subscription changes, including those before the window.
 * @param options - `window` (required).
 * @returns `value`, `null` when the denominator is 0, with `numerator`, `denominator` and
 *   the `movements` behind them.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const changes = [
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("d", "02-01", 20), change("d", "03-02", 10), // contraction 10
 *   change("c", "03-05", 40), // new 40
 * ];
 * // opening 200; (200 + 50 − 10 − 80) / 200 = 80 %
 * netRevenueRetention(changes, { window }).value
 * //=> 80
 */
export const netRevenueRetention: CallNeeding<typeof netRevenueRetentionReducer, "window"> = callOf(
  netRevenueRetentionReducer,
);

/**
 * The mergeable reducer behind {@link netRevenueRetention}, for `rollup` and shards (a stock metric:
 * each change weighs on every period from its instant on).
 *
 * @example
 * const reducer = netRevenueRetentionReducer({ window: { start: 0, end: 10 } });
 * reducer.result(reducer.init()).value
 * //=> null
 */
export function netRevenueRetentionReducer(
  options: NetRevenueRetentionOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MovementRateResult> {
  return movementReducer("netRevenueRetention", options, (m) =>
    movementRate(m.openingMrr + m.expansionMrr - m.contractionMrr - m.churnedMrr, m.openingMrr, m),
  );
}

/** Options for {@link revenueChurnRate}. */
export type RevenueChurnRateOptions = MrrMovementsOptions;

/**
 * Revenue churn rate (gross MRR churn): the share of the opening MRR lost to cancellations and downgrades:
 * 100 × (churned + contraction) / opening, which is 100 − GRR. (Net of expansion it is
 * 100 − NRR.)
 * Movements as in {@link mrrMovements}.
 *
 * @param items - Subscription changes, including those before the window.
 * @param options - `window` (required).
 * @returns `value`, `null` when the denominator is 0, with `numerator`, `denominator` and
 *   the `movements` behind them.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const changes = [
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("d", "02-01", 20), change("d", "03-02", 10), // contraction 10
 *   change("c", "03-05", 40), // new 40
 * ];
 * // opening 200; (80 + 10) / 200 = 45 %
 * revenueChurnRate(changes, { window }).value
 * //=> 45
 */
export const revenueChurnRate: CallNeeding<typeof revenueChurnRateReducer, "window"> =
  callOf(revenueChurnRateReducer);

/**
 * The mergeable reducer behind {@link revenueChurnRate}, for `rollup` and shards (a stock metric:
 * each change weighs on every period from its instant on).
 *
 * @example
 * const reducer = revenueChurnRateReducer({ window: { start: 0, end: 10 } });
 * reducer.result(reducer.init()).value
 * //=> null
 */
export function revenueChurnRateReducer(
  options: RevenueChurnRateOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MovementRateResult> {
  return movementReducer("revenueChurnRate", options, (m) =>
    movementRate(m.churnedMrr + m.contractionMrr, m.openingMrr, m),
  );
}

/** Options for {@link subscriberChurnRate}. */
export type SubscriberChurnRateOptions = MrrMovementsOptions;

/**
 * Subscriber churn rate: the share of paying customers at the start (MRR > 0) who pay nothing at the
 * end: 100 × churned customers / opening paying customers. (The customer-record `churnRate`
 * counts customers by start and end dates; this one reads the subscription log.)
 * Movements as in {@link mrrMovements}.
 *
 * @param items - Subscription changes, including those before the window.
 * @param options - `window` (required).
 * @returns `value`, `null` when the denominator is 0, with `numerator`, `denominator` and
 *   the `movements` behind them.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const changes = [
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("d", "02-01", 20), change("d", "03-02", 10), // contraction 10
 *   change("c", "03-05", 40), // new 40
 * ];
 * // 3 paying at the start (a, b, d), 1 churned (b): 100 × 1 / 3
 * subscriberChurnRate(changes, { window }).value
 * //=> 33.33
 */
export const subscriberChurnRate: CallNeeding<typeof subscriberChurnRateReducer, "window"> = callOf(
  subscriberChurnRateReducer,
);

/**
 * The mergeable reducer behind {@link subscriberChurnRate}, for `rollup` and shards (a stock metric:
 * each change weighs on every period from its instant on).
 *
 * @example
 * const reducer = subscriberChurnRateReducer({ window: { start: 0, end: 10 } });
 * reducer.result(reducer.init()).value
 * //=> null
 */
export function subscriberChurnRateReducer(
  options: SubscriberChurnRateOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MovementRateResult> {
  return movementReducer("subscriberChurnRate", options, (m) =>
    movementRate(m.customers.churned, m.customers.opening, m),
  );
}
