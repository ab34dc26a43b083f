import { describe, expect, test } from "vitest";
import { businessDuration } from "./businessTime.ts";
import { type ScheduleInput, schedule } from "./schedule.ts";
import { ScheduleSchema } from "./scheduleSchema.ts";

const nineToFive = [{ start: "09:00", end: "17:00" }];

/** The message `schedule(input)` throws, with the error's class. */
function refusal(input: unknown): string {
  try {
    schedule(input as ScheduleInput);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return "accepted";
}

describe("schedule: what it builds", () => {
  test("lists every weekday, sorts ranges, and opens validity by default", () => {
    const built = schedule({
      timeZone: "Europe/Berlin",
      weekly: {
        monday: [
          { start: "13:00", end: "18:00" },
          { start: "09:00", end: "12:00" },
        ],
      },
    });
    expect(built).toEqual({
      timeZone: "Europe/Berlin",
      weekly: {
        monday: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "18:00" },
        ],
        tuesday: [],
        wednesday: [],
        thursday: [],
        friday: [],
        saturday: [],
        sunday: [],
      },
      holidays: [],
      closures: [],
      validFrom: Number.NEGATIVE_INFINITY,
      validUntil: Number.POSITIVE_INFINITY,
    });
    expect("name" in built).toBe(false);
  });

  test("is frozen all the way down", () => {
    const built = schedule({ timeZone: "UTC", weekly: { monday: nineToFive }, name: "EMEA" });
    expect(Object.isFrozen(built)).toBe(true);
    expect(Object.isFrozen(built.weekly)).toBe(true);
    expect(Object.isFrozen(built.weekly.monday)).toBe(true);
    expect(Object.isFrozen(built.weekly.monday[0])).toBe(true);
    expect(built.name).toBe("EMEA");
  });

  test("returns a built schedule unchanged, and rebuilds an equal copy the same", () => {
    const built = schedule({ timeZone: "UTC", weekly: { monday: nineToFive } });
    expect(schedule(built)).toBe(built);
    expect(schedule({ ...built })).toEqual(built);
  });

  test("fixes the case of a zone name", () => {
    expect(schedule({ timeZone: "europe/berlin", weekly: {} }).timeZone).toBe("Europe/Berlin");
  });

  test("sorts holidays, drops repeated dates and keeps names", () => {
    const built = schedule({
      timeZone: "UTC",
      weekly: {},
      holidays: [
        { date: "2024-12-26" },
        { date: "2024-12-25", name: "Christmas" },
        { date: "2024-12-26", name: "again" },
      ],
    });
    expect(built.holidays).toEqual([
      { date: "2024-12-25", name: "Christmas" },
      { date: "2024-12-26" },
    ]);
  });

  test("reads closures and validity as instants, zone-less times in the schedule's zone", () => {
    const built = schedule({
      timeZone: "America/New_York",
      weekly: {},
      closures: [
        // 2024-07-04 is EDT (UTC−4): local 13:00 → 17:00Z.
        { start: "2024-07-04T13:00", end: "2024-07-05", name: "Independence Day afternoon" },
        { start: new Date("2024-01-01T00:00:00Z"), end: Date.UTC(2024, 0, 2) },
      ],
      // Local midnight of 2024-03-01 is 05:00Z (EST, UTC−5).
      validFrom: "2024-03-01",
      validUntil: "2025-03-01T00:00:00+00:00",
    });
    expect(built.closures).toEqual([
      { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 0, 2) },
      {
        start: Date.UTC(2024, 6, 4, 17),
        end: Date.UTC(2024, 6, 5, 4),
        name: "Independence Day afternoon",
      },
    ]);
    expect(built.validFrom).toBe(Date.UTC(2024, 2, 1, 5));
    expect(built.validUntil).toBe(Date.UTC(2025, 2, 1));
  });

  test("accepts end 24:00, and a range ending at or before its start runs past midnight", () => {
    const built = schedule({
      timeZone: "UTC",
      weekly: {
        monday: [{ start: "18:00", end: "24:00" }],
        tuesday: [{ start: "00:00", end: "06:00" }],
        friday: [{ start: "22:00", end: "06:00" }],
        sunday: [{ start: "09:00", end: "09:00" }],
      },
    });
    // Sunday 09:00 → Monday 09:00 is one 24-hour range, touching nothing else.
    expect(built.weekly.sunday).toEqual([{ start: "09:00", end: "09:00" }]);
    // Monday 2024-03-04 00:00Z to Tuesday 00:00Z: 9 h (Sunday's range) + 6 h = 15 h.
    expect(businessDuration(Date.UTC(2024, 2, 4), Date.UTC(2024, 2, 5), built)).toBe(15 * 3600);
  });

  test("lets ranges touch (end equal to the next start)", () => {
    expect(
      refusal({
        timeZone: "UTC",
        weekly: {
          monday: [
            { start: "09:00", end: "12:00" },
            { start: "12:00", end: "17:00" },
          ],
          sunday: [{ start: "20:00", end: "09:00" }],
        },
      }),
    ).toBe("accepted");
  });
});

describe("schedule: what it refuses", () => {
  test("an unknown zone", () => {
    expect(refusal({ timeZone: "Mars/Olympus", weekly: {} })).toBe(
      'RangeError: schedule: timeZone must be an IANA time zone name, got "Mars/Olympus"',
    );
    expect(refusal({ weekly: {} })).toBe(
      "TypeError: schedule: timeZone must be an IANA time zone name, got undefined",
    );
  });

  test("overlapping ranges within a day", () => {
    expect(
      refusal({
        timeZone: "UTC",
        weekly: {
          monday: [
            { start: "09:00", end: "12:00" },
            { start: "11:00", end: "13:00" },
          ],
        },
      }),
    ).toBe(
      "RangeError: schedule: weekly.monday[1] must not overlap weekly.monday[0], got 11:00–13:00 and 09:00–12:00",
    );
    // The same range twice.
    expect(
      refusal({ timeZone: "UTC", weekly: { monday: [...nineToFive, ...nineToFive] } }),
    ).toMatch(/weekly\.monday\[1\] must not overlap weekly\.monday\[0\]/);
  });

  test("a range crossing midnight into the next day's ranges, Sunday into Monday too", () => {
    expect(
      refusal({
        timeZone: "UTC",
        weekly: {
          friday: [{ start: "22:00", end: "06:00" }],
          saturday: [{ start: "05:00", end: "09:00" }],
        },
      }),
    ).toBe(
      "RangeError: schedule: weekly.saturday[0] must not overlap weekly.friday[0], got 05:00–09:00 and 22:00–06:00 (into saturday)",
    );
    expect(
      refusal({
        timeZone: "UTC",
        weekly: {
          monday: [{ start: "05:00", end: "09:00" }],
          sunday: [{ start: "22:00", end: "06:00" }],
        },
      }),
    ).toBe(
      "RangeError: schedule: weekly.sunday[0] must not overlap weekly.monday[0], got 22:00–06:00 (into monday) and 05:00–09:00",
    );
  });

  test("malformed times", () => {
    const at = (start: unknown, end: unknown) =>
      refusal({ timeZone: "UTC", weekly: { tuesday: [{ start, end }] } });
    expect(at("9:00", "17:00")).toBe(
      'RangeError: schedule: weekly.tuesday[0].start must be a time "HH:mm" from "00:00" to "23:59", got "9:00"',
    );
    expect(at("24:00", "17:00")).toMatch(
      /start must be a time "HH:mm" from "00:00" to "23:59", got "24:00"/,
    );
    expect(at("09:00", "24:30")).toBe(
      'RangeError: schedule: weekly.tuesday[0].end must be a time "HH:mm" from "00:00" to "24:00", got "24:30"',
    );
    expect(at("09:60", "17:00")).toMatch(/got "09:60"/);
    expect(at(900, "17:00")).toBe(
      'TypeError: schedule: weekly.tuesday[0].start must be a time "HH:mm" from "00:00" to "23:59", got 900',
    );
    expect(refusal({ timeZone: "UTC", weekly: { tuesday: ["09:00-17:00"] } })).toBe(
      'TypeError: schedule: weekly.tuesday[0] must be a range { start: "HH:mm", end: "HH:mm" }, got "09:00-17:00"',
    );
    expect(refusal({ timeZone: "UTC", weekly: { tuesday: nineToFive[0] } })).toBe(
      "TypeError: schedule: weekly.tuesday must be an array of { start, end } ranges, got an object",
    );
  });

  test("unknown weekdays and options (typos)", () => {
    expect(refusal({ timeZone: "UTC", weekly: { mon: nineToFive } })).toBe(
      'TypeError: schedule: weekly must name weekdays among monday, tuesday, wednesday, thursday, friday, saturday, sunday, got "mon"',
    );
    expect(refusal({ timeZone: "UTC", weekly: {}, holiday: [] })).toBe(
      'TypeError: schedule: input must have only timeZone, weekly, holidays, closures, validFrom, validUntil and name, got "holiday"',
    );
    expect(refusal({ timeZone: "UTC" })).toMatch(/^TypeError: schedule: weekly must be an object/);
    expect(refusal(null)).toBe("TypeError: schedule: input must be an object, got null");
  });

  test("a misspelt option is reported before the missing one it stands for", () => {
    expect(refusal({ timeZone: "UTC", weeklyy: { monday: nineToFive } })).toBe(
      'TypeError: schedule: input must have only timeZone, weekly, holidays, closures, validFrom, validUntil and name, got "weeklyy"',
    );
  });

  test("malformed or impossible holiday dates", () => {
    const holiday = (date: unknown) =>
      refusal({ timeZone: "UTC", weekly: {}, holidays: [{ date }] });
    expect(holiday("2023-02-29")).toBe(
      'RangeError: schedule: holidays[0].date must be a real date "YYYY-MM-DD", got "2023-02-29"',
    );
    expect(holiday("2024-02-29")).toBe("accepted");
    expect(holiday("25/12/2024")).toMatch(/holidays\[0\]\.date must be a real date/);
    expect(holiday(new Date())).toMatch(/^TypeError: schedule: holidays\[0\]\.date/);
  });

  test("closures that end before (or when) they start, and unreadable instants", () => {
    expect(
      refusal({
        timeZone: "UTC",
        weekly: {},
        closures: [{ start: "2024-05-02T12:00Z", end: "2024-05-02T09:00Z" }],
      }),
    ).toBe(
      "RangeError: schedule: closures[0].end must be after closures[0].start, got 2024-05-02T09:00:00.000Z for a start at 2024-05-02T12:00:00.000Z",
    );
    expect(
      refusal({ timeZone: "UTC", weekly: {}, closures: [{ start: "tomorrow", end: 0 }] }),
    ).toMatch(/^RangeError: schedule: closures\[0\]\.start must be an ISO 8601 timestamp/);
    expect(refusal({ timeZone: "UTC", weekly: {}, closures: [{ start: 0 }] })).toBe(
      "TypeError: schedule: closures[0].end is required",
    );
  });

  test("validity that ends before it starts", () => {
    expect(
      refusal({ timeZone: "UTC", weekly: {}, validFrom: "2024-06-01", validUntil: "2024-01-01" }),
    ).toBe(
      "RangeError: schedule: validUntil must be after validFrom, got 2024-01-01T00:00:00.000Z for validFrom 2024-06-01T00:00:00.000Z",
    );
    expect(refusal({ timeZone: "UTC", weekly: {}, validFrom: "2024-13-01" })).toMatch(
      /^RangeError: schedule: validFrom is not a real date and time/,
    );
  });
});

describe("ScheduleSchema", () => {
  test("marks out-of-range issues apart from wrong kinds, and passes a built schedule", () => {
    const result = ScheduleSchema.safeParse({
      timeZone: "UTC",
      weekly: { friday: [{ start: "25:00", end: 1700 }] },
    });
    // "25:00" has the right kind (a string) but is out of range; 1700 is not a string at all.
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.code])).toEqual([
      ["weekly.friday.0.start", "custom"],
      ["weekly.friday.0.end", "invalid_type"],
    ]);
    const built = schedule({ timeZone: "UTC", weekly: {} });
    expect(ScheduleSchema.parse(built)).toBe(built);
  });

  test("parse unknown input into a schedule", () => {
    const parsed = ScheduleSchema.parse({ timeZone: "UTC", weekly: { friday: nineToFive } });
    expect(parsed.weekly.friday).toEqual(nineToFive);
  });

  test("report every problem as an issue with its path", () => {
    const result = ScheduleSchema.safeParse({
      timeZone: "Nowhere",
      weekly: { monday: [{ start: "9", end: "17:00" }] },
      holidays: [{ date: "2024-02-30" }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["timeZone", 'must be an IANA time zone name, got "Nowhere"'],
      ["weekly.monday.0.start", 'must be a time "HH:mm" from "00:00" to "23:59", got "9"'],
      ["holidays.0.date", 'must be a real date "YYYY-MM-DD", got "2024-02-30"'],
    ]);
  });
});
