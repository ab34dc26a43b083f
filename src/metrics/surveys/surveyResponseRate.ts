import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import { SURVEY_KINDS, type SurveyKind, type SurveyResponse } from "../../schemas/survey.ts";
import { any, compare, field, isNull, not } from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";

/** The fields {@link surveyResponseRate} reads; callers may pass whole survey records. */
export type SurveyResponseRateInput = Pick<SurveyResponse, "kind" | "score" | "sentAt">;

/** Options for {@link surveyResponseRate}. */
export interface SurveyResponseRateOptions extends IntervalOption {
  /** Count only surveys of this kind (`"nps"`, `"csat"` or `"ces"`). Defaults to every kind. */
  kind?: SurveyKind;
}

/** Why a survey record did not count. */
export type SurveyResponseRateExclusion = "otherKind" | "notSent";

const EXCLUSIONS: readonly SurveyResponseRateExclusion[] = ["otherKind", "notSent"];

/** The schema of {@link SurveyResponseRateOptions}. */
const OPTIONS = z.strictObject({ kind: z.optional(oneOf(SURVEY_KINDS)), ...intervalField });

/**
 * Survey response rate: the percentage of surveys sent that were answered.
 *
 * A record with `sentAt` is a sent survey (the denominator); it was answered when it has a
 * score (the numerator). Records without `sentAt` (responses collected without a tracked
 * send, such as a feedback widget) cannot be part of a rate and are excluded as `notSent`;
 * with `kind`, surveys of other kinds are excluded as `otherKind`. A survey is placed in a
 * period by `sentAt`, so a survey sent on Monday and answered on Tuesday counts for Monday.
 * Definition: docs/definitions.md, "Survey response rate".
 *
 * @param items - Validated survey records, answered or not.
 * @param options - See {@link SurveyResponseRateOptions}.
 * @returns `value` from 0 to 100 with `numerator` (answered) and `denominator` (sent), or
 *   `null` when no survey was sent.
 *
 * @example
 * const sentAt = new Date("2024-03-01T09:00:00Z");
 * // 3 answered of 4 sent: 3 / 4 = 75 %
 * surveyResponseRate([5, null, 4, 2].map((score) => ({ kind: "csat", score, sentAt }))).value
 * //=> 75
 */
export const surveyResponseRate = callOf(surveyResponseRateReducer);

/**
 * The mergeable reducer behind {@link surveyResponseRate}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const sentAt = new Date("2024-03-01T09:00:00Z");
 * // 3 answered of 4 sent: 3 / 4 = 75 %
 * const all = [5, null, 4, 2].map((score) => ({ kind: "csat", score, sentAt }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(surveyResponseRateReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 75
 */
export function surveyResponseRateReducer(
  options: SurveyResponseRateOptions = {},
): Reducer<
  SurveyResponseRateInput,
  RatioState<SurveyResponseRateExclusion>,
  RatioResult<SurveyResponseRateExclusion>
> {
  const { kind, interval } = readOptions("surveyResponseRate", OPTIONS, options);
  const plain: ReturnType<typeof surveyResponseRateReducer> = {
    name: "surveyResponseRate",
    timeOf: (survey) => survey.sentAt,
    init: () => ratio.init(EXCLUSIONS),
    add(state, survey) {
      const fn = "surveyResponseRate";
      if (kind !== undefined && survey.kind !== kind) state.excluded.otherKind++;
      else if (survey.sentAt === null || survey.sentAt === undefined) state.excluded.notSent++;
      else {
        // Cheap checks for records that never went through the schema (recordError.ts).
        if (!isInstant(survey.sentAt))
          badField(fn, "sentAt", "a valid Date or null", survey.sentAt);
        const score: unknown = survey.score;
        const answered = score !== null && score !== undefined;
        if (answered && (typeof score !== "number" || !Number.isFinite(score))) {
          badField(fn, "score", "a finite number or null", score);
        }
        state.denominator++;
        if (answered) state.numerator++;
      }
    },
    merge: ratio.merge,
    result: ratio.percent,
  };
  return withInterval(plain, intervalFor("surveyResponseRate", "rate", interval), rateIntervalOf);
}

/** Survey response rate in the catalogue: the CLI's `response-rate`. */
export const surveyResponseRateMetric = defineMetric({
  name: "response-rate",
  key: "surveyResponseRate",
  label: "Survey response rate",
  description: "Share of the surveys sent that were answered.",
  unit: "percent",
  better: "higher",
  records: "surveyResponses",
  reads: ["kind", "score", "sentAt"],
  placement: { by: "instant", field: "sentAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  vendors: {
    zendesk: { kind: "csat" },
    helpscout: { kind: "csat" },
    chatwoot: { kind: "csat" },
  },
  // The reducer's rule as data: another kind first, then no send, else sent and maybe answered.
  sql: (options) => ({
    exclude: [
      ...(options.kind === undefined
        ? []
        : [
            {
              reason: "otherKind",
              when: any(isNull("kind"), compare("<>", field("kind"), options.kind)),
            },
          ]),
      { reason: "notSent", when: isNull("sentAt") },
    ],
    state: { numerator: { count: not(isNull("score")) }, denominator: { count: true } },
  }),
  reducer: surveyResponseRateReducer,
});
