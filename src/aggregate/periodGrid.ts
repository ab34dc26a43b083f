/**
 * The periods of one rollup grouped by period: its `Period`, its `range` if any, one shared
 * window object per period, and the lookup of a key combination's group in the period that
 * holds an instant.
 */
import type { Window } from "../reduce/reducer.ts";
import type { Period } from "../time/period.ts";
import { groupWithoutPeriod, type KeyEntry } from "./keyIndex.ts";
import { groupIn, notePeriod, type RollupGroup, type RollupState } from "./rollupState.ts";
import { DEFAULT_MAX_ROWS, periodsBetween, tooManyRows } from "./rowLimit.ts";

/** The periods a rollup's rows are limited to: from `first` to `last` (period starts). */
export interface PeriodRange {
  /** The start of the period holding `range.start`. */
  readonly first: number;
  /** The start of the period holding the last instant before `range.end`. */
  readonly last: number;
  /** `range.end` itself: a period starting at or after it is outside. */
  readonly end: number;
}

/** A key combination's group in one period, with the period as a window. */
export interface PeriodSlot {
  group: RollupGroup;
  window: Window;
}

/** The periods of a rollup; see the file's comment. */
export interface PeriodGrid {
  readonly period: Period;
  readonly range: PeriodRange | undefined;
  /** The period starting at `start` as a window, one frozen object per period. */
  windowOf(start: number): Window;
  /** Whether the period starting at `start` is inside the range (always, without one). */
  inRange(start: number): boolean;
  /**
   * The group of `entry` in the period starting at `start` (`null`: no period), made on first
   * use; throws a RowLimitError instead of making one past the state's `maxRows`th.
   */
  group(entry: KeyEntry, start: number | null): RollupGroup;
  /**
   * Refuses, before any group is made, a walk that would make `entry` a group in every period
   * from the one starting at `from` to the one starting at `to` and pass the state's
   * `maxRows`: the RowLimitError that walk would throw at its (maxRows + 1)th row, found in
   * constant time. Making the periods one by one first cost seconds for a ticket open since the
   * year 1 (a zone's offsets in far years come from Intl, one call at a time).
   */
  reserve(entry: KeyEntry, from: number, to: number): void;
  /**
   * The group of `entry` in the period holding `time`, noting that period in the state, or
   * `undefined` when the period is outside the range. The slot returned is reused by the
   * next call: read it at once.
   */
  at(state: RollupState, entry: KeyEntry, time: number): PeriodSlot | undefined;
}

/**
 * The grid of `period`, for states whose groups hold `metricCount` metrics and have at most
 * `maxRows` groups with a period each.
 */
export function periodGrid(
  period: Period,
  range: PeriodRange | undefined,
  metricCount: number,
  maxRows: number = DEFAULT_MAX_ROWS,
): PeriodGrid {
  // One window object per period, shared by every record counted in it: a million tickets
  // would otherwise allocate a window per record and metric.
  const windows = new Map<number, Window>();
  const windowOf = (start: number): Window => {
    let window = windows.get(start);
    if (!window) {
      window = Object.freeze({ start, end: period.next(start) });
      windows.set(start, window);
    }
    return window;
  };
  const inRange = range
    ? (start: number) => start >= range.first && start < range.end
    : (_start: number) => true;

  const group = (entry: KeyEntry, start: number | null): RollupGroup => {
    if (start === null) return groupWithoutPeriod(entry, metricCount);
    const found = entry.byPeriod.get(start);
    if (found !== undefined) return found;
    // A new row: count it first, so a runaway range or span stops before it is made.
    const rows = entry.rows;
    if (rows.n >= maxRows) throw tooManyRows(rows.n + 1, maxRows);
    rows.n++;
    return groupIn(entry.byPeriod, start, entry.keys, metricCount);
  };

  const reserve = (entry: KeyEntry, from: number, to: number): void => {
    if (maxRows === Number.POSITIVE_INFINITY) return;
    // At least this many new groups: one per period, less those the entry may hold already,
    // less one in case the count's rounding is off by a period.
    const fresh = periodsBetween(period, from, to) - entry.byPeriod.size - 1;
    if (entry.rows.n + fresh > maxRows) throw tooManyRows(maxRows + 1, maxRows);
  };

  // The last slot found. Metrics placed by different timestamps (creation, resolution) often
  // land in the same period, and so do consecutive records: an instant inside the last
  // slot's window, for the same key combination, needs no floor and no Map lookup. The
  // period was noted in the state when the slot was found (a key entry's groups belong to
  // one state).
  let lastGroups: KeyEntry["byPeriod"] | undefined;
  const slot: PeriodSlot = {
    group: undefined as unknown as RollupGroup,
    window: { start: Number.NaN, end: Number.NaN },
  };

  function at(state: RollupState, entry: KeyEntry, time: number): PeriodSlot | undefined {
    if (entry.byPeriod === lastGroups && time >= slot.window.start && time < slot.window.end) {
      return slot;
    }
    const start = period.floor(time);
    if (!inRange(start)) return undefined;
    notePeriod(state, start);
    slot.group = group(entry, start);
    slot.window = windowOf(start);
    lastGroups = entry.byPeriod;
    return slot;
  }

  return { period, range, windowOf, inRange, group, reserve, at };
}
