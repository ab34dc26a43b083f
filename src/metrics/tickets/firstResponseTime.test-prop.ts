import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  businessWithinCalendar,
  durationsWithinBounds,
  iso,
  newYork,
  withClock,
  withGap,
} from "../../../test/arbitraries.ts";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { FirstResponseTimeOptions } from "./firstResponseTime.ts";
import { firstResponseTimeReducer } from "./firstResponseTime.ts";

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
const plainOptions = fc.record(
  {
    startFrom: fc.constantFrom("created", "firstCustomerMessage"),
    countAutomatedReplies: fc.boolean(),
    statistic: fc.constantFrom("mean", "median", "p90", "p95"),
  },
  { requiredKeys: [] },
);

const options = withClock<FirstResponseTimeOptions>(plainOptions, [newYork, withGap]);

describe("firstResponseTime properties", () => {
  reducerLaws((o) => firstResponseTimeReducer(o), tickets, { configs: options });

  durationsWithinBounds(firstResponseTimeReducer, tickets, options);

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

  businessWithinCalendar(firstResponseTimeReducer, tickets, options);
});
