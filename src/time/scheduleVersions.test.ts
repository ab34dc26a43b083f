import { describe, expect, test } from "vitest";
import type { ScheduleInput } from "./schedule.ts";
import { SchedulesSchema, scheduleVersions } from "./scheduleVersions.ts";

const nineToFive = [{ start: "09:00", end: "17:00" }];

describe("scheduleVersions", () => {
  const version = (validFrom?: string, validUntil?: string): ScheduleInput => ({
    timeZone: "UTC",
    weekly: { monday: nineToFive },
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
  });

  test("builds, checks and sorts versions by validity", () => {
    const versions = scheduleVersions([version("2024-07-01"), version(undefined, "2024-07-01")]);
    expect(versions.map((v) => v.validFrom)).toEqual([-Infinity, Date.UTC(2024, 6, 1)]);
    expect(Object.isFrozen(versions)).toBe(true);
  });

  test("refuses overlapping validity periods", () => {
    expect(() =>
      scheduleVersions([version(undefined, "2024-07-01"), version("2024-06-01")]),
    ).toThrow(
      new RangeError(
        "scheduleVersions: versions[1] must not overlap versions[0] in validity, got 2024-06-01T00:00:00.000Z–Infinity and -Infinity–2024-07-01T00:00:00.000Z",
      ),
    );
  });

  test("refuses a list that is not an array", () => {
    expect(() => scheduleVersions({ timeZone: "UTC", weekly: {} } as never)).toThrow(
      new TypeError("scheduleVersions: versions must be an array of schedules, got an object"),
    );
  });

  test("names the version with a bad field", () => {
    expect(() => scheduleVersions([version(), { timeZone: "Nowhere", weekly: {} }])).toThrow(
      'scheduleVersions: versions[1].timeZone must be an IANA time zone name, got "Nowhere"',
    );
  });
});

describe("SchedulesSchema", () => {
  test("SchedulesSchema takes one schedule or versions, and reports overlaps", () => {
    expect(SchedulesSchema.parse({ timeZone: "UTC", weekly: {} })).toMatchObject({
      timeZone: "UTC",
    });
    const versions = SchedulesSchema.parse([
      { timeZone: "UTC", weekly: {}, validFrom: "2024-01-01" },
      { timeZone: "UTC", weekly: {}, validUntil: "2024-01-01" },
    ]) as readonly { validFrom: number }[];
    expect(versions.map((v) => v.validFrom)).toEqual([-Infinity, Date.UTC(2024, 0, 1)]);
    const bad = SchedulesSchema.safeParse([{ timeZone: "UTC", weekly: { sunday: 1 } }]);
    expect(bad.error?.issues[0]?.path).toEqual([0, "weekly", "sunday"]);
  });

  test("reports overlapping versions on the later one's validFrom", () => {
    const bad = SchedulesSchema.safeParse([
      { timeZone: "UTC", weekly: {}, validUntil: "2024-07-01" },
      { timeZone: "UTC", weekly: {}, validFrom: "2024-06-01" },
    ]);
    expect(bad.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        [1, "validFrom"],
        "must not overlap schedule 0 in validity, got 2024-06-01T00:00:00.000Z–Infinity and -Infinity–2024-07-01T00:00:00.000Z",
      ],
    ]);
  });
});
