/**
 * Business time in SQL on real DuckDB, against hand-computed values and the in-memory
 * `businessDuration` for the same spans.
 */
import { describe, expect, test } from "vitest";
import type { ScheduleRule, SchedulesInput } from "../time/businessTime.ts";
import { businessDuration } from "../time/businessTime.ts";
import { scheduleVersions } from "../time/scheduleVersions.ts";
import { type BusinessDialect, duckdbBusiness, duckdbBusinessByDay } from "./businessDialect.ts";
import { queryRows } from "./businessDuckdb.testing.ts";
import { businessIntervalsRelation, businessSecondsQuery } from "./businessHours.ts";
import { businessPieces } from "./businessIntervals.ts";

const DAY = 86_400_000;
const nineToFive = [{ start: "09:00", end: "17:00" }];
const newYork = {
  timeZone: "America/New_York",
  weekly: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
};

type Span = readonly [string | null, string | null];

/**
 * Business seconds of each span computed by DuckDB: the spans are bound as a VALUES list of
 * epoch milliseconds; the relation covers them with a day to spare unless `range` is given.
 */
async function sqlSeconds(
  schedules: SchedulesInput,
  spans: readonly Span[],
  rule: ScheduleRule = "perSegment",
  range?: { from: number; to: number },
  dialect: BusinessDialect = duckdbBusiness,
): Promise<unknown[]> {
  const ms = spans.map((span) => span.map((t) => (t === null ? null : Date.parse(t))));
  const known = ms.flat().filter((t): t is number => t !== null);
  const relation = businessIntervalsRelation(
    schedules,
    range ?? { from: Math.min(...known) - DAY, to: Math.max(...known) + DAY },
    { rule, dialect },
  );
  const first = relation.params.length + 1;
  const values = ms
    .map((_, i) => `(${i}, $${first + 2 * i}::BIGINT, $${first + 2 * i + 1}::BIGINT)`)
    .join(", ");
  const query = businessSecondsQuery(
    {
      source: "spans",
      intervals: "business",
      spans: [{ start: "s", end: "e", as: "seconds" }],
      rule,
    },
    dialect,
  );
  const sql = `WITH "business" AS ${relation.sql},
"spans" AS (SELECT * FROM (VALUES ${values}) AS v("i", "s", "e"))
${query}
ORDER BY "i"`;
  const rows = await queryRows(sql, [...relation.params, ...ms.flat()]);
  return rows.map((row) => row.seconds);
}

/** The in-memory values of the same spans. */
function memorySeconds(
  schedules: SchedulesInput,
  spans: readonly Span[],
  rule: ScheduleRule = "perSegment",
) {
  return spans.map(([s, e]) =>
    s === null || e === null
      ? null
      : businessDuration(Date.parse(s), Date.parse(e), schedules, { rule }),
  );
}

/** Asserts SQL and memory both give `expected`, under one rule. */
async function agree(
  schedules: SchedulesInput,
  spans: readonly Span[],
  expected: readonly (number | null)[],
  rule: ScheduleRule = "perSegment",
  dialect: BusinessDialect = duckdbBusiness,
) {
  expect(memorySeconds(schedules, spans, rule)).toEqual(expected);
  expect(await sqlSeconds(schedules, spans, rule, undefined, dialect)).toEqual(expected);
}

describe.each([
  ["an as-of join", duckdbBusiness],
  ["an equi-join on the UTC day", duckdbBusinessByDay],
] as const)("businessSecondsQuery on DuckDB, looked up by %s", (_, dialect) => {
  const check = (
    schedules: SchedulesInput,
    spans: readonly Span[],
    expected: readonly (number | null)[],
    rule: ScheduleRule = "perSegment",
  ) => agree(schedules, spans, expected, rule, dialect);

  test("a weekend and a holiday", async () => {
    const friday16 = "2024-03-01T16:00:00-05:00";
    // Friday 16–17 (1 h) + Monday 09–10 (1 h) = 7200 s.
    await check(newYork, [[friday16, "2024-03-04T10:00:00-05:00"]], [7200]);
    // Monday a holiday: Friday 1 h + Tuesday 09–10 1 h = 7200 s; to Monday 10:00 only 3600 s.
    const withHoliday = { ...newYork, holidays: [{ date: "2024-03-04" }] };
    await check(
      withHoliday,
      [
        [friday16, "2024-03-05T10:00:00-05:00"],
        [friday16, "2024-03-04T10:00:00-05:00"],
      ],
      [7200, 3600],
    );
  });

  test("spans starting and ending outside hours, zero-length spans, unknown ends", async () => {
    await check(
      newYork,
      [
        // Monday 07:00–20:00 holds the whole day: 8 h = 28800 s.
        ["2024-03-04T07:00:00-05:00", "2024-03-04T20:00:00-05:00"],
        // Saturday to Sunday: nothing.
        ["2024-03-02T10:00:00-05:00", "2024-03-03T10:00:00-05:00"],
        // Zero length inside and outside hours: 0.
        ["2024-03-04T10:00:00-05:00", "2024-03-04T10:00:00-05:00"],
        ["2024-03-04T20:00:00-05:00", "2024-03-04T20:00:00-05:00"],
        // 16:59:59.250 to 17:00: 0.75 s (milliseconds kept).
        ["2024-03-04T16:59:59.250-05:00", "2024-03-04T17:00:00-05:00"],
      ],
      [28800, 0, 0, 0, 0.75],
    );
    expect(
      await sqlSeconds(
        newYork,
        [
          ["2024-03-04T07:00:00Z", null],
          [null, "2024-03-04T07:00:00Z"],
        ],
        "perSegment",
        undefined,
        dialect,
      ),
    ).toEqual([null, null]);
  });

  test("daylight-saving days in New York: 23 and 25 working hours on an all-day Sunday", async () => {
    const sundays = {
      timeZone: "America/New_York",
      weekly: { sunday: [{ start: "00:00", end: "24:00" }] },
    };
    await check(
      sundays,
      [
        // 2024-03-10: 02:00 EST → 03:00 EDT, so the local day lasts 23 h = 82800 s.
        ["2024-03-09T12:00:00Z", "2024-03-11T12:00:00Z"],
        // 2024-11-03: 02:00 EDT → 01:00 EST, 25 h = 90000 s.
        ["2024-11-02T12:00:00Z", "2024-11-04T12:00:00Z"],
      ],
      [82800, 90000],
    );
  });

  test("daylight-saving days in London: a range over the changed hour", async () => {
    const nights = {
      timeZone: "Europe/London",
      weekly: { sunday: [{ start: "00:30", end: "02:30" }] },
    };
    await check(
      nights,
      [
        // 2024-03-31, 01:00 GMT → 02:00 BST: 00:30 GMT (00:30Z) to 02:30 BST (01:30Z) = 3600 s.
        ["2024-03-30T12:00:00Z", "2024-03-31T12:00:00Z"],
        // 2024-10-27, 02:00 BST → 01:00 GMT: 00:30 BST (23:30Z) to 02:30 GMT (02:30Z) = 10800 s.
        ["2024-10-26T12:00:00Z", "2024-10-27T12:00:00Z"],
      ],
      [3600, 10800],
    );
  });

  test("a schedule version change, timed per segment and at the event", async () => {
    const later = [{ start: "08:00", end: "18:00" }];
    const versions = scheduleVersions([
      { ...newYork, validUntil: "2024-07-01T00:00:00" },
      {
        timeZone: "America/New_York",
        weekly: { monday: later, tuesday: later, wednesday: later, thursday: later, friday: later },
        validFrom: "2024-07-01T00:00:00",
      },
    ]);
    const span: Span = ["2024-06-28T16:00:00-04:00", "2024-07-01T10:00:00-04:00"];
    // Per segment: Friday 16–17 under the first (1 h) + Monday 08–10 under the second (2 h).
    await check(versions, [span], [10800]);
    // At the event: the second times it all, Friday 16–18 (2 h) + Monday 08–10 (2 h).
    await check(versions, [span], [14400], "atEvent");
  });

  test("a gap between versions: null per segment across it, the end's version at the event", async () => {
    const versions = scheduleVersions([
      { ...newYork, validUntil: "2024-07-01T00:00:00" },
      { ...newYork, validFrom: "2024-07-02T00:00:00" },
    ]);
    const across: Span = ["2024-06-28T16:00:00-04:00", "2024-07-02T10:00:00-04:00"];
    const inGap: Span = ["2024-07-01T10:00:00-04:00", "2024-07-01T10:00:00-04:00"];
    const atSwitch: Span = ["2024-06-28T16:00:00-04:00", "2024-07-01T00:00:00-04:00"];
    // Per segment: across the gap unknown; a zero-length span in the gap unknown; a span
    // ending where the first version ends is that version's Friday hour.
    await check(versions, [across, inGap, atSwitch], [null, null, 3600]);
    // At the event: the second version times all of the first span (Fri 1 h + Mon 8 h +
    // Tue 1 h); none is in force in the gap or at 2024-07-01T00:00.
    await check(versions, [across, inGap, atSwitch], [36000, null, null], "atEvent");
  });

  test("an end before its start fails the query, as businessDuration throws", async () => {
    const span: Span = ["2024-03-04T10:00:00Z", "2024-03-04T09:00:00Z"];
    expect(() => memorySeconds(newYork, [span])).toThrow(RangeError);
    await expect(sqlSeconds(newYork, [span], "perSegment", undefined, dialect)).rejects.toThrow(
      "businessDuration: end must not be before start",
    );
  });

  test("a span outside the relation's range fails the query rather than give a number", async () => {
    const range = {
      from: Date.parse("2024-03-04T00:00:00Z"),
      to: Date.parse("2024-03-05T00:00:00Z"),
    };
    const message = "span must lie within the range of the business intervals";
    for (const rule of ["perSegment", "atEvent"] as const) {
      await expect(
        sqlSeconds(
          newYork,
          [["2024-03-03T23:00:00Z", "2024-03-04T10:00:00Z"]],
          rule,
          range,
          dialect,
        ),
      ).rejects.toThrow(message);
      await expect(
        sqlSeconds(
          newYork,
          [["2024-03-04T10:00:00Z", "2024-03-05T00:00:01Z"]],
          rule,
          range,
          dialect,
        ),
      ).rejects.toThrow(message);
      // Both ends on the range's bounds are inside: Monday 09–17 = 28800 s.
      expect(
        await sqlSeconds(
          newYork,
          [["2024-03-04T00:00:00Z", "2024-03-05T00:00:00Z"]],
          rule,
          range,
          dialect,
        ),
      ).toEqual([28800]);
    }
  });
});

describe("businessPieces", () => {
  test("tile the range, with the working milliseconds before each piece", () => {
    const from = Date.parse("2024-03-01T00:00:00Z");
    const pieces = businessPieces(newYork, { from, to: from + 10 * DAY });
    let t = from;
    let before = 0;
    for (const piece of pieces) {
      expect([piece.start, piece.before]).toEqual([t, before]);
      if (piece.working) before += piece.end - piece.start;
      t = piece.end;
    }
    expect(t).toBe(from + 10 * DAY);
    // Six New York weekdays in the ten UTC days (Mar 1 and Mar 4–8), 8 h each.
    expect(before).toBe(6 * 8 * 3_600_000);
  });

  test("refuse a range that ends before it starts, and an unknown rule", () => {
    expect(() => businessPieces(newYork, { from: 10, to: 5 })).toThrow(
      "businessPieces: range.to must not be before range.from, got 5",
    );
    expect(() =>
      businessPieces(newYork, { from: 0, to: 5 }, { rule: "x" as ScheduleRule }),
    ).toThrow(RangeError);
  });
});

describe("duckdbBusiness.epochFloorMs", () => {
  test("floors to whole milliseconds, before 1970 too", async () => {
    const rows = await queryRows(
      `SELECT ${duckdbBusiness.epochFloorMs("TIMESTAMPTZ '1969-12-31 23:59:59.9995+00'")} AS a, ${duckdbBusiness.epochFloorMs("TIMESTAMPTZ '2024-01-01 00:00:00.1239+00'")} AS b`,
    );
    expect(rows).toEqual([{ a: -1n, b: 1_704_067_200_123n }]);
  });
});
