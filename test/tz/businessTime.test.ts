/**
 * Business time across daylight-saving changes, with every expected value worked out by hand
 * from the zones' rules (tzdata); the comments give local wall times and UTC instants. The
 * suite runs under several host zones (TZ=UTC, America/New_York, Europe/London): nothing here
 * may depend on the host.
 *
 * The rule under test: an instant is working time when its local wall-clock time lies in a
 * working range. So the part of a range inside a skipped hour never happens, and the part
 * inside a repeated hour happens twice.
 */
import { describe, expect, test } from "vitest";
import { addBusinessTime, businessDuration, nextOpening } from "../../src/time/businessTime.ts";
import { type ScheduleInput, schedule, type Weekday } from "../../src/time/schedule.ts";

const HOUR = 3600; // seconds
const ALL: Weekday[] = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

/** The same ranges every day of the week. */
function daily(timeZone: string, ranges: { start: string; end: string }[]) {
  return schedule({
    timeZone,
    weekly: Object.fromEntries(ALL.map((day) => [day, ranges])) as ScheduleInput["weekly"],
  });
}

const utc = (iso: string) => Date.parse(iso);

describe("Europe/Berlin, spring forward (Sunday 2024-03-31, 02:00 CET → 03:00 CEST at 01:00Z)", () => {
  const zone = "Europe/Berlin";

  test("a round-the-clock schedule counts the day's 23 real hours", () => {
    // 00:00 CET = 03-30T23:00Z … 24:00 CEST = 03-31T22:00Z: 23 h.
    const always = daily(zone, [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-03-30T23:00Z"), utc("2024-03-31T22:00Z"), always)).toBe(
      23 * HOUR,
    );
  });

  test("a range across the gap loses the skipped hour", () => {
    // 01:00–04:00: 01:00 → 02:00 CET (00:00Z → 01:00Z) and 03:00 → 04:00 CEST (01:00Z → 02:00Z): 2 h.
    const early = daily(zone, [{ start: "01:00", end: "04:00" }]);
    expect(businessDuration(utc("2024-03-30T22:00Z"), utc("2024-03-31T22:00Z"), early)).toBe(
      2 * HOUR,
    );
  });

  test("a range inside the gap never happens that day", () => {
    // 02:15–02:45 does not exist on the 31st; the next opening is Monday 02:15 CEST (00:15Z).
    const gap = daily(zone, [{ start: "02:15", end: "02:45" }]);
    expect(businessDuration(utc("2024-03-30T23:00Z"), utc("2024-03-31T22:00Z"), gap)).toBe(0);
    expect(nextOpening(utc("2024-03-30T23:00Z"), gap)).toEqual(new Date("2024-04-01T00:15:00Z"));
  });

  test("a range starting inside the gap opens when the clock jumps past its start", () => {
    // 02:30–06:00: the first wall time at or after 02:30 is 03:00 CEST (01:00Z); to 06:00
    // CEST (04:00Z): 3 h.
    const shift = daily(zone, [{ start: "02:30", end: "06:00" }]);
    expect(nextOpening(utc("2024-03-30T23:00Z"), shift)).toEqual(new Date("2024-03-31T01:00:00Z"));
    expect(businessDuration(utc("2024-03-30T23:00Z"), utc("2024-03-31T22:00Z"), shift)).toBe(
      3 * HOUR,
    );
  });

  test("a night shift over the change is an hour shorter", () => {
    // Saturday 22:00 CET (21:00Z) → Sunday 06:00 CEST (04:00Z): 8 wall hours, 7 real.
    const nights = daily(zone, [{ start: "22:00", end: "06:00" }]);
    expect(businessDuration(utc("2024-03-30T20:00Z"), utc("2024-03-31T06:00Z"), nights)).toBe(
      7 * HOUR,
    );
  });

  test("a weekday schedule: the change on a closed Sunday does not show", () => {
    // Mon–Fri 09:00–18:00. Friday 29th 17:00 CET → Monday 1 April 10:00 CEST: 1 h + 1 h = 2 h,
    // though the calendar span is 64 h (65 wall hours).
    const office = schedule({
      timeZone: zone,
      weekly: Object.fromEntries(
        ALL.slice(0, 5).map((day) => [day, [{ start: "09:00", end: "18:00" }]]),
      ) as ScheduleInput["weekly"],
    });
    expect(businessDuration(utc("2024-03-29T16:00Z"), utc("2024-04-01T08:00Z"), office)).toBe(
      2 * HOUR,
    );
    // Adding 1 h 30 min at Friday 17:00 ends Monday 09:30 CEST (07:30Z).
    expect(addBusinessTime(utc("2024-03-29T16:00Z"), 1.5 * HOUR, office)).toEqual(
      new Date("2024-04-01T07:30:00Z"),
    );
  });
});

describe("Europe/Berlin, fall back (Sunday 2024-10-27, 03:00 CEST → 02:00 CET at 01:00Z)", () => {
  const zone = "Europe/Berlin";

  test("a round-the-clock schedule counts the day's 25 real hours", () => {
    // 00:00 CEST = 10-26T22:00Z … 24:00 CET = 10-27T23:00Z: 25 h.
    const always = daily(zone, [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-10-26T22:00Z"), utc("2024-10-27T23:00Z"), always)).toBe(
      25 * HOUR,
    );
  });

  test("01:30–03:00 lasts 2.5 real hours: the repeated hour counts twice", () => {
    // 01:30 CEST (23:30Z) → 03:00 CEST = 02:00 CET (01:00Z) → 03:00 CET (02:00Z): 2.5 h.
    const early = daily(zone, [{ start: "01:30", end: "03:00" }]);
    expect(businessDuration(utc("2024-10-26T22:00Z"), utc("2024-10-27T23:00Z"), early)).toBe(
      2.5 * HOUR,
    );
    // Adding 2 h at 01:30 CEST ends at 02:30 CET (01:30Z), on the second pass.
    expect(addBusinessTime(utc("2024-10-26T23:30Z"), 2 * HOUR, early)).toEqual(
      new Date("2024-10-27T01:30:00Z"),
    );
  });

  test("a range inside the repeated hour happens twice", () => {
    // 02:15–02:45: 00:15Z → 00:45Z (CEST) and 01:15Z → 01:45Z (CET): 1 h.
    const twice = daily(zone, [{ start: "02:15", end: "02:45" }]);
    expect(businessDuration(utc("2024-10-26T22:00Z"), utc("2024-10-27T23:00Z"), twice)).toBe(HOUR);
    // Between the passes it is closed: from 00:50Z the next opening is 01:15Z.
    expect(nextOpening(utc("2024-10-27T00:50Z"), twice)).toEqual(new Date("2024-10-27T01:15:00Z"));
  });

  test("a range starting inside the repeated hour pauses until the clock passes its start again", () => {
    // 02:30–06:00: 02:30 → 03:00 CEST (00:30Z → 01:00Z) = 0.5 h; the clock falls back to
    // 02:00 CET, before the start; 02:30 CET (01:30Z) → 06:00 CET (05:00Z) = 3.5 h. 4 h.
    const shift = daily(zone, [{ start: "02:30", end: "06:00" }]);
    expect(businessDuration(utc("2024-10-26T22:00Z"), utc("2024-10-27T23:00Z"), shift)).toBe(
      4 * HOUR,
    );
    expect(nextOpening(utc("2024-10-27T01:10Z"), shift)).toEqual(new Date("2024-10-27T01:30:00Z"));
  });

  test("a night shift over the change is an hour longer", () => {
    // Saturday 22:00 CEST (20:00Z) → Sunday 06:00 CET (05:00Z): 8 wall hours, 9 real.
    const nights = daily(zone, [{ start: "22:00", end: "06:00" }]);
    expect(businessDuration(utc("2024-10-26T18:00Z"), utc("2024-10-27T06:00Z"), nights)).toBe(
      9 * HOUR,
    );
  });
});

describe("America/New_York, spring forward (Sunday 2024-03-10, 02:00 EST → 03:00 EDT at 07:00Z)", () => {
  const zone = "America/New_York";

  test("a round-the-clock schedule counts the day's 23 real hours", () => {
    // 00:00 EST = 05:00Z … 24:00 EDT = 03-11T04:00Z: 23 h.
    const always = daily(zone, [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-03-10T05:00Z"), utc("2024-03-11T04:00Z"), always)).toBe(
      23 * HOUR,
    );
  });

  test("09:00–17:00 every day keeps its 8 hours on the change day", () => {
    // Saturday 12:00 EST (17:00Z) → Monday 12:00 EDT (16:00Z): 5 h + 8 h + 3 h = 16 h, over a
    // calendar span of 47 h.
    const office = daily(zone, [{ start: "09:00", end: "17:00" }]);
    expect(businessDuration(utc("2024-03-09T17:00Z"), utc("2024-03-11T16:00Z"), office)).toBe(
      16 * HOUR,
    );
  });

  test("a range with one end in the gap keeps only the wall time that exists", () => {
    // 02:30–03:30: 02:30–03:00 is skipped; 03:00 → 03:30 EDT (07:00Z → 07:30Z) = 0.5 h.
    const odd = daily(zone, [{ start: "02:30", end: "03:30" }]);
    expect(businessDuration(utc("2024-03-10T05:00Z"), utc("2024-03-11T04:00Z"), odd)).toBe(
      0.5 * HOUR,
    );
  });

  test("a night shift over the change is an hour shorter", () => {
    // Saturday 22:00 EST (03:00Z) → Sunday 06:00 EDT (10:00Z): 7 h.
    const nights = daily(zone, [{ start: "22:00", end: "06:00" }]);
    expect(businessDuration(utc("2024-03-10T01:00Z"), utc("2024-03-10T12:00Z"), nights)).toBe(
      7 * HOUR,
    );
  });
});

describe("America/New_York, fall back (Sunday 2024-11-03, 02:00 EDT → 01:00 EST at 06:00Z)", () => {
  const zone = "America/New_York";

  test("a round-the-clock schedule counts the day's 25 real hours", () => {
    // 00:00 EDT = 04:00Z … 24:00 EST = 11-04T05:00Z: 25 h.
    const always = daily(zone, [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-11-03T04:00Z"), utc("2024-11-04T05:00Z"), always)).toBe(
      25 * HOUR,
    );
  });

  test("01:00–02:00 happens twice", () => {
    // 01:00 → 02:00 EDT (05:00Z → 06:00Z) and 01:00 → 02:00 EST (06:00Z → 07:00Z): 2 h.
    const repeated = daily(zone, [{ start: "01:00", end: "02:00" }]);
    expect(businessDuration(utc("2024-11-03T04:00Z"), utc("2024-11-04T05:00Z"), repeated)).toBe(
      2 * HOUR,
    );
  });

  test("a night shift over the change is an hour longer", () => {
    // Saturday 22:00 EDT (02:00Z) → Sunday 06:00 EST (11:00Z): 9 h.
    const nights = daily(zone, [{ start: "22:00", end: "06:00" }]);
    expect(businessDuration(utc("2024-11-03T00:00Z"), utc("2024-11-03T12:00Z"), nights)).toBe(
      9 * HOUR,
    );
    // Adding 8 h at 22:00 EDT ends at 05:00 EST (10:00Z), an hour before the wall clock's 06:00.
    expect(addBusinessTime(utc("2024-11-03T02:00Z"), 8 * HOUR, nights)).toEqual(
      new Date("2024-11-03T10:00:00Z"),
    );
  });
});

describe("zones with unusual changes", () => {
  test("Australia/Lord_Howe moves its clocks by 30 minutes", () => {
    // 2024-10-06: 02:00 → 02:30 (+10:30 → +11:00) at 2024-10-05T15:30Z. A round-the-clock
    // Sunday lasts 23.5 h: 00:00 +10:30 (10-05T13:30Z) → 24:00 +11:00 (10-06T13:00Z).
    const always = daily("Australia/Lord_Howe", [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-10-05T13:30Z"), utc("2024-10-06T13:00Z"), always)).toBe(
      23.5 * HOUR,
    );
    // 2024-04-07: 02:00 → 01:30 (+11:00 → +10:30) at 2024-04-06T15:00Z: 01:00–03:00 lasts 2.5 h.
    const early = daily("Australia/Lord_Howe", [{ start: "01:00", end: "03:00" }]);
    expect(businessDuration(utc("2024-04-06T13:00Z"), utc("2024-04-07T13:30Z"), early)).toBe(
      2.5 * HOUR,
    );
  });

  test("America/Santiago changes at midnight", () => {
    // 2024-09-08: 00:00 −04 jumps to 01:00 −03 (at 04:00Z), so the day starts at 01:00.
    // A round-the-clock Sunday lasts 23 h: 01:00 −03 (04:00Z) → 24:00 −03 (09-09T03:00Z).
    const always = daily("America/Santiago", [{ start: "00:00", end: "24:00" }]);
    expect(businessDuration(utc("2024-09-08T04:00Z"), utc("2024-09-09T03:00Z"), always)).toBe(
      23 * HOUR,
    );
    // 2024-04-07 (Sunday): at 24:00 −03 on Saturday (03:00Z) the clock falls back to 23:00 −04
    // on Saturday. A Saturday-only 23:00–24:00 range happens twice: 02:00Z → 04:00Z, 2 h.
    const late = schedule({
      timeZone: "America/Santiago",
      weekly: { saturday: [{ start: "23:00", end: "24:00" }] },
    });
    expect(businessDuration(utc("2024-04-06T12:00Z"), utc("2024-04-07T12:00Z"), late)).toBe(
      2 * HOUR,
    );
    // A holiday on Sunday 8 September closes the whole 23-hour day.
    const closed = schedule({
      timeZone: "America/Santiago",
      weekly: { sunday: [{ start: "00:00", end: "24:00" }] },
      holidays: [{ date: "2024-09-08" }],
    });
    expect(businessDuration(utc("2024-09-07T00:00Z"), utc("2024-09-10T00:00Z"), closed)).toBe(0);
  });
});

describe("the host's own zone does not matter", () => {
  test("the same schedule gives the same answers whatever TZ the process runs in", () => {
    // Recorded under TZ=America/New_York, UTC and Europe/London: the fall-back day in London
    // (2024-10-27, 02:00 BST → 01:00 GMT at 01:00Z) with 00:30–02:00 lasts 2.5 h.
    const london = daily("Europe/London", [{ start: "00:30", end: "02:00" }]);
    expect(businessDuration(utc("2024-10-26T23:00Z"), utc("2024-10-28T00:00Z"), london)).toBe(
      2.5 * HOUR,
    );
    expect(nextOpening(utc("2024-10-26T23:00Z"), london)).toEqual(new Date("2024-10-26T23:30:00Z"));
  });
});
