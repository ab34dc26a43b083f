/**
 * Issue 12: nothing bounded periods × keys, and `--by day,channel --from 1024-01-01 --to
 * 2024-01-01` died out of memory after 85 s. Each case that made rows without bound has a
 * timeout, so a regression fails instead of running the suite out of memory.
 */
import { describe, expect, test, vi } from "vitest";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { stateFromJSON, stateToJSON } from "../reduce/serialize.ts";
import { period } from "../time/period.ts";
import { rollup, rollupReducer } from "./rollup.ts";
import { DEFAULT_MAX_ROWS, periodsBetween, RowLimitError, rowCountOf } from "./rowLimit.ts";

const QUICK = 10_000;

const ticket = (createdAt: string, channel: string, resolvedAt: string | null = null) => ({
  createdAt: new Date(createdAt),
  channel,
  status: resolvedAt === null ? "open" : "solved",
  firstResolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
  lastResolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
  statusHistory: null,
  firstResponseAt: null,
});

type Ticket = ReturnType<typeof ticket>;
const channelOf = (record: Ticket) => record.channel;

/** The error a call throws (or fails the test). */
function thrown(run: () => unknown): RowLimitError {
  try {
    run();
  } catch (error) {
    return error as RowLimitError;
  }
  throw new Error("expected a RowLimitError");
}

describe("periodsBetween", () => {
  test("1024-01-01 to 2024-01-01 by day: 365,243 days (1000 × 365 + 243 leap days)", () => {
    // Leap years 1024-2023: 250 multiples of 4, less 1100, 1300, 1400, 1500, 1700, 1800, 1900.
    const day = period("day", { timeZone: "UTC" });
    const first = Date.parse("1024-01-01T00:00:00Z");
    const last = day.floor(Date.parse("2024-01-01T00:00:00Z") - 1);
    expect(periodsBetween(day, first, last)).toBe(365_243);
  });

  test.each([
    ["month", 9999 * 12],
    ["quarter", 9999 * 4],
    ["year", 9999],
    // Days 0001-01-01 to 9999-12-31: 9999 × 365 + 2424 leap days (2499 − 100 + 25);
    ["day", 3_652_059],
    // 0001-01-01 is a Monday: day 3,652,058 (9999-12-31) is in week ⌊3,652,058 / 7⌋ = 521,722.
    ["isoWeek", 521_723],
  ] as const)("0001 to 9999 by %s in Berlin: %i", (unit, count) => {
    const p = period(unit, { timeZone: "Europe/Berlin" });
    const first = p.floor(Date.parse("0001-01-01T12:00:00Z"));
    const last = p.floor(Date.parse("9999-12-31T12:00:00Z"));
    expect(periodsBetween(p, first, last)).toBe(count);
  });

  test("is 0 when the last period is before the first", () => {
    const month = period("month", { timeZone: "UTC" });
    expect(periodsBetween(month, Date.UTC(2024, 1, 1), Date.UTC(2024, 0, 1))).toBe(0);
  });
});

describe("maxRows (issue 12)", () => {
  test(
    "a range of more periods than maxRows is refused when the rollup is built",
    () => {
      const error = thrown(() =>
        rollupReducer<Ticket, { volume: ReturnType<typeof ticketVolumeReducer> }>({
          by: { period: "day", channel: channelOf },
          range: { start: "1024-01-01", end: "2024-01-01" },
          metrics: { volume: ticketVolumeReducer() },
        }),
      );
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(
        "rollup: range must hold at most maxRows (100000) periods, got 365243 days; group by a longer period, fewer keys or a shorter range, or raise maxRows (docs/periods.md, Limits)",
      );
    },
    QUICK,
  );

  test(
    "periods × key combinations past maxRows stop the pass at the combination that passes it",
    () => {
      // 1900-2024 by day: 45,290 days, under the bound; a second channel makes 90,580 rows,
      // a third 135,870, over it.
      const reducer = rollupReducer<Ticket, { volume: ReturnType<typeof ticketVolumeReducer> }>({
        by: { period: "day", channel: channelOf },
        range: { start: "1900-01-01", end: "2024-01-01" },
        metrics: { volume: ticketVolumeReducer() },
      });
      const state = reducer.init();
      reducer.add(state, ticket("2023-05-01T00:00:00Z", "chat"), undefined);
      reducer.add(state, ticket("2023-05-01T00:00:00Z", "email"), undefined);
      const error = thrown(() =>
        reducer.add(state, ticket("2023-05-01T00:00:00Z", "phone"), undefined),
      );
      expect([error.rows, error.maxRows]).toEqual([3 * 45_290, DEFAULT_MAX_ROWS]);
      expect(error.message).toMatch(/^rollup: rows \(periods × key combinations\) must be at most/);
    },
    QUICK,
  );

  test(
    "an open backlog ticket from 1024 beside one in 2024, without a range: refused at result",
    () => {
      // Without a range the rows run from the first period to the last, made at `result`.
      const error = thrown(() =>
        rollup([ticket("1024-03-01T00:00:00Z", "chat"), ticket("2024-03-01T00:00:00Z", "chat")], {
          by: { period: "day" },
          maxRows: 2000,
          metrics: { backlog: backlogReducer() as never },
        }),
      );
      expect(error).toBeInstanceOf(RowLimitError);
      expect(error.rows).toBe(2001);
    },
    QUICK,
  );

  test(
    "a ticket open since the year 1, by month: refused before the months are made",
    () => {
      // 0001-01 to 2024-03 is 24,279 months, past maxRows (1,000) at once. Making the months
      // one by one first asked Intl for New York's offsets in each far month, one call at a
      // time: 15 s for the default maxRows. Up front, a few calls place the two tickets.
      const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
      try {
        const error = thrown(() =>
          rollup([ticket("0001-01-01T05:00:00Z", "chat"), ticket("2024-03-01T00:00:00Z", "chat")], {
            by: { period: "month" },
            timeZone: "America/New_York",
            maxRows: 1000,
            metrics: { backlog: backlogReducer() as never },
          }),
        );
        expect(error).toBeInstanceOf(RowLimitError);
        expect(error.rows).toBe(1001);
        expect(formatToParts.mock.calls.length).toBeLessThan(100);
      } finally {
        formatToParts.mockRestore();
      }
    },
    QUICK,
  );

  test(
    "a closed stock span over centuries stops while it is placed",
    () => {
      const reducer = rollupReducer({
        by: { period: "day" },
        maxRows: 1000,
        metrics: { backlog: backlogReducer() as never },
      });
      const state = reducer.init();
      const long = ticket("1024-03-01T00:00:00Z", "chat", "2024-03-01T00:00:00Z");
      expect(thrown(() => reducer.add(state, long, undefined)).rows).toBe(1001);
      // Refused before any of its days was made, not after the first thousand.
      expect(rowCountOf(state).n).toBe(0);
    },
    QUICK,
  );

  test("exactly maxRows rows are made; one more is refused", () => {
    // January 2024 by day, two channels: 31 × 2 = 62 rows.
    const records = [ticket("2024-01-05T00:00:00Z", "chat"), ticket("2024-01-09T00:00:00Z", "web")];
    const options = {
      by: { period: "day" as const, channel: channelOf },
      range: { start: "2024-01-01", end: "2024-02-01" },
      metrics: { volume: ticketVolumeReducer() },
    };
    expect(rollup(records, { ...options, maxRows: 62 })).toHaveLength(62);
    expect(thrown(() => rollup(records, { ...options, maxRows: 61 })).rows).toBe(62);
    expect(
      thrown(() => rollupReducer<Ticket, typeof options.metrics>({ ...options, maxRows: 30 })).rows,
    ).toBe(31);
    expect(rollup(records, { ...options, maxRows: Number.POSITIVE_INFINITY })).toHaveLength(62);
  });

  test("a state read back or merged counts the rows it already holds", () => {
    const reducer = rollupReducer({
      by: { period: "day" },
      maxRows: 3,
      metrics: { volume: ticketVolumeReducer() },
    });
    const state = reducer.init();
    for (const day of ["01", "02", "03"])
      reducer.add(state, ticket(`2024-01-${day}T12:00:00Z`, "chat"), undefined);
    const read = stateFromJSON<typeof state>(stateToJSON(state, reducer), reducer);
    expect(rowCountOf(read).n).toBe(3);
    expect(
      thrown(() => reducer.add(read, ticket("2024-01-04T12:00:00Z", "chat"), undefined)).rows,
    ).toBe(4);
    // The same day again makes no row.
    reducer.add(read, ticket("2024-01-03T18:00:00Z", "chat"), undefined);
  });

  test.each([
    [0, RangeError],
    [1.5, RangeError],
    [-1, RangeError],
    [Number.NaN, RangeError],
    ["5", TypeError],
  ])("refuses maxRows %s", (maxRows, kind) => {
    expect(() =>
      rollupReducer({
        by: { period: "day" },
        maxRows: maxRows as number,
        metrics: { volume: ticketVolumeReducer() },
      }),
    ).toThrow(kind);
  });
});
