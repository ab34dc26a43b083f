import { describe, expect, test } from "vitest";
import { oneDuration } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { hoursChangedOnMonday, weekdays } from "../../../test/schedules.ts";
import { change, noStatusTimeExclusions } from "../../../test/statusChanges.ts";
import { schedule } from "../../time/schedule.ts";
import { agentWaitTime, agentWaitTimeReducer } from "./agentWaitTime.ts";

const none = noStatusTimeExclusions;

// Created Friday 2024-03-01 16:00, open; pending 17:00 → Monday 10:00; solved Monday 11:00.
const weekend = ticket({
  createdAt: "2024-03-01T16:00:00Z",
  statusChanges: [
    change("open", "2024-03-01T16:00:00Z"),
    change("pending", "2024-03-01T17:00:00Z"),
    change("open", "2024-03-04T10:00:00Z"),
    change("solved", "2024-03-04T11:00:00Z"),
  ],
});

describe("agentWaitTime", () => {
  test("sums the time pending until the latest resolution", () => {
    // pending 10:00 → 12:00 (7200) and 14:00 → 14:30 (1800) = 9000 s
    const waited = ticket({
      statusChanges: [
        change("open", "09:00:00"),
        change("pending", "10:00:00"),
        change("open", "12:00:00"),
        change("pending", "14:00:00"),
        change("solved", "14:30:00"),
      ],
    });
    expect(agentWaitTime([waited])).toEqual(oneDuration(9000, none));
  });

  test("has no value with no ticket, and a ticket never pending counts with 0 s", () => {
    expect(agentWaitTime([])).toMatchObject({ value: null, n: 0, excluded: none });
    const direct = ticket({
      statusChanges: [change("open", "09:00:00"), change("solved", "10:00:00")],
    });
    expect(agentWaitTime([direct])).toMatchObject({ value: 0, n: 1 });
  });

  test("a ticket pending over a weekend waits only working hours in business time", () => {
    // business: Friday 17:00–18:00 (3600) + Monday 09:00–10:00 (3600) = 7200 s
    // calendar: Friday 17:00 → Monday 10:00 = 3 days − 7 h = 65 h = 234000 s
    expect(agentWaitTime([weekend], { schedule: weekdays("09:00", "18:00") }).value).toBe(7200);
    expect(agentWaitTime([weekend]).value).toBe(234000);
  });

  test("a holiday inside the pending stay does not count", () => {
    // Monday 2024-03-04 a holiday: Friday 17:00–18:00 only = 3600 s
    const day = [{ start: "09:00", end: "18:00" }];
    const withHoliday = schedule({
      timeZone: "Europe/London",
      weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
      holidays: [{ date: "2024-03-04", name: "Closed" }],
    });
    expect(agentWaitTime([weekend], { schedule: withHoliday }).value).toBe(3600);
  });

  test("excludes a ticket no schedule version covers as noSchedule", () => {
    const fromMonday = weekdays("09:00", "18:00", { validFrom: "2024-03-04T00:00" });
    expect(agentWaitTime([weekend], { schedule: fromMonday })).toMatchObject({
      value: null,
      excluded: { ...none, noSchedule: 1 },
    });
  });

  test("the two schedule rules differ when the schedule changes during a pending stay", () => {
    // Until Monday 00:00 09:00–18:00, then 08:00–17:00; pending Friday 17:00 → Monday 10:00.
    const versions = hoursChangedOnMonday();
    // perSegment: Friday 17:00–18:00 (old hours, 3600) + Monday 08:00–10:00 (new, 7200) = 10800
    expect(agentWaitTime([weekend], { schedule: versions }).value).toBe(10800);
    // atEvent (Zendesk: the schedule when the stay ended, Monday): Friday 17:00–17:00 (0)
    // + Monday 08:00–10:00 (7200) = 7200
    expect(agentWaitTime([weekend], { schedule: versions, scheduleRule: "atEvent" }).value).toBe(
      7200,
    );
  });

  test("counts real seconds across the New York spring DST change", () => {
    // 2024-03-10: pending 01:30 EST (06:30 UTC) → 03:30 EDT (07:30 UTC) = 3600 s
    const spring = ticket({
      createdAt: "2024-03-10T01:00:00-05:00",
      statusChanges: [
        change("pending", "2024-03-10T01:30:00-05:00"),
        change("open", "2024-03-10T03:30:00-04:00"),
        change("solved", "2024-03-10T04:00:00-04:00"),
      ],
    });
    expect(agentWaitTime([spring]).value).toBe(3600);
    // All-day business hours on Sundays: business time is the same real hour
    const sundays = schedule({
      timeZone: "America/New_York",
      weekly: { sunday: [{ start: "00:00", end: "24:00" }] },
    });
    expect(agentWaitTime([spring], { schedule: sundays }).value).toBe(3600);
  });

  test("is placed by the resolution and names itself in its errors", () => {
    expect(agentWaitTimeReducer().timeOf(weekend)).toEqual(new Date("2024-03-04T11:00:00Z"));
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => agentWaitTime([], { scheduleRule: "latest" })).toThrow(
      new RangeError(
        'agentWaitTime: scheduleRule must be one of perSegment, atEvent, got "latest"',
      ),
    );
  });
});
