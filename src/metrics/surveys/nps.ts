import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import type { SurveyResponse } from "../../schemas/survey.ts";
import { all, compare, field, isNull } from "../../sql/spec.ts";
import type { ConfidenceInterval } from "../../stats/interval.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  npsIntervalFrom,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { mergeCounts } from "../mergeCounts.ts";
import { scoreOnScale } from "./scoreOnScale.ts";

const NPS_SCALE = { min: 0, max: 10 };

/** The fields {@link nps} reads; callers may pass whole survey responses. */
export type NpsInput = Pick<SurveyResponse, "kind" | "score" | "respondedAt">;

/**
 * Options for {@link nps}: only `interval` (`"adjusted-wald"` by default, or `"wald"`); its
 * groups (0–6, 7–8, 9–10) are the definition.
 */
export type NpsOptions = IntervalOption;

/** Why a response did not count. */
export type NpsExclusion = "otherKind" | "unanswered";

/** The accumulator behind {@link nps}. */
export interface NpsState {
  promoters: number;
  passives: number;
  detractors: number;
  excluded: Excluded<NpsExclusion>;
}

/** NPS with the counts behind it: value = 100 × (promoters − detractors) / responses. */
export interface NpsResult {
  value: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** Responses counted: promoters + passives + detractors. */
  n: number;
  excluded: Excluded<NpsExclusion>;
  /** With `interval` only: the confidence interval of `value`, in its unit (docs/statistics.md). */
  interval?: ConfidenceInterval | null;
}

const EXCLUSIONS: readonly NpsExclusion[] = ["otherKind", "unanswered"];

/** The schema of {@link NpsOptions}: strict, so a misspelt option is refused, not ignored. */
const OPTIONS = z.strictObject({ ...intervalField });

/**
 * Net Promoter Score over 0–10 "how likely are you to recommend" answers: promoters score
 * 9–10, passives 7–8, detractors 0–6, and NPS = 100 × (promoters − detractors) / responses.
 * Passives count in the denominator. Responses of another kind and surveys not answered are
 * excluded and counted. Definition: docs/definitions.md, "NPS".
 *
 * @param items - Validated survey responses of kind `"nps"`.
 * @param options - See {@link NpsOptions}.
 * @returns `value` from −100 to 100, or `null` with no answered response.
 *
 * @example
 * const respondedAt = new Date("2024-03-01T09:00:00Z");
 * // 5 promoters, 2 passives, 3 detractors: 100 × (5 − 3) / 10 = 20
 * nps([10, 9, 9, 8, 7, 6, 5, 10, 3, 9].map((score) => ({ kind: "nps", score, respondedAt }))).value
 * //=> 20
 */
export const nps = callOf(npsReducer);

/**
 * The mergeable reducer behind {@link nps}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const respondedAt = new Date("2024-03-01T09:00:00Z");
 * // 5 promoters, 2 passives, 3 detractors: 100 × (5 − 3) / 10 = 20
 * const all = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9].map((score) => ({ kind: "nps", score, respondedAt }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(npsReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 20
 */
export function npsReducer(options: NpsOptions = {}): Reducer<NpsInput, NpsState, NpsResult> {
  const { interval } = readOptions("nps", OPTIONS, options);
  const plain: ReturnType<typeof npsReducer> = {
    name: "nps",
    timeOf: (response) => response.respondedAt,
    init: () => ({
      promoters: 0,
      passives: 0,
      detractors: 0,
      excluded: excludedCounts(EXCLUSIONS),
    }),
    add(state, response) {
      if (response.kind !== "nps") {
        state.excluded.otherKind++;
        return;
      }
      // NPS is asked on 0–10 (or the response's own scale, when it carries one): a score off
      // it (11, NaN, "9") is an error, not a promoter.
      const scale = (response as { scale?: unknown }).scale ?? NPS_SCALE;
      const score = scoreOnScale("nps", response.score, scale);
      if (score === null) state.excluded.unanswered++;
      else if (score >= 9) state.promoters++;
      else if (score >= 7) state.passives++;
      else state.detractors++;
    },
    merge: mergeCounts,
    result(state) {
      const n = state.promoters + state.passives + state.detractors;
      return {
        value: n === 0 ? null : (100 * (state.promoters - state.detractors)) / n,
        promoters: state.promoters,
        passives: state.passives,
        detractors: state.detractors,
        n,
        excluded: { ...state.excluded },
      };
    },
  };
  return withInterval(plain, intervalFor("nps", "trinomial", interval), npsIntervalFrom);
}

/** NPS in the catalogue: the CLI's `nps`. */
export const npsMetric = defineMetric({
  name: "nps",
  key: "nps",
  label: "NPS",
  description: "Promoters minus detractors, as a share of answered NPS surveys.",
  unit: "score",
  better: "higher",
  records: "surveyResponses",
  reads: ["kind", "score", "respondedAt"],
  placement: { by: "instant", field: "respondedAt" },
  result: "nps",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: () => ({
    exclude: [
      { reason: "otherKind", when: compare("<>", field("kind"), "nps") },
      { reason: "unanswered", when: isNull("score") },
    ],
    state: {
      promoters: { count: compare(">=", field("score"), 9) },
      passives: { count: all(compare(">=", field("score"), 7), compare("<", field("score"), 9)) },
      detractors: { count: compare("<", field("score"), 7) },
    },
  }),
  reducer: npsReducer,
});
