import * as z from "zod/mini";
import { requireOneOf } from "../../reduce/arguments.ts";
import { checkedBy, oneOf } from "../../reduce/options.ts";
import type { Span } from "../../reduce/reducer.ts";
import { businessDuration, type ScheduleRule } from "../../time/businessTime.ts";
import {
  type ScheduleInput,
  type Schedules,
  schedule,
  scheduleVersions,
} from "../../time/schedule.ts";

/**
 * Which time a duration counts: `"calendar"`, every real second; `"business"`, only the seconds
 * inside the working hours of a schedule.
 */
export type Clock = "calendar" | "business";

/**
 * The options every ticket duration metric shares to choose its clock. Definition:
 * docs/definitions.md, "Business time in the duration metrics".
 */
export interface ClockOptions {
  /**
   * The team's working hours: one schedule, or the versions of a schedule over time (each with
   * its own validity period, not overlapping), built by `schedule()` or given as the same plain
   * input, which is checked once when the reducer is built. With a schedule, durations are
   * business time by default.
   */
  schedule?: Schedules | ScheduleInput | readonly ScheduleInput[];
  /**
   * `"business"` (the default when a `schedule` is given) counts working seconds only;
   * `"calendar"` (the default without one) counts every second, and ignores the schedule.
   * Asking for `"business"` without a schedule throws.
   */
  clock?: Clock;
  /**
   * How a span is timed when the schedule changes inside it (only with the business clock):
   * - `"perSegment"` (default, as dbt_zendesk): each part of the span by the version in force
   *   then;
   * - `"atEvent"` (as Zendesk): by the version in force at the event that records the value,
   *   for the whole span: the reply, the resolution, or (for time in a status) the status
   *   change that ends each stay.
   */
  scheduleRule?: ScheduleRule;
}

/**
 * A clock checked and ready: the one place where ticket metrics time a span. Every method
 * returns seconds, or `null` when business time cannot be computed because no schedule version
 * is in force for part of what is measured (the metric then excludes the record as
 * `noSchedule`; such a duration is never reported as 0).
 */
export interface SpanClock {
  /** The clock in use. */
  readonly clock: Clock;
  /** The seconds of `[start, end)`, epoch milliseconds, with `end` at or after `start`. */
  span(start: number, end: number): number | null;
  /**
   * The total seconds of several spans that each record their own value (a ticket's stays in a
   * status): with `scheduleRule: "atEvent"`, each span is timed by the version in force at its
   * own end.
   */
  eachSpan(spans: readonly Span[]): number | null;
  /**
   * The total seconds of parts of one measurement that `event` records (the running parts of a
   * resolution time): with `scheduleRule: "atEvent"`, every part is timed by the version in
   * force at `event`, so the parts add up to what `span` gives for the whole.
   */
  partsOf(parts: readonly Span[], event: number): number | null;
}

const CLOCKS = ["calendar", "business"] as const satisfies readonly Clock[];
const RULES = ["perSegment", "atEvent"] as const satisfies readonly ScheduleRule[];

/**
 * Seconds elapsed between two instants given in epoch milliseconds: real (calendar) time, so a
 * span across a daylight-saving change counts the hour that was skipped or repeated exactly
 * once.
 *
 * @param startMs - Start instant, epoch milliseconds.
 * @param endMs - End instant, epoch milliseconds, at or after `startMs`.
 * @returns The seconds between them.
 *
 * @example
 * // 01:30 EST to 03:30 EDT on 2024-03-10 in New York: one real hour
 * elapsed(Date.parse("2024-03-10T01:30:00-05:00"), Date.parse("2024-03-10T03:30:00-04:00"))
 * //=> 3600
 */
export function elapsed(startMs: number, endMs: number): number {
  return (endMs - startMs) / 1000;
}

/**
 * Builds the schedule option once, with the checks and messages of `schedule()` and
 * `scheduleVersions()`, reworded to name the metric and its option:
 * `firstResponseTime: schedule.timeZone must be an IANA time zone name, got "Mars/Olympus"`.
 */
function requireSchedules(fn: string, value: unknown): Schedules {
  try {
    if (!Array.isArray(value)) return schedule(value as ScheduleInput);
    if (value.length === 0) {
      throw new TypeError(
        `${fn}: schedule must be a schedule or a non-empty array of versions, got []`,
      );
    }
    return scheduleVersions(value as ScheduleInput[]);
  } catch (error) {
    // Apart from the message for [] above, schedule() and scheduleVersions() throw here, and
    // theirs start with their name; anything else (a caller's getter that throws) is passed on.
    // The `^` anchors keep the rewording to that prefix: a message also quotes the caller's
    // value, which may hold the same words.
    if (!(error instanceof Error) || !/^schedule(Versions)?: /.test(error.message)) throw error;
    const text = error.message
      .replace(/^schedule: input /, "schedule ")
      .replace(/^schedule: /, "schedule.")
      .replace(/^scheduleVersions: /, "")
      .replace(/\bversions\[/g, "schedule[");
    throw error instanceof RangeError
      ? new RangeError(`${fn}: ${text}`)
      : new TypeError(`${fn}: ${text}`);
  }
}

/**
 * The clock options of {@link ClockOptions} as schema fields, for the options schema of every
 * duration metric. The schedule is built (and checked) once here; {@link spanClock} then picks
 * the clock.
 */
export const clockOptionFields = {
  schedule: z.optional(
    checkedBy((value: NonNullable<ClockOptions["schedule"]>, fn) => requireSchedules(fn, value)),
  ),
  clock: z.optional(oneOf(CLOCKS)),
  scheduleRule: z.optional(oneOf(RULES)),
};

/**
 * Sorted spans with the ones that touch joined, and empty ones left out: the parts of one
 * measurement need no boundary between them, and each boundary costs a business-time lookup.
 */
function joinAdjacent(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const { start, end } of spans) {
    if (end <= start) continue;
    // Joining is a saving only: business seconds add up across a boundary, so the parts
    // left apart would give the same total (never joining is an equivalent mutant).
    const last = out[out.length - 1];
    if (last && last.end === start) out[out.length - 1] = { start: last.start, end };
    else out.push({ start, end });
  }
  return out;
}

/** Rounds seconds to whole milliseconds, so sums of business seconds stay exact. */
function ms(seconds: number): number {
  return Math.round(seconds * 1000);
}

/**
 * Checks a metric's clock options once, when its reducer is built, and returns the clock that
 * times its spans. Without a schedule the clock is calendar time; with one it is business time
 * unless `clock: "calendar"` is asked for.
 *
 * @param fn - The metric's name, for error messages.
 * @param options - See {@link ClockOptions}.
 * @returns A {@link SpanClock}.
 * @throws TypeError when `clock` is `"business"` and no schedule is given, or `schedule` is not
 *   a schedule; RangeError for an unknown `clock` or `scheduleRule`.
 *
 * @example
 * const clock = spanClock("firstResponseTime", {});
 * [clock.clock, clock.span(Date.parse("2024-03-01T09:00:00Z"), Date.parse("2024-03-01T09:20:00Z"))]
 * //=> ["calendar", 1200]
 */
export function spanClock(
  fn: string,
  options: { [K in keyof ClockOptions]?: ClockOptions[K] | undefined },
): SpanClock {
  const given = options.schedule;
  const schedules = given === undefined ? undefined : requireSchedules(fn, given);
  const clock = requireOneOf(
    fn,
    "clock",
    options.clock ?? (schedules ? "business" : "calendar"),
    CLOCKS,
  );
  const rule = requireOneOf(fn, "scheduleRule", options.scheduleRule ?? "perSegment", RULES);
  if (clock === "calendar") {
    const total = (spans: readonly Span[]) => {
      let sum = 0;
      for (const { start, end } of spans) sum += end - start;
      return sum / 1000;
    };
    return { clock, span: elapsed, eachSpan: total, partsOf: total };
  }
  if (!schedules) throw new TypeError(`${fn}: clock "business" needs a schedule, got none`);

  const ruleOptions = { rule };
  const span = (start: number, end: number) => businessDuration(start, end, schedules, ruleOptions);
  const eachSpan = (spans: readonly Span[]) => {
    let sum = 0;
    for (const { start, end } of spans) {
      const seconds = span(start, end);
      if (seconds === null) return null;
      sum += ms(seconds);
    }
    return sum / 1000;
  };
  const partsOf = (parts: readonly Span[], event: number) => {
    const joined = joinAdjacent(parts);
    if (rule === "perSegment") return eachSpan(joined);
    // Under "atEvent" a span is timed by the version in force at its end. To time a part
    // [a, b) by the version in force at the event instead, take the difference of the two
    // spans that both end at the event: [a, event) − [b, event).
    let sum = 0;
    for (const { start, end } of joined) {
      const fromStart = span(start, event);
      if (fromStart === null) return null;
      // Both spans end at the event and "atEvent" times a span by the version in force at its
      // end, so they are unknown together: the check above covers this one. A part that ends
      // at the event skips a lookup that would give 0 (without the skip, the same answer: an
      // equivalent mutant).
      const fromEnd = end === event ? 0 : (span(end, event) as number);
      sum += ms(fromStart) - ms(fromEnd);
    }
    return sum / 1000;
  };
  return { clock, span, eachSpan, partsOf };
}
