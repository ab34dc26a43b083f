import * as z from "zod/mini";
import { requireBoolean, requireNonNegative } from "../../reduce/arguments.ts";
import { callOf } from "../../reduce/folds.ts";
import { flag, readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import { ABANDONED, OUTCOME_RULES, waitUntil } from "../../sql/queueContacts.ts";
import { compare } from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  type MetricInterval,
  rateIntervalOf,
  readInterval,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { mergeCounts } from "../mergeCounts.ts";
import {
  BY_OFFER,
  type ContactOutcomeInput,
  checkedOutcome,
  OUTCOME_EXCLUSIONS,
  type OutcomeExclusion,
  queueWaitSeconds,
  secondsOption,
} from "./contact.ts";

/** The default short-abandon threshold, in seconds. */
const SHORT_ABANDON_SECONDS = 5;

/** The fields {@link abandonRate} reads; callers may pass whole queue contacts. */
export type AbandonRateInput = ContactOutcomeInput;

/** Options for {@link abandonRate}. */
export interface AbandonRateOptions extends IntervalOption {
  /**
   * Leave short abandons (a wait under `shortAbandonSeconds`) out of both the abandoned and
   * the offered count, as excluded `shortAbandon`: callers who hang up within seconds often
   * dialled by mistake or were put through to the wrong queue. Defaults to `false`.
   */
  excludeShortAbandons?: boolean;
  /** What counts as a short abandon, in seconds (strictly under). Defaults to 5. */
  shortAbandonSeconds?: number;
}

/** Why a contact did not count. */
export type AbandonRateExclusion = "shortAbandon" | OutcomeExclusion;

/** The accumulator behind {@link abandonRate}: counts only. */
export interface AbandonRateState {
  abandoned: number;
  offered: number;
  shortAbandoned: number;
  excluded: Excluded<AbandonRateExclusion>;
}

/**
 * Abandon rate: `value` = 100 × numerator (abandoned) / denominator (offered: answered plus
 * abandoned), `null` with nothing offered. `shortAbandoned` counts the abandons under the
 * short threshold whether they were excluded or not, so both variants can be re-derived.
 */
export interface AbandonRateResult {
  value: number | null;
  numerator: number;
  denominator: number;
  shortAbandoned: number;
  excluded: Excluded<AbandonRateExclusion>;
  /** With the `interval` option: a confidence interval in percent (Wilson by default). */
  interval?: MetricInterval | null;
}

const EXCLUSIONS: readonly AbandonRateExclusion[] = ["shortAbandon", ...OUTCOME_EXCLUSIONS];

/**
 * Abandon rate: the percentage of contacts offered to a queue that the customer gave up on
 * before an answer. Offered contacts are those answered or abandoned; contacts whose outcome
 * is unknown (still queued at export), contradictory or impossible are excluded by reason.
 * With `excludeShortAbandons`, abandons under `shortAbandonSeconds` leave both counts.
 * A contact is placed in a period by `offeredAt`. Definition: docs/contact-centre.md,
 * "Abandon rate".
 *
 * @param items - Queue contacts.
 * @param options - See {@link AbandonRateOptions}.
 * @returns See {@link AbandonRateResult}.
 *
 * @example
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * const contacts = [
 *   { offeredAt, answeredAt: after(10), abandonedAt: null },
 *   { offeredAt, answeredAt: after(30), abandonedAt: null },
 *   { offeredAt, answeredAt: null, abandonedAt: after(2) },
 *   { offeredAt, answeredAt: null, abandonedAt: after(60) },
 * ];
 * // 2 of 4 offered; without the 2 s hang-up, 1 of 3
 * [abandonRate(contacts).value, abandonRate(contacts, { excludeShortAbandons: true }).value]
 * //=> [50, 33.33]
 */
export const abandonRate = callOf(abandonRateReducer);

/**
 * The mergeable reducer behind {@link abandonRate}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * const all = [
 *   { offeredAt, answeredAt: after(10), abandonedAt: null },
 *   { offeredAt, answeredAt: null, abandonedAt: after(60) },
 * ];
 * foldShards(abandonRateReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 50
 */
export function abandonRateReducer(
  options: AbandonRateOptions = {},
): Reducer<AbandonRateInput, AbandonRateState, AbandonRateResult> {
  const fn = "abandonRate";
  readOptions(fn, OPTIONS, options);
  const dropShort = requireBoolean(fn, "excludeShortAbandons", options.excludeShortAbandons, false);
  const short = requireNonNegative(
    fn,
    "shortAbandonSeconds",
    options.shortAbandonSeconds ?? SHORT_ABANDON_SECONDS,
  );
  const interval = intervalFor(fn, "rate", readInterval(fn, options.interval));
  return withInterval(
    {
      name: fn,
      timeOf: (contact) => contact.offeredAt,
      init: () => ({
        abandoned: 0,
        offered: 0,
        shortAbandoned: 0,
        excluded: excludedCounts(EXCLUSIONS),
      }),
      add(state, contact) {
        const outcome = checkedOutcome(fn, contact);
        if (outcome === "answered") {
          state.offered++;
        } else if (outcome === "abandoned") {
          const isShort = (queueWaitSeconds(contact) as number) < short;
          if (isShort) state.shortAbandoned++;
          if (isShort && dropShort) {
            state.excluded.shortAbandon++;
            return;
          }
          state.offered++;
          state.abandoned++;
        } else {
          state.excluded[outcome]++;
        }
      },
      merge: mergeCounts,
      result: (state) => ({
        value: state.offered === 0 ? null : (100 * state.abandoned) / state.offered,
        numerator: state.abandoned,
        denominator: state.offered,
        shortAbandoned: state.shortAbandoned,
        excluded: { ...state.excluded },
      }),
    },
    interval,
    rateIntervalOf,
  );
}

/** The schema of {@link AbandonRateOptions}, for the catalogue. */
const OPTIONS = z.strictObject({
  ...intervalField,
  excludeShortAbandons: z.optional(flag()),
  shortAbandonSeconds: z.optional(secondsOption()),
});

/** Abandon rate in the catalogue: the CLI's `abandon`, placed by the offer. */
export const abandonRateMetric = defineMetric({
  name: "abandon",
  aliases: ["abandon-rate"],
  key: "abandonRate",
  label: "Abandon rate",
  description: "Share of queue contacts offered that the customer gave up on before an answer.",
  unit: "percent",
  better: "lower",
  records: "queueContacts",
  reads: ["offeredAt", "answeredAt", "abandonedAt"],
  placement: BY_OFFER,
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: (options) => {
    const isShort = compare(
      "<",
      waitUntil("abandonedAt"),
      options.shortAbandonSeconds ?? SHORT_ABANDON_SECONDS,
    );
    const dropShort = options.excludeShortAbandons === true;
    // The checked options read an interval not asked for as null, which the reducer takes as false.
    const reducer = abandonRateReducer({ ...options, interval: options.interval ?? false });
    return {
      exclude: [
        ...OUTCOME_RULES,
        ...(dropShort ? [{ reason: "shortAbandon", when: isShort }] : []),
      ],
      state: {
        offered: { count: true },
        abandoned: { count: ABANDONED },
        shortAbandoned: { count: isShort },
      },
      // The reducer counts short abandons before it drops them: those it dropped are the
      // excluded ones, which the aggregates (over the contacts kept) do not see.
      result: ({ offered = 0, abandoned = 0, shortAbandoned = 0 }, excluded) =>
        reducer.result({
          offered,
          abandoned,
          shortAbandoned: shortAbandoned + (dropShort ? (excluded.shortAbandon ?? 0) : 0),
          excluded: excluded as AbandonRateState["excluded"],
        }),
    };
  },
  reducer: abandonRateReducer,
});
