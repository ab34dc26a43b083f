import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type MeanResult, type MeanState, mean, mergeExcluded } from "../../reduce/results.ts";
import { agentsSql } from "../../sql/agents.ts";
import { tally } from "../../sql/nested.ts";
import { value } from "../../sql/spec.ts";
import {
  type IntervalOf,
  intervalFor,
  meanIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
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

/** The fields {@link handoffs} reads; callers may pass whole tickets. */
export type HandoffsInput = AgentsInput;

/** Options for {@link handoffs}: which agents count (see {@link AgentsOptions}). */
export type HandoffsOptions = AgentsOptions;

/** Why a ticket did not count; see {@link AgentsExclusion}. */
export type HandoffsExclusion = AgentsExclusion;

/** The state of {@link handoffsReducer}: a mean's sums and the count of tickets per handoffs. */
export interface HandoffsState extends MeanState<HandoffsExclusion> {
  /** `distribution[k]`: tickets with exactly k handoffs. */
  distribution: number[];
}

/**
 * Handoffs' result: `value` the mean handoffs per ticket (`null` with no ticket counted),
 * `sum` and `n` behind it, and `distribution[k]`, the tickets with exactly k handoffs.
 */
export interface HandoffsResult extends MeanResult<HandoffsExclusion> {
  distribution: number[];
}

/**
 * Handoffs: how many times a ticket changed hands, = distinct agents on it − 1, averaged over
 * the tickets that had an agent, with the distribution beside the mean (a mean of 0.4 may be
 * one ticket in three passed once, or one in ten passed four times). The agents are the
 * assignees of the assignment history by default, or the agents who replied (`from:
 * "replies"`). Placed by `createdAt`. A ticket without a history is excluded as unknown, never
 * counted as "no handoff". Definition: docs/definitions.md, "Handoffs".
 *
 * @param items - Validated tickets.
 * @param options - See {@link HandoffsOptions}.
 * @returns `value` (mean handoffs per ticket, or `null`), `sum`, `n`, `distribution`, `excluded`.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const t = (...ids) => ({ createdAt: at, assigneeId: null, messages: null,
 *   assignments: ids.map((assigneeId) => ({ at, assigneeId })) });
 * // agents 1, 2 and 3 → handoffs 0, 1, 2: mean (0 + 1 + 2) / 3 = 1
 * handoffs([t("a"), t("a", "b"), t("a", "b", "c", "a")])
 * //=> { value: 1, sum: 3, n: 3, distribution: [1, 1, 1], excluded: { unknownAssignments: 0, unknownReplies: 0, unknownReplier: 0, neverAssigned: 0 } }
 */
export const handoffs = callOf(handoffsReducer);

/**
 * The mergeable reducer behind {@link handoffs}, for `rollup` and for shards. Each ticket is
 * counted whole where its `createdAt` falls, so states merge by adding their sums and their
 * distributions, bucket by bucket.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * const at = new Date("2024-03-01T09:00:00Z");
 * const t = (...ids) => ({ createdAt: at, assigneeId: null, messages: null,
 *   assignments: ids.map((assigneeId) => ({ at, assigneeId })) });
 * const reducer = handoffsReducer();
 * const fold = (part) => {
 *   const state = reducer.init();
 *   for (const ticket of part) reducer.add(state, ticket, undefined);
 *   return state;
 * };
 * // handoffs 1 and 0 in one shard, 2 in the other: 3 over 3 tickets
 * reducer.result(reducer.merge(fold([t("a", "b"), t("c")]), fold([t("a", "b", "c")]))).distribution
 * //=> [1, 1, 1]
 */
export function handoffsReducer(
  options: HandoffsOptions = {},
): Reducer<HandoffsInput, HandoffsState, HandoffsResult> {
  const fn = "handoffs";
  const { from, interval } = readOptions(fn, AGENTS_OPTIONS, options);
  const plain: ReturnType<typeof handoffsReducer> = skipMergedSources({
    name: fn,
    timeOf: (ticket) => ticket.createdAt,
    init: () => ({ ...mean.init(AGENTS_EXCLUSIONS), distribution: [] as number[] }),
    add(state, ticket) {
      if (!isInstant(ticket.createdAt)) badField(fn, "createdAt", "a valid Date", ticket.createdAt);
      const agents = agentsOnTicket(ticket, from, fn);
      if (typeof agents === "string") {
        state.excluded[agents]++;
        return;
      }
      const passes = agents - 1;
      state.sum += passes;
      state.n++;
      while (state.distribution.length <= passes) state.distribution.push(0);
      state.distribution[passes] = (state.distribution[passes] as number) + 1;
    },
    merge(a, b) {
      const distribution = [...a.distribution];
      b.distribution.forEach((tickets, k) => {
        distribution[k] = (distribution[k] ?? 0) + tickets;
      });
      return {
        sum: a.sum + b.sum,
        n: a.n + b.n,
        excluded: mergeExcluded(a.excluded, b.excluded),
        distribution,
      };
    },
    result: (state) => ({ ...mean.result(state), distribution: [...state.distribution] }),
  });
  return withInterval(plain, intervalFor(fn, "mean", interval), handoffsInterval);
}

/** The t interval of mean handoffs, Σx² read from the distribution: k² for each ticket with k. */
const handoffsInterval: IntervalOf<HandoffsState, HandoffsResult> = (state, result, choice) =>
  meanIntervalOf(
    {
      n: state.n,
      sum: state.sum,
      sumOfSquares: state.distribution.reduce((sum, tickets, k) => sum + tickets * k * k, 0),
    },
    result,
    choice,
  );

/** Handoffs in the catalogue: `handoffs`. */
export const handoffsMetric = defineMetric({
  name: "handoffs",
  key: "handoffs",
  label: "Handoffs per ticket",
  description:
    "Times a ticket changed hands (distinct agents on it minus one), on average, with the distribution.",
  unit: "ratio",
  better: "lower",
  records: "tickets",
  placement: { by: "instant", field: "createdAt" },
  result: "mean",
  takesInterval: true,
  options: AGENTS_OPTIONS,
  reads: ["createdAt", "assignments"],
  // Each counted ticket's handoffs (agents − 1): summed, counted, and tallied by k.
  sql: (options) =>
    agentsSql(options.from, (agents) => {
      const passes = { op: "-", args: [agents, value(1)] } as const;
      return { sum: { sum: passes }, n: { count: true }, distribution: tally(passes) };
    }),
  reducer: handoffsReducer,
});
