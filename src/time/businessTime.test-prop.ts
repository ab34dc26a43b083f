/**
 * Properties of business time, checked with fast-check against random schedules (lunch
 * breaks, overnight ranges, holidays, closures) in zones that break naive code: half- and
 * quarter-hour offsets, a 30-minute DST change, and DST changes at midnight.
 *
 * The reference below is written independently of src/time/zone.ts and of the block cache:
 * it walks the span minute by minute and reads each minute's local wall time with
 * Intl.DateTimeFormat#formatToParts. It is slow and obviously right; the code under test
 * must agree with it to the second.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addBusinessTime,
  businessDuration,
  MAX_BUSINESS_SPAN_MS,
  nextOpening,
} from "./businessTime.ts";
import { WEEKDAYS } from "./localTimes.ts";
import { type Schedule, type ScheduleInput, schedule, type Weekday } from "./schedule.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The weekdays from Monday (index 0), as the wall clock below numbers them. */
const DAYS = WEEKDAYS;

/** Instants near each zone's DST changes (and plain dates for zones without DST), in UTC. */
const ZONES: Record<string, string[]> = {
  UTC: ["2023-12-31T12:00:00Z", "2024-02-28T00:00:00Z"],
  "Europe/Berlin": ["2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z", "2023-12-31T23:00:00Z"],
  "America/New_York": ["2024-03-10T07:00:00Z", "2024-11-03T06:00:00Z"],
  "Asia/Kolkata": ["2024-02-29T00:00:00Z", "2024-12-31T18:30:00Z"],
  "Asia/Kathmandu": ["2024-06-01T00:00:00Z", "2024-12-31T18:15:00Z"],
  // 02:00 → 01:30 on 2024-04-07 and 02:00 → 02:30 on 2024-10-06 (local).
  "Australia/Lord_Howe": ["2024-04-06T15:00:00Z", "2024-10-05T15:30:00Z"],
  // 24:00 → 23:00 on 2024-04-06 and 24:00 → 01:00 on 2024-09-08 (local).
  "America/Santiago": ["2024-04-07T03:00:00Z", "2024-09-08T04:00:00Z"],
};

// ---------------------------------------------------------------------------------------------
// The minute-by-minute reference

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local wall time of an instant, read from Intl: date text, weekday (Monday 0), minute of day. */
function wallOf(
  instant: number,
  timeZone: string,
): { date: string; weekday: number; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday ?? "");
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));

/** Whether one minute (starting at `instant`) is working time, read from the wall clock. */
function isWorkingMinute(instant: number, input: ScheduleInput): boolean {
  if (input.closures?.some((c) => instant >= Number(c.start) && instant < Number(c.end))) {
    return false;
  }
  const wall = wallOf(instant, input.timeZone);
  if (input.holidays?.some((h) => h.date === wall.date)) return false;
  const today = input.weekly[DAYS[wall.weekday] as Weekday] ?? [];
  const yesterday = input.weekly[DAYS[(wall.weekday + 6) % 7] as Weekday] ?? [];
  for (const range of today) {
    const start = toMinutes(range.start);
    const end = toMinutes(range.end);
    if (end > start ? wall.minute >= start && wall.minute < end : wall.minute >= start) {
      return true;
    }
  }
  for (const range of yesterday) {
    const start = toMinutes(range.start);
    const end = toMinutes(range.end);
    if (end <= start && wall.minute < end) return true;
  }
  return false;
}

/** Working seconds in `[start, end)` (both on whole minutes), one minute at a time. */
function referenceDuration(start: number, end: number, input: ScheduleInput): number {
  let seconds = 0;
  for (let m = start; m < end; m += MINUTE) if (isWorkingMinute(m, input)) seconds += 60;
  return seconds;
}

// ---------------------------------------------------------------------------------------------
// Random schedules

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * A random weekly schedule: cut points on the weekly circle paired into ranges of at most a
 * day, so ranges never overlap; some cross midnight, some days get two ranges (a lunch
 * break). Times are on 5-minute steps or any minute.
 */
const weeklyArbitrary: fc.Arbitrary<ScheduleInput["weekly"]> = fc
  .record({
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 7 * 1440 - 1 }), {
      minLength: 2,
      maxLength: 20,
    }),
    fine: fc.boolean(),
  })
  .map(({ cuts, fine }) => {
    const points = [...new Set(cuts.map((c) => (fine ? c : c - (c % 5))))].sort((a, b) => a - b);
    const weekly: Partial<Record<Weekday, { start: string; end: string }[]>> = {};
    // With an odd count, the last range wraps past Sunday midnight to the first cut point.
    if (points.length % 2 === 1) points.push((points[0] as number) + 7 * 1440);
    for (let i = 0; i + 1 < points.length; i += 2) {
      const start = points[i] as number;
      const end = Math.min(points[i + 1] as number, start + 1440);
      const day = Math.floor(start / 1440);
      const from = start % 1440;
      const to = from + (end - start);
      const range =
        to === 1440
          ? { start: clock(from), end: "24:00" }
          : { start: clock(from), end: clock(to % 1440) };
      const key = DAYS[day] as Weekday;
      weekly[key] = [...(weekly[key] ?? []), range];
    }
    return weekly;
  });

/** A classic office week: Mon–Fri with a lunch break, or a night shift, or 24/7. */
const officeArbitrary: fc.Arbitrary<ScheduleInput["weekly"]> = fc.constantFrom(
  Object.fromEntries(
    DAYS.slice(0, 5).map((d) => [
      d,
      [
        { start: "09:00", end: "12:30" },
        { start: "13:30", end: "18:00" },
      ],
    ]),
  ),
  Object.fromEntries(DAYS.map((d) => [d, [{ start: "22:00", end: "06:00" }]])),
  Object.fromEntries(DAYS.map((d) => [d, [{ start: "00:00", end: "24:00" }]])),
  // Ranges with boundaries inside the changed hours of the zones above.
  Object.fromEntries(
    DAYS.map((d) => [
      d,
      [
        { start: "01:30", end: "02:45" },
        { start: "23:30", end: "00:30" },
      ],
    ]),
  ),
);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A schedule input near `base`: weekly ranges, a few holidays and closures around it. */
function inputArbitrary(timeZone: string, base: number): fc.Arbitrary<ScheduleInput> {
  return fc
    .record({
      weekly: fc.oneof(weeklyArbitrary, officeArbitrary),
      holidays: fc.array(
        fc.integer({ min: -3, max: 5 }).map((d) => ({ date: isoDate(base + d * DAY) })),
        { maxLength: 2 },
      ),
      closures: fc.array(
        fc
          .tuple(fc.integer({ min: -3 * 1440, max: 5 * 1440 }), fc.integer({ min: 1, max: 2000 }))
          .map(([from, length]) => ({
            start: base + from * MINUTE,
            end: base + (from + length) * MINUTE,
          })),
        { maxLength: 2 },
      ),
    })
    .map((parts) => ({ timeZone, ...parts }));
}

/** A zone, an instant near one of its interesting dates, and a schedule. */
const caseArbitrary = fc.constantFrom(...Object.keys(ZONES)).chain((timeZone) =>
  fc
    .constantFrom(...(ZONES[timeZone] as string[]))
    .map((text) => Math.floor(Date.parse(text) / MINUTE) * MINUTE)
    .chain((base) =>
      fc.record({
        timeZone: fc.constant(timeZone),
        base: fc.constant(base),
        input: inputArbitrary(timeZone, base),
      }),
    ),
);

/** Minutes offsets from a base: spans of up to 3 days starting within 3 days of it. */
const minuteSpan = fc
  .tuple(fc.integer({ min: -3 * 1440, max: 3 * 1440 }), fc.integer({ min: 0, max: 3 * 1440 }))
  .map(([from, length]) => ({ from, to: from + length }));

/** Any millisecond offsets within ±40 days. */
const msOffset = fc.integer({ min: -40 * DAY, max: 40 * DAY });

const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000));

describe("businessDuration agrees with a minute-by-minute reference", () => {
  test.each(Object.keys(ZONES))("in %s", (zone) => {
    fc.assert(
      fc.property(
        caseArbitrary.filter((c) => c.timeZone === zone),
        minuteSpan,
        ({ base, input }, { from, to }) => {
          const built = schedule(input);
          const start = base + from * MINUTE;
          const end = base + to * MINUTE;
          expect(businessDuration(start, end, built)).toBe(referenceDuration(start, end, input));
        },
      ),
      { numRuns: 40 },
    );
  });

  test("on spans with seconds and milliseconds (the minute grid scaled down)", () => {
    fc.assert(
      fc.property(
        caseArbitrary,
        minuteSpan,
        fc.integer({ min: 0, max: 59_999 }),
        (c, span, cut) => {
          // A span cut inside its first minute differs from the whole-minute one by exactly
          // the part of that minute it leaves out, when that minute is working time.
          const built = schedule(c.input);
          const start = c.base + span.from * MINUTE;
          const end = c.base + span.to * MINUTE;
          if (end === start) return;
          const whole = businessDuration(start, end, built) as number;
          const cutOff = businessDuration(start + cut, end, built) as number;
          const firstWorking = isWorkingMinute(start, c.input) ? cut / 1000 : 0;
          expect(Math.round((whole - cutOff) * 1000)).toBe(Math.round(firstWorking * 1000));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("more zones, any date from 2010 to 2026", () => {
  // Zones whose rules are odd in other ways: negative DST (Dublin), DST suspended for
  // Ramadan (Casablanca), changes at midnight (Havana), +12:45/+13:45 (Chatham), −03:30
  // (St John's), a whole skipped day (Apia, 2011-12-30), and the suite's host zones.
  const zones = [
    "Europe/Dublin",
    "Africa/Casablanca",
    "America/Havana",
    "Pacific/Chatham",
    "America/St_Johns",
    "Pacific/Apia",
    "Europe/London",
    "Asia/Tehran",
  ];
  /** Days (at 12:00Z) on which a zone's offset differs from the day before, read from Intl. */
  function changeDays(timeZone: string): number[] {
    const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    const name = (t: number) =>
      format.formatToParts(new Date(t)).find((p) => p.type === "timeZoneName")?.value;
    const days: number[] = [];
    let previous = name(Date.UTC(2010, 0, 1, 12));
    for (let t = Date.UTC(2010, 0, 2, 12); t < Date.UTC(2026, 0, 1); t += DAY) {
      const current = name(t);
      if (current !== previous) days.push(t);
      previous = current;
    }
    return days;
  }
  const changes = Object.fromEntries(zones.map((zone) => [zone, changeDays(zone)]));

  test("the zones do change (the scan has not gone blind)", () => {
    expect(changes["Europe/Dublin"]?.length).toBeGreaterThan(25);
    expect(changes["Pacific/Apia"]).toContain(Date.UTC(2011, 11, 30, 12));
  });

  const anyCase = fc
    .constantFrom(...zones)
    .chain((timeZone) =>
      fc.record({
        timeZone: fc.constant(timeZone),
        base: fc.oneof(
          fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2026, 0, 1) }),
          fc.constantFrom(...(changes[timeZone] as number[])),
        ),
      }),
    )
    .chain(({ timeZone, base }) => {
      const minute = Math.floor(base / MINUTE) * MINUTE;
      return inputArbitrary(timeZone, minute).map((input) => ({ base: minute, input }));
    });

  test("agree with the minute-by-minute reference", () => {
    fc.assert(
      fc.property(anyCase, minuteSpan, ({ base, input }, { from, to }) => {
        const start = base + from * MINUTE;
        const end = base + to * MINUTE;
        expect(businessDuration(start, end, schedule(input))).toBe(
          referenceDuration(start, end, input),
        );
      }),
      { numRuns: 150 },
    );
  });

  test("Apia skipped 30 December 2011: a round-the-clock week lost a whole day", () => {
    // 29 December 2011 24:00 (−10:00) was followed by 31 December 00:00 (+14:00).
    const always = schedule({
      timeZone: "Pacific/Apia",
      weekly: Object.fromEntries(DAYS.map((d) => [d, [{ start: "00:00", end: "24:00" }]])),
      holidays: [{ date: "2011-12-30" }],
    });
    // 29 Dec 00:00 −10 (10:00Z) → 1 Jan 00:00 +14 (31 Dec 10:00Z): 48 real hours for three
    // calendar dates, one of which (the holiday) never happened.
    expect(
      businessDuration(
        Date.parse("2011-12-29T10:00:00Z"),
        Date.parse("2011-12-31T10:00:00Z"),
        always,
      ),
    ).toBe(48 * 3600);
  });
});

describe("business time laws", () => {
  const laws = fc.record({ c: caseArbitrary, a: msOffset, b: msOffset, d: msOffset });

  test("d(a, c) = d(a, b) + d(b, c) for a ≤ b ≤ c", () => {
    fc.assert(
      fc.property(laws, ({ c, a, b, d }) => {
        const built = schedule(c.input);
        const [x, y, z] = [a, b, d].sort((p, q) => p - q).map((o) => c.base + o) as [
          number,
          number,
          number,
        ];
        const whole = ms(businessDuration(x, z, built)) as number;
        const left = ms(businessDuration(x, y, built)) as number;
        const right = ms(businessDuration(y, z, built)) as number;
        expect(whole).toBe(left + right);
      }),
      { numRuns: 300 },
    );
  });

  test("never negative and never more than the calendar duration", () => {
    fc.assert(
      fc.property(laws, ({ c, a, b }) => {
        const built = schedule(c.input);
        const [x, y] = [Math.min(a, b) + c.base, Math.max(a, b) + c.base];
        const seconds = businessDuration(x, y, built) as number;
        expect(seconds).toBeGreaterThanOrEqual(0);
        expect(seconds).toBeLessThanOrEqual((y - x) / 1000);
      }),
      { numRuns: 300 },
    );
  });

  test("addBusinessTime inverts businessDuration: d(a, add(a, s)) = s for s > 0", () => {
    fc.assert(
      fc.property(
        caseArbitrary,
        msOffset,
        fc.integer({ min: 1, max: 20 * DAY }),
        (c, a, amount) => {
          const built = schedule(c.input);
          const start = c.base + a;
          let due: Date | null;
          try {
            due = addBusinessTime(start, amount / 1000, built);
          } catch (error) {
            // A schedule open a few minutes a week may not hold `amount` within the 100 years
            // a business search is limited to: refused then, and only then.
            expect(error).toBeInstanceOf(RangeError);
            const limit = start + MAX_BUSINESS_SPAN_MS;
            expect(ms(businessDuration(start, limit, built))).toBeLessThan(amount);
            return;
          }
          if (due === null) {
            // Only a schedule that never opens runs out when it has no end.
            expect(nextOpening(start, built)).toBeNull();
            return;
          }
          expect(ms(businessDuration(start, due, built))).toBe(amount);
          // …and it is the earliest such instant: a millisecond earlier is not enough.
          expect(ms(businessDuration(start, due.getTime() - 1, built))).toBe(amount - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("add(a, d(a, b)) is the last working instant up to b, never after b", () => {
    fc.assert(
      fc.property(laws, ({ c, a, b }) => {
        const built = schedule(c.input);
        const [x, y] = [Math.min(a, b) + c.base, Math.max(a, b) + c.base];
        const seconds = businessDuration(x, y, built) as number;
        if (seconds === 0) return; // then add(a, 0) is the next opening, which may follow b
        const back = (addBusinessTime(x, seconds, built) as Date).getTime();
        expect(back).toBeLessThanOrEqual(y);
        // Nothing works between it and b, and the millisecond before it was working time.
        expect(businessDuration(back, y, built)).toBe(0);
        expect(businessDuration(back - 1, back, built)).toBe(0.001);
      }),
      { numRuns: 300 },
    );
  });

  test("nextOpening is the first working instant at or after a, and add(a, 0) is it", () => {
    fc.assert(
      fc.property(caseArbitrary, msOffset, (c, a) => {
        const built = schedule(c.input);
        const start = c.base + a;
        const opening = nextOpening(start, built);
        expect(addBusinessTime(start, 0, built)).toEqual(opening);
        if (opening === null) return;
        const at = opening.getTime();
        expect(at).toBeGreaterThanOrEqual(start);
        expect(businessDuration(start, at, built)).toBe(0);
        expect(businessDuration(at, at + 1, built)).toBe(0.001);
      }),
      { numRuns: 300 },
    );
  });
});

describe("versioned schedules", () => {
  /** Two versions of random schedules, switching at `switchAt`. */
  const versions = fc
    .record({ c: caseArbitrary, other: weeklyArbitrary, at: msOffset })
    .map(({ c, other, at }) => {
      const switchAt = c.base + at;
      const before: Schedule = schedule({ ...c.input, validUntil: switchAt });
      const after: Schedule = schedule({ ...c.input, weekly: other, validFrom: switchAt });
      return { c, switchAt, before, after, list: [after, before] as const };
    });

  test('"perSegment" sums each side of the change under its own version', () => {
    fc.assert(
      fc.property(versions, msOffset, msOffset, ({ c, switchAt, before, after, list }, a, b) => {
        const [x, y] = [Math.min(a, b) + c.base, Math.max(a, b) + c.base];
        const expected =
          y <= switchAt
            ? ms(businessDuration(x, y, before))
            : x >= switchAt
              ? ms(businessDuration(x, y, after))
              : (ms(businessDuration(x, switchAt, before)) as number) +
                (ms(businessDuration(switchAt, y, after)) as number);
        expect(ms(businessDuration(x, y, list))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('"atEvent" times the whole span by the version in force at its end', () => {
    fc.assert(
      fc.property(versions, msOffset, msOffset, ({ c, switchAt, list }, a, b) => {
        const [x, y] = [Math.min(a, b) + c.base, Math.max(a, b) + c.base];
        const atEnd = schedule({
          ...c.input,
          ...(y < switchAt ? {} : { weekly: (list[0] as Schedule).weekly }),
        });
        expect(businessDuration(x, y, list, { rule: "atEvent" })).toBe(
          businessDuration(x, y, atEnd),
        );
      }),
      { numRuns: 200 },
    );
  });

  test("addBusinessTime crosses the change and still inverts perSegment durations", () => {
    fc.assert(
      fc.property(versions, msOffset, fc.integer({ min: 1, max: 10 * DAY }), (v, a, amount) => {
        const start = v.c.base + a;
        let due: Date | null;
        try {
          due = addBusinessTime(start, amount / 1000, v.list);
        } catch (error) {
          // As above: refused only when 100 years of the schedule hold less than `amount`.
          expect(error).toBeInstanceOf(RangeError);
          const limit = start + MAX_BUSINESS_SPAN_MS;
          expect(ms(businessDuration(start, limit, v.list))).toBeLessThan(amount);
          return;
        }
        if (due === null) return;
        expect(ms(businessDuration(start, due, v.list))).toBe(amount);
      }),
      { numRuns: 200 },
    );
  });
});
