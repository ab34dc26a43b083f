import { describe, expect, test } from "vitest";
import { RecordFieldError } from "../../reduce/recordError.ts";
import { scoreOnScale } from "./scoreOnScale.ts";

const fivePoint = { min: 1, max: 5 };

/** The message scoreOnScale throws for `scale`, in the field-error grammar. */
const badScale = (shown: string) =>
  `csat: field "scale" must be a scale { min, max } of finite numbers, min below max, got ${shown}`;

/** Any scale error: a score error (also a RecordFieldError) would not match. */
const SCALE_ERROR = /^csat: field "scale" must be a scale \{ min, max \} of finite numbers/;

describe("scoreOnScale", () => {
  test("an unanswered score is null, whatever the scale (the scale is not read)", () => {
    expect(scoreOnScale("csat", null, fivePoint)).toBeNull();
    expect(scoreOnScale("csat", undefined, fivePoint)).toBeNull();
    // a response left unanswered is not an error even when its scale is missing
    expect(scoreOnScale("csat", null, undefined)).toBeNull();
    expect(scoreOnScale("csat", undefined, { min: 5, max: 1 })).toBeNull();
  });

  test("both ends of the scale are on it, one step past either end is not", () => {
    expect(scoreOnScale("csat", 1, fivePoint)).toBe(1);
    expect(scoreOnScale("csat", 5, fivePoint)).toBe(5);
    expect(scoreOnScale("csat", 2.5, fivePoint)).toBe(2.5);
    expect(() => scoreOnScale("csat", 0.999, fivePoint)).toThrow(
      'csat: field "score" must be a number from 1 to 5 or null, got 0.999',
    );
    expect(() => scoreOnScale("csat", 5.001, fivePoint)).toThrow(
      'csat: field "score" must be a number from 1 to 5 or null, got 5.001',
    );
  });

  test("a score that is not a number on the scale is a field error naming the metric", () => {
    expect(() => scoreOnScale("nps", Number.NaN, { min: 0, max: 10 })).toThrow(
      'nps: field "score" must be a number from 0 to 10 or null, got NaN',
    );
    // a numeric string is not coerced, even though "4" >= 1 && "4" <= 5 holds in JavaScript
    expect(() => scoreOnScale("csat", "4", fivePoint)).toThrow(
      'csat: field "score" must be a number from 1 to 5 or null, got "4"',
    );
    expect(() => scoreOnScale("csat", 11, fivePoint)).toThrow(RecordFieldError);
  });

  test("a missing or malformed scale is a field error, even for a score that would fit", () => {
    expect(() => scoreOnScale("csat", 3, undefined)).toThrow(badScale("undefined"));
    expect(() => scoreOnScale("csat", 3, null)).toThrow(badScale("null"));
    expect(() => scoreOnScale("csat", 3, 5)).toThrow(badScale("5"));
    expect(() => scoreOnScale("csat", 3, { min: "1", max: 5 })).toThrow(SCALE_ERROR);
    expect(() => scoreOnScale("csat", 3, { min: 1, max: "5" })).toThrow(SCALE_ERROR);
    expect(() => scoreOnScale("csat", 3, { max: 5 })).toThrow(SCALE_ERROR);
    expect(() => scoreOnScale("csat", 3, { min: 1 })).toThrow(SCALE_ERROR);
  });

  test("a scale must have min strictly below max", () => {
    // a one-point scale 3–3 would make every answer both the best and the worst
    expect(() => scoreOnScale("csat", 3, { min: 3, max: 3 })).toThrow(SCALE_ERROR);
    expect(() => scoreOnScale("csat", 3, { min: 5, max: 1 })).toThrow(SCALE_ERROR);
    expect(() => scoreOnScale("csat", 3, { min: Number.NaN, max: 5 })).toThrow(SCALE_ERROR);
  });

  test("a scale with an infinite end, or too wide to measure, is refused", () => {
    // max − min is Infinity in each case, so the width test must be strictly below Infinity
    expect(() => scoreOnScale("csat", 3, { min: 1, max: Number.POSITIVE_INFINITY })).toThrow(
      SCALE_ERROR,
    );
    // −Infinity + 5 is −Infinity, below Infinity: only the difference catches an infinite min
    expect(() => scoreOnScale("csat", 3, { min: Number.NEGATIVE_INFINITY, max: 5 })).toThrow(
      SCALE_ERROR,
    );
    // both ends finite, but 1.7e308 − (−1.7e308) overflows to Infinity
    expect(() => scoreOnScale("csat", 3, { min: -1.7e308, max: 1.7e308 })).toThrow(SCALE_ERROR);
    // the widest finite scale is accepted: 8.9e307 − (−8.9e307) = 1.78e308, finite
    expect(scoreOnScale("csat", 3, { min: -8.9e307, max: 8.9e307 })).toBe(3);
  });
});
