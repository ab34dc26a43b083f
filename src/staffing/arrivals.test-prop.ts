import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { totalExcluded } from "../../test/laws.ts";
import { arrivalPattern, type IntervalMinutes } from "./arrivals.ts";

const MINUTE = 60_000;
const YEAR_START = Date.UTC(2024, 0, 1);

// Zones with DST changes at midnight (Santiago), by half an hour (Lord Howe), and an offset
// of 45 minutes (Kathmandu).
const zone = fc.constantFrom(
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
);
const interval = fc.constantFrom<IntervalMinutes>(15, 30, 60);
const range = fc
  .tuple(fc.integer({ min: 0, max: 366 * 1440 }), fc.integer({ min: 1, max: 40 * 1440 }))
  .map(([from, length]) => ({
    start: YEAR_START + from * MINUTE,
    end: YEAR_START + (from + length) * MINUTE,
  }));

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * The oracle: step through the range a quarter hour at a time (every zone here starts its
 * local quarter hours on UTC quarter hours) and read each instant's weekday and time with
 * Intl alone; an instant whose local time is an interval start is one occurrence of it.
 */
function occurrencesByIntl(
  timeZone: string,
  intervalMinutes: number,
  start: number,
  end: number,
): Map<string, number> {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const counts = new Map<string, number>();
  const quarter = 15 * MINUTE;
  for (let at = Math.ceil(start / quarter) * quarter; at < end; at += quarter) {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    const minutes = Number(parts.hour) * 60 + Number(parts.minute);
    if (minutes % intervalMinutes !== 0) continue;
    const key = `${String(parts.weekday).toLowerCase()} ${parts.hour}:${parts.minute}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("arrivalPattern properties", () => {
  test("occurrences match a count made with Intl alone", () => {
    fc.assert(
      fc.property(zone, interval, range, (timeZone, intervalMinutes, { start, end }) => {
        const pattern = arrivalPattern([], {
          timeZone,
          intervalMinutes,
          range: { start: new Date(start), end: new Date(end) },
        });
        const expected = occurrencesByIntl(timeZone, intervalMinutes, start, end);
        for (const row of pattern.rows) {
          expect(row.occurrences, `${row.weekday} ${row.start}`).toBe(
            expected.get(`${row.weekday} ${row.start}`) ?? 0,
          );
        }
        expect(WEEKDAYS).toContain(pattern.rows[0]?.weekday);
      }),
      { numRuns: 40 },
    );
  });

  test("every instant is counted once or excluded, and averages re-derive the totals", () => {
    fc.assert(
      fc.property(
        zone,
        interval,
        fc.array(fc.option(fc.integer({ min: 0, max: 30 * 1440 }), { freq: 8 }), { maxLength: 60 }),
        (timeZone, intervalMinutes, minutes) => {
          const instants = minutes.map((m) => (m === null ? null : YEAR_START + m * MINUTE));
          const pattern = arrivalPattern(instants, {
            timeZone,
            intervalMinutes,
            range: { start: YEAR_START + 1440 * MINUTE, end: YEAR_START + 29 * 1440 * MINUTE },
          });
          const excluded = totalExcluded(pattern.excluded);
          expect(pattern.counted + excluded).toBe(instants.length);
          expect(pattern.rows.reduce((sum, row) => sum + row.total, 0)).toBe(pattern.counted);
          for (const row of pattern.rows) {
            if (row.contacts === null) expect(row.occurrences).toBe(0);
            else expect(row.contacts * row.occurrences).toBeCloseTo(row.total, 9);
          }
        },
      ),
    );
  });
});
