import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { nps } from "../metrics/surveys/nps.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRate } from "../metrics/tickets/reopenRate.ts";

/** Issue 11's reproductions: metric functions called on plain objects, never validated. */
describe("metric functions never count garbage", () => {
  const respondedAt = new Date("2024-03-01T09:00:00Z");

  test("nps: NaN is not a detractor, it names the record and the field", () => {
    const responses = [9, Number.NaN].map((score) => ({
      kind: "nps" as const,
      score,
      respondedAt,
    }));
    expect(() => nps(responses)).toThrow(
      new TypeError('nps: record 1 field "score" must be a number from 0 to 10 or null, got NaN'),
    );
  });

  test("nps: 11 is not a promoter", () => {
    expect(() => nps([{ kind: "nps", score: 11, respondedAt }])).toThrow(
      new TypeError('nps: record 0 field "score" must be a number from 0 to 10 or null, got 11'),
    );
  });

  test("csat: a response without its scale is an error, not a crash inside", () => {
    // @ts-expect-error: a plain object without the scale validation would have added
    expect(() => csat([{ kind: "csat", score: 4, respondedAt }])).toThrow(
      new TypeError(
        'csat: record 0 field "scale" must be a scale { min, max } of finite numbers, min below max, got undefined',
      ),
    );
  });

  test("firstResponseTime: an ISO string is not a Date", () => {
    const createdAt = new Date("2024-03-01T09:00:00Z");
    expect(() =>
      // @ts-expect-error: an unvalidated timestamp
      firstResponseTime([{ createdAt, firstResponseAt: "2024-03-01T09:20:00Z" }]),
    ).toThrow(
      new TypeError(
        'firstResponseTime: record 0 field "firstResponseAt" must be a valid Date, null or undefined, got "2024-03-01T09:20:00Z"',
      ),
    );
    expect(() =>
      firstResponseTime([{ createdAt: new Date(Number.NaN), firstResponseAt: createdAt }]),
    ).toThrow(
      new TypeError(
        'firstResponseTime: record 0 field "createdAt" must be a valid Date, got Invalid Date',
      ),
    );
  });

  test("an iterable that is not an array still names the record", () => {
    const firstResolvedAt = new Date("2024-03-02T00:00:00Z");
    function* tickets() {
      yield { firstResolvedAt, reopenCount: 0 };
      yield { firstResolvedAt, reopenCount: -1 };
    }
    expect(() => reopenRate(tickets())).toThrow(
      'reopenRate: record 1 field "reopenCount" must be a whole number at least 0, or null, got -1',
    );
  });

  test("validated records are unaffected", () => {
    const scale = { min: 1, max: 5 };
    // 5 and 4 satisfied of 5, 4, 2 → 2 / 3
    const result = csat(
      [5, 4, 2].map((score) => ({ kind: "csat" as const, score, scale, respondedAt })),
    );
    expect(result.numerator).toBe(2);
  });
});

describe("a record past the business-hours span (issue 12)", () => {
  test("reduce names the record whose span the clock refused", () => {
    // Before: "businessDuration: end must be within 100 years of start, …", no record named.
    const hours = { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
    const ticket = (created: string, answered: string) => ({
      createdAt: new Date(created),
      firstResponseAt: new Date(answered),
    });
    const tickets = [
      ticket("2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z"),
      ticket("1824-01-01T09:00:00Z", "2024-01-01T10:00:00Z"),
    ];
    expect(() => firstResponseTime(tickets as never, { schedule: hours })).toThrow(
      new RangeError(
        "businessDuration: record 1 must span at most 100 years of business time, got 1824-01-01T09:00:00.000Z to 2024-01-01T10:00:00.000Z",
      ),
    );
  });
});
