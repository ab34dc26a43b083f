import { badField } from "../../reduce/recordError.ts";
import type { Scale } from "../../schemas/survey.ts";

/**
 * A survey response's score as a survey metric reads it, checked cheaply so that a metric
 * called on plain objects never counts garbage (see src/reduce/recordError.ts): `null` when
 * unanswered (`null` or missing), the score when it is a finite number on `scale`, and a
 * TypeError naming the field otherwise (a score of NaN, of 11 on 0–10, a missing scale).
 * Validated responses always pass.
 *
 * @example
 * [scoreOnScale("csat", 4, { min: 1, max: 5 }), scoreOnScale("csat", null, { min: 1, max: 5 })]
 * //=> [4, null]
 */
export function scoreOnScale(fn: string, score: unknown, scale: unknown): number | null {
  if (score === null || score === undefined) return null;
  const { min, max } = checkedScale(fn, scale);
  if (typeof score !== "number" || !(score >= min && score <= max)) {
    badField(fn, "score", `a number from ${min} to ${max} or null`, score);
  }
  return score;
}

/** A response's scale: an object with finite `min` below `max`. */
function checkedScale(fn: string, scale: unknown): Scale {
  if (typeof scale === "object" && scale !== null) {
    const { min, max } = scale as Partial<Scale>;
    if (typeof min === "number" && typeof max === "number" && min < max && max - min < Infinity) {
      return scale as Scale;
    }
  }
  return badField(fn, "scale", "a scale { min, max } of finite numbers, min below max", scale);
}
