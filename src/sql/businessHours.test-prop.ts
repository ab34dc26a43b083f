/**
 * Business time in SQL equals the in-memory `businessDuration` on random schedules (weekly
 * ranges on a 15-minute or 1-minute grid, overnight ranges, holidays, closures, one to three
 * versions with or without gaps between them) in zones with daylight-saving changes near the
 * spans, under both schedule rules. Each run sends a batch of spans to real DuckDB in one
 * query, so the run count stays small while many spans are compared.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { ScheduleRule } from "../time/businessTime.ts";
import { businessDuration } from "../time/businessTime.ts";
import { WEEKDAYS, type Weekday } from "../time/localTimes.ts";
import type { ScheduleInput } from "../time/schedule.ts";
import { scheduleVersions } from "../time/scheduleVersions.ts";
import { type BusinessDialect, duckdbBusiness, duckdbBusinessByDay } from "./businessDialect.ts";
import { queryRows } from "./businessDuckdb.testing.ts";
import { businessIntervalsRelation, businessSecondsQuery } from "./businessHours.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK_MINUTES = 7 * 1440;

/** Zones and instants next to one of their offset changes (UTC: a plain date). */
const NEAR: readonly (readonly [string, string])[] = [
  ["UTC", "2024-02-28T00:00:00Z"],
  ["America/New_York", "2024-03-10T07:00:00Z"],
  ["America/New_York", "2024-11-03T06:00:00Z"],
  ["Europe/London", "2024-03-31T01:00:00Z"],
  ["Europe/London", "2024-10-27T01:00:00Z"],
  ["Australia/Lord_Howe", "2024-04-06T15:00:00Z"],
  ["America/Santiago", "2024-09-08T04:00:00Z"],
  ["Asia/Kathmandu", "2024-06-01T00:00:00Z"],
];

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Weekly ranges from cut points on the week, paired in order: they never overlap. */
const weeklyArbitrary = fc
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

/** One version's hours, holidays and closures near `base`. */
function versionArbitrary(timeZone: string, base: number) {
  return fc.record({
    timeZone: fc.constant(timeZone),
    weekly: weeklyArbitrary,
    holidays: fc.array(
      fc
        .integer({ min: -4, max: 4 })
        .map((d) => ({ date: new Date(base + d * DAY).toISOString().slice(0, 10) })),
      { maxLength: 2 },
    ),
    closures: fc.array(
      fc
        .tuple(fc.integer({ min: -4 * 1440, max: 4 * 1440 }), fc.integer({ min: 1, max: 1500 }))
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
 * ending where the next begins or (a gap) earlier; the first may start and the last may
 * end inside the range too.
 */
function versionsArbitrary(timeZone: string, base: number) {
  return fc
    .tuple(
      fc.array(versionArbitrary(timeZone, base), { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(fc.integer({ min: -4 * 1440, max: 4 * 1440 }), { minLength: 6, maxLength: 6 }),
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

/** A batch of spans near `base`: any millisecond, or snapped to a minute. */
function spansArbitrary(base: number) {
  const instant = fc.oneof(
    fc.integer({ min: -5 * DAY, max: 5 * DAY }),
    fc.integer({ min: -5 * 1440, max: 5 * 1440 }).map((m) => m * MINUTE),
  );
  return fc.array(
    fc
      .tuple(instant, instant)
      .map(([a, b]) => [base + Math.min(a, b), base + Math.max(a, b)] as const),
    { minLength: 1, maxLength: 25 },
  );
}

const caseArbitrary = fc.constantFrom(...NEAR).chain(([timeZone, near]) => {
  const base = Date.parse(near);
  return fc.record({
    versions: versionsArbitrary(timeZone, base),
    spans: spansArbitrary(base),
    range: fc.constant({ from: base - 6 * DAY, to: base + 6 * DAY }),
  });
});

async function sqlSeconds(
  versions: readonly ScheduleInput[],
  spans: readonly (readonly [number, number])[],
  range: { from: number; to: number },
  rule: ScheduleRule,
  dialect: BusinessDialect,
): Promise<unknown[]> {
  const relation = businessIntervalsRelation(versions, range, { rule, dialect });
  const first = relation.params.length + 1;
  const values = spans.map(
    (_, i) => `(${i}, $${first + 2 * i}::BIGINT, $${first + 2 * i + 1}::BIGINT)`,
  );
  const sql = `WITH "business" AS ${relation.sql},
"spans" AS (SELECT * FROM (VALUES ${values.join(", ")}) AS v("i", "s", "e"))
${businessSecondsQuery({ source: "spans", intervals: "business", spans: [{ start: "s", end: "e", as: "seconds" }], rule }, dialect)}
ORDER BY "i"`;
  const rows = await queryRows(sql, [...relation.params, ...spans.flat()]);
  return rows.map((row) => row.seconds);
}

describe("business time in DuckDB equals businessDuration", () => {
  test.each([
    ["perSegment", "an as-of join", duckdbBusiness],
    ["atEvent", "an as-of join", duckdbBusiness],
    ["perSegment", "the UTC day", duckdbBusinessByDay],
    ["atEvent", "the UTC day", duckdbBusinessByDay],
  ] as const)("under the %s rule, looked up by %s", async (rule, _, dialect) => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ versions, spans, range }) => {
        const schedules = scheduleVersions(versions);
        // Spans that start or end exactly where a version starts or ends, and zero-length
        // spans there: where a lookup at or before an instant differs from one before it.
        const bounds = versions.flatMap((v) => [v.validFrom, v.validUntil]);
        const [s0, e0] = spans[0] as readonly [number, number];
        const edges = bounds
          .filter((b): b is number => typeof b === "number")
          .flatMap((b) => [
            [Math.min(s0, b), Math.max(s0, b)] as const,
            [Math.min(e0, b), Math.max(e0, b)] as const,
            [b, b] as const,
          ]);
        const all = [...spans, ...edges];
        const expected = all.map(([s, e]) => businessDuration(s, e, schedules, { rule }));
        expect(await sqlSeconds(versions, all, range, rule, dialect)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
