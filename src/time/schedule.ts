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
 */

import * as z from "zod";
import { show } from "../reduce/arguments.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import { checkTimeZone } from "./zone.ts";

const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A day of the week, as a key of {@link ScheduleInput.weekly}. */
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

/** One problem found in a schedule input: where, what, and which error class it maps to. */
interface Problem {
  path: (string | number)[];
  message: string;
  kind: "type" | "range";
}

const built = new WeakSet<object>();

function pathText(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `"HH:mm"` to minutes after midnight, or -1. `"24:00"` is 1440. */
function minutesOf(text: unknown): number {
  if (typeof text !== "string" || !/^\d{2}:\d{2}$/.test(text)) return -1;
  const hours = Number(text.slice(0, 2));
  const minutes = Number(text.slice(3));
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return -1;
  return hours * 60 + minutes;
}

/** Minutes after midnight as `"HH:mm"`. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a `"YYYY-MM-DD"` date, or `NaN` when it is not a real date. */
function dayNumber(date: unknown): number {
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

/** A range in week minutes: `[start, end)` from Monday 00:00, `end` may pass the week's end. */
interface WeekRange {
  start: number;
  end: number;
  day: Weekday;
  index: number;
  text: string;
}

const KEYS = ["timeZone", "weekly", "holidays", "closures", "validFrom", "validUntil", "name"];

/** Reads an instant field; `null`/`undefined` give `fallback`, and so does the matching infinity. */
function readInstant(
  value: unknown,
  timeZone: string | undefined,
  fallback: number,
  path: (string | number)[],
  problems: Problem[],
): number {
  if (value === undefined || value === null || value === fallback) return fallback;
  const ms = parseTimestamp(value, timeZone);
  if (typeof ms === "string") {
    const sameKind =
      typeof value === "string" || typeof value === "number" || value instanceof Date;
    problems.push({ path, message: ms, kind: sameKind ? "range" : "type" });
    return Number.NaN;
  }
  return ms;
}

/**
 * Validates a schedule input. Returns the schedule, or every problem found (each with a path).
 */
function read(input: unknown): Schedule | Problem[] {
  if (built.has(input as object)) return input as Schedule;
  const problems: Problem[] = [];
  if (!isRecord(input)) {
    return [{ path: [], message: `must be an object, got ${show(input)}`, kind: "type" }];
  }
  for (const key of Object.keys(input)) {
    if (!KEYS.includes(key) && input[key] !== undefined) {
      problems.push({
        path: [key],
        message: `is not an option; expected ${KEYS.slice(0, -1).join(", ")} or name`,
        kind: "type",
      });
    }
  }

  // Zone
  let timeZone: string | undefined;
  try {
    timeZone = checkTimeZone(input.timeZone as string, "schedule");
  } catch {
    problems.push({
      path: ["timeZone"],
      message: `must be an IANA time zone name, got ${show(input.timeZone)}`,
      kind: typeof input.timeZone === "string" ? "range" : "type",
    });
  }

  // Name
  let name: string | undefined;
  if (input.name !== undefined && input.name !== null) {
    if (typeof input.name === "string") name = input.name;
    else {
      problems.push({
        path: ["name"],
        message: `must be a string, got ${show(input.name)}`,
        kind: "type",
      });
    }
  }

  // Weekly ranges
  const weekly = {} as Record<Weekday, TimeRange[]>;
  for (const day of WEEKDAYS) weekly[day] = [];
  const ranges: WeekRange[] = [];
  if (!isRecord(input.weekly)) {
    problems.push({
      path: ["weekly"],
      message: `must be an object of ranges by weekday, such as { monday: [{ start: "09:00", end: "17:00" }] }, got ${show(input.weekly)}`,
      kind: "type",
    });
  } else {
    for (const key of Object.keys(input.weekly)) {
      const list = input.weekly[key];
      if (list === undefined) continue;
      const dayIndex = WEEKDAYS.indexOf(key as Weekday);
      if (dayIndex < 0) {
        problems.push({
          path: ["weekly", key],
          message:
            "is not a weekday; expected monday, tuesday, wednesday, thursday, friday, saturday or sunday",
          kind: "range",
        });
        continue;
      }
      const day = key as Weekday;
      if (!Array.isArray(list)) {
        problems.push({
          path: ["weekly", day],
          message: `must be an array of { start, end } ranges, got ${show(list)}`,
          kind: "type",
        });
        continue;
      }
      list.forEach((range: unknown, index) => {
        const at = ["weekly", day, index];
        if (!isRecord(range)) {
          problems.push({
            path: at,
            message: `must be a range { start: "HH:mm", end: "HH:mm" }, got ${show(range)}`,
            kind: "type",
          });
          return;
        }
        const start = minutesOf(range.start);
        const end = minutesOf(range.end);
        if (start < 0 || start === MINUTES_PER_DAY) {
          problems.push({
            path: [...at, "start"],
            message: `must be a time "HH:mm" from "00:00" to "23:59", got ${show(range.start)}`,
            kind: typeof range.start === "string" ? "range" : "type",
          });
        }
        if (end < 0) {
          problems.push({
            path: [...at, "end"],
            message: `must be a time "HH:mm" from "00:00" to "24:00", got ${show(range.end)}`,
            kind: typeof range.end === "string" ? "range" : "type",
          });
        }
        if (start < 0 || start === MINUTES_PER_DAY || end < 0) return;
        const length = end > start ? end - start : MINUTES_PER_DAY - start + end;
        const crosses = start + length > MINUTES_PER_DAY;
        const next = WEEKDAYS[(dayIndex + 1) % 7] as Weekday;
        ranges.push({
          start: dayIndex * MINUTES_PER_DAY + start,
          end: dayIndex * MINUTES_PER_DAY + start + length,
          day,
          index,
          text: `${range.start}–${range.end}${crosses ? ` (into ${next})` : ""}`,
        });
        weekly[day].push({
          start: clock(start),
          end: end === MINUTES_PER_DAY ? "24:00" : clock(end),
        });
      });
    }
    // Overlaps, on the weekly circle: a Sunday night range runs into Monday.
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    for (let i = 0; i < sorted.length && sorted.length > 1; i++) {
      const a = sorted[i] as WeekRange;
      const wraps = i + 1 === sorted.length;
      const b = sorted[wraps ? 0 : i + 1] as WeekRange;
      const bStart = b.start + (wraps ? MINUTES_PER_WEEK : 0);
      if (a.end > bStart) {
        // Report the later-listed range against the earlier one.
        const [later, earlier] =
          WEEKDAYS.indexOf(a.day) * 1000 + a.index > WEEKDAYS.indexOf(b.day) * 1000 + b.index
            ? [a, b]
            : [b, a];
        problems.push({
          path: ["weekly", later.day, later.index],
          message: `must not overlap weekly.${earlier.day}[${earlier.index}], got ${later.text} and ${earlier.text}`,
          kind: "range",
        });
      }
    }
    for (const day of WEEKDAYS) weekly[day].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  }

  // Holidays
  const holidays: Holiday[] = [];
  if (input.holidays !== undefined && input.holidays !== null) {
    if (!Array.isArray(input.holidays)) {
      problems.push({
        path: ["holidays"],
        message: `must be an array of { date: "YYYY-MM-DD" }, got ${show(input.holidays)}`,
        kind: "type",
      });
    } else {
      const seen = new Set<string>();
      input.holidays.forEach((holiday: unknown, index) => {
        const at = ["holidays", index];
        if (!isRecord(holiday)) {
          problems.push({
            path: at,
            message: `must be { date: "YYYY-MM-DD", name? }, got ${show(holiday)}`,
            kind: "type",
          });
          return;
        }
        if (Number.isNaN(dayNumber(holiday.date))) {
          problems.push({
            path: [...at, "date"],
            message: `must be a real date "YYYY-MM-DD", got ${show(holiday.date)}`,
            kind: typeof holiday.date === "string" ? "range" : "type",
          });
          return;
        }
        if (holiday.name !== undefined && typeof holiday.name !== "string") {
          problems.push({
            path: [...at, "name"],
            message: `must be a string, got ${show(holiday.name)}`,
            kind: "type",
          });
          return;
        }
        const date = holiday.date as string;
        if (seen.has(date)) return;
        seen.add(date);
        holidays.push(typeof holiday.name === "string" ? { date, name: holiday.name } : { date });
      });
      holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    }
  }

  // Closures
  const closures: Closure[] = [];
  if (input.closures !== undefined && input.closures !== null) {
    if (!Array.isArray(input.closures)) {
      problems.push({
        path: ["closures"],
        message: `must be an array of { start, end }, got ${show(input.closures)}`,
        kind: "type",
      });
    } else {
      input.closures.forEach((closure: unknown, index) => {
        const at = ["closures", index];
        if (!isRecord(closure)) {
          problems.push({
            path: at,
            message: `must be { start, end, name? }, got ${show(closure)}`,
            kind: "type",
          });
          return;
        }
        const before = problems.length;
        const start = readInstant(closure.start, timeZone, Number.NaN, [...at, "start"], problems);
        const end = readInstant(closure.end, timeZone, Number.NaN, [...at, "end"], problems);
        if (closure.start === undefined || closure.start === null) {
          problems.push({ path: [...at, "start"], message: "is required", kind: "type" });
        }
        if (closure.end === undefined || closure.end === null) {
          problems.push({ path: [...at, "end"], message: "is required", kind: "type" });
        }
        if (closure.name !== undefined && typeof closure.name !== "string") {
          problems.push({
            path: [...at, "name"],
            message: `must be a string, got ${show(closure.name)}`,
            kind: "type",
          });
        }
        if (problems.length > before) return;
        if (!(end > start)) {
          problems.push({
            path: [...at, "end"],
            message: `must be after closures[${index}].start, got ${new Date(end).toISOString()} for a start at ${new Date(start).toISOString()}`,
            kind: "range",
          });
          return;
        }
        closures.push(
          typeof closure.name === "string" ? { start, end, name: closure.name } : { start, end },
        );
      });
      closures.sort((a, b) => a.start - b.start || a.end - b.end);
    }
  }

  // Validity
  const validFrom = readInstant(input.validFrom, timeZone, -Infinity, ["validFrom"], problems);
  const validUntil = readInstant(input.validUntil, timeZone, Infinity, ["validUntil"], problems);
  if (!Number.isNaN(validFrom) && !Number.isNaN(validUntil) && !(validUntil > validFrom)) {
    problems.push({
      path: ["validUntil"],
      message: `must be after validFrom, got ${showInstant(validUntil)} for validFrom ${showInstant(validFrom)}`,
      kind: "range",
    });
  }

  if (problems.length > 0 || timeZone === undefined) return problems;
  const weeklyFrozen = {} as Record<Weekday, readonly TimeRange[]>;
  for (const day of WEEKDAYS)
    weeklyFrozen[day] = Object.freeze(weekly[day].map((range) => Object.freeze(range)));
  const result: Schedule = {
    ...(name === undefined ? {} : { name }),
    timeZone,
    weekly: Object.freeze(weeklyFrozen),
    holidays: Object.freeze(holidays.map((holiday) => Object.freeze(holiday))),
    closures: Object.freeze(closures.map((closure) => Object.freeze(closure))),
    validFrom,
    validUntil,
  };
  Object.freeze(result);
  built.add(result);
  return result;
}

function showInstant(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

function raise(fn: string, problem: Problem): never {
  const where = pathText(problem.path);
  const text = `${fn}: ${where === "" ? "input" : where} ${problem.message}`;
  throw problem.kind === "type" ? new TypeError(text) : new RangeError(text);
}

/**
 * Builds a schedule: validates the input once and returns an immutable, normalised
 * {@link Schedule}. Throws on the first problem, in the library's error grammar
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
  const result = read(input);
  if (Array.isArray(result)) raise("schedule", result[0] as Problem);
  return result as Schedule;
}

/**
 * Builds the versions of a schedule that changes over time, checks that their validity
 * periods do not overlap, and returns them sorted by `validFrom`. Pass the result wherever a
 * {@link Schedules} is taken.
 *
 * @example
 * const versions = scheduleVersions([
 *   { timeZone: "UTC", weekly: { monday: [{ start: "08:00", end: "16:00" }] }, validFrom: "2024-07-01" },
 *   { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] }, validUntil: "2024-07-01" },
 * ]);
 * versions.map((version) => version.weekly.monday[0].start)
 * //=> ["09:00", "08:00"]
 */
export function scheduleVersions(versions: readonly ScheduleInput[]): readonly Schedule[] {
  if (!Array.isArray(versions)) {
    throw new TypeError(
      `scheduleVersions: versions must be an array of schedules, got ${show(versions)}`,
    );
  }
  const list = versions.map((input, index) => {
    const result = read(input);
    if (Array.isArray(result)) {
      const first = result[0] as Problem;
      raise("scheduleVersions", { ...first, path: [`versions[${index}]`, ...first.path] });
    }
    return { schedule: result as Schedule, index };
  });
  const overlap = findOverlap(list);
  if (overlap) {
    throw new RangeError(
      `scheduleVersions: versions[${overlap[1]}] ${overlapMessage(`versions[${overlap[0]}]`, overlap)}`,
    );
  }
  return Object.freeze(
    list.sort((a, b) => a.schedule.validFrom - b.schedule.validFrom).map((v) => v.schedule),
  );
}

/**
 * The first pair of versions whose validity periods overlap, as `[earlier index, later
 * index, earlier, later]`, or `undefined`.
 */
function findOverlap(
  list: readonly { schedule: Schedule; index: number }[],
): [number, number, Schedule, Schedule] | undefined {
  const sorted = [...list].sort(
    (a, b) => a.schedule.validFrom - b.schedule.validFrom || a.index - b.index,
  );
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as { schedule: Schedule; index: number };
    const b = sorted[i] as { schedule: Schedule; index: number };
    if (b.schedule.validFrom < a.schedule.validUntil) {
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      return [first.index, second.index, first.schedule, second.schedule];
    }
  }
  return undefined;
}

/** The text after `versions[i] ` for an overlap found by {@link findOverlap}. */
function overlapMessage(other: string, [, , a, b]: [number, number, Schedule, Schedule]): string {
  const span = (s: Schedule) => `${showInstant(s.validFrom)}–${showInstant(s.validUntil)}`;
  return `must not overlap ${other} in validity, got ${span(b)} and ${span(a)}`;
}

function issuesInto(ctx: z.RefinementCtx, problems: Problem[], input: unknown) {
  for (const problem of problems) {
    ctx.addIssue({ code: "custom", message: problem.message, path: problem.path, input });
  }
}

/**
 * A Zod schema that reads unknown input into a {@link Schedule}, with every problem as an
 * issue (path, message), as the record schemas report them.
 *
 * @example
 * const parsed = ScheduleSchema.safeParse({ timeZone: "Mars/Olympus", weekly: {} });
 * parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."))
 * //=> ["timeZone"]
 */
export const ScheduleSchema: z.ZodType<Schedule, unknown> = z
  .unknown()
  .transform((input, ctx): Schedule => {
    const result = read(input);
    if (Array.isArray(result)) {
      issuesInto(ctx, result, input);
      return z.NEVER;
    }
    return result as Schedule;
  });

/**
 * A Zod schema for {@link Schedules}: one schedule, or an array of versions whose validity
 * periods must not overlap (returned sorted by `validFrom`).
 *
 * @example
 * SchedulesSchema.safeParse([
 *   { timeZone: "UTC", weekly: {}, validUntil: "2024-07-01" },
 *   { timeZone: "UTC", weekly: {}, validFrom: "2024-06-01" },
 * ]).error.issues[0].message
 * //=> "must not overlap schedule 0 in validity, got 2024-06-01T00:00:00.000Z–Infinity and -Infinity–2024-07-01T00:00:00.000Z"
 */
export const SchedulesSchema: z.ZodType<Schedules, unknown> = z
  .unknown()
  .transform((input, ctx): Schedules => {
    if (!Array.isArray(input)) {
      const result = read(input);
      if (Array.isArray(result)) {
        issuesInto(ctx, result, input);
        return z.NEVER;
      }
      return result as Schedule;
    }
    const list: { schedule: Schedule; index: number }[] = [];
    input.forEach((item, index) => {
      const result = read(item);
      if (Array.isArray(result)) {
        issuesInto(
          ctx,
          result.map((p) => ({ ...p, path: [index, ...p.path] })),
          input,
        );
      } else list.push({ schedule: result as Schedule, index });
    });
    if (list.length < input.length) return z.NEVER;
    const overlap = findOverlap(list);
    if (overlap) {
      ctx.addIssue({
        code: "custom",
        message: overlapMessage(`schedule ${overlap[0]}`, overlap),
        path: [overlap[1], "validFrom"],
        input,
      });
      return z.NEVER;
    }
    return Object.freeze(
      list.sort((a, b) => a.schedule.validFrom - b.schedule.validFrom).map((v) => v.schedule),
    );
  });

// ---------------------------------------------------------------------------------------------
// Zendesk

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
  const fn = "scheduleFromZendesk";
  if (!isRecord(zendesk)) {
    throw new TypeError(`${fn}: schedule must be a Zendesk schedule object, got ${show(zendesk)}`);
  }
  const zone = zendesk.time_zone;
  const timeZone =
    typeof zone === "string" && Object.hasOwn(RAILS_TIME_ZONES, zone)
      ? (RAILS_TIME_ZONES[zone] as string)
      : zone;
  try {
    checkTimeZone(timeZone, fn);
  } catch {
    throw new RangeError(
      `${fn}: time_zone must be an IANA zone or a Rails zone listed in RAILS_TIME_ZONES, got ${show(zone)}`,
    );
  }
  if (!Array.isArray(zendesk.intervals)) {
    throw new TypeError(
      `${fn}: intervals must be an array of { start_time, end_time }, got ${show(zendesk.intervals)}`,
    );
  }
  // Zendesk's week starts on Sunday; ours lists Monday first.
  const order: Weekday[] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
  ];
  const weekly: Partial<Record<Weekday, { start: string; end: string }[]>> = {};
  zendesk.intervals.forEach((interval, index) => {
    const { start_time: start, end_time: end } = (interval ?? {}) as {
      start_time?: unknown;
      end_time?: unknown;
    };
    for (const [key, value] of [
      ["start_time", start],
      ["end_time", end],
    ] as const) {
      if (
        typeof value !== "number" ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > MINUTES_PER_WEEK
      ) {
        throw new RangeError(
          `${fn}: intervals[${index}].${key} must be whole minutes from 0 to 10080, got ${show(value)}`,
        );
      }
    }
    if ((end as number) <= (start as number)) {
      throw new RangeError(
        `${fn}: intervals[${index}].end_time must be after start_time, got ${end} for ${start}`,
      );
    }
    // Split at each local midnight.
    for (let from = start as number; from < (end as number); ) {
      const dayStart = Math.floor(from / MINUTES_PER_DAY) * MINUTES_PER_DAY;
      const to = Math.min(end as number, dayStart + MINUTES_PER_DAY);
      const day = order[dayStart / MINUTES_PER_DAY] as Weekday;
      const list = weekly[day] ?? [];
      list.push({
        start: clock(from - dayStart),
        end: to - dayStart === MINUTES_PER_DAY ? "24:00" : clock(to - dayStart),
      });
      weekly[day] = list;
      from = to;
    }
  });
  const holidays: { date: string; name?: string }[] = [];
  if (zendesk.holidays !== undefined && zendesk.holidays !== null) {
    if (!Array.isArray(zendesk.holidays)) {
      throw new TypeError(
        `${fn}: holidays must be an array of { start_date, end_date, name }, got ${show(zendesk.holidays)}`,
      );
    }
    zendesk.holidays.forEach((holiday, index) => {
      const first = dayNumber(holiday?.start_date);
      const last = dayNumber(holiday?.end_date);
      if (Number.isNaN(first)) {
        throw new RangeError(
          `${fn}: holidays[${index}].start_date must be a real date "YYYY-MM-DD", got ${show(holiday?.start_date)}`,
        );
      }
      if (Number.isNaN(last) || last < first) {
        throw new RangeError(
          `${fn}: holidays[${index}].end_date must be a real date "YYYY-MM-DD" on or after start_date, got ${show(holiday?.end_date)}`,
        );
      }
      if (last - first > 366) {
        throw new RangeError(
          `${fn}: holidays[${index}] must last at most 366 days, got ${holiday.start_date} to ${holiday.end_date}`,
        );
      }
      for (let day = first; day <= last; day++) {
        const date = new Date(day * DAY).toISOString().slice(0, 10);
        holidays.push(typeof holiday.name === "string" ? { date, name: holiday.name } : { date });
      }
    });
  }
  const input: ScheduleInput = { timeZone, weekly, holidays };
  if (typeof zendesk.name === "string") input.name = zendesk.name;
  const result = read(input);
  if (Array.isArray(result)) raise(fn, result[0] as Problem);
  return result as Schedule;
}
