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
import type { UtilizationInput } from "./utilization.ts";
import { utilizationReducer } from "./utilization.ts";

const shiftArb: fc.Arbitrary<UtilizationInput> = fc
  .record({
    agentId: fc.constantFrom("ana", "ben", "cy"),
    scheduled: fc.option(intervalArb, { freq: 5 }),
    working: fc.array(intervalArb, { maxLength: 5 }),
  })
  .map((s) => ({ ...s, startsAt: s.scheduled?.start ?? shiftDay }));

describe("utilization properties", () => {
  reducerLaws(utilizationReducer, fc.array(shiftArb));

  test("after clipping the value never exceeds 100, and work is never counted twice", () => {
    fc.assert(
      fc.property(fc.array(shiftArb), (records) => {
        const result = reduce(records, utilizationReducer());
        expectTimeRatioInRange(result);
        // counted + clipped work ≤ the plain sum of the used shifts' work intervals
        const used = records.filter((s) => s.scheduled && s.scheduled.end > s.scheduled.start);
        const sum = plainSeconds(used.flatMap((s) => s.working));
        expect(result.numerator + result.clipped).toBeLessThanOrEqual(sum);
        expect(result.shifts + result.excluded.unscheduled).toBe(records.length);
      }),
    );
  });

  test("duplicating every shift record changes nothing but the shift count", () => {
    fc.assert(
      fc.property(fc.array(shiftArb), (records) => {
        const once = reduce(records, utilizationReducer());
        const twice = reduce([...records, ...records], utilizationReducer());
        expect({ ...twice, shifts: once.shifts, excluded: once.excluded }).toEqual(once);
      }),
    );
  });
});
