import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { OccupancyInput } from "./occupancy.ts";
import { occupancyReducer } from "./occupancy.ts";

const BASE = Date.parse("2024-03-04T00:00:00Z");
const MINUTE = 60_000;
const intervalArb = fc
  .tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 10 * 60 }))
  .map(([start, length]) => ({
    start: new Date(BASE + start * MINUTE),
    end: new Date(BASE + (start + length) * MINUTE),
  }));
const shiftArb: fc.Arbitrary<OccupancyInput> = fc
  .record({
    agentId: fc.constantFrom("ana", "ben", "cy"),
    loggedIn: fc.array(intervalArb, { maxLength: 3 }),
    breaks: fc.array(intervalArb, { maxLength: 2 }),
    working: fc.array(intervalArb, { maxLength: 5 }),
  })
  .map((s) => ({ ...s, startsAt: s.loggedIn[0]?.start ?? new Date(BASE) }));

describe("occupancy properties", () => {
  reducerLaws(occupancyReducer, fc.array(shiftArb));

  test("the value lies in [0, 100], and available time never exceeds logged-in time", () => {
    fc.assert(
      fc.property(fc.array(shiftArb), (records) => {
        const result = reduce(records, occupancyReducer());
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
        if (result.value === null) expect(result.denominator).toBe(0);
        else {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        const loggedIn = records
          .filter((s) => s.loggedIn.some((i) => i.end > i.start))
          .flatMap((s) => s.loggedIn)
          .reduce((t, i) => t + (i.end.getTime() - i.start.getTime()) / 1000, 0);
        expect(result.denominator).toBeLessThanOrEqual(loggedIn);
        expect(result.shifts + result.excluded.notLoggedIn).toBe(records.length);
      }),
    );
  });
});
