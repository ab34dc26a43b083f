import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AWKWARD_ZONES } from "../../test/zones.ts";
import { checkTimeZone, fromWall, parseWall, toWall, zoneOffset } from "./zone.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;

const ZONES = [...AWKWARD_ZONES, "Europe/London"] as const;

/**
 * An independent reading of a zone's offset: Intl's "longOffset" name ("GMT+05:45"), which
 * the code under test does not use.
 */
const offsetNames = new Map<string, Intl.DateTimeFormat>();
function intlOffset(instant: number, timeZone: string): number {
  let format = offsetNames.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetNames.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName");
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name?.value ?? "");
  if (!match) throw new Error(`unexpected offset name ${name?.value}`);
  if (!match[1]) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * HOUR + Number(match[3]) * MINUTE);
}

describe("checkTimeZone", () => {
  test("returns the canonical name", () => {
    expect(checkTimeZone("europe/berlin", "period")).toBe("Europe/Berlin");
    expect(checkTimeZone("UTC", "period")).toBe("UTC");
    // Which of a zone's aliases Intl calls canonical ("Asia/Kathmandu" or the older
    // "Asia/Katmandu") depends on the ICU version, so only the case fix is pinned here.
    expect(checkTimeZone("ASIA/KATHMANDU", "period").toLowerCase()).toMatch(/^asia\/kath?mandu$/);
  });

  test("refuses what is not a zone, naming the caller", () => {
    expect(() => checkTimeZone("Mars/Olympus", "period")).toThrow(
      new RangeError('period: timeZone must be an IANA time zone name, got "Mars/Olympus"'),
    );
    expect(() => checkTimeZone("", "rollup")).toThrow(
      new RangeError('rollup: timeZone must be an IANA time zone name, got ""'),
    );
    expect(() => checkTimeZone(5 as never, "rollup")).toThrow(
      new RangeError("rollup: timeZone must be an IANA time zone name, got 5"),
    );
    expect(() => checkTimeZone(null as never, "rollup")).toThrow(
      new RangeError("rollup: timeZone must be an IANA time zone name, got null"),
    );
    // A huge name is shown briefly.
    expect(() => checkTimeZone("A".repeat(1_000_000), "period")).toThrow(
      new RangeError(`period: timeZone must be an IANA time zone name, got "${"A".repeat(40)}…"`),
    );
  });
});

describe("zoneOffset", () => {
  test("exact offsets, including half and three-quarter hours", () => {
    expect(zoneOffset(Date.UTC(2024, 0, 15), "Europe/Berlin")).toBe(1 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 6, 15), "Europe/Berlin")).toBe(2 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 0, 15), "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 6, 15), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 0, 15), "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 0, 15), "Asia/Kathmandu")).toBe(5.75 * HOUR);
    // Lord Howe: +11 in (southern) summer, +10:30 in winter.
    expect(zoneOffset(Date.UTC(2024, 0, 15), "Australia/Lord_Howe")).toBe(11 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 6, 15), "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 0, 15), "America/Santiago")).toBe(-3 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 6, 15), "America/Santiago")).toBe(-4 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 6, 15), "UTC")).toBe(0);
  });

  test("changes at the exact instant of a transition, to the millisecond", () => {
    // New York springs forward at 07:00 UTC on 2024-03-10 and falls back at 06:00 UTC on 11-03.
    expect(zoneOffset(Date.UTC(2024, 2, 10, 7) - 1, "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 2, 10, 7), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 10, 3, 6) - 1, "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 10, 3, 6), "America/New_York")).toBe(-5 * HOUR);
    // Berlin at 01:00 UTC on 2024-03-31.
    expect(zoneOffset(Date.UTC(2024, 2, 31, 1) - 1, "Europe/Berlin")).toBe(1 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 2, 31, 1), "Europe/Berlin")).toBe(2 * HOUR);
    // Lord Howe changes in the middle of a UTC hour: 15:30 UTC on 2024-10-05.
    expect(zoneOffset(Date.UTC(2024, 9, 5, 15, 30) - 1, "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 9, 5, 15, 30), "Australia/Lord_Howe")).toBe(11 * HOUR);
    // Asked again (now from the cache), the answers are the same.
    expect(zoneOffset(Date.UTC(2024, 9, 5, 15, 29, 59, 999), "Australia/Lord_Howe")).toBe(
      10.5 * HOUR,
    );
    expect(zoneOffset(Date.UTC(2024, 9, 5, 15, 0), "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(zoneOffset(Date.UTC(2024, 9, 5, 15, 59), "Australia/Lord_Howe")).toBe(11 * HOUR);
  });

  test("does not depend on the host's zone", () => {
    // The suite runs under TZ=America/New_York, UTC and Europe/London; none may leak in.
    expect(zoneOffset(Date.UTC(2024, 6, 15), "Asia/Kathmandu")).toBe(
      intlOffset(Date.UTC(2024, 6, 15), "Asia/Kathmandu"),
    );
    expect(zoneOffset(Date.UTC(2024, 6, 15), "UTC")).toBe(0);
  });
});

describe("toWall and fromWall", () => {
  test("toWall is the instant plus the offset", () => {
    // 12:00 UTC is 17:45 in Kathmandu.
    expect(toWall(Date.UTC(2024, 2, 1, 12), "Asia/Kathmandu")).toBe(Date.UTC(2024, 2, 1, 17, 45));
  });

  test("fromWall: a skipped wall time moves forward by the gap", () => {
    // New York 2024-03-10 02:30 → 03:30 EDT = 07:30 UTC.
    expect(fromWall(Date.UTC(2024, 2, 10, 2, 30), "America/New_York")).toBe(
      Date.UTC(2024, 2, 10, 7, 30),
    );
    // The gap's first instant: 02:00 → 03:00 EDT = 07:00 UTC, the transition itself.
    expect(fromWall(Date.UTC(2024, 2, 10, 2), "America/New_York")).toBe(Date.UTC(2024, 2, 10, 7));
    // Lord Howe 2024-10-06 02:10 (gap 02:00–02:30, 30 minutes) → 02:40 (+11) = 15:40 UTC.
    expect(fromWall(Date.UTC(2024, 9, 6, 2, 10), "Australia/Lord_Howe")).toBe(
      Date.UTC(2024, 9, 5, 15, 40),
    );
  });

  test("fromWall: a repeated wall time is its earlier instant", () => {
    // New York 2024-11-03 01:00 happens at 05:00 UTC (EDT) and 06:00 UTC (EST).
    expect(fromWall(Date.UTC(2024, 10, 3, 1), "America/New_York")).toBe(Date.UTC(2024, 10, 3, 5));
    expect(fromWall(Date.UTC(2024, 10, 3, 1, 59, 59, 999), "America/New_York")).toBe(
      Date.UTC(2024, 10, 3, 5, 59, 59, 999),
    );
    // 02:00 is not repeated: only EST.
    expect(fromWall(Date.UTC(2024, 10, 3, 2), "America/New_York")).toBe(Date.UTC(2024, 10, 3, 7));
  });

  test("fromWall outside transitions is the plain inverse", () => {
    expect(fromWall(Date.UTC(2024, 2, 1, 17, 45), "Asia/Kathmandu")).toBe(Date.UTC(2024, 2, 1, 12));
    expect(fromWall(Date.UTC(2024, 2, 1, 12, 0, 0, 1), "UTC")).toBe(
      Date.UTC(2024, 2, 1, 12, 0, 0, 1),
    );
  });
});

describe("parseWall", () => {
  test("reads dates and times without an offset", () => {
    expect(parseWall("2024-03-01")).toBe(Date.UTC(2024, 2, 1));
    expect(parseWall("2024-03-01T09:30")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseWall("2024-03-01 09:30:15.5")).toBe(Date.UTC(2024, 2, 1, 9, 30, 15, 500));
    expect(parseWall("2024-03-01T24:00")).toBe(Date.UTC(2024, 2, 2));
    expect(parseWall("0001-01-01")).toBe(new Date(0).setUTCFullYear(1, 0, 1));
    expect(parseWall("0000-02-29")).toBe(new Date(0).setUTCFullYear(0, 1, 29));
  });

  test("refuses what is not a real wall time", () => {
    for (const text of [
      "2024-02-30",
      "2100-02-29",
      "2024-06-31",
      "2024-03-01T24:00:01",
      "2024-03-01T09:30Z",
      "2024-3-1",
      "",
    ]) {
      expect(parseWall(text)).toBeNaN();
    }
  });
});

const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) });

describe.each(ZONES)("%s round trips", (timeZone) => {
  test("zoneOffset agrees with an independent Intl reading", () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(zoneOffset(t, timeZone)).toBe(intlOffset(t, timeZone));
      }),
      { numRuns: 300 },
    );
  });

  test("fromWall(toWall(t)) is t, or the earlier instant of a repeated wall time", () => {
    fc.assert(
      fc.property(instant, (t) => {
        const wall = toWall(t, timeZone);
        expect(wall).toBe(t + intlOffset(t, timeZone));
        const back = fromWall(wall, timeZone);
        if (back !== t) {
          // Only in a repeated hour: same wall time, earlier, at a larger offset.
          expect(back).toBeLessThan(t);
          expect(toWall(back, timeZone)).toBe(wall);
          expect(intlOffset(back, timeZone)).toBeGreaterThan(intlOffset(t, timeZone));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("toWall(fromWall(w)) is w, or w moved past a gap no instant shows", () => {
    fc.assert(
      fc.property(instant, (wall) => {
        const t = fromWall(wall, timeZone);
        const shown = toWall(t, timeZone);
        if (shown !== wall) {
          // A gap: the wall time moved forward by at most the gap, and no instant shows it.
          expect(shown).toBeGreaterThan(wall);
          expect(shown - wall).toBeLessThanOrEqual(HOUR);
          for (const offset of [
            intlOffset(t - 2 * HOUR, timeZone),
            intlOffset(t + 2 * HOUR, timeZone),
          ]) {
            expect(toWall(wall - offset, timeZone)).not.toBe(wall);
          }
        } else {
          // The earliest instant showing it: an hour earlier at another offset does not.
          const earlier = wall - intlOffset(t - 3 * HOUR, timeZone);
          if (earlier < t) expect(toWall(earlier, timeZone)).not.toBe(wall);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("round trips near transitions", () => {
  // Random instants rarely land in a gap or a repeated hour; these do.
  const transitions: [string, number][] = [
    ["America/New_York", Date.UTC(2024, 2, 10, 7)],
    ["America/New_York", Date.UTC(2024, 10, 3, 6)],
    ["Europe/Berlin", Date.UTC(2024, 2, 31, 1)],
    ["Europe/Berlin", Date.UTC(2024, 9, 27, 1)],
    ["Australia/Lord_Howe", Date.UTC(2024, 3, 6, 15)],
    ["Australia/Lord_Howe", Date.UTC(2024, 9, 5, 15, 30)],
    ["America/Santiago", Date.UTC(2024, 3, 7, 3)],
    ["America/Santiago", Date.UTC(2024, 8, 8, 4)],
  ];

  test.each(transitions)("%s around %d", (timeZone, change) => {
    fc.assert(
      fc.property(fc.integer({ min: change - 2 * HOUR, max: change + 2 * HOUR }), (t) => {
        const wall = toWall(t, timeZone);
        expect(wall).toBe(t + intlOffset(t, timeZone));
        const back = fromWall(wall, timeZone);
        expect(toWall(back, timeZone)).toBe(wall);
        expect(back).toBeLessThanOrEqual(t);
        // Earlier only by the size of the offset change.
        expect(t - back).toBe(
          back === t ? 0 : intlOffset(back, timeZone) - intlOffset(t, timeZone),
        );
      }),
      { numRuns: 200 },
    );
  });
});
