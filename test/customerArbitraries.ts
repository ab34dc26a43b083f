/**
 * What the customer metrics' `.test-prop.ts` files share: customers whose lives start and end
 * on whole days around a one-month window, with the window's edges hit often, since that is
 * where churn and retention can disagree with their definitions.
 */
import fc from "fast-check";
import type {
  CustomerCountsInput,
  CustomerCountsOptions,
} from "../src/metrics/customers/customerCounts.ts";
import type { Reducer } from "../src/reduce/reducer.ts";
import { reducerLaws } from "./laws.ts";

const DAY = 86_400_000;

/** March 2024 in epoch milliseconds: the window the properties measure. */
export const march = {
  start: Date.parse("2024-03-01T00:00:00Z"),
  end: Date.parse("2024-04-01T00:00:00Z"),
};

// Days from 1 Jan to 30 May 2024, with the window's edges (day 60 = 1 Mar, 91 = 1 Apr) often hit.
const day = fc.oneof(fc.integer({ min: 0, max: 150 }), fc.constantFrom(60, 91));

/** A customer who starts on one of those days and lasts 0–90 days, or is still active. */
export const customerArb: fc.Arbitrary<CustomerCountsInput> = fc
  .tuple(day, fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }))
  .map(([startDay, length]) => {
    const startedAt = new Date(Date.UTC(2024, 0, 1) + startDay * DAY);
    return {
      startedAt,
      endedAt: length === null ? null : new Date(startedAt.getTime() + length * DAY),
    };
  });

/**
 * The reducer laws for a rate of customers (churn, retention) measured over March, with and
 * without new churners.
 */
export function customerRateLaws<State, Result>(
  makeReducer: (options: CustomerCountsOptions) => Reducer<CustomerCountsInput, State, Result>,
): void {
  reducerLaws(
    (includeNewChurners: boolean) => makeReducer({ window: march, includeNewChurners }),
    fc.array(customerArb),
    { configs: fc.boolean() },
  );
}
