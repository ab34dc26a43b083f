import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import {
  assertMonthEnds,
  bruteOpen,
  HOUR,
  instant,
  status,
  tickets,
  ticketsAt,
} from "../../../test/openTickets.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import type { Ticket, TicketStatus } from "../../schemas/ticket.ts";
import { type PeriodUnit, period } from "../../time/period.ts";
import { backlogReducer } from "./backlog.ts";
import { ticketVolumeReducer } from "./ticketVolume.ts";

describe("backlog properties", () => {
  reducerLaws((at) => backlogReducer({ asOf: at }), tickets, { configs: instant });

  test("the count equals a brute-force count of the tickets open at the instant", () => {
    fc.assert(
      fc.property(ticketsAt, ([ts, at]) => {
        const result = reduce(ts, backlogReducer({ asOf: at }));
        const open = ts.filter((t) => bruteOpen(t, at) === true).length;
        const unknown = ts.filter((t) => bruteOpen(t, at) === "unknown").length;
        expect(result.value).toBe(open);
        expect(result.excluded.unknownResolution).toBe(unknown);
        expect(result.byAge.reduce((sum, b) => sum + b.count, 0)).toBe(result.value);
        // every ticket is counted, excluded, or outside the span that could reach the instant
        expect(result.value + result.excluded.notOpen + unknown).toBeLessThanOrEqual(ts.length);
      }),
    );
  });

  test("a monthly rollup gives, for every month, the tickets open at its end", () => {
    assertMonthEnds(backlogReducer, (t, end) => bruteOpen(t, end) === true);
  });
});

/** Resolutions (entering solved or closed from an open status) or reopens of a ticket. */
function transitions(t: Ticket, into: "resolved" | "reopened"): Date[] {
  const resolved = (s: TicketStatus) => s === "solved" || s === "closed";
  if (!t.statusChanges || t.statusChanges.length === 0) {
    // Flat fields: open from creation until the final resolution, never reopened in between.
    if (into === "reopened" || !resolved(t.status) || !t.lastResolvedAt) return [];
    return [t.lastResolvedAt];
  }
  const times: Date[] = [];
  let wasResolved = false;
  for (const change of t.statusChanges) {
    const now = resolved(change.status);
    if (now !== wasResolved && (into === "resolved") === now) times.push(change.at);
    wasResolved = now;
  }
  return times;
}

/** A flow counting the transitions of one kind inside each period (half-open, as placed). */
function transitionCount(
  into: "resolved" | "reopened",
): Reducer<Ticket, { n: number }, { value: number }> {
  return {
    name: into,
    timeOf: () => undefined,
    timesOf: (t) => transitions(t, into),
    init: () => ({ n: 0 }),
    add(state, t, window) {
      for (const at of transitions(t, into)) {
        const ms = at.getTime();
        if (!window || (ms >= window.start && ms < window.end)) state.n++;
      }
    },
    merge: (a, b) => ({ n: a.n + b.n }),
    result: (state) => ({ value: state.n }),
  };
}

/**
 * A period unit and zone, with tickets whose creations, resolutions and status changes fall
 * exactly on the period boundaries (or a millisecond either side, or inside a period).
 */
const onBoundaries = fc
  .record({
    unit: fc.constantFrom<PeriodUnit>("day", "week", "month"),
    timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"),
  })
  .chain(({ unit, timeZone }) => {
    const of = period(unit, { timeZone });
    const bounds: number[] = [];
    for (
      let at = of.floor(Date.parse("2024-02-20T00:00:00Z"));
      bounds.length < 12;
      at = of.next(at)
    )
      bounds.push(at);
    // Instants after the first boundary and before the last, so a range of the boundaries'
    // periods holds every event.
    const instant = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom(0, 0, 0, 0, -1, 1, 7 * HOUR))
      .map(([i, shift]) => (bounds[i] as number) + shift);
    const iso = (ms: number) => new Date(ms).toISOString();
    const flatTicket = fc
      .record({ created: instant, resolved: fc.option(instant), reopenedSince: fc.boolean() })
      .map(({ created, resolved, reopenedSince }) => {
        if (resolved === null) return ticket({ createdAt: iso(created), status: "open" });
        const at = iso(Math.max(created, resolved));
        // Resolved, or resolved and reopened since at an unknown time (open to this day).
        return ticket({
          createdAt: iso(created),
          lastResolvedAt: at,
          firstResolvedAt: at,
          ...(reopenedSince ? { status: "open", reopenCount: 1 } : {}),
        });
      });
    const historyTicket = fc
      .record({
        created: instant,
        changes: fc.array(fc.tuple(instant, status), { minLength: 1, maxLength: 5 }),
      })
      .map(({ created, changes }) =>
        ticket({
          createdAt: iso(created),
          statusChanges: changes.map(([at, s]) => ({ at: iso(Math.max(created, at)), status: s })),
        }),
      );
    return fc.record({
      unit: fc.constant(unit),
      timeZone: fc.constant(timeZone),
      range: fc.constant({ start: bounds[0] as number, end: bounds[11] as number }),
      tickets: fc.array(fc.oneof(flatTicket, historyTicket), { maxLength: 12 }),
    });
  });

describe("backlog identity at period boundaries", () => {
  const metrics = {
    backlog: backlogReducer(),
    created: ticketVolumeReducer(),
    resolved: transitionCount("resolved"),
    reopened: transitionCount("reopened"),
  };
  type Row = { backlog: number; created: number; resolved: number; reopened: number };
  const values = (row: Record<string, unknown>): Row => ({
    backlog: (row.backlog as { value: number }).value,
    created: (row.created as { value: number }).value,
    resolved: (row.resolved as { value: number }).value,
    reopened: (row.reopened as { value: number }).value,
  });

  test("backlog(end) = backlog(start) + created − resolved + reopened, period by period", () => {
    fc.assert(
      fc.property(onBoundaries, ({ unit, timeZone, range, tickets: ts }) => {
        // (A ticket never resolved or reopened is in the transitions' null-period row.)
        const rows = rollup(ts, { by: { period: unit }, timeZone, metrics, range }).filter(
          (row) => row.period !== null,
        );
        expect(rows).toHaveLength(11);
        let before = 0; // nothing happens before the range's first period
        for (const row of rows) {
          const { backlog: after, created, resolved, reopened } = values(row);
          expect(after).toBe(before + created - resolved + reopened);
          before = after;
        }
        // Every ticket created is eventually resolved or still in the last backlog.
        const total = rows
          .map(values)
          .reduce((sum, r) => sum + r.created - r.resolved + r.reopened, 0);
        expect(total).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  test("without a range, the rows are those periods' rows that any ticket touches", () => {
    fc.assert(
      fc.property(onBoundaries, ({ unit, timeZone, range, tickets: ts }) => {
        const ranged = rollup(ts, { by: { period: unit }, timeZone, metrics, range });
        const free = rollup(ts, { by: { period: unit }, timeZone, metrics }).filter(
          (row) => row.period !== null,
        );
        const byStart = new Map(free.map((row) => [row.period?.start, values(row)]));
        const last = free.at(-1)?.period?.start ?? "";
        for (const row of ranged) {
          // Rows end with the last period any ticket touches (a ticket still open is
          // measured up to it, not beyond).
          if (row.period === null || (row.period?.start as string) > last) continue;
          // A period no ticket touches has no row: nothing open at its end, nothing in it.
          const zero = { backlog: 0, created: 0, resolved: 0, reopened: 0 };
          expect(values(row)).toEqual(byStart.get(row.period?.start) ?? zero);
        }
      }),
      { numRuns: 100 },
    );
  });
});
