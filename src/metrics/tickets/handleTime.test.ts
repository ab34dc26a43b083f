import { describe, expect, test } from "vitest";
import { noDurations } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { schedule } from "../../time/schedule.ts";
import { handleTime, handleTimeReducer } from "./handleTime.ts";

/** A ticket solved at 17:00 on 2024-03-01 after `seconds` of agent work. */
const handled = (seconds: number | null) =>
  ticket({ handleSeconds: seconds, lastResolvedAt: "2024-03-01T17:00:00Z" });

describe("handleTime", () => {
  test("average handle time is total handle seconds / tickets handled", () => {
    // 5 min, 7 min, 10 min: (300 + 420 + 600) / 3 = 1320 / 3 = 440 s; sorted 300, 420, 600:
    // median 420, p90 at rank 1.8 → 420 + 0.8 × 180 = 564, p95 at 1.9 → 420 + 0.9 × 180 = 582
    const result = handleTime([handled(300), handled(420), handled(600)]);
    expect(result).toEqual({
      value: 440,
      statistic: "mean",
      percentiles: "exact",
      n: 3,
      sum: 1320,
      mean: 440,
      median: 420,
      p90: result.p90,
      p95: result.p95,
      min: 300,
      max: 600,
      excluded: { noHandleTime: 0 },
    });
    expect(result.p90).toBeCloseTo(564, 9);
    expect(result.p95).toBeCloseTo(582, 9);
  });

  test("has no value with no ticket", () => {
    expect(handleTime([])).toEqual(noDurations({ noHandleTime: 0 }));
  });

  test("a single ticket is its own handle time, and a recorded 0 counts", () => {
    expect(handleTime([handled(900)])).toMatchObject({ value: 900, n: 1 });
    // (0 + 600) / 2 = 300 s
    expect(handleTime([handled(0), handled(600)])).toMatchObject({ value: 300, n: 2, min: 0 });
  });

  test("excludes tickets without a recorded handle time as noHandleTime", () => {
    expect(handleTime([handled(null), ticket()])).toMatchObject({
      value: null,
      n: 0,
      excluded: { noHandleTime: 2 },
    });
    expect(handleTime([handled(null), handled(300)])).toMatchObject({
      value: 300,
      excluded: { noHandleTime: 1 },
    });
  });

  test("statistic picks the headline value", () => {
    const tickets = [handled(300), handled(420), handled(600)];
    expect(handleTime(tickets, { statistic: "median" })).toMatchObject({
      value: 420,
      statistic: "median",
      percentiles: "exact",
      mean: 440,
    });
    expect(handleTime(tickets, { statistic: "p90" }).value).toBeCloseTo(564, 9);
  });

  test("counts a handled ticket not yet resolved in a plain call", () => {
    const open = ticket({ handleSeconds: 1200 });
    // (300 + 1200) / 2 = 750 s
    expect(handleTime([handled(300), open])).toMatchObject({ value: 750, n: 2 });
  });

  test("is placed by the latest resolution; unresolved tickets land in the row without a period", () => {
    const reopened = ticket({
      handleSeconds: 600,
      firstResolvedAt: "2024-03-01T10:00:00Z",
      lastResolvedAt: "2024-03-03T10:00:00Z",
    });
    const open = ticket({ handleSeconds: 1200 });
    expect(handleTimeReducer().timeOf(reopened)).toEqual(new Date("2024-03-03T10:00:00Z"));
    expect(handleTimeReducer().timeOf(open)).toBeNull();
    const rows = rollup([reopened, handled(300), open], {
      by: { period: "day" },
      metrics: { aht: handleTimeReducer() },
    });
    expect(rows.map((row) => [row.period?.label ?? null, row.aht.value, row.aht.n])).toEqual([
      ["2024-03-01", 300, 1],
      ["2024-03-03", 600, 1],
      [null, 1200, 1],
    ]);
  });

  test("takes the calendar clock only: recorded work seconds are not a span to re-time", () => {
    expect(handleTime([handled(300)], { clock: "calendar" }).value).toBe(300);
    // @ts-expect-error: business time does not apply to handle time
    expect(() => handleTime([], { clock: "business" })).toThrow(
      new RangeError(
        'handleTime: clock must be "calendar" (handle time is recorded work seconds, not a span that business hours could re-time), got "business"',
      ),
    );
    const office = schedule({
      timeZone: "UTC",
      weekly: { monday: [{ start: "09:00", end: "17:00" }] },
    });
    // @ts-expect-error: a schedule does not apply to handle time
    expect(() => handleTimeReducer({ schedule: office })).toThrow(
      new TypeError(
        "handleTime: schedule must be left out (handle time is recorded work seconds, not a span that business hours could re-time), got an object",
      ),
    );
  });

  test("rejects an unknown statistic, and an option it does not take", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => handleTime([], { statistic: "total" })).toThrow(
      new RangeError('handleTime: statistic must be one of mean, median, p90, p95, got "total"'),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => handleTime([], { statistics: "median" })).toThrow(
      new TypeError("handleTime: statistics is not an option of handleTime"),
    );
  });
});
