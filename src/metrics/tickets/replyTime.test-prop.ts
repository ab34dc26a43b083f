import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
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
const options: fc.Arbitrary<ReplyTimeOptions> = fc.record(
  {
    from: fc.constantFrom("each", "firstUnanswered"),
    excludeFirstReply: fc.boolean(),
    statistic: fc.constantFrom("mean", "median", "p90", "p95"),
  },
  { requiredKeys: [] },
);

describe("replyTime properties", () => {
  test("merging two partial states equals reducing their concatenation", () => {
    fc.assert(
      fc.property(tickets, tickets, options, (left, right, o) => {
        const reducer = replyTimeReducer(o);
        const a = reducer.init();
        for (const t of left) reducer.add(a, t, undefined);
        const b = reducer.init();
        for (const t of right) reducer.add(b, t, undefined);
        expect(reducer.result(reducer.merge(a, b))).toEqual(reduce([...left, ...right], reducer));
      }),
    );
  });

  test("the order of records does not change the result", () => {
    fc.assert(
      fc.property(
        tickets.chain((ts) =>
          fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length })),
        ),
        options,
        ([ts, shuffled], o) => {
          const reducer = replyTimeReducer(o);
          expect(reduce(shuffled, reducer)).toEqual(reduce(ts, reducer));
        },
      ),
    );
  });

  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, replyTimeReducer(o));
        expect(result.tickets + result.excluded.noMessages + result.excluded.noReplies).toBe(
          ts.length,
        );
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
    fc.assert(
      fc.property(
        tickets,
        options,
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
          const excluded = undated[0]?.r.excluded ?? { noMessages: 0, noReplies: 0 };
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
});
