import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { CesInput, CesOptions } from "./ces.ts";
import { cesReducer } from "./ces.ts";

const respondedAt = new Date("2024-03-01T09:00:00Z");
const scale = { min: 1, max: 7 };
const response: fc.Arbitrary<CesInput> = fc.record({
  kind: fc.constantFrom("ces", "ces", "ces", "csat") as fc.Arbitrary<CesInput["kind"]>,
  score: fc.option(fc.integer({ min: 1, max: 7 }), { freq: 5 }),
  scale: fc.constant(scale),
  respondedAt: fc.constant(respondedAt),
});
const options: fc.Arbitrary<CesOptions> = fc.record(
  { higherIsEasier: fc.boolean(), topBoxFrom: fc.integer({ min: 1, max: 7 }) },
  { requiredKeys: [] },
);

describe("ces properties", () => {
  reducerLaws(cesReducer, fc.array(response), { configs: options });

  test("the mean lies on the scale, easyShare in [0, 100], easy ≤ n, and every record is counted", () => {
    fc.assert(
      fc.property(fc.array(response), options, (rs, o) => {
        const result = reduce(rs, cesReducer(o));
        expect(result.value === null).toBe(result.n === 0);
        expect(result.easyShare === null).toBe(result.n === 0);
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(scale.min);
          expect(result.value).toBeLessThanOrEqual(scale.max);
        }
        if (result.easyShare !== null) {
          expect(result.easyShare).toBeGreaterThanOrEqual(0);
          expect(result.easyShare).toBeLessThanOrEqual(100);
        }
        expect(result.easy).toBeLessThanOrEqual(result.n);
        expect(result.n + result.excluded.otherKind + result.excluded.unanswered).toBe(rs.length);
      }),
    );
  });

  test("flipping the direction swaps easy and hard around the middle point by default", () => {
    fc.assert(
      fc.property(fc.array(response), (rs) => {
        const up = reduce(rs, cesReducer());
        const down = reduce(rs, cesReducer({ higherIsEasier: false }));
        const middle = rs.filter((r) => r.kind === "ces" && r.score === 4).length;
        expect(up.value).toBe(down.value);
        expect(up.easy + down.easy + middle).toBe(up.n);
      }),
    );
  });
});
