import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import { agentsSql } from "../../sql/agents.ts";
import { compare } from "../../sql/spec.ts";
import { intervalFor, rateIntervalOf, withInterval } from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import {
  AGENTS_EXCLUSIONS,
  AGENTS_OPTIONS,
  type AgentsExclusion,
  type AgentsInput,
  type AgentsOptions,
  agentsOnTicket,
} from "./agentsOnTicket.ts";
import { skipMergedSources } from "./mergedTickets.ts";

/** The fields {@link transferRate} reads; callers may pass whole tickets. */
export type TransferRateInput = AgentsInput;

/** Options for {@link transferRate}: which agents count (see {@link AgentsOptions}). */
export type TransferRateOptions = AgentsOptions;

/** Why a ticket did not count; see {@link AgentsExclusion}. */
export type TransferRateExclusion = AgentsExclusion;

/**
 * Transfer rate: the percentage of tickets passed between agents, = tickets with at least one
 * handoff (two or more distinct agents) / tickets with an agent. The agents are the assignees
 * of the assignment history by default, or the agents who replied (`from: "replies"`). Placed
 * by `createdAt`. A ticket without a history is excluded as unknown, never counted as "not
 * transferred". Definition: docs/definitions.md, "Handoffs and transfer rate".
 *
 * @param items - Validated tickets.
 * @param options - See {@link TransferRateOptions}.
 * @returns `value` (a percentage, or `null` with no ticket that had an agent), `numerator`
 *   (transferred), `denominator` (with an agent), `excluded`.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const t = (...ids) => ({ createdAt: at, assigneeId: null, messages: null,
 *   assignments: ids.map((assigneeId) => ({ at, assigneeId })) });
 * // 1 of the 4 assigned tickets went to a second agent; the unassigned one is left out
 * transferRate([t("a"), t("a", "b"), t("b"), t("c", "c"), t(null)])
 * //=> { value: 25, numerator: 1, denominator: 4, excluded: { unknownAssignments: 0, unknownReplies: 0, unknownReplier: 0, neverAssigned: 1 } }
 */
export const transferRate = callOf(transferRateReducer);

/**
 * The mergeable reducer behind {@link transferRate}, for `rollup` and for shards: two counts,
 * added when states merge.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * const at = new Date("2024-03-01T09:00:00Z");
 * const t = (...ids) => ({ createdAt: at, assigneeId: null, messages: null,
 *   assignments: ids.map((assigneeId) => ({ at, assigneeId })) });
 * const reducer = transferRateReducer();
 * const fold = (part) => {
 *   const state = reducer.init();
 *   for (const ticket of part) reducer.add(state, ticket, undefined);
 *   return state;
 * };
 * // 1 transferred in each shard, of 4 tickets in all
 * reducer.result(reducer.merge(fold([t("a", "b"), t("a")]), fold([t("c"), t("c", "d")]))).value
 * //=> 50
 */
export function transferRateReducer(
  options: TransferRateOptions = {},
): Reducer<
  TransferRateInput,
  RatioState<TransferRateExclusion>,
  RatioResult<TransferRateExclusion>
> {
  const fn = "transferRate";
  const { from, interval } = readOptions(fn, AGENTS_OPTIONS, options);
  const plain: ReturnType<typeof transferRateReducer> = skipMergedSources({
    name: fn,
    timeOf: (ticket) => ticket.createdAt,
    init: () => ratio.init(AGENTS_EXCLUSIONS),
    add(state, ticket) {
      if (!isInstant(ticket.createdAt)) badField(fn, "createdAt", "a valid Date", ticket.createdAt);
      const agents = agentsOnTicket(ticket, from, fn);
      if (typeof agents === "string") {
        state.excluded[agents]++;
        return;
      }
      state.denominator++;
      if (agents > 1) state.numerator++;
    },
    merge: ratio.merge,
    result: ratio.percent,
  });
  return withInterval(plain, intervalFor(fn, "rate", interval), rateIntervalOf);
}

/** Transfer rate in the catalogue: `transfer-rate`. */
export const transferRateMetric = defineMetric({
  name: "transfer-rate",
  key: "transferRate",
  label: "Transfer rate",
  description: "Share of tickets with an agent that passed to a second agent.",
  unit: "percent",
  better: "lower",
  records: "tickets",
  placement: { by: "instant", field: "createdAt" },
  result: "ratio",
  takesInterval: true,
  options: AGENTS_OPTIONS,
  reads: ["createdAt", "assignments"],
  // Transferred: two agents or more, of the tickets with one.
  sql: (options) =>
    agentsSql(options.from, (agents) => ({
      numerator: { count: compare(">", agents, 1) },
      denominator: { count: true },
    })),
  reducer: transferRateReducer,
});
