import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { FirstResponseTimeOptions } from "./firstResponseTime.ts";
import { firstResponseTimeReducer } from "./firstResponseTime.ts";

const created = Date.parse("2024-03-09T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toISOString();

// Tickets either with messages (every author role, notes, automation) or with flat fields
// only, created within a few days across the New York spring DST change.
const message = fc.record({
  offset: fc.integer({ min: 0, max: 86_400 }),
  authorRole: fc.constantFrom("agent", "customer", "customer", "bot", "system") as fc.Arbitrary<
    "agent" | "customer" | "bot" | "system"
  >,
  public: fc.boolean(),
  automated: fc.boolean(),
});
const withMessages = fc
  .tuple(fc.integer({ min: 0, max: 3 * 86_400 }), fc.array(message, { maxLength: 6 }))
  .map(([start, messages]) =>
    ticket({
      createdAt: iso(start),
      messages: messages.map(({ offset, ...m }) => ({ ...m, at: iso(start + offset) })),
    }),
  );
const flat = fc
  .tuple(
    fc.integer({ min: 0, max: 3 * 86_400 }),
    fc.option(fc.integer({ min: 0, max: 86_400 })),
    fc.option(fc.integer({ min: 0, max: 86_400 })),
  )
  .map(([start, customer, reply]) =>
    ticket({
      createdAt: iso(start),
      firstCustomerMessageAt: customer === null ? null : iso(start + customer),
      firstResponseAt: reply === null ? null : iso(start + reply),
    }),
  );
const tickets = fc.array(fc.oneof(withMessages, flat), { maxLength: 12 });
const options: fc.Arbitrary<FirstResponseTimeOptions> = fc.record(
  {
    startFrom: fc.constantFrom("created", "firstCustomerMessage"),
    countAutomatedReplies: fc.boolean(),
    statistic: fc.constantFrom("mean", "median", "p90", "p95"),
  },
  { requiredKeys: [] },
);

describe("firstResponseTime properties", () => {
  test("merging two partial states equals reducing their concatenation", () => {
    fc.assert(
      fc.property(tickets, tickets, options, (left, right, o) => {
        const reducer = firstResponseTimeReducer(o);
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
          const reducer = firstResponseTimeReducer(o);
          expect(reduce(shuffled, reducer)).toEqual(reduce(ts, reducer));
        },
      ),
    );
  });

  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, firstResponseTimeReducer(o));
        const excluded = Object.values(result.excluded).reduce((sum, k) => sum + k, 0);
        expect(result.n + excluded).toBe(ts.length);
        expect(result.value === null).toBe(result.n === 0);
        if (result.value !== null) {
          expect(result.min).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeGreaterThanOrEqual(result.min as number);
          expect(result.value).toBeLessThanOrEqual(result.max as number);
        }
      }),
    );
  });

  test("counting automated replies never makes a first response later or loses a ticket", () => {
    fc.assert(
      fc.property(fc.array(withMessages, { maxLength: 12 }), (ts) => {
        const human = reduce(ts, firstResponseTimeReducer());
        const any = reduce(ts, firstResponseTimeReducer({ countAutomatedReplies: true }));
        expect(any.n).toBeGreaterThanOrEqual(human.n);
        ts.forEach((t) => {
          const h = reduce([t], firstResponseTimeReducer()).value;
          const a = reduce([t], firstResponseTimeReducer({ countAutomatedReplies: true })).value;
          if (h !== null) expect(a).not.toBeNull();
          if (h !== null && a !== null) expect(a).toBeLessThanOrEqual(h);
        });
      }),
    );
  });
});
