/**
 * What the duration metrics' `.test-prop.ts` files share: timestamps around the New York
 * spring DST change, the schedules their clock options draw from, and the checks every
 * duration metric must pass, so each file spends its words on its own tickets and options.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import type { ClockOptions } from "../src/metrics/tickets/elapsed.ts";
import { reduce } from "../src/reduce/reduce.ts";
import type { Reducer } from "../src/reduce/reducer.ts";
import type { Ticket } from "../src/schemas/ticket.ts";
import { type Schedules, schedule } from "../src/time/schedule.ts";
import { totalExcluded } from "./laws.ts";

const created = Date.parse("2024-03-09T12:00:00Z");

/** An instant `offsetSeconds` after 2024-03-09 12:00 UTC, the eve of the New York DST change. */
export const iso = (offsetSeconds: number) =>
  new Date(created + offsetSeconds * 1000).toISOString();

// Clock options: a New York schedule (weekdays, and Sunday 01:00–04:00, which holds only two
// real hours on the spring-forward night), and two versions with a gap between them
// (2024-03-10 00:00–06:00 UTC), across which a span has no schedule.
const day = [{ start: "09:00", end: "17:00" }];

/** Weekdays 09:00–17:00 and Sunday 01:00–04:00 in New York. */
export const newYork = schedule({
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

/** Two UTC schedule versions with no schedule in force 2024-03-10 00:00–06:00 UTC. */
export const withGap: Schedules = [
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

/** `schedule` (one of `schedules`) and `scheduleRule`, each given or not. */
export const clockOptions = (schedules: Schedules[]) =>
  fc.record(
    {
      schedule: fc.constantFrom(...schedules),
      scheduleRule: fc.constantFrom("perSegment", "atEvent") as fc.Arbitrary<
        "perSegment" | "atEvent"
      >,
    },
    { requiredKeys: [] },
  );

/** A metric's own options merged with {@link clockOptions} drawn from `schedules`. */
export function withClock<O extends ClockOptions>(
  plainOptions: fc.Arbitrary<object>,
  schedules: Schedules[],
): fc.Arbitrary<O> {
  return fc
    .tuple(plainOptions, clockOptions(schedules))
    .map(([plain, clock]) => ({ ...plain, ...clock }) as O);
}

/** What every duration metric's result holds. */
interface DurationResult {
  n: number;
  value: number | null;
  min: number | null;
  max: number | null;
}

/** A duration result: a value exactly when something was measured, within `[min, max]`. */
export function expectDurationBounds(result: DurationResult): void {
  expect(result.value === null).toBe(result.n === 0);
  if (result.value !== null) {
    expect(result.min).toBeGreaterThanOrEqual(0);
    expect(result.value).toBeGreaterThanOrEqual(result.min as number);
    expect(result.value).toBeLessThanOrEqual(result.max as number);
  }
}

/**
 * The test that durations are never negative, that the value lies in `[min, max]`, and that
 * every ticket is counted: measured or excluded for one of the reasons in `excluded`.
 */
export function durationsWithinBounds<O, S>(
  reducerOf: (
    options: O,
  ) => Reducer<Ticket, S, DurationResult & { excluded: Record<string, number> }>,
  tickets: fc.Arbitrary<Ticket[]>,
  options: fc.Arbitrary<O>,
): void {
  test("durations are never negative, value lies in [min, max], and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = reduce(ts, reducerOf(o));
        const excluded = totalExcluded(result.excluded);
        expect(result.n + excluded).toBe(ts.length);
        expectDurationBounds(result);
      }),
    );
  });
}

/**
 * The test that business time (with the {@link newYork} schedule) is never more than calendar
 * time for the same ticket, and is measured only when calendar time is.
 */
export function businessWithinCalendar<O extends ClockOptions, S>(
  reducerOf: (options: O) => Reducer<Ticket, S, { value: number | null }>,
  tickets: fc.Arbitrary<Ticket[]>,
  options: fc.Arbitrary<O>,
): void {
  test("business time is never more than calendar time for the same ticket", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        for (const t of ts) {
          const calendar = reduce([t], reducerOf({ ...o, clock: "calendar" })).value;
          const business = reduce([t], reducerOf({ ...o, schedule: newYork })).value;
          if (calendar === null) expect(business).toBeNull();
          else expect(business).toBeLessThanOrEqual(calendar + 1e-9);
        }
      }),
    );
  });
}
