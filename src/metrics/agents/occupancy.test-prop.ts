import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  expectTimeRatioInRange,
  intervalArb,
  plainSeconds,
  shiftDay,
} from "../../../test/agentTime.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { OccupancyInput } from "./occupancy.ts";
import { occupancyReducer } from "./occupancy.ts";

const shiftArb: fc.Arbitrary<OccupancyInput> = fc
  .record({
    agentId: fc.constantFrom("ana", "ben", "cy"),
    loggedIn: fc.array(intervalArb, { maxLength: 3 }),
    breaks: fc.array(intervalArb, { maxLength: 2 }),
    working: fc.array(intervalArb, { maxLength: 5 }),
  })
  .map((s) => ({ ...s, startsAt: s.loggedIn[0]?.start ?? shiftDay }));

describe("occupancy properties", () => {
  reducerLaws(occupancyReducer, fc.array(shiftArb));

  test("the value lies in [0, 100], and available time never exceeds logged-in time", () => {
    fc.assert(
      fc.property(fc.array(shiftArb), (records) => {
        const result = reduce(records, occupancyReducer());
        expectTimeRatioInRange(result);
        const loggedIn = plainSeconds(
          records.filter((s) => s.loggedIn.some((i) => i.end > i.start)).flatMap((s) => s.loggedIn),
        );
        expect(result.denominator).toBeLessThanOrEqual(loggedIn);
        expect(result.shifts + result.excluded.notLoggedIn).toBe(records.length);
      }),
    );
  });
});
