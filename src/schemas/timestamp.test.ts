import { describe, expect, test } from "vitest";
import { show } from "../reduce/arguments.ts";
import { optionalTimestamp, parseTimestamp, timestamp } from "./timestamp.ts";

const ISO_HINT = 'must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got';
const NO_OFFSET =
  "has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got";

describe("parseTimestamp: what it accepts", () => {
  test("a Date is read as its instant", () => {
    expect(parseTimestamp(new Date(Date.UTC(2024, 2, 1, 9, 30)))).toBe(Date.UTC(2024, 2, 1, 9, 30));
  });

  test("ISO 8601 with Z, in every precision", () => {
    expect(parseTimestamp("2024-03-01T09:30:00Z")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp("2024-03-01T09:30Z")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp("2024-03-01T09:30:15.123Z")).toBe(Date.UTC(2024, 2, 1, 9, 30, 15, 123));
    // A decimal comma is ISO 8601 too; ,5 s = 500 ms.
    expect(parseTimestamp("2024-03-01T09:30:15,5Z")).toBe(Date.UTC(2024, 2, 1, 9, 30, 15, 500));
    // Nanoseconds are rounded to the millisecond: .123456789 s → 123 ms.
    expect(parseTimestamp("2024-03-01T09:30:15.123456789Z")).toBe(
      Date.UTC(2024, 2, 1, 9, 30, 15, 123),
    );
    // A space instead of T, as databases write it.
    expect(parseTimestamp("2024-03-01 09:30:00Z")).toBe(Date.UTC(2024, 2, 1, 9, 30));
  });

  test("lower-case t and z (RFC 3339 allows them)", () => {
    expect(parseTimestamp("2024-03-01t09:30:00z")).toBe(Date.UTC(2024, 2, 1, 9, 30));
  });

  test("offsets written +hh:mm, +hhmm and -hh", () => {
    // 09:30 at +02:00 is 07:30 UTC; at -05 it is 14:30 UTC.
    expect(parseTimestamp("2024-03-01T09:30:00+02:00")).toBe(Date.UTC(2024, 2, 1, 7, 30));
    expect(parseTimestamp("2024-03-01T09:30:00+0200")).toBe(Date.UTC(2024, 2, 1, 7, 30));
    expect(parseTimestamp("2024-03-01T09:30:00-05")).toBe(Date.UTC(2024, 2, 1, 14, 30));
    // Kathmandu's +05:45: 09:30 − 5:45 = 03:45 UTC.
    expect(parseTimestamp("2024-03-01T09:30:00+05:45")).toBe(Date.UTC(2024, 2, 1, 3, 45));
    // An offset that crosses midnight: 01:00 at +03:00 is 22:00 UTC the day before.
    expect(parseTimestamp("2024-03-01T01:00:00+03:00")).toBe(Date.UTC(2024, 1, 29, 22));
    // +00:00 and -00:00 are UTC.
    expect(parseTimestamp("2024-03-01T09:30:00+00:00")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp("2024-03-01T09:30:00-00:00")).toBe(Date.UTC(2024, 2, 1, 9, 30));
  });

  test("24:00 is the end of the day, that is the next midnight", () => {
    expect(parseTimestamp("2024-02-29T24:00:00Z")).toBe(Date.UTC(2024, 2, 1));
  });

  test("leap days exist only in leap years", () => {
    expect(parseTimestamp("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp("2000-02-29T00:00:00Z")).toBe(Date.UTC(2000, 1, 29));
    expect(parseTimestamp("1900-02-29T00:00:00Z")).toBe(
      'is not a real date and time, got "1900-02-29T00:00:00Z"',
    );
    expect(parseTimestamp("2023-02-29T00:00:00Z")).toBe(
      'is not a real date and time, got "2023-02-29T00:00:00Z"',
    );
  });

  test("years before 100 are read as written, not as 19xx", () => {
    // Date.UTC(50, 0, 1) would be 1950; the string says year 50.
    const year50 = new Date(0).setUTCFullYear(50, 0, 1);
    expect(parseTimestamp("0050-01-01T00:00:00Z")).toBe(year50);
    expect(new Date(year50).getUTCFullYear()).toBe(50);
  });

  test("epoch milliseconds, over the supported years 0000 to 9999", () => {
    expect(parseTimestamp(0)).toBe(0);
    expect(parseTimestamp(-1)).toBe(-1);
    expect(parseTimestamp(1709285400000)).toBe(Date.UTC(2024, 2, 1, 9, 30));
    // The two ends, from Date.parse of their ISO strings.
    expect(parseTimestamp(-62167219200000)).toBe(Date.parse("0000-01-01T00:00:00Z"));
    expect(parseTimestamp(253402300799999)).toBe(Date.parse("9999-12-31T23:59:59.999Z"));
  });

  test("valid Dates outside the supported years are refused with the reason (issue 12)", () => {
    const outside = "must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got";
    // ±8.64e15 are valid Dates, but no calendar in the library measures them.
    expect(parseTimestamp(8.64e15)).toBe(`${outside} 8640000000000000`);
    expect(parseTimestamp(-8e15)).toBe(`${outside} -8000000000000000`);
    expect(parseTimestamp(-62167219200001)).toBe(`${outside} -62167219200001`);
    expect(parseTimestamp(new Date(253402300800000))).toBe(
      `${outside} +010000-01-01T00:00:00.000Z`,
    );
    // Inside the years as written, but Kiritimati's +14 puts the instant in year 10000.
    expect(parseTimestamp("9999-12-31T23:00:00-14:00")).toBe(
      `${outside} "9999-12-31T23:00:00-14:00"`,
    );
  });

  test("an offset in the string wins over the timeZone option", () => {
    expect(parseTimestamp("2024-03-01T09:30:00Z", "Asia/Tokyo")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp("2024-03-01T09:30:00+01:00", "Asia/Tokyo")).toBe(
      Date.UTC(2024, 2, 1, 8, 30),
    );
  });
});

describe("parseTimestamp: zone-less strings", () => {
  test("are rejected without a timeZone", () => {
    expect(parseTimestamp("2024-03-01T09:30:00")).toBe(`${NO_OFFSET} "2024-03-01T09:30:00"`);
    expect(parseTimestamp("2024-03-01")).toBe(`${NO_OFFSET} "2024-03-01"`);
  });

  test("are read as local times in the given zone", () => {
    // Berlin is +01:00 in March before the change: 09:30 → 08:30 UTC.
    expect(parseTimestamp("2024-03-01 09:30", "Europe/Berlin")).toBe(Date.UTC(2024, 2, 1, 8, 30));
    // A date alone is local midnight: 2024-07-01 00:00 in New York (EDT, −4) is 04:00 UTC.
    expect(parseTimestamp("2024-07-01", "America/New_York")).toBe(Date.UTC(2024, 6, 1, 4));
    expect(parseTimestamp("2024-03-01T09:30:00.250", "UTC")).toBe(
      Date.UTC(2024, 2, 1, 9, 30, 0, 250),
    );
  });

  test("a wall time in a spring-forward gap moves forward by the gap", () => {
    // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT. 02:30 does not exist; it is read as
    // 03:30 EDT = 07:30 UTC (Temporal's "compatible").
    expect(parseTimestamp("2024-03-10T02:30", "America/New_York")).toBe(
      Date.UTC(2024, 2, 10, 7, 30),
    );
    // Berlin, 2024-03-31: 02:00 CET jumps to 03:00 CEST. 02:30 → 03:30 CEST = 01:30 UTC.
    expect(parseTimestamp("2024-03-31T02:30", "Europe/Berlin")).toBe(Date.UTC(2024, 2, 31, 1, 30));
    // Lord Howe, 2024-10-06: 02:00 (+10:30) jumps to 02:30 (+11). 02:15 → 02:45 (+11) = 15:45 UTC
    // the day before.
    expect(parseTimestamp("2024-10-06T02:15", "Australia/Lord_Howe")).toBe(
      Date.UTC(2024, 9, 5, 15, 45),
    );
    // Santiago, 2024-09-08: midnight (−04) jumps to 01:00 (−03). 00:30 → 01:30 (−03) = 04:30 UTC.
    expect(parseTimestamp("2024-09-08T00:30", "America/Santiago")).toBe(
      Date.UTC(2024, 8, 8, 4, 30),
    );
  });

  test("a wall time in a repeated hour is its earlier instant", () => {
    // New York, 2024-11-03: 01:30 happens at EDT (05:30 UTC) and again at EST (06:30 UTC).
    expect(parseTimestamp("2024-11-03T01:30", "America/New_York")).toBe(
      Date.UTC(2024, 10, 3, 5, 30),
    );
    // Berlin, 2024-10-27: 02:30 CEST (00:30 UTC) and 02:30 CET (01:30 UTC).
    expect(parseTimestamp("2024-10-27T02:30", "Europe/Berlin")).toBe(Date.UTC(2024, 9, 27, 0, 30));
    // Lord Howe, 2024-04-07: 01:45 at +11 (14:45 UTC) and at +10:30 (15:15 UTC).
    expect(parseTimestamp("2024-04-07T01:45", "Australia/Lord_Howe")).toBe(
      Date.UTC(2024, 3, 6, 14, 45),
    );
    // Santiago, 2024-04-06: 23:30 at −03 (02:30 UTC on the 7th) and at −04 (03:30 UTC).
    expect(parseTimestamp("2024-04-06T23:30", "America/Santiago")).toBe(
      Date.UTC(2024, 3, 7, 2, 30),
    );
  });
});

describe("parseTimestamp: what it rejects", () => {
  test("values of the wrong kind", () => {
    const kind = "must be a Date, an ISO 8601 string or epoch milliseconds, got";
    expect(parseTimestamp(null)).toBe(`${kind} null`);
    expect(parseTimestamp(true)).toBe(`${kind} true`);
    expect(parseTimestamp({})).toBe(`${kind} an object`);
    expect(parseTimestamp([2024, 3, 1])).toBe(`${kind} an array`);
    expect(parseTimestamp(undefined)).toBe("is required");
  });

  test("numbers that are not instants", () => {
    const range = "must be epoch milliseconds within the Date range, got";
    expect(parseTimestamp(Number.NaN)).toBe(`${range} NaN`);
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toBe(`${range} Infinity`);
    const outside = "must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got";
    expect(parseTimestamp(8.64e15 + 1)).toBe(`${outside} 8640000000000001`);
    expect(parseTimestamp(1e20)).toBe(`${outside} 100000000000000000000`);
    expect(parseTimestamp(-1e300)).toBe(`${outside} -1e+300`);
  });

  test("an Invalid Date", () => {
    expect(parseTimestamp(new Date(Number.NaN))).toBe("is an Invalid Date");
  });

  test("strings that are not ISO 8601", () => {
    for (const text of ["", "01/02/2026", "2024-3-1", "March 1, 2024", "1709285400000", "now"]) {
      expect(parseTimestamp(text)).toBe(`${ISO_HINT} ${JSON.stringify(text)}`);
    }
    // Offsets must have two-digit hours.
    expect(parseTimestamp("2024-03-01T09:30:00+2:00")).toBe(
      `${ISO_HINT} "2024-03-01T09:30:00+2:00"`,
    );
  });

  test("text cut short inside the minutes or seconds is a format error, with or without a zone", () => {
    // The scanner once read past the end: the missing digit became NaN, the text passed as
    // zone-less, and with a zone the NaN wall time threw a RangeError from Intl, stopping a
    // whole validation instead of rejecting one record.
    for (const text of ["2024-03-01T10:1", "2024-03-01T10:00:0", "2024-03-01T1", "2024-03-0"]) {
      expect(parseTimestamp(text)).toBe(`${ISO_HINT} ${JSON.stringify(text)}`);
      expect(parseTimestamp(text, "Europe/Berlin")).toBe(`${ISO_HINT} ${JSON.stringify(text)}`);
    }
  });

  test("dates and times that do not exist", () => {
    for (const text of [
      "2024-02-30T00:00:00Z",
      "2024-04-31T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-00-10T00:00:00Z",
      "2024-03-00T00:00:00Z",
      "2024-03-01T25:00:00Z",
      "2024-03-01T24:30:00Z",
      "2024-03-01T09:60:00Z",
      "2024-03-01T09:30:60Z",
    ]) {
      expect(parseTimestamp(text)).toBe(`is not a real date and time, got ${JSON.stringify(text)}`);
    }
  });

  test("impossible offsets", () => {
    expect(parseTimestamp("2024-03-01T09:30:00+24:00")).toBe(
      'has an impossible UTC offset, got "2024-03-01T09:30:00+24:00"',
    );
    expect(parseTimestamp("2024-03-01T09:30:00-05:60")).toBe(
      'has an impossible UTC offset, got "2024-03-01T09:30:00-05:60"',
    );
  });

  test("a huge string gives a short message", () => {
    const huge = `2024-03-01T09:30:00Z${"0".repeat(10_000_000)}`;
    const message = parseTimestamp(huge) as string;
    expect(message).toBe(`${ISO_HINT} "2024-03-01T09:30:00Z00000000000000000000…"`);
    expect(message.length).toBeLessThan(300);
  });
});

describe("show", () => {
  test("shows values briefly", () => {
    expect(show("abc")).toBe('"abc"');
    expect(show("x".repeat(41))).toBe(`"${"x".repeat(40)}…"`);
    expect(show("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
    expect(show(null)).toBe("null");
    expect(show(new Date(Number.NaN))).toBe("Invalid Date");
    expect(show([1])).toBe("an array");
    expect(show({ a: 1 })).toBe("an object");
    expect(show(12.5)).toBe("12.5");
    expect(show(undefined)).toBe("undefined");
  });
});

describe("timestamp and optionalTimestamp schemas", () => {
  test("output Dates", () => {
    expect(timestamp().parse("2024-03-01T09:30:00Z")).toEqual(
      new Date(Date.UTC(2024, 2, 1, 9, 30)),
    );
    expect(timestamp({ timeZone: "Asia/Kolkata" }).parse("2024-03-01T09:30")).toEqual(
      new Date(Date.UTC(2024, 2, 1, 4)),
    );
  });

  test("a required timestamp reports why a value is refused", () => {
    const result = timestamp().safeParse("2024-03-01T09:30:00");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.code, issue.message])).toEqual([
      ["custom", `${NO_OFFSET} "2024-03-01T09:30:00"`],
    ]);
    expect(timestamp().safeParse(null).success).toBe(false);
    expect(timestamp().safeParse("").success).toBe(false);
  });

  test("an optional timestamp reads null, undefined and an empty cell as null", () => {
    const schema = optionalTimestamp();
    expect(schema.parse(null)).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
    expect(schema.parse("")).toBeNull();
    expect(schema.parse(0)).toEqual(new Date(0));
    expect(schema.safeParse(true).success).toBe(false);
    expect(schema.safeParse("2024-02-30T00:00:00Z").success).toBe(false);
  });

  test("an unknown zone is refused when the schema is built", () => {
    expect(() => timestamp({ timeZone: "Mars/Olympus" })).toThrow(
      new RangeError('timestamp: timeZone must be an IANA time zone name, got "Mars/Olympus"'),
    );
    expect(() => optionalTimestamp({ timeZone: "" })).toThrow(
      new RangeError('timestamp: timeZone must be an IANA time zone name, got ""'),
    );
  });
});
