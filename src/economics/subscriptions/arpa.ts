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

/** Options for {@link arpa}. */
export type ArpaOptions = MrrMovementsOptions;

/**
 * Average revenue per account (ARPA): closing MRR / paying customers at the window's end (not a percentage).
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
 * // at the end: a 150, d 10, c 40 → 200 / 3
 * arpa(changes, { window }).value
 * //=> 66.67
 */
export function arpa(
  changes: Iterable<MrrMovementsInput>,
  options: ArpaOptions & { window: WindowInput },
): MovementRateResult {
  return reduce(changes, arpaReducer(options));
}

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
