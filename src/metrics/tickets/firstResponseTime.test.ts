import { describe, expect, test } from "vitest";
import { noDurations, seed002Durations } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { hoursChangedOnMonday, weekdaysIn } from "../../../test/schedules.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { ticketSchema } from "../../schemas/ticket.ts";
import { type ScheduleInput, schedule } from "../../time/schedule.ts";
import { firstResponseTime, firstResponseTimeReducer } from "./firstResponseTime.ts";

const none = {
  unknownFirstResponse: 0,
  unanswered: 0,
  noCustomerMessage: 0,
  replyBeforeStart: 0,
  noSchedule: 0,
};
const day = "2024-03-01";
/** A message at a time of day on 2024-03-01 (UTC). */
const message = (
  authorRole: "agent" | "customer" | "bot" | "system",
  time: string,
  fields: { public?: boolean; automated?: boolean } = {},
) => ({ at: `${day}T${time}Z`, authorRole, ...fields });
/** A ticket created at 09:00 and first answered at `time`. */
const answeredAt = (time: string) => ticket({ firstResponseAt: `${day}T${time}Z` });

describe("firstResponseTime", () => {
  test("averages the seconds to the first reply (seed 002: 20 s, 15 s, 30 s → 21.67 s)", () => {
    // (20 + 15 + 30) / 3 = 65 / 3 = 21.666… s; sorted 15, 20, 30:
    // median 20; p90 at rank 1.8 → 20 + 0.8 × 10 = 28; p95 at rank 1.9 → 29
    const tickets = [answeredAt("09:00:20"), answeredAt("09:00:15"), answeredAt("09:00:30")];
    expect(firstResponseTime(tickets)).toEqual(seed002Durations(none));
    expect(firstResponseTime(tickets).value).toBeCloseTo(21.67, 2);
  });

  test("measures from creation to the first public agent reply (09:00 → 09:20 = 1200 s)", () => {
    const emailed = ticket({
      messages: [message("customer", "09:00:00"), message("agent", "09:20:00")],
    });
    expect(firstResponseTime([emailed])).toMatchObject({ value: 1200, n: 1, min: 1200 });
  });

  test("a reply in the second the ticket was created counts as 0 s, not as replyBeforeStart", () => {
    // created 09:00:00, answered 09:00:00: 0 s; one second earlier would be replyBeforeStart
    expect(firstResponseTime([answeredAt("09:00:00")])).toMatchObject({
      value: 0,
      n: 1,
      excluded: none,
    });
  });

  test("has no value with no ticket", () => {
    expect(firstResponseTime([])).toEqual(noDurations(none));
  });

  test("excludes a ticket never answered as unanswered, never as 0", () => {
    const solvedWithoutReply = ticket({ lastResolvedAt: `${day}T10:00:00Z` });
    expect(firstResponseTime([solvedWithoutReply])).toMatchObject({
      value: null,
      n: 0,
      excluded: { ...none, unanswered: 1 },
    });
    // 1200 s and an unanswered ticket: the mean stays 1200
    expect(firstResponseTime([answeredAt("09:20:00"), solvedWithoutReply])).toMatchObject({
      value: 1200,
      n: 1,
      excluded: { ...none, unanswered: 1 },
    });
  });

  test("internal notes are not replies", () => {
    const withNote = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:05:00", { public: false }),
        message("agent", "09:30:00"),
      ],
    });
    expect(firstResponseTime([withNote]).value).toBe(1800);
  });

  describe("countAutomatedReplies", () => {
    const autoAcknowledged = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:00:05", { automated: true }),
        message("bot", "09:01:00"),
        message("agent", "09:45:00"),
      ],
    });

    test("by default automated and bot messages are not replies", () => {
      expect(firstResponseTime([autoAcknowledged]).value).toBe(2700);
    });

    test("when set, the first automated or bot message counts", () => {
      expect(firstResponseTime([autoAcknowledged], { countAutomatedReplies: true }).value).toBe(5);
    });

    test("a ticket answered only by a bot is unanswered unless automation counts", () => {
      const botOnly = ticket({
        messages: [message("customer", "09:00:00"), message("bot", "09:00:30")],
      });
      expect(firstResponseTime([botOnly]).excluded.unanswered).toBe(1);
      expect(firstResponseTime([botOnly], { countAutomatedReplies: true }).value).toBe(30);
    });

    test("internal notes still do not count", () => {
      const noted = ticket({
        messages: [
          message("customer", "09:00:00"),
          message("bot", "09:00:10", { public: false }),
          message("agent", "09:10:00"),
        ],
      });
      expect(firstResponseTime([noted], { countAutomatedReplies: true }).value).toBe(600);
    });

    test("a ticket opened by a bot or an agent: the opening message is not a reply", () => {
      // A chat opened by a bot greeting at 09:00; the customer writes at 09:01, the bot
      // answers at 09:02: 120 s from creation, not 0.
      const greeted = ticket({
        messages: [
          message("bot", "09:00:00"),
          message("customer", "09:01:00"),
          message("bot", "09:02:00"),
        ],
      });
      expect(firstResponseTime([greeted], { countAutomatedReplies: true }).value).toBe(120);
      // An outbound ticket: the agent wrote at 09:00, the customer at 10:00, the agent
      // answered at 10:30 → 5400 s from creation, with or without automation.
      const outbound = ticket({
        messages: [
          message("agent", "09:00:00"),
          message("customer", "10:00:00"),
          message("agent", "10:30:00"),
        ],
      });
      expect(firstResponseTime([outbound]).value).toBe(5400);
      expect(firstResponseTime([outbound], { countAutomatedReplies: true }).value).toBe(5400);
    });

    test("a ticket without messages keeps its firstResponseAt", () => {
      expect(
        firstResponseTime([answeredAt("09:20:00")], { countAutomatedReplies: true }).value,
      ).toBe(1200);
    });
  });

  describe("startFrom: firstCustomerMessage (Intercom)", () => {
    // Created at 09:00 by an agent logging a call; the customer wrote at 09:10; answered 09:40.
    const logged = ticket({
      firstCustomerMessageAt: `${day}T09:10:00Z`,
      firstResponseAt: `${day}T09:40:00Z`,
    });

    test("starts the clock at the customer's first message", () => {
      expect(firstResponseTime([logged]).value).toBe(2400);
      expect(firstResponseTime([logged], { startFrom: "firstCustomerMessage" }).value).toBe(1800);
    });

    test("excludes a ticket without a customer message as noCustomerMessage", () => {
      expect(
        firstResponseTime([answeredAt("09:20:00")], { startFrom: "firstCustomerMessage" }),
      ).toMatchObject({ value: null, excluded: { ...none, noCustomerMessage: 1 } });
    });

    test("excludes a reply sent before the customer wrote as replyBeforeStart, never negative", () => {
      const early = ticket({
        firstCustomerMessageAt: `${day}T10:00:00Z`,
        firstResponseAt: `${day}T09:30:00Z`,
      });
      expect(firstResponseTime([early], { startFrom: "firstCustomerMessage" })).toMatchObject({
        value: null,
        n: 0,
        excluded: { ...none, replyBeforeStart: 1 },
      });
    });

    test("an unanswered ticket is unanswered whatever the start", () => {
      const silent = ticket();
      expect(firstResponseTime([silent], { startFrom: "firstCustomerMessage" }).excluded).toEqual({
        ...none,
        unanswered: 1,
      });
    });
  });

  test("statistic picks the headline value", () => {
    const tickets = [answeredAt("09:00:20"), answeredAt("09:00:15"), answeredAt("09:00:30")];
    expect(firstResponseTime(tickets, { statistic: "median" })).toMatchObject({
      value: 20,
      statistic: "median",
      percentiles: "exact",
      mean: 65 / 3,
    });
    expect(firstResponseTime(tickets, { statistic: "p90" }).value).toBe(28);
    expect(firstResponseTime(tickets, { statistic: "p95" }).value).toBe(29);
  });

  test("counts real elapsed seconds across daylight-saving changes in New York", () => {
    // 2024-03-10 01:30 EST → 03:30 EDT: the clock jumps from 02:00 to 03:00, one real hour
    const spring = ticket({
      createdAt: "2024-03-10T01:30:00-05:00",
      firstResponseAt: "2024-03-10T03:30:00-04:00",
    });
    // 2024-11-03 01:30 EDT → 01:30 EST: the same wall time, one real hour later
    const fall = ticket({
      createdAt: "2024-11-03T01:30:00-04:00",
      firstResponseAt: "2024-11-03T01:30:00-05:00",
    });
    expect(firstResponseTime([spring]).value).toBe(3600);
    expect(firstResponseTime([fall]).value).toBe(3600);
    // The same spring ticket written in local New York time, as a CSV export would
    const local = ticketSchema({ timeZone: "America/New_York" }).parse({
      id: "ny",
      createdAt: "2024-03-10 01:30",
      firstResponseAt: "2024-03-10 03:30",
    });
    expect(firstResponseTime([local]).value).toBe(3600);
  });

  test("is placed in a period by createdAt, in the rollup's zone", () => {
    // Created 23:30 in New York on March 1 (04:30 UTC on March 2), answered the next morning
    const lateNight = ticket({
      createdAt: "2024-03-01T23:30:00-05:00",
      firstResponseAt: "2024-03-02T08:30:00-05:00",
    });
    expect(firstResponseTimeReducer().timeOf(lateNight)).toEqual(new Date("2024-03-02T04:30:00Z"));
    const rows = rollup([lateNight], {
      by: { period: "day" },
      timeZone: "America/New_York",
      metrics: { frt: firstResponseTimeReducer() },
    });
    expect(rows.map((row) => [row.period?.label, row.frt.value])).toEqual([["2024-03-01", 32400]]);
  });

  describe("business time", () => {
    const day = (start: string, end: string) => [{ start, end }];
    const london = weekdaysIn("Europe/London", "09:00", "18:00");
    // Friday 2024-03-01 17:55 → Monday 2024-03-04 09:10, London (UTC+0 in March before the 31st)
    const overWeekend = ticket({
      createdAt: "2024-03-01T17:55:00Z",
      firstResponseAt: "2024-03-04T09:10:00Z",
    });

    test("Friday 17:55 → Monday 09:10 is 900 s in business time, 227,700 s in calendar time", () => {
      // business, Mon–Fri 09:00–18:00: Friday 17:55 → 18:00 = 300 s, the weekend is closed,
      // Monday 09:00 → 09:10 = 600 s: 300 + 600 = 900 s
      // calendar: Friday 17:55 → Monday 17:55 = 72 h, less Monday 09:10 → 17:55 = 8 h 45 min:
      // 63 h 15 min = 63.25 × 3600 = 227,700 s
      expect(firstResponseTime([overWeekend], { schedule: london })).toMatchObject({
        value: 900,
        n: 1,
        excluded: none,
      });
      expect(firstResponseTime([overWeekend]).value).toBe(227_700);
      expect(firstResponseTime([overWeekend], { schedule: london, clock: "calendar" }).value).toBe(
        227_700,
      );
    });

    test("reads the schedule in its own zone, whatever the ticket's offsets", () => {
      // The same local times in New York (UTC−5 in early March): 17:55 EST = 22:55 UTC
      const newYork = ticket({
        createdAt: "2024-03-01T17:55:00-05:00",
        firstResponseAt: "2024-03-04T09:10:00-05:00",
      });
      const schedule = weekdaysIn("America/New_York", "09:00", "18:00");
      expect(firstResponseTime([newYork], { schedule }).value).toBe(900);
      // On London hours the same instants are Friday 22:55 → Monday 14:10: 5 h 10 min = 18600 s
      expect(firstResponseTime([newYork], { schedule: london }).value).toBe(18_600);
    });

    test("accepts a plain schedule input, checked once", () => {
      const plain: ScheduleInput = {
        timeZone: "Europe/London",
        weekly: { friday: day("09:00", "18:00"), monday: day("09:00", "18:00") },
      };
      expect(firstResponseTime([overWeekend], { schedule: plain }).value).toBe(900);
    });

    test("a holiday inside the span does not count", () => {
      // Monday 2024-03-04 a holiday: Friday 17:55 → 18:00 (300 s) + Tuesday 09:00 → 09:10
      // (600 s) = 900 s, although the reply came on Tuesday
      const holiday = weekdaysIn("Europe/London", "09:00", "18:00", {
        holidays: [{ date: "2024-03-04", name: "Closed" }],
      });
      const tuesday = ticket({
        createdAt: "2024-03-01T17:55:00Z",
        firstResponseAt: "2024-03-05T09:10:00Z",
      });
      expect(firstResponseTime([tuesday], { schedule: holiday }).value).toBe(900);
    });

    test("a reply entirely outside working hours took 0 business seconds, a real zero", () => {
      const saturday = ticket({
        createdAt: "2024-03-02T10:00:00Z",
        firstResponseAt: "2024-03-02T11:00:00Z",
      });
      expect(firstResponseTime([saturday], { schedule: london })).toMatchObject({
        value: 0,
        n: 1,
        excluded: none,
      });
    });

    test("counts working time across each Berlin DST change by the wall clock", () => {
      // Sundays 01:00–04:00 in Berlin. 2024-03-31: 02:00 CET jumps to 03:00 CEST, so the
      // range holds 2 real hours; 2024-10-27: 03:00 CEST falls back to 02:00 CET, 4 real hours.
      const sundays = schedule({
        timeZone: "Europe/Berlin",
        weekly: { sunday: day("01:00", "04:00") },
      });
      // Saturday 20:00 CET (19:00 UTC) → Sunday 12:00 CEST (10:00 UTC): calendar 15 h = 54000 s
      const spring = ticket({
        createdAt: "2024-03-30T20:00:00+01:00",
        firstResponseAt: "2024-03-31T12:00:00+02:00",
      });
      // Saturday 20:00 CEST (18:00 UTC) → Sunday 12:00 CET (11:00 UTC): calendar 17 h = 61200 s
      const fall = ticket({
        createdAt: "2024-10-26T20:00:00+02:00",
        firstResponseAt: "2024-10-27T12:00:00+01:00",
      });
      expect(firstResponseTime([spring], { schedule: sundays }).value).toBe(7200);
      expect(firstResponseTime([spring]).value).toBe(54_000);
      expect(firstResponseTime([fall], { schedule: sundays }).value).toBe(14_400);
      expect(firstResponseTime([fall]).value).toBe(61_200);
    });

    test("counts working time across each New York DST change by the wall clock", () => {
      // Sundays all day in New York
      const sundays = schedule({
        timeZone: "America/New_York",
        weekly: { sunday: day("00:00", "24:00") },
      });
      // 2024-03-10: Saturday 20:00 EST → Sunday 12:00 EDT. Business: Sunday 00:00 EST (05:00
      // UTC) → 12:00 EDT (16:00 UTC) = 11 h = 39600 s (12 wall hours less the skipped one);
      // calendar: 01:00 → 16:00 UTC = 15 h = 54000 s
      const spring = ticket({
        createdAt: "2024-03-09T20:00:00-05:00",
        firstResponseAt: "2024-03-10T12:00:00-04:00",
      });
      // 2024-11-03: Saturday 20:00 EDT → Sunday 12:00 EST. Business: Sunday 00:00 EDT (04:00
      // UTC) → 12:00 EST (17:00 UTC) = 13 h = 46800 s (the repeated hour counts twice);
      // calendar: 00:00 → 17:00 UTC = 17 h = 61200 s
      const fall = ticket({
        createdAt: "2024-11-02T20:00:00-04:00",
        firstResponseAt: "2024-11-03T12:00:00-05:00",
      });
      expect(firstResponseTime([spring], { schedule: sundays }).value).toBe(39_600);
      expect(firstResponseTime([spring]).value).toBe(54_000);
      expect(firstResponseTime([fall], { schedule: sundays }).value).toBe(46_800);
      expect(firstResponseTime([fall]).value).toBe(61_200);
    });

    test("the Zendesk and dbt_zendesk rules give different times when the schedule changes", () => {
      // Until Monday 2024-03-04 00:00 the team works 09:00–18:00; from then on 08:00–17:00.
      const versions = hoursChangedOnMonday();
      // Created Friday 17:00, answered Monday 09:00
      const t = ticket({
        createdAt: "2024-03-01T17:00:00Z",
        firstResponseAt: "2024-03-04T09:00:00Z",
      });
      // perSegment (dbt_zendesk): Friday 17:00 → 18:00 by the old hours (3600 s) + Monday
      // 08:00 → 09:00 by the new (3600 s) = 7200 s
      expect(firstResponseTime([t], { schedule: versions }).value).toBe(7200);
      expect(firstResponseTime([t], { schedule: versions, scheduleRule: "perSegment" }).value).toBe(
        7200,
      );
      // atEvent (Zendesk): the hours in force at the reply (08:00–17:00) for the whole span:
      // Friday after 17:00 is closed (0 s) + Monday 08:00 → 09:00 (3600 s) = 3600 s
      expect(firstResponseTime([t], { schedule: versions, scheduleRule: "atEvent" }).value).toBe(
        3600,
      );
      // calendar: Friday 17:00 → Monday 09:00 = 64 h = 230400 s
      expect(firstResponseTime([t]).value).toBe(230_400);
    });

    test("excludes a ticket without a schedule in force as noSchedule, never 0", () => {
      const fromMonday = weekdaysIn("Europe/London", "09:00", "18:00", {
        validFrom: "2024-03-04T00:00",
      });
      expect(firstResponseTime([overWeekend], { schedule: fromMonday })).toMatchObject({
        value: null,
        n: 0,
        excluded: { ...none, noSchedule: 1 },
      });
      // Zendesk's rule needs only the version in force at the reply, which it applies to the
      // whole span: 300 + 600 = 900 s
      expect(
        firstResponseTime([overWeekend], { schedule: fromMonday, scheduleRule: "atEvent" }).value,
      ).toBe(900);
      // A reply before the schedule starts has no version in force at all
      const early = ticket({
        createdAt: "2024-03-01T10:00:00Z",
        firstResponseAt: "2024-03-01T11:00:00Z",
      });
      expect(
        firstResponseTime([early], { schedule: fromMonday, scheduleRule: "atEvent" }).excluded
          .noSchedule,
      ).toBe(1);
    });

    test("starts from the first customer message in business time too", () => {
      // created Friday 17:00, customer wrote 17:55, answered Monday 09:10: 300 + 600 = 900 s
      const t = ticket({
        createdAt: "2024-03-01T17:00:00Z",
        firstCustomerMessageAt: "2024-03-01T17:55:00Z",
        firstResponseAt: "2024-03-04T09:10:00Z",
      });
      expect(
        firstResponseTime([t], { schedule: london, startFrom: "firstCustomerMessage" }).value,
      ).toBe(900);
      // from creation: 3600 + 600 = 4200 s
      expect(firstResponseTime([t], { schedule: london }).value).toBe(4200);
    });

    test("rejects a business clock without a schedule and bad clock options", () => {
      expect(() => firstResponseTime([], { clock: "business" })).toThrow(
        new TypeError('firstResponseTime: clock "business" needs a schedule, got none'),
      );
      expect(() => firstResponseTimeReducer({ clock: "business" })).toThrow(TypeError);
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => firstResponseTime([], { clock: "wall" })).toThrow(
        new RangeError('firstResponseTime: clock must be one of calendar, business, got "wall"'),
      );
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => firstResponseTime([], { schedule: london, scheduleRule: "latest" })).toThrow(
        new RangeError(
          'firstResponseTime: scheduleRule must be one of perSegment, atEvent, got "latest"',
        ),
      );
      expect(() =>
        firstResponseTime([], { schedule: { timeZone: "Mars/Olympus", weekly: {} } }),
      ).toThrow(
        new RangeError(
          'firstResponseTime: schedule.timeZone must be an IANA time zone name, got "Mars/Olympus"',
        ),
      );
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => firstResponseTime([], { schedule: 5 })).toThrow(
        new TypeError("firstResponseTime: schedule must be an object, got 5"),
      );
      expect(() => firstResponseTime([], { schedule: [] })).toThrow(
        new TypeError(
          "firstResponseTime: schedule must be a schedule or a non-empty array of versions, got []",
        ),
      );
      expect(() => firstResponseTime([], { schedule: [london, london] })).toThrow(RangeError);
    });
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { startFrom: "assigned" })).toThrow(
      new RangeError(
        'firstResponseTime: startFrom must be one of created, firstCustomerMessage, got "assigned"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { statistic: "max" })).toThrow(
      new RangeError(
        'firstResponseTime: statistic must be one of mean, median, p90, p95, got "max"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { countAutomatedReplies: "yes" })).toThrow(
      new TypeError('firstResponseTime: countAutomatedReplies must be a boolean, got "yes"'),
    );
  });

  test("from the first customer message, an unchecked record's bad field is named", () => {
    // records that never went through the schema: the error names the field that is wrong
    const createdAt = new Date("2024-03-01T09:00:00Z");
    const firstResponseAt = new Date("2024-03-01T09:20:00Z");
    const options = { startFrom: "firstCustomerMessage" } as const;
    const unchecked = (fields: object) => [{ createdAt, firstResponseAt, ...fields }] as never;
    expect(() =>
      firstResponseTime(unchecked({ firstCustomerMessageAt: "2024-03-01T09:05:00Z" }), options),
    ).toThrow(
      new TypeError(
        'firstResponseTime: record 0 field "firstCustomerMessageAt" must be a valid Date or null, got "2024-03-01T09:05:00Z"',
      ),
    );
    expect(() =>
      firstResponseTime(
        unchecked({ createdAt: new Date(Number.NaN), firstCustomerMessageAt: createdAt }),
        options,
      ),
    ).toThrow(
      new TypeError(
        'firstResponseTime: record 0 field "createdAt" must be a valid Date, got Invalid Date',
      ),
    );
    // the same record from creation fails on createdAt too; with a good createdAt it counts
    expect(firstResponseTime(unchecked({ firstCustomerMessageAt: createdAt }), options).value).toBe(
      1200,
    );
  });
});
