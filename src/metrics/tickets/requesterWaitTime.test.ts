import { describe, expect, test } from "vitest";
import { oneDuration } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { weekdays } from "../../../test/schedules.ts";
import { change, noStatusTimeExclusions } from "../../../test/statusChanges.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { requesterWaitTime, requesterWaitTimeReducer } from "./requesterWaitTime.ts";

const none = noStatusTimeExclusions;
/** Monday to Friday, 09:00–18:00, in London (UTC+0 until 31 March 2024). */
const officeHours = weekdays("09:00", "18:00");

// Created 09:00: new → open 09:10, pending 10:00, open 12:00, on hold 12:30, open 13:00,
// solved 13:30, reopened 15:00, solved 15:20.
const lifecycle = ticket({
  statusChanges: [
    change("open", "09:10:00"),
    change("pending", "10:00:00"),
    change("open", "12:00:00"),
    change("onHold", "12:30:00"),
    change("open", "13:00:00"),
    change("solved", "13:30:00"),
    change("open", "15:00:00"),
    change("solved", "15:20:00"),
  ],
});

describe("requesterWaitTime", () => {
  test("sums the time new, open and on hold until the latest resolution", () => {
    // new 09:00–09:10 (600) + open 09:10–10:00 (3000) + open 12:00–12:30 (1800)
    // + on hold 12:30–13:00 (1800) + open 13:00–13:30 (1800) + open 15:00–15:20 (1200)
    // = 10200 s; pending (2 h) and solved (1.5 h) do not count
    expect(requesterWaitTime([lifecycle])).toEqual(oneDuration(10200, none));
  });

  test('resolution "first" stops at the first solve', () => {
    // 10200 − the 1200 s after the reopen = 9000 s
    expect(requesterWaitTime([lifecycle], { resolution: "first" }).value).toBe(9000);
  });

  test("has no value with no ticket", () => {
    expect(requesterWaitTime([])).toMatchObject({ value: null, n: 0, excluded: none });
  });

  test("counts the time before the first recorded change as new", () => {
    // created 09:00, first change pending at 09:45, open 10:00, solved 10:30: 2700 + 1800 = 4500 s
    const late = ticket({
      statusChanges: [
        change("pending", "09:45:00"),
        change("open", "10:00:00"),
        change("solved", "10:30:00"),
      ],
    });
    expect(requesterWaitTime([late]).value).toBe(4500);
  });

  test("excludes unresolved tickets and tickets without status history", () => {
    const open = ticket({ statusChanges: [change("open", "09:10:00")] });
    const flat = ticket({ lastResolvedAt: "2024-03-01T10:00:00Z" });
    expect(requesterWaitTime([lifecycle, open, flat])).toMatchObject({
      value: 10200,
      n: 1,
      excluded: { unresolved: 1, noStatusHistory: 1, noSchedule: 0 },
    });
  });

  test("is placed by the latest resolution by default", () => {
    expect(requesterWaitTimeReducer().timeOf(lifecycle)).toEqual(new Date("2024-03-01T15:20:00Z"));
    expect(requesterWaitTimeReducer({ resolution: "first" }).timeOf(lifecycle)).toEqual(
      new Date("2024-03-01T13:30:00Z"),
    );
    const rows = rollup([lifecycle], {
      by: { period: "day" },
      metrics: { w: requesterWaitTimeReducer() },
    });
    expect(rows.map((row) => [row.period?.label, row.w.value])).toEqual([["2024-03-01", 10200]]);
  });

  test("counts working hours only with a schedule, across a weekend", () => {
    // Created Friday 17:00, open until solved Monday 10:00:
    // business: Friday 17:00–18:00 (3600) + Monday 09:00–10:00 (3600) = 7200 s
    // calendar: Friday 17:00 → Monday 10:00 = 65 h = 234000 s
    const weekend = ticket({
      createdAt: "2024-03-01T17:00:00Z",
      statusChanges: [
        change("open", "2024-03-01T17:00:00Z"),
        change("solved", "2024-03-04T10:00:00Z"),
      ],
    });
    expect(requesterWaitTime([weekend], { schedule: officeHours }).value).toBe(7200);
    expect(requesterWaitTime([weekend]).value).toBe(234000);
  });

  test("names itself in its errors", () => {
    expect(() => requesterWaitTime([], { clock: "business" })).toThrow(
      new TypeError('requesterWaitTime: clock "business" needs a schedule, got none'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => requesterWaitTime([], { statistic: "max" })).toThrow(
      new RangeError(
        'requesterWaitTime: statistic must be one of mean, median, p90, p95, got "max"',
      ),
    );
  });
});
