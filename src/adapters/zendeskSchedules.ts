/**
 * Zendesk schedules (the Business Hours API) to our {@link Schedule}: weekly intervals in
 * minutes from Sunday 00:00 become ranges per local day, Rails zone names become IANA names,
 * and holidays spanning several days become one holiday per date. The result is validated as
 * any schedule is. Definition: docs/business-hours.md, "Zendesk schedules".
 */

import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { addIssue } from "../schemas/issues.ts";
import { OUT_OF_RANGE, parseOrThrow } from "../time/issueError.ts";
import {
  clockText,
  dateText,
  dayNumber,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  WEEKDAYS,
  type Weekday,
} from "../time/localTimes.ts";
import type { Schedule, ScheduleInput } from "../time/schedule.ts";
import { ScheduleSchema } from "../time/scheduleSchema.ts";
import { checkTimeZone } from "../time/zone.ts";

/** A Zendesk schedule, as the Business Hours API returns it (`GET /api/v2/business_hours/schedules/{id}`). */
export interface ZendeskSchedule {
  /** A Rails zone name (`"Eastern Time (US & Canada)"`) or an IANA name. */
  time_zone: string;
  /** Working intervals in minutes from Sunday 00:00 (`{ start_time: 1980, end_time: 2460 }` is Monday 09:00–17:00). */
  intervals: readonly { start_time: number; end_time: number }[];
  /** Holidays (`GET …/schedules/{id}/holidays`), each closing every date from start to end inclusive. */
  holidays?: readonly { start_date: string; end_date: string; name?: string }[];
  name?: string;
}

/**
 * Rails time-zone names (ActiveSupport::TimeZone::MAPPING) that Zendesk accounts commonly
 * use, with their IANA zone. Names not listed here must be IANA names.
 */
export const RAILS_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze({
  "International Date Line West": "Etc/GMT+12",
  Hawaii: "Pacific/Honolulu",
  Alaska: "America/Juneau",
  "Pacific Time (US & Canada)": "America/Los_Angeles",
  "Mountain Time (US & Canada)": "America/Denver",
  Arizona: "America/Phoenix",
  "Central Time (US & Canada)": "America/Chicago",
  "Mexico City": "America/Mexico_City",
  Saskatchewan: "America/Regina",
  "Eastern Time (US & Canada)": "America/New_York",
  "Indiana (East)": "America/Indiana/Indianapolis",
  Bogota: "America/Bogota",
  Lima: "America/Lima",
  "Atlantic Time (Canada)": "America/Halifax",
  Santiago: "America/Santiago",
  Newfoundland: "America/St_Johns",
  Brasilia: "America/Sao_Paulo",
  "Buenos Aires": "America/Argentina/Buenos_Aires",
  UTC: "UTC",
  London: "Europe/London",
  Edinburgh: "Europe/London",
  Dublin: "Europe/Dublin",
  Lisbon: "Europe/Lisbon",
  Amsterdam: "Europe/Amsterdam",
  Berlin: "Europe/Berlin",
  Brussels: "Europe/Brussels",
  Copenhagen: "Europe/Copenhagen",
  Madrid: "Europe/Madrid",
  Paris: "Europe/Paris",
  Prague: "Europe/Prague",
  Rome: "Europe/Rome",
  Stockholm: "Europe/Stockholm",
  Vienna: "Europe/Vienna",
  Warsaw: "Europe/Warsaw",
  Zurich: "Europe/Zurich",
  Athens: "Europe/Athens",
  Helsinki: "Europe/Helsinki",
  Istanbul: "Europe/Istanbul",
  Jerusalem: "Asia/Jerusalem",
  Moscow: "Europe/Moscow",
  "Abu Dhabi": "Asia/Muscat",
  Chennai: "Asia/Kolkata",
  Kolkata: "Asia/Kolkata",
  Mumbai: "Asia/Kolkata",
  "New Delhi": "Asia/Kolkata",
  Kathmandu: "Asia/Kathmandu",
  Bangkok: "Asia/Bangkok",
  Jakarta: "Asia/Jakarta",
  Beijing: "Asia/Shanghai",
  "Hong Kong": "Asia/Hong_Kong",
  Singapore: "Asia/Singapore",
  Taipei: "Asia/Taipei",
  Perth: "Australia/Perth",
  Seoul: "Asia/Seoul",
  Tokyo: "Asia/Tokyo",
  Adelaide: "Australia/Adelaide",
  Brisbane: "Australia/Brisbane",
  Melbourne: "Australia/Melbourne",
  Sydney: "Australia/Sydney",
  Auckland: "Pacific/Auckland",
  Wellington: "Pacific/Auckland",
});

/** An error message that shows the value it refuses. */
function mustBe(constraint: string) {
  return (issue: { input?: unknown }) => `${constraint}, got ${show(issue.input)}`;
}

const ZONE = "must be an IANA zone or a Rails zone listed in RAILS_TIME_ZONES";
const MINUTES = "must be whole minutes from 0 to 10080";
const DATE = 'must be a real date "YYYY-MM-DD"';

/** `time_zone` as an IANA name. */
const zoneField = z.pipe(
  z.unknown(),
  z.transform((zone, ctx): string => {
    const timeZone =
      typeof zone === "string" && Object.hasOwn(RAILS_TIME_ZONES, zone)
        ? (RAILS_TIME_ZONES[zone] as string)
        : zone;
    try {
      return checkTimeZone(timeZone as string, "scheduleFromZendesk");
    } catch {
      addIssue(ctx, {
        code: "custom",
        message: `${ZONE}, got ${show(zone)}`,
        input: zone,
        ...(typeof zone === "string" ? { params: OUT_OF_RANGE } : {}),
      });
      return z.NEVER;
    }
  }),
);

const minuteField = z.number({ error: mustBe(MINUTES) }).check(
  z.refine((minute) => Number.isInteger(minute) && minute >= 0 && minute <= MINUTES_PER_WEEK, {
    error: mustBe(MINUTES),
    params: OUT_OF_RANGE,
  }),
);

const intervalSchema = z
  .object(
    { start_time: minuteField, end_time: minuteField },
    { error: mustBe("must be an object { start_time, end_time }") },
  )
  .check(
    z.refine((interval) => interval.end_time > interval.start_time, {
      path: ["end_time"],
      error: (issue) => {
        const interval = issue.input as { start_time: number; end_time: number };
        return `must be after start_time, got ${interval.end_time} for ${interval.start_time}`;
      },
      params: OUT_OF_RANGE,
    }),
  );

const holidaySchema = z
  .object(
    {
      start_date: z.unknown().check(
        z.refine((date) => !Number.isNaN(dayNumber(date)), {
          error: mustBe(DATE),
          params: OUT_OF_RANGE,
        }),
      ),
      end_date: z.optional(z.unknown()),
      name: z.optional(z.unknown()),
    },
    { error: mustBe("must be an object { start_date, end_date, name? }") },
  )
  .check(
    z.superRefine(({ start_date: start, end_date: end }, ctx) => {
      const first = dayNumber(start);
      const last = dayNumber(end);
      if (Number.isNaN(last) || last < first) {
        ctx.addIssue({
          code: "custom",
          path: ["end_date"],
          message: `${DATE} on or after start_date, got ${show(end)}`,
          input: end,
          params: OUT_OF_RANGE,
        });
      } else if (last - first > 366) {
        ctx.addIssue({
          code: "custom",
          message: `must last at most 366 days, got ${show(start)} to ${show(end)}`,
          input: { start, end },
          params: OUT_OF_RANGE,
        });
      }
    }),
  );

const zendeskScheduleSchema = z.object(
  {
    time_zone: zoneField,
    intervals: z.array(intervalSchema, {
      error: mustBe("must be an array of { start_time, end_time }"),
    }),
    holidays: z.nullish(
      z.array(holidaySchema, {
        error: mustBe("must be an array of { start_date, end_date, name }"),
      }),
    ),
    name: z.optional(z.unknown()),
  },
  { error: mustBe("must be a Zendesk schedule object") },
);

// Zendesk's week starts on Sunday; ours lists Monday first.
const ZENDESK_DAYS: readonly Weekday[] = ["sunday", ...WEEKDAYS.filter((day) => day !== "sunday")];

/** Zendesk's intervals as ranges per local day, split at each local midnight. */
function weeklyOf(
  intervals: readonly { start_time: number; end_time: number }[],
): Partial<Record<Weekday, { start: string; end: string }[]>> {
  const weekly: Partial<Record<Weekday, { start: string; end: string }[]>> = {};
  for (const { start_time: start, end_time: end } of intervals) {
    for (let from = start; from < end; ) {
      const dayStart = Math.floor(from / MINUTES_PER_DAY) * MINUTES_PER_DAY;
      const to = Math.min(end, dayStart + MINUTES_PER_DAY);
      const day = ZENDESK_DAYS[dayStart / MINUTES_PER_DAY] as Weekday;
      const list = weekly[day] ?? [];
      list.push({ start: clockText(from - dayStart), end: clockText(to - dayStart) });
      weekly[day] = list;
      from = to;
    }
  }
  return weekly;
}

/**
 * Converts a Zendesk schedule (`{ time_zone, intervals, holidays }`, as Zendesk's Business
 * Hours API returns it) into a {@link Schedule}. Intervals are minutes from Sunday 00:00 (0 to
 * 10080); each becomes one range per local day it touches. `time_zone` may be a Rails name
 * listed in {@link RAILS_TIME_ZONES} or an IANA name. A holiday closes every date from
 * `start_date` to `end_date`, both included.
 *
 * @example
 * const eastCoast = scheduleFromZendesk({
 *   time_zone: "Eastern Time (US & Canada)",
 *   intervals: [{ start_time: 1980, end_time: 2460 }], // Monday 09:00–17:00
 *   holidays: [{ name: "Thanksgiving", start_date: "2024-11-28", end_date: "2024-11-29" }],
 * });
 * [eastCoast.timeZone, eastCoast.weekly.monday, eastCoast.holidays.length]
 * //=> ["America/New_York", [{ start: "09:00", end: "17:00" }], 2]
 */
export function scheduleFromZendesk(zendesk: ZendeskSchedule): Schedule {
  const site = { fn: "scheduleFromZendesk", root: "schedule" };
  const source = parseOrThrow(zendeskScheduleSchema, zendesk, site);
  const holidays: { date: string; name?: string }[] = [];
  for (const holiday of source.holidays ?? []) {
    const last = dayNumber(holiday.end_date);
    for (let day = dayNumber(holiday.start_date); day <= last; day++) {
      const date = dateText(day);
      holidays.push(typeof holiday.name === "string" ? { date, name: holiday.name } : { date });
    }
  }
  const input: ScheduleInput = {
    timeZone: source.time_zone,
    weekly: weeklyOf(source.intervals),
    holidays,
  };
  if (typeof source.name === "string") input.name = source.name;
  return parseOrThrow(ScheduleSchema, input, site);
}
