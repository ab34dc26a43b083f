import { describe, expect, test } from "vitest";
import {
  abandoned,
  answered,
  OFFERED,
  queueContact,
} from "../../../test/fixtures/queueContacts.ts";
import { averageSpeedOfAnswer } from "./averageSpeedOfAnswer.ts";

const none = { abandoned: 0, unknownOutcome: 0, bothOutcomes: 0, endsBeforeOffer: 0 };

describe("averageSpeedOfAnswer", () => {
  test("averages the queue wait of answered contacts", () => {
    // waits 10, 20, 60 s: mean 90 / 3 = 30; median 20; p90 at rank 1.8 → 20 + 0.8 × 40 = 52
    expect(averageSpeedOfAnswer([answered(10), answered(60), answered(20)])).toEqual({
      value: 30,
      statistic: "mean",
      percentiles: "exact",
      n: 3,
      sum: 90,
      mean: 30,
      median: 20,
      p90: 52,
      p95: 56,
      min: 10,
      max: 60,
      excluded: none,
    });
  });

  test("abandoned contacts have no speed of answer: excluded, not 0", () => {
    const result = averageSpeedOfAnswer([answered(40), abandoned(5), abandoned(100)]);
    expect(result).toMatchObject({ value: 40, n: 1, excluded: { abandoned: 2 } });
  });

  test("excludes unclear outcomes by reason", () => {
    expect(
      averageSpeedOfAnswer([
        queueContact(),
        queueContact({ answeredAt: new Date(OFFERED), abandonedAt: new Date(OFFERED) }),
        queueContact({ answeredAt: new Date(OFFERED - 1) }),
      ]),
    ).toMatchObject({
      value: null,
      n: 0,
      excluded: { unknownOutcome: 1, bothOutcomes: 1, endsBeforeOffer: 1 },
    });
  });

  test("an answer at the offer instant waited 0 s, which counts", () => {
    expect(averageSpeedOfAnswer([answered(0)])).toMatchObject({ value: 0, n: 1 });
  });

  test("reports another statistic when asked", () => {
    expect(
      averageSpeedOfAnswer([answered(10), answered(60), answered(20)], { statistic: "median" })
        .value,
    ).toBe(20);
  });

  test("rejects an unknown statistic", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => averageSpeedOfAnswer([], { statistic: "mode" })).toThrow(
      'averageSpeedOfAnswer: statistic must be one of mean, median, p90, p95, got "mode"',
    );
  });
});
