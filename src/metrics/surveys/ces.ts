import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { between, flag, readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import type { Scale, SurveyResponse } from "../../schemas/survey.ts";
import { compare, type Expr, field, isNull, value } from "../../sql/spec.ts";
import type { ConfidenceInterval } from "../../stats/interval.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  meanIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { mergeCounts } from "../mergeCounts.ts";
import { scoreOnScale } from "./scoreOnScale.ts";

/** The fields {@link ces} reads; callers may pass whole survey responses. */
export type CesInput = Pick<SurveyResponse, "kind" | "score" | "scale" | "respondedAt">;

/** Options for {@link ces}. */
export interface CesOptions extends IntervalOption {
  /**
   * Whether a higher score means less effort. Defaults to `true` ("the company made it easy
   * to handle my issue": 7 = strongly agree). Set `false` for surveys that ask "how much
   * effort did you have to put in", where 7 = a lot of effort.
   */
  higherIsEasier?: boolean;
  /**
   * The least easy score still counted as "found it easy" (the top box, on the easy side; the
   * same option as CSAT's). With `higherIsEasier` a response is easy when
   * `score >= topBoxFrom`; otherwise when `score <= topBoxFrom`. Defaults to every point beyond
   * the middle of each response's scale on the easy side: 5–7 on 1–7 (or 1–3 when higher is
   * harder), 4–5 on 1–5.
   */
  topBoxFrom?: number;
}

/** Why a response did not count. */
export type CesExclusion = "otherKind" | "unanswered";

/** The accumulator behind {@link ces}: additive counts and sums only. */
export interface CesState {
  n: number;
  sum: number;
  easy: number;
  /** Σ score², kept only for `interval` (the t interval of the mean). */
  sumOfSquares?: number;
  excluded: Excluded<CesExclusion>;
}

/**
 * CES with the counts behind it. `value` = `sum / n`, the mean score on the responses' scale;
 * `higherIsEasier` says which way it reads. `easyShare` = 100 × `easy / n`, which always reads
 * "higher is better".
 */
export interface CesResult {
  /** Mean score, or `null` with no answered response. */
  value: number | null;
  /** Echo of the option: `true` when a higher mean means less effort. */
  higherIsEasier: boolean;
  /** Sum of the scores counted. */
  sum: number;
  /** Responses counted. */
  n: number;
  /** Responses that found it easy (see {@link CesOptions.topBoxFrom}). */
  easy: number;
  /** Percentage of responses that found it easy, 0–100, or `null` with none counted. */
  easyShare: number | null;
  excluded: Excluded<CesExclusion>;
  /** With `interval` only: the confidence interval of `value`, in its unit (docs/statistics.md). */
  interval?: ConfidenceInterval | null;
}

const EXCLUSIONS: readonly CesExclusion[] = ["otherKind", "unanswered"];

/** The schema of {@link CesOptions}. */
const OPTIONS = z.strictObject({
  higherIsEasier: z._default(flag(), true),
  topBoxFrom: z.optional(between(-1000, 1000)),
  ...intervalField,
});

/** Whether a score lies beyond the middle of its scale, on the easy side. */
function beyondMiddle(score: number, scale: Scale, higherIsEasier: boolean): boolean {
  const middle = (scale.min + scale.max) / 2;
  return higherIsEasier ? score > middle : score < middle;
}

/**
 * Customer effort score over CES survey responses: the mean score on the survey's scale
 * (1–7 unless the response says otherwise), with the share of responses that found it easy.
 *
 * Whether a high mean is good depends on the question asked, so the direction is an option
 * (`higherIsEasier`) and is echoed in the result. Responses of another kind (NPS, CSAT) and
 * surveys sent but not answered are excluded and counted by reason. A response is placed in a
 * period by `respondedAt`. Definition: docs/definitions.md, "CES".
 *
 * @param items - Validated survey responses.
 * @param options - See {@link CesOptions}.
 * @returns `value`, the mean score (`null` with no answered response), `easyShare` from 0 to
 *   100, and the counts behind both.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const scale = { min: 1, max: 7 };
 * // (7 + 6 + 5 + 4 + 2) / 5 = 24 / 5
 * ces([7, 6, 5, 4, 2].map((score) => ({ kind: "ces", score, scale, respondedAt: at }))).value
 * //=> 4.8
 */
export const ces = callOf(cesReducer);

/**
 * The mergeable reducer behind {@link ces}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = new Date("2024-03-01T09:00:00Z");
 * const scale = { min: 1, max: 7 };
 * // (7 + 6 + 5 + 4 + 2) / 5 = 24 / 5
 * const all = [7, 6, 5, 4, 2].map((score) => ({ kind: "ces", score, scale, respondedAt: at }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(cesReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 4.8
 */
export function cesReducer(options: CesOptions = {}): Reducer<CesInput, CesState, CesResult> {
  const { higherIsEasier, topBoxFrom, interval } = readOptions("ces", OPTIONS, options);
  const choice = intervalFor("ces", "mean", interval);
  const isEasy = (score: number, scale: Scale): boolean => {
    if (topBoxFrom === undefined) return beyondMiddle(score, scale, higherIsEasier);
    return higherIsEasier ? score >= topBoxFrom : score <= topBoxFrom;
  };
  const plain: ReturnType<typeof cesReducer> = {
    name: "ces",
    timeOf: (response) => response.respondedAt,
    // Σ score² only when the interval needs it, so the state is otherwise unchanged.
    init: () => ({
      n: 0,
      sum: 0,
      easy: 0,
      ...(choice ? { sumOfSquares: 0 } : {}),
      excluded: excludedCounts(EXCLUSIONS),
    }),
    add(state, response) {
      if (response.kind !== "ces") {
        state.excluded.otherKind++;
        return;
      }
      const score = scoreOnScale("ces", response.score, response.scale);
      if (score === null) {
        state.excluded.unanswered++;
        return;
      }
      state.n++;
      state.sum += score;
      if (choice) state.sumOfSquares = (state.sumOfSquares ?? 0) + score * score;
      if (isEasy(score, response.scale)) state.easy++;
    },
    merge: mergeCounts,
    result: (state) => ({
      value: state.n === 0 ? null : state.sum / state.n,
      higherIsEasier,
      sum: state.sum,
      n: state.n,
      easy: state.easy,
      easyShare: state.n === 0 ? null : (100 * state.easy) / state.n,
      excluded: { ...state.excluded },
    }),
  };
  return withInterval(plain, choice, (state, result, chosen) =>
    meanIntervalOf({ ...state, sumOfSquares: state.sumOfSquares ?? 0 }, result, chosen),
  );
}

/** CES in the catalogue: the CLI's `ces`; which way is better follows `higherIsEasier`. */
export const cesMetric = defineMetric({
  name: "ces",
  key: "ces",
  label: "CES",
  description: "Mean score of answered customer effort surveys.",
  unit: "score",
  better: (options) => (options.higherIsEasier === false ? "lower" : "higher"),
  records: "surveyResponses",
  reads: ["kind", "score", "scale", "respondedAt"],
  placement: { by: "instant", field: "respondedAt" },
  result: "mean",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: (options) => {
    const score = field("score");
    const higher = options.higherIsEasier !== false;
    // Beyond the middle of the scale on the easy side, unless a top box is given.
    const middle: Expr = {
      op: "*",
      args: [{ op: "+", args: [field("scale", "min"), field("scale", "max")] }, value(0.5)],
    };
    const bound = options.topBoxFrom === undefined ? middle : value(options.topBoxFrom);
    const easy =
      options.topBoxFrom === undefined
        ? compare(higher ? ">" : "<", score, bound)
        : compare(higher ? ">=" : "<=", score, bound);
    return {
      exclude: [
        { reason: "otherKind", when: compare("<>", field("kind"), "ces") },
        { reason: "unanswered", when: isNull("score") },
      ],
      state: { n: { count: true }, sum: { sum: score }, easy: { count: easy } },
    };
  },
  reducer: cesReducer,
});
