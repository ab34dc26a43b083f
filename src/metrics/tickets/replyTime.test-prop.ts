import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type Schedules, schedule } from "../../time/schedule.ts";
import type { ReplyTimeOptions } from "./replyTime.ts";
import { replyTimeReducer } from "./replyTime.ts";

const created = Date.parse("2024-03-09T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toISOString();

// Conversations over up to three days (across the New York spring DST change), with every
// author role, notes and automation; some tickets come without messages.
const message = fc.record({
  offset: fc.integer({ min: 0, max: 3 * 86_400 }),
  authorRole: fc.constantFrom("agent", "agent", "customer", "customer", "bot") as fc.Arbitrary<
    "agent" | "customer" | "bot"
  >,
  public: fc.constantFrom(true, true, true, false),
  automated: fc.constantFrom(false, false, false, true),
});
const aTicket = fc
  .tuple(
    fc.integer({ min: 0, max: 86_400 }),
    fc.option(fc.array(message, { maxLength: 8 }), { freq: 8 }),
  )
  .map(([start, messages]) =>
    ticket({
      createdAt: iso(start),
      messages:
        messages === null
          ? null
          : messages.map(({ offset, ...m }) => ({ ...m, at: iso(start + offset) })),
    }),
  );
const tickets = fc.array(aTicket, { maxLength: 10 });
const plainOptions = fc.record(
  {
    from: fc.constantFrom("each", "firstUnanswered"),
    excludeFirstReply: fc.boolean(),
    statistic: fc.constantFrom("mean", "median", "p90", "p95"),
  },
  { requiredKeys: [] },
);

// Clock options: a New York schedule (weekdays, and Sunday 01:00–04:00, which holds only two
// real hours on the spring-forward night), and two versions with a gap between them
// (2024-03-10 00:00–06:00 UTC), across which a span has no schedule.
const day = [{ start: "09:00", end: "17:00" }];
const newYork = schedule({
  timeZone: "America/New_York",
  weekly: {
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    sunday: [{ start: "01:00", end: "04:00" }],
  },
});
const withGap: Schedules = [
  schedule({
    timeZone: "UTC",
    weekly: { saturday: day, sunday: day },
    validUntil: "2024-03-10T00:00",
  }),
  schedule({
    timeZone: "UTC",
    weekly: { sunday: day, monday: day },
    validFrom: "2024-03-10T06:00",
  }),
];
const clockOptions = (schedules: Schedules[]) =>
  fc.record(
    {
      schedule: fc.constantFrom(...schedules),
      scheduleRule: fc.constantFrom("perSegment", "atEvent") as fc.Arbitrary<
        "perSegment" | "atEvent"
      >,
    },
    { requiredKeys: [] },
  );
const options: fc.Arbitrary<ReplyTimeOptions> = fc
  .tuple(plainOptions, clockOptions([newYork, withGap]))
  .map(([plain, clock]) => ({ ...plain, ...clock }) as ReplyTimeOptions);

describe("replyTime properties", () => {
  reducerLaws((o) => replyTimeReducer(o), tickets, { configs: options });

  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, replyTimeReducer(o));
        const { noMessages, noReplies, noSchedule } = result.excluded;
        expect(result.tickets + noMessages + noReplies + noSchedule).toBe(ts.length);
        expect(result.n).toBeGreaterThanOrEqual(result.tickets);
        expect(result.value === null).toBe(result.n === 0);
        if (result.value !== null) {
          expect(result.min).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeGreaterThanOrEqual(result.min as number);
          expect(result.value).toBeLessThanOrEqual(result.max as number);
        }
      }),
    );
  });

  test("a rollup by day splits the pairs without losing or repeating any", () => {
    // With a schedule in force throughout: a ticket is measured whole or not at all in each
    // period, so a gap in the schedule may exclude it from one day and not another.
    const gapless = fc
      .tuple(plainOptions, clockOptions([newYork]))
      .map(([plain, clock]) => ({ ...plain, ...clock }) as ReplyTimeOptions);
    fc.assert(
      fc.property(
        tickets,
        gapless,
        fc.constantFrom("UTC", "America/New_York"),
        (ts, o, timeZone) => {
          const reducer = replyTimeReducer(o);
          const whole = reduce(ts, reducer);
          const rows = rollup(ts, { by: { period: "day" }, timeZone, metrics: { r: reducer } });
          const dated = rows.filter((row) => row.period !== null);
          const undated = rows.filter((row) => row.period === null);
          expect(dated.reduce((sum, row) => sum + row.r.n, 0)).toBe(whole.n);
          expect(dated.reduce((sum, row) => sum + row.r.sum, 0)).toBeCloseTo(whole.sum, 6);
          expect(dated.every((row) => row.r.tickets > 0 && row.r.n > 0)).toBe(true);
          expect(undated.reduce((sum, row) => sum + row.r.n, 0)).toBe(0);
          const excluded = undated[0]?.r.excluded ?? { noMessages: 0, noReplies: 0, noSchedule: 0 };
          expect(excluded).toEqual(whole.excluded);
        },
      ),
    );
  });

  test("firstUnanswered measures at most as many pairs as each, with the same longest wait", () => {
    fc.assert(
      fc.property(tickets, (ts) => {
        const each = reduce(ts, replyTimeReducer());
        const first = reduce(ts, replyTimeReducer({ from: "firstUnanswered" }));
        expect(first.n).toBeLessThanOrEqual(each.n);
        expect(first.tickets).toBe(each.tickets);
        expect(first.max).toEqual(each.max);
      }),
    );
  });

  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        for (const t of ts) {
          const calendar = reduce([t], replyTimeReducer({ ...o, clock: "calendar" })).value;
          const business = reduce([t], replyTimeReducer({ ...o, schedule: newYork })).value;
          if (calendar === null) expect(business).toBeNull();
          else expect(business).toBeLessThanOrEqual(calendar + 1e-9);
        }
      }),
    );
  });
});
