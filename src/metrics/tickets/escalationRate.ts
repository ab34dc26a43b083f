import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { callback, readOptions } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { compare, field, functionOption, isNull, MERGED_SOURCE_RULE } from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/** The fields {@link escalationRate} reads by default; callers may pass whole tickets. */
export type EscalationRateInput = Pick<Ticket, "createdAt" | "escalated">;

/** Options for {@link escalationRate}. */
export interface EscalationRateOptions<T extends EscalationRateInput = EscalationRateInput>
  extends IntervalOption {
  /**
   * Decides whether a ticket was escalated. Defaults to its `escalated` flag. Pass a function
   * to define escalation another way, for example a move to a higher tier
   * (`(t) => t.groupId === "tier-2"`) or a tag (`(t) => t.tags.includes("escalated")`).
   * Returning `null` says "unknown": the ticket is excluded as `unknownEscalation`.
   */
  isEscalated?: (ticket: T) => boolean | null;
}

/** Why a ticket did not count: none, every ticket is in the denominator. */
export type EscalationRateExclusion = "unknownEscalation" | MergedSourceExclusion;

const EXCLUSIONS: readonly EscalationRateExclusion[] = ["unknownEscalation"];

const byFlag = (ticket: EscalationRateInput) => ticket.escalated;

/** The schema of {@link EscalationRateOptions}. */
const OPTIONS = z.strictObject({
  isEscalated: z.optional(callback<(ticket: EscalationRateInput) => boolean>()),
  ...intervalField,
});

/**
 * Escalation rate: the percentage of tickets that were escalated. By default a ticket is
 * escalated when its `escalated` flag is set (Freshdesk's `is_escalated`); `isEscalated`
 * defines it otherwise. A ticket whose flag is unknown (`null`: the data has no escalation
 * column) is excluded as `unknownEscalation`, never counted as not escalated. Definition: docs/definitions.md, "Escalation rate".
 *
 * @param items - Validated tickets.
 * @param options - See {@link EscalationRateOptions}.
 * @returns `value` from 0 to 100, or `null` with no ticket; `numerator` (escalated),
 *   `denominator` (tickets) and `excluded` (`unknownEscalation`).
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * escalationRate([true, false, false, false, true].map((escalated) => ({ createdAt, escalated }))).value
 * //=> 40
 */
export const escalationRate = callOf(escalationRateReducer);

/**
 * The mergeable reducer behind {@link escalationRate}, for `rollup` and for shards. Placed by `createdAt`.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const all = [true, false, false, false, true].map((escalated) => ({ createdAt, escalated }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(escalationRateReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 40
 */
export function escalationRateReducer<T extends EscalationRateInput = EscalationRateInput>(
  options: EscalationRateOptions<T> = {},
): Reducer<T, RatioState<EscalationRateExclusion>, RatioResult<EscalationRateExclusion>> {
  const { isEscalated: given, interval } = readOptions("escalationRate", OPTIONS, options);
  // The schema checks that it is a function; its parameter is the caller's ticket type.
  const isEscalated = (given as ((ticket: T) => boolean | null) | undefined) ?? byFlag;
  const plain: ReturnType<typeof escalationRateReducer<T>> = skipMergedSources({
    name: "escalationRate",
    timeOf: (ticket) => ticket.createdAt,
    init: () => ratio.init(EXCLUSIONS),
    add(state, ticket) {
      const escalated: unknown = isEscalated(ticket);
      if (escalated === null || escalated === undefined) {
        state.excluded.unknownEscalation++;
        return;
      }
      // A flag that is not a boolean (a record that never went through the schema, or an
      // isEscalated returning something else) is an error, not "escalated".
      if (typeof escalated !== "boolean") {
        badField("escalationRate", "escalated", "a boolean or null", escalated);
      }
      state.denominator++;
      if (escalated) state.numerator++;
    },
    merge: ratio.merge,
    result: ratio.percent,
  });
  return withInterval(plain, intervalFor("escalationRate", "rate", interval), rateIntervalOf);
}

/** Escalation rate in the catalogue: the CLI's `escalation`, placed by creation. */
export const escalationRateMetric = defineMetric({
  name: "escalation",
  key: "escalationRate",
  label: "Escalation rate",
  description: "Share of tickets created that were escalated.",
  unit: "percent",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "escalated"],
  placement: { by: "instant", field: "createdAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: (options) =>
    options.isEscalated
      ? functionOption("isEscalated")
      : {
          exclude: [MERGED_SOURCE_RULE, { reason: "unknownEscalation", when: isNull("escalated") }],
          state: {
            numerator: { count: compare("=", field("escalated"), true) },
            denominator: { count: true },
          },
        },
  reducer: escalationRateReducer,
});
