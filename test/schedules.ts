/**
 * The business-hours schedules the ticket metrics' tests are set in: the same hours Monday to
 * Friday, mostly in London (UTC+0 until 31 March 2024, so the hours read as UTC), and a team
 * whose hours change over the weekend of 2–3 March 2024, where the two schedule rules differ.
 */
import { type ScheduleInput, schedule } from "../src/time/schedule.ts";

/**
 * Monday to Friday from `start` to `end` in `timeZone`, with any other schedule field; the
 * days of `extra.weekly` replace or add to the weekdays.
 */
export function weekdaysIn(
  timeZone: string,
  start: string,
  end: string,
  extra: Partial<ScheduleInput> = {},
) {
  const day = [{ start, end }];
  return schedule({
    timeZone,
    ...extra,
    weekly: {
      monday: day,
      tuesday: day,
      wednesday: day,
      thursday: day,
      friday: day,
      ...extra.weekly,
    },
  });
}

/** Monday to Friday from `start` to `end` in London, with an optional validity. */
export function weekdays(start: string, end: string, extra: Partial<ScheduleInput> = {}) {
  return weekdaysIn("Europe/London", start, end, extra);
}

/** In London, 09:00–18:00 until Monday 2024-03-04 00:00, and 08:00–17:00 from then on. */
export function hoursChangedOnMonday() {
  return [
    weekdays("09:00", "18:00", { validUntil: "2024-03-04T00:00" }),
    weekdays("08:00", "17:00", { validFrom: "2024-03-04T00:00" }),
  ];
}
