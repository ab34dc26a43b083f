import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../schemas/ticket.ts";
import { type Schedules, schedule } from "../../time/schedule.ts";
import { agentWaitTimeReducer } from "./agentWaitTime.ts";
import { onHoldTimeReducer } from "./onHoldTime.ts";
import { requesterWaitTimeReducer } from "./requesterWaitTime.ts";
import { resolutionTimeReducer } from "./resolutionTime.ts";
import { type StatusTimeOptions, statusTimeReducer } from "./statusTime.ts";

const created = Date.parse("2024-03-08T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toISOString();

// Tickets with a status history over up to four days across the New York spring DST change
// (reopens, pending, on hold), or without one.
const status = fc.constantFrom(...TICKET_STATUSES);
const withHistory = fc
  .tuple(
    fc.integer({ min: 0, max: 86_400 }),
    fc.array(fc.record({ offset: fc.integer({ min: 0, max: 4 * 86_400 }), status }), {
      maxLength: 8,
    }),
  )
  .map(([start, changes]) =>
    ticket({
      createdAt: iso(start),
      statusChanges: changes.map(({ offset, status }) => ({ status, at: iso(start + offset) })),
    }),
  );
const flat = fc
  .integer({ min: 0, max: 86_400 })
  .map((start) => ticket({ createdAt: iso(start), lastResolvedAt: iso(start + 3600) }));
const aTicket = fc.oneof({ arbitrary: withHistory, weight: 5 }, { arbitrary: flat, weight: 1 });
const tickets = fc.array(aTicket, { maxLength: 12 });

const day = [
  { start: "08:30", end: "12:00" },
  { start: "13:00", end: "17:30" },
];
const newYork = schedule({
  timeZone: "America/New_York",
  weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
  holidays: [{ date: "2024-03-11" }],
});
const allSundays = schedule({
  timeZone: "America/New_York",
  weekly: {
    sunday: [{ start: "00:00", end: "24:00" }],
    monday: [{ start: "22:00", end: "06:00" }],
  },
});
// Two versions with a gap between them, so some tickets cannot be timed (noSchedule).
const versions: Schedules = [
  schedule({
    timeZone: "Europe/London",
    weekly: { friday: day, saturday: day },
    validUntil: "2024-03-10T00:00",
  }),
  schedule({
    timeZone: "Europe/London",
    weekly: { monday: day, sunday: day },
    validFrom: "2024-03-10T06:00",
  }),
];
const schedules = fc.constantFrom(newYork, allSundays, versions);

const statuses = fc.subarray([...TICKET_STATUSES] as TicketStatus[], { minLength: 1 });
const options: fc.Arbitrary<StatusTimeOptions> = fc
  .tuple(
    statuses,
    fc.option(schedules),
    fc.constantFrom("first", "full") as fc.Arbitrary<"first" | "full">,
    fc.constantFrom("perSegment", "atEvent") as fc.Arbitrary<"perSegment" | "atEvent">,
    fc.constantFrom("mean", "median", "p90", "p95") as fc.Arbitrary<
      "mean" | "median" | "p90" | "p95"
    >,
  )
  .map(([statuses, schedule, resolution, scheduleRule, statistic]) => ({
    statuses,
    resolution,
    statistic,
    scheduleRule,
    ...(schedule === null ? {} : { schedule }),
  }));

describe("statusTime properties", () => {
  reducerLaws((o) => statusTimeReducer(o), tickets, { configs: options });

  test("times are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, statusTimeReducer(o));
        const excluded = totalExcluded(result.excluded);
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

  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(aTicket, options, schedules, (t, o, s) => {
        const calendar = reduce([t], statusTimeReducer({ ...o, clock: "calendar" })).value;
        const business = reduce([t], statusTimeReducer({ ...o, schedule: s })).value;
        if (business !== null) expect(business).toBeLessThanOrEqual((calendar as number) + 1e-9);
        if (calendar === null) expect(business).toBeNull();
      }),
    );
  });

  test("requester wait + agent wait + time solved = full resolution time; on hold ≤ requester wait", () => {
    fc.assert(
      fc.property(withHistory, fc.option(schedules), (t, s) => {
        const clock = s === null ? {} : { schedule: s };
        const requester = reduce([t], requesterWaitTimeReducer(clock)).value;
        const agent = reduce([t], agentWaitTimeReducer(clock)).value;
        const onHold = reduce([t], onHoldTimeReducer(clock)).value;
        const solved = reduce(
          [t],
          statusTimeReducer({ ...clock, statuses: ["solved", "closed"] }),
        ).value;
        const resolution = reduce(
          [t],
          resolutionTimeReducer({ ...clock, resolution: "full" }),
        ).value;
        if (requester === null || agent === null || solved === null || resolution === null) return;
        expect(requester + agent + solved).toBeCloseTo(resolution, 6);
        expect(onHold).toBeLessThanOrEqual(requester);
      }),
    );
  });
});
