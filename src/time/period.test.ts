import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AWKWARD_ZONES } from "../../test/zones.ts";
import { type Period, type PeriodUnit, period, periodStarts } from "./period.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const utc = (text: string) => Date.parse(`${text}Z`);

/** [label, start, end] of the period containing an instant. */
function where(of: Period, instant: number): [string, string, string] {
  const start = of.floor(instant);
  return [of.label(start), iso(start), iso(of.next(start))];
}

describe("period in UTC", () => {
  const t = utc("2024-05-15T13:45:10.5");

  test("day", () => {
    expect(where(period("day"), t)).toEqual([
      "2024-05-15",
      "2024-05-15T00:00:00.000Z",
      "2024-05-16T00:00:00.000Z",
    ]);
  });

  test("week starts on Monday by default, labelled by its first day", () => {
    // 2024-05-15 is a Wednesday.
    expect(where(period("week"), t)).toEqual([
      "2024-05-13",
      "2024-05-13T00:00:00.000Z",
      "2024-05-20T00:00:00.000Z",
    ]);
    expect(where(period("week", { weekStartsOn: 1 }), t)).toEqual(where(period("week"), t));
  });

  test("week starting on Sunday", () => {
    expect(where(period("week", { weekStartsOn: 0 }), t)).toEqual([
      "2024-05-12",
      "2024-05-12T00:00:00.000Z",
      "2024-05-19T00:00:00.000Z",
    ]);
    // A Sunday is the first day of its own week.
    expect(where(period("week", { weekStartsOn: 0 }), utc("2024-05-19T00:00"))[0]).toBe(
      "2024-05-19",
    );
    // ... and the last day of a Monday week.
    expect(where(period("week"), utc("2024-05-19T23:59:59.999"))[0]).toBe("2024-05-13");
  });

  test("week starting on Saturday", () => {
    expect(where(period("week", { weekStartsOn: 6 }), t)[0]).toBe("2024-05-11");
  });

  test("isoWeek", () => {
    expect(where(period("isoWeek"), t)).toEqual([
      "2024-W20",
      "2024-05-13T00:00:00.000Z",
      "2024-05-20T00:00:00.000Z",
    ]);
  });

  test("isoWeek ignores weekStartsOn", () => {
    expect(where(period("isoWeek", { weekStartsOn: 0 }), t)[1]).toBe("2024-05-13T00:00:00.000Z");
  });

  test("month, quarter, year", () => {
    expect(where(period("month"), t)).toEqual([
      "2024-05",
      "2024-05-01T00:00:00.000Z",
      "2024-06-01T00:00:00.000Z",
    ]);
    expect(where(period("quarter"), t)).toEqual([
      "2024-Q2",
      "2024-04-01T00:00:00.000Z",
      "2024-07-01T00:00:00.000Z",
    ]);
    expect(where(period("year"), t)).toEqual([
      "2024",
      "2024-01-01T00:00:00.000Z",
      "2025-01-01T00:00:00.000Z",
    ]);
  });

  test("months of every length, and the last quarter into the next year", () => {
    const month = period("month");
    expect(where(month, utc("2024-02-29T23:59:59.999"))).toEqual([
      "2024-02",
      "2024-02-01T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z",
    ]);
    expect(where(month, utc("2023-12-31T12:00"))[2]).toBe("2024-01-01T00:00:00.000Z");
    expect(where(period("quarter"), utc("2023-11-30T00:00"))).toEqual([
      "2023-Q4",
      "2023-10-01T00:00:00.000Z",
      "2024-01-01T00:00:00.000Z",
    ]);
  });

  test("an instant exactly at a start belongs to the period it starts", () => {
    expect(where(period("day"), utc("2024-05-15T00:00"))[0]).toBe("2024-05-15");
    expect(where(period("day"), utc("2024-05-15T00:00") - 1)[0]).toBe("2024-05-14");
  });

  test("instants before 1970", () => {
    expect(where(period("isoWeek"), utc("1969-12-31T12:00"))).toEqual([
      "1970-W01",
      "1969-12-29T00:00:00.000Z",
      "1970-01-05T00:00:00.000Z",
    ]);
    expect(where(period("month"), utc("1960-02-29T00:00"))[0]).toBe("1960-02");
  });
});

describe("ISO week-year edges", () => {
  const week = period("isoWeek");
  test.each([
    // date (a Monday-based week) → label; ISO weeks belong to the year of their Thursday.
    ["2020-12-31", "2020-W53", "2020-12-28"],
    ["2021-01-03", "2020-W53", "2020-12-28"], // a Sunday in 2021, still 2020's week 53
    ["2021-01-04", "2021-W01", "2021-01-04"],
    ["2024-12-30", "2025-W01", "2024-12-30"], // a Monday in 2024, already 2025's week 1
    ["2025-01-01", "2025-W01", "2024-12-30"],
    ["2024-01-01", "2024-W01", "2024-01-01"],
    ["2023-01-01", "2022-W52", "2022-12-26"],
    ["2026-12-31", "2026-W53", "2026-12-28"],
    ["2027-01-03", "2026-W53", "2026-12-28"],
    ["2015-12-31", "2015-W53", "2015-12-28"],
    ["2016-01-03", "2015-W53", "2015-12-28"],
  ])("%s is in %s, which starts on %s", (date, label, monday) => {
    const start = week.floor(utc(`${date}T12:00`));
    expect(week.label(start)).toBe(label);
    expect(iso(start)).toBe(`${monday}T00:00:00.000Z`);
  });

  test("2020 has 53 ISO weeks and 2021 has 52", () => {
    const labels = periodStarts(week, utc("2020-01-01T00:00"), utc("2021-12-31T00:00")).map(
      (start) => week.label(start),
    );
    expect(labels.filter((label) => label.startsWith("2020"))).toHaveLength(53);
    expect(labels.filter((label) => label.startsWith("2021"))).toHaveLength(52);
    expect(labels.at(-1)).toBe("2021-W52");
  });
});

describe("period in a zone", () => {
  test("starts at local midnight", () => {
    // 2024-01-15 in Kolkata (+05:30) starts at 18:30 UTC on the 14th.
    expect(where(period("day", { timeZone: "Asia/Kolkata" }), utc("2024-01-14T19:00"))).toEqual([
      "2024-01-15",
      "2024-01-14T18:30:00.000Z",
      "2024-01-15T18:30:00.000Z",
    ]);
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (CEST).
    expect(where(period("month", { timeZone: "Europe/Berlin" }), utc("2024-03-31T23:30"))).toEqual([
      "2024-04",
      "2024-03-31T22:00:00.000Z",
      "2024-04-30T22:00:00.000Z",
    ]);
  });

  test("a day that happens twice belongs to the period of the wall date that came first", () => {
    // Juneau left Russian time for American on 1867-10-19 at 15:33:32 local: LMT +15:02:19
    // became −8:57:41, a step back of 24 h. The clock read 19 October from 18 Oct 08:57:41Z
    // (00:00 − 15:02:19), went back to 18 October 15:33:32 at 00:31:13Z, and reached 19
    // October again at 19 Oct 08:57:41Z (00:00 + 8:57:41). The day labelled 1867-10-19 starts
    // at its first midnight and ends at 20 October's, 48 h later.
    const day = () => period("day", { timeZone: "America/Juneau" });
    const oct19 = ["1867-10-19", "1867-10-18T08:57:41.000Z", "1867-10-20T08:57:41.000Z"];
    // 05:00Z reads 20:02:19 on the repeated 18 October (05:00 − 8:57:41), yet it comes after
    // 19 October's first midnight: the period found from the wall date (18 October, which
    // ends at 08:57:41Z the day before) is stepped forward once.
    expect(where(day(), utc("1867-10-19T05:00"))).toEqual(oct19);
    // 20:00Z on the 18th reads 11:02:19 on the first 19 October (20:00 + 15:02:19).
    expect(where(day(), utc("1867-10-18T20:00"))).toEqual(oct19);
    // 05:00Z on the 18th reads 20:02:19 on the first 18 October: an ordinary 24-hour day.
    expect(where(day(), utc("1867-10-18T05:00"))).toEqual([
      "1867-10-18",
      "1867-10-17T08:57:41.000Z",
      "1867-10-18T08:57:41.000Z",
    ]);
  });

  test("the zone and unit are kept on the period", () => {
    const of = period("quarter", { timeZone: "europe/berlin" });
    expect([of.unit, of.timeZone]).toEqual(["quarter", "Europe/Berlin"]);
    expect(period("day").timeZone).toBe("UTC");
  });
});

describe("labels at the ends of the supported years", () => {
  test("four digits from year 0000 to 9999, else a sign and six digits", () => {
    // 9999-12-31T20:00Z in UTC is still 9999: the last four-digit year.
    expect(where(period("year"), utc("9999-12-31T20:00"))).toEqual([
      "9999",
      "9999-01-01T00:00:00.000Z",
      "+010000-01-01T00:00:00.000Z",
    ]);
    // Kolkata is +05:30: 20:00Z + 5:30 = 01:30 on 1 January 10000, whose midnight is
    // 18:30Z on the 31st; the label needs the expanded form.
    expect(where(period("day", { timeZone: "Asia/Kolkata" }), utc("9999-12-31T20:00"))).toEqual([
      "+010000-01-01",
      "9999-12-31T18:30:00.000Z",
      "+010000-01-01T18:30:00.000Z",
    ]);
    // Year 0000 (1 BC) is the first four-digit year.
    expect(where(period("year"), utc("0000-01-01T02:00"))[0]).toBe("0000");
    // New York kept its local mean time then, −4:56:02: 02:00Z is 21:03:58 on 31 December
    // of year −1, whose midnight is 00:00 + 4:56:02 = 04:56:02Z; a minus sign, six digits.
    expect(where(period("day", { timeZone: "America/New_York" }), utc("0000-01-01T02:00"))).toEqual(
      ["-000001-12-31", "-000001-12-31T04:56:02.000Z", "0000-01-01T04:56:02.000Z"],
    );
  });
});

describe("period errors", () => {
  test("an unknown unit", () => {
    expect(() => period("fortnight" as PeriodUnit)).toThrow(
      new RangeError(
        'period: unit must be one of day, week, isoWeek, month, quarter, year, got "fortnight"',
      ),
    );
    expect(() => period(undefined as unknown as PeriodUnit)).toThrow(
      new RangeError(
        "period: unit must be one of day, week, isoWeek, month, quarter, year, got undefined",
      ),
    );
  });

  test("an unknown zone", () => {
    expect(() => period("day", { timeZone: "Europe/Atlantis" })).toThrow(
      new RangeError('period: timeZone must be an IANA time zone name, got "Europe/Atlantis"'),
    );
  });

  test("a week start off the week", () => {
    expect(() => period("week", { weekStartsOn: 7 as 0 })).toThrow(
      new RangeError("period: weekStartsOn must be between 0 and 6, got 7"),
    );
    expect(() => period("week", { weekStartsOn: 1.5 as 0 })).toThrow(
      new RangeError("period: weekStartsOn must be between 0 and 6, got 1.5"),
    );
    // below the range too: -1 would otherwise act as Saturday
    expect(() => period("week", { weekStartsOn: -1 as 0 })).toThrow(
      new RangeError("period: weekStartsOn must be between 0 and 6, got -1"),
    );
  });
});

describe("periodStarts", () => {
  test("lists every start from the period of start to the period of end", () => {
    const month = period("month");
    expect(periodStarts(month, utc("2024-01-15T00:00"), utc("2024-03-02T00:00")).map(iso)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-02-01T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z",
    ]);
    expect(periodStarts(month, utc("2024-01-15T00:00"), utc("2024-01-15T00:00"))).toHaveLength(1);
    // an end exactly on a period's start includes that period: both ends are included
    expect(periodStarts(month, utc("2024-01-15T00:00"), utc("2024-03-01T00:00")).map(iso)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-02-01T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z",
    ]);
    expect(periodStarts(month, utc("2024-02-15T00:00"), utc("2024-01-15T00:00"))).toEqual([]);
  });
});

const UNITS: PeriodUnit[] = ["day", "week", "isoWeek", "month", "quarter", "year"];
const ZONES = AWKWARD_ZONES;

/** The local date of an instant read independently, with Intl: [year, month, day]. */
function localDate(instant: number, timeZone: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [part("year"), part("month"), part("day")];
}

describe("periods partition time (properties)", () => {
  const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) });
  const unit = fc.constantFrom(...UNITS);
  const zone = fc.constantFrom(...ZONES);
  const weekStartsOn = fc.constantFrom(0, 1, 2, 3, 4, 5, 6) as fc.Arbitrary<0>;

  test("floor(t) ≤ t < next(floor(t)), and starts are fixed points", () => {
    fc.assert(
      fc.property(instant, unit, zone, weekStartsOn, (t, u, timeZone, first) => {
        const of = period(u, { timeZone, weekStartsOn: first });
        const start = of.floor(t);
        const end = of.next(start);
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(end);
        expect(of.floor(start)).toBe(start);
        expect(of.floor(end)).toBe(end);
        expect(of.floor(end - 1)).toBe(start);
        expect(of.next(end)).toBeGreaterThan(end);
        // Consecutive periods have different labels.
        expect(of.label(end)).not.toBe(of.label(start));
      }),
      { numRuns: 500 },
    );
  });

  test("a period lasts what its unit says, within two hours either way", () => {
    // A DST change moves a boundary by up to an hour; a zone that also changed its standard
    // offset inside the period moves it further: Australia/Lord_Howe's 1981 lasted 8758.5 h
    // (fast-check found it), as the zone moved from +10:00 to +10:30 with DST in force.
    const hours: Record<PeriodUnit, [number, number]> = {
      day: [23, 25],
      week: [7 * 24 - 2, 7 * 24 + 2],
      isoWeek: [7 * 24 - 2, 7 * 24 + 2],
      month: [28 * 24 - 2, 31 * 24 + 2],
      quarter: [90 * 24 - 2, 92 * 24 + 2],
      year: [365 * 24 - 2, 366 * 24 + 2],
    };
    fc.assert(
      fc.property(instant, unit, zone, (t, u, timeZone) => {
        const of = period(u, { timeZone });
        const start = of.floor(t);
        const length = (of.next(start) - start) / 3_600_000;
        const [min, max] = hours[u];
        expect(length).toBeGreaterThanOrEqual(min);
        expect(length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });

  test("labels are the local date, read independently with Intl", () => {
    fc.assert(
      fc.property(instant, zone, (t, timeZone) => {
        const [year, month, day] = localDate(t, timeZone);
        const pad = (n: number) => String(n).padStart(2, "0");
        const label = (u: PeriodUnit) => {
          const of = period(u, { timeZone });
          return of.label(of.floor(t));
        };
        expect(label("day")).toBe(`${year}-${pad(month)}-${pad(day)}`);
        expect(label("month")).toBe(`${year}-${pad(month)}`);
        expect(label("quarter")).toBe(`${year}-Q${Math.ceil(month / 3)}`);
        expect(label("year")).toBe(String(year));
        // The period's start is the first instant of that local date.
        const day0 = period("day", { timeZone }).floor(t);
        expect(localDate(day0, timeZone)).toEqual([year, month, day]);
        expect(localDate(day0 - 1, timeZone)).not.toEqual([year, month, day]);
      }),
      { numRuns: 300 },
    );
  });

  test("a week starts on its weekStartsOn day", () => {
    fc.assert(
      fc.property(instant, zone, weekStartsOn, (t, timeZone, first) => {
        const of = period("week", { timeZone, weekStartsOn: first });
        const [y, m, d] = localDate(of.floor(t), timeZone);
        expect(new Date(Date.UTC(y, m - 1, d)).getUTCDay()).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  test("the result does not depend on what was asked before (caches)", () => {
    fc.assert(
      fc.property(
        fc.array(instant, { minLength: 1, maxLength: 20 }),
        unit,
        zone,
        (ts, u, timeZone) => {
          const warm = period(u, { timeZone });
          const answers = ts.map((t) => warm.floor(t));
          ts.forEach((t, i) => {
            expect(period(u, { timeZone }).floor(t)).toBe(answers[i]);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
