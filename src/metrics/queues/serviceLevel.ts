import * as z from "zod/mini";
import { requireNonNegative, requireOneOf } from "../../reduce/arguments.ts";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import { ABANDONED, ANSWERED, OUTCOME_RULES, waitUntil } from "../../sql/queueContacts.ts";
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

/** The defaults of the target and the short-abandon threshold, in seconds. */
const TARGET_SECONDS = 20;
const SHORT_ABANDON_SECONDS = 5;

/** The fields {@link serviceLevel} reads; callers may pass whole queue contacts. */
export type ServiceLevelInput = ContactOutcomeInput;

/**
 * The five service level formulas in use, by what they do with abandoned contacts. With A
 * answered (Aw of them within the target), B abandoned (Bw within the target, Bs under the
 * short-abandon threshold):
 * - `"abandons-missed"`: Aw / (A + B). Every abandon counts against (Cisco ICM's "abandoned
 *   calls negatively impact service level"; the share Erlang A predicts).
 * - `"abandons-within-met"`: (Aw + Bw) / (A + B). Abandons within the target count as met
 *   (Cisco's "positively impact").
 * - `"abandons-within-ignored"`: Aw / (A + B − Bw). Abandons within the target leave the
 *   count; later ones count against (Cisco's "abandoned calls ignored"; Bright Pattern's).
 * - `"short-abandons-ignored"`: Aw / (A + B − Bs). Only abandons under `shortAbandonSeconds`
 *   leave the count (hang-ups too quick to be real attempts); every other counts against.
 * - `"answered-only"`: Aw / A. Abandons are ignored altogether.
 */
export type ServiceLevelFormula =
  | "abandons-missed"
  | "abandons-within-met"
  | "abandons-within-ignored"
  | "short-abandons-ignored"
  | "answered-only";

/** Options for {@link serviceLevel}. */
export interface ServiceLevelOptions extends IntervalOption {
  /** The answer time that counts as in time, in seconds ("80 % in 20 s"). Defaults to 20. */
  targetSeconds?: number;
  /** See {@link ServiceLevelFormula}. Defaults to `"abandons-missed"`. */
  formula?: ServiceLevelFormula;
  /**
   * Abandons after a wait shorter than this are short abandons (read only by
   * `"short-abandons-ignored"`, and always counted in the result). Defaults to 5.
   */
  shortAbandonSeconds?: number;
}

/** Why a contact did not count. */
export type ServiceLevelExclusion = OutcomeExclusion;

/** The accumulator behind {@link serviceLevel}: counts only. */
export interface ServiceLevelState {
  /** Contacts answered, and those answered within the target. */
  answered: number;
  answeredWithin: number;
  /** Contacts abandoned, those within the target, and those under the short threshold. */
  abandoned: number;
  abandonedWithin: number;
  shortAbandoned: number;
  excluded: Excluded<ServiceLevelExclusion>;
}

/**
 * Service level: `value` = 100 × numerator / denominator for the chosen formula, `null` with
 * nothing in the denominator. The counts (those of the state) re-derive every formula.
 */
export interface ServiceLevelResult extends ServiceLevelState {
  value: number | null;
  formula: ServiceLevelFormula;
  numerator: number;
  denominator: number;
  /** With the `interval` option: a confidence interval in percent (Wilson by default). */
  interval?: MetricInterval | null;
}

const FORMULAS: readonly ServiceLevelFormula[] = [
  "abandons-missed",
  "abandons-within-met",
  "abandons-within-ignored",
  "short-abandons-ignored",
  "answered-only",
];

/**
 * Service level: the percentage of contacts answered within a target time (80 % in 20 s),
 * by one of five formulas that differ in how abandoned contacts count (see
 * {@link ServiceLevelFormula}). A contact is within the target when its wait, from
 * `offeredAt` to its answer or abandonment, is at most `targetSeconds`; an abandon is short
 * when its wait is under `shortAbandonSeconds`.
 *
 * Contacts whose outcome is unknown (neither answered nor abandoned), contradictory (both)
 * or timed before their offer are excluded and counted by reason. A contact is placed in a
 * period by `offeredAt`. Definition: docs/contact-centre.md, "Service level".
 *
 * @param items - Queue contacts.
 * @param options - See {@link ServiceLevelOptions}.
 * @returns See {@link ServiceLevelResult}.
 *
 * @example
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * // answered after 10 s and 50 s, abandoned after 15 s: 1 within 20 s of 3 offered
 * const contacts = [
 *   { offeredAt, answeredAt: after(10), abandonedAt: null },
 *   { offeredAt, answeredAt: after(50), abandonedAt: null },
 *   { offeredAt, answeredAt: null, abandonedAt: after(15) },
 * ];
 * [serviceLevel(contacts).value, serviceLevel(contacts, { formula: "answered-only" }).value]
 * //=> [33.33, 50]
 */
export const serviceLevel = callOf(serviceLevelReducer);

/**
 * The mergeable reducer behind {@link serviceLevel}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * const all = [
 *   { offeredAt, answeredAt: after(10), abandonedAt: null },
 *   { offeredAt, answeredAt: after(50), abandonedAt: null },
 *   { offeredAt, answeredAt: null, abandonedAt: after(15) },
 * ];
 * // (1 answered + 1 abandoned within 20 s) / 3 offered
 * foldShards(serviceLevelReducer({ formula: "abandons-within-met" }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 66.67
 */
export function serviceLevelReducer(
  options: ServiceLevelOptions = {},
): Reducer<ServiceLevelInput, ServiceLevelState, ServiceLevelResult> {
  const fn = "serviceLevel";
  readOptions(fn, OPTIONS, options);
  const target = requireNonNegative(fn, "targetSeconds", options.targetSeconds ?? TARGET_SECONDS);
  const formula = requireOneOf(fn, "formula", options.formula ?? "abandons-missed", FORMULAS);
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
        answered: 0,
        answeredWithin: 0,
        abandoned: 0,
        abandonedWithin: 0,
        shortAbandoned: 0,
        excluded: excludedCounts(OUTCOME_EXCLUSIONS),
      }),
      add(state, contact) {
        const outcome = checkedOutcome(fn, contact);
        if (outcome === "answered") {
          state.answered++;
          if ((queueWaitSeconds(contact) as number) <= target) state.answeredWithin++;
        } else if (outcome === "abandoned") {
          const wait = queueWaitSeconds(contact) as number;
          state.abandoned++;
          if (wait <= target) state.abandonedWithin++;
          if (wait < short) state.shortAbandoned++;
        } else {
          state.excluded[outcome]++;
        }
      },
      merge: mergeCounts,
      result(state) {
        const offered = state.answered + state.abandoned;
        const [numerator, denominator] = {
          "abandons-missed": [state.answeredWithin, offered],
          "abandons-within-met": [state.answeredWithin + state.abandonedWithin, offered],
          "abandons-within-ignored": [state.answeredWithin, offered - state.abandonedWithin],
          "short-abandons-ignored": [state.answeredWithin, offered - state.shortAbandoned],
          "answered-only": [state.answeredWithin, state.answered],
        }[formula] as [number, number];
        return {
          value: denominator === 0 ? null : (100 * numerator) / denominator,
          formula,
          numerator,
          denominator,
          ...state,
          excluded: { ...state.excluded },
        };
      },
    },
    interval,
    rateIntervalOf,
  );
}

/** The schema of {@link ServiceLevelOptions}, for the catalogue. */
const OPTIONS = z.strictObject({
  ...intervalField,
  targetSeconds: z.optional(secondsOption()),
  formula: z.optional(oneOf(FORMULAS as [ServiceLevelFormula, ...ServiceLevelFormula[]])),
  shortAbandonSeconds: z.optional(secondsOption()),
});

/** Service level in the catalogue: the CLI's `service-level`, placed by the offer. */
export const serviceLevelMetric = defineMetric({
  name: "service-level",
  aliases: ["sl"],
  key: "serviceLevel",
  label: "Service level",
  description: "Share of queue contacts answered within the target time (80 % in 20 s).",
  unit: "percent",
  better: "higher",
  records: "queueContacts",
  reads: ["offeredAt", "answeredAt", "abandonedAt"],
  placement: BY_OFFER,
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  // The reducer's counts, each over the contacts the outcome rules keep; its own `result`
  // applies the formula (and the interval) to them.
  sql: (options) => {
    const target = options.targetSeconds ?? TARGET_SECONDS;
    const short = options.shortAbandonSeconds ?? SHORT_ABANDON_SECONDS;
    return {
      exclude: OUTCOME_RULES,
      state: {
        answered: { count: ANSWERED },
        answeredWithin: { count: compare("<=", waitUntil("answeredAt"), target) },
        abandoned: { count: ABANDONED },
        abandonedWithin: { count: compare("<=", waitUntil("abandonedAt"), target) },
        shortAbandoned: { count: compare("<", waitUntil("abandonedAt"), short) },
      },
    };
  },
  reducer: serviceLevelReducer,
});
