/**
 * The Zod schema of a schedule input (see schedule.ts for the types and docs/business-hours.md
 * for the rules): field by field, with every problem an issue (path, code, message) in the
 * library's grammar, `must constraint, got value`. Zone-less instants are read in the input's
 * own zone, so there is one fields schema per zone, as the record schemas keep one per
 * `timeZone` option. Cross-field checks (ranges that overlap, a closure or validity that ends
 * before it starts) are refinements; the output is normalised and frozen.
 */

import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { addIssue } from "../schemas/issues.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import { OUT_OF_RANGE, parseWithin, showInstant } from "./issueError.ts";
import {
  clockText,
  dayNumber,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  minutesOf,
  WEEKDAYS,
  type Weekday,
} from "./localTimes.ts";
import type { Closure, Holiday, Schedule, TimeRange } from "./schedule.ts";
import { checkTimeZone } from "./zone.ts";

/** Schedules the schema built: passed through unchanged, never validated twice. */
const built = new WeakSet<object>();

function isBuilt(value: unknown): value is Schedule {
  return typeof value === "object" && value !== null && built.has(value);
}

/** An error message that shows the value it refuses. */
function mustBe(constraint: string) {
  return (issue: { input?: unknown }) => `${constraint}, got ${show(issue.input)}`;
}

/** Whether a refused instant had an instant's kind (then it is out of range, not mistyped). */
function instantKind(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || value instanceof Date;
}

const ZONE = "must be an IANA time zone name";
const START = 'must be a time "HH:mm" from "00:00" to "23:59"';
const END = 'must be a time "HH:mm" from "00:00" to "24:00"';
const DATE = 'must be a real date "YYYY-MM-DD"';

/**
 * The zone field of the schema for `timeZone`: that zone, already checked and with its case
 * fixed (`"europe/berlin"` → `"Europe/Berlin"`), or `undefined` when the input's zone is
 * unusable, which this field then reports.
 */
function zoneField(timeZone: string | undefined) {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): string => {
      if (timeZone !== undefined) return timeZone;
      addIssue(ctx, {
        code: "custom",
        message: `${ZONE}, got ${show(value)}`,
        input: value,
        ...(typeof value === "string" ? { params: OUT_OF_RANGE } : {}),
      });
      return z.NEVER;
    }),
  );
}

/** A `"HH:mm"` time; `valid` says which minutes after midnight it may be. */
function clockField(constraint: string, valid: (minutes: number) => boolean) {
  return z.string({ error: mustBe(constraint) }).check(
    z.refine((text) => valid(minutesOf(text)), {
      error: mustBe(constraint),
      params: OUT_OF_RANGE,
    }),
  );
}

const rangeSchema = z.object(
  {
    start: clockField(START, (minutes) => minutes >= 0 && minutes < MINUTES_PER_DAY),
    end: clockField(END, (minutes) => minutes >= 0),
  },
  { error: mustBe('must be a range { start: "HH:mm", end: "HH:mm" }') },
);
type RangeInput = z.output<typeof rangeSchema>;
/** The weekly ranges as validated, before normalising. */
type WeeklyInput = { readonly [Day in Weekday]?: readonly RangeInput[] | undefined };

const dayField = z.optional(
  z.array(rangeSchema, { error: mustBe("must be an array of { start, end } ranges") }),
);

/** A range in week minutes: `[start, end)` from Monday 00:00; `end` may pass the week's end. */
interface WeekRange {
  start: number;
  end: number;
  day: Weekday;
  index: number;
  text: string;
}

/** The ranges of a week in week minutes, leaving out the malformed ones (reported already). */
function weekRanges(weekly: WeeklyInput): WeekRange[] {
  const ranges: WeekRange[] = [];
  WEEKDAYS.forEach((day, dayIndex) => {
    weekly[day]?.forEach((range, index) => {
      const start = minutesOf(range.start);
      const end = minutesOf(range.end);
      if (start < 0 || start === MINUTES_PER_DAY || end < 0) return;
      const length = end > start ? end - start : MINUTES_PER_DAY - start + end;
      const next = WEEKDAYS[(dayIndex + 1) % 7] as Weekday;
      const crosses = start + length > MINUTES_PER_DAY;
      ranges.push({
        start: dayIndex * MINUTES_PER_DAY + start,
        end: dayIndex * MINUTES_PER_DAY + start + length,
        day,
        index,
        text: `${range.start}–${range.end}${crosses ? ` (into ${next})` : ""}`,
      });
    });
  });
  return ranges;
}

/** Reports ranges that overlap on the weekly circle (a Sunday night range runs into Monday). */
function checkOverlaps(weekly: WeeklyInput, ctx: z.core.$RefinementCtx): void {
  const sorted = weekRanges(weekly).sort((a, b) => a.start - b.start);
  if (sorted.length < 2) return;
  const order = (range: WeekRange) => WEEKDAYS.indexOf(range.day) * 1000 + range.index;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as WeekRange;
    const wraps = i + 1 === sorted.length;
    const b = sorted[wraps ? 0 : i + 1] as WeekRange;
    if (a.end <= b.start + (wraps ? MINUTES_PER_WEEK : 0)) continue;
    // Report the later-listed range against the earlier one.
    const [later, earlier] = order(a) > order(b) ? [a, b] : [b, a];
    ctx.addIssue({
      code: "custom",
      path: [later.day, later.index],
      message: `must not overlap weekly.${earlier.day}[${earlier.index}], got ${later.text} and ${earlier.text}`,
      input: weekly[later.day]?.[later.index],
      params: OUT_OF_RANGE,
    });
  }
}

const weeklySchema = z
  .strictObject(
    {
      monday: dayField,
      tuesday: dayField,
      wednesday: dayField,
      thursday: dayField,
      friday: dayField,
      saturday: dayField,
      sunday: dayField,
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must name weekdays among ${WEEKDAYS.join(", ")}, got ${show(issue.keys[0])}`
          : `must be an object of ranges by weekday, such as { monday: [{ start: "09:00", end: "17:00" }] }, got ${show(issue.input)}`,
    },
  )
  .check(z.superRefine(checkOverlaps));

const nameField = z.string({ error: mustBe("must be a string") });

const holidaysField = z.nullish(
  z.array(
    z.object(
      {
        date: z.string({ error: mustBe(DATE) }).check(
          z.refine((date) => !Number.isNaN(dayNumber(date)), {
            error: mustBe(DATE),
            params: OUT_OF_RANGE,
          }),
        ),
        name: z.optional(nameField),
      },
      { error: mustBe('must be { date: "YYYY-MM-DD", name? }') },
    ),
    { error: mustBe('must be an array of { date: "YYYY-MM-DD" }') },
  ),
);

/**
 * An instant: a Date, epoch milliseconds, an ISO string with an offset, or a zone-less local
 * time read in `timeZone`. `null` and `undefined` are `open`, and so is `open` itself (a built
 * schedule's `-Infinity` / `Infinity`); `open` NaN makes the instant required.
 */
function instantField(timeZone: string | undefined, open: number) {
  // Optional on the way in, so that an absent key reaches the transform (as `undefined`).
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((value, ctx): number => {
      if (value === undefined || value === null || value === open) {
        if (!Number.isNaN(open)) return open;
        addIssue(ctx, { code: "custom", message: "is required", input: value });
        return z.NEVER;
      }
      const ms = parseTimestamp(value, timeZone);
      if (typeof ms === "number") return ms;
      addIssue(ctx, {
        code: "custom",
        message: ms,
        input: value,
        ...(instantKind(value) ? { params: OUT_OF_RANGE } : {}),
      });
      return z.NEVER;
    }),
  );
}

function closuresField(timeZone: string | undefined) {
  const closure = z.object(
    {
      start: instantField(timeZone, Number.NaN),
      end: instantField(timeZone, Number.NaN),
      name: z.optional(nameField),
    },
    { error: mustBe("must be { start, end, name? }") },
  );
  return z.nullish(z.array(closure, { error: mustBe("must be an array of { start, end }") })).check(
    z.superRefine((closures, ctx) => {
      closures?.forEach(({ start, end }, index) => {
        if (end > start) return;
        ctx.addIssue({
          code: "custom",
          path: [index, "end"],
          message: `must be after closures[${index}].start, got ${showInstant(end)} for a start at ${showInstant(start)}`,
          input: end,
          params: OUT_OF_RANGE,
        });
      });
    }),
  );
}

/** The input's fields, instants read in `timeZone` (`undefined` when the zone is unusable). */
function fieldsFor(timeZone: string | undefined) {
  return z.pipe(
    z
      .strictObject(
        {
          timeZone: zoneField(timeZone),
          weekly: weeklySchema,
          holidays: holidaysField,
          closures: closuresField(timeZone),
          validFrom: instantField(timeZone, Number.NEGATIVE_INFINITY),
          validUntil: instantField(timeZone, Number.POSITIVE_INFINITY),
          name: z.nullish(nameField),
        },
        {
          error: (issue) =>
            issue.code === "unrecognized_keys"
              ? `must have only timeZone, weekly, holidays, closures, validFrom, validUntil and name, got ${show(issue.keys[0])}`
              : `must be an object, got ${show(issue.input)}`,
        },
      )
      .check(
        z.superRefine(({ validFrom, validUntil }, ctx) => {
          if (validUntil > validFrom) return;
          ctx.addIssue({
            code: "custom",
            path: ["validUntil"],
            message: `must be after validFrom, got ${showInstant(validUntil)} for validFrom ${showInstant(validFrom)}`,
            input: validUntil,
            params: OUT_OF_RANGE,
          });
        }),
      ),
    z.transform((fields) => normalise(fields)),
  );
}

/** The validated fields as a frozen {@link Schedule}: every weekday listed, lists sorted. */
function normalise(input: {
  timeZone: string;
  weekly: WeeklyInput;
  holidays?: readonly { date: string; name?: string | undefined }[] | null | undefined;
  closures?:
    | readonly { start: number; end: number; name?: string | undefined }[]
    | null
    | undefined;
  validFrom: number;
  validUntil: number;
  name?: string | null | undefined;
}): Schedule {
  const weekly = {} as Record<Weekday, readonly TimeRange[]>;
  for (const day of WEEKDAYS) {
    const ranges = (input.weekly[day] ?? []).map((range) =>
      Object.freeze({
        start: clockText(minutesOf(range.start)),
        end: clockText(minutesOf(range.end)),
      }),
    );
    ranges.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    weekly[day] = Object.freeze(ranges);
  }
  // A date listed twice is one holiday; the first name given is kept.
  const seen = new Set<string>();
  const holidays: Holiday[] = [];
  for (const { date, name } of input.holidays ?? []) {
    if (seen.has(date)) continue;
    seen.add(date);
    holidays.push(Object.freeze(typeof name === "string" ? { date, name } : { date }));
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const closures: Closure[] = (input.closures ?? []).map(({ start, end, name }) =>
    Object.freeze(typeof name === "string" ? { start, end, name } : { start, end }),
  );
  closures.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Schedule = Object.freeze({
    ...(typeof input.name === "string" ? { name: input.name } : {}),
    timeZone: input.timeZone,
    weekly: Object.freeze(weekly),
    holidays: Object.freeze(holidays),
    closures: Object.freeze(closures),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
  });
  built.add(result);
  return result;
}

/** One fields schema per zone, as the record schemas keep one per `timeZone` option. */
const schemas = new Map<string, z.ZodMiniType<Schedule, unknown>>();

function schemaFor(input: unknown): z.ZodMiniType<Schedule, unknown> {
  const timeZone = zoneOf(input);
  const key = timeZone ?? "";
  let schema = schemas.get(key);
  if (!schema) {
    schema = fieldsFor(timeZone);
    schemas.set(key, schema);
  }
  return schema;
}

/** Zone names seen, with their case fixed: checking a name builds an Intl formatter. */
const zones = new Map<string, string>();

/** The input's zone, checked and with its case fixed, or `undefined` when unusable. */
function zoneOf(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const name: unknown = (input as { timeZone?: unknown }).timeZone;
  if (typeof name !== "string") return undefined;
  let zone = zones.get(name);
  if (zone === undefined) {
    try {
      zone = checkTimeZone(name, "schedule");
    } catch {
      return undefined;
    }
    if (zones.size >= 1000) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

/**
 * The Zod schema of a schedule: unknown input → {@link Schedule}, with every problem as an
 * issue (path, code, message), as the record schemas report them. Zone-less local times are
 * read in the input's own `timeZone`. A built schedule passes unchanged.
 *
 * @example
 * const parsed = ScheduleSchema.safeParse({ timeZone: "Mars/Olympus", weekly: {} });
 * parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."))
 * //=> ["timeZone"]
 */
export const ScheduleSchema: z.ZodMiniType<Schedule, unknown> = z.pipe(
  z.unknown(),
  z.transform(
    (input, ctx): Schedule => (isBuilt(input) ? input : parseWithin(schemaFor(input), input, ctx)),
  ),
);
