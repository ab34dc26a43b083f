import * as z from "zod/mini";
import {
  type Distinct,
  type DistinctMethod,
  type DistinctResult,
  type DistinctState,
  distinct,
  distinctOptionField,
} from "../../reduce/distinct.ts";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { field, isNull } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";

/** The fields {@link customersContacted} reads; callers may pass whole tickets. */
export type CustomersContactedInput = Pick<Ticket, "createdAt" | "customerId">;

/** Why a ticket did not count: `noCustomer`, no `customerId` to count. */
export type CustomersContactedExclusion = "noCustomer";

/** Options for {@link customersContacted}. */
export interface CustomersContactedOptions {
  /**
   * How distinct customers are counted: `"exact"` (default, a set of ids) or
   * `{ sketch: "hyperloglog", precision? }` for memory that does not grow with the number of
   * customers, at 1.04 / √(2^precision) relative standard error. See {@link Distinct}.
   */
  distinct?: Distinct;
}

const EXCLUSIONS: readonly CustomersContactedExclusion[] = ["noCustomer"];

/** The schema of {@link CustomersContactedOptions}. */
const OPTIONS = z.strictObject(distinctOptionField);

/**
 * Customers who contacted support: the number of distinct customers who opened at least one
 * ticket, placed by the ticket's `createdAt`. A customer who opened five tickets counts once;
 * tickets without `customerId` are excluded as `noCustomer` (an unknown customer is not a
 * new one). Merged across periods or shards it is the distinct customers of all of them,
 * never the sum. Definition: docs/definitions.md, "Customers who contacted support".
 *
 * @param items - Validated tickets.
 * @param options - See {@link CustomersContactedOptions}.
 * @returns `value` (a count, 0 with no ticket), `method`, `standardError` and `excluded`.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * customersContacted(["a", "b", "a", null].map((customerId) => ({ createdAt, customerId })))
 * //=> { value: 2, method: "exact", standardError: 0, excluded: { noCustomer: 1 } }
 */
export const customersContacted = callOf(customersContactedReducer);

/**
 * The mergeable reducer behind {@link customersContacted}, for `rollup` and for shards. Its
 * state is a set of customer ids (or a HyperLogLog sketch), so merged states count each
 * customer once; save a state with `stateToJSON`.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const shard = (ids) => ids.map((customerId) => ({ createdAt, customerId }));
 * // "b" wrote in both shards: 3 customers, not 4
 * foldShards(customersContactedReducer(), [shard(["a", "b"]), shard(["b", "c"])]).value
 * //=> 3
 */
export function customersContactedReducer(
  options: CustomersContactedOptions = {},
): Reducer<
  CustomersContactedInput,
  DistinctState<CustomersContactedExclusion>,
  DistinctResult<CustomersContactedExclusion>
> {
  const fn = "customersContacted";
  const method = readOptions(fn, OPTIONS, options).distinct ?? distinct.method(fn, undefined);
  return {
    name: fn,
    timeOf: (ticket) => ticket.createdAt,
    init: () => distinct.init(EXCLUSIONS, method),
    add(state, ticket) {
      // Cheap checks for records that never went through the schema (recordError.ts).
      if (!isInstant(ticket.createdAt)) badField(fn, "createdAt", "a valid Date", ticket.createdAt);
      const customer: unknown = ticket.customerId;
      if (customer === null || customer === undefined) {
        state.excluded.noCustomer++;
        return;
      }
      if (typeof customer !== "string") {
        badField(fn, "customerId", "a string or null", customer);
      }
      distinct.add(state, customer as string);
    },
    merge: distinct.merge,
    result: distinct.result,
  };
}

/** Customers who contacted support, in the catalogue: `customers-contacted`. */
export const customersContactedMetric = defineMetric({
  name: "customers-contacted",
  key: "customersContacted",
  label: "Customers who contacted support",
  description: "Distinct customers who opened at least one ticket.",
  unit: "count",
  better: "neither",
  records: "tickets",
  placement: { by: "instant", field: "createdAt" },
  result: "count",
  options: OPTIONS,
  reads: ["createdAt", "customerId"],
  // SQL counts distinct ids exactly; the result is the exact one (a sketch is refused).
  sql: (options) => {
    if ((options.distinct as DistinctMethod | undefined)?.sketch)
      return {
        refused:
          'a HyperLogLog count is the sketch\'s own estimate; SQL counts distinct ids exactly (use distinct: "exact")',
      };
    return {
      exclude: [{ reason: "noCustomer", when: isNull("customerId") }],
      state: { customers: { distinct: [field("customerId")] } },
      result: ({ customers }, excluded) => ({
        value: customers,
        method: "exact",
        standardError: 0,
        excluded,
      }),
    };
  },
  reducer: customersContactedReducer,
});
