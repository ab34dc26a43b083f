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
import { TICKET_STATUSES, type TicketStatus } from "../../schemas/ticket.ts";
import type { ResolutionTimeOptions } from "./resolutionTime.ts";
import { resolutionTimeReducer } from "./resolutionTime.ts";

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

const options = withClock<ResolutionTimeOptions>(plainOptions, [newYork, withGap]);

describe("resolutionTime properties", () => {
  reducerLaws((o) => resolutionTimeReducer(o), tickets, { configs: options });

  durationsWithinBounds(resolutionTimeReducer, tickets, options);

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

  businessWithinCalendar(resolutionTimeReducer, tickets, options);
});
