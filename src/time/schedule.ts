/**
 * Business-hour schedules: a time zone, weekly working ranges, holidays, one-off closures and
 * an optional validity period. {@link schedule} validates an input once and returns an
 * immutable, normalised {@link Schedule}; src/time/businessTime.ts measures time with it.
 *
 * What counts as working time (docs/business-hours.md): an instant is working
 * time when the schedule's local wall-clock time at that instant falls in one of the weekly
 * ranges, its local date is not a holiday, and no closure covers it. Ranges are read on the
 * wall clock, so a range that spans a daylight-saving change is shorter or longer in real
 * seconds (09:00–17:00 lasts 7 real hours on a spring-forward day if the change falls inside).
 *
 * This file is a schedule's input: its types, and {@link schedule}, which validates it with
 * the Zod schema of scheduleSchema.ts (whose issues are data, as the record schemas' are) and
 * throws the first issue. Versions over time: scheduleVersions.ts. What a schedule compiles
 * to for measuring: calendar.ts. Zendesk's schedules: src/adapters/zendeskSchedules.ts.
 */

import { parseOrThrow } from "./issueError.ts";
import type { Weekday } from "./localTimes.ts";
import { ScheduleSchema } from "./scheduleSchema.ts";

export { WEEKDAYS, type Weekday } from "./localTimes.ts";
// Kept at this path for src/metrics/tickets/elapsed.ts, which imports it from here; the
// lead moves that import to ./scheduleVersions.ts and drops this line.
export { scheduleVersions } from "./scheduleVersions.ts";

/**
 * A working range on the local wall clock, `"HH:mm"` to `"HH:mm"`. The end may be `"24:00"`.
 * A range whose end is at or before its start crosses midnight into the next day
 * (`"22:00"`–`"06:00"`; `"09:00"`–`"09:00"` lasts 24 hours).
 */
export interface TimeRange {
  readonly start: string;
  readonly end: string;
}

/** A holiday: a local date (`"YYYY-MM-DD"`) closed all day. */
export interface Holiday {
  readonly date: string;
  readonly name?: string;
}

/** What {@link schedule} accepts. A built {@link Schedule} is itself a valid input. */
export interface ScheduleInput {
  /** IANA time zone the ranges, holidays and zone-less times are read in. */
  timeZone: string;
  /** Local `"HH:mm"` ranges per weekday; several per day (lunch breaks); days left out are closed. */
  weekly: Partial<Record<Weekday, readonly { start: string; end: string }[]>>;
  /** Local dates (`"YYYY-MM-DD"`) closed all day. */
  holidays?: readonly { date: string; name?: string }[];
  /**
   * One-off closures `[start, end)`, whole or partial days: instants (a Date, epoch
   * milliseconds, an ISO string with an offset), or zone-less local times read in `timeZone`.
   */
  closures?: readonly {
    start: Date | string | number;
    end: Date | string | number;
    name?: string;
  }[];
  /** Start of validity (inclusive); zone-less strings are read in `timeZone`. */
  validFrom?: Date | string | number;
  /** End of validity (exclusive); zone-less strings are read in `timeZone`. */
  validUntil?: Date | string | number;
  /** A label, such as `"Support EMEA"`. */
  name?: string;
}

/** A one-off closure of a {@link Schedule}, `[start, end)` in epoch milliseconds. */
export interface Closure {
  readonly start: number;
  readonly end: number;
  readonly name?: string;
}

/**
 * A validated, normalised, immutable schedule, built by {@link schedule}. Every weekday is
 * listed (an empty list when closed), ranges are sorted by start, holidays by date, closures
 * by start (as epoch milliseconds), and validity is `[validFrom, validUntil)` in epoch
 * milliseconds, `-Infinity` and `Infinity` when unbounded.
 */
export interface Schedule {
  readonly name?: string;
  readonly timeZone: string;
  readonly weekly: Readonly<Record<Weekday, readonly TimeRange[]>>;
  readonly holidays: readonly Holiday[];
  readonly closures: readonly Closure[];
  readonly validFrom: number;
  readonly validUntil: number;
}

/** Versions of a team's schedule over time: one schedule, or several whose validity periods do not overlap. */
export type Schedules = Schedule | readonly Schedule[];

/**
 * Builds a schedule: validates the input once, with the checks of `ScheduleSchema`, and
 * returns an immutable, normalised {@link Schedule}. Throws on the first problem (a misspelt
 * key before the rest), in the library's error grammar
 * (`RangeError` for a bad value, `TypeError` for the wrong kind of value): an unknown zone,
 * a malformed `"HH:mm"` time or date, overlapping ranges (within a day, or a range crossing
 * midnight into the next day's ranges), a closure or validity that ends before it starts.
 * Passing a built schedule returns it unchanged. Definition: docs/definitions.md,
 * "Business hours".
 *
 * @param input - See {@link ScheduleInput}.
 * @returns The schedule; `validFrom`/`validUntil` are epoch milliseconds (±Infinity when open).
 *
 * @example
 * const support = schedule({
 *   timeZone: "Europe/Berlin",
 *   weekly: { monday: [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "18:00" }] },
 *   holidays: [{ date: "2024-12-25", name: "Christmas" }],
 * });
 * [support.weekly.monday.length, support.weekly.sunday.length, support.validFrom]
 * //=> [2, 0, -Infinity]
 *
 * @example Overlapping ranges are refused
 * let message = "";
 * try {
 *   schedule({ timeZone: "UTC", weekly: { friday: [{ start: "22:00", end: "06:00" }], saturday: [{ start: "05:00", end: "09:00" }] } });
 * } catch (error) { message = error.message; }
 * message
 * //=> "schedule: weekly.saturday[0] must not overlap weekly.friday[0], got 05:00–09:00 and 22:00–06:00 (into saturday)"
 */
export function schedule(input: ScheduleInput): Schedule {
  return parseOrThrow(ScheduleSchema, input, { fn: "schedule", root: "input" });
}
