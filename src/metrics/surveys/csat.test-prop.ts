import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { expectPercentRatio, reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { CsatInput, CsatMethod } from "./csat.ts";
import { csatReducer } from "./csat.ts";

const respondedAt = new Date("2024-03-01T09:00:00Z");
const response: fc.Arbitrary<CsatInput> = fc.record({
  kind: fc.constantFrom("csat", "csat", "csat", "nps") as fc.Arbitrary<CsatInput["kind"]>,
  score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 5 }),
  scale: fc.constant({ min: 1, max: 5 }),
  respondedAt: fc.constant(respondedAt),
});
const method = fc.constantFrom<CsatMethod>("top-box", "mean", "percent-of-max", "happiness");

describe("csat properties", () => {
  reducerLaws((m) => csatReducer({ method: m }), fc.array(response), { configs: method });

  test("top-box value is null or in [0, 100], numerator ≤ denominator, and every record is counted", () => {
    fc.assert(
      fc.property(fc.array(response), (rs) => {
        const result = reduce(rs, csatReducer());
        expectPercentRatio(result);
        expect(result.n + result.excluded.otherKind + result.excluded.unanswered).toBe(rs.length);
      }),
    );
  });
});
