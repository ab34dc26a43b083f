import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../schemas/ticket.ts";
import { type Schedules, schedule } from "../../time/schedule.ts";
import type { ResolutionTimeOptions } from "./resolutionTime.ts";
import { resolutionTimeReducer } from "./resolutionTime.ts";

const created = Date.parse("2024-03-09T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toISOString();

// Tickets with a status history (reopens, pending, on hold), or with flat fields only,
// over a few days across the New York spring DST change.
const status = fc.constantFrom(...TICKET_STATUSES);
const withHistory = fc
  .tuple(
    fc.integer({ min: 0, max: 86_400 }),
    fc.array(fc.record({ offset: fc.integer({ min: 0, max: 3 * 86_400 }), status }), {
      maxLength: 8,
    }),
    fc.option(fc.integer({ min: 0, max: 5 })),
  )
  .map(([start, changes, replies]) =>
    ticket({
      createdAt: iso(start),
      agentReplyCount: replies,
      statusChanges: changes.map(({ offset, status }) => ({ status, at: iso(start + offset) })),
    }),
  );
const flat = fc
  .tuple(
    fc.integer({ min: 0, max: 86_400 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 0, max: 86_400 }))),
    fc.option(fc.integer({ min: 0, max: 5 })),
    fc.boolean(),
  )
  .map(([start, solved, replies, answered]) =>
    ticket({
      createdAt: iso(start),
      firstResolvedAt: solved === null ? null : iso(start + solved[0]),
      lastResolvedAt: solved === null ? null : iso(start + solved[0] + solved[1]),
      agentReplyCount: replies,
      firstResponseAt: answered ? iso(start + 60) : null,
    }),
  );
const aTicket = fc.oneof(withHistory, flat);
const tickets = fc.array(aTicket, { maxLength: 12 });
const plainOptions = fc.record(
  {
    resolution: fc.constantFrom("first", "full"),
    pauseWhilePending: fc.boolean(),
    pausedStatuses: fc.subarray([...TICKET_STATUSES] as TicketStatus[]),
    requireAgentReply: fc.boolean(),
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
const options: fc.Arbitrary<ResolutionTimeOptions> = fc
  .tuple(plainOptions, clockOptions([newYork, withGap]))
  .map(([plain, clock]) => ({ ...plain, ...clock }) as ResolutionTimeOptions);

describe("resolutionTime properties", () => {
  reducerLaws((o) => resolutionTimeReducer(o), tickets, { configs: options });

  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, resolutionTimeReducer(o));
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

  test("pausing never lengthens a ticket, and full resolution is never shorter than first", () => {
    fc.assert(
      fc.property(aTicket, fc.subarray([...TICKET_STATUSES] as TicketStatus[]), (t, paused) => {
        const first = reduce([t], resolutionTimeReducer()).value;
        const full = reduce([t], resolutionTimeReducer({ resolution: "full" })).value;
        if (first !== null) expect(full).toBeGreaterThanOrEqual(first);
        for (const resolution of ["first", "full"] as const) {
          const calendar = reduce([t], resolutionTimeReducer({ resolution })).value;
          const unpaused = reduce(
            [t],
            resolutionTimeReducer({ resolution, pauseWhilePending: true, pausedStatuses: paused }),
          ).value;
          if (unpaused !== null && calendar !== null) {
            expect(unpaused).toBeGreaterThanOrEqual(0);
            expect(unpaused).toBeLessThanOrEqual(calendar + 1e-9);
          }
          // With nothing paused, pausing changes nothing for tickets with a history
          const same = reduce(
            [t],
            resolutionTimeReducer({ resolution, pauseWhilePending: true, pausedStatuses: [] }),
          ).value;
          if (same !== null) expect(same).toBeCloseTo(calendar as number, 6);
        }
      }),
    );
  });

  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        for (const t of ts) {
          const calendar = reduce([t], resolutionTimeReducer({ ...o, clock: "calendar" })).value;
          const business = reduce([t], resolutionTimeReducer({ ...o, schedule: newYork })).value;
          if (calendar === null) expect(business).toBeNull();
          else expect(business).toBeLessThanOrEqual(calendar + 1e-9);
        }
      }),
    );
  });
});
