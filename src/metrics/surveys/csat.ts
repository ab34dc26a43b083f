import * as z from "zod/mini";
import { show } from "../../reduce/arguments.ts";
import { callOf } from "../../reduce/folds.ts";
import { between, oneOf, readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import type { SurveyResponse } from "../../schemas/survey.ts";
import { compare, field, isNull, value } from "../../sql/spec.ts";
import type { ConfidenceInterval } from "../../stats/interval.ts";
import {
  type IntervalKind,
  type IntervalOf,
  type IntervalOption,
  intervalField,
  intervalFor,
  meanIntervalOf,
  npsIntervalFrom,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { mergeCounts } from "../mergeCounts.ts";
import { scoreOnScale } from "./scoreOnScale.ts";

/** The fields {@link csat} reads; callers may pass whole survey responses. */
export type CsatInput = Pick<SurveyResponse, "kind" | "score" | "scale" | "respondedAt">;

/**
 * How CSAT turns scores into one number:
 * - `"top-box"`: percentage of responses at or above `topBoxFrom` (Zendesk good / (good +
 *   bad) with a binary scale; Intercom and Chatwoot 4–5 of 1–5);
 * - `"mean"`: the mean score;
 * - `"percent-of-max"`: sum of scores / (responses × scale maximum) × 100;
 * - `"happiness"`: Help Scout's score, % top answer − % bottom answer, on a 1–3 scale
 *   (Great 3, Okay 2, Not Good 1); from −100 to 100.
 */
export type CsatMethod = "top-box" | "mean" | "percent-of-max" | "happiness";

/** Options for {@link csat}. */
export interface CsatOptions extends IntervalOption {
  /** See {@link CsatMethod}. Defaults to `"top-box"`. */
  method?: CsatMethod;
  /**
   * Lowest score that counts as satisfied with `"top-box"`. Defaults to the top two points of
   * each response's scale of four points or more (3 on 1–4 and on 0–3, 4 on 1–5, 6 on 1–7),
   * or the top point on scales of three points or fewer (1 = good on a binary 0–1 scale, 3 on
   * 1–3).
   */
  topBoxFrom?: number;
}

/** Why a response did not count. */
export type CsatExclusion = "otherKind" | "unanswered";

/** The accumulator behind {@link csat}: additive counts and sums only. */
export interface CsatState {
  responses: number;
  satisfied: number;
  scoreSum: number;
  maxSum: number;
  top: number;
  bottom: number;
  /** Σ score², kept only for the `interval` of the `"mean"` method (its t interval). */
  scoreSquares?: number;
  excluded: Excluded<CsatExclusion>;
}

/**
 * CSAT's result. `numerator` and `denominator` re-derive `value` for the chosen method:
 * satisfied / responses (top-box), score sum / responses (mean), score sum / (responses ×
 * max) (percent-of-max), (top − bottom) / responses (happiness).
 */
export interface CsatResult {
  value: number | null;
  method: CsatMethod;
  numerator: number;
  denominator: number;
  /** Responses counted. */
  n: number;
  excluded: Excluded<CsatExclusion>;
  /**
   * With `interval` only: the confidence interval of `value`, in its unit. Top-box is a
   * proportion (Wilson by default), happiness is scored like an NPS (adjusted Wald by
   * default), the mean gets a t interval; percent-of-max takes none.
   */
  interval?: ConfidenceInterval | null;
}

const METHODS = [
  "top-box",
  "mean",
  "percent-of-max",
  "happiness",
] as const satisfies readonly CsatMethod[];
const EXCLUSIONS: readonly CsatExclusion[] = ["otherKind", "unanswered"];

/** The schema of {@link CsatOptions}. */
const CSAT_OPTIONS = z.strictObject({
  method: z._default(oneOf(METHODS), "top-box"),
  topBoxFrom: z.optional(between(-1000, 1000)),
  ...intervalField,
});

/** What each CSAT method's interval is computed from: percent-of-max is no proportion. */
const INTERVAL_KIND: Record<CsatMethod, IntervalKind | null> = {
  "top-box": "rate",
  mean: "mean",
  "percent-of-max": null,
  happiness: "trinomial",
};

/** The interval of CSAT's value by its method (see {@link CsatResult}'s `interval`). */
const csatInterval: IntervalOf<CsatState, CsatResult> = (state, result, choice) => {
  if (result.method === "top-box") return rateIntervalOf(state, result, choice);
  if (result.method === "happiness") {
    const counts = { promoters: state.top, detractors: state.bottom, n: state.responses };
    return npsIntervalFrom(state, counts, choice);
  }
  const sums = { n: state.responses, sum: state.scoreSum, sumOfSquares: state.scoreSquares ?? 0 };
  return meanIntervalOf(sums, result, choice);
};

/**
 * The default satisfied threshold of a scale: its top two points on a scale of four points or
 * more, its top point on a scale of three points or fewer.
 *
 * @example
 * // 1–5: 4 and 5; 1–4: 3 and 4 (four points); 1–3 is too short for two boxes, so only 3
 * [topTwoBoxFrom({ min: 1, max: 5 }), topTwoBoxFrom({ min: 1, max: 4 }), topTwoBoxFrom({ min: 1, max: 3 })]
 * //=> [4, 3, 3]
 */
export function topTwoBoxFrom(scale: { min: number; max: number }): number {
  // A scale from min to max has max − min + 1 points: four or more when max − min >= 3.
  return scale.max - scale.min >= 3 ? scale.max - 1 : scale.max;
}

/**
 * Customer satisfaction score over CSAT survey responses.
 *
 * By default the percentage of answered responses in the top two points of their scale
 * (4 or 5 on 1–5). Responses of another kind (NPS, CES) and surveys sent but not answered
 * are excluded and counted by reason. Definition: docs/definitions.md, "CSAT".
 *
 * @param items - Validated survey responses.
 * @param options - See {@link CsatOptions}.
 * @returns `value` from 0 to 100 (mean: on the survey scale; happiness: −100 to 100), or
 *   `null` when no response was answered.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const scale = { min: 1, max: 5 };
 * csat([5, 4, 2, 5].map((score) => ({ kind: "csat", score, scale, respondedAt: at }))).value
 * //=> 75
 */
export const csat = callOf(csatReducer);

/**
 * The mergeable reducer behind {@link csat}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = new Date("2024-03-01T09:00:00Z");
 * const scale = { min: 1, max: 5 };
 * const all = [5, 4, 2, 5].map((score) => ({ kind: "csat", score, scale, respondedAt: at }));
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(csatReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 75
 */
export function csatReducer(options: CsatOptions = {}): Reducer<CsatInput, CsatState, CsatResult> {
  const { method, topBoxFrom, interval } = readOptions("csat", CSAT_OPTIONS, options);
  const kind = INTERVAL_KIND[method];
  if (interval && kind === null) {
    throw new RangeError(
      `csat: interval must be left out with method "percent-of-max" (a ratio of sums, not a proportion), got ${show(options.interval)}`,
    );
  }
  const choice = kind && intervalFor("csat", kind, interval);
  // Σ score² only when the mean's interval needs it, so the state is otherwise unchanged.
  const squares = choice !== null && kind === "mean";
  const plain: ReturnType<typeof csatReducer> = {
    name: "csat",
    timeOf: (response) => response.respondedAt,
    init: () => ({
      responses: 0,
      satisfied: 0,
      scoreSum: 0,
      maxSum: 0,
      top: 0,
      bottom: 0,
      ...(squares ? { scoreSquares: 0 } : {}),
      excluded: excludedCounts(EXCLUSIONS),
    }),
    add(state, response) {
      if (response.kind !== "csat") {
        state.excluded.otherKind++;
        return;
      }
      const score = scoreOnScale("csat", response.score, response.scale);
      if (score === null) {
        state.excluded.unanswered++;
        return;
      }
      const { scale } = response;
      state.responses++;
      state.scoreSum += score;
      state.maxSum += scale.max;
      if (squares) state.scoreSquares = (state.scoreSquares ?? 0) + score * score;
      if (score >= (topBoxFrom ?? topTwoBoxFrom(scale))) state.satisfied++;
      if (score === scale.max) state.top++;
      if (score === scale.min) state.bottom++;
    },
    merge: mergeCounts,
    result(state) {
      const [numerator, denominator, scale] = {
        "top-box": [state.satisfied, state.responses, 100],
        mean: [state.scoreSum, state.responses, 1],
        "percent-of-max": [state.scoreSum, state.maxSum, 100],
        happiness: [state.top - state.bottom, state.responses, 100],
      }[method] as [number, number, number];
      return {
        value: denominator === 0 ? null : (scale * numerator) / denominator,
        method,
        numerator,
        denominator,
        n: state.responses,
        excluded: { ...state.excluded },
      };
    },
  };
  return withInterval(plain, choice, csatInterval);
}

/** CSAT in the catalogue: the CLI's `csat`. */
export const csatMetric = defineMetric({
  name: "csat",
  key: "csat",
  label: "CSAT",
  description: "Share of answered CSAT surveys in the top box of their scale.",
  unit: (options) =>
    options.method === "mean" || options.method === "happiness" ? "score" : "percent",
  better: "higher",
  records: "surveyResponses",
  reads: ["kind", "score", "scale", "respondedAt"],
  placement: { by: "instant", field: "respondedAt" },
  result: "ratio",
  takesInterval: true,
  options: CSAT_OPTIONS,
  byDefault: true,
  vendors: {
    zendesk: { method: "top-box" },
    freshdesk: { method: "top-box", topBoxFrom: 5 },
    intercom: { method: "top-box", topBoxFrom: 4 },
    helpscout: { method: "happiness" },
    chatwoot: { method: "top-box", topBoxFrom: 4 },
  },
  sql: (options) => {
    const score = field("score");
    const min = field("scale", "min");
    const max = field("scale", "max");
    // The default top box: the top two points of a scale of four or more, else the top one.
    const topBox =
      options.topBoxFrom === undefined
        ? {
            cases: [
              {
                when: compare(">=", { op: "-", args: [max, min] }, 3),
                result: { op: "-", args: [max, value(1)] } as const,
              },
            ],
            otherwise: max,
          }
        : value(options.topBoxFrom);
    return {
      exclude: [
        { reason: "otherKind", when: compare("<>", field("kind"), "csat") },
        { reason: "unanswered", when: isNull("score") },
      ],
      state: {
        responses: { count: true },
        satisfied: { count: compare(">=", score, topBox) },
        scoreSum: { sum: score },
        maxSum: { sum: max },
        top: { count: compare("=", score, max) },
        bottom: { count: compare("=", score, min) },
      },
    };
  },
  reducer: csatReducer,
});
