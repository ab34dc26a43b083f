import { describe, expect, test } from "vitest";
import { oneDuration } from "../../../test/durations.ts";
import { at, ticket } from "../../../test/fixtures.ts";
import { hoursChangedOnMonday, weekdays } from "../../../test/schedules.ts";
import { change, noStatusTimeExclusions } from "../../../test/statusChanges.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { statusSpans, statusTime, statusTimeReducer } from "./statusTime.ts";

const none = noStatusTimeExclusions;
const minutes = (spans: { start: number; end: number }[]) =>
  spans.map((s) => [new Date(s.start).toISOString().slice(11, 16), (s.end - s.start) / 60_000]);

/** Monday to Friday, 09:00–18:00, in London (UTC+0 until 31 March 2024). */
const officeHours = (extra: { validFrom?: string; validUntil?: string } = {}) =>
  weekdays("09:00", "18:00", extra);

// Created Friday 2024-03-01 09:00; pending 09:30 → 10:00 and 10:15 → 11:00; solved 11:00.
const twicePending = ticket({
  statusChanges: [
    change("pending", "09:30:00"),
    change("open", "10:00:00"),
    change("pending", "10:15:00"),
    change("solved", "11:00:00"),
  ],
});

describe("statusSpans", () => {
  const start = at("2024-03-01T09:00:00Z");
  const end = at("2024-03-01T11:00:00Z");
  const changes = twicePending.statusChanges ?? [];

  test("returns each stay in the statuses, ended by the next change or the end", () => {
    expect(minutes(statusSpans(start, end, changes, new Set(["pending"])))).toEqual([
      ["09:30", 30],
      ["10:15", 45],
    ]);
  });

  test("before its first recorded change a ticket is new", () => {
    expect(minutes(statusSpans(start, end, changes, new Set(["new"])))).toEqual([["09:00", 30]]);
    // No change at all: new from start to end
    expect(minutes(statusSpans(start, end, [], new Set(["new"])))).toEqual([["09:00", 120]]);
  });

  test("cuts stays at the end and leaves out what follows", () => {
    const noon = at("2024-03-01T10:30:00Z");
    expect(minutes(statusSpans(start, noon, changes, new Set(["pending"])))).toEqual([
      ["09:30", 30],
      ["10:15", 15],
    ]);
  });

  test("leaves out stays of no length", () => {
    const instant = [
      { status: "pending" as const, at: new Date(start) },
      { status: "open" as const, at: new Date(start) },
    ];
    expect(statusSpans(start, end, instant, new Set(["pending", "new"]))).toEqual([]);
  });
});

describe("statusTime", () => {
  test("sums the seconds spent in the given statuses until resolution", () => {
    // pending 09:30 → 10:00 (1800 s) and 10:15 → 11:00 (2700 s) = 4500 s
    expect(statusTime([twicePending], { statuses: ["pending"] })).toEqual(oneDuration(4500, none));
    // new 09:00 → 09:30 (1800 s) + open 10:00 → 10:15 (900 s) = 2700 s
    expect(statusTime([twicePending], { statuses: ["new", "open"] }).value).toBe(2700);
  });

  test("a malformed status history or an order contradiction is a TypeError naming the field", () => {
    const createdAt = new Date("2024-03-01T09:00:00Z");
    const resolvedAt = new Date("2024-03-01T12:00:00Z");
    const t = (fields: object) =>
      ({ createdAt, firstResolvedAt: resolvedAt, lastResolvedAt: resolvedAt, ...fields }) as never;
    const measure = (fields: object) => () => statusTime([t(fields)], { statuses: ["pending"] });
    expect(measure({ statusChanges: "x" })).toThrow(
      new TypeError(
        'statusTime: record 0 field "statusChanges" must be an array of { at, status } or null, got "x"',
      ),
    );
    const wrong =
      'statusTime: record 0 field "statusChanges" must be an array of { at: Date, status }, got an object';
    expect(measure({ statusChanges: [{ at: "bad", status: "open" }] })).toThrow(
      new TypeError(wrong),
    );
    expect(measure({ statusChanges: [{ at: createdAt, status: "nope" }] })).toThrow(
      new TypeError(wrong),
    );
    expect(
      measure({
        createdAt: new Date("2024-03-01T13:00:00Z"),
        statusChanges: [{ at: createdAt, status: "open" }],
      }),
    ).toThrow(
      new TypeError(
        'statusTime: record 0 field "createdAt" must be at or before the resolution, got 2024-03-01T13:00:00.000Z',
      ),
    );
    // No history given at all (the field left out) is no data, not a malformed one.
    expect(measure({})().excluded).toMatchObject({ noStatusHistory: 1 });
  });

  test("has no value with no ticket", () => {
    expect(statusTime([], { statuses: ["pending"] })).toMatchObject({
      value: null,
      n: 0,
      sum: 0,
      min: null,
      excluded: none,
    });
  });

  test("a ticket never in the statuses counts with 0 s", () => {
    // 4500 s and 0 s: mean 2250 s
    const direct = ticket({
      statusChanges: [change("open", "09:00:00"), change("solved", "10:00:00")],
    });
    expect(statusTime([twicePending, direct], { statuses: ["pending"] })).toMatchObject({
      value: 2250,
      n: 2,
      min: 0,
    });
  });

  test("excludes unresolved tickets, then tickets without status history", () => {
    const open = ticket({ statusChanges: [change("pending", "09:30:00")] });
    const flat = ticket({ firstResolvedAt: "2024-03-01T10:00:00Z" });
    const empty = ticket({ firstResolvedAt: "2024-03-01T10:00:00Z", statusChanges: [] });
    expect(statusTime([open, flat, empty, ticket()], { statuses: ["pending"] })).toMatchObject({
      value: null,
      excluded: { unresolved: 2, noStatusHistory: 2, noSchedule: 0 },
    });
  });

  test('resolution "full" (default) runs to the latest solve, "first" to the first', () => {
    // solved 10:00, reopened 12:00, pending 12:30 → 13:00, solved 13:30
    const reopened = ticket({
      statusChanges: [
        change("open", "09:00:00"),
        change("solved", "10:00:00"),
        change("open", "12:00:00"),
        change("pending", "12:30:00"),
        change("open", "13:00:00"),
        change("solved", "13:30:00"),
      ],
    });
    // full: pending 12:30 → 13:00 = 1800 s; first: nothing pending before 10:00 = 0 s
    expect(statusTime([reopened], { statuses: ["pending"] }).value).toBe(1800);
    expect(statusTime([reopened], { statuses: ["pending"], resolution: "first" }).value).toBe(0);
    // time solved between the two solves: 10:00 → 12:00 = 7200 s
    expect(statusTime([reopened], { statuses: ["solved"] }).value).toBe(7200);
  });

  test("is placed in a period by the resolution that ends the measure", () => {
    const late = ticket({
      statusChanges: [
        change("pending", "09:30:00"),
        change("solved", "2024-03-02T10:00:00Z"),
        change("open", "2024-03-03T10:00:00Z"),
        change("solved", "2024-03-04T10:00:00Z"),
      ],
    });
    expect(statusTimeReducer({ statuses: ["pending"] }).timeOf(late)).toEqual(
      new Date("2024-03-04T10:00:00Z"),
    );
    const rows = rollup([late, ticket()], {
      by: { period: "day" },
      metrics: { pending: statusTimeReducer({ statuses: ["pending"], resolution: "first" }) },
    });
    // pending 2024-03-01 09:30 → 2024-03-02 10:00 = 24.5 h = 88200 s
    expect(
      rows.map((row) => [
        row.period?.label ?? null,
        row.pending.value,
        row.pending.excluded.unresolved,
      ]),
    ).toEqual([
      ["2024-03-02", 88200, 0],
      [null, null, 1],
    ]);
  });

  test("counts real elapsed seconds across the Berlin autumn DST change", () => {
    // 2024-10-27 in Berlin: pending 02:30 CEST (00:30 UTC) → 02:30 CET (01:30 UTC), one real
    // hour although the wall clock shows the same time twice; solved 03:00 CET (02:00 UTC)
    const fall = ticket({
      createdAt: "2024-10-27T00:00:00Z",
      statusChanges: [
        change("pending", "2024-10-27T02:30:00+02:00"),
        change("open", "2024-10-27T02:30:00+01:00"),
        change("solved", "2024-10-27T03:00:00+01:00"),
      ],
    });
    expect(statusTime([fall], { statuses: ["pending"] }).value).toBe(3600);
  });

  describe("business time", () => {
    // Created Friday 16:00, pending 17:00 (Friday) → 10:00 Monday, solved Monday 11:00.
    const weekend = ticket({
      createdAt: "2024-03-01T16:00:00Z",
      statusChanges: [
        change("open", "2024-03-01T16:00:00Z"),
        change("pending", "2024-03-01T17:00:00Z"),
        change("open", "2024-03-04T10:00:00Z"),
        change("solved", "2024-03-04T11:00:00Z"),
      ],
    });

    test("counts only working hours of a ticket pending over a weekend", () => {
      // business: Friday 17:00 → 18:00 (3600 s) + Monday 09:00 → 10:00 (3600 s) = 7200 s
      // calendar: Friday 17:00 → Monday 10:00 = 3 × 24 h − 7 h = 65 h = 234000 s
      expect(statusTime([weekend], { statuses: ["pending"], schedule: officeHours() }).value).toBe(
        7200,
      );
      expect(statusTime([weekend], { statuses: ["pending"] }).value).toBe(234000);
      expect(
        statusTime([weekend], { statuses: ["pending"], schedule: officeHours(), clock: "calendar" })
          .value,
      ).toBe(234000);
    });

    test("excludes a ticket no schedule version covers as noSchedule, never 0", () => {
      const fromMonday = officeHours({ validFrom: "2024-03-04T00:00" });
      expect(statusTime([weekend], { statuses: ["pending"], schedule: fromMonday })).toMatchObject({
        value: null,
        n: 0,
        excluded: { ...none, noSchedule: 1 },
      });
      // A ticket with no stay in the statuses spent 0 s in them, whatever the schedule
      expect(statusTime([weekend], { statuses: ["solved"], schedule: fromMonday }).value).toBe(0);
    });

    test('scheduleRule "atEvent" times each stay by the version in force when it ended', () => {
      // Until Monday 00:00: 09:00–18:00; from Monday: 08:00–17:00.
      const versions = hoursChangedOnMonday();
      // pending Friday 16:30 → Monday 08:30
      const t = ticket({
        createdAt: "2024-03-01T16:00:00Z",
        statusChanges: [
          change("pending", "2024-03-01T16:30:00Z"),
          change("open", "2024-03-04T08:30:00Z"),
          change("solved", "2024-03-04T10:00:00Z"),
        ],
      });
      // perSegment: Friday 16:30 → 18:00 by the old hours (5400 s) + Monday 08:00 → 08:30 by
      // the new (1800 s) = 7200 s
      expect(statusTime([t], { statuses: ["pending"], schedule: versions }).value).toBe(7200);
      // atEvent: the stay ended on Monday, so the new hours count throughout: Friday 16:30 →
      // 17:00 (1800 s) + Monday 08:00 → 08:30 (1800 s) = 3600 s
      expect(
        statusTime([t], { statuses: ["pending"], schedule: versions, scheduleRule: "atEvent" })
          .value,
      ).toBe(3600);
    });
  });

  test("statistic picks the headline value", () => {
    const direct = ticket({
      statusChanges: [change("open", "09:00:00"), change("solved", "10:00:00")],
    });
    // 4500 s and 0 s: median 2250, p90 at rank 0.9 → 0 + 0.9 × 4500 = 4050
    expect(
      statusTime([twicePending, direct], { statuses: ["pending"], statistic: "p90" }),
    ).toMatchObject({
      value: 4050,
      statistic: "p90",
      percentiles: "exact",
    });
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a missing option from plain JavaScript
    expect(() => statusTime([], {})).toThrow(
      new TypeError("statusTime: statuses must be a non-empty array of statuses, got undefined"),
    );
    expect(() => statusTime([], { statuses: [] })).toThrow(
      new TypeError("statusTime: statuses must be a non-empty array of statuses, got an array"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => statusTime([], { statuses: ["waiting"] })).toThrow(
      new RangeError(
        'statusTime: statuses[0] must be one of new, open, pending, onHold, solved, closed, got "waiting"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => statusTime([], { statuses: ["open"], resolution: "last" })).toThrow(
      new RangeError('statusTime: resolution must be one of first, full, got "last"'),
    );
    expect(() => statusTime([], { statuses: ["open"], clock: "business" })).toThrow(
      new TypeError('statusTime: clock "business" needs a schedule, got none'),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => statusTime([], { statuses: ["open"], status: ["open"] })).toThrow(
      new TypeError("statusTime: status is not an option of statusTime"),
    );
  });
});
