import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions, window } from "../../reduce/options.ts";
import { badField, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { Customer } from "../../schemas/customer.ts";
import { MRR_REFUSAL } from "../../sql/customerStock.ts";
import { refuse } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { grossMargin, orderedSum, type WindowInput } from "./customerCounts.ts";

const NAME = "cacPayback";

/** The fields {@link cacPayback} reads; callers may pass whole customers. */
export type CacPaybackInput = Pick<Customer, "startedAt" | "acquisitionCost" | "mrr">;

/** Options for {@link cacPayback}. */
export interface CacPaybackOptions {
  /** Gross margin as a fraction, above 0 and at most 1 (0.8 for 80 %). Required. */
  grossMargin: number;
  /**
   * Only customers acquired (`startedAt`) in `[start, end)` count; the others are excluded as
   * `outsideWindow`. Without it every customer counts. In a rollup grouped by period, each
   * customer is placed in the period of its `startedAt`.
   */
  window?: WindowInput;
}

/** Why a customer did not count. */
export type CacPaybackExclusion =
  | "outsideWindow"
  | "noAcquisitionCost"
  | "negativeAcquisitionCost"
  | "noMrr";

/** The accumulator behind {@link cacPayback}: the kept amounts, summed in order by `result`. */
export interface CacPaybackState {
  costs: number[];
  newMrr: number[];
  excluded: Excluded<CacPaybackExclusion>;
}

/** CAC payback with the sums behind it: value = acquisitionCost / (newMrr × grossMargin). */
export interface CacPaybackResult {
  /** Months to earn back the acquisition cost; `null` when no customer counted. */
  value: number | null;
  /** Acquisition costs of the customers counted, summed. */
  acquisitionCost: number;
  /** Their first paying MRR, summed. */
  newMrr: number;
  grossMargin: number;
  /** Customers counted. */
  customers: number;
  excluded: Excluded<CacPaybackExclusion>;
}

const EXCLUSIONS: readonly CacPaybackExclusion[] = [
  "outsideWindow",
  "noAcquisitionCost",
  "negativeAcquisitionCost",
  "noMrr",
];

/** The schema of {@link CacPaybackOptions}. */
const OPTIONS = z.strictObject({ grossMargin: grossMargin(), window: z.optional(window()) });

/** The first MRR amount above 0 (the first paying month, after any free trial). */
function firstPayingMrr(customer: CacPaybackInput): number | undefined {
  const mrr: unknown = customer.mrr;
  if (!Array.isArray(mrr)) return badField(NAME, "mrr", MRR, mrr);
  for (const change of mrr as unknown[]) {
    // Checked as far as it is read, for records that never went through the schema.
    const amount: unknown = (change as { amount?: unknown } | null)?.amount;
    if (typeof amount !== "number" || !(amount >= 0 && amount < Infinity)) {
      badField(NAME, "mrr", MRR, change);
    }
    if (amount > 0) return amount;
  }
  return undefined;
}

const MRR = "a list of MRR changes { at, amount: a finite number at least 0 }";

/**
 * CAC payback period in months: how many months of gross-margin MRR it takes to earn back
 * what acquiring customers cost. Over the customers acquired in the window:
 * sum of acquisition costs / (sum of their new MRR × gross margin).
 *
 * For one customer this is CAC / (MRR × gross margin); over many it is the aggregate form,
 * acquisition spend / (new MRR × gross margin). A customer's new MRR is its first MRR amount
 * above 0. Customers without an acquisition cost or without paying MRR are excluded and
 * counted. Definition: docs/definitions.md, "CAC payback".
 *
 * @param items - Validated customers.
 * @param options - `grossMargin` (required) and `window`; see {@link CacPaybackOptions}.
 * @returns `value` in months, or `null` when no customer counted, with the sums behind it.
 *
 * @example
 * const startedAt = new Date("2024-03-05T00:00:00Z");
 * const mrr = (amount) => [{ at: startedAt, amount }];
 * // (1200 + 1800) / ((100 + 150) × 0.8) = 3000 / 200 = 15 months
 * cacPayback([
 *   { startedAt, acquisitionCost: 1200, mrr: mrr(100) },
 *   { startedAt, acquisitionCost: 1800, mrr: mrr(150) },
 * ], { grossMargin: 0.8 }).value
 * //=> 15
 */
export const cacPayback = callOf(cacPaybackReducer);

/**
 * The mergeable reducer behind {@link cacPayback}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const startedAt = new Date("2024-03-05T00:00:00Z");
 * const mrr = (amount) => [{ at: startedAt, amount }];
 * // (1200 + 1800) / ((100 + 150) × 0.8) = 3000 / 200 = 15 months
 * const all = [
 *   { startedAt, acquisitionCost: 1200, mrr: mrr(100) },
 *   { startedAt, acquisitionCost: 1800, mrr: mrr(150) },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(cacPaybackReducer({ grossMargin: 0.8 }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 15
 */
export function cacPaybackReducer(
  options: CacPaybackOptions,
): Reducer<CacPaybackInput, CacPaybackState, CacPaybackResult> {
  const { grossMargin: margin, window: acquired } = readOptions(NAME, OPTIONS, options);
  return {
    name: NAME,
    timeOf: (customer) => requireInstant(NAME, "startedAt", customer.startedAt),
    ...(acquired ? { window: acquired } : {}),
    init: () => ({ costs: [], newMrr: [], excluded: excludedCounts(EXCLUSIONS) }),
    add(state, customer, measured) {
      // Cheap checks for records that never went through the schema (recordError.ts).
      const time = requireInstant(NAME, "startedAt", customer.startedAt).getTime();
      if (measured && (time < measured.start || time >= measured.end)) {
        state.excluded.outsideWindow++;
        return;
      }
      const cost: unknown = customer.acquisitionCost;
      if (cost === null || cost === undefined) {
        state.excluded.noAcquisitionCost++;
        return;
      }
      // Number.isFinite alone refuses the same values (it does not coerce "300"), so dropping
      // the typeof test is an equivalent mutant; it is there to narrow `cost` to a number.
      if (typeof cost !== "number" || !Number.isFinite(cost)) {
        badField(NAME, "acquisitionCost", "a finite number or null", cost);
      }
      if (cost < 0) {
        state.excluded.negativeAcquisitionCost++;
        return;
      }
      const mrr = firstPayingMrr(customer);
      if (mrr === undefined) {
        state.excluded.noMrr++;
        return;
      }
      state.costs.push(cost);
      state.newMrr.push(mrr);
    },
    merge: (a, b) => ({
      costs: a.costs.concat(b.costs),
      newMrr: a.newMrr.concat(b.newMrr),
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result(state) {
      const acquisitionCost = orderedSum(state.costs);
      const newMrr = orderedSum(state.newMrr);
      return {
        value: state.costs.length === 0 ? null : acquisitionCost / (newMrr * margin),
        acquisitionCost,
        newMrr,
        grossMargin: margin,
        customers: state.costs.length,
        excluded: { ...state.excluded },
      };
    },
  };
}

/** CAC payback in the catalogue: each customer is placed by when it was acquired. */
export const cacPaybackMetric = defineMetric({
  name: "cac-payback",
  key: "cacPayback",
  label: "CAC payback",
  description:
    "Months of gross-margin MRR it takes to earn back what acquiring the customers cost.",
  unit: "months",
  better: "lower",
  records: "customers",
  reads: ["startedAt", "acquisitionCost", "mrr"],
  placement: { by: "instant", field: "startedAt" },
  result: "amount",
  options: OPTIONS,
  sql: refuse(MRR_REFUSAL),
  reducer: cacPaybackReducer,
});
