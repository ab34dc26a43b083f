import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import { TICKET_STATUSES, type Ticket, type TicketStatus } from "../../schemas/ticket.ts";
import { backlogReducer } from "./backlog.ts";
import { queueLengthReducer } from "./queueLength.ts";

const base = Date.parse("2024-03-01T00:00:00Z");
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(base + hours * HOUR).toISOString();
const status = fc.constantFrom(...TICKET_STATUSES);
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
const tickets = fc.array(fc.oneof(flat, withHistory), { maxLength: 15 });
const instant = fc.integer({ min: -24, max: 90 * 24 }).map((hours) => base + hours * HOUR);
const ticketsAt = tickets.chain((ts) => {
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

/** Waiting at T, by the definition: open (scanning every change) and not yet answered. */
function bruteWaiting(t: Ticket, at: number): boolean {
  if (t.createdAt.getTime() >= at) return false;
  if (t.firstResponseAt && t.firstResponseAt.getTime() < at) return false;
  const resolved = (s: TicketStatus) => s === "solved" || s === "closed";
  if (t.statusChanges && t.statusChanges.length > 0) {
    let current: TicketStatus = "new";
    for (const change of t.statusChanges) if (change.at.getTime() < at) current = change.status;
    return !resolved(current);
  }
  if (resolved(t.status)) return t.lastResolvedAt !== null && at <= t.lastResolvedAt.getTime();
  return true;
}

describe("queueLength properties", () => {
  reducerLaws((at) => queueLengthReducer({ asOf: at }), tickets, { configs: instant });

  test("the count equals a brute-force count and never exceeds the backlog", () => {
    fc.assert(
      fc.property(ticketsAt, ([ts, at]) => {
        const result = reduce(ts, queueLengthReducer({ asOf: at }));
        expect(result.value).toBe(ts.filter((t) => bruteWaiting(t, at)).length);
        expect(result.value).toBeLessThanOrEqual(reduce(ts, backlogReducer({ asOf: at })).value);
        expect(result.byAge.reduce((sum, b) => sum + b.count, 0)).toBe(result.value);
      }),
    );
  });

  test("a monthly rollup gives, for every month, the tickets waiting at its end", () => {
    fc.assert(
      fc.property(tickets, fc.constantFrom("UTC", "America/New_York"), (ts, timeZone) => {
        const rows = rollup(ts, {
          by: { period: "month" },
          timeZone,
          metrics: { queue: queueLengthReducer() },
          range: { start: "2024-02-01", end: "2024-07-01" },
        });
        expect(rows).toHaveLength(5);
        for (const row of rows) {
          const end = Date.parse(row.period?.end as string);
          expect(row.queue.value).toBe(ts.filter((t) => bruteWaiting(t, end)).length);
        }
      }),
    );
  });
});
