import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { TICKET_STATUSES } from "../../schemas/ticket.ts";
import { schedule } from "../../time/schedule.ts";
import { agentWaitTimeReducer } from "./agentWaitTime.ts";
import { onHoldTimeReducer } from "./onHoldTime.ts";
import { requesterWaitTimeReducer } from "./requesterWaitTime.ts";
import type { WaitTimeOptions } from "./statusTime.ts";

const created = Date.parse("2024-10-25T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toISOString();

// Tickets with a status history over up to four days across the Berlin and New York autumn
// DST changes, or without one.
const status = fc.constantFrom(...TICKET_STATUSES);
const aTicket = fc
  .tuple(
    fc.integer({ min: 0, max: 86_400 }),
    fc.option(
      fc.array(fc.record({ offset: fc.integer({ min: 0, max: 4 * 86_400 }), status }), {
        maxLength: 8,
      }),
      { freq: 6 },
    ),
  )
  .map(([start, changes]) =>
    ticket({
      createdAt: iso(start),
      ...(changes === null
        ? { lastResolvedAt: iso(start + 7200) }
        : {
            statusChanges: changes.map(({ offset, status }) => ({
              status,
              at: iso(start + offset),
            })),
          }),
    }),
  );
const tickets = fc.array(aTicket, { maxLength: 12 });

const day = [{ start: "09:00", end: "17:00" }];
const berlin = schedule({
  timeZone: "Europe/Berlin",
  weekly: {
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    sunday: [{ start: "01:00", end: "04:00" }],
  },
});
const options: fc.Arbitrary<WaitTimeOptions> = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom("first", "full") as fc.Arbitrary<"first" | "full">,
    fc.constantFrom("perSegment", "atEvent") as fc.Arbitrary<"perSegment" | "atEvent">,
    fc.constantFrom("mean", "median", "p90", "p95") as fc.Arbitrary<
      "mean" | "median" | "p90" | "p95"
    >,
  )
  .map(([business, resolution, scheduleRule, statistic]) => ({
    resolution,
    scheduleRule,
    statistic,
    ...(business ? { schedule: berlin } : {}),
  }));

// The three wait-time metrics share one shape (time in some statuses until resolution), so
// they share their properties; each runs them on its own.
const metrics = [
  ["requesterWaitTime", requesterWaitTimeReducer],
  ["agentWaitTime", agentWaitTimeReducer],
  ["onHoldTime", onHoldTimeReducer],
] as const;

describe.each(metrics)("%s properties", (_name, makeReducer) => {
  reducerLaws((o) => makeReducer(o), tickets, { configs: options });

  test("times are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, makeReducer(o));
        const { unresolved, noStatusHistory, noSchedule } = result.excluded;
        expect(noSchedule).toBe(0);
        expect(result.n + unresolved + noStatusHistory).toBe(ts.length);
        expect(result.value === null).toBe(result.n === 0);
        if (result.value !== null) {
          expect(result.min).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeGreaterThanOrEqual(result.min as number);
          expect(result.value).toBeLessThanOrEqual(result.max as number);
        }
      }),
    );
  });

  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(aTicket, options, (t, o) => {
        const calendar = reduce([t], makeReducer({ ...o, clock: "calendar" })).value;
        const business = reduce([t], makeReducer({ ...o, schedule: berlin })).value;
        expect(business === null).toBe(calendar === null);
        if (business !== null) expect(business).toBeLessThanOrEqual((calendar as number) + 1e-9);
      }),
    );
  });
});
