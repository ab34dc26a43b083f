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
import type { ScheduleInput } from "../time/schedule.ts";
import { scheduleVersions } from "../time/scheduleVersions.ts";
import { type BusinessDialect, duckdbBusiness, duckdbBusinessByDay } from "./businessDialect.ts";
import { queryRows } from "./businessDuckdb.testing.ts";
import { businessIntervalsRelation, businessSecondsQuery } from "./businessHours.ts";
import { versionsArbitrary } from "./businessSchedules.testing.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

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

/** Versions in one zone, drawn within four days of `base`. */
const versionsNear = (timeZone: string, base: number) =>
  versionsArbitrary(fc.constant(timeZone), base, {
    daysBefore: 4,
    daysAfter: 4,
    boundsFrom: 4 * 1440,
  });

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
    versions: versionsNear(timeZone, base),
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
