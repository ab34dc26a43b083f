import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { checkedBy, oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { field, isNull } from "../../sql/spec.ts";
import { period, type TimeZoneOptions } from "../../time/period.ts";
import { checkTimeZone } from "../../time/zone.ts";
import { defineMetric } from "../define.ts";

const NAME = "ticketsPerAgent";

/** The fields {@link ticketsPerAgent} reads; callers may pass whole tickets. */
export type TicketsPerAgentInput = Pick<Ticket, "assigneeId" | "firstResolvedAt">;

/**
 * What the resolved tickets are divided by: `"agentDay"`, the distinct (agent, local date)
 * pairs with at least one resolution; or `"agent"`, the distinct agents.
 */
export type TicketsPerAgentDivisor = "agentDay" | "agent";

/** Options for {@link ticketsPerAgent}. */
export interface TicketsPerAgentOptions extends TimeZoneOptions {
  /** See {@link TicketsPerAgentDivisor}. Defaults to `"agentDay"`. */
  per?: TicketsPerAgentDivisor;
}

/** Why a ticket did not count. */
export type TicketsPerAgentExclusion = "unresolved" | "unassigned";

/** The accumulator behind {@link ticketsPerAgent}: a count and each agent's set of days. */
export interface TicketsPerAgentState {
  tickets: number;
  /** Per agent, the start (epoch ms) of every local day it resolved a ticket on. */
  days: Map<string, Set<number>>;
  excluded: Excluded<TicketsPerAgentExclusion>;
}

/** Tickets per agent (or agent-day): value = numerator / denominator. */
export interface TicketsPerAgentResult {
  /** A plain quotient, not a percentage; `null` when no ticket counted. */
  value: number | null;
  per: TicketsPerAgentDivisor;
  /** Resolved, assigned tickets. */
  numerator: number;
  /** `agentDays` or `agents`, as `per` says. */
  denominator: number;
  /** Distinct agents that resolved a ticket. */
  agents: number;
  /** Distinct (agent, local date of resolution) pairs. */
  agentDays: number;
  excluded: Excluded<TicketsPerAgentExclusion>;
}

const DIVISORS = ["agentDay", "agent"] as const satisfies readonly TicketsPerAgentDivisor[];
const EXCLUSIONS: readonly TicketsPerAgentExclusion[] = ["unresolved", "unassigned"];

/** The schema of {@link TicketsPerAgentOptions}. */
const OPTIONS = z.strictObject({
  per: z._default(oneOf(DIVISORS), "agentDay"),
  timeZone: z.optional(checkedBy((value: string, fn) => checkTimeZone(value, fn))),
});

/** The result from the counts: the reducer's, and the SQL compiler's (which counts them in SQL). */
function resultOf(
  per: TicketsPerAgentDivisor,
  tickets: number,
  agents: number,
  agentDays: number,
  excluded: Excluded<TicketsPerAgentExclusion>,
): TicketsPerAgentResult {
  const denominator = per === "agent" ? agents : agentDays;
  return {
    value: denominator === 0 ? null : tickets / denominator,
    per,
    numerator: tickets,
    denominator,
    agents,
    agentDays,
    excluded,
  };
}

/**
 * Tickets resolved per agent working day: resolved tickets / agent-days, where an agent-day
 * is a distinct (assignee, local date of the first resolution) pair. A day on which an agent
 * resolved nothing is not an agent-day here, so the value is tickets per *active* day.
 * `per: "agent"` divides by distinct agents instead.
 *
 * A ticket counts for its assignee on the day of its first resolution, read in `timeZone`.
 * Unresolved tickets are excluded as `unresolved`, resolved tickets without an assignee as
 * `unassigned`. Definition: docs/definitions.md, "Tickets per agent".
 *
 * @param items - Validated tickets.
 * @param options - `per` and `timeZone`; see {@link TicketsPerAgentOptions}.
 * @returns `value` (a quotient), or `null` when no ticket counted, with `numerator`,
 *   `denominator`, `agents`, `agentDays` and `excluded`.
 *
 * @example
 * const at = (iso) => new Date(iso);
 * // ana: 2 tickets on 4 March, 1 on 5 March; ben: 3 on 4 March → 6 tickets / 3 agent-days = 2
 * ticketsPerAgent([
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-04T09:00:00Z") },
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-04T15:00:00Z") },
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-05T10:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T11:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T12:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T13:00:00Z") },
 * ]).value
 * //=> 2
 */
export const ticketsPerAgent = callOf(ticketsPerAgentReducer);

/**
 * The mergeable reducer behind {@link ticketsPerAgent}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (iso) => new Date(iso);
 * // ana: 2 tickets on 4 March, 1 on 5 March; ben: 3 on 4 March → 6 tickets / 3 agent-days = 2
 * const all = [
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-04T09:00:00Z") },
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-04T15:00:00Z") },
 *   { assigneeId: "ana", firstResolvedAt: at("2024-03-05T10:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T11:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T12:00:00Z") },
 *   { assigneeId: "ben", firstResolvedAt: at("2024-03-04T13:00:00Z") },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(ticketsPerAgentReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 2
 */
export function ticketsPerAgentReducer(
  options: TicketsPerAgentOptions = {},
): Reducer<TicketsPerAgentInput, TicketsPerAgentState, TicketsPerAgentResult> {
  const { per, timeZone } = readOptions(NAME, OPTIONS, options);
  const day = period("day", { timeZone: timeZone ?? "UTC" });
  return {
    name: NAME,
    timeOf: (ticket) => ticket.firstResolvedAt,
    init: () => ({ tickets: 0, days: new Map(), excluded: excludedCounts(EXCLUSIONS) }),
    add(state, ticket) {
      if (!ticket.firstResolvedAt) {
        state.excluded.unresolved++;
        return;
      }
      // Cheap checks for records that never went through the schema (recordError.ts).
      if (!isInstant(ticket.firstResolvedAt)) {
        badField(
          "ticketsPerAgent",
          "firstResolvedAt",
          "a valid Date or null",
          ticket.firstResolvedAt,
        );
      }
      if (ticket.assigneeId === null || ticket.assigneeId === undefined) {
        state.excluded.unassigned++;
        return;
      }
      if (typeof ticket.assigneeId !== "string") {
        badField("ticketsPerAgent", "assigneeId", "a string or null", ticket.assigneeId);
      }
      state.tickets++;
      let days = state.days.get(ticket.assigneeId);
      if (!days) {
        days = new Set();
        state.days.set(ticket.assigneeId, days);
      }
      days.add(day.floor(ticket.firstResolvedAt.getTime()));
    },
    merge(a, b) {
      const days = new Map<string, Set<number>>();
      for (const source of [a.days, b.days]) {
        for (const [agent, starts] of source) {
          const into = days.get(agent);
          days.set(agent, into ? new Set([...into, ...starts]) : new Set(starts));
        }
      }
      return {
        tickets: a.tickets + b.tickets,
        days,
        excluded: mergeExcluded(a.excluded, b.excluded),
      };
    },
    result(state) {
      let agentDays = 0;
      for (const starts of state.days.values()) agentDays += starts.size;
      return resultOf(per, state.tickets, state.days.size, agentDays, { ...state.excluded });
    },
  };
}

/** Tickets per agent in the catalogue: a ticket is placed by its first resolution. */
export const ticketsPerAgentMetric = defineMetric({
  name: "tickets-per-agent",
  key: "ticketsPerAgent",
  label: "Tickets per agent-day",
  description: "Resolved tickets per agent and active day (or per agent), by assignee.",
  unit: "ratio",
  better: "higher",
  records: "tickets",
  reads: ["assigneeId", "firstResolvedAt"],
  placement: { by: "instant", field: "firstResolvedAt" },
  result: "ratio",
  options: OPTIONS,
  // Agents and agent-days are distinct counts, exact in SQL; a day is the local date of the
  // first resolution in the metric's zone, as the reducer floors it.
  sql: (options) => ({
    exclude: [
      { reason: "unresolved", when: isNull("firstResolvedAt") },
      { reason: "unassigned", when: isNull("assigneeId") },
    ],
    state: {
      tickets: { count: true },
      agents: { distinct: [field("assigneeId")] },
      agentDays: {
        distinct: [
          field("assigneeId"),
          { localDay: "firstResolvedAt", timeZone: options.timeZone ?? "UTC" },
        ],
      },
    },
    result: (n, excluded) =>
      resultOf(
        // The compiler passes parsed options (OPTIONS defaults `per`), so this fallback only
        // serves a direct caller of `sql`; no rollup reaches it (a mutant without coverage).
        options.per ?? "agentDay",
        n.tickets as number,
        n.agents as number,
        n.agentDays as number,
        excluded as Excluded<TicketsPerAgentExclusion>,
      ),
  }),
  reducer: ticketsPerAgentReducer,
});
