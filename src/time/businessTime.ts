/**
 * Business time: working seconds between two instants, the instant when an amount of working
 * time has passed, and the next opening, under a {@link Schedule} or versions of one.
 *
 * Definition (docs/business-hours.md): an instant is working time when the
 * local wall-clock time of the schedule in force falls in one of its weekly ranges, its
 * local date is not a holiday, and no closure covers it. Ranges are read on the wall clock,
 * so on a daylight-saving day a range is shorter or longer in real seconds: the part of a
 * range inside a skipped hour never happens, and the part inside a repeated hour happens
 * twice (01:30–03:00 on Berlin's fall-back day is 2.5 real hours).
 *
 * This file checks the arguments and walks a span across schedule versions; within one
 * version the measuring is src/time/calendar.ts's, and the versions are compiled and cached
 * by src/time/timeline.ts.
 */
import {
  requireNonNegative,
  requireOneOf,
  requireSupportedInstant,
  show,
} from "../reduce/arguments.ts";
import { SpanLimitError } from "../reduce/recordError.ts";
import type { Calendar, Progress } from "./calendar.ts";
import { showInstant } from "./issueError.ts";
import type { Schedule, ScheduleInput, Schedules } from "./schedule.ts";
import { timelineOf, versionAt } from "./timeline.ts";

/** How a span is timed when the schedule changes inside it. */
export type ScheduleRule = "perSegment" | "atEvent";

/** Options for {@link businessDuration}. */
export interface BusinessTimeOptions {
  /**
   * `"perSegment"` (the default, as dbt_zendesk): each part of the span is timed by the version
   * in force then. `"atEvent"` (as Zendesk's single-event metrics): the version in force at
   * the span's end instant times the whole span.
   */
  rule?: ScheduleRule;
}

const RULES: readonly ScheduleRule[] = ["perSegment", "atEvent"];

/**
 * What the functions below take as a schedule: a built {@link Schedule} or versions of one
 * ({@link Schedules}), or the same as plain inputs. A plain input is validated on first use
 * and compiled once per object; build schedules once with `schedule()` and reuse them.
 */
export type SchedulesInput = Schedules | ScheduleInput | readonly ScheduleInput[];

/** The longest stretch business time is measured over, in years: {@link MAX_BUSINESS_SPAN_MS}. */
export const MAX_BUSINESS_SPAN_YEARS = 100;
/**
 * The longest stretch business time is measured over: 100 Gregorian years (36,524.25 days).
 * Its cost grows with the days spanned (docs/business-hours.md, "Limits"), so a span, a target
 * or a search for the next opening longer than this is refused with a `RangeError`, in
 * bounded time, rather than run for minutes.
 */
export const MAX_BUSINESS_SPAN_MS = MAX_BUSINESS_SPAN_YEARS * 365.2425 * 86_400_000;

/** An instant argument: a valid Date or finite epoch milliseconds, in the supported years. */
function instantOf(fn: string, name: string, value: Date | number): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError(`${fn}: ${name} must be a Date or epoch milliseconds, got ${show(value)}`);
  }
  return requireSupportedInstant(fn, name, ms);
}

/** The error for a search that found nothing within {@link MAX_BUSINESS_SPAN_MS} of `from`. */
function tooFar(fn: string, what: string, from: number): RangeError {
  return new RangeError(
    `${fn}: ${what} must fall within ${MAX_BUSINESS_SPAN_YEARS} years of ${showInstant(from)}, got none before ${showInstant(from + MAX_BUSINESS_SPAN_MS)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * Working seconds in `[start, end)` under a schedule, or under versions of one.
 *
 * An instant outside hours simply does not count, so a span that starts outside hours counts
 * from the next opening. With versions, `rule` says how a span is timed when the schedule
 * changes inside it (see {@link BusinessTimeOptions}). Definition: docs/definitions.md,
 * "Business hours".
 *
 * @param start - First instant of the span.
 * @param end - End of the span (excluded); must not be before `start`.
 * @param schedules - A {@link Schedule} or an array of versions with non-overlapping validity
 *   (see {@link SchedulesInput}).
 * @returns Seconds (≥ 0); `null` when some part of the span has no version in force (with
 *   `"atEvent"`: when no version is in force at `end`). Never 0 for "no schedule". Throws a
 *   `RangeError` when `end` is before `start`.
 *
 * @example Friday 17:55 to Monday 09:10 on a Mon–Fri 09:00–18:00 schedule: 5 + 10 minutes
 * const weekdays = [{ start: "09:00", end: "18:00" }];
 * const support = {
 *   timeZone: "Europe/Berlin",
 *   weekly: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
 * };
 * businessDuration(new Date("2024-03-01T17:55:00+01:00"), new Date("2024-03-04T09:10:00+01:00"), support)
 * //=> 900
 */
export function businessDuration(
  start: Date | number,
  end: Date | number,
  schedules: SchedulesInput,
  options?: BusinessTimeOptions,
): number | null {
  const fn = "businessDuration";
  const s = instantOf(fn, "start", start);
  const e = instantOf(fn, "end", end);
  if (e < s) {
    throw new RangeError(
      `${fn}: end must not be before start, got ${showInstant(e)} for a start at ${showInstant(s)}`,
    );
  }
  if (e - s > MAX_BUSINESS_SPAN_MS) {
    // A RangeError that `reduce` turns into one naming the record measured.
    throw new SpanLimitError(
      `${fn}: end must be within ${MAX_BUSINESS_SPAN_YEARS} years of start, got ${showInstant(e)} for a start at ${showInstant(s)}`,
      fn,
      s,
      e,
      `${MAX_BUSINESS_SPAN_YEARS} years of business time`,
    );
  }
  const rule =
    options?.rule === undefined ? "perSegment" : requireOneOf(fn, "rule", options.rule, RULES);
  const { versions } = timelineOf(schedules, fn);
  if (rule === "atEvent") {
    const index = versionAt(versions, e);
    return index < 0 ? null : (versions[index] as Calendar).span(s, e) / 1000;
  }
  let index = versionAt(versions, s);
  if (index < 0) return null;
  let total = 0;
  let t = s;
  for (;;) {
    const version = versions[index] as Calendar;
    if (e <= version.validUntil) return (total + version.span(t, e)) / 1000;
    total += version.span(t, version.validUntil);
    t = version.validUntil;
    index++;
    // The next version must start where this one ends; a gap has no schedule.
    if (index >= versions.length || (versions[index] as Calendar).validFrom !== t) return null;
  }
}

/**
 * The instant at which `seconds` of working time have passed since `start`. Counting starts
 * at the next opening when `start` is outside hours; the result is the earliest such instant
 * (at a closing time when the amount runs out exactly there). `seconds` 0 gives the next
 * opening at or after `start`. Seconds are rounded to the millisecond. With versions, each
 * stretch of time counts under the version in force then.
 *
 * @param start - Where counting starts.
 * @param seconds - Working seconds to add, at least 0.
 * @param schedules - A {@link Schedule} or an array of versions.
 * @returns The instant, or `null` when the schedules run out (validity ends, or a stretch has
 *   no version in force) before that much working time has passed.
 *
 * @example A 2-hour target for a ticket created Friday 17:00: 1 h on Friday, 1 h on Monday
 * const weekdays = [{ start: "09:00", end: "18:00" }];
 * const support = {
 *   timeZone: "America/New_York",
 *   weekly: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
 * };
 * addBusinessTime(new Date("2024-03-08T17:00:00-05:00"), 7200, support).toISOString()
 * //=> "2024-03-11T14:00:00.000Z"
 */
export function addBusinessTime(
  start: Date | number,
  seconds: number,
  schedules: SchedulesInput,
): Date | null {
  const fn = "addBusinessTime";
  const s = instantOf(fn, "start", start);
  requireNonNegative(fn, "seconds", seconds);
  if (seconds > MAX_BUSINESS_SPAN_MS / 1000) {
    throw new RangeError(
      `${fn}: seconds must be at most ${MAX_BUSINESS_SPAN_MS / 1000} (${MAX_BUSINESS_SPAN_YEARS} years), got ${show(seconds)}`,
    );
  }
  const amount = Math.round(seconds * 1000);
  if (amount === 0) return nextOpening(s, schedules);
  const { versions } = timelineOf(schedules, fn);
  let index = versionAt(versions, s);
  if (index < 0) return null;
  let t = s;
  let left = amount;
  const horizon = s + MAX_BUSINESS_SPAN_MS;
  const progress: Progress = { used: 0 };
  for (;;) {
    const version = versions[index] as Calendar;
    const limit = Math.min(version.validUntil, horizon);
    const at = version.advance(t, left, limit, progress);
    if (!Number.isNaN(at)) return new Date(at);
    // A version with weekly hours opens in every 32 days past its holidays and closures: not
    // reaching the amount by the horizon means it is too far, not that the hours ran out.
    if (limit === horizon && version.opens) throw tooFar(fn, `${seconds} working seconds`, s);
    left -= progress.used;
    t = version.validUntil;
    index++;
    if (index >= versions.length || (versions[index] as Calendar).validFrom !== t) return null;
  }
}

/**
 * The first working instant at or after `at`: `at` itself during working hours, else the
 * next opening.
 *
 * @returns The instant, or `null` when no version is in force at `at`, or the schedules run
 *   out (validity ends, or a stretch has no version in force) before the next opening.
 *
 * @example Saturday morning: the next opening is Monday 09:00 in Kolkata (03:30 UTC)
 * const support = { timeZone: "Asia/Kolkata", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
 * nextOpening(new Date("2024-06-01T10:00:00+05:30"), support).toISOString()
 * //=> "2024-06-03T03:30:00.000Z"
 */
export function nextOpening(at: Date | number, schedules: SchedulesInput): Date | null {
  const fn = "nextOpening";
  const t0 = instantOf(fn, "at", at);
  const { versions } = timelineOf(schedules, fn);
  let index = versionAt(versions, t0);
  if (index < 0) return null;
  let t = t0;
  const horizon = t0 + MAX_BUSINESS_SPAN_MS;
  for (;;) {
    const version = versions[index] as Calendar;
    const limit = Math.min(version.validUntil, horizon);
    const found = version.opening(t, limit);
    if (!Number.isNaN(found)) return new Date(found);
    if (limit === horizon && version.opens) throw tooFar(fn, "the next opening", t0);
    t = version.validUntil;
    index++;
    if (index >= versions.length || (versions[index] as Calendar).validFrom !== t) return null;
  }
}
