import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { compare, field, isNull, MERGED_SOURCE_RULE } from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/** The fields {@link reopenRate} reads; callers may pass whole tickets. */
export type ReopenRateInput = Pick<Ticket, "firstResolvedAt" | "reopenCount">;

/**
 * Why a ticket did not count: `unresolved`, never solved or closed; `unknownReopens`, its
 * `reopenCount` unknown (`null`: neither given nor derivable from status changes).
 */
export type ReopenRateExclusion = "unresolved" | "unknownReopens" | MergedSourceExclusion;

/**
 * Options for {@link reopenRate}: only `interval`. The rate takes an options object like every
 * metric, so that a misspelt or misplaced option is refused rather than ignored.
 */
export type ReopenRateOptions = IntervalOption;

const EXCLUSIONS: readonly ReopenRateExclusion[] = ["unresolved", "unknownReopens"];

/** The schema of {@link ReopenRateOptions}. */
const OPTIONS = z.strictObject({ ...intervalField });

/**
 * Reopen rate: the percentage of resolved tickets that were reopened at least once
 * (`reopenCount` ≥ 1: moved from solved or closed back to an open status). A ticket counts
 * once however many times it was reopened. Tickets never resolved are excluded as
 * `unresolved`, and tickets whose reopens are unknown as `unknownReopens` (a file without a
 * reopen column gives `value: null`, never 0 %). Definition: docs/definitions.md, "Reopen rate".
 *
 * @param items - Validated tickets.
 * @param options - None; see {@link ReopenRateOptions}.
 * @returns `value` from 0 to 100, or `null` with no resolved ticket; `numerator` (reopened),
 *   `denominator` (resolved) and `excluded`.
 *
 * @example
 * const firstResolvedAt = new Date("2024-03-01T09:00:00Z");
 * reopenRate([0, 2, 0, 0].map((reopenCount) => ({ firstResolvedAt, reopenCount }))).value
 * //=> 25
 */
export const reopenRate = callOf(reopenRateReducer);

/**
 * The mergeable reducer behind {@link reopenRate}, for `rollup` and for shards. Placed by
 * `firstResolvedAt`, so a ticket belongs to the period it was first resolved in even when it
 * is reopened later.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const firstResolvedAt = new Date("2024-03-01T09:00:00Z");
 * const all = [0, 2, 0, 0].map((reopenCount) => ({ firstResolvedAt, reopenCount }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(reopenRateReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 25
 */
export function reopenRateReducer(
  options: ReopenRateOptions = {},
): Reducer<ReopenRateInput, RatioState<ReopenRateExclusion>, RatioResult<ReopenRateExclusion>> {
  const { interval } = readOptions("reopenRate", OPTIONS, options);
  const plain: ReturnType<typeof reopenRateReducer> = skipMergedSources({
    name: "reopenRate",
    timeOf: (ticket) => ticket.firstResolvedAt,
    init: () => ratio.init(EXCLUSIONS),
    add(state, ticket) {
      if (!ticket.firstResolvedAt) {
        state.excluded.unresolved++;
        return;
      }
      // Cheap checks for records that never went through the schema (recordError.ts).
      if (!isInstant(ticket.firstResolvedAt)) {
        badField("reopenRate", "firstResolvedAt", "a valid Date or null", ticket.firstResolvedAt);
      }
      const reopens: unknown = ticket.reopenCount;
      if (reopens === null || reopens === undefined) {
        state.excluded.unknownReopens++;
        return;
      }
      if (!Number.isSafeInteger(reopens) || (reopens as number) < 0) {
        badField("reopenRate", "reopenCount", "a whole number at least 0, or null", reopens);
      }
      state.denominator++;
      if ((reopens as number) >= 1) state.numerator++;
    },
    merge: ratio.merge,
    result: ratio.percent,
  });
  return withInterval(plain, intervalFor("reopenRate", "rate", interval), rateIntervalOf);
}

/** Reopen rate in the catalogue: the CLI's `reopen`, placed by the first resolution. */
export const reopenRateMetric = defineMetric({
  name: "reopen",
  key: "reopenRate",
  label: "Reopen rate",
  description: "Share of resolved tickets reopened at least once.",
  unit: "percent",
  better: "lower",
  records: "tickets",
  reads: ["firstResolvedAt", "reopenCount"],
  placement: { by: "instant", field: "firstResolvedAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: () => ({
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "unresolved", when: isNull("firstResolvedAt") },
      { reason: "unknownReopens", when: isNull("reopenCount") },
    ],
    state: {
      numerator: { count: compare(">=", field("reopenCount"), 1) },
      denominator: { count: true },
    },
  }),
  reducer: reopenRateReducer,
});
