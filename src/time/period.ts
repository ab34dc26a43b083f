import { requireSupportedInstant, show } from "../reduce/arguments.ts";
import { checkTimeZone, daysFromCivil, fromWall, toWall } from "./zone.ts";

const DAY = 86_400_000;

/** The calendar units a period can be. */
export type PeriodUnit = "day" | "week" | "isoWeek" | "month" | "quarter" | "year";

/** Every {@link PeriodUnit}, shortest first. */
export const PERIOD_UNITS = [
  "day",
  "week",
  "isoWeek",
  "month",
  "quarter",
  "year",
] as const satisfies readonly PeriodUnit[];

/** Options shared by everything that reads local time. */
export interface TimeZoneOptions {
  /** IANA time zone the calendar is read in, such as `"Europe/Berlin"`. Defaults to `"UTC"`. */
  timeZone?: string;
}

/** Options for {@link period}. */
export interface PeriodOptions extends TimeZoneOptions {
  /**
   * First day of a `"week"`: 0 Sunday, 1 Monday (the default) ... 6 Saturday.
   * `"isoWeek"` always starts on Monday.
   */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * A calendar period as a value: how to find the period an instant falls in, the next one,
 * and its label. Instants are epoch milliseconds. Periods partition time: every instant
 * belongs to exactly one, and `next(floor(t))` is the start of the following one.
 */
export interface Period {
  /** The unit's name, or `"custom"` for a user-built period. */
  readonly unit: PeriodUnit | "custom";
  /** The zone the calendar is read in. */
  readonly timeZone: string;
  /** The start of the period that contains `instant`. */
  floor(instant: number): number;
  /** The start of the period after the one starting at `start`. */
  next(start: number): number;
  /** A readable label for the period starting at `start`, such as `"2024-03"` or `"2024-W09"`. */
  label(start: number): string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/**
 * A year as ISO 8601 writes it: four digits for 0000 to 9999, else a sign and six digits
 * (`-000001`, `+010000`), the expanded form, so labels sort and never collide. Periods in a
 * zone east or west of UTC can start a few hours outside the supported years.
 */
function yearText(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? "-" : "+"}${pad(Math.abs(year), 6)}`;
}

/** The day index of the first day of a month; `monthIndex` may run past 0-11 (13 is next February). */
function monthStartDay(year: number, monthIndex: number): number {
  return daysFromCivil(year + Math.floor(monthIndex / 12), (((monthIndex % 12) + 12) % 12) + 1, 1);
}

/** `YYYY-MM-DD` of a wall value. */
function dateLabel(wall: number): string {
  const date = new Date(wall);
  return `${yearText(date.getUTCFullYear())}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** ISO 8601 week label (`2024-W09`) of the Monday that starts a week, given as a day index. */
function isoWeekLabel(mondayDay: number): string {
  // The ISO week belongs to the year its Thursday falls in.
  const thursday = new Date((mondayDay + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const dayOfYear = mondayDay + 3 - daysFromCivil(year, 1, 1);
  return `${yearText(year)}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

/**
 * Builds a calendar period in an IANA time zone: `"day"`, `"week"` (starting on
 * `weekStartsOn`, Monday by default, labelled by its first day), `"isoWeek"` (Monday,
 * labelled `2024-W09`), `"month"`, `"quarter"` or `"year"`.
 *
 * A period starts at local midnight of its first day; where midnight is skipped by a DST
 * change (America/Santiago), it starts at the first instant of that day. Labels are local
 * dates: `2024-03-01`, `2024-03`, `2024-Q1`, `2024`.
 *
 * @example
 * const month = period("month", { timeZone: "Europe/Berlin" });
 * const start = month.floor(Date.parse("2024-03-31T22:30:00Z")); // 00:30 on 1 April in Berlin
 * [month.label(start), new Date(start).toISOString()]
 * //=> ["2024-04", "2024-03-31T22:00:00.000Z"]
 */
export function period(unit: PeriodUnit, options: PeriodOptions = {}): Period {
  if (!PERIOD_UNITS.includes(unit)) {
    throw new RangeError(
      `period: unit must be one of ${PERIOD_UNITS.join(", ")}, got ${show(unit)}`,
    );
  }
  const timeZone = checkTimeZone(options.timeZone ?? "UTC", "period");
  const weekStartsOn = unit === "isoWeek" ? 1 : (options.weekStartsOn ?? 1);
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new RangeError(
      `period: weekStartsOn must be between 0 and 6, got ${String(weekStartsOn)}`,
    );
  }

  /** The local day index (days since 1970-01-01 on the wall clock) a period starts on. */
  function firstDay(day: number): number {
    const date = new Date(day * DAY);
    switch (unit) {
      case "day":
        return day;
      case "week":
      case "isoWeek": {
        // 1970-01-01 was a Thursday (day of week 4).
        const dayOfWeek = (((day + 4) % 7) + 7) % 7;
        return day - ((dayOfWeek - weekStartsOn + 7) % 7);
      }
      case "month":
        return monthStartDay(date.getUTCFullYear(), date.getUTCMonth());
      case "quarter":
        return monthStartDay(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCMonth() % 3));
      case "year":
        return monthStartDay(date.getUTCFullYear(), 0);
    }
  }

  /** The local day index of the next period's first day. */
  function nextFirstDay(day: number): number {
    const date = new Date(day * DAY);
    switch (unit) {
      case "day":
        return day + 1;
      case "week":
      case "isoWeek":
        return day + 7;
      case "month":
        return monthStartDay(date.getUTCFullYear(), date.getUTCMonth() + 1);
      case "quarter":
        return monthStartDay(date.getUTCFullYear(), date.getUTCMonth() + 3);
      case "year":
        return monthStartDay(date.getUTCFullYear() + 1, 0);
    }
  }

  const startOfDay = (day: number) => fromWall(day * DAY, timeZone);
  const dayOfStart = (start: number) => Math.floor(toWall(start, timeZone) / DAY);

  // Bucketing millions of records asks the same question again and again: cache the
  // period [start, end) found for each local day. A cache only: never caching, or clearing
  // at every call, gives the same answers, so those mutants survive (equivalent).
  const cache = new Map<number, { start: number; end: number }>();
  function bounds(day: number): { start: number; end: number } {
    let found = cache.get(day);
    if (!found) {
      const first = firstDay(day);
      found = { start: startOfDay(first), end: startOfDay(nextFirstDay(first)) };
      if (cache.size > 100_000) cache.clear();
      cache.set(day, found);
    }
    return found;
  }

  // The periods found so far, sorted by start: most instants fall in a period already seen,
  // and a binary search over those is much cheaper than reading the zone's wall clock.
  // These are fast paths: a miss falls through to the zone. Mutants that only miss more
  // often (a strict < for <=, i > 0 for i >= 0, no size bound, a search that finds nothing,
  // a start stored twice or never) give the same answers and survive (equivalent).
  let knownStarts: number[] = [];
  let knownEnds: number[] = [];
  let lastStart = Number.NaN;
  let lastEnd = Number.NaN;

  /** Index of the last known period starting at or before `instant`, or −1. */
  function knownIndex(instant: number): number {
    let low = 0;
    let high = knownStarts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((knownStarts[mid] as number) <= instant) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  function remember(start: number, end: number): void {
    // Every start and end comes from fromWall on a supported day, so this guard never fires
    // today (its mutants survive); it stays so that a NaN can never enter the sorted lists
    // the binary search reads, should that change.
    if (!Number.isFinite(start) || !Number.isFinite(end)) return;
    if (knownStarts.length >= 10_000) {
      knownStarts = [];
      knownEnds = [];
    }
    const i = knownIndex(start);
    if (i >= 0 && knownStarts[i] === start) return;
    knownStarts.splice(i + 1, 0, start);
    knownEnds.splice(i + 1, 0, end);
  }

  function floor(instant: number): number {
    if (instant >= lastStart && instant < lastEnd) return lastStart;
    const i = knownIndex(instant);
    if (i >= 0 && instant < (knownEnds[i] as number)) {
      lastStart = knownStarts[i] as number;
      lastEnd = knownEnds[i] as number;
      return lastStart;
    }
    const found = floorFromZone(instant);
    remember(found.start, found.end);
    return found.start;
  }

  /** The start of the next period, from the known periods when `start` is one of them. */
  function next(start: number): number {
    if (start === lastStart) return lastEnd;
    const i = knownIndex(start);
    if (i >= 0 && knownStarts[i] === start) return knownEnds[i] as number;
    return bounds(dayOfStart(start)).end;
  }

  function floorFromZone(instant: number): { start: number; end: number } {
    // Outside the supported years no search is started (the zone's offsets and the labels
    // are exact only inside them): a clear error, never a loop.
    requireSupportedInstant("period", "instant", instant);
    let found = bounds(Math.floor(toWall(instant, timeZone) / DAY));
    // Periods are cut at instants, and an instant belongs to the period whose [start, end)
    // holds it. Reading the wall date gives that period for every zone we know of (where
    // clocks go back at midnight, as in America/Santiago, the repeated hour is the end of a
    // 25-hour previous day); the steps below guard the rule should a zone's midnight be
    // ambiguous. A wall date is within a day of its period, so two steps always suffice:
    // more means the calendar arithmetic is wrong, and that is an error, never a loop.
    // (So `step > 4` for `step >= 4` is an equivalent mutant: the bound is never reached.)
    for (let step = 0; instant >= found.end || instant < found.start; step++) {
      if (step >= 4 || !(found.end > found.start)) {
        throw new Error(
          `period: no ${unit} period found for ${new Date(instant).toISOString()} in ${timeZone} (a defect: please report it)`,
        );
      }
      found =
        instant >= found.end ? bounds(dayOfStart(found.end)) : bounds(dayOfStart(found.start) - 1);
    }
    return found;
  }

  return {
    unit,
    timeZone,
    floor,
    next,
    label(start: number): string {
      const day = dayOfStart(start);
      const date = new Date(day * DAY);
      switch (unit) {
        case "day":
        case "week":
          return dateLabel(day * DAY);
        case "isoWeek":
          return isoWeekLabel(day);
        case "month":
          return `${yearText(date.getUTCFullYear())}-${pad(date.getUTCMonth() + 1)}`;
        case "quarter":
          return `${yearText(date.getUTCFullYear())}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
        case "year":
          return yearText(date.getUTCFullYear());
      }
    },
  };
}

/**
 * The starts of every period from the one containing `start` to the one containing `end`
 * (both included), in order.
 *
 * @example
 * periodStarts(period("month"), Date.parse("2024-01-15T00:00:00Z"), Date.parse("2024-03-02T00:00:00Z"))
 *   .map((start) => new Date(start).toISOString().slice(0, 10))
 * //=> ["2024-01-01", "2024-02-01", "2024-03-01"]
 */
export function periodStarts(of: Period, start: number, end: number): number[] {
  const starts: number[] = [];
  for (let at = of.floor(start); at <= end; ) {
    starts.push(at);
    const next = of.next(at);
    // A custom period whose next start does not move forward would loop forever.
    if (!(next > at)) {
      throw new RangeError(
        `periodStarts: period.next must return a later start, got ${String(next)} after ${String(at)}`,
      );
    }
    at = next;
  }
  return starts;
}
