import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durationOptionFields,
} from "../../reduce/results.ts";
import { ABANDONED, OUTCOME_RULES } from "../../sql/queueContacts.ts";
import {
  all,
  type Expr,
  field,
  isNull,
  not,
  SKETCH_REFUSAL,
  sketchAsked,
  value,
} from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import {
  BY_OFFER,
  checkedOutcome,
  checkedSeconds,
  contactDurationReducer,
  OUTCOME_EXCLUSIONS,
  type OutcomeExclusion,
  type QueueContact,
} from "./contact.ts";

/** The fields {@link averageHandleTime} reads; callers may pass whole queue contacts. */
export type AverageHandleTimeInput = Pick<
  QueueContact,
  "offeredAt" | "answeredAt" | "abandonedAt" | "talkSeconds" | "wrapSeconds" | "holdSeconds"
>;

/** Options for {@link averageHandleTime}: its default statistic, the mean, is the A in AHT. */
export type AverageHandleTimeOptions = DurationOptions;

/**
 * Why a contact did not count: it was not answered (`notAnswered`: abandoned), or one of its
 * parts is unknown (`noTalkTime`, `noHoldTime`, `noWrapTime`), or its outcome is unclear.
 */
export type AverageHandleTimeExclusion =
  | "notAnswered"
  | "noTalkTime"
  | "noHoldTime"
  | "noWrapTime"
  | OutcomeExclusion;

const EXCLUSIONS: readonly AverageHandleTimeExclusion[] = [
  "notAnswered",
  "noTalkTime",
  "noHoldTime",
  "noWrapTime",
  ...OUTCOME_EXCLUSIONS,
];

/**
 * Average handle time (AHT) of answered queue contacts: talk + hold + wrap seconds per
 * contact, with the median and percentiles beside the mean. It is the AHT the Erlang models
 * take (`erlangC`, `staffing`).
 *
 * Only answered contacts are handled; abandoned ones are excluded as `notAnswered`. A part
 * that is unknown excludes the contact by name rather than counting as 0: `talkSeconds` or
 * `wrapSeconds` `null`, or `holdSeconds` `null`. A contact without the `holdSeconds` field at
 * all comes from a source with no separate hold time, and counts talk + wrap. A contact is
 * placed in a period by `offeredAt`. For ticket work recorded in seconds see `handleTime`.
 * Definition: docs/contact-centre.md, "Average handle time".
 *
 * @param items - Queue contacts.
 * @param options - See {@link AverageHandleTimeOptions}.
 * @returns The distribution of handle times in seconds, `null` values with nothing handled.
 *
 * @example
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const answeredAt = new Date("2024-03-04T09:00:20Z");
 * // (240 + 30 + 60) and (180 + 0 + 90): (330 + 270) / 2 = 300 s
 * averageHandleTime([
 *   { offeredAt, answeredAt, abandonedAt: null, talkSeconds: 240, holdSeconds: 30, wrapSeconds: 60 },
 *   { offeredAt, answeredAt, abandonedAt: null, talkSeconds: 180, holdSeconds: 0, wrapSeconds: 90 },
 * ]).value
 * //=> 300
 */
export const averageHandleTime = callOf(averageHandleTimeReducer);

/**
 * The mergeable reducer behind {@link averageHandleTime}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const answeredAt = new Date("2024-03-04T09:00:20Z");
 * const all = [200, 300, 700].map((talkSeconds) =>
 *   ({ offeredAt, answeredAt, abandonedAt: null, talkSeconds, wrapSeconds: 0 }));
 * foldShards(averageHandleTimeReducer({ statistic: "median" }), [all.slice(0, 2), all.slice(2)]).value
 * //=> 300
 */
export function averageHandleTimeReducer(
  options: AverageHandleTimeOptions = {},
): DurationReducer<AverageHandleTimeInput, AverageHandleTimeExclusion> {
  const fn = "averageHandleTime";
  readOptions(fn, OPTIONS, options);
  return contactDurationReducer(
    fn,
    options,
    EXCLUSIONS,
    (contact: AverageHandleTimeInput): number | AverageHandleTimeExclusion => {
      const outcome = checkedOutcome(fn, contact);
      if (outcome !== "answered") return outcome === "abandoned" ? "notAnswered" : outcome;
      const talk = checkedSeconds(fn, "talkSeconds", contact.talkSeconds);
      const hold = checkedSeconds(fn, "holdSeconds", contact.holdSeconds);
      const wrap = checkedSeconds(fn, "wrapSeconds", contact.wrapSeconds);
      if (talk === null) return "noTalkTime";
      // Left out (undefined): the source counts hold inside talk; null: unknown.
      if (contact.holdSeconds === null) return "noHoldTime";
      if (wrap === null) return "noWrapTime";
      return talk + (hold ?? 0) + wrap;
    },
  );
}

/** The schema of {@link AverageHandleTimeOptions}, for the catalogue. */
const OPTIONS = z.strictObject({ ...durationOptionFields });

/** Average handle time in the catalogue: the CLI's `aht`, placed by the offer. */
export const averageHandleTimeMetric = defineMetric({
  name: "aht",
  aliases: ["queue-handle"],
  key: "averageHandleTime",
  label: "Average handle time",
  description: "Talk, hold and wrap-up seconds of each answered queue contact.",
  unit: "seconds",
  better: "lower",
  records: "queueContacts",
  reads: ["offeredAt", "answeredAt", "abandonedAt", "talkSeconds", "wrapSeconds"],
  placement: BY_OFFER,
  result: "duration",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: (options) => {
    if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
    // Hold left out (no column, or this record's flag): counted inside talk, so 0 here.
    const hold: Expr = {
      cases: [{ when: isNull("holdSeconds"), result: value(0) }],
      otherwise: field("holdSeconds"),
    };
    return {
      exclude: [
        ...OUTCOME_RULES,
        { reason: "notAnswered", when: ABANDONED },
        { reason: "noTalkTime", when: isNull("talkSeconds") },
        { reason: "noHoldTime", when: all(isNull("holdSeconds"), not({ absent: "holdSeconds" })) },
        { reason: "noWrapTime", when: isNull("wrapSeconds") },
      ],
      // Added in the reducer's order: (talk + hold) + wrap.
      recorded: {
        op: "+",
        args: [{ op: "+", args: [field("talkSeconds"), hold] }, field("wrapSeconds")],
      },
      statistic: options.statistic ?? "mean",
    };
  },
  reducer: averageHandleTimeReducer,
});
