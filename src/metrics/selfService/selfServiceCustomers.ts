import * as z from "zod/mini";
import {
  type Distinct,
  type DistinctMethod,
  type DistinctState,
  distinct,
  distinctOptionField,
} from "../../reduce/distinct.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { mergeExcluded } from "../../reduce/results.ts";
import { type Expr, field, isNull, type MetricSql, not } from "../../sql/spec.ts";
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

/**
 * A field no relation has, which SQL reads as NULL: a customer on the other side is no
 * customer of this one (a null in a distinct count is not counted).
 */
const NOBODY: Expr = field("\u0000nobody");

/**
 * In SQL, a record of the stream is a session when it has a `startedAt` (as `add` tells them
 * apart); deflection's declaration reads it too.
 */
export const IS_SESSION: Expr = not(isNull("startedAt"));

/** The customer of a record on one side (sessions or tickets), null for the other side. */
function customerOn(sessions: boolean): Expr {
  const cases = [{ when: IS_SESSION, result: sessions ? field("customerId") : NOBODY }];
  return { cases, otherwise: sessions ? NOBODY : field("customerId") };
}

/**
 * What both metrics say to the SQL compiler, over one relation of sessions and tickets (a view
 * of both tables, each with the other's columns null): a record without a customer is left
 * out as `anonymous`; the three distinct counts are the customers of the sessions, of the
 * tickets, and of both; a session is placed by `startedAt`, a ticket by `createdAt` (its
 * events: each record has one). `result` gives the metric's own result from the three
 * counts, exactly (`method: "exact"`); a HyperLogLog sketch is refused, since SQL counts
 * distinct ids exactly and the sketch's estimate is its own.
 *
 * @example
 * const sql = selfServiceCustomersSql({ distinct: { sketch: null } }, (counts) => counts.either);
 * [Object.keys(sql.state), sql.result({ users: 2, requesters: 1, either: 3 }, { anonymous: 0 })]
 * //=> [["users", "requesters", "either"], 3]
 */
export function selfServiceCustomersSql(
  options: { distinct?: unknown },
  result: (counts: SelfServiceCounts) => unknown,
): Extract<MetricSql, { events: unknown }> | { refused: string } {
  if ((options.distinct as DistinctMethod | undefined)?.sketch)
    return {
      refused:
        'a HyperLogLog count is the sketch\'s own estimate; SQL counts distinct customers exactly (use distinct: "exact")',
    };
  return {
    exclude: [{ reason: "anonymous", when: isNull("customerId") }],
    state: {
      users: { distinct: [customerOn(true)] },
      requesters: { distinct: [customerOn(false)] },
      either: { distinct: [field("customerId")] },
    },
    // A session has no createdAt and a ticket no startedAt: each record has one instant.
    events: { placedBy: [{ field: "startedAt" }, { field: "createdAt" }] },
    result: (numbers, excluded) =>
      result({
        users: numbers.users as number,
        requesters: numbers.requesters as number,
        either: numbers.either as number,
        method: "exact",
        standardError: 0,
        excluded: excluded as Record<SelfServiceCustomersExclusion, number>,
      }),
  };
}
