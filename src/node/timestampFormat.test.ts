import { describe, expect, test } from "vitest";
import { timestampFormat } from "./timestampFormat.ts";

const iso = (ms: number | string) => (typeof ms === "number" ? new Date(ms).toISOString() : ms);

describe("timestampFormat", () => {
  test("reads 12-hour US times in a zone", () => {
    const read = timestampFormat("MM/DD/YYYY hh:mm:ss A", "America/New_York");
    expect(iso(read("03/09/2024 11:15:00 PM"))).toBe("2024-03-10T04:15:00.000Z");
    expect(iso(read("03/10/2024 09:05:30 am"))).toBe("2024-03-10T13:05:30.000Z");
    // 12 AM is midnight, 12 PM is noon
    expect(iso(read("01/01/2024 12:00:00 AM"))).toBe("2024-01-01T05:00:00.000Z");
    expect(iso(read("01/01/2024 12:00:00 PM"))).toBe("2024-01-01T17:00:00.000Z");
  });

  test("follows the library's rule in daylight-saving gaps and overlaps", () => {
    const read = timestampFormat("YYYY-MM-DD HH:mm", "America/New_York");
    // skipped: 02:30 on the spring-forward day moves forward by the gap, to 03:30 EDT
    expect(iso(read("2024-03-10 02:30"))).toBe("2024-03-10T07:30:00.000Z");
    // repeated: 01:30 on the fall-back day means its earlier instant (EDT)
    expect(iso(read("2024-11-03 01:30"))).toBe("2024-11-03T05:30:00.000Z");
  });

  test("single-digit tokens, milliseconds, literals in brackets, and spaces", () => {
    const read = timestampFormat("D.M.YYYY H:m:s", "UTC");
    expect(iso(read("5.3.2024 7:4:9"))).toBe("2024-03-05T07:04:09.000Z");
    expect(iso(read("15.12.2024 17:45:59"))).toBe("2024-12-15T17:45:59.000Z");
    const t = timestampFormat("YYYY-MM-DD[T]HH:mm:ss.SSS", "UTC");
    expect(iso(t("2024-03-05T07:04:09.123"))).toBe("2024-03-05T07:04:09.123Z");
    const spaced = timestampFormat("DD/MM/YYYY HH:mm", "UTC");
    expect(iso(spaced("  05/03/2024   07:04 "))).toBe("2024-03-05T07:04:00.000Z");
  });

  test("a date without a time is midnight in the zone", () => {
    expect(iso(timestampFormat("DD/MM/YYYY", "Europe/Rome")("01/07/2024"))).toBe(
      "2024-06-30T22:00:00.000Z",
    );
  });

  test("an offset token makes the zone unnecessary", () => {
    const read = timestampFormat("YYYY-MM-DD HH:mm Z");
    expect(iso(read("2024-03-05 07:04 +02:00"))).toBe("2024-03-05T05:04:00.000Z");
    expect(iso(read("2024-03-05 07:04 -0530"))).toBe("2024-03-05T12:34:00.000Z");
    expect(iso(read("2024-03-05 07:04 Z"))).toBe("2024-03-05T07:04:00.000Z");
    expect(read("2024-03-05 07:04 +25:00")).toBe(
      'has an impossible UTC offset, got "2024-03-05 07:04 +25:00"',
    );
  });

  test("text that does not match, or an impossible date, gives a reason", () => {
    const read = timestampFormat("MM/DD/YYYY hh:mm:ss A", "UTC");
    expect(read("2024-03-01T09:00:00Z")).toBe(
      'must match the format "MM/DD/YYYY hh:mm:ss A", got "2024-03-01T09:00:00Z"',
    );
    expect(read("02/30/2024 09:00:00 AM")).toMatch(/^is not a real date and time/);
    expect(read("02/29/2023 09:00:00 AM")).toMatch(/^is not a real date and time/);
    expect(iso(read("02/29/2024 09:00:00 AM"))).toBe("2024-02-29T09:00:00.000Z");
    expect(read("01/01/2024 13:00:00 PM")).toMatch(/^is not a real date and time/);
    expect(read("01/01/2024 00:00:00 AM")).toMatch(/^is not a real date and time/);
    expect(read("01/01/2024 09:00:00 XM")).toMatch(/^must match/);
    expect(read("1/01/2024 09:00:00 AM")).toMatch(/^must match/);
    expect(read("01/01/2024 09:00:00 AM trailing")).toMatch(/^must match/);
    expect(String(read("x".repeat(10_000_000))).length).toBeLessThan(120);
  });

  test("years below 100 are not read as 19xx", () => {
    expect(iso(timestampFormat("YYYY-MM-DD", "UTC")("0042-01-01"))).toBe(
      "0042-01-01T00:00:00.000Z",
    );
  });

  test("format errors throw once, when compiling", () => {
    expect(() => timestampFormat("MM/DD/YYYY hh:mm", "UTC")).toThrow(
      /format must use hh or h together with A or a/,
    );
    expect(() => timestampFormat("HH:mm", "UTC")).toThrow(/must contain a year/);
    expect(() => timestampFormat("YYYY-MM-DD HH:mm")).toThrow(
      'timestampFormat: timeZone must be given for format "YYYY-MM-DD HH:mm", which has no offset (Z) token',
    );
    expect(() => timestampFormat("YYYY-MM-DD at HH:mm", "UTC")).toThrow(/unknown token "t"/);
    expect(() => timestampFormat("YYYY-MM-DD", "Mars/Base")).toThrow(
      'timestampFormat: timeZone must be an IANA time zone name, got "Mars/Base"',
    );
    expect(() => timestampFormat("", "UTC")).toThrow(/format must be a non-empty string/);
  });
});
