import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type NpsInput, npsReducer } from "./nps.ts";

const respondedAt = new Date("2024-03-01T09:00:00Z");
const responses = fc.array(
  fc.record({
    kind: fc.constantFrom("nps", "nps", "nps", "csat") as fc.Arbitrary<NpsInput["kind"]>,
    score: fc.option(fc.integer({ min: 0, max: 10 }), { freq: 6 }),
    respondedAt: fc.constant(respondedAt),
  }),
);

describe("nps properties", () => {
  reducerLaws(npsReducer, responses);

  test("value is null or in [−100, 100], and every response is counted once", () => {
    fc.assert(
      fc.property(responses, (rs) => {
        const result = reduce(rs, npsReducer());
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(-100);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        expect(result.n + result.excluded.otherKind + result.excluded.unanswered).toBe(rs.length);
      }),
    );
  });

  test("agrees with %promoters − %detractors computed independently", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (scores) => {
        const promoters = scores.filter((s) => s >= 9).length / scores.length;
        const detractors = scores.filter((s) => s <= 6).length / scores.length;
        const result = reduce(
          scores.map((score) => ({ kind: "nps" as const, score, respondedAt })),
          npsReducer(),
        );
        expect(result.value).toBeCloseTo(100 * (promoters - detractors), 9);
      }),
    );
  });
});
