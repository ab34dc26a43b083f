/**
 * Issue 12: business-hours work is bounded. Its cost grows with the days spanned, so a span,
 * a target or a search longer than MAX_BUSINESS_SPAN_YEARS (100) is refused with a RangeError
 * in bounded time; each case once ran for minutes, hence the timeouts.
 */
import { describe, expect, test } from "vitest";
import { slaPolicy } from "../sla/policy.ts";
import {
  addBusinessTime,
  businessDuration,
  MAX_BUSINESS_SPAN_MS,
  MAX_BUSINESS_SPAN_YEARS,
  nextOpening,
} from "./businessTime.ts";
import { schedule } from "./schedule.ts";

const QUICK = 10_000;
const nineToFive = [{ start: "09:00", end: "17:00" }];
const weekdays = schedule({
  timeZone: "Europe/Berlin",
  weekly: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
});
const at = (iso: string) => Date.parse(iso);

describe("the limits of business time (issue 12)", () => {
  test("100 Gregorian years: 36,524.25 days", () => {
    expect(MAX_BUSINESS_SPAN_YEARS).toBe(100);
    // 36,524.25 days × 86,400 s = 3,155,695,200 s.
    expect(MAX_BUSINESS_SPAN_MS).toBe(3_155_695_200_000);
  });

  test(
    "a span longer than 100 years is refused (a ticket in 0024 measured to 2024)",
    () => {
      const measure = () =>
        businessDuration(at("0024-05-02T09:00:00Z"), at("2024-05-02T09:00:00Z"), weekdays);
      // A RangeError (a SpanLimitError, which reduce turns into one naming the record).
      expect(measure).toThrow(RangeError);
      expect(measure).toThrow(
        "businessDuration: end must be within 100 years of start, got 2024-05-02T09:00:00.000Z for a start at 0024-05-02T09:00:00.000Z",
      );
    },
    QUICK,
  );

  test(
    "instants outside the supported years are refused (a ticket at −8e15, an as-of at +275760)",
    () => {
      expect(() => businessDuration(-8e15, 0, weekdays)).toThrow(
        new RangeError(
          "businessDuration: start must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got -8000000000000000",
        ),
      );
      expect(() => nextOpening(8.64e15, weekdays)).toThrow(RangeError);
      expect(() => addBusinessTime(new Date(8.64e15), 60, weekdays)).toThrow(RangeError);
    },
    QUICK,
  );

  test(
    "a 5e9-minute target is refused before any walk",
    () => {
      expect(() => addBusinessTime(0, 5e9 * 60, weekdays)).toThrow(
        new RangeError(
          "addBusinessTime: seconds must be at most 3155695200 (100 years), got 300000000000",
        ),
      );
    },
    QUICK,
  );

  test(
    "a closure to 9999: no opening within 100 years is an error, found in bounded time",
    () => {
      const closed = schedule({
        timeZone: "UTC",
        weekly: { monday: nineToFive },
        closures: [{ start: "2024-01-01T00:00:00Z", end: "9999-12-31T00:00:00Z" }],
      });
      const start = at("2024-06-01T00:00:00Z");
      expect(() => nextOpening(start, closed)).toThrow(
        new RangeError(
          "nextOpening: the next opening must fall within 100 years of 2024-06-01T00:00:00.000Z, got none before 2124-06-01T06:00:00.000Z",
        ),
      );
      expect(() => addBusinessTime(start, 3600, closed)).toThrow(
        "addBusinessTime: 3600 working seconds must fall within 100 years of 2024-06-01T00:00:00.000Z",
      );
      // Within the limit the answer is unchanged: after a closure to 2030-01-01 (a Tuesday),
      // the next Monday 09:00 UTC is 2030-01-07.
      const shorter = schedule({
        timeZone: "UTC",
        weekly: { monday: nineToFive },
        closures: [{ start: "2024-01-01T00:00:00Z", end: "2030-01-01T00:00:00Z" }],
      });
      expect(nextOpening(start, shorter)?.toISOString()).toBe("2030-01-07T09:00:00.000Z");
    },
    QUICK,
  );

  test(
    "a schedule that never opens still answers null, not an error",
    () => {
      const never = schedule({ timeZone: "UTC", weekly: {} });
      expect(nextOpening(0, never)).toBeNull();
      expect(addBusinessTime(0, 60, never)).toBeNull();
    },
    QUICK,
  );

  test("an SLA target longer than 100 years is refused when the policy is built", () => {
    expect(() =>
      slaPolicy({ name: "Absurd", targets: { resolution: { minutes: 5e9, businessHours: true } } }),
    ).toThrow(
      "slaPolicy: targets.resolution.minutes must be at most 52594920 (100 years), got 5000000000",
    );
    expect(() =>
      slaPolicy({
        name: "Huge",
        targets: { resolution: { minutes: 1e308, businessHours: false } },
      }),
    ).toThrow(RangeError);
  });
});
