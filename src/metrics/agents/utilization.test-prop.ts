import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { UtilizationInput } from "./utilization.ts";
import { utilizationReducer } from "./utilization.ts";

const BASE = Date.parse("2024-03-04T00:00:00Z");
const MINUTE = 60_000;
const intervalArb = fc
  .tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 10 * 60 }))
  .map(([start, length]) => ({
    start: new Date(BASE + start * MINUTE),
    end: new Date(BASE + (start + length) * MINUTE),
  }));
const shiftArb: fc.Arbitrary<UtilizationInput> = fc
  .record({
    agentId: fc.constantFrom("ana", "ben", "cy"),
    scheduled: fc.option(intervalArb, { freq: 5 }),
    working: fc.array(intervalArb, { maxLength: 5 }),
  })
  .map((s) => ({ ...s, startsAt: s.scheduled?.start ?? new Date(BASE) }));

describe("utilization properties", () => {
  reducerLaws(utilizationReducer, fc.array(shiftArb));

  test("after clipping the value never exceeds 100, and work is never counted twice", () => {
    fc.assert(
      fc.property(fc.array(shiftArb), (records) => {
        const result = reduce(records, utilizationReducer());
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
        if (result.value === null) expect(result.denominator).toBe(0);
        else {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        // counted + clipped work ≤ the plain sum of the used shifts' work intervals
        const used = records.filter((s) => s.scheduled && s.scheduled.end > s.scheduled.start);
        const sum = used
          .flatMap((s) => s.working)
          .reduce((t, i) => t + (i.end.getTime() - i.start.getTime()) / 1000, 0);
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
