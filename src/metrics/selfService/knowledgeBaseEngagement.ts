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

/** Options for {@link knowledgeBaseEngagement}. */
export interface KnowledgeBaseEngagementOptions {
  /** How distinct customers are counted: `"exact"` (default) or a HyperLogLog sketch. */
  distinct?: Distinct;
}

/** Knowledge-base engagement: a percentage of customers, with the counts behind it. */
export interface KnowledgeBaseEngagementResult {
  /** 100 × users / customers who sought help; `null` with nobody. */
  value: number | null;
  /** Distinct customers who used self-service. */
  numerator: number;
  /** Distinct customers who used self-service or opened a ticket. */
  denominator: number;
  method: string;
  standardError: number;
  excluded: Record<SelfServiceCustomersExclusion, number>;
}

/**
 * Knowledge-base engagement: the percentage of customers who sought help that used
 * self-service, = distinct customers with a session / distinct customers with a session or a
 * ticket. A customer who read an article and then wrote in counts in both. Sessions are
 * placed by `startedAt`, tickets by `createdAt`; records without a customer are excluded as
 * `anonymous`. Definition: docs/definitions.md, "Self-service".
 *
 * @param items - Sessions and tickets, in one iterable.
 * @param options - See {@link KnowledgeBaseEngagementOptions}.
 * @returns `value` (a percentage, or `null`), `numerator`, `denominator`, `method`,
 *   `standardError`, `excluded`.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const s = (customerId) => ({ startedAt: at, customerId, kind: "search" });
 * const t = (customerId) => ({ createdAt: at, customerId });
 * // self-service {a, b}; sought help {a, b, c, d}: 2 / 4 = 50 %
 * knowledgeBaseEngagement([s("a"), s("b"), t("b"), t("c"), t("d")])
 * //=> { value: 50, numerator: 2, denominator: 4, method: "exact", standardError: 0, excluded: { anonymous: 0 } }
 */
export const knowledgeBaseEngagement = callOf(knowledgeBaseEngagementReducer);

/**
 * The mergeable reducer behind {@link knowledgeBaseEngagement}: two distinct counts merged as
 * unions; the denominator is their union, counted in `result`.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const reducer = knowledgeBaseEngagementReducer();
 * const a = reducer.init();
 * const b = reducer.init();
 * reducer.add(a, { startedAt: at, customerId: "x", kind: "botFlow" }, undefined);
 * reducer.add(b, { createdAt: at, customerId: "x" }, undefined);
 * reducer.add(b, { createdAt: at, customerId: "y" }, undefined);
 * // x used self-service; x and y sought help: 1 / 2
 * reducer.result(reducer.merge(a, b)).value
 * //=> 50
 */
export function knowledgeBaseEngagementReducer(
  options: KnowledgeBaseEngagementOptions = {},
): Reducer<SelfServiceCustomersInput, SelfServiceCustomersState, KnowledgeBaseEngagementResult> {
  const fn = "knowledgeBaseEngagement";
  const { reducer, counts } = selfServiceCustomers(fn, options);
  return { ...reducer, result: (state) => engagementOf(counts(state)) };
}

/** Engagement from the distinct counts, in memory and from SQL's counts alike. */
function engagementOf(counts: SelfServiceCounts): KnowledgeBaseEngagementResult {
  const { users, either, method, standardError, excluded } = counts;
  return {
    value: either === 0 ? null : (100 * users) / either,
    numerator: users,
    denominator: either,
    method,
    standardError,
    excluded,
  };
}

/**
 * Knowledge-base engagement in the catalogue: sessions and tickets in one stream, sessions placed by
 * `startedAt` and tickets by `createdAt`.
 */
export const knowledgeBaseEngagementMetric = defineMetric({
  name: "kb-engagement",
  key: "knowledgeBaseEngagement",
  label: "Knowledge-base engagement",
  description: "Share of customers who sought help (a session or a ticket) that used self-service.",
  unit: "percent",
  better: "higher",
  records: "sessions",
  joins: "tickets",
  reads: ["startedAt", "customerId", "createdAt"],
  placement: { by: "instant", field: "startedAt" },
  result: "ratio",
  options: OPTIONS,
  byDefault: true,
  sql: (options) => selfServiceCustomersSql(options, engagementOf),
  reducer: knowledgeBaseEngagementReducer,
});
