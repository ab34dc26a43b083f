/**
 * Random schedules for the business-time properties of the SQL engines (DuckDB in
 * src/sql/businessHours.test-prop.ts, PostgreSQL in src/postgres/businessHours.test-prop.ts):
 * weekly ranges on a 15-minute or 1-minute grid (overnight ones too), holidays and closures
 * within days of an instant, and one to three versions, each ending where the next begins or
 * (a gap) earlier.
 */
import fc from "fast-check";
import { WEEKDAYS, type Weekday } from "../time/localTimes.ts";
import type { ScheduleInput } from "../time/schedule.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK_MINUTES = 7 * 1440;

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Weekly ranges from cut points on the week, paired in order: they never overlap. */
export const weeklyArbitrary = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: WEEK_MINUTES - 1 }), { maxLength: 12 }),
    fc.boolean(),
  )
  .map(([cuts, fine]) => {
    const points = [...new Set(cuts.map((c) => (fine ? c : c - (c % 15))))].sort((a, b) => a - b);
    const weekly: Partial<Record<Weekday, { start: string; end: string }[]>> = {};
    for (let i = 0; i + 1 < points.length; i += 2) {
      const start = points[i] as number;
      const end = Math.min(points[i + 1] as number, start + 1440);
      const at = start % 1440;
      const until = at + (end - start);
      const day = WEEKDAYS[Math.floor(start / 1440)] as Weekday;
      const range = { start: clock(at), end: until === 1440 ? "24:00" : clock(until % 1440) };
      weekly[day] = [...(weekly[day] ?? []), range];
    }
    return weekly;
  });

/** Where things are drawn around `base`: whole days for holidays, minutes for the rest. */
export interface Around {
  readonly daysBefore: number;
  readonly daysAfter: number;
  /** The earliest version bound, in minutes before `base`. */
  readonly boundsFrom: number;
}

/** One version's zone, hours, and holidays and closures within days of `base`. */
export function versionArbitrary(timeZone: fc.Arbitrary<string>, base: number, around: Around) {
  return fc.record({
    timeZone,
    weekly: weeklyArbitrary,
    holidays: fc.array(
      fc
        .integer({ min: -around.daysBefore, max: around.daysAfter })
        .map((d) => ({ date: new Date(base + d * DAY).toISOString().slice(0, 10) })),
      { maxLength: 2 },
    ),
    closures: fc.array(
      fc
        .tuple(
          fc.integer({ min: -around.daysBefore * 1440, max: around.daysAfter * 1440 }),
          fc.integer({ min: 1, max: 1500 }),
        )
        .map(([at, length]) => ({
          start: base + at * MINUTE,
          end: base + (at + length) * MINUTE,
        })),
      { maxLength: 2 },
    ),
  });
}

/**
 * One to three versions: validity bounds at random instants near `base`, each version
 * ending where the next begins or (a gap) earlier; the first may start and the last may end
 * inside the range too.
 */
export function versionsArbitrary(timeZone: fc.Arbitrary<string>, base: number, around: Around) {
  return fc
    .tuple(
      fc.array(versionArbitrary(timeZone, base, around), { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(fc.integer({ min: -around.boundsFrom, max: around.daysAfter * 1440 }), {
        minLength: 6,
        maxLength: 6,
      }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    )
    .map(([versions, cuts, gaps]) => {
      const bounds = cuts.map((c) => base + c * MINUTE).sort((a, b) => a - b);
      return versions.map((version, i): ScheduleInput => {
        // Version i ends at bounds[2i + 1]; the next starts there, or at bounds[2i + 2] (a gap).
        const from =
          i === 0 ? (gaps[4] ? bounds[0] : undefined) : bounds[gaps[i - 1] ? 2 * i : 2 * i - 1];
        const until = i < versions.length - 1 || gaps[5] ? bounds[2 * i + 1] : undefined;
        return {
          ...version,
          ...(from === undefined ? {} : { validFrom: from }),
          ...(until === undefined ? {} : { validUntil: until }),
        };
      });
    });
}
