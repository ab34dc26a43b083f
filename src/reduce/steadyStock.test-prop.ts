import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { tickets as openTickets } from "../../test/openTickets.ts";
import { AWKWARD_ZONES } from "../../test/zones.ts";
import { rollup } from "../aggregate/rollup.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { type PeriodUnit, period } from "../time/period.ts";
import type { AnyReducer } from "./reducer.ts";
import { steadyStockOf } from "./steadyStock.ts";

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 2, 1);

/**
 * Tickets whose instants sit where the steady run could start one period too early or too
 * late: on period starts (DST days included), a millisecond either side, and exactly the
 * oldest age bucket's width before a period end.
 */
const scenario = fc
  .record({
    unit: fc.constantFrom<PeriodUnit>("day", "week", "month"),
    timeZone: fc.constantFrom(...AWKWARD_ZONES),
    ageBuckets: fc.constantFrom<readonly number[] | undefined>(
      undefined,
      [],
      [3600],
      [86_400, 604_800],
      [0.5, 1.0005, 172_800.25],
    ),
  })
  .chain(({ unit, timeZone, ageBuckets }) => {
    const of = period(unit, { timeZone });
    const starts: number[] = [];
    for (let at = of.floor(FROM); starts.length < 12; at = of.next(at)) starts.push(at);
    const oldest = ageBuckets === undefined ? 30 * DAY : (ageBuckets.at(-1) ?? 0) * 1000;
    const instant = fc
      .tuple(
        fc.constantFrom(...starts),
        fc.constantFrom(0, -1, 1, -oldest, -oldest - 1, -oldest + 1, 5 * 3_600_000, -3 * DAY),
      )
      .map(([at, shift]) => Math.round(at + shift));
    const boundary = fc
      .record({
        created: instant,
        resolved: fc.option(instant, { freq: 2 }),
        status: fc.constantFrom("open", "pending", "solved", "closed"),
      })
      .map(
        ({ created, resolved, status }): Ticket =>
          ({
            id: "b",
            createdAt: new Date(created),
            status,
            lastResolvedAt: resolved === null ? null : new Date(resolved),
          }) as unknown as Ticket,
      );
    return fc.record({
      unit: fc.constant(unit),
      timeZone: fc.constant(timeZone),
      ageBuckets: fc.constant(ageBuckets),
      tickets: fc
        .tuple(fc.array(boundary, { maxLength: 12 }), openTickets)
        .map(([a, b]) => [...a, ...b]),
    });
  });

describe("steady stock runs (properties)", () => {
  test("backlog declares steady runs; a copy of it does not, so it takes the general path", () => {
    const reducer = backlogReducer();
    expect(steadyStockOf(reducer)).toBeDefined();
    expect(steadyStockOf({ ...reducer })).toBeUndefined();
    // With `statuses`, a ticket's count depends on its status at each instant: no runs.
    expect(steadyStockOf(backlogReducer({ statuses: ["open"] }))).toBeUndefined();
  });

  test("a rollup's rows are the same with the runs as with an add per period", () => {
    fc.assert(
      fc.property(scenario, ({ unit, timeZone, ageBuckets, tickets }) => {
        const options = ageBuckets === undefined ? {} : { ageBuckets };
        const fast = backlogReducer(options);
        // The same functions without the declaration: every period gets its own `add`.
        const general: AnyReducer<Ticket> = { ...backlogReducer(options) };
        const rows = (backlog: AnyReducer<Ticket>) =>
          rollup(tickets, { by: { period: unit }, timeZone, metrics: { backlog } });
        expect(rows(fast)).toEqual(rows(general));
      }),
      { numRuns: 300 },
    );
  });
});
