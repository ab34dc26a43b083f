import * as z from "zod/mini";
import { type Distinct, distinctOptionField } from "../../reduce/distinct.ts";
import { callOf } from "../../reduce/folds.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { defineMetric } from "../define.ts";
import {
  type SelfServiceCounts,
  type SelfServiceCustomersExclusion,
  type SelfServiceCustomersInput,
  type SelfServiceCustomersState,
  selfServiceCustomers,
  selfServiceCustomersSql,
} from "./selfServiceCustomers.ts";

/** The schema of the options: how distinct customers are counted. */
const OPTIONS = z.strictObject(distinctOptionField);

/** Options for {@link selfServiceScore}. */
export interface SelfServiceScoreOptions {
  /** How distinct customers are counted: `"exact"` (default) or a HyperLogLog sketch. */
  distinct?: Distinct;
}

/** The self-service score: a ratio, with the two distinct counts behind it. */
export interface SelfServiceScoreResult {
  /** Help-center users per ticket requester; `null` with no requester. */
  value: number | null;
  /** Distinct customers with a self-service session. */
  users: number;
  /** Distinct customers who opened a ticket. */
  requesters: number;
  method: string;
  standardError: number;
  excluded: Record<SelfServiceCustomersExclusion, number>;
}

/**
 * Zendesk's self-service score: distinct help-center users / distinct ticket requesters in
 * the period, a ratio (not a percentage): 4 means four customers helped themselves for each
 * who asked support. Sessions are placed by `startedAt`, tickets by `createdAt`; anonymous
 * sessions (and tickets without a customer) are excluded as `anonymous`. Definition:
 * docs/definitions.md, "Self-service".
 *
 * @param items - Sessions and tickets, in one iterable.
 * @param options - See {@link SelfServiceScoreOptions}.
 * @returns `value` (users / requesters, or `null`), `users`, `requesters`, `method`,
 *   `standardError`, `excluded`.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const s = (customerId) => ({ startedAt: at, customerId, kind: "articleView" });
 * const t = (customerId) => ({ createdAt: at, customerId });
 * // users {a, b, c, d}, requesters {a, e}: 4 / 2 = 2
 * selfServiceScore([s("a"), s("b"), s("c"), s("d"), s("a"), s(null), t("a"), t("e")])
 * //=> { value: 2, users: 4, requesters: 2, method: "exact", standardError: 0, excluded: { anonymous: 1 } }
 */
export const selfServiceScore = callOf(selfServiceScoreReducer);

/**
 * The mergeable reducer behind {@link selfServiceScore}: two distinct counts, merged as
 * unions (a customer who used the help center in two shards is one user).
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const reducer = selfServiceScoreReducer();
 * const a = reducer.init();
 * const b = reducer.init();
 * reducer.add(a, { startedAt: at, customerId: "x", kind: "search" }, undefined);
 * reducer.add(b, { startedAt: at, customerId: "x", kind: "search" }, undefined);
 * reducer.add(b, { createdAt: at, customerId: "y" }, undefined);
 * // x is one user across both shards: 1 / 1
 * reducer.result(reducer.merge(a, b)).value
 * //=> 1
 */
export function selfServiceScoreReducer(
  options: SelfServiceScoreOptions = {},
): Reducer<SelfServiceCustomersInput, SelfServiceCustomersState, SelfServiceScoreResult> {
  const fn = "selfServiceScore";
  const { reducer, counts } = selfServiceCustomers(fn, options);
  return { ...reducer, result: (state) => scoreOf(counts(state)) };
}

/** The score of the two distinct counts, in memory and from SQL's counts alike. */
function scoreOf(counts: SelfServiceCounts): SelfServiceScoreResult {
  const { users, requesters, method, standardError, excluded } = counts;
  return {
    value: requesters === 0 ? null : users / requesters,
    users,
    requesters,
    method,
    standardError,
    excluded,
  };
}

/**
 * Self-service score in the catalogue: sessions and tickets in one stream, sessions placed by
 * `startedAt` and tickets by `createdAt`.
 *
 * Its result shape is `amount`: a quotient of two distinct counts, neither of which is the
 * one count of records behind it (both are customers, on two sides).
 */
export const selfServiceScoreMetric = defineMetric({
  name: "self-service-score",
  key: "selfServiceScore",
  label: "Self-service score",
  description:
    "Distinct help-center users per distinct ticket requester (Zendesk's self-service score), a ratio.",
  unit: "ratio",
  better: "higher",
  records: "sessions",
  joins: "tickets",
  reads: ["startedAt", "customerId", "createdAt"],
  placement: { by: "instant", field: "startedAt" },
  result: "amount",
  options: OPTIONS,
  byDefault: true,
  sql: (options) => selfServiceCustomersSql(options, scoreOf),
  reducer: selfServiceScoreReducer,
});
