import type { WindowInput } from "../../metrics/customers/customerCounts.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import {
  type MovementRateResult,
  type MrrMovementsInput,
  type MrrMovementsOptions,
  type MrrMovementsState,
  movementRate,
  movementReducer,
} from "./mrrMovements.ts";

/** Options for {@link netRevenueRetention}. */
export type NetRevenueRetentionOptions = MrrMovementsOptions;

/**
 * Net revenue retention (NRR): the share of the opening MRR still billed at the end, counting expansion:
 * 100 × (opening + expansion − contraction − churned) / opening. New and reactivated customers
 * are left out (they were not in the opening MRR). Above 100 when expansion outgrows losses.
 * Movements as in {@link mrrMovements}.
 *
 * @param changes - Subscription changes, including those before the window.
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
export function netRevenueRetention(
  changes: Iterable<MrrMovementsInput>,
  options: NetRevenueRetentionOptions & { window: WindowInput },
): MovementRateResult {
  return reduce(changes, netRevenueRetentionReducer(options));
}

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
