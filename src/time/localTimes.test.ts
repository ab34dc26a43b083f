import { describe, expect, test } from "vitest";
import { clockText, dateText, dayNumber, minutesOf, WEEKDAYS } from "./localTimes.ts";

describe("minutesOf and clockText", () => {
  test("read and write HH:mm from 00:00 to 24:00", () => {
    // 09:30 → 9 × 60 + 30 = 570; 24:00 → 1440
    expect(["00:00", "09:30", "23:59", "24:00"].map(minutesOf)).toEqual([0, 570, 1439, 1440]);
    expect([0, 570, 1439, 1440].map(clockText)).toEqual(["00:00", "09:30", "23:59", "24:00"]);
  });

  test("refuse anything else with -1", () => {
    expect(
      ["9:30", "24:01", "25:00", "09:60", "0930", " 09:30", "", 570, null].map(minutesOf),
    ).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1]);
  });
});

describe("dayNumber and dateText", () => {
  test("count days from 1970-01-01, and back", () => {
    // 2024-03-01 is 19 783 days after 1970-01-01 (Date.UTC(2024, 2, 1) / 86 400 000)
    expect(dayNumber("2024-03-01")).toBe(Date.UTC(2024, 2, 1) / 86_400_000);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dateText(dayNumber("2024-02-29"))).toBe("2024-02-29");
  });

  test("refuse dates that do not exist with NaN", () => {
    expect(
      ["2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "2024-1-1", 0].map(dayNumber),
    ).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });
});

test("WEEKDAYS start on Monday", () => {
  expect(WEEKDAYS[0]).toBe("monday");
  expect(WEEKDAYS).toHaveLength(7);
});
