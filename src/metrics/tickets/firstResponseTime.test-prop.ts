import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type Schedules, schedule } from "../../time/schedule.ts";
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
const plainOptions = fc.record(
  {
    startFrom: fc.constantFrom("created", "firstCustomerMessage"),
    countAutomatedReplies: fc.boolean(),
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
const options: fc.Arbitrary<FirstResponseTimeOptions> = fc
  .tuple(plainOptions, clockOptions([newYork, withGap]))
  .map(([plain, clock]) => ({ ...plain, ...clock }) as FirstResponseTimeOptions);

describe("firstResponseTime properties", () => {
  reducerLaws((o) => firstResponseTimeReducer(o), tickets, { configs: options });

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

  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        for (const t of ts) {
          const calendar = reduce([t], firstResponseTimeReducer({ ...o, clock: "calendar" })).value;
          const business = reduce([t], firstResponseTimeReducer({ ...o, schedule: newYork })).value;
          if (calendar === null) expect(business).toBeNull();
          else expect(business).toBeLessThanOrEqual(calendar + 1e-9);
        }
      }),
    );
  });
});
