/**
 * Weekdays, local clock times (`"HH:mm"`) and local dates (`"YYYY-MM-DD"`) as numbers, and
 * back: the forms schedules are written in. Shared by the schedule's validation, the calendar it
 * compiles to and the Zendesk converter, so that all three read a time the same way.
 */

const DAY = 86_400_000;

/** A day of the week, as a key of a schedule's `weekly`. */
export type Weekday =
  | "monday"
  | "tuesday"
  | "wednesday"
  | "thursday"
  | "friday"
  | "saturday"
  | "sunday";

/** The weekdays from Monday, in the order schedules list them. */
export const WEEKDAYS: readonly Weekday[] = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

/** Minutes in a day; `"24:00"` is this many minutes after midnight. */
export const MINUTES_PER_DAY = 1440;
/** Minutes in a week. */
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/**
 * Minutes after midnight of a `"HH:mm"` time from `"00:00"` to `"24:00"`, or -1 when the text
 * is not such a time.
 */
export function minutesOf(text: unknown): number {
  if (typeof text !== "string" || !/^\d{2}:\d{2}$/.test(text)) return -1;
  const hours = Number(text.slice(0, 2));
  const minutes = Number(text.slice(3));
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return -1;
  return hours * 60 + minutes;
}

/** Minutes after midnight (0 to 1440) as `"HH:mm"`; 1440 is `"24:00"`. */
export function clockText(minutes: number): string {
  const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
  return `${hours}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a `"YYYY-MM-DD"` date, or `NaN` when it is not a real date. */
export function dayNumber(date: unknown): number {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return Number.NaN;
  if (check.getUTCDate() !== day) return Number.NaN;
  return ms / DAY;
}

/** The `"YYYY-MM-DD"` date of a day number (days since 1970-01-01). */
export function dateText(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
