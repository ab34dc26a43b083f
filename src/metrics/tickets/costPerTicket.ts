import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { SupportCost } from "../../schemas/customer.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { refuse } from "../../sql/spec.ts";
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
    result(state) {
      const cost = total(state.amounts);
      const known = state.tickets > 0 && state.amounts.length > 0;
      return {
        value: known ? cost / state.tickets : null,
        cost,
        costEntries: state.amounts.length,
        tickets: state.tickets,
        denominator,
        excluded: { ...state.excluded },
      };
    },
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
  sql: refuse("reads support-cost records, which the engine does not load yet"),
  reducer: costPerTicketReducer,
});
