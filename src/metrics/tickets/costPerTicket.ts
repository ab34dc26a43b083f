import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { SupportCost } from "../../schemas/customer.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { all, field, isNull, type MetricSql, not } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";

/** The ticket fields {@link costPerTicket} reads. */
export type CostPerTicketTicket = Pick<Ticket, "createdAt" | "firstResolvedAt">;
/** The support cost fields {@link costPerTicket} reads. */
export type CostPerTicketCost = Pick<SupportCost, "incurredAt" | "amount">;
/** One record of the stream {@link costPerTicket} reads: a ticket or a support cost entry. */
export type CostPerTicketInput = CostPerTicketTicket | CostPerTicketCost;

/**
 * Which tickets divide the cost: `"resolved"` (tickets first resolved in the period) or
 * `"created"` (tickets created in the period).
 */
export type CostPerTicketDenominator = "resolved" | "created";

/** Options for {@link costPerTicket}. */
export interface CostPerTicketOptions {
  /** See {@link CostPerTicketDenominator}. Defaults to `"resolved"`. */
  denominator?: CostPerTicketDenominator;
}

/** Why a ticket did not count: `unresolved`, with `denominator: "resolved"`. */
export type CostPerTicketExclusion = "unresolved";

/**
 * The accumulator behind {@link costPerTicket}. Every amount is kept (cost entries are few)
 * and summed in sorted order in `result`, so the total does not depend on the order records
 * arrived in or shards were merged: floating-point addition is not associative.
 */
export interface CostPerTicketState {
  amounts: number[];
  tickets: number;
  excluded: Excluded<CostPerTicketExclusion>;
}

/** Cost per ticket with the totals behind it: value = cost / tickets. */
export interface CostPerTicketResult {
  /** `cost / tickets`, or `null` with no ticket or no cost entry. */
  value: number | null;
  /** Total support cost: the sum of the cost entries' amounts. */
  cost: number;
  /** Cost entries summed. */
  costEntries: number;
  /** Tickets in the denominator. */
  tickets: number;
  denominator: CostPerTicketDenominator;
  excluded: Excluded<CostPerTicketExclusion>;
}

const DENOMINATORS = ["resolved", "created"] as const satisfies readonly CostPerTicketDenominator[];
const EXCLUSIONS: readonly CostPerTicketExclusion[] = ["unresolved"];

/** The schema of {@link CostPerTicketOptions}. */
const OPTIONS = z.strictObject({
  denominator: z._default(oneOf(DENOMINATORS), "resolved"),
});

/**
 * Whether a record of the stream is a support cost entry (rather than a ticket).
 *
 * @example
 * const at = new Date("2024-03-10T00:00:00Z");
 * [{ incurredAt: at, amount: 9000 }, { createdAt: at, firstResolvedAt: at }].map(isSupportCost)
 * //=> [true, false]
 */
export function isSupportCost(item: CostPerTicketInput): item is CostPerTicketCost {
  return "incurredAt" in item;
}

/**
 * Cheap checks of the fields cost per ticket reads, for records that never went through the
 * schema (recordError.ts): a cost needs a valid `incurredAt` and a finite `amount`, a ticket
 * a valid `createdAt` and a `firstResolvedAt` that is a valid Date or null.
 */
function requireFields(item: CostPerTicketInput): void {
  const fn = "costPerTicket";
  if (isSupportCost(item)) {
    requireInstant(fn, "incurredAt", item.incurredAt);
    const amount: unknown = item.amount;
    if (typeof amount !== "number" || !Number.isFinite(amount)) {
      badField(fn, "amount", "a finite number", amount);
    }
    return;
  }
  requireInstant(fn, "createdAt", item.createdAt);
  const resolved: unknown = item.firstResolvedAt;
  if (resolved !== null && resolved !== undefined && !isInstant(resolved)) {
    badField(fn, "firstResolvedAt", "a valid Date or null", resolved);
  }
}

function total(amounts: readonly number[]): number {
  const sorted = Float64Array.from(amounts).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] as number;
  return sum;
}

/**
 * Cost per ticket: total support cost divided by the tickets resolved (or created). Takes
 * one stream of tickets and support cost entries (salaries, tooling), told apart by
 * `incurredAt`; grouped by period, each period's cost is divided by that period's tickets.
 * Definition: docs/definitions.md, "Cost per ticket".
 *
 * @param items - Validated tickets and support cost entries, in any order.
 * @param options - See {@link CostPerTicketOptions}.
 * @returns `value` in the cost's currency, or `null` when there is no ticket or no cost
 *   entry (a missing cost is unknown, not zero); `cost`, `costEntries`, `tickets`,
 *   `denominator` and `excluded`.
 *
 * @example
 * const at = new Date("2024-03-10T00:00:00Z");
 * costPerTicket([
 *   { incurredAt: at, amount: 9000 },
 *   { incurredAt: at, amount: 1000 },
 *   ...Array.from({ length: 400 }, () => ({ createdAt: at, firstResolvedAt: at })),
 * ]).value
 * //=> 25
 */
export const costPerTicket = callOf(costPerTicketReducer);

/**
 * The mergeable reducer behind {@link costPerTicket}, for `rollup` and for shards. Costs are
 * placed by `incurredAt`; tickets by `firstResolvedAt` (or `createdAt` with
 * `denominator: "created"`).
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = new Date("2024-03-10T00:00:00Z");
 * const all = [
 *   { incurredAt: at, amount: 9000 },
 *   { incurredAt: at, amount: 1000 },
 *   ...Array.from({ length: 400 }, () => ({ createdAt: at, firstResolvedAt: at })),
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(costPerTicketReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 25
 */
export function costPerTicketReducer(
  options: CostPerTicketOptions = {},
): Reducer<CostPerTicketInput, CostPerTicketState, CostPerTicketResult> {
  const { denominator } = readOptions("costPerTicket", OPTIONS, options);
  return {
    name: "costPerTicket",
    timeOf(item) {
      requireFields(item);
      if (isSupportCost(item)) return item.incurredAt;
      return denominator === "resolved" ? item.firstResolvedAt : item.createdAt;
    },
    init: () => ({ amounts: [], tickets: 0, excluded: excludedCounts(EXCLUSIONS) }),
    add(state, item) {
      requireFields(item);
      if (isSupportCost(item)) {
        state.amounts.push(item.amount);
        return;
      }
      if (denominator === "resolved" && !item.firstResolvedAt) {
        state.excluded.unresolved++;
        return;
      }
      state.tickets++;
    },
    merge: (a, b) => ({
      amounts: a.amounts.concat(b.amounts),
      tickets: a.tickets + b.tickets,
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result: (state) =>
      resultOf(total(state.amounts), state.amounts.length, state.tickets, denominator, {
        ...state.excluded,
      }),
  };
}

/** The result of the totals: the reducer's, and the compiled query's (which sums in SQL). */
function resultOf(
  cost: number,
  costEntries: number,
  tickets: number,
  denominator: CostPerTicketDenominator,
  excluded: Excluded<CostPerTicketExclusion>,
): CostPerTicketResult {
  const known = tickets > 0 && costEntries > 0;
  return {
    value: known ? cost / tickets : null,
    cost,
    costEntries,
    tickets,
    denominator,
    excluded,
  };
}

/**
 * Cost per ticket in SQL, over one relation of tickets and support costs (a union of the two
 * tables: the stream the reducer reads, told apart by `incurredAt`, which every cost has and
 * no ticket): a cost is placed by `incurredAt`, a ticket by the instant `denominator` names
 * (by creation with `placeBy: "created"`), each in one period. The costs' amounts are summed
 * by SQL (in its own order, where the reducer sums them sorted: equal to the last bits).
 */
function costPerTicketSql(options: CostPerTicketOptions): MetricSql {
  const denominator = options.denominator ?? "resolved";
  const isCost = not(isNull("incurredAt"));
  const ticketAt = denominator === "resolved" ? "firstResolvedAt" : "createdAt";
  return {
    exclude:
      denominator === "resolved"
        ? [{ reason: "unresolved", when: all(not(isCost), isNull("firstResolvedAt")) }]
        : [],
    state: {
      cost: { sum: field("amount") },
      costEntries: { count: isCost },
      tickets: { count: not(isCost) },
    },
    events: { placedBy: [{ field: "incurredAt" }, { field: ticketAt, when: not(isCost) }] },
    result: (numbers, excluded) =>
      resultOf(
        numbers.cost as number,
        numbers.costEntries as number,
        numbers.tickets as number,
        denominator,
        excluded as Excluded<CostPerTicketExclusion>,
      ),
  };
}

/**
 * Cost per ticket in the catalogue: `cost-per-ticket`. Tickets are placed as `denominator`
 * says (cost entries by `incurredAt`, whatever the options).
 */
export const costPerTicketMetric = defineMetric({
  name: "cost-per-ticket",
  key: "costPerTicket",
  label: "Cost per ticket",
  description: "Total support cost divided by the tickets resolved (or created).",
  unit: "money",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "firstResolvedAt", "incurredAt", "amount"],
  placement: (options) => ({
    by: "instant",
    field: options.denominator === "created" ? "createdAt" : "firstResolvedAt",
  }),
  // cost / tickets, a mean cost per ticket; its count of records is `tickets`, not `n`.
  result: "amount",
  options: OPTIONS,
  sql: costPerTicketSql,
  reducer: costPerTicketReducer,
});
