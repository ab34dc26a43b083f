/**
 * The versions of a schedule, compiled: what `businessDuration`, `addBusinessTime` and
 * `nextOpening` read. Checks the schedules argument once per object (a plain input is
 * validated as a schedule on first use; versions must not overlap) and caches the compiled
 * {@link Calendar} of each version, so that a schedule is compiled once however often it is
 * measured with.
 */
import { show } from "../reduce/arguments.ts";
import type { SchedulesInput } from "./businessTime.ts";
import { Calendar } from "./calendar.ts";
import { type Schedule, type ScheduleInput, schedule } from "./schedule.ts";
import { findOverlap } from "./scheduleVersions.ts";

const calendars = new WeakMap<object, Calendar>();

function calendarOf(item: Schedule | ScheduleInput): Calendar {
  let calendar = calendars.get(item);
  if (!calendar) {
    calendar = new Calendar(schedule(item));
    calendars.set(item, calendar);
  }
  return calendar;
}

/** The versions of a {@link SchedulesInput}, compiled and sorted by validity. */
export interface Timeline {
  /** The items as given, to notice when an array is changed after it was seen. */
  items: readonly (Schedule | ScheduleInput)[];
  /** The compiled versions, sorted by `validFrom`. */
  versions: Calendar[];
}

const timelines = new WeakMap<object, Timeline>();

/**
 * The compiled versions of `schedules`, checked and cached; `fn` names the caller in errors.
 */
export function timelineOf(schedules: SchedulesInput, fn: string): Timeline {
  if (typeof schedules !== "object" || schedules === null) {
    throw new TypeError(
      `${fn}: schedules must be a schedule or an array of schedule versions, got ${show(schedules)}`,
    );
  }
  const cached = timelines.get(schedules);
  if (!Array.isArray(schedules)) {
    if (cached) return cached;
    const only = schedules as Schedule | ScheduleInput;
    const timeline = { items: [only], versions: [calendarOf(only)] };
    timelines.set(schedules, timeline);
    return timeline;
  }
  const list = schedules as readonly (Schedule | ScheduleInput)[];
  // An array may have been changed since it was last seen: compare its items.
  if (
    cached &&
    cached.items.length === list.length &&
    cached.items.every((item, i) => item === list[i])
  ) {
    return cached;
  }
  const compiled = list.map(calendarOf);
  const overlap = findOverlap(compiled);
  if (overlap) {
    throw new RangeError(
      `${fn}: schedules[${overlap.later}] must not overlap schedules[${overlap.earlier}] in validity, got ${overlap.got}`,
    );
  }
  const order = compiled.map((_, index) => index);
  order.sort((a, b) => (compiled[a] as Calendar).validFrom - (compiled[b] as Calendar).validFrom);
  const timeline = {
    items: [...list],
    versions: order.map((index) => compiled[index] as Calendar),
  };
  timelines.set(schedules, timeline);
  return timeline;
}

/** Index of the version in force at `t`, or -1. */
export function versionAt(versions: readonly Calendar[], t: number): number {
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i] as Calendar;
    if (t < v.validFrom) return -1;
    if (t < v.validUntil) return i;
  }
  return -1;
}
