import { describe, expect, test } from "vitest";
import { period } from "../time/period.ts";
import { type KeyEntry, keyEntry } from "./keyIndex.ts";
import { periodGrid } from "./periodGrid.ts";
import { emptyRollupState, type RollupState } from "./rollupState.ts";

const utc = (iso: string) => Date.parse(iso);
const month = period("month", { timeZone: "UTC" });
const MARCH = utc("2024-03-01T00:00:00Z");
const APRIL = utc("2024-04-01T00:00:00Z");

function entryOf(state: RollupState, keyId: string): KeyEntry {
  return keyEntry(state, keyId, [keyId]);
}

describe("periodGrid", () => {
  test("at gives the group and window of the period holding an instant, and notes it", () => {
    const grid = periodGrid(month, undefined, 2);
    const state = emptyRollupState(["a", "b"]);
    const entry = entryOf(state, "x");
    const slot = grid.at(state, entry, utc("2024-03-15T12:00:00Z"));
    expect(slot?.group).toEqual({
      periodStart: MARCH,
      keys: ["x"],
      states: [undefined, undefined],
    });
    expect(slot?.group).toBe(entry.byPeriod.get(MARCH));
    expect(slot?.window).toEqual({ start: MARCH, end: APRIL });
    expect([state.firstPeriod, state.lastPeriod]).toEqual([MARCH, MARCH]);
  });

  test("at finds the group again, for the same key combination and state only", () => {
    const grid = periodGrid(month, undefined, 1);
    const first = emptyRollupState(["a"]);
    const second = emptyRollupState(["a"]);
    const x = entryOf(first, "x");
    const y = entryOf(first, "y");
    const other = entryOf(second, "x");
    const march = grid.at(first, x, utc("2024-03-02T00:00:00Z"))?.group;
    // Same window, same entry: the same group. Another entry or state: a group of its own,
    // and the other state notes the period too.
    expect(grid.at(first, x, utc("2024-03-31T23:59:59Z"))?.group).toBe(march);
    expect(grid.at(first, y, utc("2024-03-02T00:00:00Z"))?.group).not.toBe(march);
    const inOther = grid.at(second, other, utc("2024-03-02T00:00:00Z"))?.group;
    expect(inOther).not.toBe(march);
    expect(inOther).toBe(other.byPeriod.get(MARCH));
    expect(second.firstPeriod).toBe(MARCH);
    // The first instant of the next period is in the next period.
    expect(grid.at(first, x, APRIL)?.group.periodStart).toBe(APRIL);
    expect(grid.at(first, x, APRIL - 1)?.group).toBe(march);
  });

  test("with a range, a period outside gives nothing and is not noted", () => {
    // Range [March 10, April 1): March only; February and April are outside.
    const range = { first: MARCH, last: MARCH, end: utc("2024-04-01T00:00:00Z") };
    const grid = periodGrid(month, range, 1);
    const state = emptyRollupState(["a"]);
    const entry = entryOf(state, "x");
    expect(grid.at(state, entry, utc("2024-02-29T23:59:59Z"))).toBeUndefined();
    expect(grid.at(state, entry, APRIL)).toBeUndefined();
    expect(state.firstPeriod).toBe(Number.POSITIVE_INFINITY);
    expect(entry.byPeriod.size).toBe(0);
    expect([grid.inRange(MARCH), grid.inRange(APRIL)]).toEqual([true, false]);
    expect(grid.at(state, entry, MARCH)?.group.periodStart).toBe(MARCH);
  });

  test("without a range every period is in range", () => {
    const grid = periodGrid(month, undefined, 1);
    expect([grid.inRange(0), grid.inRange(APRIL)]).toEqual([true, true]);
  });

  test("windowOf gives one frozen window per period", () => {
    // Berlin's March has 31 days less one hour (clocks go forward on the 31st).
    const berlin = period("month", { timeZone: "Europe/Berlin" });
    const grid = periodGrid(berlin, undefined, 1);
    const start = utc("2024-02-29T23:00:00Z");
    const window = grid.windowOf(start);
    expect(window).toEqual({ start, end: utc("2024-03-31T22:00:00Z") });
    expect((window.end - window.start) / 3_600_000).toBe(31 * 24 - 1);
    expect(grid.windowOf(start)).toBe(window);
    expect(Object.isFrozen(window)).toBe(true);
  });

  test("group makes a key combination's group once, in a period or the null period", () => {
    const grid = periodGrid(month, undefined, 3);
    const state = emptyRollupState(["a", "b", "c"]);
    const entry = entryOf(state, "x");
    const none = grid.group(entry, null);
    expect(none).toEqual({
      periodStart: null,
      keys: ["x"],
      states: [undefined, undefined, undefined],
    });
    expect(grid.group(entry, null)).toBe(none);
    expect(grid.group(entry, MARCH)).toBe(entry.byPeriod.get(MARCH));
    // group does not note periods: only placement by instant does.
    expect(state.firstPeriod).toBe(Number.POSITIVE_INFINITY);
  });
});
