import { describe, expect, test } from "vitest";
import { arrivalPattern } from "./arrivals.ts";

const find = (pattern: ReturnType<typeof arrivalPattern>, weekday: string, start: string) =>
  pattern.rows.find((row) => row.weekday === weekday && row.start === start);

describe("arrivalPattern", () => {
  test("averages each interval over the times it occurred", () => {
    // Two Mondays in the range; 09:05, 09:20 and 09:55 on the first, 09:40 on the second:
    // 4 calls in the Monday 09:00 hour over 2 occurrences = 2 per Monday
    const pattern = arrivalPattern(
      ["2024-03-04T09:05", "2024-03-04T09:20", "2024-03-04T09:55", "2024-03-11T09:40"],
      { timeZone: "Europe/Paris", range: { start: "2024-03-04", end: "2024-03-18" } },
    );
    expect(find(pattern, "monday", "09:00")).toEqual({
      weekday: "monday",
      start: "09:00",
      contacts: 2,
      total: 4,
      occurrences: 2,
    });
    expect(find(pattern, "monday", "10:00")).toMatchObject({ contacts: 0, occurrences: 2 });
    expect(pattern).toMatchObject({
      timeZone: "Europe/Paris",
      intervalMinutes: 60,
      range: { start: "2024-03-03T23:00:00.000Z", end: "2024-03-17T23:00:00.000Z" },
      counted: 4,
      excluded: { noInstant: 0, unreadable: 0, outsideRange: 0 },
    });
  });

  test("lists every interval of the week, Monday 00:00 first", () => {
    const pattern = arrivalPattern([], { intervalMinutes: 15 });
    expect(pattern.rows).toHaveLength(7 * 96);
    expect(pattern.rows[0]).toMatchObject({ weekday: "monday", start: "00:00" });
    expect(pattern.rows[1]).toMatchObject({ weekday: "monday", start: "00:15" });
    expect(pattern.rows.at(-1)).toMatchObject({ weekday: "sunday", start: "23:45" });
  });

  test("counts weeks per weekday: three Mondays but two Thursdays from a Monday to a Wednesday", () => {
    // 2024-03-04 (Monday) to 2024-03-20 (Wednesday), whole days taken from the data
    const pattern = arrivalPattern(["2024-03-04T08:00:00Z", "2024-03-20T17:00:00Z"]);
    expect(pattern.range).toEqual({
      start: "2024-03-04T00:00:00.000Z",
      end: "2024-03-21T00:00:00.000Z",
    });
    expect(find(pattern, "monday", "08:00")).toMatchObject({ total: 1, occurrences: 3 });
    expect(find(pattern, "monday", "08:00")?.contacts).toBeCloseTo(1 / 3, 15);
    expect(find(pattern, "wednesday", "17:00")).toMatchObject({ occurrences: 3 });
    expect(find(pattern, "thursday", "12:00")).toMatchObject({ contacts: 0, occurrences: 2 });
  });

  test("reads weekdays and hours on the zone's wall clock", () => {
    // 23:30 UTC on Sunday 3 March is 08:30 on Monday 4 March in Tokyo (UTC+9)
    const pattern = arrivalPattern([new Date("2024-03-03T23:30:00Z")], {
      timeZone: "Asia/Tokyo",
      intervalMinutes: 30,
    });
    expect(find(pattern, "monday", "08:30")).toMatchObject({ total: 1, occurrences: 1 });
    expect(pattern.counted).toBe(1);
  });

  test("an interval skipped by the spring-forward change does not occur that day", () => {
    // Berlin, Sunday 31 March 2024: 02:00 jumps to 03:00. One week from Monday 25 March.
    const pattern = arrivalPattern([], {
      timeZone: "Europe/Berlin",
      range: { start: "2024-03-25", end: "2024-04-01" },
    });
    expect(find(pattern, "sunday", "02:00")).toMatchObject({ occurrences: 0, contacts: null });
    expect(find(pattern, "sunday", "03:00")).toMatchObject({ occurrences: 1, contacts: 0 });
    // 7 × 24 hours less the skipped one
    expect(pattern.rows.reduce((sum, row) => sum + row.occurrences, 0)).toBe(167);
  });

  test("an interval repeated when clocks go back occurs twice", () => {
    // Berlin, Sunday 27 October 2024: 03:00 goes back to 02:00, so 02:00–03:00 happens twice.
    // One call in each of them: 2 calls over 2 occurrences = 1 per occurrence.
    const pattern = arrivalPattern(["2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z"], {
      timeZone: "Europe/Berlin",
      range: { start: "2024-10-21", end: "2024-10-28" },
    });
    expect(find(pattern, "sunday", "02:00")).toMatchObject({
      total: 2,
      occurrences: 2,
      contacts: 1,
    });
    expect(pattern.rows.reduce((sum, row) => sum + row.occurrences, 0)).toBe(169);
  });

  test("a day whose midnight is skipped starts at its first instant", () => {
    // Santiago, Sunday 8 September 2024: 00:00 jumps to 01:00 (UTC−4 to UTC−3)
    const pattern = arrivalPattern(["2024-09-08T12:00:00Z"], { timeZone: "America/Santiago" });
    expect(pattern.range).toEqual({
      start: "2024-09-08T04:00:00.000Z",
      end: "2024-09-09T03:00:00.000Z",
    });
    expect(find(pattern, "sunday", "00:00")).toMatchObject({ occurrences: 0 });
    expect(find(pattern, "sunday", "01:00")).toMatchObject({ occurrences: 1 });
  });

  test("counts what it leaves out, by reason", () => {
    const pattern = arrivalPattern(
      [null, undefined, "yesterday", "2024-01-01T10:00:00Z", "2024-03-05T10:00:00Z"],
      { range: { start: "2024-03-04", end: "2024-03-11" } },
    );
    expect(pattern.counted).toBe(1);
    expect(pattern.excluded).toEqual({ noInstant: 2, unreadable: 1, outsideRange: 1 });
  });

  test("with no instants and no range nothing is known", () => {
    const pattern = arrivalPattern([]);
    expect(pattern.range).toBeNull();
    expect(pattern.rows.every((row) => row.contacts === null && row.occurrences === 0)).toBe(true);
  });

  test("rejects options it cannot honour", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => arrivalPattern([], { intervalMinutes: 20 })).toThrow(
      new RangeError("arrivalPattern: intervalMinutes must be one of 15, 30, 60, got 20"),
    );
    expect(() => arrivalPattern([], { timeZone: "Mars/Olympus" })).toThrow(
      'arrivalPattern: timeZone must be an IANA time zone name, got "Mars/Olympus"',
    );
    expect(() => arrivalPattern([], { range: { start: "2024-03-11", end: "2024-03-04" } })).toThrow(
      "arrivalPattern: range.end must be after range.start, got 2024-03-04T00:00:00.000Z",
    );
    expect(() =>
      arrivalPattern([], { range: { start: "1900-01-01T00:00:00Z", end: "2024-03-04T00:00:00Z" } }),
    ).toThrow(
      "arrivalPattern: range must span at most 36525 days, got 1900-01-01T00:00:00.000Z to 2024-03-04T00:00:00.000Z",
    );
    expect(() => arrivalPattern([0, "9999-01-01T00:00:00Z"])).toThrow(
      "arrivalPattern: instants must span at most 36525 days unless range is given, got 1970-01-01T00:00:00.000Z to 9999-01-01T00:00:00.000Z",
    );
    expect(() => arrivalPattern([], { range: { start: "soon", end: "2024-03-04" } })).toThrow(
      'arrivalPattern: range.start must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "soon"',
    );
  });
});
