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

/** Options for {@link subscriberChurnRate}. */
export type SubscriberChurnRateOptions = MrrMovementsOptions;

/**
 * Subscriber churn rate: the share of paying customers at the start (MRR > 0) who pay nothing at the
 * end: 100 × churned customers / opening paying customers. (The customer-record `churnRate`
 * counts customers by start and end dates; this one reads the subscription log.)
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
 * // 3 paying at the start (a, b, d), 1 churned (b): 100 × 1 / 3
 * subscriberChurnRate(changes, { window }).value
 * //=> 33.33
 */
export function subscriberChurnRate(
  changes: Iterable<MrrMovementsInput>,
  options: SubscriberChurnRateOptions & { window: WindowInput },
): MovementRateResult {
  return reduce(changes, subscriberChurnRateReducer(options));
}

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
