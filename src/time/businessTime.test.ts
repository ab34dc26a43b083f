import { describe, expect, test } from "vitest";
import { addBusinessTime, businessDuration, nextOpening } from "./businessTime.ts";
import { type ScheduleInput, schedule } from "./schedule.ts";
import { scheduleVersions } from "./scheduleVersions.ts";

const HOUR = 3600; // seconds

const range = (start: string, end: string) => [{ start, end }];

/** Monday to Friday with the same ranges. */
function weekdays(ranges: { start: string; end: string }[]): ScheduleInput["weekly"] {
  return { monday: ranges, tuesday: ranges, wednesday: ranges, thursday: ranges, friday: ranges };
}

const at = (iso: string) => new Date(iso);

describe("businessDuration: hand-computed spans", () => {
  const berlin = schedule({ timeZone: "Europe/Berlin", weekly: weekdays(range("09:00", "18:00")) });

  test("a ticket created Friday 17:55 and answered Monday 09:10", () => {
    // Friday 2024-03-01 17:55 → 18:00: 5 min; the weekend is closed; Monday 2024-03-04
    // 09:00 → 09:10: 10 min. 15 min = 900 s.
    expect(
      businessDuration(at("2024-03-01T17:55:00+01:00"), at("2024-03-04T09:10:00+01:00"), berlin),
    ).toBe(900);
  });

  test("counts nothing outside hours and starts at the next opening", () => {
    // Saturday 10:00 → Sunday 20:00: closed all along.
    expect(
      businessDuration(at("2024-03-02T10:00:00+01:00"), at("2024-03-03T20:00:00+01:00"), berlin),
    ).toBe(0);
    // Saturday 10:00 → Monday 09:30: counting starts Monday 09:00, 30 min = 1800 s.
    expect(
      businessDuration(at("2024-03-02T10:00:00+01:00"), at("2024-03-04T09:30:00+01:00"), berlin),
    ).toBe(1800);
    // An empty span is 0 s.
    expect(
      businessDuration(at("2024-03-04T10:00:00+01:00"), at("2024-03-04T10:00:00+01:00"), berlin),
    ).toBe(0);
  });

  test("a holiday inside the span", () => {
    // Mon–Fri 09:00–17:00 UTC; 25 and 26 December 2024 (Wednesday, Thursday) are holidays.
    // Tuesday 24th 10:00 → 17:00: 7 h; Wed and Thu: 0; Friday 27th 09:00 → 10:00: 1 h. 8 h.
    const office = schedule({
      timeZone: "UTC",
      weekly: weekdays(range("09:00", "17:00")),
      holidays: [{ date: "2024-12-25" }, { date: "2024-12-26" }],
    });
    expect(businessDuration(at("2024-12-24T10:00:00Z"), at("2024-12-27T10:00:00Z"), office)).toBe(
      8 * HOUR,
    );
  });

  test("a lunch break", () => {
    // 09:00–12:00 and 13:00–17:00; 11:00 → 14:00 is 1 h before lunch and 1 h after.
    const lunch = schedule({
      timeZone: "Asia/Kolkata",
      weekly: weekdays([
        { start: "09:00", end: "12:00" },
        { start: "13:00", end: "17:00" },
      ]),
    });
    expect(
      businessDuration(at("2024-05-06T11:00:00+05:30"), at("2024-05-06T14:00:00+05:30"), lunch),
    ).toBe(2 * HOUR);
    // A whole Monday: 3 h + 4 h = 7 h.
    expect(
      businessDuration(at("2024-05-06T00:00:00+05:30"), at("2024-05-07T00:00:00+05:30"), lunch),
    ).toBe(7 * HOUR);
  });

  test("an overnight range (22:00–06:00)", () => {
    const nights = schedule({
      timeZone: "Europe/Berlin",
      weekly: { friday: range("22:00", "06:00"), saturday: range("22:00", "06:00") },
    });
    // Friday 20:00 → Saturday 08:00: Friday 22:00 → Saturday 06:00 = 8 h.
    expect(
      businessDuration(at("2024-05-03T20:00:00+02:00"), at("2024-05-04T08:00:00+02:00"), nights),
    ).toBe(8 * HOUR);
    // Saturday 03:00 → Sunday 03:00: Saturday 03:00 → 06:00 (Friday's night) = 3 h, then
    // Saturday 22:00 → Sunday 03:00 = 5 h. 8 h.
    expect(
      businessDuration(at("2024-05-04T03:00:00+02:00"), at("2024-05-05T03:00:00+02:00"), nights),
    ).toBe(8 * HOUR);
  });

  test("a holiday closes its whole local date, including the tail of the previous night", () => {
    // Saturday 2024-05-04 is a holiday: Friday night counts 22:00 → 24:00 only (2 h), and
    // Saturday's own night starts on the holiday (22:00 → 24:00 closed) but runs into Sunday
    // 00:00 → 06:00 (6 h). Friday 20:00 → Sunday 08:00: 2 h + 6 h = 8 h.
    const nights = schedule({
      timeZone: "Europe/Berlin",
      weekly: { friday: range("22:00", "06:00"), saturday: range("22:00", "06:00") },
      holidays: [{ date: "2024-05-04", name: "closed" }],
    });
    expect(
      businessDuration(at("2024-05-03T20:00:00+02:00"), at("2024-05-05T08:00:00+02:00"), nights),
    ).toBe(8 * HOUR);
  });

  test("a partial-day closure", () => {
    // Monday 2024-06-03 09:00–17:00 in New York, closed 12:00–15:00 for a company event:
    // 09:00 → 12:00 (3 h) + 15:00 → 17:00 (2 h) = 5 h.
    const office = schedule({
      timeZone: "America/New_York",
      weekly: weekdays(range("09:00", "17:00")),
      closures: [{ start: "2024-06-03T12:00", end: "2024-06-03T15:00", name: "all-hands" }],
    });
    expect(
      businessDuration(at("2024-06-03T00:00:00-04:00"), at("2024-06-04T00:00:00-04:00"), office),
    ).toBe(5 * HOUR);
    // A closure given as instants over a whole day: Tuesday gives 0.
    const closedTuesday = schedule({
      timeZone: "America/New_York",
      weekly: weekdays(range("09:00", "17:00")),
      closures: [{ start: at("2024-06-04T04:00:00Z"), end: at("2024-06-05T04:00:00Z") }],
    });
    expect(
      businessDuration(
        at("2024-06-04T00:00:00-04:00"),
        at("2024-06-05T00:00:00-04:00"),
        closedTuesday,
      ),
    ).toBe(0);
  });

  test("a leap day", () => {
    // Mon–Fri 09:00–17:00 UTC. Wednesday 2024-02-28 12:00 → Friday 2024-03-01 12:00:
    // Wed 5 h + Thu 29 February 8 h + Fri 3 h = 16 h.
    const office = schedule({ timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")) });
    expect(businessDuration(at("2024-02-28T12:00:00Z"), at("2024-03-01T12:00:00Z"), office)).toBe(
      16 * HOUR,
    );
    // 29 February as a holiday: 5 h + 0 + 3 h = 8 h.
    const leapHoliday = schedule({ ...office, holidays: [{ date: "2024-02-29" }] });
    expect(
      businessDuration(at("2024-02-28T12:00:00Z"), at("2024-03-01T12:00:00Z"), leapHoliday),
    ).toBe(8 * HOUR);
  });

  test("a year end", () => {
    // Mon–Fri 09:00–17:00 in Kathmandu (UTC+05:45), 1 January a holiday. Tuesday 2024-12-31
    // 16:00 → Thursday 2025-01-02 10:00: 1 h + 0 + 1 h = 2 h.
    const office = schedule({
      timeZone: "Asia/Kathmandu",
      weekly: weekdays(range("09:00", "17:00")),
      holidays: [{ date: "2025-01-01", name: "New Year" }],
    });
    expect(
      businessDuration(at("2024-12-31T16:00:00+05:45"), at("2025-01-02T10:00:00+05:45"), office),
    ).toBe(2 * HOUR);
  });

  test("long spans: two months of weekdays", () => {
    // Mon–Fri 09:00–17:00 UTC. January 2024 has 23 weekdays, February 21: 44 × 8 h = 352 h.
    const office = schedule({ timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")) });
    expect(businessDuration(at("2024-01-01T00:00:00Z"), at("2024-03-01T00:00:00Z"), office)).toBe(
      352 * HOUR,
    );
    // A leap year of them: 262 weekdays in 2024 → 2096 h.
    expect(businessDuration(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), office)).toBe(
      2096 * HOUR,
    );
  });

  test("before 1970 too (negative epoch milliseconds)", () => {
    // Monday 1969-12-29 → Monday 1970-01-05 (UTC): five weekdays × 8 h = 40 h.
    const office = schedule({ timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")) });
    expect(businessDuration(at("1969-12-29T00:00:00Z"), at("1970-01-05T00:00:00Z"), office)).toBe(
      40 * HOUR,
    );
  });

  test("takes epoch milliseconds as well as Dates", () => {
    expect(
      businessDuration(
        Date.parse("2024-03-01T17:55:00+01:00"),
        Date.parse("2024-03-04T09:10:00+01:00"),
        berlin,
      ),
    ).toBe(900);
  });
});

describe("businessDuration: versions and rules", () => {
  // Until Monday 2024-07-01 (Berlin) the team works 09:00–17:00; from then on 08:00–20:00.
  const summer = scheduleVersions([
    {
      timeZone: "Europe/Berlin",
      weekly: weekdays(range("09:00", "17:00")),
      validUntil: "2024-07-01",
    },
    {
      timeZone: "Europe/Berlin",
      weekly: weekdays(range("08:00", "20:00")),
      validFrom: "2024-07-01",
    },
  ]);
  const created = at("2024-06-28T16:00:00+02:00"); // Friday
  const answered = at("2024-07-01T09:00:00+02:00"); // Monday

  test('"perSegment" (default, dbt_zendesk) and "atEvent" (Zendesk) give different answers', () => {
    // perSegment: Friday 16:00 → 17:00 under the old hours (1 h) + Monday 08:00 → 09:00
    // under the new ones (1 h) = 2 h.
    expect(businessDuration(created, answered, summer)).toBe(2 * HOUR);
    expect(businessDuration(created, answered, summer, { rule: "perSegment" })).toBe(2 * HOUR);
    // atEvent: the version in force at the reply (the new one) for the whole span:
    // Friday 16:00 → 20:00 (4 h) + Monday 08:00 → 09:00 (1 h) = 5 h.
    expect(businessDuration(created, answered, summer, { rule: "atEvent" })).toBe(5 * HOUR);
  });

  test("the order of versions in the array does not matter", () => {
    const reversed = [summer[1], summer[0]] as const;
    expect(businessDuration(created, answered, reversed as never)).toBe(2 * HOUR);
  });

  test("null when part of the span has no version in force, never 0", () => {
    const from2024 = schedule({
      timeZone: "UTC",
      weekly: weekdays(range("09:00", "17:00")),
      validFrom: "2024-01-01",
    });
    // Starts before validity.
    expect(
      businessDuration(at("2023-12-29T10:00:00Z"), at("2024-01-02T10:00:00Z"), from2024),
    ).toBeNull();
    // Wholly inside: Monday 2024-01-01 10:00 → 17:00 (7 h) + Tuesday 09:00 → 10:00 (1 h) = 8 h.
    expect(businessDuration(at("2024-01-01T10:00:00Z"), at("2024-01-02T10:00:00Z"), from2024)).toBe(
      8 * HOUR,
    );
    // An empty list of versions.
    expect(businessDuration(at("2024-01-01T10:00:00Z"), at("2024-01-02T10:00:00Z"), [])).toBeNull();
    // A gap between two versions.
    const gap = scheduleVersions([
      { timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")), validUntil: "2024-01-10" },
      { timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")), validFrom: "2024-01-15" },
    ]);
    expect(
      businessDuration(at("2024-01-08T00:00:00Z"), at("2024-01-16T00:00:00Z"), gap),
    ).toBeNull();
    expect(businessDuration(at("2024-01-15T00:00:00Z"), at("2024-01-16T00:00:00Z"), gap)).toBe(
      8 * HOUR,
    );
    // atEvent only needs a version at the end.
    expect(
      businessDuration(at("2024-01-08T00:00:00Z"), at("2024-01-16T00:00:00Z"), gap, {
        rule: "atEvent",
      }),
    ).toBe(
      // Mon 8th … Fri 12th and Mon 15th, under the (identical) later version: 6 × 8 h.
      48 * HOUR,
    );
    expect(
      businessDuration(at("2024-01-08T00:00:00Z"), at("2024-01-12T00:00:00Z"), gap, {
        rule: "atEvent",
      }),
    ).toBeNull();
  });

  test("validity is half-open: a span ending exactly at validUntil is inside", () => {
    const until = schedule({
      timeZone: "UTC",
      weekly: weekdays(range("09:00", "17:00")),
      validUntil: "2024-01-02T00:00:00Z",
    });
    expect(businessDuration(at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z"), until)).toBe(
      8 * HOUR,
    );
    // "atEvent" reads the version in force at the end instant, and none is.
    expect(
      businessDuration(at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z"), until, {
        rule: "atEvent",
      }),
    ).toBeNull();
  });

  test("checks versions passed as a plain array, and notices when the array changes", () => {
    const a = schedule({ timeZone: "UTC", weekly: {}, validUntil: "2024-02-01" });
    const b = schedule({ timeZone: "UTC", weekly: {}, validFrom: "2024-01-01" });
    expect(() => businessDuration(0, 1, [a, b])).toThrow(
      new RangeError(
        "businessDuration: schedules[1] must not overlap schedules[0] in validity, got 2024-01-01T00:00:00.000Z–Infinity and -Infinity–2024-02-01T00:00:00.000Z",
      ),
    );
    const list: ReturnType<typeof schedule>[] = [a];
    expect(businessDuration(0, 1, list)).toBe(0);
    list.push(b);
    expect(() => businessDuration(0, 1, list)).toThrow(/must not overlap/);
  });
});

describe("businessDuration: refusals", () => {
  const office = schedule({ timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")) });

  test("an end before the start", () => {
    expect(() =>
      businessDuration(at("2024-01-02T00:00:00Z"), at("2024-01-01T00:00:00Z"), office),
    ).toThrow(
      new RangeError(
        "businessDuration: end must not be before start, got 2024-01-01T00:00:00.000Z for a start at 2024-01-02T00:00:00.000Z",
      ),
    );
  });

  test("instants that are not instants", () => {
    expect(() => businessDuration(new Date("nope"), 0, office)).toThrow(
      new TypeError(
        "businessDuration: start must be a Date or epoch milliseconds, got Invalid Date",
      ),
    );
    expect(() => businessDuration(0, "2024-01-01" as never, office)).toThrow(
      new TypeError('businessDuration: end must be a Date or epoch milliseconds, got "2024-01-01"'),
    );
  });

  test("an unknown rule, and schedules that are not schedules", () => {
    expect(() => businessDuration(0, 1, office, { rule: "zendesk" as never })).toThrow(
      new RangeError('businessDuration: rule must be one of perSegment, atEvent, got "zendesk"'),
    );
    expect(() => businessDuration(0, 1, undefined as never)).toThrow(
      new TypeError(
        "businessDuration: schedules must be a schedule or an array of schedule versions, got undefined",
      ),
    );
    // A plain object is validated as a schedule input.
    expect(() => businessDuration(0, 1, { timeZone: "UTC" } as never)).toThrow(/schedule: weekly/);
  });
});

describe("addBusinessTime", () => {
  const berlin = schedule({ timeZone: "Europe/Berlin", weekly: weekdays(range("09:00", "18:00")) });

  test("carries over the weekend", () => {
    // Friday 17:55 + 15 min: 5 min on Friday, 10 on Monday → Monday 09:10 (08:10Z).
    expect(addBusinessTime(at("2024-03-01T17:55:00+01:00"), 900, berlin)).toEqual(
      at("2024-03-04T08:10:00Z"),
    );
  });

  test("stops at the closing time when the amount runs out exactly there", () => {
    // Friday 17:55 + 5 min → Friday 18:00, not Monday 09:00.
    expect(addBusinessTime(at("2024-03-01T17:55:00+01:00"), 300, berlin)).toEqual(
      at("2024-03-01T17:00:00Z"),
    );
  });

  test("starts counting at the next opening when started outside hours", () => {
    // Saturday noon + 1 h → Monday 10:00 (09:00Z).
    expect(addBusinessTime(at("2024-03-02T12:00:00+01:00"), 3600, berlin)).toEqual(
      at("2024-03-04T09:00:00Z"),
    );
    // 0 s → the next opening itself.
    expect(addBusinessTime(at("2024-03-02T12:00:00+01:00"), 0, berlin)).toEqual(
      at("2024-03-04T08:00:00Z"),
    );
  });

  test("skips holidays and closures, and rounds to the millisecond", () => {
    const office = schedule({
      timeZone: "UTC",
      weekly: weekdays(range("09:00", "17:00")),
      holidays: [{ date: "2024-12-25" }],
      closures: [{ start: "2024-12-26T09:00:00Z", end: "2024-12-26T13:00:00Z" }],
    });
    // Tuesday 24th 16:00 + 2 h: 1 h on the 24th, the 25th is a holiday, the 26th opens at
    // 13:00 → 14:00.
    expect(addBusinessTime(at("2024-12-24T16:00:00Z"), 7200, office)).toEqual(
      at("2024-12-26T14:00:00Z"),
    );
    expect(addBusinessTime(at("2024-12-24T16:00:00Z"), 0.0004, office)).toEqual(
      at("2024-12-24T16:00:00Z"),
    );
    expect(addBusinessTime(at("2024-12-24T16:00:00Z"), 0.0006, office)).toEqual(
      at("2024-12-24T16:00:00.001Z"),
    );
  });

  test("crosses versions, and returns null when the schedules run out", () => {
    const versions = scheduleVersions([
      { timeZone: "UTC", weekly: weekdays(range("09:00", "17:00")), validUntil: "2024-01-03" },
      {
        timeZone: "UTC",
        weekly: weekdays(range("10:00", "12:00")),
        validFrom: "2024-01-03",
        validUntil: "2024-01-06",
      },
    ]);
    // Tuesday 2024-01-02 16:00 + 3 h: 1 h on Tuesday (old hours), then Wednesday 10:00 → 12:00
    // (new hours) → Wednesday 12:00.
    expect(addBusinessTime(at("2024-01-02T16:00:00Z"), 3 * 3600, versions)).toEqual(
      at("2024-01-03T12:00:00Z"),
    );
    // + 8 h: 1 h Tue, 2 h each Wed, Thu, Fri = 7 h before validity ends on Saturday → null.
    expect(addBusinessTime(at("2024-01-02T16:00:00Z"), 8 * 3600, versions)).toBeNull();
    // Before any version: null.
    expect(
      addBusinessTime(at("2024-01-02T16:00:00Z"), 60, [versions[1] as ReturnType<typeof schedule>]),
    ).toBeNull();
  });

  test("a schedule that never opens gives null", () => {
    expect(addBusinessTime(0, 60, schedule({ timeZone: "UTC", weekly: {} }))).toBeNull();
    expect(
      addBusinessTime(
        at("2024-01-01T00:00:00Z"),
        60,
        schedule({
          timeZone: "UTC",
          weekly: weekdays(range("09:00", "17:00")),
          closures: [{ start: "2024-01-01T00:00:00Z", end: "2030-01-01T00:00:00Z" }],
        }),
      ),
    ).toEqual(at("2030-01-01T09:01:00Z"));
  });

  test("refuses a negative or non-finite amount", () => {
    expect(() => addBusinessTime(0, -1, berlin)).toThrow(
      new RangeError("addBusinessTime: seconds must be a number at least 0, got -1"),
    );
    expect(() => addBusinessTime(0, Number.NaN, berlin)).toThrow(/got NaN/);
  });
});

describe("nextOpening", () => {
  const office = schedule({
    timeZone: "Europe/Berlin",
    weekly: weekdays([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]),
    holidays: [{ date: "2024-05-01" }],
  });

  test("is the instant itself during hours", () => {
    expect(nextOpening(at("2024-04-30T10:15:00+02:00"), office)).toEqual(
      at("2024-04-30T10:15:00+02:00"),
    );
    // An opening instant is open; a closing instant is not.
    expect(nextOpening(at("2024-04-30T09:00:00+02:00"), office)).toEqual(
      at("2024-04-30T09:00:00+02:00"),
    );
    expect(nextOpening(at("2024-04-30T12:00:00+02:00"), office)).toEqual(
      at("2024-04-30T13:00:00+02:00"),
    );
  });

  test("skips lunch, evenings and holidays", () => {
    // Tuesday 30 April 17:30 → Wednesday 1 May is a holiday → Thursday 2 May 09:00.
    expect(nextOpening(at("2024-04-30T17:30:00+02:00"), office)).toEqual(
      at("2024-05-02T09:00:00+02:00"),
    );
  });

  test("null outside validity, or when validity ends first, or when it never opens", () => {
    const ending = schedule({ ...office, validUntil: "2024-05-02T00:00" });
    expect(nextOpening(at("2024-04-30T17:30:00+02:00"), ending)).toBeNull();
    expect(nextOpening(at("2024-06-01T00:00:00Z"), ending)).toBeNull();
    expect(nextOpening(0, schedule({ timeZone: "UTC", weekly: {} }))).toBeNull();
  });
});
