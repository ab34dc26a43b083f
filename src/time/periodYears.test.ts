/**
 * Issue 12: the years 0 to 99 and the ends of the supported range. `Date.UTC` reads the
 * years 0-99 as 1900-1999, so a typo such as `0024-05-02` sent the period search round a
 * cycle forever; every test here has a timeout so that a regression fails instead of hanging.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EARLIEST_INSTANT, LATEST_INSTANT } from "../reduce/arguments.ts";
import { type Period, type PeriodUnit, period, periodStarts } from "./period.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const UNITS: PeriodUnit[] = ["day", "week", "isoWeek", "month", "quarter", "year"];
const QUICK = 5_000;

function where(of: Period, instant: number): [string, string, string] {
  const start = of.floor(instant);
  return [of.label(start), iso(start), iso(of.next(start))];
}

describe("years 0 to 99 (issue 12)", () => {
  test(
    "a ticket in 0024 falls in its own month, not in 1924",
    () => {
      const month = period("month");
      expect(where(month, Date.parse("0024-05-02T10:00:00Z"))).toEqual([
        "0024-05",
        "0024-05-01T00:00:00.000Z",
        "0024-06-01T00:00:00.000Z",
      ]);
    },
    QUICK,
  );

  test(
    "every unit in a zone with an old local mean time (New York's LMT was −4:56:02)",
    () => {
      const at = Date.parse("0050-01-01T12:00:00Z");
      // 12:00 UTC is 07:03:58 LMT on 1 January 50; local midnight is 04:56:02 UTC.
      expect(where(period("day", { timeZone: "America/New_York" }), at)).toEqual([
        "0050-01-01",
        "0050-01-01T04:56:02.000Z",
        "0050-01-02T04:56:02.000Z",
      ]);
      expect(where(period("year", { timeZone: "America/New_York" }), at)[0]).toBe("0050");
      // 1 January 50 was a Saturday (proleptic Gregorian): its week, from Monday 27 December
      // 49, has its Thursday on 30 December 49, so it is the last ISO week of 49, 0049-W52.
      expect(where(period("isoWeek", { timeZone: "America/New_York" }), at)[0]).toBe("0049-W52");
      expect(where(period("quarter", { timeZone: "America/New_York" }), at)[0]).toBe("0050-Q1");
    },
    QUICK,
  );

  test(
    "periodStarts over the first months of year 50 (the `--from 0050-01-01` case)",
    () => {
      const month = period("month");
      const starts = periodStarts(
        month,
        Date.parse("0050-01-01T00:00:00Z"),
        Date.parse("0050-03-15T00:00:00Z"),
      );
      expect(starts.map((start) => month.label(start))).toEqual(["0050-01", "0050-02", "0050-03"]);
    },
    QUICK,
  );
});

describe("the ends of the supported range (issue 12)", () => {
  test(
    "labels stay distinct and sortable past 0000 and 9999 (ISO 8601 expanded years)",
    () => {
      // West of UTC the first instant is still 31 December of year −1 on the wall clock.
      expect(where(period("month", { timeZone: "America/New_York" }), EARLIEST_INSTANT)).toEqual([
        "-000001-12",
        "-000001-12-01T04:56:02.000Z",
        "0000-01-01T04:56:02.000Z",
      ]);
      // East of UTC (Kiritimati, +14) the last instant is already 1 January 10000.
      const year = period("year", { timeZone: "Pacific/Kiritimati" });
      expect(year.label(year.floor(LATEST_INSTANT))).toBe("+010000");
      const day = period("day");
      expect(day.label(day.floor(LATEST_INSTANT))).toBe("9999-12-31");
      expect(day.label(day.floor(EARLIEST_INSTANT))).toBe("0000-01-01");
    },
    QUICK,
  );

  test(
    "instants outside are refused with the range, never searched",
    () => {
      const month = period("month");
      const outside =
        "period: instant must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got";
      expect(() => month.floor(8.64e15)).toThrow(new RangeError(`${outside} 8640000000000000`));
      expect(() => month.floor(-8e15)).toThrow(new RangeError(`${outside} -8000000000000000`));
      expect(() => month.floor(Number.NaN)).toThrow(new RangeError(`${outside} NaN`));
    },
    QUICK,
  );

  test(
    "a custom period that does not move forward is an error in periodStarts, not a loop",
    () => {
      const stuck: Period = {
        unit: "custom",
        timeZone: "UTC",
        floor: (t) => t,
        next: (start) => start,
        label: String,
      };
      expect(() => periodStarts(stuck, 0, 10)).toThrow(
        new RangeError("periodStarts: period.next must return a later start, got 0 after 0"),
      );
    },
    QUICK,
  );

  test("floor(t) ≤ t < next(floor(t)) over the whole supported range, every unit, three zones", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: EARLIEST_INSTANT, max: LATEST_INSTANT }),
        fc.constantFrom(...UNITS),
        fc.constantFrom("UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Kolkata"),
        (t, unit, timeZone) => {
          const of = period(unit, { timeZone });
          const start = of.floor(t);
          const end = of.next(start);
          expect(start).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(end);
          expect(of.label(end)).not.toBe(of.label(start));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
