import * as z from "zod/mini";
import {
  type Distinct,
  type DistinctState,
  distinct,
  distinctOptionField,
} from "../../reduce/distinct.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { mergeExcluded } from "../../reduce/results.ts";
import type { DeflectionInput } from "./deflectionRate.ts";

/**
 * The distinct customers on each side of self-service, shared by the self-service score and
 * knowledge-base engagement: those who used self-service (a session with a `customerId`) and
 * those who asked support (a ticket's `customerId`). Each side is a distinct count, exact or a
 * HyperLogLog sketch (`distinct` option, as for customers who contacted support), so states
 * merge as unions; with sketches, the union of both sides is the merge of the two sketches.
 */

/** The schema of both metrics' options: how distinct customers are counted. */
const OPTIONS = z.strictObject(distinctOptionField);

/** Sessions and tickets in one stream, as {@link DeflectionInput}. */
export type SelfServiceCustomersInput = DeflectionInput;

/** Why a record did not count: `anonymous` (a session or ticket without `customerId`). */
export type SelfServiceCustomersExclusion = "anonymous";

/** The state: the distinct self-service users and the distinct ticket requesters. */
export interface SelfServiceCustomersState {
  users: DistinctState<SelfServiceCustomersExclusion>;
  requesters: DistinctState<SelfServiceCustomersExclusion>;
}

/** The counts behind both metrics. */
export interface SelfServiceCounts {
  users: number;
  requesters: number;
  /** Customers on either side (users ∪ requesters). */
  either: number;
  method: string;
  standardError: number;
  excluded: Record<SelfServiceCustomersExclusion, number>;
}

/**
 * The reducer both metrics build on: each session's customer into `users`, each ticket's into
 * `requesters`; `counts` reads the three distinct counts. Sessions are placed by `startedAt`,
 * tickets by `createdAt`.
 *
 * @example
 * const { reducer, counts } = selfServiceCustomers("selfServiceScore", {});
 * const state = reducer.init();
 * const at = new Date("2024-03-01T09:00:00Z");
 * for (const customerId of ["a", "b", "a"]) reducer.add(state, { startedAt: at, customerId, kind: "search" }, undefined);
 * for (const customerId of ["b", "c"]) reducer.add(state, { createdAt: at, customerId }, undefined);
 * const { users, requesters, either } = counts(state);
 * [users, requesters, either]
 * //=> [2, 2, 3]
 */
export function selfServiceCustomers(
  fn: string,
  options: { distinct?: Distinct },
): {
  reducer: Omit<Reducer<SelfServiceCustomersInput, SelfServiceCustomersState, unknown>, "result">;
  counts(state: SelfServiceCustomersState): SelfServiceCounts;
} {
  const how = readOptions(fn, OPTIONS, options).distinct ?? distinct.method(fn, undefined);
  const isSession = (record: SelfServiceCustomersInput) => "startedAt" in record;
  const instantOf = (record: SelfServiceCustomersInput) =>
    "startedAt" in record ? record.startedAt : record.createdAt;
  return {
    reducer: {
      name: fn,
      timeOf: instantOf,
      init: () => ({
        users: distinct.init(["anonymous"], how),
        requesters: distinct.init(["anonymous"], how),
      }),
      add(state, record) {
        const at: unknown = instantOf(record);
        if (!isInstant(at)) {
          badField(fn, isSession(record) ? "startedAt" : "createdAt", "a valid Date", at);
        }
        const side = isSession(record) ? state.users : state.requesters;
        const customer: unknown = record.customerId;
        if (customer === null || customer === undefined) {
          side.excluded.anonymous++;
          return;
        }
        if (typeof customer !== "string") badField(fn, "customerId", "a string or null", customer);
        distinct.add(side, customer as string);
      },
      merge: (a, b) => ({
        users: distinct.merge(a.users, b.users),
        requesters: distinct.merge(a.requesters, b.requesters),
      }),
    },
    counts(state) {
      const users = distinct.result(state.users);
      const requesters = distinct.result(state.requesters);
      const either = distinct.result(distinct.merge(state.users, state.requesters));
      return {
        users: users.value,
        requesters: requesters.value,
        either: either.value,
        method: users.method,
        standardError: users.standardError,
        excluded: mergeExcluded(state.users.excluded, state.requesters.excluded),
      };
    },
  };
}
