/**
 * Periods across daylight-saving changes, zone by zone, with exact start instants. Every
 * expected value here was worked out from the zone's rules (tzdata), not from the code:
 * the comments give the local wall times. The suite runs under several host zones (TZ=UTC,
 * America/New_York, Europe/London); nothing here may depend on the host.
 */
import { describe, expect, test } from "vitest";
import { type PeriodOptions, type PeriodUnit, period } from "../../src/time/period.ts";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The period containing `instant` (ISO, UTC): its label, start, end and length in hours. */
function at(unit: PeriodUnit, options: PeriodOptions, instant: string) {
  const of = period(unit, options);
  const start = of.floor(Date.parse(instant));
  const end = of.next(start);
  return { label: of.label(start), start: iso(start), end: iso(end), hours: (end - start) / HOUR };
}

describe("America/New_York", () => {
  const zone = { timeZone: "America/New_York" };

  test("the spring-forward day has 23 hours", () => {
    // 2024-03-10: 00:00 EST (05:00Z) … 02:00 EST jumps to 03:00 EDT … 00:00 EDT (04:00Z).
    expect(at("day", zone, "2024-03-10T12:00:00Z")).toEqual({
      label: "2024-03-10",
      start: "2024-03-10T05:00:00.000Z",
      end: "2024-03-11T04:00:00.000Z",
      hours: 23,
    });
  });

  test("the fall-back day has 25 hours", () => {
    // 2024-11-03: 00:00 EDT (04:00Z) … 02:00 EDT back to 01:00 EST … 00:00 EST (05:00Z).
    expect(at("day", zone, "2024-11-03T12:00:00Z")).toEqual({
      label: "2024-11-03",
      start: "2024-11-03T04:00:00.000Z",
      end: "2024-11-04T05:00:00.000Z",
      hours: 25,
    });
  });

  test("instants on each side of the gap and in both passes of the repeated hour", () => {
    const day = (instant: string) => at("day", zone, instant).label;
    expect(day("2024-03-10T06:59:59.999Z")).toBe("2024-03-10"); // 01:59:59.999 EST
    expect(day("2024-03-10T07:00:00.000Z")).toBe("2024-03-10"); // 03:00 EDT
    expect(day("2024-03-10T04:59:59.999Z")).toBe("2024-03-09"); // 23:59:59.999 EST on the 9th
    expect(day("2024-11-03T05:30:00Z")).toBe("2024-11-03"); // 01:30 EDT
    expect(day("2024-11-03T06:30:00Z")).toBe("2024-11-03"); // 01:30 EST
    expect(day("2024-11-04T04:59:59.999Z")).toBe("2024-11-03"); // 23:59:59.999 EST
    expect(day("2024-11-04T05:00:00Z")).toBe("2024-11-04");
  });

  test("weeks across the changes", () => {
    // Monday 2024-03-04 00:00 EST → Monday 2024-03-11 00:00 EDT: 167 hours.
    expect(at("week", zone, "2024-03-10T12:00:00Z")).toEqual({
      label: "2024-03-04",
      start: "2024-03-04T05:00:00.000Z",
      end: "2024-03-11T04:00:00.000Z",
      hours: 167,
    });
    // A Sunday week starts on the change day itself, at 00:00 EST.
    expect(at("week", { ...zone, weekStartsOn: 0 }, "2024-03-10T12:00:00Z")).toEqual({
      label: "2024-03-10",
      start: "2024-03-10T05:00:00.000Z",
      end: "2024-03-17T04:00:00.000Z",
      hours: 167,
    });
    // ISO week 44 of 2024: Monday 10-28 00:00 EDT → Monday 11-04 00:00 EST: 169 hours.
    expect(at("isoWeek", zone, "2024-11-03T12:00:00Z")).toEqual({
      label: "2024-W44",
      start: "2024-10-28T04:00:00.000Z",
      end: "2024-11-04T05:00:00.000Z",
      hours: 169,
    });
  });

  test("months, quarters and years across the changes", () => {
    // March 2024: 31 × 24 − 1 = 743 hours; November: 30 × 24 + 1 = 721 hours.
    expect(at("month", zone, "2024-03-15T12:00:00Z")).toEqual({
      label: "2024-03",
      start: "2024-03-01T05:00:00.000Z",
      end: "2024-04-01T04:00:00.000Z",
      hours: 743,
    });
    expect(at("month", zone, "2024-11-15T12:00:00Z")).toEqual({
      label: "2024-11",
      start: "2024-11-01T04:00:00.000Z",
      end: "2024-12-01T05:00:00.000Z",
      hours: 721,
    });
    // Q1 2024: 91 days − 1 hour.
    expect(at("quarter", zone, "2024-02-15T12:00:00Z")).toEqual({
      label: "2024-Q1",
      start: "2024-01-01T05:00:00.000Z",
      end: "2024-04-01T04:00:00.000Z",
      hours: 91 * 24 - 1,
    });
    // A year gains the hour back: 366 days in 2024.
    expect(at("year", zone, "2024-07-01T00:00:00Z")).toEqual({
      label: "2024",
      start: "2024-01-01T05:00:00.000Z",
      end: "2025-01-01T05:00:00.000Z",
      hours: 366 * 24,
    });
  });

  test("New Year's Eve in New York is already next year in UTC", () => {
    // 2025-01-01T03:00Z is 22:00 EST on 31 December 2024.
    expect(at("year", zone, "2025-01-01T03:00:00Z").label).toBe("2024");
    expect(at("isoWeek", zone, "2025-01-01T03:00:00Z").label).toBe("2025-W01");
  });
});

describe("Europe/Berlin", () => {
  const zone = { timeZone: "Europe/Berlin" };

  test("the spring-forward day has 23 hours", () => {
    // 2024-03-31: 00:00 CET (23:00Z the day before) … 02:00 CET jumps to 03:00 CEST.
    expect(at("day", zone, "2024-03-31T12:00:00Z")).toEqual({
      label: "2024-03-31",
      start: "2024-03-30T23:00:00.000Z",
      end: "2024-03-31T22:00:00.000Z",
      hours: 23,
    });
  });

  test("the fall-back day has 25 hours, and both 02:30s belong to it", () => {
    expect(at("day", zone, "2024-10-27T12:00:00Z")).toEqual({
      label: "2024-10-27",
      start: "2024-10-26T22:00:00.000Z",
      end: "2024-10-27T23:00:00.000Z",
      hours: 25,
    });
    expect(at("day", zone, "2024-10-27T00:30:00Z").label).toBe("2024-10-27"); // 02:30 CEST
    expect(at("day", zone, "2024-10-27T01:30:00Z").label).toBe("2024-10-27"); // 02:30 CET
  });

  test("ISO weeks across the changes", () => {
    // Week 13 of 2024: Monday 03-25 00:00 CET → Monday 04-01 00:00 CEST.
    expect(at("isoWeek", zone, "2024-03-31T12:00:00Z")).toEqual({
      label: "2024-W13",
      start: "2024-03-24T23:00:00.000Z",
      end: "2024-03-31T22:00:00.000Z",
      hours: 167,
    });
    expect(at("isoWeek", zone, "2024-10-27T12:00:00Z")).toEqual({
      label: "2024-W43",
      start: "2024-10-20T22:00:00.000Z",
      end: "2024-10-27T23:00:00.000Z",
      hours: 169,
    });
  });

  test("months across the changes", () => {
    expect(at("month", zone, "2024-03-15T12:00:00Z")).toEqual({
      label: "2024-03",
      start: "2024-02-29T23:00:00.000Z",
      end: "2024-03-31T22:00:00.000Z",
      hours: 743,
    });
    expect(at("month", zone, "2024-10-15T12:00:00Z")).toEqual({
      label: "2024-10",
      start: "2024-09-30T22:00:00.000Z",
      end: "2024-10-31T23:00:00.000Z",
      hours: 745,
    });
    // 23:30 UTC on 31 October is 00:30 CET on 1 November.
    expect(at("month", zone, "2024-10-31T23:30:00Z").label).toBe("2024-11");
  });
});

describe("Europe/London", () => {
  const zone = { timeZone: "Europe/London" };

  test("23- and 25-hour days", () => {
    // 2024-03-31: 01:00 GMT jumps to 02:00 BST. 2024-10-27: 02:00 BST back to 01:00 GMT.
    expect(at("day", zone, "2024-03-31T12:00:00Z")).toEqual({
      label: "2024-03-31",
      start: "2024-03-31T00:00:00.000Z",
      end: "2024-03-31T23:00:00.000Z",
      hours: 23,
    });
    expect(at("day", zone, "2024-10-27T12:00:00Z")).toEqual({
      label: "2024-10-27",
      start: "2024-10-26T23:00:00.000Z",
      end: "2024-10-28T00:00:00.000Z",
      hours: 25,
    });
  });
});

describe("America/Santiago", () => {
  const zone = { timeZone: "America/Santiago" };

  test("the day whose midnight does not exist starts at 01:00", () => {
    // 2024-09-08: at 24:00 on the 7th (−04, 04:00Z) clocks jump to 01:00 (−03).
    expect(at("day", zone, "2024-09-08T12:00:00Z")).toEqual({
      label: "2024-09-08",
      start: "2024-09-08T04:00:00.000Z",
      end: "2024-09-09T03:00:00.000Z",
      hours: 23,
    });
    // The day before is a full 24 hours, ending where the next begins.
    expect(at("day", zone, "2024-09-08T03:59:59.999Z")).toEqual({
      label: "2024-09-07",
      start: "2024-09-07T04:00:00.000Z",
      end: "2024-09-08T04:00:00.000Z",
      hours: 24,
    });
  });

  test("a Sunday week starting on that day starts at its first instant", () => {
    expect(at("week", { ...zone, weekStartsOn: 0 }, "2024-09-10T12:00:00Z")).toEqual({
      label: "2024-09-08",
      start: "2024-09-08T04:00:00.000Z",
      end: "2024-09-15T03:00:00.000Z",
      hours: 167,
    });
  });

  test("the repeated hour across midnight belongs to the day before", () => {
    // 2024-04-07: at 24:00 on the 6th (−03, 03:00Z) clocks go back to 23:00 (−04), so the
    // 6th has 23:00–24:00 twice and lasts 25 hours; the 7th starts at 00:00 −04 (04:00Z).
    expect(at("day", zone, "2024-04-06T12:00:00Z")).toEqual({
      label: "2024-04-06",
      start: "2024-04-06T03:00:00.000Z",
      end: "2024-04-07T04:00:00.000Z",
      hours: 25,
    });
    expect(at("day", zone, "2024-04-07T02:30:00Z").label).toBe("2024-04-06"); // 23:30 −03
    expect(at("day", zone, "2024-04-07T03:30:00Z").label).toBe("2024-04-06"); // 23:30 −04
    expect(at("day", zone, "2024-04-07T04:00:00Z")).toEqual({
      label: "2024-04-07",
      start: "2024-04-07T04:00:00.000Z",
      end: "2024-04-08T04:00:00.000Z",
      hours: 24,
    });
  });

  test("weeks and months across both changes", () => {
    expect(at("isoWeek", zone, "2024-09-08T12:00:00Z")).toEqual({
      label: "2024-W36",
      start: "2024-09-02T04:00:00.000Z",
      end: "2024-09-09T03:00:00.000Z",
      hours: 167,
    });
    expect(at("isoWeek", zone, "2024-04-07T12:00:00Z")).toEqual({
      label: "2024-W14",
      start: "2024-04-01T03:00:00.000Z",
      end: "2024-04-08T04:00:00.000Z",
      hours: 169,
    });
    expect(at("month", zone, "2024-09-15T12:00:00Z")).toEqual({
      label: "2024-09",
      start: "2024-09-01T04:00:00.000Z",
      end: "2024-10-01T03:00:00.000Z",
      hours: 719,
    });
    expect(at("month", zone, "2024-04-15T12:00:00Z")).toEqual({
      label: "2024-04",
      start: "2024-04-01T03:00:00.000Z",
      end: "2024-05-01T04:00:00.000Z",
      hours: 721,
    });
  });
});

describe("Australia/Lord_Howe (half-hour changes)", () => {
  const zone = { timeZone: "Australia/Lord_Howe" };

  test("23½- and 24½-hour days", () => {
    // 2024-10-06: 02:00 (+10:30) jumps to 02:30 (+11). 2024-04-07: 02:00 (+11) back to 01:30.
    expect(at("day", zone, "2024-10-06T00:00:00Z")).toEqual({
      label: "2024-10-06",
      start: "2024-10-05T13:30:00.000Z",
      end: "2024-10-06T13:00:00.000Z",
      hours: 23.5,
    });
    expect(at("day", zone, "2024-04-07T00:00:00Z")).toEqual({
      label: "2024-04-07",
      start: "2024-04-06T13:00:00.000Z",
      end: "2024-04-07T13:30:00.000Z",
      hours: 24.5,
    });
  });
});

describe("zones without DST", () => {
  test("Kathmandu days are 24 hours from 18:15 UTC", () => {
    expect(at("day", { timeZone: "Asia/Kathmandu" }, "2024-03-10T12:00:00Z")).toEqual({
      label: "2024-03-10",
      start: "2024-03-09T18:15:00.000Z",
      end: "2024-03-10T18:15:00.000Z",
      hours: 24,
    });
  });

  test("UTC is the default zone, whatever the host's", () => {
    expect(at("day", {}, "2024-03-10T23:59:59.999Z")).toEqual({
      label: "2024-03-10",
      start: "2024-03-10T00:00:00.000Z",
      end: "2024-03-11T00:00:00.000Z",
      hours: 24,
    });
  });
});
