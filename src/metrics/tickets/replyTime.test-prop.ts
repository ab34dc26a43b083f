import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  businessWithinCalendar,
  expectDurationBounds,
  iso,
  newYork,
  withClock,
  withGap,
} from "../../../test/arbitraries.ts";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { ReplyTimeOptions } from "./replyTime.ts";
import { replyTimeReducer } from "./replyTime.ts";

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

const options = withClock<ReplyTimeOptions>(plainOptions, [newYork, withGap]);

describe("replyTime properties", () => {
  reducerLaws((o) => replyTimeReducer(o), tickets, { configs: options });

  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, replyTimeReducer(o));
        const { noMessages, noReplies, noSchedule } = result.excluded;
        expect(result.tickets + noMessages + noReplies + noSchedule).toBe(ts.length);
        expect(result.n).toBeGreaterThanOrEqual(result.tickets);
        expectDurationBounds(result);
      }),
    );
  });

  test("a rollup by day splits the pairs without losing or repeating any", () => {
    // With a schedule in force throughout: a ticket is measured whole or not at all in each
    // period, so a gap in the schedule may exclude it from one day and not another.
    const gapless = withClock<ReplyTimeOptions>(plainOptions, [newYork]);
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

  businessWithinCalendar(replyTimeReducer, tickets, options);
});
