/**
 * What the properties of the stock metrics over open tickets (backlog, queue length) share:
 * tickets with flat resolution fields or a status history, sometimes answered, on whole hours
 * from 2024-03-01 (so that instants often coincide with creations and status changes), and
 * the definition of "open at T" computed by brute force.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { rollup } from "../src/aggregate/rollup.ts";
import type { Reducer } from "../src/reduce/reducer.ts";
import { TICKET_STATUSES, type Ticket, type TicketStatus } from "../src/schemas/ticket.ts";
import { ticket } from "./fixtures.ts";

const base = Date.parse("2024-03-01T00:00:00Z");
export const HOUR = 3_600_000;
const iso = (hours: number) => new Date(base + hours * HOUR).toISOString();
export const status = fc.constantFrom(...TICKET_STATUSES);
const reply = fc.option(fc.integer({ min: 0, max: 10 * 24 }));

const flat = fc
  .record({
    created: fc.integer({ min: 0, max: 60 * 24 }),
    first: fc.option(fc.integer({ min: 0, max: 20 * 24 })),
    last: fc.option(fc.integer({ min: 0, max: 20 * 24 })),
    status: fc.option(status),
    reply,
  })
  .map(({ created, first, last, status, reply }) =>
    ticket({
      createdAt: iso(created),
      ...(first === null ? {} : { firstResolvedAt: iso(created + first) }),
      ...(first === null || last === null ? {} : { lastResolvedAt: iso(created + first + last) }),
      ...(status === null ? {} : { status }),
      ...(reply === null ? {} : { firstResponseAt: iso(created + reply) }),
    }),
  );
const withHistory = fc
  .record({
    created: fc.integer({ min: 0, max: 60 * 24 }),
    changes: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * 24 }), status), {
      minLength: 1,
      maxLength: 6,
    }),
    reply,
  })
  .map(({ created, changes, reply }) => {
    let at = created;
    return ticket({
      createdAt: iso(created),
      ...(reply === null ? {} : { firstResponseAt: iso(created + reply) }),
      statusChanges: changes.map(([gap, s]) => {
        at += gap;
        return { at: iso(at), status: s };
      }),
    });
  });

/** Up to 15 tickets, flat or with a status history, some answered (`firstResponseAt`). */
export const tickets = fc.array(fc.oneof(flat, withHistory), { maxLength: 15 });

/** Any whole hour from a day before the tickets to 90 days after their first possible one. */
export const instant = fc.integer({ min: -24, max: 90 * 24 }).map((hours) => base + hours * HOUR);

/** Tickets and an instant: any hour, or (half the time) one of the tickets' own timestamps. */
export const ticketsAt = tickets.chain((ts) => {
  const times = ts.flatMap((t) => [
    t.createdAt.getTime(),
    ...(t.firstResponseAt ? [t.firstResponseAt.getTime()] : []),
    ...(t.lastResolvedAt ? [t.lastResolvedAt.getTime()] : []),
    ...(t.statusChanges ?? []).map((c) => c.at.getTime()),
  ]);
  return fc.tuple(
    fc.constant(ts),
    times.length > 0 ? fc.oneof(instant, fc.constantFrom(...times)) : instant,
  );
});

/**
 * Open at T, by the definition (created before T and not resolved before T), scanning every
 * change: true, false or "unknown" (resolved, with no time of resolution).
 */
export function bruteOpen(t: Ticket, at: number): boolean | "unknown" {
  if (t.createdAt.getTime() >= at) return false;
  const resolved = (s: TicketStatus) => s === "solved" || s === "closed";
  if (t.statusChanges && t.statusChanges.length > 0) {
    let current: TicketStatus = "new";
    for (const change of t.statusChanges) if (change.at.getTime() < at) current = change.status;
    return !resolved(current);
  }
  if (resolved(t.status)) return t.lastResolvedAt ? at <= t.lastResolvedAt.getTime() : "unknown";
  return true;
}

/**
 * The property that a monthly rollup of the stock metric `make()` gives, for every month, the
 * number of tickets `counted` at the month's end (in UTC and in New York).
 */
export function assertMonthEnds(
  // biome-ignore lint/suspicious/noExplicitAny: any state
  make: () => Reducer<Ticket, any, { value: number | null }>,
  counted: (t: Ticket, at: number) => boolean,
): void {
  fc.assert(
    fc.property(tickets, fc.constantFrom("UTC", "America/New_York"), (ts, timeZone) => {
      const rows = rollup(ts, {
        by: { period: "month" },
        timeZone,
        metrics: { stock: make() },
        range: { start: "2024-02-01", end: "2024-07-01" },
      });
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        const end = Date.parse(row.period?.end as string);
        expect(row.stock.value).toBe(ts.filter((t) => counted(t, end)).length);
      }
    }),
  );
}
