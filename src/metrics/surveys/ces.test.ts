import { describe, expect, test } from "vitest";
import { survey } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { resolveMetric } from "../define.ts";
import { ces, cesMetric, cesReducer } from "./ces.ts";

const none = { otherKind: 0, unanswered: 0 };
/** The result when no response counts, but for `excluded`. */
const nothingCounted = {
  value: null,
  higherIsEasier: true,
  sum: 0,
  n: 0,
  easy: 0,
  easyShare: null,
};

describe("ces", () => {
  const scores = [7, 6, 5, 4, 2].map((score) => survey("ces", score));

  test("is the mean score on 1-7, with the share that found it easy (5-7)", () => {
    // (7 + 6 + 5 + 4 + 2) / 5 = 24 / 5 = 4.8; easy: 7, 6, 5 → 3 / 5 = 60 %
    expect(ces(scores)).toEqual({
      value: 4.8,
      higherIsEasier: true,
      sum: 24,
      n: 5,
      easy: 3,
      easyShare: 60,
      excluded: none,
    });
  });

  test("has no value when nothing was answered", () => {
    expect(ces([])).toEqual({ ...nothingCounted, excluded: none });
  });

  test("a single response is its own mean", () => {
    expect(ces([survey("ces", 3)])).toMatchObject({ value: 3, n: 1, easy: 0, easyShare: 0 });
    expect(ces([survey("ces", 6)])).toMatchObject({ value: 6, n: 1, easy: 1, easyShare: 100 });
  });

  test("excludes other survey kinds and unanswered surveys, by reason", () => {
    const records = [survey("nps", 9), survey("csat", 4), survey("ces", null)];
    expect(ces(records)).toEqual({ ...nothingCounted, excluded: { otherKind: 2, unanswered: 1 } });
  });

  test("an effort question (higher = harder) keeps the mean and counts the bottom three as easy", () => {
    const effort = [1, 2, 3, 4, 7].map((score) => survey("ces", score));
    // mean (1 + 2 + 3 + 4 + 7) / 5 = 17 / 5 = 3.4, read as "lower is easier";
    // easy: 1, 2, 3 (below the middle point 4) → 3 / 5 = 60 %
    expect(ces(effort, { higherIsEasier: false })).toEqual({
      value: 3.4,
      higherIsEasier: false,
      sum: 17,
      n: 5,
      easy: 3,
      easyShare: 60,
      excluded: none,
    });
  });

  test("the middle point of the scale is never easy", () => {
    expect(ces([survey("ces", 4)]).easy).toBe(0);
    expect(ces([survey("ces", 4)], { higherIsEasier: false }).easy).toBe(0);
  });

  test("topBoxFrom moves the easy threshold, in the direction of the question", () => {
    // higher is easier, topBoxFrom 6: 7 and 6 → 2 / 5 = 40 %
    expect(ces(scores, { topBoxFrom: 6 })).toMatchObject({ easy: 2, easyShare: 40 });
    // higher is harder, topBoxFrom 2: scores 7, 6, 5, 4, 2 → only 2 → 1 / 5 = 20 %
    expect(ces(scores, { higherIsEasier: false, topBoxFrom: 2 })).toMatchObject({
      easy: 1,
      easyShare: 20,
    });
  });

  test("a 1-5 scale counts 4 and 5 as easy by default", () => {
    const five = { min: 1, max: 5 };
    // 5, 4 easy; 3 is the middle; 2 not → 2 / 4 = 50 %; mean 14 / 4 = 3.5
    const records = [5, 4, 3, 2].map((score) => survey("ces", score, { scale: five }));
    expect(ces(records)).toMatchObject({ value: 3.5, easy: 2, easyShare: 50 });
  });

  test("a four-point scale counts its top two points as easy, as CSAT's top two boxes", () => {
    // 1–4: the middle is 2.5, so 3 and 4 are easy, 2 and 1 not → 2 of 4
    const ratings = [4, 3, 2, 1].map((score) =>
      survey("ces", score, { scale: { min: 1, max: 4 } }),
    );
    expect(ces(ratings)).toMatchObject({ easy: 2, n: 4 });
  });

  test("is placed in a period by respondedAt", () => {
    const sentFriday = survey("ces", 7, {
      sentAt: "2024-03-01T16:00:00Z",
      respondedAt: "2024-03-04T09:00:00Z",
    });
    expect(cesReducer().timeOf(sentFriday)).toEqual(new Date("2024-03-04T09:00:00Z"));
    const rows = rollup([sentFriday], { by: { period: "day" }, metrics: { ces: cesReducer() } });
    expect(rows.map((row) => [row.period?.label, row.ces.value])).toEqual([["2024-03-04", 7]]);
  });

  test("rejects an option of the wrong kind or off any scale", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => ces([], { higherIsEasier: "yes" })).toThrow(
      new TypeError('ces: higherIsEasier must be a boolean, got "yes"'),
    );
    expect(() => ces([], { topBoxFrom: 5000 })).toThrow(
      new RangeError("ces: topBoxFrom must be between -1000 and 1000, got 5000"),
    );
    expect(() => ces([], { topBoxFrom: Number.NaN })).toThrow(
      new TypeError("ces: topBoxFrom must be between -1000 and 1000, got NaN"),
    );
  });

  test("refuses the old name of topBoxFrom instead of ignoring it", () => {
    // @ts-expect-error: easyFrom is no longer an option
    expect(() => ces([], { easyFrom: 6 })).toThrow(
      new TypeError("ces: easyFrom is not an option of ces"),
    );
  });

  test("declares which way is better from the question's direction", () => {
    expect(resolveMetric(cesMetric).better).toBe("higher");
    expect(resolveMetric(cesMetric, { higherIsEasier: false }).better).toBe("lower");
  });
});
