import { describe, expect, test } from "vitest";
import { noDurations } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { hoursChangedOnMonday, weekdays } from "../../../test/schedules.ts";
import { change } from "../../../test/statusChanges.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { schedule } from "../../time/schedule.ts";
import { resolveMetric } from "../define.ts";
import {
  fullResolutionTimeMetric,
  resolutionTime,
  resolutionTimeMetric,
  resolutionTimeReducer,
} from "./resolutionTime.ts";

const none = {
  unresolved: 0,
  noReply: 0,
  unknownReplyCount: 0,
  noStatusHistory: 0,
  noSchedule: 0,
};
/** A ticket created at 09:00 on 2024-03-01 and solved at `iso`. */
const solvedAt = (iso: string) => ticket({ firstResolvedAt: iso });

// Created 09:00, solved 10:00, reopened 12:00, solved again 13:00.
const reopened = ticket({
  statusChanges: [
    change("open", "09:00:00"),
    change("solved", "10:00:00"),
    change("open", "12:00:00"),
    change("solved", "13:00:00"),
  ],
});

describe("resolutionTime", () => {
  test("averages the seconds from creation to first resolution", () => {
    // created 09:00: solved 11:00 (7200 s), next day 09:00 (86400 s), 09:30 (1800 s)
    // mean (7200 + 86400 + 1800) / 3 = 95400 / 3 = 31800 s; sorted 1800, 7200, 86400:
    // p90 at rank 1.8 → 7200 + 0.8 × 79200 = 70560; p95 at 1.9 → 7200 + 0.9 × 79200 = 78480
    const tickets = [
      solvedAt("2024-03-01T11:00:00Z"),
      solvedAt("2024-03-02T09:00:00Z"),
      solvedAt("2024-03-01T09:30:00Z"),
    ];
    const result = resolutionTime(tickets);
    expect(result).toEqual({
      value: 31800,
      statistic: "mean",
      percentiles: "exact",
      n: 3,
      sum: 95400,
      mean: 31800,
      median: 7200,
      p90: result.p90,
      p95: result.p95,
      min: 1800,
      max: 86400,
      excluded: none,
    });
    expect(result.p90).toBeCloseTo(70560, 6);
    expect(result.p95).toBeCloseTo(78480, 6);
  });

  test("has no value with no ticket", () => {
    expect(resolutionTime([])).toEqual(noDurations(none));
  });

  test("a single ticket is its own resolution time", () => {
    expect(resolutionTime([solvedAt("2024-03-01T09:45:00Z")])).toMatchObject({
      value: 2700,
      n: 1,
      median: 2700,
      p90: 2700,
    });
  });

  test("excludes unresolved tickets as unresolved", () => {
    expect(resolutionTime([ticket(), ticket({ status: "pending" })])).toMatchObject({
      value: null,
      n: 0,
      excluded: { ...none, unresolved: 2 },
    });
  });

  test('resolution "first" stops at the first solve, "full" at the latest', () => {
    // first: 09:00 → 10:00 = 3600 s; full: 09:00 → 13:00 = 14400 s (time solved included)
    expect(resolutionTime([reopened]).value).toBe(3600);
    expect(resolutionTime([reopened], { resolution: "full" }).value).toBe(14400);
  });

  test("is placed in a period by the resolution that ends the clock", () => {
    const reopenedLater = ticket({
      statusChanges: [
        change("solved", "10:00:00"),
        change("open", "2024-03-03T09:00:00Z"),
        change("solved", "2024-03-04T09:00:00Z"),
      ],
    });
    expect(resolutionTimeReducer().timeOf(reopenedLater)).toEqual(new Date("2024-03-01T10:00:00Z"));
    const by = { period: "day" as const };
    const first = rollup([reopenedLater, ticket()], {
      by,
      metrics: { r: resolutionTimeReducer() },
    });
    const full = rollup([reopenedLater], {
      by,
      metrics: { r: resolutionTimeReducer({ resolution: "full" }) },
    });
    // The unresolved ticket lands in the row without a period, where it is counted
    expect(
      first.map((row) => [row.period?.label ?? null, row.r.value, row.r.excluded.unresolved]),
    ).toEqual([
      ["2024-03-01", 3600, 0],
      [null, null, 1],
    ]);
    // 09:00 on March 1 → 09:00 on March 4 = 3 days = 259200 s
    expect(full.map((row) => [row.period?.label, row.r.value])).toEqual([["2024-03-04", 259200]]);
  });

  test("has two catalogue entries, to the first and to the latest resolution", () => {
    // first: 09:00 → 10:00 = 3600 s; the full entry fixes resolution "full", whatever it is
    // given: 09:00 → 13:00 = 14400 s
    const first = resolutionTimeMetric.reducer();
    const full = fullResolutionTimeMetric.reducer({ resolution: "first" });
    expect(
      rollup([reopened], { metrics: { first, full } }).map((row) => [
        row.first.value,
        row.full.value,
      ]),
    ).toEqual([[3600, 14400]]);
    // each is placed by the resolution that ends its clock
    expect(resolveMetric(resolutionTimeMetric).placement).toEqual({
      by: "instant",
      field: "firstResolvedAt",
    });
    expect(resolveMetric(resolutionTimeMetric, { resolution: "full" }).placement).toEqual({
      by: "instant",
      field: "lastResolvedAt",
    });
    expect(resolveMetric(fullResolutionTimeMetric).placement).toEqual({
      by: "instant",
      field: "lastResolvedAt",
    });
    expect([resolutionTimeMetric.name, fullResolutionTimeMetric.name]).toEqual([
      "resolution",
      "full-resolution",
    ]);
  });

  describe("pauseWhilePending", () => {
    test("subtracts the time spent pending or on hold", () => {
      // 09:00 → 13:00 = 4 h; pending 10:00 → 12:00 = 2 h paused → 2 h = 7200 s
      const waited = ticket({
        statusChanges: [
          change("open", "09:00:00"),
          change("pending", "10:00:00"),
          change("open", "12:00:00"),
          change("solved", "13:00:00"),
        ],
      });
      expect(resolutionTime([waited]).value).toBe(14400);
      expect(resolutionTime([waited], { pauseWhilePending: true }).value).toBe(7200);
    });

    test("pausedStatuses chooses which statuses stop the clock", () => {
      // 09:00 → 12:00 = 10800 s; pending 10:00-11:00 (3600 s), on hold 11:00-11:30 (1800 s)
      const waited = ticket({
        statusChanges: [
          change("open", "09:00:00"),
          change("pending", "10:00:00"),
          change("onHold", "11:00:00"),
          change("open", "11:30:00"),
          change("solved", "12:00:00"),
        ],
      });
      // default pending + onHold: 10800 − 3600 − 1800 = 5400
      expect(resolutionTime([waited], { pauseWhilePending: true }).value).toBe(5400);
      // only onHold: 10800 − 1800 = 9000
      expect(
        resolutionTime([waited], { pauseWhilePending: true, pausedStatuses: ["onHold"] }).value,
      ).toBe(9000);
      // nothing paused: calendar time
      expect(resolutionTime([waited], { pauseWhilePending: true, pausedStatuses: [] }).value).toBe(
        10800,
      );
      // pausedStatuses alone does nothing
      expect(resolutionTime([waited], { pausedStatuses: ["onHold"] }).value).toBe(10800);
    });

    test('with resolution "full", pausing "solved" leaves out the time before a reopen', () => {
      // full 14400 s, of which solved 10:00 → 12:00 = 7200 s → 7200 s
      expect(
        resolutionTime([reopened], {
          resolution: "full",
          pauseWhilePending: true,
          pausedStatuses: ["pending", "onHold", "solved"],
        }).value,
      ).toBe(7200);
    });

    test("time paused after the chosen resolution does not count", () => {
      // solved 10:00, reopened 12:00, pending 12:30, solved 14:00
      const changes = ticket({
        statusChanges: [
          change("solved", "10:00:00"),
          change("open", "12:00:00"),
          change("pending", "12:30:00"),
          change("solved", "14:00:00"),
        ],
      });
      // first: 09:00 → 10:00 = 3600 s, nothing paused before it
      expect(resolutionTime([changes], { pauseWhilePending: true }).value).toBe(3600);
      // full: 09:00 → 14:00 = 18000 s, pending 12:30 → 14:00 = 5400 s → 12600 s
      expect(resolutionTime([changes], { pauseWhilePending: true, resolution: "full" }).value).toBe(
        12600,
      );
    });

    test("before its first recorded change a ticket is not paused", () => {
      // created 09:00, pending 09:30 → 10:30, solved 11:00: 7200 − 3600 = 3600 s
      const late = ticket({
        statusChanges: [
          change("pending", "09:30:00"),
          change("open", "10:30:00"),
          change("solved", "11:00:00"),
        ],
      });
      expect(resolutionTime([late], { pauseWhilePending: true }).value).toBe(3600);
    });

    test('before its first change a ticket is "new", paused only if "new" is', () => {
      // created 09:00, first change open at 09:30, solved 10:00: new 09:00–09:30 = 1800 s
      const late = ticket({
        statusChanges: [change("open", "09:30:00"), change("solved", "10:00:00")],
      });
      expect(
        resolutionTime([late], { pauseWhilePending: true, pausedStatuses: ["new"] }).value,
      ).toBe(1800);
    });

    test("excludes a ticket without status history as noStatusHistory, never unpaused", () => {
      const flat = solvedAt("2024-03-01T11:00:00Z");
      expect(resolutionTime([flat], { pauseWhilePending: true })).toMatchObject({
        value: null,
        excluded: { ...none, noStatusHistory: 1 },
      });
      const emptyHistory = ticket({ firstResolvedAt: "2024-03-01T11:00:00Z", statusChanges: [] });
      expect(
        resolutionTime([emptyHistory], { pauseWhilePending: true }).excluded.noStatusHistory,
      ).toBe(1);
      // Without the option it is measured in calendar time
      expect(resolutionTime([flat]).value).toBe(7200);
    });

    test("pauses real elapsed time across the New York fall DST change", () => {
      // 2024-11-03: created 00:00 EDT (04:00 UTC), pending 01:00 EDT (05:00 UTC), open again
      // 01:00 EST (06:00 UTC, one real hour later), solved 02:00 EST (07:00 UTC):
      // 3 real hours = 10800 s, 1 h pending → 7200 s
      const fall = ticket({
        createdAt: "2024-11-03T00:00:00-04:00",
        statusChanges: [
          change("pending", "2024-11-03T01:00:00-04:00"),
          change("open", "2024-11-03T01:00:00-05:00"),
          change("solved", "2024-11-03T02:00:00-05:00"),
        ],
      });
      expect(resolutionTime([fall]).value).toBe(10800);
      expect(resolutionTime([fall], { pauseWhilePending: true }).value).toBe(7200);
    });
  });

  describe("business time", () => {
    const office = weekdays("09:00", "18:00");
    // Created Friday 2024-03-01 16:00, pending Friday 17:00 → Monday 10:00, solved Monday 11:00
    const weekend = ticket({
      createdAt: "2024-03-01T16:00:00Z",
      statusChanges: [
        change("open", "2024-03-01T16:00:00Z"),
        change("pending", "2024-03-01T17:00:00Z"),
        change("open", "2024-03-04T10:00:00Z"),
        change("solved", "2024-03-04T11:00:00Z"),
      ],
    });

    test("counts working hours only", () => {
      // business: Friday 16:00 → 18:00 (7200 s) + Monday 09:00 → 11:00 (7200 s) = 14400 s
      // calendar: Friday 16:00 → Monday 11:00 = 67 h = 241200 s
      expect(resolutionTime([weekend], { schedule: office })).toMatchObject({
        value: 14_400,
        excluded: none,
      });
      expect(resolutionTime([weekend]).value).toBe(241_200);
    });

    test("pauses a ticket pending over a weekend by its business seconds", () => {
      // paused Friday 17:00 → Monday 10:00 holds 1 h on Friday and 1 h on Monday of working
      // time: 14400 − 7200 = 7200 s (running: Friday 16:00–17:00 and Monday 10:00–11:00)
      expect(resolutionTime([weekend], { schedule: office, pauseWhilePending: true }).value).toBe(
        7200,
      );
      // calendar: 241200 − 65 h pending (234000 s) = 7200 s as well
      expect(resolutionTime([weekend], { pauseWhilePending: true }).value).toBe(7200);
    });

    test("the two schedule rules, with and without pauses", () => {
      // Until Monday 00:00: 09:00–18:00; from Monday: 08:00–17:00
      const versions = hoursChangedOnMonday();
      // perSegment: Friday 16:00–18:00 old hours (7200) + Monday 08:00–11:00 new (10800) = 18000
      expect(resolutionTime([weekend], { schedule: versions }).value).toBe(18_000);
      // atEvent: the hours in force at the resolution (08:00–17:00) for the whole span:
      // Friday 16:00–17:00 (3600) + Monday 08:00–11:00 (10800) = 14400
      expect(resolutionTime([weekend], { schedule: versions, scheduleRule: "atEvent" }).value).toBe(
        14_400,
      );
      // Paused (pending Friday 17:00 → Monday 10:00), the running parts are Friday 16:00–17:00
      // and Monday 10:00–11:00, 3600 s each under either rule: 7200 s
      expect(resolutionTime([weekend], { schedule: versions, pauseWhilePending: true }).value).toBe(
        7200,
      );
      expect(
        resolutionTime([weekend], {
          schedule: versions,
          scheduleRule: "atEvent",
          pauseWhilePending: true,
        }).value,
      ).toBe(7200);
      // With a pause that is cut by the change, the rules differ: pending Friday 16:30 →
      // Monday 08:30, so the running parts are Friday 16:00–16:30 and Monday 08:30–11:00.
      const cut = ticket({
        createdAt: "2024-03-01T16:00:00Z",
        statusChanges: [
          change("pending", "2024-03-01T16:30:00Z"),
          change("open", "2024-03-04T08:30:00Z"),
          change("solved", "2024-03-04T11:00:00Z"),
        ],
      });
      // Running: perSegment 1800 (old hours) + 9000 (new) = 10800; atEvent, new hours
      // throughout, also 1800 + 9000 = 10800. What differs is the time paused: perSegment
      // 18000 − 10800 = 7200 s (Friday 16:30–18:00 and Monday 08:00–08:30); atEvent, of a
      // total of 14400, 14400 − 10800 = 3600 s (Friday 16:30–17:00 and Monday 08:00–08:30)
      const paused = (scheduleRule: "perSegment" | "atEvent") =>
        resolutionTime([cut], { schedule: versions, scheduleRule }).value! -
        resolutionTime([cut], { schedule: versions, scheduleRule, pauseWhilePending: true }).value!;
      expect(resolutionTime([cut], { schedule: versions, pauseWhilePending: true }).value).toBe(
        10_800,
      );
      expect(paused("perSegment")).toBe(7200);
      expect(paused("atEvent")).toBe(3600);
    });

    test("excludes a ticket without a schedule in force as noSchedule, paused or not", () => {
      const fromMonday = weekdays("09:00", "18:00", { validFrom: "2024-03-04T00:00" });
      expect(resolutionTime([weekend], { schedule: fromMonday })).toMatchObject({
        value: null,
        excluded: { ...none, noSchedule: 1 },
      });
      expect(
        resolutionTime([weekend], { schedule: fromMonday, pauseWhilePending: true }).excluded,
      ).toEqual({ ...none, noSchedule: 1 });
      // Checked last: an unresolved ticket is still unresolved
      expect(resolutionTime([ticket()], { schedule: fromMonday }).excluded).toEqual({
        ...none,
        unresolved: 1,
      });
    });

    test("pauses business time across the Berlin autumn DST change", () => {
      // Sundays 01:00–04:00 in Berlin; on 2024-10-27 the range holds 4 real hours (03:00 CEST
      // falls back to 02:00 CET). Created 00:30 CEST (Saturday 22:30 UTC), pending 02:30 CEST
      // (00:30 UTC) → 02:30 CET (01:30 UTC), solved 05:00 CET (04:00 UTC).
      const sundays = schedule({
        timeZone: "Europe/Berlin",
        weekly: { sunday: [{ start: "01:00", end: "04:00" }] },
      });
      const fall = ticket({
        createdAt: "2024-10-27T00:30:00+02:00",
        statusChanges: [
          change("pending", "2024-10-27T02:30:00+02:00"),
          change("open", "2024-10-27T02:30:00+01:00"),
          change("solved", "2024-10-27T05:00:00+01:00"),
        ],
      });
      // business: 01:00 CEST (23:00 UTC) → 04:00 CET (03:00 UTC) = 4 h = 14400 s;
      // paused 00:30 → 01:30 UTC = 3600 s, all inside the range → 10800 s
      expect(resolutionTime([fall], { schedule: sundays }).value).toBe(14_400);
      expect(resolutionTime([fall], { schedule: sundays, pauseWhilePending: true }).value).toBe(
        10_800,
      );
    });

    test("rejects a business clock without a schedule", () => {
      expect(() => resolutionTime([], { clock: "business" })).toThrow(
        new TypeError('resolutionTime: clock "business" needs a schedule, got none'),
      );
    });
  });

  describe("requireAgentReply (Help Scout)", () => {
    const replied = ticket({ firstResolvedAt: "2024-03-01T10:00:00Z", agentReplyCount: 2 });
    const silent = ticket({ firstResolvedAt: "2024-03-01T10:00:00Z", agentReplyCount: 0 });
    const flatReply = ticket({
      firstResolvedAt: "2024-03-01T11:00:00Z",
      firstResponseAt: "2024-03-01T09:30:00Z",
    });
    // resolved at 10:00 (3600 s), not 11:00 like flatReply (7200 s): a test that swapped which
    // of the two counts would otherwise see the same value
    const unknown = ticket({ firstResolvedAt: "2024-03-01T10:00:00Z" });

    test("by default a ticket solved without a reply counts", () => {
      expect(resolutionTime([replied, silent, unknown])).toMatchObject({ n: 3, excluded: none });
    });

    test("excludes tickets solved without any agent reply as noReply", () => {
      expect(resolutionTime([replied, silent], { requireAgentReply: true })).toMatchObject({
        value: 3600,
        n: 1,
        excluded: { ...none, noReply: 1 },
      });
    });

    test("an unknown reply count is read from firstResponseAt, or excluded as unknownReplyCount", () => {
      expect(resolutionTime([flatReply, unknown], { requireAgentReply: true })).toMatchObject({
        value: 7200,
        n: 1,
        excluded: { ...none, unknownReplyCount: 1 },
      });
    });

    test("reply counts derived from messages ignore notes and automation", () => {
      const autoOnly = ticket({
        firstResolvedAt: "2024-03-01T10:00:00Z",
        messages: [
          { at: "2024-03-01T09:00:00Z", authorRole: "customer" },
          { at: "2024-03-01T09:01:00Z", authorRole: "agent", automated: true },
          { at: "2024-03-01T09:02:00Z", authorRole: "agent", public: false },
        ],
      });
      expect(resolutionTime([autoOnly], { requireAgentReply: true }).excluded.noReply).toBe(1);
    });

    test("an unresolved ticket is unresolved before anything else", () => {
      expect(
        resolutionTime([ticket({ agentReplyCount: 0 })], {
          requireAgentReply: true,
          pauseWhilePending: true,
        }).excluded,
      ).toEqual({ ...none, unresolved: 1 });
    });
  });

  test("statistic picks the headline value", () => {
    const tickets = [solvedAt("2024-03-01T09:10:00Z"), solvedAt("2024-03-01T09:20:00Z")];
    // 600 s and 1200 s: median 900, p95 at rank 0.95 → 600 + 0.95 × 600 = 1170
    expect(resolutionTime(tickets, { statistic: "median" })).toMatchObject({
      value: 900,
      statistic: "median",
      percentiles: "exact",
    });
    expect(resolutionTime(tickets, { statistic: "p95" }).value).toBeCloseTo(1170, 9);
  });

  test("counts real elapsed seconds across the New York spring DST change", () => {
    // 2024-03-10 01:30 EST → 03:30 EDT = 3600 s
    const spring = ticket({
      createdAt: "2024-03-10T01:30:00-05:00",
      firstResolvedAt: "2024-03-10T03:30:00-04:00",
    });
    expect(resolutionTime([spring]).value).toBe(3600);
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { resolution: "last" })).toThrow(
      new RangeError('resolutionTime: resolution must be one of first, full, got "last"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { pausedStatuses: ["waiting"] })).toThrow(
      new RangeError(
        'resolutionTime: pausedStatuses[0] must be one of new, open, pending, onHold, solved, closed, got "waiting"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { pausedStatuses: "pending" })).toThrow(
      new TypeError('resolutionTime: pausedStatuses must be an array of statuses, got "pending"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { pauseWhilePending: "yes" })).toThrow(
      new TypeError('resolutionTime: pauseWhilePending must be a boolean, got "yes"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { requireAgentReply: 1 })).toThrow(
      new TypeError("resolutionTime: requireAgentReply must be a boolean, got 1"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => resolutionTime([], { statistic: "max" })).toThrow(
      new RangeError('resolutionTime: statistic must be one of mean, median, p90, p95, got "max"'),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => resolutionTime([], { pauseWhilePaused: true })).toThrow(
      new TypeError("resolutionTime: pauseWhilePaused is not an option of resolutionTime"),
    );
  });

  test("an unchecked record's bad field is named, the resolution field of the kind asked", () => {
    const createdAt = new Date("2024-03-01T09:00:00Z");
    const unchecked = (fields: object) => [{ createdAt, ...fields }] as never;
    expect(() => resolutionTime(unchecked({ firstResolvedAt: "2024-03-01" }))).toThrow(
      new TypeError(
        'resolutionTime: record 0 field "firstResolvedAt" must be a valid Date or null, got "2024-03-01"',
      ),
    );
    expect(() =>
      resolutionTime(unchecked({ lastResolvedAt: "2024-03-02" }), { resolution: "full" }),
    ).toThrow(
      new TypeError(
        'resolutionTime: record 0 field "lastResolvedAt" must be a valid Date or null, got "2024-03-02"',
      ),
    );
    const resolved = new Date("2024-03-01T10:00:00Z");
    expect(() =>
      resolutionTime(unchecked({ createdAt: new Date(Number.NaN), firstResolvedAt: resolved })),
    ).toThrow(
      new TypeError(
        'resolutionTime: record 0 field "createdAt" must be a valid Date, got Invalid Date',
      ),
    );
    // created after its own resolution: an error, not a negative duration
    expect(() =>
      resolutionTime(
        unchecked({ createdAt: new Date("2024-03-01T11:00:00Z"), firstResolvedAt: resolved }),
      ),
    ).toThrow(
      new TypeError(
        'resolutionTime: record 0 field "createdAt" must be at or before the resolution, got 2024-03-01T11:00:00.000Z',
      ),
    );
    // at the resolution instant itself: 0 s
    expect(resolutionTime(unchecked({ firstResolvedAt: createdAt })).value).toBe(0);
  });
});
