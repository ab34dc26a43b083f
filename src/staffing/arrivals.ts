/**
 * Arrival patterns: how many contacts arrive, on average, in each interval of the week
 * (Monday 09:00–09:15, Monday 09:15–09:30, ...), on the wall clock of an IANA time zone,
 * from any list of instants (tickets' creation, calls' offer times). It is the forecast a
 * staffing table starts from when a team has history but no forecasting tool.
 */
import { show } from "../reduce/arguments.ts";
import { parseTimestamp, type TimestampInput } from "../schemas/timestamp.ts";
import { WEEKDAYS, type Weekday } from "../time/schedule.ts";
import { checkTimeZone, fromWall, toWall, zoneOffset } from "../time/zone.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The interval lengths an arrival pattern can use, in minutes. */
export type IntervalMinutes = 15 | 30 | 60;

const INTERVALS: readonly IntervalMinutes[] = [15, 30, 60];

/** The longest range read (about a century): every interval of every day in it is visited. */
const MAX_RANGE_DAYS = 36_525;

/** Options for {@link arrivalPattern}. */
export interface ArrivalPatternOptions {
  /** IANA zone whose wall clock defines weekdays and intervals. Defaults to `"UTC"`. */
  timeZone?: string;
  /** Interval length: 15, 30 or 60 minutes. Defaults to 60. */
  intervalMinutes?: IntervalMinutes;
  /**
   * The observed span `[start, end)`: instants outside it are left out (counted as
   * `outsideRange`), and each interval's average divides by how often it occurred inside it.
   * Zone-less strings such as `"2024-03-04"` are read in `timeZone`. Defaults to whole local
   * days: from the midnight that starts the earliest instant's day to the midnight that ends
   * the latest one's. Give it when the data covers a span the instants do not show (a quiet
   * first morning, a holiday at the end). At most 36,525 days (a century), given or not.
   */
  range?: { start: TimestampInput; end: TimestampInput };
}

/** One interval of the week. */
export interface ArrivalRow {
  weekday: Weekday;
  /** Local start of the interval, `"HH:MM"`. */
  start: string;
  /** Average contacts per occurrence: `total / occurrences`, `null` when it never occurred. */
  contacts: number | null;
  /** Contacts that arrived in this interval over the whole range. */
  total: number;
  /**
   * How many times the interval occurred in the range: the instants at which the zone's
   * clocks showed its start on that weekday (a start skipped by a spring-forward change does
   * not occur that day; one repeated when clocks go back occurs twice). Only where clocks
   * move by half an hour (Lord Howe Island) can an hour whose start is skipped still receive
   * contacts in its second half; they are counted, against the hour's other occurrences.
   */
  occurrences: number;
}

/** Why an instant was left out. */
export type ArrivalExclusion = "noInstant" | "unreadable" | "outsideRange";

/** What {@link arrivalPattern} returns. */
export interface ArrivalPattern {
  timeZone: string;
  intervalMinutes: IntervalMinutes;
  /** The observed span as ISO instants, `null` with neither instants nor a given range. */
  range: { start: string; end: string } | null;
  /** Every interval of the week, Monday 00:00 first, including those with no contact. */
  rows: ArrivalRow[];
  /** Instants counted in some row. */
  counted: number;
  excluded: Record<ArrivalExclusion, number>;
}

/**
 * Counts instants by weekday and interval on a zone's wall clock, and averages each interval
 * over the number of times it occurred in the observed range.
 *
 * "Weeks observed" is counted per interval, not once for the whole range: data from a Monday
 * to the Wednesday two weeks later holds three Mondays but two Thursdays, and a Thursday
 * interval is divided by 2, not 3. An interval's occurrences are the instants inside the range
 * at which the clocks show its start (see {@link ArrivalRow.occurrences}), so daylight saving
 * changes are counted as they happen.
 *
 * @param instants - When each contact arrived: Dates, ISO strings or epoch milliseconds
 *   (`null` or `undefined` are counted as `noInstant`, unreadable values as `unreadable`).
 * @param options - See {@link ArrivalPatternOptions}.
 * @returns See {@link ArrivalPattern}.
 *
 * @example
 * // Two Mondays observed (range 4–18 March); 3 calls at 09:xx on the first, 1 on the second
 * const calls = ["2024-03-04T09:05", "2024-03-04T09:20", "2024-03-04T09:55", "2024-03-11T09:40"];
 * const pattern = arrivalPattern(calls, {
 *   timeZone: "Europe/Paris",
 *   range: { start: "2024-03-04", end: "2024-03-18" },
 * });
 * pattern.rows.find((row) => row.weekday === "monday" && row.start === "09:00")
 * //=> { weekday: "monday", start: "09:00", contacts: 2, total: 4, occurrences: 2 }
 */
export function arrivalPattern(
  instants: Iterable<TimestampInput | null | undefined>,
  options: ArrivalPatternOptions = {},
): ArrivalPattern {
  const fn = "arrivalPattern";
  const timeZone = checkTimeZone(options.timeZone ?? "UTC", fn);
  const intervalMinutes = options.intervalMinutes ?? 60;
  if (!INTERVALS.includes(intervalMinutes)) {
    throw new RangeError(
      `${fn}: intervalMinutes must be one of 15, 30, 60, got ${show(intervalMinutes)}`,
    );
  }
  const given = options.range ? readRange(fn, options.range, timeZone) : null;
  const perDay = 1440 / intervalMinutes;
  const totals = new Array<number>(7 * perDay).fill(0);
  const excluded: Record<ArrivalExclusion, number> = {
    noInstant: 0,
    unreadable: 0,
    outsideRange: 0,
  };
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let counted = 0;
  for (const input of instants) {
    if (input === null || input === undefined) {
      excluded.noInstant++;
      continue;
    }
    const at = parseTimestamp(input, timeZone);
    if (typeof at === "string") {
      excluded.unreadable++;
      continue;
    }
    if (given && (at < given.start || at >= given.end)) {
      excluded.outsideRange++;
      continue;
    }
    const wall = toWall(at, timeZone);
    const slot = weekSlot(wall, intervalMinutes);
    totals[slot] = (totals[slot] as number) + 1;
    counted++;
    if (at < first) first = at;
    if (at > last) last = at;
  }

  const range = given ?? (counted > 0 ? wholeDays(first, last, timeZone) : null);
  if (!given && range && range.end - range.start > MAX_RANGE_DAYS * DAY) {
    // A stray timestamp (year 1970 or 9999) would otherwise make the count visit every day.
    throw new RangeError(
      `${fn}: instants must span at most ${MAX_RANGE_DAYS} days unless range is given, got ${show(new Date(first))} to ${show(new Date(last))}`,
    );
  }
  const occurrences = range
    ? countOccurrences(range, timeZone, intervalMinutes)
    : new Array<number>(7 * perDay).fill(0);
  const rows: ArrivalRow[] = [];
  for (let slot = 0; slot < 7 * perDay; slot++) {
    const total = totals[slot] as number;
    const seen = occurrences[slot] as number;
    const minutes = (slot % perDay) * intervalMinutes;
    rows.push({
      weekday: WEEKDAYS[Math.floor(slot / perDay)] as Weekday,
      start: clock(minutes),
      contacts: seen === 0 ? null : total / seen,
      total,
      occurrences: seen,
    });
  }
  return {
    timeZone,
    intervalMinutes,
    range: range
      ? { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() }
      : null,
    rows,
    counted,
    excluded,
  };
}

/** The week slot of a wall time: weekday from Monday (0) times slots per day, plus the slot. */
function weekSlot(wall: number, intervalMinutes: number): number {
  const day = Math.floor(wall / DAY);
  // 1970-01-01 was a Thursday: Monday-based weekday 3.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const minute = Math.floor((wall - day * DAY) / MINUTE);
  return weekday * (1440 / intervalMinutes) + Math.floor(minute / intervalMinutes);
}

/** `"HH:MM"` of minutes after midnight. */
function clock(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Reads a given range, zone-less strings in the pattern's zone. */
function readRange(
  fn: string,
  range: { start: TimestampInput; end: TimestampInput },
  timeZone: string,
): { start: number; end: number } {
  const read = (value: TimestampInput, which: string) => {
    const at = parseTimestamp(value, timeZone);
    if (typeof at === "string") throw new TypeError(`${fn}: range.${which} ${at}`);
    return at;
  };
  const start = read(range.start, "start");
  const end = read(range.end, "end");
  if (end <= start) {
    throw new RangeError(`${fn}: range.end must be after range.start, got ${show(new Date(end))}`);
  }
  if (end - start > MAX_RANGE_DAYS * DAY) {
    throw new RangeError(
      `${fn}: range must span at most ${MAX_RANGE_DAYS} days, got ${show(new Date(start))} to ${show(new Date(end))}`,
    );
  }
  return { start, end };
}

/** The instants at which the clocks show a wall time: none in a gap, two in a repeat. */
function instantsShowing(wall: number, timeZone: string): number[] {
  const out: number[] = [];
  for (const offset of new Set([
    zoneOffset(wall - DAY, timeZone),
    zoneOffset(wall + DAY, timeZone),
  ])) {
    const instant = wall - offset;
    if (toWall(instant, timeZone) === wall && !out.includes(instant)) out.push(instant);
  }
  return out;
}

/** From the local midnight before `first` to the local midnight after `last`. */
function wholeDays(first: number, last: number, timeZone: string): { start: number; end: number } {
  const firstDay = Math.floor(toWall(first, timeZone) / DAY);
  const lastDay = Math.floor(toWall(last, timeZone) / DAY);
  return {
    // fromWall gives the earlier instant of a repeated midnight, and the end of the gap where
    // midnight is skipped (America/Santiago): either way the day's first instant.
    start: fromWall(firstDay * DAY, timeZone),
    end: fromWall((lastDay + 1) * DAY, timeZone),
  };
}

/** How often each week slot's start occurs, as an instant, inside `[start, end)`. */
function countOccurrences(
  range: { start: number; end: number },
  timeZone: string,
  intervalMinutes: number,
): number[] {
  const perDay = 1440 / intervalMinutes;
  const counts = new Array<number>(7 * perDay).fill(0);
  // Every local day that may hold an instant of the range (one day of margin each side).
  const firstDay = Math.floor(toWall(range.start, timeZone) / DAY) - 1;
  const lastDay = Math.floor(toWall(range.end, timeZone) / DAY) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    for (let index = 0; index < perDay; index++) {
      const wall = day * DAY + index * intervalMinutes * MINUTE;
      for (const instant of instantsShowing(wall, timeZone)) {
        if (instant < range.start || instant >= range.end) continue;
        const slot = weekSlot(wall, intervalMinutes);
        counts[slot] = (counts[slot] as number) + 1;
      }
    }
  }
  return counts;
}
