import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
} from "../../reduce/results.ts";
import { ABANDONED, OUTCOME_RULES } from "../../sql/queueContacts.ts";
import { field, SKETCH_REFUSAL, sketchAsked } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import {
  BY_OFFER,
  type ContactOutcomeInput,
  checkedOutcome,
  contactDurationReducer,
  OUTCOME_EXCLUSIONS,
  type OutcomeExclusion,
  queueWaitSeconds,
} from "./contact.ts";

/** The fields {@link averageSpeedOfAnswer} reads; callers may pass whole queue contacts. */
export type AverageSpeedOfAnswerInput = ContactOutcomeInput;

/** Options for {@link averageSpeedOfAnswer}: its default statistic, the mean, is the A in ASA. */
export type AverageSpeedOfAnswerOptions = DurationOptions;

/** Why a contact did not count: abandoned contacts have no speed of answer. */
export type AverageSpeedOfAnswerExclusion = "abandoned" | OutcomeExclusion;

const EXCLUSIONS: readonly AverageSpeedOfAnswerExclusion[] = ["abandoned", ...OUTCOME_EXCLUSIONS];

/**
 * Average speed of answer (ASA): the mean queue wait of answered contacts, in seconds, from
 * `offeredAt` to `answeredAt`, with the median and percentiles beside it.
 *
 * Abandoned contacts have no speed of answer: they are excluded as `abandoned`, not counted
 * as 0 (see `abandonRate` and `serviceLevel` for them). Contacts with an unknown,
 * contradictory or impossible outcome are excluded by reason. A contact is placed in a period
 * by `offeredAt`. Definition: docs/contact-centre.md, "Average speed of answer".
 *
 * @param items - Queue contacts.
 * @param options - See {@link AverageSpeedOfAnswerOptions}.
 * @returns The distribution of answer waits in seconds, `null` values with nothing answered.
 *
 * @example
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * // answered after 10 s and 50 s; the abandoned one does not count: (10 + 50) / 2 = 30
 * averageSpeedOfAnswer([
 *   { offeredAt, answeredAt: after(10), abandonedAt: null },
 *   { offeredAt, answeredAt: after(50), abandonedAt: null },
 *   { offeredAt, answeredAt: null, abandonedAt: after(15) },
 * ]).value
 * //=> 30
 */
export const averageSpeedOfAnswer = callOf(averageSpeedOfAnswerReducer);

/**
 * The mergeable reducer behind {@link averageSpeedOfAnswer}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const after = (s) => new Date(offeredAt.getTime() + s * 1000);
 * const all = [10, 50, 90].map((s) => ({ offeredAt, answeredAt: after(s), abandonedAt: null }));
 * foldShards(averageSpeedOfAnswerReducer({ statistic: "median" }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 50
 */
export function averageSpeedOfAnswerReducer(
  options: AverageSpeedOfAnswerOptions = {},
): DurationReducer<AverageSpeedOfAnswerInput, AverageSpeedOfAnswerExclusion> {
  const fn = "averageSpeedOfAnswer";
  readOptions(fn, OPTIONS, options);
  return contactDurationReducer(
    fn,
    options,
    EXCLUSIONS,
    (contact: AverageSpeedOfAnswerInput): number | AverageSpeedOfAnswerExclusion => {
      const outcome = checkedOutcome(fn, contact);
      return outcome === "answered" ? (queueWaitSeconds(contact) as number) : outcome;
    },
  );
}

/** The schema of {@link AverageSpeedOfAnswerOptions}, for the catalogue. */
const OPTIONS = z.strictObject({ ...durationOptionFields });

/** Average speed of answer in the catalogue: the CLI's `asa`, placed by the offer. */
export const averageSpeedOfAnswerMetric = defineMetric({
  name: "asa",
  aliases: ["speed-of-answer"],
  key: "averageSpeedOfAnswer",
  label: "Average speed of answer",
  description: "Seconds answered queue contacts waited before an agent answered.",
  unit: "seconds",
  better: "lower",
  records: "queueContacts",
  reads: ["offeredAt", "answeredAt", "abandonedAt"],
  placement: BY_OFFER,
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  // The calendar seconds from the offer to the answer of each contact the rules keep.
  sql: (options) => {
    if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
    return {
      exclude: [...OUTCOME_RULES, { reason: "abandoned", when: ABANDONED }],
      duration: { start: field("offeredAt"), end: field("answeredAt"), timing: {} },
      statistic: options.statistic ?? "mean",
    };
  },
  reducer: averageSpeedOfAnswerReducer,
});
