import { describe, expect, test } from "vitest";
import { businessDuration } from "../time/businessTime.ts";
import { RAILS_TIME_ZONES, scheduleFromZendesk } from "./zendeskSchedules.ts";

describe("scheduleFromZendesk", () => {
  test("converts Zendesk's weekly intervals (minutes from Sunday 00:00) to ranges per day", () => {
    // Zendesk's documented example: Monday 09:00–17:00 is { start_time: 1980, end_time: 2460 }
    // (1440 minutes of Sunday + 540 = 1980; 1440 + 1020 = 2460). A lunch break on Tuesday:
    // 2880 + 540 = 3420 … 2880 + 720 = 3600, then 2880 + 780 = 3660 … 2880 + 1020 = 3900.
    const built = scheduleFromZendesk({
      time_zone: "Eastern Time (US & Canada)",
      intervals: [
        { start_time: 1980, end_time: 2460 },
        { start_time: 3420, end_time: 3600 },
        { start_time: 3660, end_time: 3900 },
      ],
      name: "East Coast",
    });
    expect(built.timeZone).toBe("America/New_York");
    expect(built.name).toBe("East Coast");
    expect(built.weekly.monday).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(built.weekly.tuesday).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    expect(built.weekly.sunday).toEqual([]);
  });

  test("splits an interval that runs past midnight, and one that ends the week", () => {
    // Saturday 22:00 (6 × 1440 + 1320 = 9960) to the week's end (10080), and Sunday 22:00
    // (1320) to Monday 06:00 (1440 + 360 = 1800).
    const built = scheduleFromZendesk({
      time_zone: "UTC",
      intervals: [
        { start_time: 9960, end_time: 10080 },
        { start_time: 1320, end_time: 1800 },
      ],
    });
    expect(built.weekly.saturday).toEqual([{ start: "22:00", end: "24:00" }]);
    expect(built.weekly.sunday).toEqual([{ start: "22:00", end: "24:00" }]);
    expect(built.weekly.monday).toEqual([{ start: "00:00", end: "06:00" }]);
    // Saturday 2024-03-02 22:00Z to Monday 2024-03-04 06:00Z: 2 h + 2 h + 6 h = 10 h.
    expect(businessDuration(Date.UTC(2024, 2, 2, 12), Date.UTC(2024, 2, 4, 12), built)).toBe(
      10 * 3600,
    );
  });

  test("expands holidays from start_date to end_date inclusive, keeping their names", () => {
    const built = scheduleFromZendesk({
      time_zone: "Europe/Berlin",
      intervals: [{ start_time: 1980, end_time: 2460 }],
      holidays: [{ name: "Christmas", start_date: "2024-12-24", end_date: "2024-12-26" }],
    });
    expect(built.holidays).toEqual([
      { date: "2024-12-24", name: "Christmas" },
      { date: "2024-12-25", name: "Christmas" },
      { date: "2024-12-26", name: "Christmas" },
    ]);
  });

  test("knows common Rails zone names and passes IANA names through", () => {
    for (const [rails, iana] of Object.entries(RAILS_TIME_ZONES)) {
      const zone = scheduleFromZendesk({ time_zone: rails, intervals: [] }).timeZone;
      expect(zone.toLowerCase(), rails).toBe(iana.toLowerCase());
    }
    expect(scheduleFromZendesk({ time_zone: "Asia/Kathmandu", intervals: [] }).timeZone).toMatch(
      /^Asia\/Kath?mandu$/,
    );
  });

  test("refuses what is not a Zendesk schedule, naming the field", () => {
    const refusal = (input: unknown) => {
      try {
        scheduleFromZendesk(input as never);
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return "accepted";
    };
    expect(refusal(null)).toBe(
      "TypeError: scheduleFromZendesk: schedule must be a Zendesk schedule object, got null",
    );
    expect(refusal({ time_zone: 5, intervals: [] })).toBe(
      "TypeError: scheduleFromZendesk: time_zone must be an IANA zone or a Rails zone listed in RAILS_TIME_ZONES, got 5",
    );
    expect(refusal({ time_zone: "UTC", intervals: [null] })).toBe(
      "TypeError: scheduleFromZendesk: intervals[0] must be an object { start_time, end_time }, got null",
    );
    expect(refusal({ time_zone: "UTC", intervals: [{ start_time: "0", end_time: 60 }] })).toBe(
      'TypeError: scheduleFromZendesk: intervals[0].start_time must be whole minutes from 0 to 10080, got "0"',
    );
    expect(refusal({ time_zone: "UTC", intervals: [{ start_time: 1.5, end_time: 60 }] })).toBe(
      "RangeError: scheduleFromZendesk: intervals[0].start_time must be whole minutes from 0 to 10080, got 1.5",
    );
    expect(refusal({ time_zone: "UTC", intervals: [], holidays: {} })).toBe(
      "TypeError: scheduleFromZendesk: holidays must be an array of { start_date, end_date, name }, got an object",
    );
    // 2024-01-01 to 2025-06-01 is 517 days
    expect(
      refusal({
        time_zone: "UTC",
        intervals: [],
        holidays: [{ start_date: "2024-01-01", end_date: "2025-06-01" }],
      }),
    ).toBe(
      'RangeError: scheduleFromZendesk: holidays[0] must last at most 366 days, got "2024-01-01" to "2025-06-01"',
    );
    // Intervals that overlap once converted are refused as any schedule's ranges are
    expect(
      refusal({
        time_zone: "UTC",
        intervals: [
          { start_time: 1980, end_time: 2460 },
          { start_time: 2400, end_time: 2500 },
        ],
      }),
    ).toBe(
      "RangeError: scheduleFromZendesk: weekly.monday[1] must not overlap weekly.monday[0], got 16:00–17:40 and 09:00–17:00",
    );
  });

  test("refuses unknown zones and bad intervals", () => {
    expect(() => scheduleFromZendesk({ time_zone: "Gotham", intervals: [] })).toThrow(
      new RangeError(
        'scheduleFromZendesk: time_zone must be an IANA zone or a Rails zone listed in RAILS_TIME_ZONES, got "Gotham"',
      ),
    );
    expect(() =>
      scheduleFromZendesk({ time_zone: "UTC", intervals: [{ start_time: 2460, end_time: 1980 }] }),
    ).toThrow(
      new RangeError(
        "scheduleFromZendesk: intervals[0].end_time must be after start_time, got 1980 for 2460",
      ),
    );
    expect(() =>
      scheduleFromZendesk({ time_zone: "UTC", intervals: [{ start_time: -5, end_time: 1980 }] }),
    ).toThrow(
      "scheduleFromZendesk: intervals[0].start_time must be whole minutes from 0 to 10080, got -5",
    );
    expect(() =>
      scheduleFromZendesk({
        time_zone: "UTC",
        intervals: [],
        holidays: [{ start_date: "2024-12-26", end_date: "2024-12-24" }],
      }),
    ).toThrow(/holidays\[0\]\.end_date must be a real date "YYYY-MM-DD" on or after start_date/);
  });

  test("measures business time in Zendesk's shape", () => {
    // Zendesk intervals for Mon–Fri 09:00–17:00: day d (Monday 1) runs from d × 1440 + 540
    // to d × 1440 + 1020 minutes after Sunday 00:00. Friday 2024-03-08 16:30 → Monday
    // 2024-03-11 09:30 New York time: 30 min + 30 min = 3600 s. (The DST change on Sunday
    // 10 March falls on a closed day.)
    const eastCoast = scheduleFromZendesk({
      time_zone: "Eastern Time (US & Canada)",
      intervals: [1, 2, 3, 4, 5].map((d) => ({
        start_time: d * 1440 + 540,
        end_time: d * 1440 + 1020,
      })),
    });
    expect(
      businessDuration(
        Date.parse("2024-03-08T16:30:00-05:00"),
        Date.parse("2024-03-11T09:30:00-04:00"),
        eastCoast,
      ),
    ).toBe(3600);
  });
});
