import { describe, expect, test } from "vitest";
import { survey } from "../../../test/fixtures.ts";
import { resolveMetric } from "../define.ts";
import { type CsatMethod, csat, csatMetric } from "./csat.ts";

describe("csat", () => {
  const scores = [survey("csat", 5), survey("csat", 4), survey("csat", 2), survey("csat", 5)];

  test("counts scores in the top two points of 1-5 as satisfied", () => {
    // scores 5, 4, 2, 5 → 3 satisfied of 4 answered → 3 / 4 = 75 %
    expect(csat(scores)).toEqual({
      value: 75,
      method: "top-box",
      numerator: 3,
      denominator: 4,
      n: 4,
      excluded: { otherKind: 0, unanswered: 0 },
    });
  });

  test("has no value when nothing was answered", () => {
    expect(csat([]).value).toBeNull();
    expect(csat([survey("csat", null)])).toMatchObject({
      value: null,
      n: 0,
      excluded: { unanswered: 1 },
    });
  });

  test("a single response is 0 or 100", () => {
    expect(csat([survey("csat", 3)]).value).toBe(0);
    expect(csat([survey("csat", 4)]).value).toBe(100);
  });

  test("excludes other survey kinds and counts them", () => {
    expect(csat([survey("nps", 10), survey("ces", 7)])).toMatchObject({
      value: null,
      excluded: { otherKind: 2 },
    });
  });

  test("honours a custom threshold", () => {
    // topBoxFrom 5 → only the two 5s → 2 / 4 = 50 %
    expect(csat(scores, { topBoxFrom: 5 }).value).toBe(50);
  });

  test("mean method averages the scores", () => {
    // (5 + 4 + 2 + 5) / 4 = 16 / 4 = 4
    expect(csat(scores, { method: "mean" })).toMatchObject({
      value: 4,
      numerator: 16,
      denominator: 4,
    });
  });

  test("percent-of-max divides the score sum by responses times the maximum (seed 000)", () => {
    // 16 / (4 × 5) × 100 = 80 %
    expect(csat(scores, { method: "percent-of-max" })).toMatchObject({
      value: 80,
      numerator: 16,
      denominator: 20,
    });
  });

  test("binary good/bad is good / (good + bad), as Zendesk reports", () => {
    const binary = { min: 0, max: 1 };
    // good, good, bad → 2 / 3 = 66.67 %
    const ratings = [1, 1, 0].map((score) => survey("csat", score, { scale: binary }));
    expect(csat(ratings).value).toBeCloseTo(66.6667, 3);
  });

  test("a four-point scale counts its top two points, on 1-4 and on 0-3 (issue 11)", () => {
    // 1–4: 4 and 3 satisfied, 2 and 1 not → 2 / 4 = 50 %
    const oneToFour = [4, 3, 2, 1].map((score) =>
      survey("csat", score, { scale: { min: 1, max: 4 } }),
    );
    expect(csat(oneToFour)).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
    // 0–3: 3 and 2 satisfied, 1 and 0 not → 2 / 4 = 50 %
    const zeroToThree = [3, 2, 1, 0].map((score) =>
      survey("csat", score, { scale: { min: 0, max: 3 } }),
    );
    expect(csat(zeroToThree)).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
  });

  test("a three-point scale counts only its top point", () => {
    // 1–3: 3 satisfied, 2 and 1 not → 1 / 3
    const ratings = [3, 2, 1].map((score) => survey("csat", score, { scale: { min: 1, max: 3 } }));
    expect(csat(ratings)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  test("a 1-7 scale defaults to its top two points (6 and 7)", () => {
    const seven = { min: 1, max: 7 };
    // 7 and 6 satisfied, 5 not → 2 / 3
    const ratings = [7, 6, 5].map((score) => survey("csat", score, { scale: seven }));
    expect(csat(ratings).numerator).toBe(2);
  });

  test("happiness is % great minus % not good (Help Scout's documented example)", () => {
    const three = { min: 1, max: 3 };
    // Help Scout's example: 37.27 % great, 31.82 % not good → 5.45. With 110 ratings:
    // 41 great, 34 okay, 35 not good → (41 − 35) / 110 × 100 = 5.4545...
    const ratings = [
      ...Array.from({ length: 41 }, () => survey("csat", 3, { scale: three })),
      ...Array.from({ length: 34 }, () => survey("csat", 2, { scale: three })),
      ...Array.from({ length: 35 }, () => survey("csat", 1, { scale: three })),
    ];
    const result = csat(ratings, { method: "happiness" });
    expect(result.value).toBeCloseTo(5.45, 2);
    expect(result).toMatchObject({ numerator: 6, denominator: 110 });
  });

  test("rejects an unknown method", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => csat([], { method: "median" })).toThrow(
      'csat: method must be one of top-box, mean, percent-of-max, happiness, got "median"',
    );
  });

  test("rejects a topBoxFrom outside -1000 to 1000 or not a number", () => {
    expect(() => csat([], { topBoxFrom: 1001 })).toThrow(
      new RangeError("csat: topBoxFrom must be between -1000 and 1000, got 1001"),
    );
    expect(() => csat([], { topBoxFrom: -1001 })).toThrow(
      new RangeError("csat: topBoxFrom must be between -1000 and 1000, got -1001"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => csat([], { topBoxFrom: "4" })).toThrow(
      new TypeError('csat: topBoxFrom must be between -1000 and 1000, got "4"'),
    );
    // the ends themselves are accepted
    expect(csat([], { topBoxFrom: 1000 }).value).toBeNull();
    expect(csat([], { topBoxFrom: -1000 }).value).toBeNull();
  });

  test("its catalogue entry reads as a score for mean and happiness, as a percent otherwise", () => {
    const unit = (method?: CsatMethod) =>
      resolveMetric(csatMetric, method === undefined ? {} : { method }).unit;
    expect([unit(), unit("top-box"), unit("percent-of-max")]).toEqual([
      "percent",
      "percent",
      "percent",
    ]);
    expect([unit("mean"), unit("happiness")]).toEqual(["score", "score"]);
  });
});
